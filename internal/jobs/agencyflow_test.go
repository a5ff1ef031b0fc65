package jobs_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/store"
)

// forwardEvent returns the last forward-step event of c.
func forwardEventOf(t *testing.T, f *fixture, c *aduan.Complaint) aduan.Event {
	t.Helper()
	evs, err := f.st.Complaints().Events(ctx, aduan.System, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i := len(evs) - 1; i >= 0; i-- {
		if aduan.ForwardStep(evs[i].Step) {
			return evs[i]
		}
	}
	t.Fatal("no forward event")
	return aduan.Event{}
}

// TestForwardMetOnlyWhenTheAgencyIsReached: a forward whose every
// notification failed counts as not met (and not reached) in the event
// the reports read; a phone call that gets through reaches the agency
// (met again if within the deadline); a forward told by phone is reached
// at once.
func TestForwardMetOnlyWhenTheAgencyIsReached(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		// WhatsApp to DPUPR's operator fails for good.
		f.wa.fail = func(m *channel.Message, _ int) error { return channel.Permanent(errGatewayDown) }
		c := f.complaint(t, "081211112222", "")
		c = f.act(t, f.op, c, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
		if ev := forwardEventOf(t, f, c); ev.AgencyReached != nil || ev.Met == nil || !*ev.Met {
			t.Fatalf("before any news: reached %v met %v", ev.AgencyReached, ev.Met)
		}
		f.settled(t, c, 1)
		ev := forwardEventOf(t, f, c)
		if ev.AgencyReached == nil || *ev.AgencyReached || ev.Met == nil || *ev.Met {
			for _, m := range f.messages(t, c) {
				t.Logf("message %d %s %s %s %s", m.ID, m.Purpose, m.Channel, m.Status, m.Error)
			}
			t.Fatalf("every notification failed: reached %v met %v, want false/false", ev.AgencyReached, ev.Met)
		}
		// The figures the koordinator and the Kasi read count it as not
		// met: the dashboard's step 7.
		koord := aduan.Actor{UserID: -1, Role: aduan.RoleKoordinatorCC}
		dash, err := f.st.Reports().DashboardFor(ctx, koord, f.clock.Now())
		if err != nil {
			t.Fatal(err)
		}
		var seen bool
		for _, sc := range dash.StepCompliance {
			if sc.Key == string(ev.Step) {
				seen = true
				if sc.Total != 1 || sc.Met != 0 {
					t.Errorf("dashboard step %s: %d of %d met, want 0 of 1 (the agency was never reached)", sc.Key, sc.Met, sc.Total)
				}
			}
		}
		if !seen {
			t.Errorf("dashboard has no step %s: %+v", ev.Step, dash.StepCompliance)
		}
		// A call that nobody answers changes nothing; one that gets
		// through reaches the agency, within step 7's 25 minutes: met.
		c = f.act(t, f.op, c, aduan.ActionCallAgency, aduan.ActionInput{Outcome: aduan.CallNoAnswer, Note: "Tidak diangkat"})
		if ev := forwardEventOf(t, f, c); *ev.AgencyReached {
			t.Fatal("an unanswered call reached the agency")
		}
		f.clock.Add(3 * time.Minute)
		c = f.act(t, f.op, c, aduan.ActionCallAgency, aduan.ActionInput{Outcome: aduan.CallReached, Note: "Pak Budi (Kasi Jalan) sudah mencatat"})
		ev = forwardEventOf(t, f, c)
		if ev.AgencyReached == nil || !*ev.AgencyReached || ev.Met == nil || !*ev.Met || !ev.AgencyReachedAt.Equal(f.clock.Now().Truncate(time.Millisecond)) {
			t.Fatalf("after the call got through: reached %v at %v met %v", ev.AgencyReached, ev.AgencyReachedAt, ev.Met)
		}

		// Told by phone at the forward itself: reached at once.
		f.wa.fail = nil
		c2 := f.complaint(t, "081211113333", "")
		c2 = f.act(t, f.op, c2, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID, ReachedBy: aduan.ReachedByPhone, Note: "Bu Rina"})
		if ev := forwardEventOf(t, f, c2); ev.AgencyReached == nil || !*ev.AgencyReached {
			t.Fatalf("forward told by phone: reached %v", ev.AgencyReached)
		}
		// An agency reached through its portal only (its operator has no
		// phone): not reached until it acts there, and then late.
		dinsos, err := f.st.RefData().AgencyByCode(ctx, "DINSOS")
		if err != nil {
			t.Fatal(err)
		}
		portal := &aduan.User{Username: "pd.dinsos", Name: "PD DINSOS", Role: aduan.RoleOperatorPD, AgencyID: dinsos.ID, Active: true}
		if err := f.st.Users().CreateUser(ctx, aduan.System, portal, "kata-sandi-rahasia"); err != nil {
			t.Fatal(err)
		}
		c4 := f.complaint(t, "081211119999", "")
		c4 = f.act(t, f.op, c4, aduan.ActionForward, aduan.ActionInput{AgencyID: dinsos.ID})
		if ev := forwardEventOf(t, f, c4); ev.AgencyReached == nil || *ev.AgencyReached || *ev.Met {
			t.Fatalf("portal-only agency, no message could go: reached %v met %v", ev.AgencyReached, *ev.Met)
		}
		f.clock.Add(2 * time.Hour)
		f.act(t, portal.Actor(), c4, aduan.ActionAcknowledge, aduan.ActionInput{})
		if ev := forwardEventOf(t, f, c4); ev.AgencyReached == nil || !*ev.AgencyReached || *ev.Met {
			t.Fatalf("acknowledged 2 hours later: reached %v met %v (want reached, not met)", ev.AgencyReached, *ev.Met)
		}

		// A WhatsApp delivered (its status webhook) reaches the agency.
		c3 := f.complaint(t, "081211114444", "")
		c3 = f.act(t, f.op, c3, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
		ms := f.settled(t, c3, 1)
		if _, err := f.q.Receipt(ctx, channel.WhatsApp, 0, ms[0].GatewayID, channel.StatusDelivered, f.clock.Now(), ""); err != nil {
			t.Fatal(err)
		}
		if ev := forwardEventOf(t, f, c3); ev.AgencyReached == nil || !*ev.AgencyReached || !*ev.Met {
			t.Fatalf("delivered: reached %v met %v", ev.AgencyReached, ev.Met)
		}
	})
}

// TestCallCenterActionsOnAForward: the reminder re-sends the forward's
// notification; the escalation is refused while the agency has no
// Pimpinan PD and reaches the head's bell and phone once it has one; a
// withdrawal forwards to another agency, step 7 alone, and tells the old
// agency on its contacts and in its bell.
func TestCallCenterActionsOnAForward(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		c := f.complaint(t, "081211115555", "")
		c = f.act(t, f.op, c, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
		n := len(f.settled(t, c, 1))
		c = f.act(t, f.op, c, aduan.ActionRemindAgency, aduan.ActionInput{Note: "Belum ada kabar"})
		ms := f.settled(t, c, 2*n)
		reminded := false
		for _, m := range ms[n:] {
			reminded = reminded || m.Purpose == jobs.PurposeAgencyReminder && m.To == "+6281377778888" && strings.HasPrefix(m.Body, "PENGINGAT") && m.Status == channel.StatusSent
		}
		if !reminded {
			t.Errorf("no reminder to DPUPR's operator: %+v", ms[n:])
		}
		if c.Status != aduan.StatusForwarded {
			t.Errorf("the reminder moved the complaint to %s", c.Status)
		}

		_, _, err := f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionEscalateAgency, aduan.ActionInput{Note: "Lima hari tanpa kabar"})
		if aduan.ErrorCode(err) != aduan.EINVALID || !strings.Contains(err.Error(), "err.no_pimpinan") {
			t.Fatalf("escalation to an agency without a head: %v", err)
		}
		head := &aduan.User{Username: "kadis", Name: "Ir. Joko", Role: aduan.RolePimpinanPD, AgencyID: f.dpupr.ID, Active: true, Phone: "081399990000"}
		if err := f.st.Users().CreateUser(ctx, aduan.System, head, "kata-sandi-rahasia"); err != nil {
			t.Fatal(err)
		}
		c = f.act(t, f.op, c, aduan.ActionEscalateAgency, aduan.ActionInput{Note: "Lima hari tanpa kabar"})
		ms = f.settled(t, c, 2*n+1)
		if m := ms[2*n]; m.Purpose != jobs.PurposeEscalation || m.To != "+6281399990000" || !strings.Contains(m.Body, "Lima hari tanpa kabar") {
			t.Errorf("escalation SMS = %+v", m)
		}
		ns, err := f.st.Messages().Notifications(ctx, head.Actor(), true, 10)
		if err != nil || len(ns) != 1 || ns[0].Kind != jobs.KindAgencyEscalated || ns[0].ComplaintID != c.ID {
			t.Errorf("head's bell: %+v %v", ns, err)
		}

		dinsos, err := f.st.RefData().AgencyByCode(ctx, "DINSOS")
		if err != nil {
			t.Fatal(err)
		}
		// DINSOS has no contact: refused without a call, taken with one.
		_, _, err = f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionWithdraw, aduan.ActionInput{AgencyID: dinsos.ID, Reason: "Bantuan sosial"})
		if aduan.ErrorCode(err) != aduan.EINVALID {
			t.Fatalf("withdraw to an unreachable agency without a call: %v", err)
		}
		c = f.act(t, f.op, c, aduan.ActionWithdraw, aduan.ActionInput{AgencyID: dinsos.ID, Reason: "Bantuan sosial", ReachedBy: aduan.ReachedByPhone})
		ev := forwardEventOf(t, f, c)
		if c.AgencyID != dinsos.ID || c.Status != aduan.StatusForwarded || ev.Step != aduan.StepReforward || ev.AgencyReached == nil || !*ev.AgencyReached {
			t.Errorf("withdrawn: agency %d status %s event %+v", c.AgencyID, c.Status, ev)
		}
		// The old agency is told: on its contacts (as many as the forward
		// reached) and in its operator's bell, with the reason and where
		// the complaint went.
		ms = f.settled(t, c, 3*n+1)
		var told []*channel.Message
		for _, m := range ms {
			if m.Purpose == jobs.PurposeWithdrawn {
				told = append(told, m)
			}
		}
		if len(told) != n {
			t.Fatalf("withdrawal notices to DPUPR: %d, want %d: %+v", len(told), n, told)
		}
		for _, m := range told {
			if m.AgencyID != f.dpupr.ID || m.Status != channel.StatusSent || !strings.Contains(m.Body, "ditarik dari") || !strings.Contains(m.Body, "Bantuan sosial") ||
				!strings.Contains(m.Body, dinsos.Name) || !strings.Contains(m.Body, c.Number) {
				t.Errorf("withdrawal notice = %+v", m)
			}
		}
		ns, err = f.st.Messages().Notifications(ctx, f.pd, true, 10)
		if err != nil || len(ns) != 1 || ns[0].Kind != jobs.KindAgencyWithdrawn || ns[0].ComplaintID != c.ID {
			t.Errorf("DPUPR operator's bell: %+v %v", ns, err)
		}
	})
}

// TestPromiseTellsTheCitizen: the agency's promise and its progress reach
// the citizen by SMS; the complaint stays open until the completion.
func TestPromiseTellsTheCitizen(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		c := f.complaint(t, "081211116666", "")
		c = f.act(t, f.op, c, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
		day := f.clock.Now().In(aduan.WIB).AddDate(0, 0, 10).Format("2006-01-02")
		c = f.act(t, f.pd, c, aduan.ActionAgencyPromise, aduan.ActionInput{Answer: "Lubang ditambal setelah material tiba.", PromisedBy: day})
		c = f.act(t, f.pd, c, aduan.ActionAgencyProgress, aduan.ActionInput{Answer: "Material sudah tiba, pengerjaan besok pagi."})
		ms := f.settled(t, c, 4)
		var promise, progress bool
		for _, m := range ms {
			if m.Purpose != jobs.PurposeFollowUp || m.To != "+6281211116666" || m.Status != channel.StatusSent {
				continue
			}
			promise = promise || strings.Contains(m.Body, "berjanji") && strings.Contains(m.Body, "Lubang ditambal")
			progress = progress || strings.Contains(m.Body, "Material sudah tiba")
		}
		if !promise || !progress {
			t.Errorf("citizen told of the promise %v, of the progress %v: %+v", promise, progress, ms)
		}
		if c.Status != aduan.StatusPromised || c.PromisedBy == nil || c.Clock.Step != aduan.StepFollowUp {
			t.Errorf("status %s promised %v clock %s", c.Status, c.PromisedBy, c.Clock.Step)
		}
		c = f.act(t, f.pd, c, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Sudah ditambal."})
		if c.Status != aduan.StatusAgencyAnswered || c.PromisedBy != nil {
			t.Errorf("after completion: %s %v", c.Status, c.PromisedBy)
		}
	})
}

// TestCitizenWaitRemindThenClose: a complaint waiting on the citizen's
// identity gets a reminder after 3 days and closes with a notice after 30;
// one the citizen answered is left alone.
func TestCitizenWaitRemindThenClose(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		c := f.complaint(t, "081211117777", "")
		c = f.act(t, f.op, c, aduan.ActionRequestIdentity, aduan.ActionInput{Missing: []string{"address"}})
		js := f.slaJobs(t, c.ID)
		remind, closing := js["/wait_remind"], js["/wait_close"]
		if remind == nil || closing == nil {
			t.Fatalf("jobs: %v", js)
		}
		if d := time.Until(closing.ScheduledAt); d < 29*24*time.Hour || d > 31*24*time.Hour {
			t.Errorf("close in %s, want 30 days", d)
		}
		f.clock.Add(3*24*time.Hour + time.Minute)
		f.runNow(t, remind)
		got, _ := f.st.Complaints().Complaint(ctx, aduan.System, c.ID)
		if got.Status != aduan.StatusAwaitingIdentity {
			t.Fatalf("after the reminder: %s", got.Status)
		}
		eventually(t, "reminder sent", func() bool {
			for _, m := range f.messages(t, got) {
				if m.Purpose == jobs.PurposeCitizenWait && m.Status == channel.StatusSent && strings.Contains(m.Body, "masih menunggu identitas") {
					return true
				}
			}
			return false
		})
		f.clock.Add(27 * 24 * time.Hour)
		f.runNow(t, closing)
		got, _ = f.st.Complaints().Complaint(ctx, aduan.System, c.ID)
		if got.Status != aduan.StatusClosed {
			t.Fatalf("after 30 days: %s", got.Status)
		}
		eventually(t, "close notice sent", func() bool {
			for _, m := range f.messages(t, got) {
				if m.Purpose == jobs.PurposeCitizenWait && m.Status == channel.StatusSent && strings.Contains(m.Body, "ditutup") {
					return true
				}
			}
			return false
		})

		// Answered in time: the jobs find nothing to do.
		c2 := f.complaint(t, "081211118888", "")
		c2 = f.act(t, f.op, c2, aduan.ActionRequestIdentity, aduan.ActionInput{Missing: []string{"address"}})
		js2 := f.slaJobs(t, c2.ID)
		f.act(t, f.op, c2, aduan.ActionProvideIdentity, aduan.ActionInput{Citizen: &aduan.CitizenInput{Address: "Jl. Melati 5"}})
		f.clock.Add(31 * 24 * time.Hour)
		f.runNow(t, js2["/wait_close"])
		if got, _ := f.st.Complaints().Complaint(ctx, aduan.System, c2.ID); got.Status != aduan.StatusRecorded {
			t.Errorf("a complaint the citizen answered: %s", got.Status)
		}
	})
}
