package store_test

import (
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
	if anon, err = f.st.EditComplaint(ctx, f.op, anon.ID, anon.Version, aduan.ComplaintPatch{Confidentiality: &conf}); err != nil {
		t.Fatal(err)
	}
	for _, c := range []*aduan.Complaint{named, anon} {
		if _, _, err := f.st.ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID}); err != nil {
			t.Fatal(err)
		}
	}
	return privacyCase{named: named, anon: anon, citizenID: named.CitizenID}
}

func (f *fixture) actor(t *testing.T, name string, role aduan.Role, agency int64) aduan.Actor {
	t.Helper()
	u := &aduan.User{Username: name, Name: strings.ToUpper(name), Role: role, AgencyID: agency, Active: true}
	if err := f.st.CreateUser(ctx, aduan.System, u, "kata-sandi-rahasia"); err != nil {
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
			list, _, err := f.st.ListComplaints(ctx, a, filter)
			e, _ := aduan.AsError(err)
			if e == nil || e.Code != aduan.EFORBIDDEN || len(e.Fields) != 1 || e.Fields[0].Field != "citizen_id" {
				t.Errorf("%s lists by citizen: %d complaints, %v", a.Role, len(list), err)
			}
			if _, err := f.st.CountComplaints(ctx, a, filter); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
				t.Errorf("%s counts by citizen: %v", a.Role, err)
			}
			n := 0
			err = f.st.EachComplaint(ctx, a, filter, func(*aduan.Complaint) error { n++; return nil })
			if aduan.ErrorCode(err) != aduan.EFORBIDDEN || n != 0 {
				t.Errorf("%s exports by citizen: %d rows, %v", a.Role, n, err)
			}
		}
		for _, a := range []aduan.Actor{f.op, f.koord} {
			list, _, err := f.st.ListComplaints(ctx, a, filter)
			if err != nil || len(list) != 2 {
				t.Errorf("%s lists the caller's complaints: %d, %v", a.Role, len(list), err)
			}
		}
		// Without the filter the agency still lists both, the anonymous
		// one with nothing that ties it to the caller.
		list, _, err := f.st.ListComplaints(ctx, f.pd, aduan.ComplaintFilter{})
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
		_, _, err := f.st.ListComplaints(ctx, f.op, long)
		e, _ := aduan.AsError(err)
		if e == nil || e.Code != aduan.EINVALID || e.Key != "err.query.too_long" || len(e.Fields) != 1 || e.Fields[0].Field != "q" {
			t.Errorf("overlong q: %v", err)
		}
		if _, err := f.st.CountComplaints(ctx, f.op, long); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Errorf("overlong q counted: %v", err)
		}
		if err := f.st.EachComplaint(ctx, f.op, long, func(*aduan.Complaint) error { return nil }); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Errorf("overlong q exported: %v", err)
		}
		// At the limit, in characters, with LIKE's own metacharacters.
		edge := strings.Repeat("é%_\\", aduan.MaxQueryLen/4)
		if _, _, err := f.st.ListComplaints(ctx, f.op, aduan.ComplaintFilter{Query: edge}); err != nil {
			t.Errorf("q of %d characters: %v", aduan.MaxQueryLen, err)
		}
	})
}
