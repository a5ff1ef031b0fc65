package aduan

import (
	"fmt"
	"sort"
	"strconv"
	"time"
)

// StepKey names a timed step of the SOP.
type StepKey string

// The timed steps. Each maps to a row of the SOP table; see Steps.
const (
	StepIntake         StepKey = "intake"          // SOP 1–3: call received and recorded
	StepDirectAnswer   StepKey = "direct_answer"   // SOP 4
	StepPhotoRequest   StepKey = "photo_request"   // SOP 5
	StepLibraryAnswer  StepKey = "library_answer"  // SOP 6
	StepForward        StepKey = "forward"         // SOP 7, measured from the recording (4+6+7)
	StepReforward      StepKey = "reforward"       // SOP 7 alone: forwarding again after bukan wewenang
	StepAgencyReceive  StepKey = "agency_receive"  // SOP 8, first half: the agency's first follow-up
	StepAgencyAnswer   StepKey = "agency_answer"   // SOP 8
	StepAnswerReceive  StepKey = "answer_receive"  // SOP 9
	StepRelay          StepKey = "relay"           // SOP 10
	StepDailyReport    StepKey = "daily_report"    // SOP 11
	StepMonthlyReport  StepKey = "monthly_report"  // SOP 12
	StepReportReview   StepKey = "report_review"   // SOP 13
	StepReportComplete StepKey = "report_complete" // SOP 14: recorded, not counted in compliance
	// StepFollowUp is no row of the SOP: the completion an agency promised
	// (tindak lanjut), due by the close of the promised day on the
	// agency's calendar. It is warned about and escalated like a step,
	// and recorded with whether the promise was kept, but not counted in
	// compliance: step 8 was judged on the promise itself.
	StepFollowUp StepKey = "follow_up"
)

// Unit of a standard time.
type Unit string

// The units. Minutes and hours count the open time of the party responsible
// for the step; working days end at the close of the last one counted.
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

// Party is who is responsible for a step, and so whose open time counts.
type Party string

// The parties.
const (
	PartyCallCenter Party = "call_center" // the operators: intake, forward, relay
	PartyAgency     Party = "agency"      // the Perangkat Daerah the complaint is with
	PartyOffice     Party = "office"      // the Kasi/Kabid's office: the reports
)

// StepInfo describes one timed step.
type StepInfo struct {
	Key     StepKey
	SOP     string // the row(s) of the SOP table
	Party   Party
	Default Standard
	// Counted says whether the step counts in compliance figures. Step 14
	// does not: it is recorded with the paraf, in the same transaction,
	// so it could never be late; it is kept in the log as the moment the
	// SOP's run ended.
	Counted bool
}

// Steps lists the timed steps with their SOP rows and default standards.
//
// The SOP gives each call-center row a time, and its rows are attempts made
// one after the other: answer directly (4, 10 min), else look in the answer
// folder (6, 10 min), else forward (7, 5 min). So the defaults for a library
// answer and for forwarding are measured from the moment the complaint was
// recorded and add up the rows passed on the way: 4+6 = 20 min, 4+6+7 =
// 25 min. Steps 1–3 likewise add up to 15 min. Forwarding again after the
// agency said bukan wewenang is step 7 alone (5 min): the complaint was
// already looked into.
//
// For the agencies the SOP's 5 minutes are not a time a Perangkat Daerah can
// keep; the defaults are the national ones (sla_rules.json): LAPOR!'s 5
// working days for the first follow-up, and the answer by the category's
// tier (see Tiers). Every standard is a setting; these are only the defaults.
var Steps = []StepInfo{
	{StepIntake, "1-3", PartyCallCenter, Standard{15, UnitMinute}, true},
	{StepDirectAnswer, "4", PartyCallCenter, Standard{10, UnitMinute}, true},
	{StepPhotoRequest, "5", PartyCallCenter, Standard{10, UnitMinute}, true},
	{StepLibraryAnswer, "6", PartyCallCenter, Standard{20, UnitMinute}, true},
	{StepForward, "7", PartyCallCenter, Standard{25, UnitMinute}, true},
	{StepReforward, "7", PartyCallCenter, Standard{5, UnitMinute}, true},
	{StepAgencyReceive, "8", PartyAgency, Standard{5, UnitWorkday}, true},
	{StepAgencyAnswer, "8", PartyAgency, Standard{5, UnitWorkday}, true},
	{StepAnswerReceive, "9", PartyCallCenter, Standard{5, UnitMinute}, true},
	{StepRelay, "10", PartyCallCenter, Standard{2, UnitHour}, true},
	{StepDailyReport, "11", PartyOffice, Standard{2, UnitHour}, true},
	{StepMonthlyReport, "12", PartyOffice, Standard{1, UnitHour}, true},
	{StepReportReview, "13", PartyOffice, Standard{2, UnitHour}, true},
	{StepReportComplete, "14", PartyOffice, Standard{2, UnitHour}, false},
}

// StepOf returns the step's description.
func StepOf(k StepKey) (StepInfo, bool) {
	for _, s := range Steps {
		if s.Key == k {
			return s, true
		}
	}
	return StepInfo{}, false
}

// ValidStep reports whether k is a known step.
func ValidStep(k StepKey) bool {
	_, ok := StepOf(k)
	return ok
}

// Counted reports whether events of step k count in compliance figures.
func Counted(k StepKey) bool {
	s, ok := StepOf(k)
	return ok && s.Counted
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

// Tier is how much work a kind of complaint takes to settle, after the
// national pattern for public-service complaints (tingkat penyelesaian):
// each category names one, and the agency's answer is timed by it.
type Tier string

// The tiers.
const (
	TierLight         Tier = "ringan"           // 2 working days
	TierNormative     Tier = "normatif"         // 5 working days
	TierNoOversight   Tier = "tanpa_pengawasan" // 14 working days: not needing oversight
	TierInvestigation Tier = "pemeriksaan"      // 60 working days: needs an investigation
)

// Tiers lists the tiers, lightest first.
var Tiers = []Tier{TierLight, TierNormative, TierNoOversight, TierInvestigation}

// DefaultTier is a category's tier until someone names one.
const DefaultTier = TierNormative

// Valid reports whether t is a known tier.
func (t Tier) Valid() bool { return oneOf(t, Tiers) }

// RuleKey says where a rule applies: a step, for complaints of a tier
// and/or a priority (empty: any).
type RuleKey struct {
	Step     StepKey
	Tier     Tier
	Priority Priority
}

// Rules are standards for a step that depend on the kind of complaint. The
// most specific rule that matches wins: tier and priority, then priority,
// then tier, then the step's own standard.
type Rules map[RuleKey]Standard

// DefaultRules are the national tiers for the agency's answer (and its
// first follow-up never later than the answer), and a darurat complaint's
// own times: a fallen tree across a road is not timed like a tax question.
// The normative tier is the step's own standard (5 working days), so that
// changing the step's standard changes what most complaints are timed by.
// The darurat times are this system's proposal, not a regulation's.
func DefaultRules() Rules {
	return Rules{
		{StepAgencyAnswer, TierLight, ""}:                        {2, UnitWorkday},
		{StepAgencyAnswer, TierNoOversight, ""}:                  {14, UnitWorkday},
		{StepAgencyAnswer, TierInvestigation, ""}:                {60, UnitWorkday},
		{StepAgencyReceive, TierLight, ""}:                       {2, UnitWorkday},
		{StepAgencyReceive, "", PriorityEmergency}:               {2, UnitHour},
		{StepAgencyAnswer, "", PriorityEmergency}:                {1, UnitWorkday},
		{StepAgencyAnswer, TierInvestigation, PriorityEmergency}: {14, UnitWorkday},
	}
}

// Validate checks a rule before it is stored.
func (k RuleKey) Validate() error {
	var v Validation
	if !ValidStep(k.Step) {
		v.Add("step", "err.field.choice")
	}
	if k.Tier != "" && !k.Tier.Valid() {
		v.Add("tier", "err.field.choice")
	}
	if k.Priority != "" && !k.Priority.Valid() {
		v.Add("priority", "err.field.choice")
	}
	if k.Tier == "" && k.Priority == "" {
		v.Add("tier", "err.field.required") // that is the step's own standard
	}
	return v.Err()
}

// Clock is a complaint's running step timer: which step is due, since when,
// and how long it has been paused waiting on the citizen.
type Clock struct {
	Step        StepKey // the step now due; empty when nothing is
	StartedAt   time.Time
	Paused      time.Duration // wall time paused so far in this window
	PausedSince *time.Time    // set while paused
	Deadline    *time.Time    // the due step's deadline; nil when none or paused
	// Held is, while paused, the deadline the step had when the pause
	// began: the resume moves it on by the pause, counted in the units of
	// the step's standard.
	Held *time.Time
}

// Elapsed is the time on the clock at now, pauses excluded.
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

// StandardClock computes deadlines from the standards, the rules and the
// parties' calendars.
type StandardClock struct {
	Standards Standards
	Rules     Rules
	// CallCenter is the call center's service time; Office the working
	// week of the agencies (unless one has its own) and of the Kasi.
	CallCenter *Calendar
	Office     *Calendar
	// Agencies are the agencies with office hours of their own.
	Agencies map[int64]*Calendar
	// CategoryTiers names the tier of each category that has one.
	CategoryTiers map[int64]Tier
}

// NewStandardClock returns a clock over the given standards, the default
// rules, a call center open around the clock and cal as every office's
// calendar (nil: the default office hours without holidays); missing
// standards take the SOP defaults.
func NewStandardClock(s Standards, cal *Calendar) *StandardClock {
	all := DefaultStandards()
	for k, v := range s {
		all[k] = v
	}
	if cal == nil {
		cal = NewCalendar(nil)
	}
	return &StandardClock{Standards: all, Rules: DefaultRules(), Office: cal,
		CallCenter: NewCalendarHours(AlwaysOpen, cal.Loc, nil)}
}

// Loc is the city's time zone.
func (sc *StandardClock) Loc() *time.Location { return sc.Office.loc() }

// Tier returns the tier c is timed by.
func (sc *StandardClock) Tier(c *Complaint) Tier {
	if c != nil {
		if t, ok := sc.CategoryTiers[c.CategoryID]; ok && t.Valid() {
			return t
		}
	}
	return DefaultTier
}

// StandardFor returns the standard of step k for complaint c (nil: the
// step's own) and the calendar it is counted on.
func (sc *StandardClock) StandardFor(c *Complaint, k StepKey) (Standard, *Calendar) {
	return sc.standard(c, k), sc.CalendarFor(c, k)
}

func (sc *StandardClock) standard(c *Complaint, k StepKey) Standard {
	if c != nil {
		tier := sc.Tier(c)
		for _, key := range []RuleKey{{k, tier, c.Priority}, {k, "", c.Priority}, {k, tier, ""}} {
			if st, ok := sc.Rules[key]; ok {
				return st
			}
		}
	}
	if st, ok := sc.Standards[k]; ok {
		return st
	}
	return DefaultStandards()[k]
}

// CalendarFor returns the calendar of the party responsible for step k of
// complaint c.
func (sc *StandardClock) CalendarFor(c *Complaint, k StepKey) *Calendar {
	info, _ := StepOf(k)
	if k == StepFollowUp {
		info.Party = PartyAgency
	}
	switch info.Party {
	case PartyCallCenter:
		if sc.CallCenter != nil {
			return sc.CallCenter
		}
	case PartyAgency:
		if c != nil {
			if cal, ok := sc.Agencies[c.AgencyID]; ok {
				return cal
			}
		}
	}
	return sc.Office
}

// deadline is step k's deadline for a window of c starting at start, and the
// first year without a holiday table that it was computed across (0: none).
func deadline(st Standard, cal *Calendar, start time.Time) (time.Time, int) {
	var dl time.Time
	switch st.Unit {
	case UnitWorkday:
		dl = cal.AddWorkdays(start, st.Amount)
	case UnitHour:
		dl = cal.AddOpen(start, time.Duration(st.Amount)*time.Hour)
	default:
		dl = cal.AddOpen(start, time.Duration(st.Amount)*time.Minute)
	}
	return dl, cal.UnknownYear(start, dl)
}

// Due returns the deadline of step k for a window starting at start, by the
// step's own standard (the reports' steps, and complaints' where the kind of
// complaint does not matter).
func (sc *StandardClock) Due(start time.Time, k StepKey) time.Time {
	dl, _ := sc.DueFor(nil, start, k)
	return dl
}

// DueFor returns the deadline of step k of complaint c for a window starting
// at start, and the first year without a holiday table it was computed
// across (0 when none: a deadline is never silently reckoned on a year
// whose holidays nobody entered).
func (sc *StandardClock) DueFor(c *Complaint, start time.Time, k StepKey) (time.Time, int) {
	if k == StepFollowUp && c != nil && c.PromisedBy != nil {
		cal := sc.CalendarFor(c, k)
		dl := cal.NextWorkdayCloses(*c.PromisedBy, 1)
		return dl, cal.UnknownYear(start, dl)
	}
	st, cal := sc.StandardFor(c, k)
	return deadline(st, cal, start)
}

// extend moves a deadline on by a pause from a to b, in the units of the
// step's standard: the open minutes of the pause for a minute or hour
// standard; for a working-day standard, one working day for each working
// day whose close fell in the pause (a pause over a weekend moves a
// deadline by the Friday it started on, not by three days).
func (sc *StandardClock) extend(c *Complaint, k StepKey, dl, a, b time.Time) time.Time {
	st, cal := sc.StandardFor(c, k)
	if st.Unit == UnitWorkday {
		return cal.NextWorkdayCloses(dl, cal.ClosesBetween(a, b))
	}
	if d := cal.OpenBetween(a, b); d > 0 {
		return cal.AddOpen(dl, d)
	}
	return dl
}

// EventDeadline is the deadline of step k for complaint c in its clock's
// current window, pauses so far included, and the first year without a
// holiday table it was computed across.
func (sc *StandardClock) EventDeadline(c *Complaint, k StepKey) (time.Time, int) {
	kc := &c.Clock
	if k == kc.Step && kc.Deadline != nil && kc.PausedSince == nil {
		st, cal := sc.StandardFor(c, k)
		_, unk := deadline(st, cal, kc.StartedAt)
		if unk == 0 {
			unk = cal.UnknownYear(kc.StartedAt, *kc.Deadline)
		}
		return *kc.Deadline, unk
	}
	dl, unk := sc.DueFor(c, kc.StartedAt, k)
	if kc.Paused == 0 {
		return dl, unk
	}
	// Another step of the same window (an answer instead of the forward):
	// it is moved on by as much open time as the pauses moved the
	// window's own step.
	if kc.Step != "" && kc.Deadline != nil && kc.PausedSince == nil {
		base, _ := sc.DueFor(c, kc.StartedAt, kc.Step)
		_, stepCal := sc.StandardFor(c, kc.Step)
		if d := stepCal.OpenBetween(base, *kc.Deadline); d > 0 {
			return sc.CalendarFor(c, k).AddOpen(dl, d), unk
		}
		return dl, unk
	}
	return dl.Add(kc.Paused), unk
}

// StepDeadline is the deadline of step k in the clock's current window of a
// complaint whose kind is not known (the step's own standard).
func (sc *StandardClock) StepDeadline(k *Clock, step StepKey) time.Time {
	dl, _ := sc.EventDeadline(&Complaint{Clock: *k}, step)
	return dl
}

// windowStep says which step is due in each status.
func windowStep(s Status) StepKey {
	switch s {
	case StatusRecorded, StatusAwaitingIdentity, StatusAwaitingPhotos:
		return StepForward
	case StatusReturned:
		return StepReforward
	case StatusForwarded, StatusAcknowledged:
		return StepAgencyAnswer
	case StatusPromised:
		return StepFollowUp
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

// Advance moves the clock of c (already in its new state: its agency, its
// category) for a transition from one status to another at now.
func (sc *StandardClock) Advance(c *Complaint, from, to Status, now time.Time) {
	k := &c.Clock
	if continues(from, to) {
		if to.Paused() && k.PausedSince == nil {
			at := now
			k.PausedSince = &at
			k.Held, k.Deadline = k.Deadline, nil
			return
		}
		if from.Paused() && k.PausedSince != nil {
			since := *k.PausedSince
			k.Paused += now.Sub(since)
			k.PausedSince = nil
			if k.Held != nil && k.Step != "" {
				dl := sc.extend(c, k.Step, *k.Held, since, now)
				k.Deadline = &dl
			} else if k.Step != "" { // a pause begun before Held was kept
				dl, _ := sc.DueFor(c, k.StartedAt, k.Step)
				dl = dl.Add(k.Paused)
				k.Deadline = &dl
			}
			k.Held = nil
			return
		}
		if k.Deadline == nil && k.Step != "" {
			dl, _ := sc.EventDeadline(c, k.Step)
			k.Deadline = &dl
		}
		return
	}
	step := windowStep(to)
	*k = Clock{Step: step, StartedAt: now}
	if step != "" {
		dl, _ := sc.DueFor(c, now, step)
		k.Deadline = &dl
	}
}

// WarnAt is when the step now running on c's clock is due a warning: once
// frac of the open time between the window's start and its deadline has
// passed (80 % of five working days is four working days of office time,
// not four days of the calendar). Zero when nothing is running.
func (sc *StandardClock) WarnAt(c *Complaint, frac float64) time.Time {
	k := c.Clock
	if k.Deadline == nil || k.Step == "" {
		return time.Time{}
	}
	cal := sc.CalendarFor(c, k.Step)
	total := cal.OpenBetween(k.StartedAt, *k.Deadline)
	if total <= 0 {
		return *k.Deadline
	}
	return cal.AddOpen(k.StartedAt, time.Duration(float64(total)*frac))
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

// HolidayWarning is what the service says about the holiday table at now:
// the year whose table is missing and matters (this year's, or from October
// next year's, when deadlines start to reach into it), or 0.
func (sc *StandardClock) HolidayWarning(now time.Time) int {
	cal := sc.Office
	now = now.In(cal.loc())
	if !cal.KnowsYear(now.Year()) {
		return now.Year()
	}
	if now.Month() >= time.October && !cal.KnowsYear(now.Year()+1) {
		return now.Year() + 1
	}
	return 0
}

// holidaysUnknownDetail is the event detail naming a year without a holiday
// table that a step's deadline was computed across.
const holidaysUnknownDetail = "holidays_unknown"

func noteUnknownYear(ev *Event, year int) {
	if year != 0 {
		ev.Details[holidaysUnknownDetail] = strconv.Itoa(year)
	}
}

// SortedHolidays returns holidays in date order.
func SortedHolidays(h []Holiday) []Holiday {
	out := append([]Holiday(nil), h...)
	sort.Slice(out, func(i, j int) bool { return out[i].Date < out[j].Date })
	return out
}

// ForwardMet judges step 7 (a forward, a forward again after bukan
// wewenang, a withdrawal to another agency): it is met only when the
// agency was actually reached by the step's deadline — a notification
// delivered (an SMS delivery report, a WhatsApp status, an e-mail accepted
// by the mail server) or the operator's own call or visit. reached is nil
// while no news has come (the forward is judged by its time alone until
// then), false once every notification failed and nobody phoned.
func ForwardMet(at, deadline time.Time, reached *bool, reachedAt *time.Time) bool {
	if at.After(deadline) {
		return false
	}
	if reached == nil {
		return true
	}
	return *reached && reachedAt != nil && !reachedAt.After(deadline)
}

// ForwardStep reports whether events of step k are forwards whose agency
// must be reached (ForwardMet).
func ForwardStep(k StepKey) bool { return k == StepForward || k == StepReforward }
