package store_test

import (
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// Working time through the store: the seeded tier and the office week time
// an agency's answer; the standards page's changes are saved all or none by
// a koordinator; a paused clock keeps its deadline in the database until
// the resume moves it.
func TestWorkTimeThroughTheStore(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		now := time.Date(2026, 11, 27, 15, 0, 0, 0, aduan.WIB) // a Friday
		f.st.Now = func() time.Time { return now }
		act := func(who aduan.Actor, c *aduan.Complaint, a aduan.Action, in aduan.ActionInput) *aduan.Complaint {
			t.Helper()
			nc, _, err := f.st.Complaints().ApplyAction(ctx, who, c.ID, c.Version, a, in)
			if err != nil {
				t.Fatalf("%s: %v", a, err)
			}
			return nc
		}
		wt, err := f.st.RefData().WorkTime(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if wt.Tiers[f.category.ID] != aduan.TierNoOversight || wt.Office != aduan.DefaultOfficeHours || wt.CallCenter != "24/7" || wt.TimeZone != "WIB" {
			t.Fatalf("seeded work time: tier %q office %q call center %q zone %q", wt.Tiers[f.category.ID], wt.Office, wt.CallCenter, wt.TimeZone)
		}

		// Road repairs are not needing oversight: 14 working days from
		// Friday 15:10 is Thursday 17 December's close.
		c := f.complaint(t, "081234560001")
		now = now.Add(10 * time.Minute)
		c = act(f.op, c, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
		if c.Clock.Deadline == nil || !c.Clock.Deadline.Equal(time.Date(2026, 12, 17, 16, 0, 0, 0, aduan.WIB)) {
			t.Errorf("agency answer due %v, want Thu 17 Dec 16:00", c.Clock.Deadline)
		}

		// One page of changes with one bad value changes nothing.
		bad := &store.WorkTime{Tiers: map[int64]aduan.Tier{f.category.ID: aduan.TierLight},
			AgencyHrs: map[int64]string{f.dpupr.ID: "sen-jum 08:00-15:00"},
			Rules:     aduan.Rules{{Step: aduan.StepAgencyAnswer, Tier: aduan.TierLight}: {Amount: 0, Unit: aduan.UnitWorkday}}}
		if err := f.st.RefData().SaveWorkTime(ctx, f.koord, bad); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Fatalf("bad rule saved: %v", err)
		}
		if err := f.st.RefData().SaveWorkTime(ctx, f.pd, &store.WorkTime{Office: "24/7"}); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("an agency operator changed the calendars: %v", err)
		}
		if wt2, _ := f.st.RefData().WorkTime(ctx); wt2.Tiers[f.category.ID] != aduan.TierNoOversight || len(wt2.AgencyHrs) != 0 {
			t.Errorf("a refused save left changes: %+v", wt2)
		}
		bad.Rules = nil
		if err := f.st.RefData().SaveWorkTime(ctx, f.koord, bad); err != nil {
			t.Fatal(err)
		}
		// Light tier and DPUPR's own hours: Monday and Tuesday, to 15:00.
		c = f.complaint(t, "081234560002")
		c = act(f.op, c, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
		if c.Clock.Deadline == nil || !c.Clock.Deadline.Equal(time.Date(2026, 12, 1, 15, 0, 0, 0, aduan.WIB)) {
			t.Errorf("after the save, agency answer due %v, want Tue 1 Dec 15:00", c.Clock.Deadline)
		}

		// A pause keeps the deadline it interrupted, stored, until the
		// resume moves it by the pause (the call center is 24/7: by the
		// wall clock).
		c = f.complaint(t, "081234560003")
		due := *c.Clock.Deadline
		now = now.Add(5 * time.Minute)
		c = act(f.op, c, aduan.ActionRequestIdentity, aduan.ActionInput{})
		stored, err := f.st.Complaints().Complaint(ctx, aduan.System, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if stored.Clock.Deadline != nil || stored.Clock.Held == nil || !stored.Clock.Held.Equal(due) {
			t.Fatalf("paused clock stored as %+v, want no deadline, held %v", stored.Clock, due)
		}
		now = now.Add(3 * time.Hour)
		c = act(f.op, stored, aduan.ActionProvideIdentity, aduan.ActionInput{Citizen: &aduan.CitizenInput{Name: "Ani"}})
		stored, _ = f.st.Complaints().Complaint(ctx, aduan.System, c.ID)
		if stored.Clock.Held != nil || stored.Clock.Deadline == nil || !stored.Clock.Deadline.Equal(due.Add(3*time.Hour)) {
			t.Errorf("resumed clock stored as %+v, want due %v", stored.Clock, due.Add(3*time.Hour))
		}
	})
}
