package aduan_test

import (
	"testing"
	"time"

	"github.com/kotakita/aduan"
)

// ---------------------------------------------------------------------------
// Standards.

func TestDefaultStandardsAreTheSOPs(t *testing.T) {
	want := map[aduan.StepKey]aduan.Standard{
		"intake":          {15, "menit"},
		"direct_answer":   {10, "menit"},
		"photo_request":   {10, "menit"},
		"library_answer":  {20, "menit"},
		"forward":         {25, "menit"},
		"reforward":       {5, "menit"},
		"agency_receive":  {5, "hari_kerja"},
		"agency_answer":   {5, "hari_kerja"},
		"answer_receive":  {5, "menit"},
		"relay":           {2, "jam"},
		"daily_report":    {2, "jam"},
		"monthly_report":  {1, "jam"},
		"report_review":   {2, "jam"},
		"report_complete": {2, "jam"},
	}
	got := aduan.DefaultStandards()
	if len(got) != len(want) {
		t.Errorf("DefaultStandards has %d steps, want %d", len(got), len(want))
	}
	for k, w := range want {
		if got[k] != w {
			t.Errorf("default %s = %v, want %v", k, got[k], w)
		}
		if !aduan.ValidStep(k) {
			t.Errorf("ValidStep(%s) = false", k)
		}
	}
	if aduan.ValidStep("coffee_break") {
		t.Errorf("ValidStep accepts an unknown step")
	}
	// Handing out the defaults must not let a caller change them.
	got["forward"] = aduan.Standard{1, "menit"}
	if aduan.DefaultStandards()["forward"] != (aduan.Standard{25, "menit"}) {
		t.Errorf("DefaultStandards shares its map")
	}
}

// ---------------------------------------------------------------------------
// The clock through the workflow.

func TestStartSetsForwardDeadline(t *testing.T) {
	sc := defaultSC()
	var k aduan.Clock
	k.Paused = time.Hour // leftovers must be cleared
	sc.Start(&k, t0)
	if k.Step != aduan.StepForward || !k.StartedAt.Equal(t0) || k.Paused != 0 || k.PausedSince != nil {
		t.Errorf("Start: %+v", k)
	}
	if k.Deadline == nil || !k.Deadline.Equal(wib(2026, 3, 10, 9, 25)) {
		t.Errorf("forward deadline = %v, want 09:25 WIB", k.Deadline)
	}
}

func TestForwardMetOrMissed(t *testing.T) {
	tests := []struct {
		after time.Duration
		met   bool
	}{
		{mins(20), true},
		{mins(25), true}, // exactly on the deadline still counts
		{mins(25) + time.Second, false},
		{mins(30), false},
	}
	for _, tc := range tests {
		sc := defaultSC()
		c := recordedAt(sc, t0)
		ev := apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, t0.Add(tc.after))
		if ev.Met == nil || *ev.Met != tc.met {
			t.Errorf("forward after %v: Met = %v, want %v", tc.after, fmtBool(ev.Met), tc.met)
		}
		if ev.Deadline == nil || !ev.Deadline.Equal(wib(2026, 3, 10, 9, 25)) {
			t.Errorf("forward after %v: Deadline = %v, want 09:25 WIB", tc.after, ev.Deadline)
		}
		if ev.Elapsed != tc.after {
			t.Errorf("forward after %v: Elapsed = %v", tc.after, ev.Elapsed)
		}
	}
}

func TestIdentityPauseMovesTheDeadline(t *testing.T) {
	sc := defaultSC()
	c := recordedAt(sc, t0)

	apply(t, sc, c, opCC, aduan.ActionRequestIdentity, aduan.ActionInput{Missing: []string{"name"}}, t0.Add(mins(5)))
	if c.Clock.PausedSince == nil || !c.Clock.PausedSince.Equal(t0.Add(mins(5))) {
		t.Errorf("PausedSince = %v, want 09:05", c.Clock.PausedSince)
	}
	if c.Clock.Deadline != nil {
		t.Errorf("no deadline while paused, got %v", c.Clock.Deadline)
	}
	// Half an hour into the pause, only the 5 minutes before it count.
	if got := c.Clock.Elapsed(t0.Add(mins(35))); got != mins(5) {
		t.Errorf("Elapsed during the pause = %v, want 5m", got)
	}

	apply(t, sc, c, opCC, aduan.ActionProvideIdentity, aduan.ActionInput{Citizen: &aduan.CitizenInput{Name: "Ani"}}, t0.Add(mins(65)))
	if c.Clock.Paused != time.Hour || c.Clock.PausedSince != nil {
		t.Errorf("after the pause: Paused %v PausedSince %v; want 1h, nil", c.Clock.Paused, c.Clock.PausedSince)
	}
	if c.Clock.Step != aduan.StepForward || c.Clock.Deadline == nil || !c.Clock.Deadline.Equal(wib(2026, 3, 10, 10, 25)) {
		t.Errorf("clock after the pause = %+v, want forward due 10:25 WIB", c.Clock)
	}
	if got := c.Clock.Elapsed(t0.Add(mins(80))); got != mins(20) {
		t.Errorf("Elapsed at +80 = %v, want 20m (80 minus the hour paused)", got)
	}

	ev := apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, t0.Add(mins(80)))
	checkEvent(t, ev, evWant{step: "forward", from: "recorded", to: "forwarded",
		deadline: wib(2026, 3, 10, 10, 25), met: true, elapsed: mins(20),
		details: map[string]string{"agency_id": "7"}})

	// The pause is over once forwarded: the agency's window is fresh.
	if c.Clock.Paused != 0 || c.Clock.Step != aduan.StepAgencyAnswer ||
		c.Clock.Deadline == nil || !c.Clock.Deadline.Equal(wib(2026, 3, 10, 10, 25)) {
		t.Errorf("clock after forward = %+v, want agency_answer due 10:25 WIB (forward 10:20 + 5m)", c.Clock)
	}
}

func TestPauseDoesNotRescueALateForward(t *testing.T) {
	sc := defaultSC()
	c := recordedAt(sc, t0)
	apply(t, sc, c, opCC, aduan.ActionRequestIdentity, aduan.ActionInput{}, t0.Add(mins(5)))
	apply(t, sc, c, opCC, aduan.ActionProvideIdentity, aduan.ActionInput{Citizen: &aduan.CitizenInput{Name: "Ani"}}, t0.Add(mins(65)))
	ev := apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, t0.Add(mins(91)))
	if ev.Met == nil || *ev.Met || ev.Elapsed != mins(31) {
		t.Errorf("forward at +91 after a 60-min pause: Met %v Elapsed %v; want false, 31m", fmtBool(ev.Met), ev.Elapsed)
	}
}

func TestTwoPausesAddUp(t *testing.T) {
	sc := defaultSC()
	c := recordedAt(sc, t0)
	apply(t, sc, c, opCC, aduan.ActionRequestIdentity, aduan.ActionInput{}, t0.Add(mins(2)))
	apply(t, sc, c, opCC, aduan.ActionProvideIdentity, aduan.ActionInput{Citizen: &aduan.CitizenInput{Name: "Ani"}}, t0.Add(mins(12))) // 10 min
	apply(t, sc, c, opCC, aduan.ActionRequestPhotos, aduan.ActionInput{}, t0.Add(mins(15)))
	apply(t, sc, c, opCC, aduan.ActionPhotosReceived, aduan.ActionInput{}, t0.Add(mins(45))) // 30 min
	ev := apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, t0.Add(mins(60)))
	checkEvent(t, ev, evWant{step: "forward", from: "recorded", to: "forwarded",
		deadline: wib(2026, 3, 10, 10, 5), met: true, elapsed: mins(20),
		details: map[string]string{"agency_id": "7"}})
}

func TestAgencyAnswerWindow(t *testing.T) {
	sc := defaultSC()
	forwardAt := t0.Add(mins(10)) // 09:10

	c := recordedAt(sc, t0)
	apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, forwardAt)
	if c.Clock.Step != aduan.StepAgencyAnswer || c.Clock.Deadline == nil || !c.Clock.Deadline.Equal(wib(2026, 3, 10, 9, 15)) {
		t.Fatalf("clock after forward = %+v, want agency_answer due 09:15", c.Clock)
	}
	// Acknowledging does not restart the agency's window.
	apply(t, sc, c, opPD7, aduan.ActionAcknowledge, aduan.ActionInput{}, forwardAt.Add(mins(3)))
	if c.Clock.Step != aduan.StepAgencyAnswer || !c.Clock.StartedAt.Equal(forwardAt) ||
		c.Clock.Deadline == nil || !c.Clock.Deadline.Equal(wib(2026, 3, 10, 9, 15)) {
		t.Fatalf("clock after acknowledge = %+v, want still agency_answer due 09:15", c.Clock)
	}
	ev := apply(t, sc, c, opPD7, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Ditangani"}, forwardAt.Add(mins(4)))
	if ev.Met == nil || !*ev.Met || !ev.Deadline.Equal(wib(2026, 3, 10, 9, 15)) || ev.Elapsed != mins(4) {
		t.Errorf("agency_answer at +4: Met %v Deadline %v Elapsed %v", fmtBool(ev.Met), ev.Deadline, ev.Elapsed)
	}
	// Now the call center has 5 minutes to take it.
	if c.Clock.Step != aduan.StepAnswerReceive || c.Clock.Deadline == nil || !c.Clock.Deadline.Equal(wib(2026, 3, 10, 9, 19)) {
		t.Errorf("clock after agency_answer = %+v, want answer_receive due 09:19", c.Clock)
	}

	c = recordedAt(sc, t0)
	apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, forwardAt)
	apply(t, sc, c, opPD7, aduan.ActionAcknowledge, aduan.ActionInput{}, forwardAt.Add(mins(2)))
	ev = apply(t, sc, c, opPD7, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Ditangani"}, forwardAt.Add(mins(6)))
	if ev.Met == nil || *ev.Met {
		t.Errorf("agency_answer 6 min after forward must miss the 5-min standard")
	}

	// A late acknowledgement misses its own standard.
	c = recordedAt(sc, t0)
	apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, forwardAt)
	ev = apply(t, sc, c, opPD7, aduan.ActionAcknowledge, aduan.ActionInput{}, forwardAt.Add(mins(40)))
	if ev.Step != aduan.StepAgencyReceive || ev.Met == nil || *ev.Met || ev.Elapsed != mins(40) {
		t.Errorf("acknowledge at +40: step %s Met %v Elapsed %v", ev.Step, fmtBool(ev.Met), ev.Elapsed)
	}
}

func TestRelayWithinTwoHours(t *testing.T) {
	tests := []struct {
		after time.Duration
		met   bool
	}{
		{mins(1), true},
		{time.Hour + mins(59), true},
		{2 * time.Hour, true},
		{2*time.Hour + mins(1), false},
	}
	for _, tc := range tests {
		sc := defaultSC()
		c := recordedAt(sc, t0)
		apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, t0.Add(mins(10)))
		apply(t, sc, c, opPD7, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Sudah diperbaiki."}, t0.Add(mins(14)))
		recv := t0.Add(mins(18))
		ev := apply(t, sc, c, opCC, aduan.ActionReceiveAnswer, aduan.ActionInput{}, recv)
		if ev.Met == nil || !*ev.Met || !ev.Deadline.Equal(wib(2026, 3, 10, 9, 19)) {
			t.Errorf("receive_answer 4 min after the answer: Met %v Deadline %v", fmtBool(ev.Met), ev.Deadline)
		}
		if c.Clock.Step != aduan.StepRelay || c.Clock.Deadline == nil || !c.Clock.Deadline.Equal(wib(2026, 3, 10, 11, 18)) {
			t.Errorf("relay due = %+v, want 11:18", c.Clock)
		}
		ev = apply(t, sc, c, opCC, aduan.ActionRelay, aduan.ActionInput{}, recv.Add(tc.after))
		if ev.Met == nil || *ev.Met != tc.met {
			t.Errorf("relay after %v: Met = %v, want %v", tc.after, fmtBool(ev.Met), tc.met)
		}
		if !ev.Deadline.Equal(wib(2026, 3, 10, 11, 18)) || ev.Elapsed != tc.after {
			t.Errorf("relay after %v: Deadline %v Elapsed %v", tc.after, ev.Deadline, ev.Elapsed)
		}
	}
}

func TestClockElapsed(t *testing.T) {
	k := aduan.Clock{StartedAt: t0, Paused: mins(10)}
	if got := k.Elapsed(t0.Add(mins(30))); got != mins(20) {
		t.Errorf("Elapsed = %v, want 20m", got)
	}
	if got := k.Elapsed(t0.Add(mins(5))); got != 0 {
		t.Errorf("Elapsed never goes negative, got %v", got)
	}
	k.PausedSince = ptrT(t0.Add(mins(40)))
	if got := k.Elapsed(t0.Add(mins(55))); got != mins(30) {
		t.Errorf("Elapsed with a running pause = %v, want 30m", got)
	}
}

// ---------------------------------------------------------------------------
// Intake (SOP steps 1–3).

func TestIntakeEvent(t *testing.T) {
	sc := defaultSC()
	received := wib(2026, 3, 10, 8, 50)
	tests := []struct {
		recorded time.Time
		met      bool
		elapsed  time.Duration
	}{
		{wib(2026, 3, 10, 8, 58), true, mins(8)},
		{wib(2026, 3, 10, 9, 5), true, mins(15)},
		{wib(2026, 3, 10, 9, 6), false, mins(16)},
		{wib(2026, 3, 10, 10, 0), false, mins(70)},
	}
	for _, tc := range tests {
		dl, met, el := sc.IntakeEvent(received, tc.recorded)
		if !dl.Equal(wib(2026, 3, 10, 9, 5)) || met != tc.met || el != tc.elapsed {
			t.Errorf("IntakeEvent(08:50, %s) = %v, %v, %v; want 09:05, %v, %v",
				tc.recorded.Format("15:04"), dl.Format("15:04"), met, el, tc.met, tc.elapsed)
		}
	}
}

// A complaint may be recorded with a received time up to a minute ahead of
// the server's clock (NewComplaint.Validate allows it); the intake time must
// not come out negative, just as Clock.Elapsed never does.
func TestIntakeEventElapsedNeverNegative(t *testing.T) {
	sc := defaultSC()
	now := wib(2026, 3, 10, 9, 0)
	_, met, el := sc.IntakeEvent(now.Add(30*time.Second), now)
	if !met {
		t.Errorf("intake recorded before the call's stamped start is met")
	}
	if el < 0 {
		t.Errorf("intake elapsed = %v, want 0, never negative", el)
	}
}

// ---------------------------------------------------------------------------
// Custom standards.

func TestCustomStandardsOverrideDefaults(t *testing.T) {
	sc := aduan.NewStandardClock(aduan.Standards{
		aduan.StepForward: {1, aduan.UnitHour},
		aduan.StepIntake:  {30, aduan.UnitMinute},
	}, aduan.NewCalendar(nil))

	if got := sc.Due(t0, aduan.StepForward); !got.Equal(wib(2026, 3, 10, 10, 0)) {
		t.Errorf("custom forward due = %v, want 10:00", got)
	}
	if got := sc.Due(t0, aduan.StepDirectAnswer); !got.Equal(wib(2026, 3, 10, 9, 10)) {
		t.Errorf("direct answer (default kept) due = %v, want 09:10", got)
	}
	if got := sc.Due(t0, aduan.StepRelay); !got.Equal(wib(2026, 3, 10, 11, 0)) {
		t.Errorf("relay (default kept) due = %v, want 11:00", got)
	}
	if _, met, _ := sc.IntakeEvent(t0, t0.Add(mins(25))); !met {
		t.Errorf("intake of 25 min meets a custom 30-min standard")
	}

	// Through the workflow: forwarding after 45 minutes now meets the standard.
	c := recordedAt(sc, t0)
	if c.Clock.Deadline == nil || !c.Clock.Deadline.Equal(wib(2026, 3, 10, 10, 0)) {
		t.Errorf("Start with custom standard: deadline %v, want 10:00", c.Clock.Deadline)
	}
	ev := apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, t0.Add(mins(45)))
	if ev.Met == nil || !*ev.Met || !ev.Deadline.Equal(wib(2026, 3, 10, 10, 0)) {
		t.Errorf("forward at +45 with a 1-hour standard: Met %v Deadline %v", fmtBool(ev.Met), ev.Deadline)
	}

	// The defaults themselves are untouched.
	if got := defaultSC().Due(t0, aduan.StepForward); !got.Equal(wib(2026, 3, 10, 9, 25)) {
		t.Errorf("default forward due = %v after building a custom clock, want 09:25", got)
	}
	if aduan.DefaultStandards()[aduan.StepForward] != (aduan.Standard{25, aduan.UnitMinute}) {
		t.Errorf("NewStandardClock changed the defaults")
	}
}

func TestNilStandardsAndCalendar(t *testing.T) {
	sc := aduan.NewStandardClock(nil, nil)
	if got := sc.Due(t0, aduan.StepLibraryAnswer); !got.Equal(wib(2026, 3, 10, 9, 20)) {
		t.Errorf("library answer due = %v, want 09:20", got)
	}
	// An agency step on the default office week without a holiday table:
	// Friday 13 March 2026, 15:00 + 5 working days is the next Friday's
	// close, Nyepi not skipped since nobody entered it, and it says so.
	if got, unk := sc.DueFor(&aduan.Complaint{}, wib(2026, 3, 13, 15, 0), aduan.StepAgencyReceive); !got.Equal(wib(2026, 3, 20, 16, 30)) || unk != 2026 {
		t.Errorf("agency receive due = %v (unknown year %d), want Friday 20 March 16:30, 2026 unknown", got, unk)
	}
}

// ---------------------------------------------------------------------------
// Calendar.

func proklamasi() *aduan.Calendar {
	return aduan.NewCalendar([]aduan.Holiday{
		{Date: "2026-08-17", Name: "Hari Kemerdekaan RI"},
		{Date: "2026-12-25", Name: "Hari Raya Natal"},
	})
}

func TestWorkday(t *testing.T) {
	cal := proklamasi()
	tests := []struct {
		at   time.Time
		want bool
	}{
		{wib(2026, 8, 13, 9, 0), true},   // Thursday
		{wib(2026, 8, 14, 23, 59), true}, // Friday night
		{wib(2026, 8, 15, 10, 0), false}, // Saturday
		{wib(2026, 8, 16, 10, 0), false}, // Sunday
		{wib(2026, 8, 17, 10, 0), false}, // Monday, Proklamasi
		{wib(2026, 8, 18, 0, 0), true},   // Tuesday
		{wib(2026, 12, 25, 8, 0), false}, // Friday, Natal
		// Given in UTC, judged in WIB: 17:30 UTC Friday is 00:30 Saturday WIB.
		{time.Date(2026, 8, 14, 17, 30, 0, 0, time.UTC), false},
		// 20:00 UTC Monday 17th is 03:00 Tuesday 18th WIB.
		{time.Date(2026, 8, 17, 20, 0, 0, 0, time.UTC), true},
		// 18:00 UTC Sunday 16th is 01:00 Monday 17th WIB: the holiday.
		{time.Date(2026, 8, 16, 18, 0, 0, 0, time.UTC), false},
	}
	for _, tc := range tests {
		if got := cal.Workday(tc.at); got != tc.want {
			t.Errorf("Workday(%v) = %v, want %v", tc.at, got, tc.want)
		}
	}
	// Without the holiday table, 17 August is an ordinary Monday.
	if !aduan.NewCalendar(nil).Workday(wib(2026, 8, 17, 10, 0)) {
		t.Errorf("17 Aug 2026 is a Monday: a workday when no holiday is set")
	}
	var none *aduan.Calendar
	if none.Workday(wib(2026, 8, 15, 10, 0)) || !none.Workday(wib(2026, 8, 17, 10, 0)) {
		t.Errorf("nil calendar: weekends off, weekdays on")
	}
}

func TestAddWorkdays(t *testing.T) {
	cal := proklamasi() // Mon–Thu 07:30–16:00, Fri 07:30–16:30
	tests := []struct {
		name  string
		start time.Time
		n     int
		want  time.Time
	}{
		{"Thu 14:00 +1: Friday's close", wib(2026, 8, 13, 14, 0), 1, wib(2026, 8, 14, 16, 30)},
		{"Thu +2 over weekend and Proklamasi", wib(2026, 8, 13, 14, 0), 2, wib(2026, 8, 18, 16, 0)},
		{"Fri +1 over weekend and Proklamasi", wib(2026, 8, 14, 14, 0), 1, wib(2026, 8, 18, 16, 0)},
		{"Fri +3", wib(2026, 8, 14, 14, 0), 3, wib(2026, 8, 20, 16, 0)},
		{"Thu before opening +1: that day counts", wib(2026, 8, 13, 6, 0), 1, wib(2026, 8, 13, 16, 0)},
		{"Thu at opening +1: that day counts", wib(2026, 8, 13, 7, 30), 1, wib(2026, 8, 13, 16, 0)},
		{"Thu after close +1: Friday", wib(2026, 8, 13, 17, 0), 1, wib(2026, 8, 14, 16, 30)},
		{"Sat +1: Tuesday (Monday is Proklamasi)", wib(2026, 8, 15, 10, 0), 1, wib(2026, 8, 18, 16, 0)},
		{"Sun +2", wib(2026, 8, 16, 22, 0), 2, wib(2026, 8, 19, 16, 0)},
		{"on the holiday +1", wib(2026, 8, 17, 9, 0), 1, wib(2026, 8, 18, 16, 0)},
		{"Thu before Natal +1", wib(2026, 12, 24, 10, 0), 1, wib(2026, 12, 28, 16, 0)},
		// 07:00 UTC Thursday is 14:00 WIB Thursday.
		{"UTC input", time.Date(2026, 8, 13, 7, 0, 0, 0, time.UTC), 2, wib(2026, 8, 18, 16, 0)},
	}
	for _, tc := range tests {
		got := cal.AddWorkdays(tc.start, tc.n)
		if !got.Equal(tc.want) {
			t.Errorf("%s: AddWorkdays(%v, %d) = %v, want %v", tc.name, tc.start, tc.n, got, tc.want)
		}
	}
	// Without the holiday, Friday +1 is Monday's close.
	if got := aduan.NewCalendar(nil).AddWorkdays(wib(2026, 8, 14, 14, 0), 1); !got.Equal(wib(2026, 8, 17, 16, 0)) {
		t.Errorf("Fri +1 without holidays = %v, want Mon 17 Aug 16:00", got)
	}
}

func TestWorkdayStandardThroughClock(t *testing.T) {
	sc := aduan.NewStandardClock(aduan.Standards{aduan.StepAgencyAnswer: {1, aduan.UnitWorkday}}, proklamasi())
	sc.Rules = nil

	c := recordedAt(sc, wib(2026, 8, 14, 10, 0))
	ev := apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, wib(2026, 8, 14, 10, 10))
	if ev.Met == nil || !*ev.Met {
		t.Errorf("forward after 10 minutes meets the call center's 25")
	}
	// The agency gets one working day from Friday 10:10: the weekend and
	// Monday's Proklamasi skipped, the day counted is Tuesday, to its close.
	if c.Clock.Deadline == nil || !c.Clock.Deadline.Equal(wib(2026, 8, 18, 16, 0)) {
		t.Errorf("agency deadline = %v, want Tue 18 Aug 16:00", c.Clock.Deadline)
	}
	ev = apply(t, sc, c, opPD7, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Selesai"}, wib(2026, 8, 18, 16, 1))
	if ev.Met == nil || *ev.Met {
		t.Errorf("agency answer at Tue 16:01 misses its 1-workday standard")
	}
}

func TestSortedHolidays(t *testing.T) {
	in := []aduan.Holiday{{"2026-12-25", "Natal"}, {"2026-01-01", "Tahun Baru"}, {"2026-08-17", "Proklamasi"}}
	got := aduan.SortedHolidays(in)
	if got[0].Date != "2026-01-01" || got[1].Date != "2026-08-17" || got[2].Date != "2026-12-25" {
		t.Errorf("SortedHolidays = %v", got)
	}
	if in[0].Date != "2026-12-25" {
		t.Errorf("SortedHolidays reordered its input")
	}
}
