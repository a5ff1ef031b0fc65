package aduan_test

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/kotakita/aduan"
)

// Golden cases of the working-time clock, on the holiday table the project
// ships for 2026 (none for 2027).

func holidays2026(t *testing.T) []aduan.Holiday {
	t.Helper()
	b, err := os.ReadFile("internal/seed/data/holidays_id_2026.json")
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		National []struct{ Tanggal, Nama string } `json:"libur_nasional"`
		Cuti     []struct{ Tanggal, Nama string } `json:"cuti_bersama"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	var out []aduan.Holiday
	for _, h := range append(f.National, f.Cuti...) {
		out = append(out, aduan.Holiday{Date: h.Tanggal, Name: h.Nama})
	}
	if len(out) != 25 {
		t.Fatalf("2026 table has %d days, want 17 + 8", len(out))
	}
	return out
}

func mustHours(t *testing.T, s string) aduan.WeekHours {
	t.Helper()
	w, err := aduan.ParseHours(s)
	if err != nil {
		t.Fatalf("ParseHours(%q): %v", s, err)
	}
	return w
}

// depok is the default city: a call center open 24/7, offices on the
// default week, the 2026 holidays, standards and tiers as shipped.
func depok(t *testing.T) *aduan.StandardClock {
	return aduan.NewStandardClock(nil, aduan.NewCalendar(holidays2026(t)))
}

func complaintIn(sc *aduan.StandardClock, at time.Time, cat int64, prio aduan.Priority) *aduan.Complaint {
	if cat == 0 {
		cat = 99 // classified (an answer or forward needs it), in no tier of its own: the default tier
	}
	c := &aduan.Complaint{ID: 1, Number: "ADU-2026-000001", Channel: aduan.ChannelPhone, Text: "Pohon tumbang",
		CategoryID: cat, Priority: prio, Confidentiality: aduan.Public, Status: aduan.StatusRecorded,
		ReceivedAt: at, CreatedAt: at, UpdatedAt: at}
	sc.Start(&c.Clock, at)
	return c
}

func wantTime(t *testing.T, what string, got *time.Time, want time.Time) {
	t.Helper()
	if got == nil || !got.Equal(want) {
		t.Errorf("%s = %v, want %v", what, got, want.Format("Mon 2 Jan 2006 15:04 MST"))
	}
}

func TestGoldenForwardOnCutiBersamaEve(t *testing.T) {
	// Thursday 24 December 2026 is cuti bersama, Friday Natal; the offices
	// open again on Monday 28 December at 07:30.
	sc := depok(t)
	sc.CategoryTiers = map[int64]aduan.Tier{1: aduan.TierLight, 2: aduan.TierNormative}
	fwd := wib(2026, 12, 24, 16, 55)

	// The agency's first follow-up in minutes: five minutes of its office
	// time, which starts on Monday.
	sc.Standards[aduan.StepAgencyReceive] = aduan.Standard{Amount: 5, Unit: aduan.UnitMinute}
	delete(sc.Rules, aduan.RuleKey{Step: aduan.StepAgencyReceive, Tier: aduan.TierLight})
	c := complaintIn(sc, wib(2026, 12, 24, 16, 40), 1, aduan.PriorityNormal)
	ev := apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, fwd)
	if ev.Met == nil || !*ev.Met {
		t.Errorf("the call center (24/7) forwarded within its 25 minutes")
	}
	ev = apply(t, sc, c, opPD7, aduan.ActionAcknowledge, aduan.ActionInput{}, wib(2026, 12, 28, 7, 34))
	wantTime(t, "acknowledge deadline", ev.Deadline, wib(2026, 12, 28, 7, 35))
	if ev.Met == nil || !*ev.Met {
		t.Errorf("acknowledged Monday 07:34: met (the holidays are not the agency's time)")
	}
	// The answer in working days, light tier (2): Monday and Tuesday.
	wantTime(t, "light answer deadline", c.Clock.Deadline, wib(2026, 12, 29, 16, 0))

	// Normative tier (5): Mon 28, Tue 29, Wed 30, Thu 31 and Friday
	// 1 January 2027, a year with no holiday table: reckoned as a working
	// day (16:30 close), and said so on the event.
	c = complaintIn(sc, wib(2026, 12, 24, 16, 40), 2, aduan.PriorityNormal)
	apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, fwd)
	wantTime(t, "normative answer deadline", c.Clock.Deadline, wib(2027, 1, 1, 16, 30))
	ev = apply(t, sc, c, opPD7, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Ditangani"}, wib(2026, 12, 30, 10, 0))
	if ev.Details["holidays_unknown"] != "2027" {
		t.Errorf("answer timed across 2027 without a table: details %v, want holidays_unknown=2027", ev.Details)
	}
	if ev.Met == nil || !*ev.Met {
		t.Errorf("answered on Wednesday 30 December: met")
	}
	// The light-tier deadline stays in 2026: no warning.
	c = complaintIn(sc, wib(2026, 12, 24, 16, 40), 1, aduan.PriorityNormal)
	apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, fwd)
	ev = apply(t, sc, c, opPD7, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Ditangani"}, wib(2026, 12, 29, 16, 1))
	if _, warned := ev.Details["holidays_unknown"]; warned || ev.Met == nil || *ev.Met {
		t.Errorf("light answer Tue 16:01: details %v met %v; want no warning, missed", ev.Details, fmtBool(ev.Met))
	}
}

func TestGoldenFridayEveningForward(t *testing.T) {
	sc := depok(t)
	// Friday 6 November 2026, 19:30: the call center works, the agency
	// went home at 16:30.
	c := complaintIn(sc, wib(2026, 11, 6, 19, 10), 0, aduan.PriorityNormal)
	ev := apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, wib(2026, 11, 6, 19, 30))
	if ev.Met == nil || !*ev.Met || ev.Elapsed != mins(20) {
		t.Errorf("forward 20 minutes after recording: met %v elapsed %v", fmtBool(ev.Met), ev.Elapsed)
	}
	// Normative answer: counting starts Monday 07:30, so Monday is day 1
	// and Friday 13 November's close is the deadline.
	wantTime(t, "answer deadline", c.Clock.Deadline, wib(2026, 11, 13, 16, 30))
	// A wall clock would have made Monday 09:00 thirty-seven hours late
	// under the old 5 minutes; in working time the agency is on time.
	ev = apply(t, sc, c, opPD7, aduan.ActionAcknowledge, aduan.ActionInput{}, wib(2026, 11, 9, 9, 0))
	if ev.Met == nil || !*ev.Met {
		t.Errorf("acknowledged Monday 09:00: met")
	}

	// A darurat complaint: the first follow-up in 2 hours of the agency's
	// open time (Monday 09:30), the answer in 1 working day (Monday).
	c = complaintIn(sc, wib(2026, 11, 6, 19, 10), 0, aduan.PriorityEmergency)
	apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, wib(2026, 11, 6, 19, 30))
	wantTime(t, "darurat answer deadline", c.Clock.Deadline, wib(2026, 11, 9, 16, 0))
	ev = apply(t, sc, c, opPD7, aduan.ActionAcknowledge, aduan.ActionInput{}, wib(2026, 11, 9, 9, 31))
	wantTime(t, "darurat acknowledge deadline", ev.Deadline, wib(2026, 11, 9, 9, 30))
	if ev.Met == nil || *ev.Met {
		t.Errorf("darurat acknowledged 09:31: missed")
	}

	// A call center that closes (weekdays, Saturday mornings): a complaint
	// arriving by web on Friday evening is due to be forwarded 25 minutes
	// after Saturday's opening.
	sc.CallCenter = aduan.NewCalendarHours(mustHours(t, "sen-jum 07:30-16:00; sab 07:30-12:00"), aduan.WIB, holidays2026(t))
	c = complaintIn(sc, wib(2026, 11, 6, 19, 0), 0, aduan.PriorityNormal)
	wantTime(t, "forward deadline, closing call center", c.Clock.Deadline, wib(2026, 11, 7, 7, 55))
}

func TestGoldenNyepiAndIdulFitriWeek(t *testing.T) {
	// 18 March (Wed) cuti Nyepi, 19 Nyepi, 20 cuti Idul Fitri, 21–22
	// Idul Fitri (a weekend), 23–24 cuti: the offices work on Tuesday 17
	// and next on Wednesday 25 March 2026.
	sc := depok(t)
	sc.CategoryTiers = map[int64]aduan.Tier{1: aduan.TierLight}
	cal := sc.Office
	for _, d := range []int{18, 19, 20, 21, 22, 23, 24} {
		if cal.Workday(wib(2026, 3, d, 10, 0)) {
			t.Errorf("%d March 2026 is a working day, want off", d)
		}
	}
	if !cal.Workday(wib(2026, 3, 17, 10, 0)) || !cal.Workday(wib(2026, 3, 25, 10, 0)) {
		t.Errorf("17 and 25 March 2026 are working days")
	}
	if got := cal.AddOpen(wib(2026, 3, 17, 15, 58), mins(5)); !got.Equal(wib(2026, 3, 25, 7, 33)) {
		t.Errorf("5 office minutes from Tue 17 March 15:58 = %v, want Wed 25 March 07:33", got)
	}
	c := complaintIn(sc, wib(2026, 3, 17, 9, 50), 1, aduan.PriorityNormal)
	apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, wib(2026, 3, 17, 10, 0))
	// Light tier, 2 working days from Tuesday 10:00: Wed 25 and Thu 26.
	wantTime(t, "light answer deadline", c.Clock.Deadline, wib(2026, 3, 26, 16, 0))
	if got := cal.OpenBetween(wib(2026, 3, 17, 10, 0), wib(2026, 3, 25, 10, 0)); got != 8*time.Hour+30*time.Minute {
		t.Errorf("office time from Tue 17 10:00 to Wed 25 10:00 = %v, want 8h30m (six hours of Tuesday, two and a half of Wednesday)", got)
	}
}

func TestGoldenPauseOverAWeekend(t *testing.T) {
	hol := holidays2026(t)
	office := mustHours(t, "sen-jum 07:30-16:00")

	// A call center on office hours with a 1-working-day standard for
	// forwarding. Recorded Friday 6 November 10:00: due Monday's close.
	sc := aduan.NewStandardClock(aduan.Standards{aduan.StepForward: {Amount: 1, Unit: aduan.UnitWorkday}}, aduan.NewCalendar(hol))
	sc.CallCenter = aduan.NewCalendarHours(office, aduan.WIB, hol)
	c := complaintIn(sc, wib(2026, 11, 6, 10, 0), 0, aduan.PriorityNormal)
	wantTime(t, "forward deadline", c.Clock.Deadline, wib(2026, 11, 9, 16, 0))
	// Identity asked for Friday 14:00, given Monday 09:00. The pause took
	// one working day (Friday's close), so the deadline moves one working
	// day, to Tuesday's close, not by 67 hours to Thursday.
	apply(t, sc, c, opCC, aduan.ActionRequestIdentity, aduan.ActionInput{}, wib(2026, 11, 6, 14, 0))
	apply(t, sc, c, opCC, aduan.ActionProvideIdentity, aduan.ActionInput{Citizen: &aduan.CitizenInput{Name: "Ani"}}, wib(2026, 11, 9, 9, 0))
	wantTime(t, "forward deadline after the pause", c.Clock.Deadline, wib(2026, 11, 10, 16, 0))
	ev := apply(t, sc, c, opCC, aduan.ActionForward, aduan.ActionInput{AgencyID: 7}, wib(2026, 11, 10, 16, 1))
	if ev.Met == nil || *ev.Met {
		t.Errorf("forwarded Tuesday 16:01: missed")
	}
	wantTime(t, "event deadline", ev.Deadline, wib(2026, 11, 10, 16, 0))

	// The same in minutes: 25 minutes of open time. Recorded Friday 15:50
	// (10 minutes before closing), paused at 15:55 after 5, given back
	// Monday 08:00: 20 minutes are left, so 08:20.
	sc = aduan.NewStandardClock(nil, aduan.NewCalendar(hol))
	sc.CallCenter = aduan.NewCalendarHours(office, aduan.WIB, hol)
	c = complaintIn(sc, wib(2026, 11, 6, 15, 50), 0, aduan.PriorityNormal)
	wantTime(t, "forward deadline", c.Clock.Deadline, wib(2026, 11, 9, 7, 45))
	apply(t, sc, c, opCC, aduan.ActionRequestIdentity, aduan.ActionInput{}, wib(2026, 11, 6, 15, 55))
	if c.Clock.Deadline != nil {
		t.Errorf("no deadline while paused, got %v", c.Clock.Deadline)
	}
	apply(t, sc, c, opCC, aduan.ActionProvideIdentity, aduan.ActionInput{Citizen: &aduan.CitizenInput{Name: "Ani"}}, wib(2026, 11, 9, 8, 0))
	wantTime(t, "forward deadline after the pause", c.Clock.Deadline, wib(2026, 11, 9, 8, 20))
	// A direct answer in the same window (10 minutes, 5 of them used
	// before the pause) is moved as much: 08:05.
	ev = apply(t, sc, c, opCC, aduan.ActionAnswer, aduan.ActionInput{Answer: "Sudah dijawab"}, wib(2026, 11, 9, 8, 5))
	wantTime(t, "direct answer deadline", ev.Deadline, wib(2026, 11, 9, 8, 5))
}

func TestGoldenHolidayYearWarning(t *testing.T) {
	sc := depok(t)
	if y := sc.HolidayWarning(wib(2026, 9, 30, 12, 0)); y != 0 {
		t.Errorf("September 2026 with the 2026 table: warning %d, want none", y)
	}
	if y := sc.HolidayWarning(wib(2026, 10, 1, 8, 0)); y != 2027 {
		t.Errorf("October 2026 without a 2027 table: warning %d, want 2027", y)
	}
	if y := sc.HolidayWarning(wib(2027, 2, 1, 8, 0)); y != 2027 {
		t.Errorf("in 2027 without its table: warning %d, want 2027", y)
	}
	// A 24/7 call center is not closed by holidays: no year is unknown to it.
	if y := sc.CallCenter.UnknownYear(wib(2026, 12, 31, 23, 0), wib(2027, 1, 1, 1, 0)); y != 0 {
		t.Errorf("24/7 calendar reports unknown year %d", y)
	}
	if y := sc.Office.UnknownYear(wib(2026, 12, 31, 15, 0), wib(2027, 1, 4, 16, 0)); y != 2027 {
		t.Errorf("office calendar across 2027: unknown year %d, want 2027", y)
	}
	// Once 2027 is entered, the warning and the guess are gone: 1 January
	// 2027 is then a holiday and the deadline moves to Monday.
	hol := append(holidays2026(t), aduan.Holiday{Date: "2027-01-01", Name: "Tahun Baru 2027 Masehi"})
	sc = aduan.NewStandardClock(nil, aduan.NewCalendar(hol))
	if y := sc.HolidayWarning(wib(2026, 10, 1, 8, 0)); y != 0 {
		t.Errorf("with a 2027 table: warning %d", y)
	}
	dl, unk := sc.DueFor(&aduan.Complaint{}, wib(2026, 12, 24, 16, 55), aduan.StepAgencyAnswer)
	if !dl.Equal(wib(2027, 1, 4, 16, 0)) || unk != 0 {
		t.Errorf("normative answer from 24 Dec 16:55 with 2027 known = %v (unknown %d), want Mon 4 Jan 16:00", dl, unk)
	}
}

func TestGoldenWITACity(t *testing.T) {
	// A city in Central Indonesia Time: its offices keep their hours in
	// WITA. Friday 16:35 WITA is 15:35 WIB: in Jakarta's office still
	// open, in this city closed.
	hol := holidays2026(t)
	cal := aduan.NewCalendarHours(mustHours(t, aduan.DefaultOfficeHours), aduan.WITA, hol)
	sc := aduan.NewStandardClock(aduan.Standards{aduan.StepAgencyReceive: {Amount: 5, Unit: aduan.UnitMinute}}, cal)
	delete(sc.Rules, aduan.RuleKey{Step: aduan.StepAgencyReceive, Tier: aduan.TierLight})
	if sc.Loc() != aduan.WITA {
		t.Fatalf("clock zone %v, want WITA", sc.Loc())
	}
	fwd := time.Date(2026, 11, 6, 16, 35, 0, 0, aduan.WITA)
	dl, _ := sc.DueFor(&aduan.Complaint{}, fwd, aduan.StepAgencyReceive)
	if want := time.Date(2026, 11, 9, 7, 35, 0, 0, aduan.WITA); !dl.Equal(want) {
		t.Errorf("5 agency minutes from Fri 16:35 WITA = %v, want Mon 07:35 WITA", dl.In(aduan.WITA))
	}
	// Holidays are dates in the city's zone: 23:30 WIB on 16 August is
	// already 17 August, Proklamasi, in WITA.
	if cal.Workday(time.Date(2026, 8, 16, 23, 30, 0, 0, aduan.WIB)) {
		t.Errorf("17 Aug 00:30 WITA is a working day")
	}
	// Working days end at the WITA close.
	dl, _ = sc.DueFor(&aduan.Complaint{}, time.Date(2026, 11, 9, 7, 0, 0, 0, aduan.WITA), aduan.StepAgencyAnswer)
	if want := time.Date(2026, 11, 13, 16, 30, 0, 0, aduan.WITA); !dl.Equal(want) {
		t.Errorf("normative answer from Mon 07:00 WITA = %v, want Fri 13 Nov 16:30 WITA", dl.In(aduan.WITA))
	}
	for name, z := range map[string]*time.Location{"": aduan.WIB, "wib": aduan.WIB, "WITA": aduan.WITA, " wit ": aduan.WIT} {
		if got, err := aduan.Zone(name); err != nil || got != z {
			t.Errorf("Zone(%q) = %v, %v", name, got, err)
		}
	}
	if _, err := aduan.Zone("Asia/Tokyo"); err == nil {
		t.Errorf("Zone accepts a zone outside Indonesia")
	}
}

func TestParseHours(t *testing.T) {
	for in, want := range map[string]string{
		"24/7":                                 "24/7",
		"sen-kam 07:30-16:00; jum 07:30-16:30": "sen-kam 07:30-16:00; jum 07:30-16:30",
		"mon-fri 07:30-16:00; sat 07:30-12:00": "sen-jum 07:30-16:00; sab 07:30-12:00",
		"jum 07.30-11.30, 13.00-16.30":         "jum 07:30-11:30, 13:00-16:30",
		"sen,rab 08:00-12:00":                  "sen 08:00-12:00; rab 08:00-12:00",
		"min-sab 00:00-24:00":                  "24/7",
	} {
		w, err := aduan.ParseHours(in)
		if err != nil {
			t.Errorf("ParseHours(%q): %v", in, err)
			continue
		}
		if got := w.String(); got != want {
			t.Errorf("ParseHours(%q).String() = %q, want %q", in, got, want)
		}
	}
	for _, bad := range []string{"", "senin 07:00-16:00", "sen 16:00-07:00", "sen 07:00", "sen 07:00-25:00",
		"sen 07:00-12:00, 11:00-16:00", "sen 07:00-12:00; sen 13:00-16:00", "sen 7:3-16:00"} {
		if _, err := aduan.ParseHours(bad); err == nil {
			t.Errorf("ParseHours(%q) accepted", bad)
		}
	}
}

func TestStandardsByTierAndPriority(t *testing.T) {
	sc := depok(t)
	sc.CategoryTiers = map[int64]aduan.Tier{1: aduan.TierLight, 2: aduan.TierNoOversight, 3: aduan.TierInvestigation}
	for _, tc := range []struct {
		cat  int64
		prio aduan.Priority
		step aduan.StepKey
		want aduan.Standard
	}{
		{0, aduan.PriorityNormal, aduan.StepAgencyAnswer, aduan.Standard{Amount: 5, Unit: aduan.UnitWorkday}},
		{1, aduan.PriorityNormal, aduan.StepAgencyAnswer, aduan.Standard{Amount: 2, Unit: aduan.UnitWorkday}},
		{2, aduan.PriorityNormal, aduan.StepAgencyAnswer, aduan.Standard{Amount: 14, Unit: aduan.UnitWorkday}},
		{3, aduan.PriorityLow, aduan.StepAgencyAnswer, aduan.Standard{Amount: 60, Unit: aduan.UnitWorkday}},
		{1, aduan.PriorityNormal, aduan.StepAgencyReceive, aduan.Standard{Amount: 2, Unit: aduan.UnitWorkday}},
		{2, aduan.PriorityNormal, aduan.StepAgencyReceive, aduan.Standard{Amount: 5, Unit: aduan.UnitWorkday}},
		{2, aduan.PriorityEmergency, aduan.StepAgencyAnswer, aduan.Standard{Amount: 1, Unit: aduan.UnitWorkday}},
		{3, aduan.PriorityEmergency, aduan.StepAgencyAnswer, aduan.Standard{Amount: 14, Unit: aduan.UnitWorkday}},
		{2, aduan.PriorityEmergency, aduan.StepAgencyReceive, aduan.Standard{Amount: 2, Unit: aduan.UnitHour}},
		{2, aduan.PriorityEmergency, aduan.StepForward, aduan.Standard{Amount: 25, Unit: aduan.UnitMinute}},
	} {
		got, _ := sc.StandardFor(&aduan.Complaint{CategoryID: tc.cat, Priority: tc.prio}, tc.step)
		if got != tc.want {
			t.Errorf("category %d %s %s: %v, want %v", tc.cat, tc.prio, tc.step, got, tc.want)
		}
	}
	if aduan.Counted(aduan.StepReportComplete) || !aduan.Counted(aduan.StepReportReview) {
		t.Errorf("step 14 is out of compliance, step 13 in")
	}
}
