package store

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/report"
)

// The annual public-information service report (laporan layanan informasi
// publik, PerKI 1/2021): per year, from the requests as recorded, never
// mixed with the complaints' Mutu Baku. It is a report of kind
// report.Annual and is made final as the monthly report is: the PPID Utama
// submits the year's figures (frozen in a version), the Kasi/Kabid
// initials them (content hash, PDF kept, checked at /verify), and a
// correction supersedes it (reports.go, report_signing.go).

// InfoAnnual is the report's figures.
type InfoAnnual = report.InfoAnnual

// InfoCanReport reports whether the actor may read the annual report: the
// PPIDs and those who answer for the city's figures.
func InfoCanReport(a aduan.Actor) bool {
	return a.IsSystem() || a.Role == aduan.RolePPIDUtama || a.Role == aduan.RolePPIDPembantu || a.Role == aduan.RoleKasiKabid ||
		a.Role == aduan.RoleKoordinatorCC
}

// Annual returns the year's report: the figures of its final report (the
// one initialled and not superseded) if there is one, else computed now
// (provisional while the year runs).
func (p *PPID) Annual(ctx context.Context, actor aduan.Actor, year int) (a *InfoAnnual, err error) {
	defer wrap(&err, "PPID.Annual(%d)", year)
	if !InfoCanReport(actor) {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	r, err := p.AnnualReport(ctx, aduan.System, year, true)
	switch {
	case err == nil:
		var a InfoAnnual
		if cur := r.Current(); cur == nil || json.Unmarshal(cur.Data, &a) != nil {
			return nil, fmt.Errorf("report %d: the final figures cannot be read", r.ID)
		}
		a.ReportID, a.FrozenAt, a.FrozenBy, a.SHA256 = r.ID, r.ParafAt, r.ParafName, r.ContentHash
		return &a, nil
	case aduan.ErrorCode(err) != aduan.ENOTFOUND:
		return nil, err
	}
	return p.computeAnnual(ctx, year, p.s.Now())
}

// AnnualReport returns the year's annual report that the actor may see:
// with final, the one initialled and not superseded; else the latest one
// under way or final (a draft only for its author).
func (p *PPID) AnnualReport(ctx context.Context, actor aduan.Actor, year int, final bool) (r *report.Report, err error) {
	defer wrap(&err, "PPID.AnnualReport(%d)", year)
	cal, err := p.office(ctx, p.s.rdb)
	if err != nil {
		return nil, err
	}
	from := time.Date(year, 1, 1, 0, 0, 0, 0, cal.Loc)
	q := `SELECT id FROM reports WHERE kind = $1 AND period_from = $2 AND superseded_by IS NULL`
	if final {
		q += ` AND status = 'complete'`
	}
	ids, err := queryIDs(ctx, p.s.rdb, q+` ORDER BY id DESC`, string(report.Annual), ms(from))
	if err != nil {
		return nil, mapErr(err)
	}
	for _, id := range ids {
		r, err := p.s.loadReport(ctx, p.s.rdb, id)
		if err != nil {
			return nil, err
		}
		if report.CanSee(actor, r) {
			return r, nil
		}
	}
	return nil, notFound("report")
}

// computeAnnual compiles the year's figures as of now.
func (p *PPID) computeAnnual(ctx context.Context, year int, now time.Time) (*InfoAnnual, error) {
	cal, err := p.office(ctx, p.s.rdb)
	if err != nil {
		return nil, err
	}
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
