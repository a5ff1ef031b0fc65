package store_test

import (
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

func fieldKeys(err error) map[string]string {
	out := map[string]string{}
	if e, ok := aduan.AsError(err); ok {
		for _, f := range e.Fields {
			out[f.Field] = f.Key
		}
	}
	return out
}

// TestAgencyContactsParsed: an agency's contacts are checked on save on every
// surface's path (the store): the office line may be a landline, the
// WhatsApp must be a mobile, the e-mail an address; all are named at once
// and nothing is saved. Good values are stored in E.164.
func TestAgencyContactsParsed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		a := *f.dishub
		a.Phone, a.WhatsApp, a.Email = "12", "(021) 7773610", "bukan e-mail"
		err := f.st.RefData().SaveAgency(ctx, f.admin, &a)
		got := fieldKeys(err)
		if got["phone"] != "err.field.phone_number" || got["whatsapp"] != "err.field.phone_landline" || got["email"] != "err.field.email" {
			t.Fatalf("bad contacts: %v", err)
		}
		if cur, _ := f.st.RefData().Agency(ctx, a.ID); cur.Email != "" || cur.WhatsApp != "" {
			t.Errorf("saved: %+v", cur)
		}
		a.Phone, a.WhatsApp, a.Email = "021-2923 0770", "0812 1111 2222", "pju@dishub.example.org"
		if err := f.st.RefData().SaveAgency(ctx, f.admin, &a); err != nil {
			t.Fatal(err)
		}
		cur, _ := f.st.RefData().Agency(ctx, a.ID)
		if cur.Phone != "+622129230770" || cur.WhatsApp != "+6281211112222" || cur.Email != "pju@dishub.example.org" {
			t.Errorf("stored: %q %q %q", cur.Phone, cur.WhatsApp, cur.Email)
		}
		// A user's phone receives WhatsApp: a landline is refused.
		u := &aduan.User{Username: "pd.telp", Name: "PD Telp", Role: aduan.RoleOperatorPD, AgencyID: a.ID, Active: true, Phone: "(021) 7773610"}
		if err := f.st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-rahasia"); fieldKeys(err)["phone"] != "err.field.phone_landline" {
			t.Errorf("user with a landline: %v", err)
		}
		u.Phone = "0812-1111-3333"
		if err := f.st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-rahasia"); err != nil || u.Phone != "+6281211113333" {
			t.Errorf("user: %v, %q", err, u.Phone)
		}
		// The seed's contacts: DPUPR's WhatsApp moved out of its notes.
		if f.dpupr.WhatsApp != "+6285111606567" || f.dpupr.Phone != "+622187743196" || !strings.Contains(f.dpupr.Notes, "WhatsApp call center Sen-Jum") || strings.Contains(f.dpupr.Notes, "0851") {
			t.Errorf("DPUPR: %q %q %q", f.dpupr.WhatsApp, f.dpupr.Phone, f.dpupr.Notes)
		}
	})
}

// TestMigratePhones: numbers stored as typed before they were parsed are
// rewritten in E.164 once; those that cannot be are listed and left as
// they were.
func TestMigratePhones(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		db := f.st.DB()
		mustExec := func(q string, args ...any) {
			t.Helper()
			if _, err := db.ExecContext(ctx, q, args...); err != nil {
				t.Fatal(err)
			}
		}
		mustExec(`UPDATE agencies SET phone = $1, whatsapp = $2 WHERE id = $3`, "(021) 2923-0770", "0812 1111 2222", f.dishub.ID)
		mustExec(`UPDATE agencies SET whatsapp = $1 WHERE id = $2`, "021 7773610", f.dpupr.ID)
		mustExec(`UPDATE users SET phone = $1 WHERE id = $2`, "0812-9999-0000", f.pd.UserID)
		mustExec(`UPDATE users SET phone = $1 WHERE id = $2`, "hubungi kantor", f.pd2.UserID)
		// Already applied at Open: nothing happens.
		if p, err := f.st.Citizens().MigratePhones(ctx); err != nil || len(p) != 0 {
			t.Fatalf("second run: %v, %v", p, err)
		}
		if a, _ := f.st.RefData().Agency(ctx, f.dishub.ID); a.WhatsApp != "0812 1111 2222" {
			t.Errorf("second run changed %q", a.WhatsApp)
		}
		mustExec(`DELETE FROM schema_migrations WHERE version = 50`)
		problems, err := f.st.Citizens().MigratePhones(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := map[store.PhoneProblem]bool{{Entity: "agency", ID: f.dpupr.ID, Field: "whatsapp"}: true, {Entity: "user", ID: f.pd2.UserID, Field: "phone"}: true}
		if len(problems) != len(want) || !want[problems[0]] || !want[problems[1]] {
			t.Errorf("problems: %+v", problems)
		}
		dishub, _ := f.st.RefData().Agency(ctx, f.dishub.ID)
		dpupr, _ := f.st.RefData().Agency(ctx, f.dpupr.ID)
		u1, _ := f.st.Users().User(ctx, f.pd.UserID)
		u2, _ := f.st.Users().User(ctx, f.pd2.UserID)
		if dishub.Phone != "+622129230770" || dishub.WhatsApp != "+6281211112222" || dpupr.WhatsApp != "021 7773610" || u1.Phone != "+6281299990000" || u2.Phone != "hubungi kantor" {
			t.Errorf("after: %q %q %q %q %q", dishub.Phone, dishub.WhatsApp, dpupr.WhatsApp, u1.Phone, u2.Phone)
		}
	})
}

// TestAgencyReaches: the admin's and koordinator's list says which agencies a
// forward cannot notify (no WhatsApp, e-mail or operator with a mobile) and
// which have no operator; an operator's mobile makes an agency reachable.
func TestAgencyReaches(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		if _, err := f.st.RefData().AgencyReaches(ctx, f.op); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("operator: %v", err)
		}
		read := func() map[string]aduan.AgencyReach {
			t.Helper()
			list, err := f.st.RefData().AgencyReaches(ctx, f.koord)
			if err != nil {
				t.Fatal(err)
			}
			out := map[string]aduan.AgencyReach{}
			for _, r := range list {
				out[r.Agency.Code] = r
			}
			return out
		}
		got := read()
		if r := got["DPUPR"]; !r.Notifiable() || r.Operators != 1 {
			t.Errorf("DPUPR: %+v", r)
		}
		if r := got["DISHUB"]; r.Notifiable() || r.Operators != 1 || r.OperatorMobiles != 0 {
			t.Errorf("DISHUB: %+v", r)
		}
		if r := got["SETWAN"]; r.Notifiable() || r.Operators != 0 {
			t.Errorf("SETWAN: %+v", r)
		}
		u, _ := f.st.Users().User(ctx, f.pd2.UserID)
		u.Phone = "0812-4444-5555"
		if err := f.st.Users().UpdateUser(ctx, f.admin, u); err != nil {
			t.Fatal(err)
		}
		if r := read()["DISHUB"]; !r.Notifiable() || r.OperatorMobiles != 1 {
			t.Errorf("DISHUB with an operator's mobile: %+v", r)
		}
	})
}

// TestForwardToUnreachableAgency: a forward to an agency that neither a
// message nor the portal reaches is refused, naming reached_by, and changes
// nothing; recorded as phoned, it goes through and the event says so. An
// agency with an operator in the portal takes a plain forward.
func TestForwardToUnreachableAgency(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		setwan, err := f.st.RefData().AgencyByCode(ctx, "SETWAN")
		if err != nil {
			t.Fatal(err)
		}
		c, err := f.st.Complaints().CreateComplaint(ctx, f.op, aduan.NewComplaint{Text: "Pengaduan untuk DPRD.", CategoryID: f.category.ID, Citizen: &aduan.CitizenInput{Name: "Ani", Phone: "081233334444", Address: "Jl. Melati 1"}})
		if err != nil {
			t.Fatal(err)
		}
		before := count(t, f.st, "complaint_events")
		_, _, err = f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: setwan.ID})
		if fieldKeys(err)["reached_by"] != "err.field.agency_unreachable" {
			t.Fatalf("forward to an unreachable agency: %v", err)
		}
		if got, _ := f.st.Complaints().Complaint(ctx, f.op, c.ID); got.Status != aduan.StatusRecorded || count(t, f.st, "complaint_events") != before {
			t.Fatalf("refused forward changed the complaint: %s", got.Status)
		}
		if _, _, err = f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: setwan.ID, ReachedBy: "fax"}); fieldKeys(err)["reached_by"] != "err.field.choice" {
			t.Errorf("unknown reached_by: %v", err)
		}
		got, ev, err := f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: setwan.ID, ReachedBy: aduan.ReachedByPhone, Note: "Bu Rina, Bagian Umum"})
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != aduan.StatusForwarded || ev.Details["reached_by"] != "phone" || ev.Details["note"] != "Bu Rina, Bagian Umum" || ev.Met == nil {
			t.Errorf("phoned forward: %s %v met %v", got.Status, ev.Details, ev.Met)
		}
		// DISHUB has an operator (no mobile): the portal reaches it.
		c2, _ := f.st.Complaints().CreateComplaint(ctx, f.op, aduan.NewComplaint{Text: "Lampu jalan mati.", CategoryID: f.category.ID})
		if _, _, err := f.st.Complaints().ApplyAction(ctx, f.op, c2.ID, c2.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dishub.ID}); err != nil {
			t.Errorf("forward to DISHUB: %v", err)
		}
	})
}
