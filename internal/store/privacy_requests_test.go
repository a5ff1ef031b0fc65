package store_test

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

func (w *privacyWorld) request(t *testing.T, kind aduan.PrivacyRequestKind, phone string) *aduan.PrivacyRequest {
	t.Helper()
	r, err := w.st.Privacy().CreateRequest(ctx, w.koord, aduan.NewPrivacyRequest{Kind: kind, Phone: phone, Requester: "yang bersangkutan", Via: "surat", ReceivedAt: w.st.Now()})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestSubjectExportHoldsOnlyTheirs: everything about Ani (both complaints,
// the SMS in and out, the one no complaint holds, her photo, the audit of
// her record), nothing of Budi or Citra.
func TestSubjectExportHoldsOnlyTheirs(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		w := newPrivacyWorld(t, d)
		r := w.request(t, aduan.RequestAccess, "+62 812-3456-7890")
		if r.SubjectPhone != "+6281234567890" {
			t.Errorf("subject phone %q", r.SubjectPhone)
		}
		dos, err := w.st.Privacy().Lookup(ctx, w.koord, r.ID)
		if err != nil {
			t.Fatal(err)
		}
		var nums []string
		for _, c := range dos.Complaints {
			nums = append(nums, c.Number)
		}
		if len(dos.Citizens) != 1 || len(dos.Complaints) != 3 || nums[0] != w.ani.Number || nums[1] != w.ani2.Number || len(dos.Stated) != 1 || dos.Stated[0].Name != "Ani Wibowo" {
			t.Errorf("citizens %d, complaints %v, stated %+v", len(dos.Citizens), nums, dos.Stated)
		}
		if len(dos.Messages) != 3 || len(dos.Attachments) != 1 || len(dos.Events[w.ani.ID]) == 0 || len(dos.Audit) == 0 {
			t.Errorf("messages %d, attachments %d, events %d, audit %d", len(dos.Messages), len(dos.Attachments), len(dos.Events[w.ani.ID]), len(dos.Audit))
		}
		b, _ := json.Marshal(dos)
		for _, other := range []string{"Budi", "81399991111", "Citra", "Sampah menumpuk", w.budi.Number, w.citra.Number} {
			if strings.Contains(string(b), other) {
				t.Errorf("Ani's export holds %q", other)
			}
		}
		// The look-up is audited, without her contact.
		e, err := w.st.Audit(ctx, w.koord, aduan.AuditFilter{Action: "privacy_request.lookup"})
		if err != nil || len(e) != 1 || strings.Contains(e[0].After, "812") {
			t.Errorf("audit of the look-up: %v %+v", err, e)
		}
	})
}

// TestErasureKeepsAnOpenComplaintAndSaysWhy: Budi's open complaint and his
// identity stay (the outcome names it and the reason); his closed one loses
// his name. Ani, all done, is erased; only a hash of her number stays on
// her request, by which it is still found.
func TestErasureKeepsAnOpenComplaintAndSaysWhy(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		w := newPrivacyWorld(t, d)
		p := w.st.Privacy()
		old, err := w.st.Complaints().CreateComplaint(ctx, w.op, aduan.NewComplaint{Text: "Pohon tumbang, Budi Hartono melapor.", KelurahanCode: w.kel,
			Citizen: &aduan.CitizenInput{Phone: "081399991111"}})
		if err != nil {
			t.Fatal(err)
		}
		old, _, _ = w.st.Complaints().ApplyAction(ctx, w.op, old.ID, old.Version, aduan.ActionAnswer, aduan.ActionInput{Answer: "Sudah ditangani.", Source: aduan.SourceDirect, CategoryID: w.category.ID})
		if _, _, err := w.st.Complaints().ApplyAction(ctx, w.op, old.ID, old.Version, aduan.ActionClose, aduan.ActionInput{}); err != nil {
			t.Fatal(err)
		}
		r := w.request(t, aduan.RequestErasure, "081399991111")
		plan, err := p.PlanErasure(ctx, w.koord, r.ID)
		if err != nil || len(plan.Kept) != 1 || plan.Kept[0].Number != w.budi.Number || len(plan.Anonymise) != 1 {
			t.Fatalf("plan: %v %+v", err, plan)
		}
		done, err := p.Erase(ctx, w.koord, r.ID, r.Version, w.files)
		if err != nil {
			t.Fatal(err)
		}
		o := done.Outcome
		if done.Status != aduan.RequestDone || len(o.Kept) != 1 || o.Kept[0].Number != w.budi.Number || o.Kept[0].Reason != aduan.KeepReasonOpen || !o.IdentityKept {
			t.Errorf("outcome: %s %+v", done.Status, o)
		}
		if len(o.Anonymised) != 1 || o.Anonymised[0] != old.Number {
			t.Errorf("anonymised: %v, want %s", o.Anonymised, old.Number)
		}
		if cz, err := w.st.Citizens().CitizenByPhone(ctx, w.op, "081399991111"); err != nil || cz.Name != "Budi Hartono" {
			t.Errorf("Budi's identity must stay for his open complaint: %v %+v", err, cz)
		}
		c, _ := w.st.Complaints().Complaint(ctx, w.koord, old.ID)
		if strings.Contains(c.Text, "Budi") || strings.Contains(c.Text, "Hartono") {
			t.Errorf("his closed complaint still names him: %q", c.Text)
		}
		open, _ := w.st.Complaints().Complaint(ctx, w.koord, w.budi.ID)
		if !strings.Contains(open.Text, "Budi Hartono") {
			t.Errorf("his open complaint changed: %q", open.Text)
		}
		// A second erasure of a closed request is refused.
		if _, err := p.Erase(ctx, w.koord, r.ID, done.Version, w.files); aduan.ErrorCode(err) != aduan.ETRANSITION {
			t.Errorf("erasing twice: %v", err)
		}

		ra := w.request(t, aduan.RequestErasure, "081234567890")
		da, err := p.Erase(ctx, w.koord, ra.ID, ra.Version, w.files)
		if err != nil {
			t.Fatal(err)
		}
		if len(da.Outcome.Kept) != 0 || da.Outcome.IdentityKept || da.SubjectPhone != "" || da.Outcome.Photos != 1 || da.Outcome.Messages != 3 {
			t.Errorf("Ani's erasure: %+v subject %q", da.Outcome, da.SubjectPhone)
		}
		all := everything(t, w.st)
		for _, s := range w.secrets {
			if strings.Contains(all, s) {
				i := strings.Index(all, s)
				t.Errorf("%q still stored after her erasure: …%s…", s, all[max(0, i-200):min(len(all), i+40)])
			}
		}
		var n int
		w.st.DB().QueryRow(`SELECT COUNT(*) FROM privacy_requests WHERE subject_phone LIKE '%812345%' OR requester LIKE '%Ani%'`).Scan(&n)
		if n != 0 {
			t.Errorf("her request keeps her number")
		}
		found, err := p.FindRequestsBySubject(ctx, w.koord, "0812-3456-7890", "")
		if err != nil || len(found) != 1 || found[0].ID != ra.ID {
			t.Errorf("finding her request by her number: %v %d", err, len(found))
		}
	})
}

// TestPrivacyDeadlinesAndRoles: the acknowledgement is due 3×24 hours
// after the request came (another period when set), the breach
// notifications 3×24 hours after discovery; who may do what is the role
// table's rule, checked by the store.
func TestPrivacyDeadlinesAndRoles(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		p := f.st.Privacy()
		now := time.Date(2026, 12, 7, 23, 30, 0, 0, aduan.WIB)
		f.st.Now = func() time.Time { return now }
		recv := time.Date(2026, 12, 7, 22, 30, 0, 0, aduan.WIB)
		r, err := p.CreateRequest(ctx, f.koord, aduan.NewPrivacyRequest{Kind: aduan.RequestAccess, Email: "Ani@Example.ID", Requester: "Ani", ReceivedAt: recv})
		if err != nil {
			t.Fatal(err)
		}
		if want := time.Date(2026, 12, 10, 22, 30, 0, 0, aduan.WIB); !r.DueAt.Equal(want) || r.SubjectEmail != "ani@example.id" {
			t.Errorf("due %s, want %s (%q)", r.DueAt.In(aduan.WIB), want, r.SubjectEmail)
		}
		if err := f.st.RefData().SetSettings(ctx, f.admin, map[string]string{"privacy_request_hours": "48", "breach_notify_hours": "24"}); err != nil {
			t.Fatal(err)
		}
		r2, err := p.CreateRequest(ctx, f.koord, aduan.NewPrivacyRequest{Kind: aduan.RequestErasure, Phone: "081234567890", Requester: "Ani", ReceivedAt: recv})
		if err != nil || !r2.DueAt.Equal(recv.Add(48*time.Hour)) {
			t.Errorf("with 48 hours: %v %s", err, r2.DueAt)
		}
		if _, err := p.CreateRequest(ctx, f.koord, aduan.NewPrivacyRequest{Kind: aduan.RequestAccess, Requester: "Ani", ReceivedAt: now.Add(time.Hour), Phone: "08x"}); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Errorf("a request from the future with a bad phone: %v", err)
		}
		r, err = p.Acknowledge(ctx, f.koord, r.ID, r.Version)
		if err != nil || r.Status != aduan.RequestAcknowledged || r.AcknowledgedAt == nil || r.Overdue(now.Add(100*time.Hour)) {
			t.Errorf("acknowledge: %v %+v", err, r)
		}
		if _, err := p.Acknowledge(ctx, f.koord, r.ID, r.Version-1); aduan.ErrorCode(err) != aduan.ECONFLICT {
			t.Errorf("stale acknowledge: %v", err)
		}
		if _, err := p.CloseRequest(ctx, f.koord, r.ID, r.Version, aduan.RequestRefused, ""); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Errorf("refused without a reason: %v", err)
		}
		b, err := p.SaveBreach(ctx, f.admin, 0, 0, aduan.BreachInput{Title: "Laptop hilang", Description: "Laptop operator berisi ekspor CSV hilang.",
			DiscoveredAt: recv, AffectedCount: 120, Affected: "pelapor Oktober", DataKinds: []string{"name", "phone"}})
		if err != nil {
			t.Fatal(err)
		}
		if !b.DueAt.Equal(recv.Add(24*time.Hour)) || !b.Pending() {
			t.Errorf("breach due %s pending %v", b.DueAt, b.Pending())
		}
		in := aduan.BreachInput{Title: b.Title, Description: b.Description, DiscoveredAt: recv, AffectedCount: 120, DataKinds: []string{"name", "phone"},
			SubjectsNotifiedAt: &now, SubjectsNotice: "SMS", AuthorityNotifiedAt: &now, AuthorityNotice: "surat ke Komdigi"}
		if b, err = p.SaveBreach(ctx, f.koord, b.ID, b.Version, in); err != nil || b.Pending() {
			t.Errorf("notified: %v %+v", err, b)
		}
		in.DataKinds = []string{"shoe size"}
		if _, err := p.SaveBreach(ctx, f.admin, b.ID, b.Version, in); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Errorf("unknown data kind: %v", err)
		}
		ppid := f.actor(t, "ppid", aduan.RolePPIDUtama, 0)
		for _, a := range []aduan.Actor{f.op, f.kasi, f.pd, ppid} {
			if _, err := p.Breaches(ctx, a); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
				t.Errorf("%s opens the breach log: %v", a.Role, err)
			}
			if _, err := p.SaveBreach(ctx, a, 0, 0, in); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
				t.Errorf("%s records a breach: %v", a.Role, err)
			}
		}
		for _, a := range []aduan.Actor{f.op, f.admin, f.kasi, f.pd, ppid} {
			if _, err := p.Requests(ctx, a); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
				t.Errorf("%s lists data subjects' requests: %v", a.Role, err)
			}
			if _, err := p.Lookup(ctx, a, r2.ID); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
				t.Errorf("%s looks a person up: %v", a.Role, err)
			}
			if _, err := p.Erase(ctx, a, r2.ID, r2.Version, nil); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
				t.Errorf("%s erases: %v", a.Role, err)
			}
		}
		if _, err := p.Retention(ctx, f.pd, true, nil); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("an agency runs retention: %v", err)
		}
	})
}

// TestCorrectionOfTheSubjectOnly: a correction changes the subject's own
// record (audited as the citizen's update) and notes the fields on the
// request; another citizen's record cannot be reached through it.
func TestCorrectionOfTheSubjectOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		w := newPrivacyWorld(t, d)
		p := w.st.Privacy()
		r := w.request(t, aduan.RequestCorrection, "081234567890")
		cz, err := w.st.Citizens().CitizenByPhone(ctx, w.op, "081234567890")
		if err != nil {
			t.Fatal(err)
		}
		budi, _ := w.st.Citizens().CitizenByPhone(ctx, w.op, "081399991111")
		in := aduan.CitizenInput{Name: cz.Name, Phone: "081234567890", Email: cz.Email, Address: "Jl. Anggrek 7", KelurahanCode: cz.KelurahanCode}
		if _, err := p.Correct(ctx, w.koord, r.ID, r.Version, budi.ID, budi.Version, in); aduan.ErrorCode(err) != aduan.ENOTFOUND {
			t.Errorf("correcting another citizen: %v", err)
		}
		if _, err := p.Correct(ctx, w.op, r.ID, r.Version, cz.ID, cz.Version, in); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("an operator corrects under a request: %v", err)
		}
		done, err := p.Correct(ctx, w.koord, r.ID, r.Version, cz.ID, cz.Version, in)
		if err != nil {
			t.Fatal(err)
		}
		if len(done.Outcome.Corrected) != 1 || done.Outcome.Corrected[0] != "address" {
			t.Errorf("corrected: %v", done.Outcome.Corrected)
		}
		if now, _ := w.st.Citizens().CitizenByPhone(ctx, w.op, "081234567890"); now.Address != "Jl. Anggrek 7" {
			t.Errorf("address %q", now.Address)
		}
		if b, _ := w.st.Citizens().CitizenByPhone(ctx, w.op, "081399991111"); b.Address != budi.Address {
			t.Errorf("Budi changed")
		}
		e, _ := w.st.Audit(ctx, w.koord, aduan.AuditFilter{Entity: "citizen", EntityID: fmt.Sprint(cz.ID), Action: "citizen.update"})
		if len(e) == 0 || e[0].ActorName != w.koord.Name {
			t.Errorf("the correction is not audited as the coordinator's: %+v", e)
		}
	})
}
