package aduan_test

import (
	"testing"
	"time"

	"github.com/kotakita/aduan"
)

// forwardedAt returns a complaint forwarded to agency 7 at `at`.
func forwardedAt(t *testing.T, sc *aduan.StandardClock, at time.Time) *aduan.Complaint {
	t.Helper()
	c := recordedAt(sc, at.Add(-10*time.Minute))
	apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, at)
	return c
}

func TestCallCenterRecordsTheAgencysAnswerAsSteps8And9(t *testing.T) {
	sc := defaultSC()
	fwd := t0.Add(time.Hour)
	c := forwardedAt(t, sc, fwd)
	// The agency phoned 3 minutes after the forward; the operator writes
	// it down 6 minutes after that: step 8 met, step 9 (5 min) late.
	answered := fwd.Add(3 * time.Minute)
	ev := apply(t, sc, c, opCC, aduan.ActionRecordAgencyAnswer, aduan.ActionInput{Answer: "Lubang ditambal Kamis.",
		AnsweredBy: "Pak Budi, Kasi Jalan", AnsweredAt: answered.Format(time.RFC3339), Via: aduan.ViaPhone}, answered.Add(6*time.Minute))
	if c.Status != aduan.StatusAnswerReceived || c.AgencyAnswer != "Lubang ditambal Kamis." {
		t.Fatalf("status %s, agency answer %q", c.Status, c.AgencyAnswer)
	}
	if ev.Step != aduan.StepAnswerReceive || ev.Met == nil || *ev.Met || ev.Elapsed != 6*time.Minute {
		t.Errorf("step 9 = %s met %v elapsed %s: the receipt came 6 min after the answer (standard 5)", ev.Step, ev.Met, ev.Elapsed)
	}
	p := ev.Prior
	if p == nil || p.Step != aduan.StepAgencyAnswer || !p.At.Equal(answered) || p.Met == nil || !*p.Met || p.Details["answered_by"] != "Pak Budi, Kasi Jalan" {
		t.Fatalf("step 8 event = %+v", p)
	}
	if c.Clock.Step != aduan.StepRelay {
		t.Errorf("clock now on %s, want relay", c.Clock.Step)
	}
}

func TestRecordAgencyAnswerBadInput(t *testing.T) {
	sc := defaultSC()
	fwd := t0.Add(time.Hour)
	now := fwd.Add(time.Hour)
	ok := aduan.ActionInput{Answer: "Sudah ditangani.", AnsweredBy: "Bu Rina", Via: aduan.ViaWhatsApp}
	for _, tc := range []struct {
		name  string
		edit  func(*aduan.ActionInput)
		field string
	}{
		{"no text", func(in *aduan.ActionInput) { in.Answer = " " }, "answer"},
		{"nobody", func(in *aduan.ActionInput) { in.AnsweredBy = "" }, "answered_by"},
		{"how?", func(in *aduan.ActionInput) { in.Via = "pigeon" }, "via"},
		{"future", func(in *aduan.ActionInput) { in.AnsweredAt = now.Add(time.Hour).Format(time.RFC3339) }, "answered_at"},
		{"before the forward", func(in *aduan.ActionInput) { in.AnsweredAt = fwd.Add(-time.Hour).Format(time.RFC3339) }, "answered_at"},
		{"garbled", func(in *aduan.ActionInput) { in.AnsweredAt = "kemarin" }, "answered_at"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := forwardedAt(t, sc, fwd)
			in := ok
			tc.edit(&in)
			refuse(t, sc, c, opCC, aduan.ActionRecordAgencyAnswer, in, now, aduan.EINVALID, tc.field)
		})
	}
	c := forwardedAt(t, sc, fwd)
	refuse(t, sc, c, opPD7, aduan.ActionRecordAgencyAnswer, ok, now, aduan.EFORBIDDEN, "")
	// A local time as a browser's datetime field sends it, in the city's zone.
	in := ok
	in.AnsweredAt = fwd.In(aduan.WIB).Add(30 * time.Minute).Format("2006-01-02T15:04")
	ev := apply(t, sc, c, opCC, aduan.ActionRecordAgencyAnswer, in, now)
	if !ev.Prior.At.Equal(fwd.Add(30 * time.Minute)) {
		t.Errorf("answered at %s, want %s", ev.Prior.At, fwd.Add(30*time.Minute))
	}
}

func TestLoggedActionsOnAForwardLeaveItWhereItWas(t *testing.T) {
	sc := defaultSC()
	fwd := t0.Add(time.Hour)
	for _, tc := range []struct {
		act aduan.Action
		in  aduan.ActionInput
	}{
		{aduan.ActionRemindAgency, aduan.ActionInput{}},
		{aduan.ActionCallAgency, aduan.ActionInput{Outcome: aduan.CallNoAnswer, Note: "Telepon kantor tidak diangkat"}},
		{aduan.ActionEscalateAgency, aduan.ActionInput{Note: "Tiga hari tanpa kabar"}},
	} {
		c := forwardedAt(t, sc, fwd)
		clock := c.Clock
		ev := apply(t, sc, c, opCC, tc.act, tc.in, fwd.Add(2*time.Minute))
		if c.Status != aduan.StatusForwarded || ev.From != ev.To || ev.Step != "" || c.Clock.StartedAt != clock.StartedAt || *c.Clock.Deadline != *clock.Deadline {
			t.Errorf("%s moved the complaint: %s, event %s→%s step %q, clock %+v", tc.act, c.Status, ev.From, ev.To, ev.Step, c.Clock)
		}
		refuse(t, sc, c, opPD7, tc.act, tc.in, fwd.Add(3*time.Minute), aduan.EFORBIDDEN, "")
	}
	c := forwardedAt(t, sc, fwd)
	refuse(t, sc, c, opCC, aduan.ActionCallAgency, aduan.ActionInput{Note: "x"}, fwd, aduan.EINVALID, "outcome")
	refuse(t, sc, c, opCC, aduan.ActionEscalateAgency, aduan.ActionInput{}, fwd, aduan.EINVALID, "note")
	// Not on a complaint the agency does not hold.
	refuse(t, sc, recordedAt(sc, t0), opCC, aduan.ActionRemindAgency, aduan.ActionInput{}, t0, aduan.ETRANSITION, "")
}

func TestWithdrawIsStep7Alone(t *testing.T) {
	sc := defaultSC()
	fwd := t0.Add(time.Hour)
	c := forwardedAt(t, sc, fwd)
	at := fwd.Add(2 * 24 * time.Hour)
	refuse(t, sc, c, opCC, aduan.ActionWithdraw, aduan.ActionInput{AgencyID: 7, Reason: "salah"}, at, aduan.EINVALID, "agency_id")
	refuse(t, sc, c, opCC, aduan.ActionWithdraw, aduan.ActionInput{AgencyID: 9}, at, aduan.EINVALID, "reason")
	refuse(t, sc, c, opCC, aduan.ActionWithdraw, aduan.ActionInput{AgencyID: 9, Reason: "x", AgencyUnreachable: true}, at, aduan.EINVALID, "reached_by")
	ev := apply(t, sc, c, opCC, aduan.ActionWithdraw, aduan.ActionInput{AgencyID: 9, Reason: "Jalan kota, bukan provinsi"}, at)
	if c.AgencyID != 9 || c.Status != aduan.StatusForwarded || ev.Step != aduan.StepReforward || ev.Met == nil || !*ev.Met || ev.Elapsed != 0 {
		t.Fatalf("agency %d status %s step %s met %v elapsed %s", c.AgencyID, c.Status, ev.Step, ev.Met, ev.Elapsed)
	}
	if !ev.Deadline.Equal(at.Add(5*time.Minute)) || ev.Details["withdrawn_from"] != "7" {
		t.Errorf("deadline %s (want 5 min from the withdrawal), details %v", ev.Deadline, ev.Details)
	}
	if !c.Clock.StartedAt.Equal(at) || c.Clock.Step != aduan.StepAgencyAnswer {
		t.Errorf("the new agency's clock: %+v", c.Clock)
	}
}

func TestPromiseThenProgressThenCompletion(t *testing.T) {
	sc := defaultSC()
	fwd := t0.Add(time.Hour)
	c := forwardedAt(t, sc, fwd)
	at := fwd.Add(3 * time.Minute)
	refuse(t, sc, c, opPD7, aduan.ActionAgencyPromise, aduan.ActionInput{Answer: "Ditambal"}, at, aduan.EINVALID, "promised_by")
	refuse(t, sc, c, opPD7, aduan.ActionAgencyPromise, aduan.ActionInput{Answer: "Ditambal", PromisedBy: "2026-03-01"}, at, aduan.EINVALID, "promised_by")
	refuse(t, sc, c, opPD9, aduan.ActionAgencyPromise, aduan.ActionInput{Answer: "Ditambal", PromisedBy: "2026-03-20"}, at, aduan.EFORBIDDEN, "")
	ev := apply(t, sc, c, opPD7, aduan.ActionAgencyPromise, aduan.ActionInput{Answer: "Ditambal pekan depan", PromisedBy: "2026-03-20"}, at)
	// The promise is step 8's answer, on time (5 min standard here).
	if c.Status != aduan.StatusPromised || ev.Step != aduan.StepAgencyAnswer || ev.Met == nil || !*ev.Met {
		t.Fatalf("status %s step %s met %v", c.Status, ev.Step, ev.Met)
	}
	// The follow-up is due at the close of the promised day (24/7 here:
	// the end of 20 March).
	if c.Clock.Step != aduan.StepFollowUp || c.Clock.Deadline == nil || !c.Clock.Deadline.Equal(wib(2026, 3, 21, 0, 0)) {
		t.Fatalf("clock %+v", c.Clock)
	}
	if !c.Status.AtAgency() || !c.Open() {
		t.Error("a promised complaint is with the agency and open")
	}
	refuse(t, sc, c, opCC, aduan.ActionClose, aduan.ActionInput{}, at, aduan.ETRANSITION, "")
	p := apply(t, sc, c, opPD7, aduan.ActionAgencyProgress, aduan.ActionInput{Answer: "Material sudah datang"}, at.Add(time.Hour))
	if c.Status != aduan.StatusPromised || p.Details["progress"] != "Material sudah datang" || p.Step != "" {
		t.Errorf("progress moved it: %s %+v", c.Status, p)
	}
	q := apply(t, sc, c, opPD7, aduan.ActionAskClarification, aduan.ActionInput{Answer: "Nomor rumah pelapor?"}, at.Add(2*time.Hour))
	apply(t, sc, c, opCC, aduan.ActionAnswerClarification, aduan.ActionInput{Answer: "No. 12"}, at.Add(3*time.Hour))
	if c.Status != aduan.StatusPromised || q.Details["question"] == "" {
		t.Errorf("clarification moved it: %s", c.Status)
	}
	done := apply(t, sc, c, opPD7, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Sudah ditambal."}, wib(2026, 3, 22, 10, 0))
	if c.Status != aduan.StatusAgencyAnswered || done.Step != aduan.StepFollowUp || done.Met != nil || done.Details["promise_kept"] != "false" {
		t.Errorf("completion: status %s step %s met %v details %v", c.Status, done.Step, done.Met, done.Details)
	}
	if c.PromisedBy != nil {
		t.Error("the promise is settled")
	}
}

func TestWaitingOnTheCitizenRemindAndClose(t *testing.T) {
	sc := defaultSC()
	c := recordedAt(sc, t0)
	apply(t, sc, c, opCC, aduan.ActionRequestIdentity, aduan.ActionInput{}, t0.Add(time.Minute))
	ev := apply(t, sc, c, aduan.System, aduan.ActionRemindCitizen, aduan.ActionInput{}, t0.Add(72*time.Hour))
	if c.Status != aduan.StatusAwaitingIdentity || c.Clock.PausedSince == nil || ev.From != ev.To {
		t.Fatalf("the reminder moved it: %s %+v", c.Status, c.Clock)
	}
	apply(t, sc, c, aduan.System, aduan.ActionCloseNoReply, aduan.ActionInput{Note: "30 hari"}, t0.Add(30*24*time.Hour))
	if c.Status != aduan.StatusClosed || c.ClosedAt == nil {
		t.Fatalf("status %s", c.Status)
	}
}

func TestForwardMetOnlyWhenReached(t *testing.T) {
	at, dl := t0, t0.Add(25*time.Minute)
	yes, no := true, false
	for _, tc := range []struct {
		name      string
		at        time.Time
		reached   *bool
		reachedAt *time.Time
		want      bool
	}{
		{"no news yet", at, nil, nil, true},
		{"late forward", dl.Add(time.Minute), nil, nil, false},
		{"delivered in time", at, &yes, ptrT(at.Add(time.Minute)), true},
		{"every notification failed", at, &no, nil, false},
		{"phoned only the next day", at, &yes, ptrT(at.Add(24 * time.Hour)), false},
	} {
		if got := aduan.ForwardMet(tc.at, dl, tc.reached, tc.reachedAt); got != tc.want {
			t.Errorf("%s: met %v, want %v", tc.name, got, tc.want)
		}
	}
}
