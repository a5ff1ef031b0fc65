package jobs_test

import (
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestEscalationLadder: an agency's answer passes its deadline; at the
// breach the agency's Pimpinan PD is told in the console and by SMS, and
// the next rungs are scheduled in the same transaction; a working day
// later the Kasi/Kabid, two working days later the koordinators and the
// city-level number. A rung does nothing before its time, nor once the
// step is done.
func TestEscalationLadder(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		// The real clock at any hour: a 24/7 office and a 5-minute answer.
		if err := f.st.RefData().SaveWorkTime(ctx, f.koord, &store.WorkTime{Office: "24/7",
			Standards: aduan.Standards{aduan.StepAgencyAnswer: {Amount: 5, Unit: aduan.UnitMinute}}}); err != nil {
			t.Fatal(err)
		}
		if err := f.st.RefData().SetSettings(ctx, f.adm, map[string]string{"escalation_kasi_days": "1", "escalation_city_days": "2",
			"escalation_city_phone": "0812 9999 0000"}); err != nil {
			t.Fatal(err)
		}
		if err := f.st.RefData().SetSettings(ctx, f.adm, map[string]string{"escalation_kasi_days": "0"}); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Errorf("0 working days accepted: %v", err)
		}
		mk := func(name string, role aduan.Role, agency int64, phone string) aduan.Actor {
			u := &aduan.User{Username: name, Name: name, Role: role, AgencyID: agency, Active: true, Phone: aduan.Phone(phone)}
			if err := f.st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-rahasia"); err != nil {
				t.Fatal(err)
			}
			return u.Actor()
		}
		head := mk("kadis", aduan.RolePimpinanPD, f.dpupr.ID, "+6281344445555")
		kasi := mk("kasi", aduan.RoleKasiKabid, 0, "+6281366667777")
		notes := func(who aduan.Actor) []string {
			ns, err := f.st.Messages().Notifications(ctx, who, false, 10)
			if err != nil {
				t.Fatal(err)
			}
			var kinds []string
			for _, n := range ns {
				kinds = append(kinds, n.Kind)
			}
			return kinds
		}
		smsTo := func(c *aduan.Complaint, to string) bool {
			for _, m := range f.messages(t, c) {
				if m.Channel == channel.SMS && m.To == to {
					return true
				}
			}
			return false
		}

		c := f.complaint(t, "081211112222", "")
		c = f.act(t, f.op, c, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
		js := f.slaJobs(t, c.ID)
		if js["agency_answer/breach"] == nil {
			t.Fatalf("agency checks: %v", js)
		}
		f.clock.Add(6 * time.Minute)
		f.runNow(t, js["agency_answer/breach"])
		if k := notes(head); len(k) != 1 || k[0] != "sla_breach" {
			t.Errorf("Pimpinan PD's notices after the breach: %v", k)
		}
		eventually(t, "SMS to the Pimpinan PD", func() bool { return smsTo(c, "+6281344445555") })
		if k := notes(kasi); len(k) != 0 {
			t.Errorf("Kasi told at the breach already: %v", k)
		}
		js = f.slaJobs(t, c.ID)
		kasiJob, cityJob := js["agency_answer/escalate_kasi"], js["agency_answer/escalate_city"]
		if kasiJob == nil || cityJob == nil {
			t.Fatalf("escalations not scheduled: %v", js)
		}
		// River's clock: one and two working days (of a 24/7 office:
		// days) after the deadline, ending at the day's close.
		if d := time.Until(kasiJob.ScheduledAt); d < 23*time.Hour || d > 49*time.Hour {
			t.Errorf("Kasi rung in %s, want about a day", d)
		}
		if cityJob.ScheduledAt.Sub(kasiJob.ScheduledAt) < 23*time.Hour {
			t.Errorf("city rung %s after the Kasi's, want a day", cityJob.ScheduledAt.Sub(kasiJob.ScheduledAt))
		}

		f.clock.Add(49 * time.Hour)
		f.runNow(t, kasiJob)
		if k := notes(kasi); len(k) != 1 || k[0] != "sla_escalation" {
			t.Errorf("Kasi's notices: %v", k)
		}
		eventually(t, "SMS to the Kasi", func() bool { return smsTo(c, "+6281366667777") })
		f.clock.Add(24 * time.Hour)
		f.runNow(t, cityJob)
		if k := notes(f.koord); len(k) == 0 || k[0] != "sla_escalation_city" {
			t.Errorf("koordinator's notices: %v", k)
		}
		eventually(t, "SMS to the city's number", func() bool { return smsTo(c, "+6281299990000") })

		// Once the agency answers, a rung left over does nothing.
		c2 := f.complaint(t, "081211113333", "")
		c2 = f.act(t, f.op, c2, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
		f.clock.Add(6 * time.Minute)
		f.runNow(t, f.slaJobs(t, c2.ID)["agency_answer/breach"])
		left := f.slaJobs(t, c2.ID)["agency_answer/escalate_kasi"]
		f.act(t, f.pd, c2, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Sudah diperbaiki."})
		f.clock.Add(72 * time.Hour)
		f.runNow(t, left)
		if k := notes(kasi); len(k) != 1 {
			t.Errorf("Kasi told about a step already done: %v", k)
		}
	})
}
