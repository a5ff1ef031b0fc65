// Package report holds the reports of SOP steps 11–14: the operators' daily
// reports and the monthly call-center report that the coordinator prepares
// and the section head (Kasi/Kabid) initials. It defines the compiled
// figures, the review-and-paraf workflow as pure functions, the canonical
// content whose SHA-256 the paraf records, and the rules for late daily
// reports. Rendering to PDF, XLSX and CSV lives in internal/report/render;
// the figures are compiled from the event log by the store.
//
// Definitions the figures rely on (the lead and the office should know them):
//
//   - A day is a WIB calendar day. The daily report of day D is due at the
//     first working day after D (weekends and the holiday table skipped), at
//     OfficeOpens (08.00 in the city's zone) plus the standard of step 11 (2 hours by
//     default): 10.00 WIB. It is late when first submitted after that, and
//     missing when not submitted by then. A report is expected from every
//     active call-center operator for every working day from the day their
//     account was made, and for any other day on which they recorded work.
//   - Monthly volumes, first-contact resolution, categories, kelurahan and
//     kecamatan count the complaints received in the period (the cohort);
//     step times and compliance count the steps taken in the period (the
//     office's work that month), whichever complaint they belong to.
//   - First-contact resolution: complaints answered by the call center itself
//     (SOP step 4 directly, or step 6 from the answer library, a past
//     complaint or the web) and never forwarded, over all complaints received
//     except duplicates and rejected ones.
//   - Median and p90 use the nearest-rank method over the elapsed time of
//     each step (pauses waiting on the citizen excluded).
//   - Open and overdue are as at the moment of compiling; a frozen report
//     keeps the figures of its submission.
//   - Citizen satisfaction is read from the table survey_responses
//     (complaint_id, score 1–5, comment, channel, created_at), created by
//     this area's migration for the survey to fill; while it holds no
//     answer for the period, the report says "not yet collected".
//   - The report workflow is timed too: step 12 (monthly_report) from the
//     period's end to the first submission, due by the close of the n-th
//     working day after it (setting report_monthly_due_workdays, 5), or
//     from a return to the resubmission, by the step's standard; step 13
//     (report_review) from submission to the section head's decision; step 14
//     (report_complete) is the paraf's freezing of the rendered documents,
//     made in the same transaction: recorded, with no deadline and not
//     judged, since it could not be late (aduan.StepInfo.Counted).
package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
)

// Kind is daily, monthly or the PPID's annual report.
type Kind string

// The kinds of report.
const (
	Daily   Kind = "daily"
	Monthly Kind = "monthly"
	// Annual is the PPID's annual public-information service report
	// (laporan layanan informasi publik, UU 14/2008 and PerKI 1/2021):
	// the PPID Utama prepares and submits a calendar year's figures, the
	// section head initials them, as the monthly report; its steps are not
	// the call center's SOP steps and are recorded untimed.
	Annual Kind = "info_annual"
)

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k == Daily || k == Monthly || k == Annual }

// Reviewed reports whether a report of kind k goes to the section head
// for the paraf (a daily report is final once submitted).
func (k Kind) Reviewed() bool { return k == Monthly || k == Annual }

// Status is where a report stands in its workflow.
type Status string

// The statuses.
const (
	StatusDraft     Status = "draft"     // being written; figures are live
	StatusSubmitted Status = "submitted" // handed over; figures frozen (a daily report is then final)
	StatusReturned  Status = "returned"  // sent back by the section head with comments
	StatusComplete  Status = "complete"  // initialled (paraf): final, SOP step 14
)

// Statuses lists every status in workflow order.
var Statuses = []Status{StatusDraft, StatusSubmitted, StatusReturned, StatusComplete}

// Action is a workflow step on a report.
type Action string

// The actions.
const (
	ActionSubmit Action = "submit" // the owner hands the report over (step 11 or 12)
	ActionReturn Action = "return" // the section head sends it back with comments (step 13)
	ActionParaf  Action = "paraf"  // the section head initials it (steps 13 and 14)
	// ActionComplete is recorded by the system right after the paraf.
	ActionComplete Action = "complete"
)

// Actions lists the actions a user may take.
var Actions = []Action{ActionSubmit, ActionReturn, ActionParaf}

// OfficeOpens is the hour (WIB) the office day starts; the daily report's
// deadline counts from it.
const OfficeOpens = 8

// MaxNarrative bounds notes and narratives, in characters.
const MaxNarrative = 20000

// MaxComment bounds a reviewer's comment, in characters.
const MaxComment = 4000

// Filter narrows a monthly report. Zero values mean "all".
type Filter struct {
	KecamatanCode string        `json:"kecamatan,omitempty"`
	AgencyID      int64         `json:"agency_id,omitempty"`
	CategoryID    int64         `json:"category_id,omitempty"`
	Channel       aduan.Channel `json:"channel,omitempty"`
}

// Empty reports whether the filter selects everything.
func (f Filter) Empty() bool { return f == Filter{} }

// Report is one daily or monthly report and its workflow state.
type Report struct {
	ID          int64
	Kind        Kind
	Status      Status
	OwnerID     int64
	OwnerName   string
	Day         string // daily: YYYY-MM-DD (WIB)
	From, To    time.Time
	Filter      Filter
	Title       string
	Narrative   string // the current draft of the notes or narrative
	Versions    int    // how many times it has been submitted
	DueAt       *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
	SubmittedAt *time.Time
	ParafBy     int64
	ParafName   string
	ParafAt     *time.Time
	ContentHash string
	Version     int64 // optimistic concurrency
	// Zone is the city's time zone (the time_zone setting) its times are
	// shown in; nil means WIB.
	Zone *time.Location
	// CorrectsID is the final report this one corrects (0: none); when
	// this one is initialled, that one is superseded: SupersededBy names
	// the correction that replaced it.
	CorrectsID   int64
	SupersededBy int64
	SupersededAt *time.Time

	// Loaded with the report.
	History []Version
	Events  []Event
}

// Loc is the zone the report's times are shown in: the city's.
func (r *Report) Loc() *time.Location {
	if r.Zone == nil {
		return aduan.WIB
	}
	return r.Zone
}

// Frozen reports whether nothing about the report may change any more: it
// has been initialled, or it is a daily report that has been submitted.
func (r *Report) Frozen() bool {
	return r.Status == StatusComplete || r.Kind == Daily && r.Status == StatusSubmitted
}

// Editable reports whether the owner may still change the narrative.
func (r *Report) Editable() bool { return r.Status == StatusDraft || r.Status == StatusReturned }

// Running reports whether the period of r has not ended at now: its figures
// are provisional (sementara), to be previewed but not submitted for the
// paraf nor initialled.
func (r *Report) Running(now time.Time) bool { return now.Before(r.To) }

// Current returns the latest submitted version, or nil.
func (r *Report) Current() *Version {
	if len(r.History) == 0 {
		return nil
	}
	return &r.History[len(r.History)-1]
}

// Version is one submission with the figures frozen at that moment.
type Version struct {
	Seq           int
	Data          json.RawMessage // Daily or Monthly, as compiled at submission
	Narrative     string
	SubmittedBy   int64
	SubmittedName string
	SubmittedAt   time.Time
	Outcome       string // "" while under review; returned, initialled, final
	ReviewComment string
	ReviewedBy    int64
	ReviewedName  string
	ReviewedAt    *time.Time
}

// Version outcomes.
const (
	OutcomeReturned   = "returned"
	OutcomeInitialled = "initialled"
	OutcomeFinal      = "final" // a daily report needs no review
)

// Event is one timed step of a report's workflow.
type Event struct {
	ID        int64
	Action    Action
	Step      aduan.StepKey
	ActorID   int64
	ActorName string
	ActorRole aduan.Role
	At        time.Time
	Deadline  *time.Time
	Met       *bool
	Elapsed   time.Duration
	Comment   string
}

// NewReport is the input for starting a report.
type NewReport struct {
	Kind      Kind
	Day       string     // daily: YYYY-MM-DD; empty for today (WIB)
	Month     string     // monthly: YYYY-MM; or From and To
	Year      int        // annual: the calendar year
	From, To  *time.Time // monthly: any range, To exclusive
	Filter    Filter
	Narrative string
	// Corrects is the final monthly report this one corrects: the new
	// report takes its period and scope.
	Corrects int64
}

// DayRange returns the day named by s (YYYY-MM-DD) in the city's zone loc
// as [from, to).
func DayRange(s string, loc *time.Location) (time.Time, time.Time, bool) {
	d, err := time.ParseInLocation("2006-01-02", s, loc)
	if err != nil || d.Format("2006-01-02") != s {
		return time.Time{}, time.Time{}, false
	}
	return d, d.AddDate(0, 0, 1), true
}

// MonthRange returns the month named by s (YYYY-MM) in the city's zone loc
// as [from, to).
func MonthRange(s string, loc *time.Location) (time.Time, time.Time, bool) {
	d, err := time.ParseInLocation("2006-01", s, loc)
	if err != nil || d.Format("2006-01") != s {
		return time.Time{}, time.Time{}, false
	}
	return d, d.AddDate(0, 1, 0), true
}

// Normalize resolves the period of a new report in the city's zone (now's
// location) and validates it at now.
func (n *NewReport) Normalize(now time.Time) (from, to time.Time, err error) {
	loc := now.Location()
	var v aduan.Validation
	n.Narrative = strings.TrimSpace(n.Narrative)
	checkText(&v, "narrative", n.Narrative, MaxNarrative)
	switch n.Kind {
	case Daily:
		if n.Day == "" {
			n.Day = now.Format("2006-01-02")
		}
		var ok bool
		if from, to, ok = DayRange(n.Day, loc); !ok {
			v.Add("day", "err.field.date")
		} else if from.After(now) {
			v.Add("day", "err.field.future")
		}
		if !n.Filter.Empty() || n.Month != "" || n.From != nil || n.To != nil {
			v.Add("filter", "err.report.daily_filter")
		}
	case Monthly:
		switch {
		case n.Month != "":
			var ok bool
			if from, to, ok = MonthRange(n.Month, loc); !ok {
				v.Add("month", "err.report.month")
			}
		case n.From != nil && n.To != nil:
			from, to = n.From.In(loc), n.To.In(loc)
			if !to.After(from) {
				v.Add("to", "err.report.range_order")
			} else if to.Sub(from) > 366*24*time.Hour {
				v.Add("to", "err.report.range_long")
			}
		default:
			v.Add("month", "err.field.required")
		}
		if !v.Has("month") && !v.Has("to") && from.After(now) {
			v.Add("month", "err.field.future")
		}
		if n.Filter.Channel != "" && !n.Filter.Channel.Valid() {
			v.Add("channel", "err.field.choice")
		}
		if n.Filter.AgencyID < 0 {
			v.Add("agency_id", "err.field.unknown")
		}
		if n.Filter.CategoryID < 0 {
			v.Add("category_id", "err.field.unknown")
		}
	case Annual:
		if n.Year < 2000 || n.Year > 9999 {
			v.Add("year", "err.report.year")
		} else {
			from = time.Date(n.Year, 1, 1, 0, 0, 0, 0, loc)
			to = from.AddDate(1, 0, 0)
			if from.After(now) {
				v.Add("year", "err.field.future")
			}
		}
		if !n.Filter.Empty() || n.Month != "" || n.Day != "" || n.From != nil || n.To != nil {
			v.Add("filter", "err.report.annual_filter")
		}
	default:
		v.Add("kind", "err.field.choice")
	}
	return from, to, v.Err()
}

// CheckNarrative validates an edited narrative.
func CheckNarrative(s string) (string, error) {
	s = strings.TrimSpace(s)
	var v aduan.Validation
	checkText(&v, "narrative", s, MaxNarrative)
	return s, v.Err()
}

func checkText(v *aduan.Validation, field, s string, max int) {
	if !utf8.ValidString(s) {
		v.Add(field, "err.field.encoding")
		return
	}
	if n := utf8.RuneCountInString(s); n > max {
		v.Add(field, "err.field.too_long", max)
		return
	}
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f {
			v.Add(field, "err.field.control_chars")
			return
		}
	}
}

// CanCreate reports whether the actor may start a report of the kind: the
// operators write their own daily reports, the coordinator the monthly one.
func CanCreate(a aduan.Actor, k Kind) bool {
	switch k {
	case Daily:
		return a.Role == aduan.RoleOperatorCC || a.Role == aduan.RoleKoordinatorCC
	case Monthly:
		return a.Role == aduan.RoleKoordinatorCC
	case Annual:
		return a.Role == aduan.RolePPIDUtama
	}
	return false
}

// CanList reports whether the actor may list reports of the kind at all.
func CanList(a aduan.Actor, k Kind) bool {
	switch k {
	case Daily:
		return a.Role == aduan.RoleOperatorCC || a.Role == aduan.RoleKoordinatorCC || a.Role == aduan.RoleKasiKabid
	case Monthly:
		return a.Role == aduan.RoleKoordinatorCC || a.Role == aduan.RoleKasiKabid || a.Role == aduan.RolePPIDUtama || a.Role == aduan.RolePimpinanPD
	case Annual:
		// Those who read the PPID's figures (store.InfoCanReport).
		return a.Role == aduan.RolePPIDUtama || a.Role == aduan.RolePPIDPembantu || a.Role == aduan.RoleKasiKabid || a.Role == aduan.RoleKoordinatorCC
	}
	return false
}

// OnlyAgency reports whether the actor sees only the figures of their own
// agency: the Pimpinan PD sees its agency's compliance and overdue list,
// and the monthly reports made for its agency, not the whole city's.
func OnlyAgency(a aduan.Actor) bool { return a.Role == aduan.RolePimpinanPD }

// OnlyOwn reports whether the actor sees only their own reports of the kind:
// an operator sees only their own daily reports.
func OnlyOwn(a aduan.Actor, k Kind) bool {
	return k == Daily && a.Role == aduan.RoleOperatorCC
}

// OnlySubmitted reports whether the actor sees a report only once it has
// been handed over: drafts are their author's (and the coordinator's) work.
func OnlySubmitted(a aduan.Actor) bool {
	return a.Role != aduan.RoleOperatorCC && a.Role != aduan.RoleKoordinatorCC
}

// CanSee reports whether the actor may open report r.
func CanSee(a aduan.Actor, r *Report) bool {
	if a.IsSystem() {
		return true
	}
	if !CanList(a, r.Kind) {
		return false
	}
	if r.OwnerID == a.UserID {
		return true
	}
	if OnlyOwn(a, r.Kind) {
		return false
	}
	if r.Status == StatusDraft && OnlySubmitted(a) {
		return false
	}
	if OnlyAgency(a) && (r.Kind != Monthly || r.Filter != (Filter{AgencyID: a.AgencyID})) {
		return false
	}
	// A coordinator sees the operators' drafts (to help), but another
	// coordinator's monthly draft only once submitted.
	if r.Status == StatusDraft && r.Kind.Reviewed() && r.OwnerID != a.UserID {
		return false
	}
	return true
}

// AllowedActions lists what the actor may do with r now: exactly the
// buttons a console should show.
func AllowedActions(r *Report, a aduan.Actor) []Action {
	var out []Action
	for _, act := range Actions {
		if checkAction(r, a, act) == nil {
			out = append(out, act)
		}
	}
	return out
}

func checkAction(r *Report, a aduan.Actor, act Action) error {
	if r.Frozen() {
		return aduan.Errorf(aduan.ETRANSITION, "err.report.frozen")
	}
	switch act {
	case ActionSubmit:
		if !a.IsSystem() && a.UserID != r.OwnerID {
			return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
		}
		if !r.Editable() {
			return aduan.Errorf(aduan.ETRANSITION, "err.report.transition", "rep.action."+string(act), "rep.status."+string(r.Status))
		}
	case ActionReturn, ActionParaf:
		if !a.IsSystem() && a.Role != aduan.RoleKasiKabid {
			return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
		}
		if !r.Kind.Reviewed() || r.Status != StatusSubmitted {
			return aduan.Errorf(aduan.ETRANSITION, "err.report.transition", "rep.action."+string(act), "rep.status."+string(r.Status))
		}
	default:
		return aduan.Errorf(aduan.EINVALID, "err.report.unknown_action", string(act))
	}
	return nil
}

// Apply takes action on r for actor a at now: it checks role, state and
// input, moves r and returns the timed events to record (the paraf records
// two: the review, step 13, and the completion, step 14). On error r is
// unchanged. Standard times come from sc; a monthly report's first
// submission is due by the close of the dueWorkdays-th working day after its
// period's end (the setting report_monthly_due_workdays).
func Apply(r *Report, a aduan.Actor, act Action, comment string, now time.Time, sc *aduan.StandardClock, dueWorkdays int) ([]Event, error) {
	if err := checkAction(r, a, act); err != nil {
		return nil, err
	}
	comment = strings.TrimSpace(comment)
	var v aduan.Validation
	checkText(&v, "comment", comment, MaxComment)
	if act == ActionReturn && comment == "" {
		v.Add("comment", "err.field.required")
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	if r.Kind.Reviewed() && (act == ActionSubmit || act == ActionParaf) && r.Running(now) {
		// Figures frozen before the period's end would miss its last
		// days, and an initial on them would certify a partial month.
		return nil, aduan.Errorf(aduan.ETRANSITION, "err.report.period_running", i18n.Date(i18n.ID, r.To))
	}
	ev := Event{Action: act, ActorID: a.UserID, ActorName: a.Name, ActorRole: a.Role, At: now, Comment: comment}
	next := *r
	var extra []Event
	switch act {
	case ActionSubmit:
		switch r.Kind {
		case Annual:
			// Not an SOP step of the call center: recorded, untimed.
		case Daily:
			ev.Step = aduan.StepDailyReport
			dl := *r.DueAt
			ev.Deadline = &dl
			ev.Elapsed = nonNegative(now.Sub(r.To))
		default:
			ev.Step = aduan.StepMonthlyReport
			dl := MonthlyDue(r, sc, dueWorkdays)
			start := windowStart(r, ActionReturn, time.Time{})
			if start.IsZero() {
				// A first submission is timed from the period's end, however
				// early the draft was started: it cannot be compiled before.
				ev.Deadline, ev.Elapsed = &dl, nonNegative(now.Sub(r.To))
			} else {
				// A revision after a return is timed by the step's own
				// standard from the return.
				dl = sc.Due(start, aduan.StepMonthlyReport)
				ev.Deadline, ev.Elapsed = &dl, nonNegative(now.Sub(start))
			}
		}
		next.Status = StatusSubmitted
		next.Versions++
		if next.SubmittedAt == nil {
			at := now
			next.SubmittedAt = &at
		}
	case ActionReturn, ActionParaf:
		start := windowStart(r, ActionSubmit, r.CreatedAt)
		ev.Elapsed = nonNegative(now.Sub(start))
		if r.Kind == Monthly {
			ev.Step = aduan.StepReportReview
			dl := sc.Due(start, aduan.StepReportReview)
			ev.Deadline = &dl
		}
		if act == ActionReturn {
			next.Status = StatusReturned
		} else {
			next.Status = StatusComplete
			at := now
			next.ParafBy, next.ParafName, next.ParafAt = a.UserID, a.Name, &at
			// Step 14 is recorded as the moment the SOP's run ended,
			// unjudged: it is written in the paraf's own transaction,
			// so "met" would be true by construction (aduan.Counted).
			done := Event{Action: ActionComplete, ActorID: a.UserID, ActorName: a.Name, ActorRole: a.Role, At: now}
			if r.Kind == Monthly {
				done.Step = aduan.StepReportComplete
			}
			extra = append(extra, done)
		}
	}
	if ev.Deadline != nil {
		met := !now.After(*ev.Deadline)
		ev.Met = &met
	}
	next.UpdatedAt = now
	*r = next
	return append([]Event{ev}, extra...), nil
}

// windowStart is when the step now due began: the last event of the given
// action, else def.
func windowStart(r *Report, after Action, def time.Time) time.Time {
	for i := len(r.Events) - 1; i >= 0; i-- {
		if r.Events[i].Action == after {
			return r.Events[i].At
		}
	}
	return def
}

func nonNegative(d time.Duration) time.Duration {
	if d < 0 {
		return 0
	}
	return d
}

// MonthlyDue is when the monthly report r is due (SOP step 12): the close
// of the n-th working day of the office after the period's end (its first
// opening counts as day one), so "by the 5th working day of the next month"
// for a calendar month whatever day the draft was started. n below 1 is 1.
func MonthlyDue(r *Report, sc *aduan.StandardClock, n int) time.Time {
	if n < 1 {
		n = 1
	}
	return sc.CalendarFor(nil, aduan.StepMonthlyReport).AddWorkdays(r.To, n)
}

// DailyDue is the deadline of the daily report of the day starting at day
// (midnight in the city's zone): the standard of step 11 counted in the
// office's open time from the day's end, so 2 hours is the next working
// day's opening plus 2 hours.
func DailyDue(day time.Time, sc *aduan.StandardClock) time.Time {
	d := day.In(sc.Loc())
	next := time.Date(d.Year(), d.Month(), d.Day()+1, 0, 0, 0, 0, sc.Loc())
	return sc.Due(next, aduan.StepDailyReport)
}

// Content is what a paraf (or a daily report's submission) signs: the
// report's identity, the frozen figures and the narrative. Its canonical
// form is the JSON encoding of this struct, fields in this order, with
// Data copied byte for byte from the stored version; the SHA-256 of those
// bytes is the report's content hash.
type Content struct {
	Format    string `json:"format"` // "aduan-report/1"
	ReportID  int64  `json:"report_id"`
	Kind      Kind   `json:"kind"`
	Title     string `json:"title"`
	Day       string `json:"day,omitempty"`
	From      string `json:"from"`
	To        string `json:"to"`
	Filter    Filter `json:"filter"`
	Owner     string `json:"owner"`
	Version   int    `json:"version"`
	Submitted string `json:"submitted_at"`
	Narrative string `json:"narrative"`
	// Corrects is the report this one corrects, so that a correction's
	// hash covers what it replaces.
	Corrects int64           `json:"corrects,omitempty"`
	Data     json.RawMessage `json:"data"`
}

// ContentFormat names the canonical serialisation, so that a later change
// of it can be told apart.
const ContentFormat = "aduan-report/1"

// ContentOf builds the content of version v of r.
func ContentOf(r *Report, v *Version) *Content {
	return &Content{Format: ContentFormat, ReportID: r.ID, Kind: r.Kind, Title: r.Title, Day: r.Day,
		From: r.From.In(r.Loc()).Format(time.RFC3339), To: r.To.In(r.Loc()).Format(time.RFC3339), Filter: r.Filter,
		Owner: r.OwnerName, Version: v.Seq, Submitted: v.SubmittedAt.In(r.Loc()).Format(time.RFC3339),
		Narrative: v.Narrative, Corrects: r.CorrectsID, Data: v.Data}
}

// Canonical returns the canonical bytes of c.
func (c *Content) Canonical() []byte {
	b, err := json.Marshal(c)
	if err != nil {
		// Only a RawMessage that is not JSON can fail, and Data always
		// comes from json.Marshal.
		panic(err)
	}
	return b
}

// Hash returns the hex SHA-256 of the canonical bytes.
func (c *Content) Hash() string { return HashBytes(c.Canonical()) }

// HashBytes returns the hex SHA-256 of b.
func HashBytes(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}

// File is a rendered document of a report.
type File struct {
	Format string // json, pdf, xlsx
	Body   []byte
}

// Match is what a verification found.
type Match struct {
	Report *Report
	Format string
}

// Title is the report's title, in Indonesian: the language of the office's
// documents, whatever the language of the screen.
func Title(k Kind, from, to time.Time, owner string, fv FilterView) string {
	if k == Daily {
		return i18n.T(i18n.ID, "rep.title.daily", owner, i18n.Weekday(i18n.ID, from)+", "+i18n.Date(i18n.ID, from))
	}
	if k == Annual {
		return i18n.T(i18n.ID, "rep.title.info_annual", from.Year())
	}
	var t string
	f, l := i18n.Local(from), i18n.Local(to).In(i18n.Local(from).Location())
	if f.Day() == 1 && f.Hour() == 0 && f.Minute() == 0 && l.Equal(f.AddDate(0, 1, 0)) {
		t = i18n.T(i18n.ID, "rep.title.monthly", MonthLabel(i18n.ID, f))
	} else {
		t = i18n.T(i18n.ID, "rep.title.range", i18n.Date(i18n.ID, f), i18n.Date(i18n.ID, l.Add(-time.Millisecond)))
	}
	var parts []string
	if fv.KecamatanName != "" {
		parts = append(parts, "Kecamatan "+fv.KecamatanName)
	}
	if fv.AgencyName != "" {
		parts = append(parts, fv.AgencyName)
	}
	if fv.CategoryName != "" {
		parts = append(parts, fv.CategoryName)
	}
	if fv.Channel != "" {
		parts = append(parts, i18n.T(i18n.ID, "channel."+string(fv.Channel)))
	}
	if len(parts) > 0 {
		t += " (" + strings.Join(parts, ", ") + ")"
	}
	return t
}

// CorrectionTitle is the title of a correction of old: old's own, marked
// as a correction once however often it is corrected.
func CorrectionTitle(old *Report) string {
	suffix := i18n.T(i18n.ID, "rep.title.correction")
	return strings.TrimSuffix(old.Title, suffix) + suffix
}

// MonthLabel names the month of t in WIB: November 2026.
func MonthLabel(lang i18n.Lang, t time.Time) string {
	_, rest, _ := strings.Cut(i18n.Date(lang, t), " ")
	return rest
}
