package setup_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
)

// TestDemoNovemberAgencyCompliance: the demo runs on the calendars, so its
// November tells a story a city could publish: the agencies' compliance
// is neither nothing (as on the wall clock, where a forward at 19:30 had
// missed its 5 minutes by morning) nor everything. The monthly report's
// figures for the agency steps are recomputed here from the event log
// alone, with a deadline arithmetic written apart from the clock's: the
// office week (Mon–Thu 07:30–16:00, Fri to 16:30) and the holiday table,
// each step timed from the forward that opened its window, by the
// category's tier and the complaint's priority.
//
// On SQLite alone: the arithmetic is the clock's, not the database's (the
// store's part of it runs on both in store.TestWorkTimeThroughTheStore),
// and the demo's thousands of small transactions are slow on a small box.
func TestDemoNovemberAgencyCompliance(t *testing.T) {
	t.Parallel()
	func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st := dbtest.Open(t, d)
		now := time.Date(2026, 12, 7, 10, 0, 0, 0, aduan.WIB)
		if _, err := setup.Demo(ctx, st, setup.DemoOptions{Complaints: 80, Days: 40, Seed: 11, Now: now}); err != nil {
			t.Fatal(err)
		}
		from := time.Date(2026, 11, 1, 0, 0, 0, 0, aduan.WIB)
		to := from.AddDate(0, 1, 0)
		koord := aduan.Actor{UserID: -1, Role: aduan.RoleKoordinatorCC, Name: "test"}
		m, err := st.Reports().MonthlyData(ctx, koord, from, to, report.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		reported := map[string][2]int{}
		for _, s := range m.Steps {
			reported[s.Step] = [2]int{s.Met, s.Total}
		}

		hs, err := st.RefData().Holidays(ctx)
		if err != nil {
			t.Fatal(err)
		}
		off := map[string]bool{}
		for _, h := range hs {
			off[h.Date] = true
		}
		wt, err := st.RefData().WorkTime(ctx)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := st.DB().QueryContext(ctx, `SELECT e.complaint_id, e.action, e.step, e.at, e.met, COALESCE(c.category_id, 0), c.priority
			FROM complaint_events e JOIN complaints c ON c.id = e.complaint_id ORDER BY e.complaint_id, e.at, e.id`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		got := map[string][2]int{}
		var cur int64
		var windowStart time.Time
		disagree := 0
		for rows.Next() {
			var id, at, cat int64
			var action, step, prio string
			var met sql.NullBool
			if err := rows.Scan(&id, &action, &step, &at, &met, &cat, &prio); err != nil {
				t.Fatal(err)
			}
			if id != cur {
				cur, windowStart = id, time.Time{}
			}
			when := time.UnixMilli(at).In(aduan.WIB)
			switch step {
			case "forward", "reforward":
				windowStart = when
				continue
			case "agency_receive", "agency_answer":
			default:
				continue
			}
			if windowStart.IsZero() {
				t.Fatalf("complaint %d: %s without a forward", id, step)
			}
			tier := wt.Tiers[cat]
			if tier == "" {
				tier = aduan.TierNormative
			}
			due := oracleDue(off, step, tier, aduan.Priority(prio), windowStart)
			ok := !when.After(due)
			if !met.Valid || met.Bool != ok {
				disagree++
				if disagree < 5 {
					t.Errorf("complaint %d %s at %s from %s (%s, %s): stored met %v, recomputed %v (due %s)",
						id, step, when.Format("Mon 02 Jan 15:04"), windowStart.Format("Mon 02 Jan 15:04"), tier, prio, met, ok, due.Format("Mon 02 Jan 15:04"))
				}
			}
			if when.Before(from) || !when.Before(to) {
				continue
			}
			c := got[step]
			c[1]++
			if ok {
				c[0]++
			}
			got[step] = c
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		for _, step := range []string{"agency_receive", "agency_answer"} {
			if got[step] != reported[step] {
				t.Errorf("%s in November: report says %d of %d met, the event log %d of %d", step, reported[step][0], reported[step][1], got[step][0], got[step][1])
			}
			met, total := got[step][0], got[step][1]
			if total < 20 || met == 0 || met == total {
				t.Errorf("%s in November: %d of %d met; want a story (some met, some not, enough of them)", step, met, total)
			}
			t.Logf("%s in November, %d of %d met (%.0f %%)", step, met, total, 100*float64(met)/float64(total))
		}
	}(t, store.SQLite)
}

// oracleDue is the deadline of an agency step, computed apart from the
// clock: the office week and the holiday set, by tier and priority as the
// default rules set them.
func oracleDue(off map[string]bool, step string, tier aduan.Tier, prio aduan.Priority, start time.Time) time.Time {
	closeMin := func(t time.Time) int { // minutes after midnight the office closes on t's day; 0 when closed
		if off[t.Format("2006-01-02")] {
			return 0
		}
		switch t.Weekday() {
		case time.Monday, time.Tuesday, time.Wednesday, time.Thursday:
			return 16 * 60
		case time.Friday:
			return 16*60 + 30
		}
		return 0
	}
	const openMin = 7*60 + 30
	day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, aduan.WIB) }
	if step == "agency_receive" && prio == aduan.PriorityEmergency {
		// Two hours of office time, second by second.
		left := 2 * 60 * 60
		t := start
		for left > 0 {
			m := t.Hour()*60 + t.Minute()
			if c := closeMin(t); c > 0 && m >= openMin && m < c {
				left--
			}
			t = t.Add(time.Second)
		}
		return t
	}
	n := 5
	switch {
	case step == "agency_answer" && prio == aduan.PriorityEmergency && tier == aduan.TierInvestigation:
		n = 14
	case step == "agency_answer" && prio == aduan.PriorityEmergency:
		n = 1
	case tier == aduan.TierLight:
		n = 2
	case step == "agency_answer" && tier == aduan.TierNoOversight:
		n = 14
	case step == "agency_answer" && tier == aduan.TierInvestigation:
		n = 60
	}
	// The start's own day counts only if the step was there by its
	// opening; then each working day after it, to the n-th one's close.
	d := day(start)
	counted := 0
	if c := closeMin(d); c > 0 && start.Hour()*60+start.Minute() < openMin ||
		c > 0 && start.Hour()*60+start.Minute() == openMin && start.Second() == 0 {
		counted = 1
	}
	for counted < n {
		d = d.AddDate(0, 0, 1)
		if closeMin(d) > 0 {
			counted++
		}
	}
	if counted == 0 {
		d = d.AddDate(0, 0, 1)
	}
	return d.Add(time.Duration(closeMin(d)) * time.Minute)
}
