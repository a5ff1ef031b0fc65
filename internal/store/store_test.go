package store_test

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

var ctx = context.Background()

// fixture is a seeded store with users of each kind.
type fixture struct {
	st       *store.Store
	op, op2  aduan.Actor
	pd, pd2  aduan.Actor // agency operators of DPUPR and DISHUB
	koord    aduan.Actor
	kasi     aduan.Actor
	admin    aduan.Actor
	dpupr    *aduan.Agency
	dishub   *aduan.Agency
	category *aduan.Category // JALAN_RUSAK, default DPUPR
	kel      string
}

func newFixture(t *testing.T, d store.Dialect) *fixture {
	t.Helper()
	st := dbtest.OpenSeeded(t, d)
	f := &fixture{st: st, kel: "32.76.05.1001"}
	var err error
	if f.dpupr, err = st.RefData().AgencyByCode(ctx, "DPUPR"); err != nil {
		t.Fatal(err)
	}
	if f.dishub, err = st.RefData().AgencyByCode(ctx, "DISHUB"); err != nil {
		t.Fatal(err)
	}
	cats, err := st.RefData().Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for i := range cats {
		if cats[i].Code == "JALAN_RUSAK" {
			f.category = &cats[i]
		}
	}
	mk := func(name string, role aduan.Role, agency int64) aduan.Actor {
		u := &aduan.User{Username: name, Name: strings.ToUpper(name), Role: role, AgencyID: agency, Active: true}
		if err := st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-rahasia"); err != nil {
			t.Fatalf("user %s: %v", name, err)
		}
		return u.Actor()
	}
	f.op = mk("op1", aduan.RoleOperatorCC, 0)
	f.op2 = mk("op2", aduan.RoleOperatorCC, 0)
	f.pd = mk("pd1", aduan.RoleOperatorPD, f.dpupr.ID)
	f.pd2 = mk("pd2", aduan.RoleOperatorPD, f.dishub.ID)
	f.koord = mk("koord", aduan.RoleKoordinatorCC, 0)
	f.kasi = mk("kasi", aduan.RoleKasiKabid, 0)
	f.admin = mk("admin1", aduan.RoleAdmin, 0)
	return f
}

func (f *fixture) complaint(t *testing.T, phone string) *aduan.Complaint {
	t.Helper()
	c, err := f.st.Complaints().CreateComplaint(ctx, f.op, aduan.NewComplaint{
		Text: "Jalan berlubang besar di depan SDN Abadijaya, sudah dua minggu belum diperbaiki.", Address: "Jl. Raya Bogor",
		KelurahanCode: f.kel, CategoryID: f.category.ID,
		Citizen: &aduan.CitizenInput{Name: "Ani Suryani", Phone: phone, Address: "Jl. Kenanga 3"},
	})
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	return c
}

func count(t *testing.T, st *store.Store, table string) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestMigrationsAndReferenceAreIdempotent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		dir := t.TempDir()
		cfg := store.Config{DataDir: dir}
		if d == store.Postgres {
			cfg = store.Config{URL: dbtest.PostgresURL(t)}
		}
		for i := 0; i < 2; i++ {
			st, err := store.Open(ctx, cfg)
			if err != nil {
				t.Fatalf("open #%d: %v", i, err)
			}
			loaded, err := st.RefData().ImportReference(ctx, store.Reference{Agencies: []aduan.Agency{{Code: "X1", Name: "Dinas X", Active: true}}})
			if err != nil {
				t.Fatal(err)
			}
			if loaded != (i == 0) {
				t.Errorf("open #%d: loaded = %v", i, loaded)
			}
			ags, _ := st.RefData().Agencies(ctx)
			if len(ags) != 1 {
				t.Errorf("open #%d: %d agencies, want 1", i, len(ags))
			}
			st.Close()
		}
	})
}

func TestCreateComplaintNumbersCitizenEventAudit(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		now := time.Date(2026, 11, 27, 9, 0, 0, 0, aduan.WIB)
		f.st.Now = func() time.Time { return now }
		a := f.complaint(t, "0812-3456-7890")
		b := f.complaint(t, "+62 812 3456 7890") // the same caller, another spelling
		if a.Number != "ADU-2026-000001" || b.Number != "ADU-2026-000002" {
			t.Errorf("numbers %s, %s", a.Number, b.Number)
		}
		if a.CitizenID == 0 || a.CitizenID != b.CitizenID {
			t.Errorf("returning caller not recognised: %d vs %d", a.CitizenID, b.CitizenID)
		}
		if a.Citizen.Phone != "+6281234567890" {
			t.Errorf("phone stored as %q", a.Citizen.Phone)
		}
		if a.KecamatanCode != "32.76.05" || a.KecamatanName != "Sukmajaya" || a.AgencyName != "" || a.CategoryName == "" {
			t.Errorf("derived fields: %+v", a)
		}
		if a.Priority != aduan.PriorityNormal {
			t.Errorf("priority from category = %s", a.Priority)
		}
		// The deadline of the recorded complaint is the forward standard.
		if a.Clock.Step != aduan.StepForward || !a.Clock.Deadline.Equal(now.Add(25*time.Minute)) {
			t.Errorf("clock = %+v", a.Clock)
		}
		evs, err := f.st.Complaints().Events(ctx, f.op, a.ID)
		if err != nil || len(evs) != 1 || evs[0].Action != aduan.ActionCreate || evs[0].Step != aduan.StepIntake || evs[0].Met == nil || !*evs[0].Met {
			t.Fatalf("events = %+v, %v", evs, err)
		}
		audit, err := f.st.Audit(ctx, f.koord, aduan.AuditFilter{Entity: "complaint"})
		if err != nil || len(audit) != 2 || audit[0].Action != "complaint.create" || audit[0].ActorID != f.op.UserID {
			t.Fatalf("audit = %+v, %v", audit, err)
		}
		// A new year starts a new sequence.
		next := time.Date(2027, 1, 1, 0, 30, 0, 0, aduan.WIB)
		f.st.Now = func() time.Time { return next }
		c := f.complaint(t, "081234567891")
		if c.Number != "ADU-2027-000001" {
			t.Errorf("new year number = %s", c.Number)
		}
	})
}

func TestCreateComplaintBadInputChangesNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		before := [3]int{count(t, f.st, "complaints"), count(t, f.st, "citizens"), count(t, f.st, "audit_log")}
		cases := []struct {
			name  string
			in    aduan.NewComplaint
			field string
		}{
			{"empty text", aduan.NewComplaint{Text: "  "}, "text"},
			{"unknown kelurahan", aduan.NewComplaint{Text: "x", KelurahanCode: "99.99"}, "kelurahan_code"},
			{"unknown category", aduan.NewComplaint{Text: "x", CategoryID: 99999}, "category_id"},
			{"bad phone", aduan.NewComplaint{Text: "x", Citizen: &aduan.CitizenInput{Name: "A", Phone: "12345"}}, "citizen.phone"},
			{"foreign number", aduan.NewComplaint{Text: "x", Citizen: &aduan.CitizenInput{Name: "A", Phone: "+1 202 555 0123"}}, "citizen.phone"},
			{"bad email", aduan.NewComplaint{Text: "x", Citizen: &aduan.CitizenInput{Name: "A", Email: "not-an-email"}}, "citizen.email"},
			{"unknown citizen kelurahan", aduan.NewComplaint{Text: "x", Citizen: &aduan.CitizenInput{Name: "A", Phone: "081299990000", KelurahanCode: "1"}}, "citizen.kelurahan_code"},
		}
		for _, tc := range cases {
			_, err := f.st.Complaints().CreateComplaint(ctx, f.op, tc.in)
			e, ok := aduan.AsError(err)
			if !ok || e.Code != aduan.EINVALID {
				t.Errorf("%s: err = %v", tc.name, err)
				continue
			}
			found := false
			for _, fe := range e.Fields {
				found = found || fe.Field == tc.field
			}
			if !found {
				t.Errorf("%s: fields %+v lack %s", tc.name, e.Fields, tc.field)
			}
		}
		after := [3]int{count(t, f.st, "complaints"), count(t, f.st, "citizens"), count(t, f.st, "audit_log")}
		if before != after {
			t.Errorf("rows changed by bad input: %v → %v", before, after)
		}
		// Roles that do not take calls cannot record one.
		for _, a := range []aduan.Actor{f.pd, f.kasi, f.admin} {
			if _, err := f.st.Complaints().CreateComplaint(ctx, a, aduan.NewComplaint{Text: "x"}); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
				t.Errorf("%s create: %v", a.Role, err)
			}
		}
	})
}

func TestWorkflowStaleAndIllegalChangeNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		c := f.complaint(t, "081234567890")
		events := count(t, f.st, "complaint_events")
		// Illegal: relay a recorded complaint.
		if _, _, err := f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionRelay, aduan.ActionInput{Answer: "x"}); aduan.ErrorCode(err) != aduan.ETRANSITION {
			t.Errorf("relay from recorded: %v", err)
		}
		// Unknown agency.
		if _, _, err := f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: 424242}); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Errorf("forward to unknown agency: %v", err)
		}
		// Two operators act on the same version: one wins, one gets a conflict.
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i, a := range []aduan.Actor{f.op, f.op2} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, _, errs[i] = f.st.Complaints().ApplyAction(ctx, a, c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
			}()
		}
		wg.Wait()
		ok, conflicts := 0, 0
		for _, err := range errs {
			switch aduan.ErrorCode(err) {
			case "":
				ok++
			case aduan.ECONFLICT:
				conflicts++
			default:
				t.Errorf("unexpected: %v", err)
			}
		}
		if ok != 1 || conflicts != 1 {
			t.Errorf("ok=%d conflicts=%d, want 1 and 1", ok, conflicts)
		}
		if n := count(t, f.st, "complaint_events"); n != events+1 {
			t.Errorf("events %d → %d, want exactly one more", events, n)
		}
		cur, _ := f.st.Complaints().Complaint(ctx, f.op, c.ID)
		if cur.Status != aduan.StatusForwarded || cur.Version != c.Version+1 || cur.AgencyID != f.dpupr.ID {
			t.Errorf("after race: %s v%d agency %d", cur.Status, cur.Version, cur.AgencyID)
		}
		// The stale version is refused even for a legal step.
		if _, _, err := f.st.Complaints().ApplyAction(ctx, f.pd, c.ID, c.Version, aduan.ActionAcknowledge, aduan.ActionInput{}); aduan.ErrorCode(err) != aduan.ECONFLICT {
			t.Errorf("stale acknowledge: %v", err)
		}
	})
}

func TestTransitionRollsBackWhenAJobCannotBeQueued(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		c := f.complaint(t, "081234567890")
		events, audits := count(t, f.st, "complaint_events"), count(t, f.st, "audit_log")
		var notified []aduan.Action
		f.st.AfterCommit(func(c *aduan.Complaint, ev *aduan.Event) { notified = append(notified, ev.Action) })
		boom := errors.New("queue unavailable")
		f.st.SetTransitionHooks(func(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, ev *aduan.Event) error { return boom })
		if _, _, err := f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID}); !errors.Is(err, boom) {
			t.Fatalf("err = %v", err)
		}
		f.st.SetTransitionHooks()
		cur, _ := f.st.Complaints().Complaint(ctx, f.op, c.ID)
		if cur.Status != aduan.StatusRecorded || cur.Version != c.Version {
			t.Errorf("state changed without its job: %s v%d", cur.Status, cur.Version)
		}
		if count(t, f.st, "complaint_events") != events || count(t, f.st, "audit_log") != audits {
			t.Error("event or audit written without the job")
		}
		if len(notified) != 0 {
			t.Errorf("consoles told of a change that did not happen: %v", notified)
		}
		if _, _, err := f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID}); err != nil {
			t.Fatal(err)
		}
		if len(notified) != 1 || notified[0] != aduan.ActionForward {
			t.Errorf("after-commit hooks saw %v", notified)
		}
	})
}

func TestAgencyScopeAndConfidentialReads(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		a := f.complaint(t, "081234567890")
		b := f.complaint(t, "081234567891")
		if _, _, err := f.st.Complaints().ApplyAction(ctx, f.op, a.ID, a.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.st.Complaints().ApplyAction(ctx, f.op, b.ID, b.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dishub.ID}); err != nil {
			t.Fatal(err)
		}
		list, _, err := f.st.Complaints().ListComplaints(ctx, f.pd, aduan.ComplaintFilter{})
		if err != nil || len(list) != 1 || list[0].ID != a.ID {
			t.Errorf("DPUPR sees %d complaints (%v)", len(list), err)
		}
		if _, err := f.st.Complaints().Complaint(ctx, f.pd, b.ID); aduan.ErrorCode(err) != aduan.ENOTFOUND {
			t.Errorf("DPUPR reads DISHUB's complaint: %v", err)
		}
		if _, err := f.st.Complaints().Complaint(ctx, f.admin, a.ID); aduan.ErrorCode(err) != aduan.ENOTFOUND {
			t.Errorf("admin reads a complaint: %v", err)
		}
		// Reading a confidential complaint leaves a trace.
		conf := aduan.Confidential
		cur, _ := f.st.Complaints().Complaint(ctx, f.op, a.ID)
		if _, err := f.st.Complaints().EditComplaint(ctx, f.op, a.ID, cur.Version, aduan.ComplaintPatch{Confidentiality: &conf}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.st.Complaints().Complaint(ctx, f.pd, a.ID); err != nil {
			t.Fatal(err)
		}
		reads, _ := f.st.Audit(ctx, f.koord, aduan.AuditFilter{Action: "complaint.read_confidential"})
		if len(reads) != 1 || reads[0].ActorID != f.pd.UserID {
			t.Errorf("confidential reads audited: %+v", reads)
		}
	})
}

func TestListFiltersAndKeysetPaging(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		var ids []int64
		for i := 0; i < 7; i++ {
			ids = append(ids, f.complaint(t, "08123456789"+string(rune('0'+i))).ID)
		}
		var got []int64
		cursor := int64(0)
		for pages := 0; pages < 10; pages++ {
			list, next, err := f.st.Complaints().ListComplaints(ctx, f.op, aduan.ComplaintFilter{Limit: 3, Before: cursor})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range list {
				got = append(got, c.ID)
			}
			if next == 0 {
				break
			}
			cursor = next
		}
		if len(got) != 7 || got[0] != ids[6] || got[6] != ids[0] {
			t.Errorf("paged ids %v, want newest first %v", got, ids)
		}
		list, _, _ := f.st.Complaints().ListComplaints(ctx, f.op, aduan.ComplaintFilter{Query: "sdn abadijaya"})
		if len(list) != 7 {
			t.Errorf("text search found %d", len(list))
		}
		list, _, _ = f.st.Complaints().ListComplaints(ctx, f.op, aduan.ComplaintFilter{Query: "tidak ada kata ini"})
		if len(list) != 0 {
			t.Errorf("text search found %d for a missing phrase", len(list))
		}
		list, _, _ = f.st.Complaints().ListComplaints(ctx, f.op, aduan.ComplaintFilter{Query: strings.ToLower(aduan.FormatNumber(time.Now().In(aduan.WIB).Year(), 3))})
		if len(list) != 1 || list[0].ID != ids[2] {
			t.Errorf("number search: %d results", len(list))
		}
		list, _, _ = f.st.Complaints().ListComplaints(ctx, f.op, aduan.ComplaintFilter{KecamatanCode: "32.76.01"})
		if len(list) != 0 {
			t.Errorf("kecamatan filter let %d through", len(list))
		}
		list, _, _ = f.st.Complaints().ListComplaints(ctx, f.op, aduan.ComplaintFilter{Statuses: []aduan.Status{aduan.StatusRecorded}, KecamatanCode: "32.76.05"})
		if len(list) != 7 {
			t.Errorf("status+kecamatan: %d", len(list))
		}
	})
}

func TestAuditAndEventsAreAppendOnly(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		f.complaint(t, "081234567890")
		for _, q := range []string{"UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log", "UPDATE complaint_events SET action = 'x'", "DELETE FROM complaint_events"} {
			if _, err := f.st.DB().Exec(q); err == nil {
				t.Errorf("%s succeeded", q)
			}
		}
	})
}

func TestAuthenticationLockoutSessionsTokens(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		f.st.Now = newStillClock().now // the limiter's windows do not turn over
		if _, err := f.st.Users().Authenticate(ctx, "op1", "salah", "10.0.0.1"); aduan.ErrorCode(err) != aduan.EUNAUTHORIZED {
			t.Errorf("wrong password: %v", err)
		}
		if _, err := f.st.Users().Authenticate(ctx, "nobody", "x", "10.0.0.1"); aduan.ErrorCode(err) != aduan.EUNAUTHORIZED {
			t.Errorf("unknown user: %v", err)
		}
		u, err := f.st.Users().Authenticate(ctx, " OP1 ", "kata-sandi-rahasia", "10.0.0.1")
		if err != nil || u.ID != f.op.UserID {
			t.Fatalf("login: %v", err)
		}
		for i := 0; i < store.MaxFailedLogins; i++ {
			f.st.Users().Authenticate(ctx, "op2", "salah", "10.0.0.1")
		}
		if _, err := f.st.Users().Authenticate(ctx, "op2", "kata-sandi-rahasia", "10.0.0.1"); aduan.ErrorCode(err) != aduan.ERATELIMIT {
			t.Errorf("locked account let in: %v", err)
		}
		tok, err := f.st.Users().CreateSession(ctx, f.op.UserID, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		if u, err := f.st.Users().SessionUser(ctx, tok); err != nil || u.ID != f.op.UserID {
			t.Errorf("session user: %v", err)
		}
		if err := f.st.Users().DeleteSession(ctx, tok); err != nil {
			t.Fatal(err)
		}
		if _, err := f.st.Users().SessionUser(ctx, tok); aduan.ErrorCode(err) != aduan.EUNAUTHORIZED {
			t.Errorf("session after logout: %v", err)
		}
		secret, tk, err := f.st.Users().CreateToken(ctx, f.op, f.op.UserID, "PBX")
		if err != nil {
			t.Fatal(err)
		}
		var stored string
		f.st.DB().QueryRow("SELECT hash FROM api_tokens WHERE id = $1", tk.ID).Scan(&stored)
		if stored == secret || strings.Contains(stored, secret) {
			t.Error("token stored in clear")
		}
		if u, err := f.st.Users().TokenUser(ctx, secret); err != nil || u.ID != f.op.UserID {
			t.Errorf("token user: %v", err)
		}
		if err := f.st.Users().RevokeToken(ctx, f.op2, tk.ID); aduan.ErrorCode(err) != aduan.ENOTFOUND {
			t.Errorf("another operator revoked my token: %v", err)
		}
		if err := f.st.Users().RevokeToken(ctx, f.op, tk.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := f.st.Users().TokenUser(ctx, secret); aduan.ErrorCode(err) != aduan.EUNAUTHORIZED {
			t.Errorf("revoked token works: %v", err)
		}
		// Deactivating a user ends their sessions at once.
		tok, _ = f.st.Users().CreateSession(ctx, f.op2.UserID, time.Hour)
		u2, _ := f.st.Users().User(ctx, f.op2.UserID)
		u2.Active = false
		if err := f.st.Users().UpdateUser(ctx, f.admin, u2); err != nil {
			t.Fatal(err)
		}
		if _, err := f.st.Users().SessionUser(ctx, tok); aduan.ErrorCode(err) != aduan.EUNAUTHORIZED {
			t.Errorf("deactivated user's session: %v", err)
		}
	})
}

func TestStandardsAndHolidays(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		// The koordinator may change the standards (issue 15); an operator
		// may not.
		if err := f.st.RefData().SetStandard(ctx, f.op, aduan.StepForward, aduan.Standard{Amount: 1, Unit: aduan.UnitHour}); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("operator changed a standard: %v", err)
		}
		if err := f.st.RefData().SetStandard(ctx, f.koord, aduan.StepForward, aduan.Standard{Amount: 2, Unit: aduan.UnitHour}); err != nil {
			t.Errorf("coordinator refused a standard: %v", err)
		}
		if err := f.st.RefData().SetStandard(ctx, f.admin, aduan.StepForward, aduan.Standard{Amount: 0, Unit: aduan.UnitHour}); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Errorf("zero standard: %v", err)
		}
		if err := f.st.RefData().SetStandard(ctx, f.admin, aduan.StepForward, aduan.Standard{Amount: 1, Unit: aduan.UnitHour}); err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 11, 27, 9, 0, 0, 0, aduan.WIB)
		f.st.Now = func() time.Time { return now }
		c := f.complaint(t, "081234567890")
		if !c.Clock.Deadline.Equal(now.Add(time.Hour)) {
			t.Errorf("deadline with the new standard = %v", c.Clock.Deadline)
		}
		hs, _ := f.st.RefData().Holidays(ctx)
		if len(hs) < 20 {
			t.Errorf("seeded holidays: %d", len(hs))
		}
		if err := f.st.RefData().SaveHoliday(ctx, f.admin, aduan.Holiday{Date: "2026-13-01", Name: "x"}); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Errorf("bad date: %v", err)
		}
		if err := f.st.RefData().SaveHoliday(ctx, f.admin, aduan.Holiday{Date: "2026-11-30", Name: "Libur daerah"}); err != nil {
			t.Fatal(err)
		}
		if err := f.st.RefData().DeleteHoliday(ctx, f.admin, "2026-11-30"); err != nil {
			t.Fatal(err)
		}
		if err := f.st.RefData().DeleteHoliday(ctx, f.admin, "2026-11-30"); aduan.ErrorCode(err) != aduan.ENOTFOUND {
			t.Errorf("second delete: %v", err)
		}
	})
}

func TestBackupWhileRunning(t *testing.T) {
	f := newFixture(t, store.SQLite)
	f.complaint(t, "081234567890")
	path := t.TempDir() + "/copy.db"
	if err := f.st.Backup(ctx, path); err != nil {
		t.Fatal(err)
	}
	cp, err := store.Open(ctx, store.Config{URL: "sqlite:" + path})
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if n := count(t, cp, "complaints"); n != 1 {
		t.Errorf("backup has %d complaints", n)
	}
	if err := f.st.Backup(ctx, path); aduan.ErrorCode(err) != aduan.EINVALID {
		t.Errorf("overwriting a backup: %v", err)
	}
}
