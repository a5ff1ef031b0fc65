package store_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// privacyCase is one caller's complaints: an ordinary one and an anonymous
// one, both from the same phone and both forwarded to DPUPR.
type privacyCase struct {
	named, anon *aduan.Complaint
	citizenID   int64
}

func (f *fixture) anonymousCaller(t *testing.T) privacyCase {
	t.Helper()
	named := f.complaint(t, "081234560001")
	anon := f.complaint(t, "081234560001")
	conf := aduan.Anonymous
	var err error
	if anon, err = f.st.Complaints().EditComplaint(ctx, f.op, anon.ID, anon.Version, aduan.ComplaintPatch{Confidentiality: &conf}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []*aduan.Complaint{named, anon} {
		if _, _, err := f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID}); err != nil {
			t.Fatal(err)
		}
	}
	return privacyCase{named: named, anon: anon, citizenID: named.CitizenID}
}

func (f *fixture) actor(t *testing.T, name string, role aduan.Role, agency int64) aduan.Actor {
	t.Helper()
	u := &aduan.User{Username: name, Name: strings.ToUpper(name), Role: role, AgencyID: agency, Active: true}
	if err := f.st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-rahasia"); err != nil {
		t.Fatal(err)
	}
	return u.Actor()
}

// TestCitizenFilterOnlyForWhoSeesEveryIdentity: selecting complaints by
// who filed them is refused (forbidden, naming citizen_id) to every role
// that may not see the identity of all the complaints it can list. An
// agency that lists one caller's complaints would find that caller's
// anonymous complaint beside the named one; the list, the count and the
// export all refuse alike, and the call center still gets both.
func TestCitizenFilterOnlyForWhoSeesEveryIdentity(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		pc := f.anonymousCaller(t)
		pimpinan := f.actor(t, "pim", aduan.RolePimpinanPD, f.dpupr.ID)
		ppid := f.actor(t, "ppid", aduan.RolePPIDUtama, 0)
		ppidPD := f.actor(t, "ppidpd", aduan.RolePPIDPembantu, f.dpupr.ID)
		filter := aduan.ComplaintFilter{CitizenID: pc.citizenID}
		for _, a := range []aduan.Actor{f.pd, pimpinan, ppidPD, f.kasi, ppid} {
			list, _, err := f.st.Complaints().ListComplaints(ctx, a, filter)
			e, _ := aduan.AsError(err)
			if e == nil || e.Code != aduan.EFORBIDDEN || len(e.Fields) != 1 || e.Fields[0].Field != "citizen_id" {
				t.Errorf("%s lists by citizen: %d complaints, %v", a.Role, len(list), err)
			}
			if _, err := f.st.Reports().CountComplaints(ctx, a, filter); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
				t.Errorf("%s counts by citizen: %v", a.Role, err)
			}
			n := 0
			err = f.st.Reports().EachComplaint(ctx, a, filter, func(*aduan.Complaint) error { n++; return nil })
			if aduan.ErrorCode(err) != aduan.EFORBIDDEN || n != 0 {
				t.Errorf("%s exports by citizen: %d rows, %v", a.Role, n, err)
			}
		}
		for _, a := range []aduan.Actor{f.op, f.koord} {
			list, _, err := f.st.Complaints().ListComplaints(ctx, a, filter)
			if err != nil || len(list) != 2 {
				t.Errorf("%s lists the caller's complaints: %d, %v", a.Role, len(list), err)
			}
		}
		// Without the filter the agency still lists both, the anonymous
		// one with nothing that ties it to the caller.
		list, _, err := f.st.Complaints().ListComplaints(ctx, f.pd, aduan.ComplaintFilter{})
		if err != nil || len(list) != 2 {
			t.Errorf("DPUPR's list: %d, %v", len(list), err)
		}
	})
}

// TestSearchTextLength: a search text longer than aduan.MaxQueryLen is
// refused as invalid input naming q, on both databases, in the list, the
// count and the export; SQLite answered a long one with "LIKE or GLOB
// pattern too complex", an internal error.
func TestSearchTextLength(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		f.complaint(t, "081234560002")
		long := aduan.ComplaintFilter{Query: strings.Repeat("jalan ", 10000)}
		_, _, err := f.st.Complaints().ListComplaints(ctx, f.op, long)
		e, _ := aduan.AsError(err)
		if e == nil || e.Code != aduan.EINVALID || e.Key != "err.query.too_long" || len(e.Fields) != 1 || e.Fields[0].Field != "q" {
			t.Errorf("overlong q: %v", err)
		}
		if _, err := f.st.Reports().CountComplaints(ctx, f.op, long); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Errorf("overlong q counted: %v", err)
		}
		if err := f.st.Reports().EachComplaint(ctx, f.op, long, func(*aduan.Complaint) error { return nil }); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Errorf("overlong q exported: %v", err)
		}
		// At the limit, in characters, with LIKE's own metacharacters.
		edge := strings.Repeat("é%_\\", aduan.MaxQueryLen/4)
		if _, _, err := f.st.Complaints().ListComplaints(ctx, f.op, aduan.ComplaintFilter{Query: edge}); err != nil {
			t.Errorf("q of %d characters: %v", aduan.MaxQueryLen, err)
		}
	})
}

// confidential makes a complaint confidential (rahasia) with a word found
// nowhere else, forwarded to DPUPR.
func (f *fixture) confidential(t *testing.T, phone, word string) *aduan.Complaint {
	t.Helper()
	c, err := f.st.Complaints().CreateComplaint(ctx, f.op, aduan.NewComplaint{
		Text: "Pungutan liar oleh oknum di kantor kelurahan, kata kunci " + word + ".", Address: "Jl. " + word,
		KelurahanCode: f.kel, CategoryID: f.category.ID, Confidentiality: aduan.Confidential,
		Citizen: &aduan.CitizenInput{Name: "Budi Santoso", Phone: phone, Address: "Jl. Melati 9"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if c, _, err = f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID}); err != nil {
		t.Fatal(err)
	}
	return c
}

func (f *fixture) reads(t *testing.T, a aduan.Actor) map[string]int {
	t.Helper()
	rows, err := f.st.Audit(ctx, f.koord, aduan.AuditFilter{Action: "complaint.read_confidential", ActorID: a.UserID, Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, r := range rows {
		out[r.EntityID]++
	}
	return out
}

// TestConfidentialContentSearchAndReads: a search by kasi or the PPID, who
// may not read a rahasia complaint, never matches its words (which rows
// match told what it said), while the call center's and the agency's do;
// every read of its content through a list or an export is audited, one row
// per complaint per read, and a list that shows no content (Brief) or a
// reader who may not see it gets the complaint without its content and
// records nothing.
func TestConfidentialContentSearchAndReads(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		ppid := f.actor(t, "ppid", aduan.RolePPIDUtama, 0)
		secret := f.confidential(t, "081234560003", "zirkonia")
		public := f.complaint(t, "081234560004")
		for _, a := range []aduan.Actor{f.kasi, ppid} {
			for _, q := range []string{"zirkonia", "pungutan liar", "Jl. zirk"} {
				list, _, err := f.st.Complaints().ListComplaints(ctx, a, aduan.ComplaintFilter{Query: q})
				if err != nil || len(list) != 0 {
					t.Errorf("%s searching %q finds %d rahasia complaints (%v)", a.Role, q, len(list), err)
				}
				if n, _ := f.st.Reports().CountComplaints(ctx, a, aduan.ComplaintFilter{Query: q}); n != 0 {
					t.Errorf("%s counts %d for %q", a.Role, n, q)
				}
			}
			// Ordinary complaints are still searched, and a number finds
			// the rahasia complaint (its existence is no secret).
			if list, _, _ := f.st.Complaints().ListComplaints(ctx, a, aduan.ComplaintFilter{Query: "abadijaya"}); len(list) != 1 || list[0].ID != public.ID {
				t.Errorf("%s: ordinary search found %d", a.Role, len(list))
			}
			if list, _, _ := f.st.Complaints().ListComplaints(ctx, a, aduan.ComplaintFilter{Query: secret.Number}); len(list) != 1 {
				t.Errorf("%s: number search found %d", a.Role, len(list))
			}
			// Listed, it comes without its content, and nothing is audited.
			list, _, _ := f.st.Complaints().ListComplaints(ctx, a, aduan.ComplaintFilter{})
			for _, c := range list {
				if c.ID == secret.ID && (strings.Contains(c.Text, "zirkonia") || c.Address != "" || c.Text != "") {
					t.Errorf("%s's list holds the rahasia content %q %q", a.Role, c.Text, c.Address)
				}
			}
			if r := f.reads(t, a); len(r) != 0 {
				t.Errorf("%s read no content, audited %v", a.Role, r)
			}
		}
		for _, a := range []aduan.Actor{f.op, f.pd} {
			if list, _, err := f.st.Complaints().ListComplaints(ctx, a, aduan.ComplaintFilter{Query: "zirkonia"}); err != nil || len(list) != 1 || !strings.Contains(list[0].Text, "zirkonia") {
				t.Errorf("%s searching the rahasia word: %d (%v)", a.Role, len(list), err)
			}
		}
		key := func(c *aduan.Complaint) string { return itoa(c.ID) }
		// op and pd each read it once through the search above.
		for _, a := range []aduan.Actor{f.op, f.pd} {
			if r := f.reads(t, a); r[key(secret)] != 1 || r[key(public)] != 0 || len(r) != 1 {
				t.Errorf("%s's search audited %v, want one read of %d", a.Role, r, secret.ID)
			}
		}
		// A list of both: one more read of the rahasia one.
		if list, _, _ := f.st.Complaints().ListComplaints(ctx, f.op, aduan.ComplaintFilter{}); len(list) != 2 {
			t.Fatalf("operator lists %d", len(list))
		}
		// An export: one more.
		n := 0
		if err := f.st.Reports().EachComplaint(ctx, f.op, aduan.ComplaintFilter{}, func(c *aduan.Complaint) error {
			if c.ID == secret.ID && !strings.Contains(c.Text, "zirkonia") {
				t.Errorf("the operator's export lacks the content")
			}
			n++
			return nil
		}); err != nil || n != 2 {
			t.Fatalf("export: %d rows, %v", n, err)
		}
		// A brief list (numbers only): none, and no content handed out.
		list, _, _ := f.st.Complaints().ListComplaints(ctx, f.op, aduan.ComplaintFilter{Brief: true})
		for _, c := range list {
			if c.ID == secret.ID && c.Text != "" {
				t.Errorf("a brief list holds the content")
			}
		}
		if r := f.reads(t, f.op); r[key(secret)] != 3 || len(r) != 1 {
			t.Errorf("operator's reads audited %v, want 3 of %d", r, secret.ID)
		}
	})
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestListRefreshOfAView: a list that refreshes a page view (the queue's
// and the inbox's live refresh, ComplaintFilter.View) does not read again
// the rahasia complaints that view's read audited for the same actor; one
// that names no view, another's view or a view of another list is a read.
func TestListRefreshOfAView(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		secret := f.confidential(t, "081234560005", "safirbiru")
		key := itoa(secret.ID)
		page := store.WithRequestID(ctx, "page-1")
		if _, _, err := f.st.Complaints().ListComplaints(page, f.op, aduan.ComplaintFilter{}); err != nil {
			t.Fatal(err)
		}
		refresh := store.WithRequestID(ctx, "refresh-1")
		for i := 0; i < 3; i++ {
			if _, _, err := f.st.Complaints().ListComplaints(refresh, f.op, aduan.ComplaintFilter{View: "page-1"}); err != nil {
				t.Fatal(err)
			}
		}
		if r := f.reads(t, f.op); r[key] != 1 {
			t.Errorf("a page view and three refreshes: %d reads, want 1", r[key])
		}
		// Another actor naming the operator's view reads it anew.
		if _, _, err := f.st.Complaints().ListComplaints(refresh, f.pd, aduan.ComplaintFilter{View: "page-1"}); err != nil {
			t.Fatal(err)
		}
		if r := f.reads(t, f.pd); r[key] != 1 {
			t.Errorf("the agency naming another's view: %d reads, want 1", r[key])
		}
		if _, _, err := f.st.Complaints().ListComplaints(refresh, f.op, aduan.ComplaintFilter{View: "page-2"}); err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.st.Complaints().ListComplaints(refresh, f.op, aduan.ComplaintFilter{}); err != nil {
			t.Fatal(err)
		}
		if r := f.reads(t, f.op); r[key] != 3 {
			t.Errorf("after an unknown view and none: %d reads, want 3", r[key])
		}
	})
}
