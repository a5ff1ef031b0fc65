package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/report"
)

// The annual public-information service report (laporan layanan informasi
// publik, PerKI 1/2021): per year, from the requests as recorded, never
// mixed with the complaints' Mutu Baku. A year that is over can be frozen:
// its figures are kept as canonical JSON with their hash (report.HashBytes,
// as the monthly reports' files), and anyone can check a copy's hash.

// InfoAnnual is the report's figures.
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
	FrozenAt     *time.Time     `json:"frozen_at,omitempty"`
	FrozenBy     string         `json:"frozen_by,omitempty"`
	SHA256       string         `json:"-"`
	GeneratedAt  time.Time      `json:"generated_at"`
	AnsweredDays []int          `json:"-"`
}

// InfoCanReport reports whether the actor may read the annual report: the
// PPIDs and those who answer for the city's figures.
func InfoCanReport(a aduan.Actor) bool {
	return a.IsSystem() || a.Role == aduan.RolePPIDUtama || a.Role == aduan.RolePPIDPembantu || a.Role == aduan.RoleKasiKabid ||
		a.Role == aduan.RoleKoordinatorCC
}

// Annual returns the year's report: the frozen figures if it was frozen,
// else computed now (provisional while the year runs).
func (p *PPID) Annual(ctx context.Context, actor aduan.Actor, year int) (a *InfoAnnual, err error) {
	defer wrap(&err, "PPID.Annual(%d)", year)
	defer ppidWrap(&err, "PPID.Annual(%d)", year)
	if !InfoCanReport(actor) {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	if a, err := p.frozenAnnual(ctx, year); err == nil || aduan.ErrorCode(err) != aduan.ENOTFOUND {
		return a, err
	}
	return p.computeAnnual(ctx, year)
}

func (p *PPID) frozenAnnual(ctx context.Context, year int) (*InfoAnnual, error) {
	var content, sha string
	err := p.s.rdb.QueryRowContext(ctx, `SELECT content, sha256 FROM info_annual_reports WHERE year = $1`, year).Scan(&content, &sha)
	if err == sql.ErrNoRows {
		return nil, notFound("info_annual")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	var a InfoAnnual
	if err := json.Unmarshal([]byte(content), &a); err != nil {
		return nil, err
	}
	a.SHA256 = sha
	return &a, nil
}

func (p *PPID) computeAnnual(ctx context.Context, year int) (*InfoAnnual, error) {
	cal, err := p.office(ctx, p.s.rdb)
	if err != nil {
		return nil, err
	}
	now := p.s.Now()
	from := time.Date(year, 1, 1, 0, 0, 0, 0, cal.Loc)
	to := from.AddDate(1, 0, 0)
	rs, err := p.Requests(ctx, aduan.System, InfoFilter{From: &from, To: &to})
	if err != nil {
		return nil, err
	}
	a := &InfoAnnual{Year: year, Provisional: now.Before(to), ByChannel: map[string]int{}, ByDecision: map[string]int{}, ByGround: map[string]int{},
		ByReason: map[string]int{}, GeneratedAt: now.UTC(), OverdueList: []string{}}
	total := 0
	for _, r := range rs {
		a.Received++
		a.ByChannel[string(r.Channel)]++
		if r.ExtendedAt != nil {
			a.Extended++
		}
		if r.DecidedAt != nil {
			a.Decided++
			a.ByDecision[string(r.Decision)]++
			if r.Ground != "" {
				a.ByGround[r.Ground]++
			}
			if r.AnsweredLate() {
				a.Late++
			} else {
				a.OnTime++
			}
			// Working days to answer: the working days whose close
			// passed between the request and the decision.
			days := cal.ClosesBetween(r.ReceivedAt, *r.DecidedAt)
			a.AnsweredDays = append(a.AnsweredDays, days)
			total += days
			a.MaxWorkdays = max(a.MaxWorkdays, days)
		} else if r.Status.Pending() {
			a.Pending++
			if now.After(r.DueAt) {
				a.Overdue++
				a.OverdueList = append(a.OverdueList, r.Number)
			}
		}
		if r.ObjectedAt != nil {
			a.Objections++
			a.ByReason[r.ObjectionReason]++
			switch {
			case r.ObjectionAnsweredAt == nil:
				a.ObjPending++
			case r.ObjectionUpheld:
				a.Upheld++
			default:
				a.Rejected++
			}
			if r.ObjectionAnsweredAt != nil && r.ObjectionDueAt != nil && r.ObjectionAnsweredAt.After(*r.ObjectionDueAt) {
				a.ObjLate++
			}
		}
		if r.CommissionAt != nil {
			a.Commission++
			if r.ClosedAt != nil {
				a.CommDone++
			}
		}
	}
	if a.Decided > 0 {
		a.AvgWorkdays = float64(int(float64(total)/float64(a.Decided)*10+0.5)) / 10
	}
	sort.Strings(a.OverdueList)
	return a, nil
}

// FreezeAnnual freezes a year that is over (the PPID Utama): its figures
// are kept as they are now with their hash; later changes to the requests
// no longer move them. A year is frozen once.
func (p *PPID) FreezeAnnual(ctx context.Context, actor aduan.Actor, year int) (a *InfoAnnual, err error) {
	defer wrap(&err, "PPID.FreezeAnnual(%d)", year)
	defer ppidWrap(&err, "PPID.FreezeAnnual(%d)", year)
	if actor.Role != aduan.RolePPIDUtama {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	if a, err = p.computeAnnual(ctx, year); err != nil {
		return nil, err
	}
	if a.Provisional {
		return nil, aduan.Errorf(aduan.EINVALID, "err.ppid.year_running")
	}
	now := p.s.Now()
	a.FrozenAt, a.FrozenBy = &now, actor.Name
	content, err := json.Marshal(a)
	if err != nil {
		return nil, err
	}
	a.SHA256 = report.HashBytes(content)
	err = p.s.tx(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM info_annual_reports WHERE year = $1`, year).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return aduan.Errorf(aduan.ECONFLICT, "err.ppid.year_frozen")
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO info_annual_reports (year, content, sha256, frozen_at, frozen_by, frozen_by_name) VALUES ($1, $2, $3, $4, $5, $6)`,
			year, string(content), a.SHA256, ms(now), nullID(actor.UserID), actor.Name); err != nil {
			return err
		}
		return p.s.audit(ctx, tx, actor, "info_annual.freeze", "info_annual", int64(year), nil, map[string]any{"sha256": a.SHA256})
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// VerifyAnnual finds the frozen annual report whose figures have hash sha
// (anyone may ask: it tells only which year's report it is and when it was
// frozen).
func (p *PPID) VerifyAnnual(ctx context.Context, sha string) (_ int, _ time.Time, err error) {
	defer wrap(&err, "PPID.VerifyAnnual()")
	var year int
	var at int64
	err = p.s.rdb.QueryRowContext(ctx, `SELECT year, frozen_at FROM info_annual_reports WHERE sha256 = $1`, sha).Scan(&year, &at)
	if err == sql.ErrNoRows {
		return 0, time.Time{}, notFound("info_annual")
	}
	if err != nil {
		return 0, time.Time{}, fmt.Errorf("PPID.VerifyAnnual: %w", mapErr(err))
	}
	return year, fromMS(at), nil
}
