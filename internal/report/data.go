package report

import (
	"math"
	"sort"
	"time"

	"github.com/kotakita/aduan"
)

// The compiled figures. They hold codes and counts, never personal data
// (no citizen's name, phone or address, no complaint text), so that a
// report can go to anyone entitled to figures. Labels are added when
// rendering, in the reader's language.

// Count is a number of something named by a key (a channel, a status).
type Count struct {
	Key string `json:"key"`
	N   int    `json:"n"`
}

// Named is a count of a thing with an ID or code and a display name.
type Named struct {
	ID   int64  `json:"id,omitempty"`
	Code string `json:"code,omitempty"`
	Name string `json:"name"`
	N    int    `json:"n"`
}

// StepCompliance is how often a step met its standard.
type StepCompliance struct {
	Step     string  `json:"step"`
	SOP      string  `json:"sop"`
	Standard string  `json:"standard"` // e.g. "10 menit"
	Total    int     `json:"total"`
	Met      int     `json:"met"`
	Missed   int     `json:"missed"`
	Rate     float64 `json:"rate"` // percent met, one decimal
	MedianMS int64   `json:"median_ms,omitempty"`
	P90MS    int64   `json:"p90_ms,omitempty"`
	// StandardMS is the standard in milliseconds; 0 for working-day units,
	// which have no fixed length.
	StandardMS int64 `json:"standard_ms,omitempty"`
	// ByKind says the step's standard depends on the complaint's tier and
	// priority; Standard is then the step's own (the normative tier's).
	ByKind bool `json:"by_kind,omitempty"`
}

// DailyData is the compiled content of an operator's daily report.
type DailyData struct {
	Day          string    `json:"day"`
	OperatorID   int64     `json:"operator_id"`
	OperatorName string    `json:"operator_name"`
	CompiledAt   time.Time `json:"compiled_at"`
	DueAt        time.Time `json:"due_at"`
	// Recorded counts the complaints the operator recorded, by channel.
	Recorded  int     `json:"recorded"`
	ByChannel []Count `json:"by_channel"`
	// AnsweredDirect: SOP step 4; AnsweredLibrary: step 6.
	AnsweredDirect  int     `json:"answered_direct"`
	AnsweredLibrary int     `json:"answered_library"`
	Forwarded       int     `json:"forwarded"`
	ForwardedTo     []Named `json:"forwarded_to"`
	AnswersReceived int     `json:"answers_received"`
	Relayed         int     `json:"relayed"`
	Closed          int     `json:"closed"`
	// StillOpen: of the complaints the operator recorded that day, those
	// still open when the report was compiled.
	StillOpen  int              `json:"still_open"`
	Steps      []StepCompliance `json:"steps"`
	Complaints []DailyLine      `json:"complaints"`
	// More is how many complaints were handled beyond those listed.
	More int `json:"more,omitempty"`
}

// MaxDailyLines bounds the complaint list of a daily report.
const MaxDailyLines = 300

// DailyLine is one complaint the operator worked on that day.
type DailyLine struct {
	Number   string   `json:"number"`
	Channel  string   `json:"channel"`
	Category string   `json:"category,omitempty"`
	Actions  []string `json:"actions"`
	Status   string   `json:"status"`
	Missed   int      `json:"missed,omitempty"` // steps that missed their standard
}

// MonthlyData is the compiled content of a monthly (or any period's) report.
type MonthlyData struct {
	From       time.Time  `json:"from"`
	To         time.Time  `json:"to"`
	PrevFrom   time.Time  `json:"prev_from"`
	PrevTo     time.Time  `json:"prev_to"`
	Filter     FilterView `json:"filter"`
	CompiledAt time.Time  `json:"compiled_at"`

	Volume       Volume           `json:"volume"`
	FCR          FCR              `json:"first_contact_resolution"`
	Steps        []StepCompliance `json:"steps"`
	Operators    []Compliance     `json:"operators"`
	Agencies     []AgencyStat     `json:"agencies"`
	Slowest      []AgencyStat     `json:"slowest_agencies"`
	Open         OpenStat         `json:"open"`
	Categories   []Named          `json:"top_categories"`
	Kelurahan    []Named          `json:"top_kelurahan"`
	Kecamatan    []KecamatanRow   `json:"kecamatan"`
	Satisfaction Satisfaction     `json:"satisfaction"`
	// SKM is the Survei Kepuasan Masyarakat (PermenPANRB 14/2017): the
	// IKM, its nine unsur's means, the sample and the regulation's
	// minimum for the period's complaints; nil in a report compiled
	// before the survey existed.
	SKM          *aduan.SKMResult   `json:"skm,omitempty"`
	DailyReports DailyReportSummary `json:"daily_reports"`
	// Contacts is the contact log beside the complaints (issue 16): every
	// call, message or visit, whatever it turned out to be; nil when a
	// filter the log cannot follow (kecamatan, agency, category) is set.
	Contacts *ContactStat `json:"contacts,omitempty"`
	// Lapor is the reports SP4N-LAPOR! dispositioned to the city in the
	// period, apart, on LAPOR!'s deadlines; nil when there were none (or
	// the report is of another channel).
	Lapor *LaporStat `json:"lapor,omitempty"`
}

// LaporStat is the monthly report's SP4N-LAPOR! section.
type LaporStat struct {
	Total  int `json:"total"`  // dispositioned in the period
	Closed int `json:"closed"` // of those, closed by now
	// Deadlines are LAPOR!'s three, in order: verified and sent on,
	// first follow-up, closed.
	Deadlines []LaporDeadline `json:"deadlines"`
}

// LaporDeadline is how one of LAPOR!'s deadlines went: met, late (done
// late, or overdue and not done), running; Rate is the share met of those
// decided (0–100).
type LaporDeadline struct {
	Deadline string  `json:"deadline"`
	Days     int     `json:"working_days"`
	Met      int     `json:"met"`
	Late     int     `json:"late"`
	Running  int     `json:"running"`
	Rate     float64 `json:"rate"`
}

// LAPOR!'s deadlines, as LaporDeadline names them.
const (
	LaporVerify   = "verify"
	LaporFollowUp = "follow_up"
	LaporClose    = "close"
)

// LaporDeadlines are LAPOR!'s deadlines in their order.
var LaporDeadlines = []string{LaporVerify, LaporFollowUp, LaporClose}

// ContactStat is the contacts of the period by kind and channel, and each
// operator's work from the contact log.
type ContactStat struct {
	Total     int              `json:"total"`
	ByKind    []ContactKindRow `json:"by_kind"`
	Operators []OperatorWork   `json:"operators"`
}

// ContactKindRow is the contacts of one kind (complaint, information,
// prank...), by channel.
type ContactKindRow struct {
	Kind      string  `json:"kind"`
	N         int     `json:"n"`
	ByChannel []Count `json:"by_channel"`
}

// OperatorWork is an operator's contacts: how many they handled, their
// average handling time (over the contacts with a recorded duration), and
// first-contact resolution: of the contacts that asked something of the
// call center (complaints, information requests, aspirations, follow-ups),
// those settled at that contact (an information request answered, or a
// complaint answered by the call center itself and never forwarded).
type OperatorWork struct {
	ID          int64   `json:"id"`
	Name        string  `json:"name"`
	Handled     int     `json:"handled"`
	AvgHandleMS int64   `json:"avg_handle_ms,omitempty"`
	Requests    int     `json:"requests"`
	Resolved    int     `json:"resolved"`
	FCRRate     float64 `json:"fcr_rate"`
}

// FilterView is the filter with display names.
type FilterView struct {
	Filter
	KecamatanName string `json:"kecamatan_name,omitempty"`
	AgencyName    string `json:"agency_name,omitempty"`
	CategoryName  string `json:"category_name,omitempty"`
}

// Volume is how many complaints came in, against the previous period of
// the same length (the previous month for a month). Total is "pengaduan
// diterima", the one definition the dashboard and /angka share: every
// complaint received except duplicates and rejected records, which are
// counted apart (Duplicate, Rejected; Recorded is all three). ByChannel,
// ByDay and Previous count received complaints too; ByStatus counts every
// record.
type Volume struct {
	Total     int        `json:"total"`
	Recorded  int        `json:"recorded"`
	Previous  int        `json:"previous"`
	ChangePct *float64   `json:"change_pct"` // nil when the previous period had none
	ByChannel []Trend    `json:"by_channel"`
	ByStatus  []Count    `json:"by_status"`
	ByDay     []DayCount `json:"by_day"`
	Duplicate int        `json:"duplicate"`
	Rejected  int        `json:"rejected"`
}

// Trend is a count now and in the previous period.
type Trend struct {
	Key      string `json:"key"`
	N        int    `json:"n"`
	Previous int    `json:"previous"`
}

// DayCount is the number of complaints received on one WIB day.
type DayCount struct {
	Day string `json:"day"`
	N   int    `json:"n"`
}

// FCR is first-contact resolution.
type FCR struct {
	Direct  int     `json:"direct"`  // SOP step 4
	Library int     `json:"library"` // SOP step 6
	Base    int     `json:"base"`    // complaints received, without duplicates and rejected ones
	Rate    float64 `json:"rate"`    // percent, one decimal
}

// Compliance is how often someone's steps met their standard.
type Compliance struct {
	ID     int64   `json:"id"`
	Name   string  `json:"name"`
	Total  int     `json:"total"`
	Met    int     `json:"met"`
	Missed int     `json:"missed"`
	Rate   float64 `json:"rate"`
}

// AgencyStat is an agency's work in the period: its steps (receiving and
// answering, SOP step 8) against their standards, and how long it took to
// answer.
type AgencyStat struct {
	Compliance
	Forwarded      int   `json:"forwarded"` // complaints forwarded to it in the period
	Answered       int   `json:"answered"`
	Returned       int   `json:"returned"`
	MedianAnswerMS int64 `json:"median_answer_ms,omitempty"`
	P90AnswerMS    int64 `json:"p90_answer_ms,omitempty"`
}

// OpenStat is the complaints of the period still open, and those past the
// deadline of the step now due.
type OpenStat struct {
	Open    int           `json:"open"`
	Overdue int           `json:"overdue"`
	Paused  int           `json:"paused"`
	Oldest  []OverdueLine `json:"oldest_overdue"`
}

// MaxOverdueLines bounds the list of overdue complaints.
const MaxOverdueLines = 20

// OverdueLine is one overdue complaint, without personal data.
type OverdueLine struct {
	Number     string    `json:"number"`
	ReceivedAt time.Time `json:"received_at"`
	Status     string    `json:"status"`
	Step       string    `json:"step"`
	DueAt      time.Time `json:"due_at"`
	Agency     string    `json:"agency,omitempty"`
}

// KecamatanRow is one kecamatan's complaints, for the map-like table.
type KecamatanRow struct {
	Code    string `json:"code"`
	Name    string `json:"name"`
	N       int    `json:"n"`
	Open    int    `json:"open"`
	Overdue int    `json:"overdue"`
}

// Satisfaction is the citizens' survey answers about the period's
// complaints; Collected is false while there are none.
type Satisfaction struct {
	Collected    bool    `json:"collected"`
	Responses    int     `json:"responses"`
	Average      float64 `json:"average"` // 1–5, two decimals
	Distribution [5]int  `json:"distribution"`
}

// DailyReportSummary is how the operators kept up with their daily reports
// in the period (SOP step 11).
type DailyReportSummary struct {
	Expected int `json:"expected"`
	OnTime   int `json:"on_time"`
	Late     int `json:"late"`
	Missing  int `json:"missing"`
	Pending  int `json:"pending"` // not yet due
}

// Rate returns met/total as a percent with one decimal; 0 when total is 0.
func Rate(met, total int) float64 {
	if total == 0 {
		return 0
	}
	return math.Round(float64(met)*1000/float64(total)) / 10
}

// ChangePct is the change from prev to now in percent, one decimal; nil when
// prev is 0.
func ChangePct(now, prev int) *float64 {
	if prev == 0 {
		return nil
	}
	v := math.Round(float64(now-prev)*1000/float64(prev)) / 10
	return &v
}

// Rank returns the 0-based index of the p-th percentile (0 < p ≤ 1) in a
// sorted list of n values by the nearest-rank method.
func Rank(p float64, n int) int {
	if n <= 0 {
		return -1
	}
	k := int(math.Ceil(p*float64(n))) - 1
	if k < 0 {
		k = 0
	}
	if k >= n {
		k = n - 1
	}
	return k
}

// Percentiles picks the median and p90 from a stream of values in
// ascending order whose count is known in advance, keeping nothing else:
// the memory used is the same for ten values or ten million.
type Percentiles struct {
	n, i        int
	med, p90    int
	Median, P90 int64
}

// NewPercentiles prepares for n sorted values.
func NewPercentiles(n int) *Percentiles {
	return &Percentiles{n: n, med: Rank(0.5, n), p90: Rank(0.9, n)}
}

// Add takes the next value.
func (p *Percentiles) Add(v int64) {
	if p.i == p.med {
		p.Median = v
	}
	if p.i == p.p90 {
		p.P90 = v
	}
	p.i++
}

// SortNamed orders counts by count (highest first), then code, then ID, so
// that both databases give the same order whatever their collation.
func SortNamed(list []Named) {
	sort.SliceStable(list, func(i, j int) bool {
		a, b := list[i], list[j]
		if a.N != b.N {
			return a.N > b.N
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.ID < b.ID
	})
}

// DailyStatus says how a daily report stands against its deadline.
type DailyStatus string

// The daily-report states.
const (
	DailyOnTime  DailyStatus = "on_time"
	DailyLate    DailyStatus = "late"
	DailyMissing DailyStatus = "missing"
	DailyPending DailyStatus = "pending" // not submitted, not yet due
)

// DailyState classifies a daily report submitted at submitted (nil: not
// yet) against its deadline at now.
func DailyState(submitted *time.Time, due, now time.Time) DailyStatus {
	switch {
	case submitted != nil && !submitted.After(due):
		return DailyOnTime
	case submitted != nil:
		return DailyLate
	case now.After(due):
		return DailyMissing
	}
	return DailyPending
}

// DailyStatusLine is one operator's daily report of one day.
type DailyStatusLine struct {
	Day          string
	OperatorID   int64
	OperatorName string
	ReportID     int64 // 0: none started
	SubmittedAt  *time.Time
	DueAt        time.Time
	State        DailyStatus
	Worked       bool // the operator recorded work that day
}

// PublicFigures are the figures published for citizens: no personal data,
// no complaint text, only counts and rates.
type PublicFigures struct {
	Year     int           `json:"year"`
	Months   []PublicMonth `json:"months"`
	Agencies []Compliance  `json:"agencies"`
}

// PublicMonth is one month's volume and compliance.
type PublicMonth struct {
	Month    string `json:"month"`
	Received int    `json:"received"`
	Closed   int    `json:"closed"`
	// Duplicate and Rejected are counted apart from Received (see Volume).
	Duplicate int     `json:"duplicate"`
	Rejected  int     `json:"rejected"`
	Steps     int     `json:"steps"`
	StepsMet  int     `json:"steps_met"`
	Rate      float64 `json:"rate"`
}
