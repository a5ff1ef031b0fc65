package report

import "time"

// InfoAnnual is the figures of the PPID's annual public-information
// service report (kind Annual) of a year, as compiled from the requests
// recorded (store.PPID): what a submission freezes in a version, like
// MonthlyData for the monthly report.
type InfoAnnual struct {
	Year         int            `json:"year"`
	Provisional  bool           `json:"provisional"` // the year is still running
	Received     int            `json:"received"`
	ByChannel    map[string]int `json:"by_channel"`
	Decided      int            `json:"decided"`
	ByDecision   map[string]int `json:"by_decision"`
	ByGround     map[string]int `json:"by_ground"` // art. 17 letter of refusals (full or partial)
	Extended     int            `json:"extended"`
	OnTime       int            `json:"on_time"`
	Late         int            `json:"late"`    // decided after the deadline
	Pending      int            `json:"pending"` // not decided yet
	Overdue      int            `json:"overdue"` // not decided and past the deadline
	AvgWorkdays  float64        `json:"avg_workdays"`
	MaxWorkdays  int            `json:"max_workdays"`
	Objections   int            `json:"objections"`
	ByReason     map[string]int `json:"by_reason"`
	Upheld       int            `json:"upheld"`
	Rejected     int            `json:"rejected"`
	ObjLate      int            `json:"objections_answered_late"`
	ObjPending   int            `json:"objections_pending"`
	Commission   int            `json:"commission"`
	CommDone     int            `json:"commission_decided"`
	OverdueList  []string       `json:"overdue_numbers"`
	GeneratedAt  time.Time      `json:"generated_at"`
	AnsweredDays []int          `json:"-"`

	// Set when the figures are those of the year's final report (not
	// part of the frozen figures): the report, its paraf and its content
	// hash, which anyone checks at /verify.
	ReportID int64      `json:"report_id,omitempty"`
	FrozenAt *time.Time `json:"frozen_at,omitempty"`
	FrozenBy string     `json:"frozen_by,omitempty"`
	SHA256   string     `json:"-"`
}
