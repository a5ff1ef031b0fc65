package aduan

import (
	"fmt"
	"sort"
	"time"
)

// WIB is Western Indonesia Time (Asia/Jakarta). Indonesia keeps no daylight
// saving, so a fixed zone is exact and needs no tz database.
var WIB = time.FixedZone("WIB", 7*60*60)

// StepKey names a timed step of the SOP.
type StepKey string

// The timed steps. Each maps to a row of the SOP table; see Steps.
const (
	StepIntake         StepKey = "intake"          // SOP 1–3: call received and recorded
	StepDirectAnswer   StepKey = "direct_answer"   // SOP 4
	StepPhotoRequest   StepKey = "photo_request"   // SOP 5
	StepLibraryAnswer  StepKey = "library_answer"  // SOP 6
	StepForward        StepKey = "forward"         // SOP 7
	StepAgencyReceive  StepKey = "agency_receive"  // SOP 8, first half
	StepAgencyAnswer   StepKey = "agency_answer"   // SOP 8
	StepAnswerReceive  StepKey = "answer_receive"  // SOP 9
	StepRelay          StepKey = "relay"           // SOP 10
	StepDailyReport    StepKey = "daily_report"    // SOP 11
	StepMonthlyReport  StepKey = "monthly_report"  // SOP 12
	StepReportReview   StepKey = "report_review"   // SOP 13
	StepReportComplete StepKey = "report_complete" // SOP 14
)

// Unit of a standard time.
type Unit string

// The units. Minutes and hours run on the clock; working days skip weekends
// and the holiday table.
const (
	UnitMinute  Unit = "menit"
	UnitHour    Unit = "jam"
	UnitWorkday Unit = "hari_kerja"
)

// Standard is a step's standard time (Mutu Baku: Waktu).
type Standard struct {
	Amount int
	Unit   Unit
}

func (s Standard) String() string { return fmt.Sprintf("%d %s", s.Amount, s.Unit) }

// Validate checks a standard.
func (s Standard) Validate() error {
	switch s.Unit {
	case UnitMinute, UnitHour, UnitWorkday:
	default:
		return &Error{Code: EINVALID, Key: "err.invalid_input", Fields: []FieldError{{Field: "unit", Key: "err.field.choice"}}}
	}
	if s.Amount <= 0 || s.Amount > 100000 {
		return &Error{Code: EINVALID, Key: "err.invalid_input", Fields: []FieldError{{Field: "amount", Key: "err.field.range", Args: []any{1, 100000}}}}
	}
	return nil
}

// StepInfo describes one timed step.
type StepInfo struct {
	Key     StepKey
	SOP     string // the row(s) of the SOP table
	Default Standard
}

// Steps lists the timed steps with their SOP rows and default standards.
//
// The SOP gives each row a time, and its rows are attempts made one after the
// other: answer directly (4, 10 min), else look in the answer folder (6,
// 10 min), else forward (7, 5 min). So the defaults for a library answer and
// for forwarding are measured from the moment the complaint was recorded and
// add up the rows passed on the way: 4+6 = 20 min, 4+6+7 = 25 min. Steps 1–3
// (the call and its recording) likewise add up to 15 min. Every standard is a
// setting; these are only the defaults.
var Steps = []StepInfo{
	{StepIntake, "1-3", Standard{15, UnitMinute}},
	{StepDirectAnswer, "4", Standard{10, UnitMinute}},
	{StepPhotoRequest, "5", Standard{10, UnitMinute}},
	{StepLibraryAnswer, "6", Standard{20, UnitMinute}},
	{StepForward, "7", Standard{25, UnitMinute}},
	{StepAgencyReceive, "8", Standard{5, UnitMinute}},
	{StepAgencyAnswer, "8", Standard{5, UnitMinute}},
	{StepAnswerReceive, "9", Standard{5, UnitMinute}},
	{StepRelay, "10", Standard{2, UnitHour}},
	{StepDailyReport, "11", Standard{2, UnitHour}},
	{StepMonthlyReport, "12", Standard{1, UnitHour}},
	{StepReportReview, "13", Standard{2, UnitHour}},
	{StepReportComplete, "14", Standard{2, UnitHour}},
}

// ValidStep reports whether k is a known step.
func ValidStep(k StepKey) bool {
	for _, s := range Steps {
		if s.Key == k {
			return true
		}
	}
	return false
}

// Standards maps each step to its standard time.
type Standards map[StepKey]Standard

// DefaultStandards returns the SOP's standards.
func DefaultStandards() Standards {
	s := Standards{}
	for _, st := range Steps {
		s[st.Key] = st.Default
	}
	return s
}

// Calendar knows which days are working days in WIB.
type Calendar struct {
	holidays map[string]bool
}

// NewCalendar returns a calendar with the given holidays (YYYY-MM-DD).
func NewCalendar(holidays []Holiday) *Calendar {
	c := &Calendar{holidays: map[string]bool{}}
	for _, h := range holidays {
		c.holidays[h.Date] = true
	}
	return c
}

// Workday reports whether t (taken in WIB) falls on a working day.
func (c *Calendar) Workday(t time.Time) bool {
	t = t.In(WIB)
	if wd := t.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	return c == nil || !c.holidays[t.Format("2006-01-02")]
}

// AddWorkdays returns the time n working days after t, at the same time of
// day. A start outside working days counts from the next working day's start.
func (c *Calendar) AddWorkdays(t time.Time, n int) time.Time {
	t = t.In(WIB)
	if !c.Workday(t) {
		y, m, d := t.Date()
		t = time.Date(y, m, d, 0, 0, 0, 0, WIB)
		for !c.Workday(t) {
			t = t.AddDate(0, 0, 1)
		}
	}
	for i := 0; i < n; i++ {
		t = t.AddDate(0, 0, 1)
		for !c.Workday(t) {
			t = t.AddDate(0, 0, 1)
		}
	}
	return t
}

// Clock is a complaint's running step timer: which step is due, since when,
// and how long it has been paused waiting on the citizen.
type Clock struct {
	Step        StepKey // the step now due; empty when nothing is
	StartedAt   time.Time
	Paused      time.Duration // pauses so far in this window
	PausedSince *time.Time    // set while paused
	Deadline    *time.Time    // the due step's deadline; nil when none or paused
}

// Elapsed is the working time on the clock at now, pauses excluded.
func (k *Clock) Elapsed(now time.Time) time.Duration {
	d := now.Sub(k.StartedAt) - k.Paused
	if k.PausedSince != nil {
		d -= now.Sub(*k.PausedSince)
	}
	if d < 0 {
		d = 0
	}
	return d
}

// StandardClock computes deadlines from the standards and the calendar.
type StandardClock struct {
	Standards Standards
	Calendar  *Calendar
}

// NewStandardClock returns a clock over the given standards and holidays;
// missing standards take the SOP defaults.
func NewStandardClock(s Standards, cal *Calendar) *StandardClock {
	all := DefaultStandards()
	for k, v := range s {
		all[k] = v
	}
	return &StandardClock{Standards: all, Calendar: cal}
}

// Due returns the deadline of step k for a window starting at start.
func (sc *StandardClock) Due(start time.Time, k StepKey) time.Time {
	st, ok := sc.Standards[k]
	if !ok {
		st = DefaultStandards()[k]
	}
	switch st.Unit {
	case UnitHour:
		return start.Add(time.Duration(st.Amount) * time.Hour)
	case UnitWorkday:
		return sc.Calendar.AddWorkdays(start, st.Amount)
	default:
		return start.Add(time.Duration(st.Amount) * time.Minute)
	}
}

// StepDeadline is the deadline of step k in the clock's current window, with
// the pauses so far added.
func (sc *StandardClock) StepDeadline(k *Clock, step StepKey) time.Time {
	// No timed step starts from a paused status, so only closed pauses count.
	return sc.Due(k.StartedAt, step).Add(k.Paused)
}

// windowStep says which step is due in each status, and whether entering the
// status starts a new window (true) or continues the current one.
func windowStep(s Status) StepKey {
	switch s {
	case StatusRecorded, StatusAwaitingIdentity, StatusAwaitingPhotos, StatusReturned:
		return StepForward
	case StatusForwarded, StatusAcknowledged:
		return StepAgencyAnswer
	case StatusAgencyAnswered:
		return StepAnswerReceive
	case StatusAnswerReceived:
		return StepRelay
	}
	return ""
}

// continues reports whether moving from one status to another keeps the
// same step window (the clock keeps running rather than restarting).
func continues(from, to Status) bool {
	switch {
	case from == StatusRecorded && to.Paused(), from.Paused() && to == StatusRecorded:
		return true
	case from == StatusForwarded && to == StatusAcknowledged:
		return true
	}
	return false
}

// Start sets the clock of a newly recorded complaint.
func (sc *StandardClock) Start(k *Clock, now time.Time) {
	*k = Clock{Step: StepForward, StartedAt: now}
	dl := sc.Due(now, StepForward)
	k.Deadline = &dl
}

// Advance moves the clock for a transition from one status to another at now.
func (sc *StandardClock) Advance(k *Clock, from, to Status, now time.Time) {
	if continues(from, to) {
		if to.Paused() && k.PausedSince == nil {
			at := now
			k.PausedSince = &at
			k.Deadline = nil
		}
		if from.Paused() && k.PausedSince != nil {
			k.Paused += now.Sub(*k.PausedSince)
			k.PausedSince = nil
		}
		if k.PausedSince == nil && k.Step != "" {
			dl := sc.StepDeadline(k, k.Step)
			k.Deadline = &dl
		}
		return
	}
	step := windowStep(to)
	*k = Clock{Step: step, StartedAt: now}
	if step != "" {
		dl := sc.Due(now, step)
		k.Deadline = &dl
	}
}

// IntakeEvent times steps 1–3 for a complaint recorded at now from a call
// that began at received.
func (sc *StandardClock) IntakeEvent(received, now time.Time) (deadline time.Time, met bool, elapsed time.Duration) {
	deadline = sc.Due(received, StepIntake)
	elapsed = now.Sub(received)
	if elapsed < 0 { // a PBX clock a little ahead of ours
		elapsed = 0
	}
	return deadline, !now.After(deadline), elapsed
}

// SortedHolidays returns holidays in date order.
func SortedHolidays(h []Holiday) []Holiday {
	out := append([]Holiday(nil), h...)
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}
