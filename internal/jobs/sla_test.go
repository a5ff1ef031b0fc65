package jobs_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/store"
)

// slaJobs lists the scheduled SLA checks of a complaint.
func (f *fixture) slaJobs(t *testing.T, id int64) map[string]*rivertype.JobRow {
	t.Helper()
	res, err := f.q.Client().JobList(ctx, river.NewJobListParams().Kinds(jobs.SLAArgs{}.Kind()).First(100))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]*rivertype.JobRow{}
	for _, j := range res.Jobs {
		var a jobs.SLAArgs
		if err := json.Unmarshal(j.EncodedArgs, &a); err != nil {
			t.Fatal(err)
		}
		if a.ComplaintID == id && j.State == rivertype.JobStateScheduled {
			out[a.Step+"/"+a.What] = j
		}
	}
	return out
}

// runNow makes a scheduled job due at once (the test's clock has moved on,
// River's has not) and waits for it to finish.
func (f *fixture) runNow(t *testing.T, j *rivertype.JobRow) {
	t.Helper()
	if _, err := f.q.Client().JobRetry(ctx, j.ID); err != nil {
		t.Fatal(err)
	}
	eventually(t, "job done", func() bool {
		r, err := f.q.Client().JobGet(ctx, j.ID)
		return err == nil && r.State == rivertype.JobStateCompleted
	})
}

// TestSLAWarningAndBreach: at 80 % of the forwarding standard (25 min) the
// operator who recorded the complaint and the coordinator are warned; at
// 100 % a breach is recorded; at the agency, its operators are warned by
// WhatsApp.
func TestSLAWarningAndBreach(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		// The test's clock is the real one, at any hour: offices open
		// around the clock and an agency answer of 5 minutes keep the
		// arithmetic of working time out of this test (sla_golden_test.go).
		if err := f.st.RefData().SaveWorkTime(ctx, f.koord, &store.WorkTime{Office: "24/7",
			Standards: aduan.Standards{aduan.StepAgencyAnswer: {Amount: 5, Unit: aduan.UnitMinute}}}); err != nil {
			t.Fatal(err)
		}
		t0 := f.clock.Now()
		c := f.complaint(t, "081211112222", "")
		js := f.slaJobs(t, c.ID)
		warn, breach := js["forward/warn"], js["forward/breach"]
		if warn == nil || breach == nil {
			t.Fatalf("scheduled checks: %v", js)
		}
		// River's own clock: 20 and 25 minutes from now.
		if d := time.Until(warn.ScheduledAt); d < 19*time.Minute || d > 21*time.Minute {
			t.Errorf("warning in %s, want 20m", d)
		}
		if d := breach.ScheduledAt.Sub(warn.ScheduledAt); d < 4*time.Minute || d > 6*time.Minute {
			t.Errorf("breach %s after the warning, want 5m", d)
		}
		// An edit leaves the clock alone and schedules nothing new.
		p := aduan.PriorityHigh
		if _, err := f.st.Complaints().EditComplaint(ctx, f.op, c.ID, c.Version, aduan.ComplaintPatch{Priority: &p}); err != nil {
			t.Fatal(err)
		}
		if n := len(f.slaJobs(t, c.ID)); n != 2 {
			t.Errorf("%d checks after an edit", n)
		}

		f.clock.Add(21 * time.Minute)
		f.runNow(t, warn)
		for _, who := range []aduan.Actor{f.op, f.koord} {
			ns, err := f.st.Messages().Notifications(ctx, who, true, 10)
			if err != nil || len(ns) != 1 || ns[0].Kind != "sla_warning" || ns[0].ComplaintID != c.ID || !ns[0].DueAt.Equal(t0.Add(25*time.Minute)) {
				t.Errorf("%s notifications: %+v %v", who.Name, ns, err)
			}
		}
		f.clock.Add(5 * time.Minute)
		f.runNow(t, breach)
		bs, err := f.st.Messages().Breaches(ctx, f.koord, t0, t0.Add(time.Hour))
		if err != nil || len(bs) != 1 || bs[0].Step != aduan.StepForward || bs[0].ComplaintID != c.ID {
			t.Fatalf("breaches: %+v %v", bs, err)
		}
		ns, _ := f.st.Messages().Notifications(ctx, f.koord, false, 10)
		if len(ns) != 2 || ns[0].Kind != "sla_breach" {
			t.Errorf("coordinator's notifications: %+v", ns)
		}

		// At the agency: its operator is warned, by WhatsApp too.
		c, _ = f.st.Complaints().Complaint(ctx, aduan.System, c.ID)
		c = f.act(t, f.op, c, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
		js = f.slaJobs(t, c.ID)
		if js["agency_answer/warn"] == nil {
			t.Fatalf("agency checks: %v", js)
		}
		f.clock.Add(5 * time.Minute)
		f.runNow(t, js["agency_answer/warn"])
		ns, _ = f.st.Messages().Notifications(ctx, f.pd, true, 10)
		if len(ns) != 1 || ns[0].Step != aduan.StepAgencyAnswer {
			t.Errorf("agency operator's notifications: %+v", ns)
		}
		eventually(t, "warning sent", func() bool {
			for _, m := range f.messages(t, c) {
				if m.Purpose == channel.PurposeSLAWarning && m.Channel == channel.WhatsApp && m.To == "+6281377778888" && m.Status == channel.StatusSent {
					return true
				}
			}
			return false
		})
		// A check for a step that is over does nothing.
		c = f.act(t, f.pd, c, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Sudah diperbaiki."})
		f.clock.Add(time.Hour)
		f.runNow(t, js["agency_answer/breach"])
		if bs, _ := f.st.Messages().Breaches(ctx, f.koord, t0, t0.Add(3*time.Hour)); len(bs) != 1 {
			t.Errorf("breach recorded for a step already done: %+v", bs)
		}
	})
}

// TestSLAWarnPercentSetting: the warning's percent is the setting
// sla_warn_percent, per step: forward=40 warns at 10 of its 25 minutes.
func TestSLAWarnPercentSetting(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		if err := f.st.RefData().SaveWorkTime(ctx, f.koord, &store.WorkTime{Office: "24/7"}); err != nil {
			t.Fatal(err)
		}
		if err := f.st.RefData().SetSettings(ctx, aduan.System, map[string]string{"sla_warn_percent": "90; forward=40"}); err != nil {
			t.Fatal(err)
		}
		c := f.complaint(t, "081211113333", "")
		js := f.slaJobs(t, c.ID)
		warn, breach := js["forward/warn"], js["forward/breach"]
		if warn == nil || breach == nil {
			t.Fatalf("scheduled checks: %v", js)
		}
		if d := breach.ScheduledAt.Sub(warn.ScheduledAt); d < 14*time.Minute || d > 16*time.Minute {
			t.Errorf("warning %s before the breach, want 15m (40 %% of 25m)", d)
		}
	})
}
