package store

import (
	"context"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/report"
)

// LaporCompliance counts, for the LAPOR! reports dispositioned in a
// period, how LAPOR!'s deadlines went: met, late (done late, or overdue
// and not done), or still running. The dashboard, the LAPOR! page and the
// monthly report all count with it.
type LaporCompliance struct {
	Total                                    int
	VerifyMet, VerifyLate, VerifyRunning     int
	FollowUpMet, FollowUpLate, FollowRunning int
	// Closing: closed here by the day LAPOR! closes the report (10
	// working days after the follow-up), or not; running before then and
	// before the follow-up.
	CloseMet, CloseLate, CloseRunning int
	Closed                            int // closed here, however
}

// VerifyPct and FollowUpPct are the shares met of those decided (met or
// late), 0–100; -1 while none is decided.
func (c LaporCompliance) VerifyPct() int   { return pct(c.VerifyMet, c.VerifyLate) }
func (c LaporCompliance) FollowUpPct() int { return pct(c.FollowUpMet, c.FollowUpLate) }

// ClosePct is the share closed here by LAPOR!'s closing day, as above.
func (c LaporCompliance) ClosePct() int { return pct(c.CloseMet, c.CloseLate) }

func pct(met, late int) int {
	if met+late == 0 {
		return -1
	}
	return met * 100 / (met + late)
}

// Compliance is LAPOR!'s deadline compliance of the reports dispositioned
// in [from, to) that actor may see, at now.
func (l *Lapor) Compliance(ctx context.Context, actor aduan.Actor, from, to, now time.Time) (_ LaporCompliance, err error) {
	defer wrap(&err, "Lapor.Compliance()")
	return l.compliance(ctx, actor, from, to, now, report.Filter{})
}

// compliance is Compliance of the reports whose complaints f selects (a
// monthly report's agency, category, kecamatan).
func (l *Lapor) compliance(ctx context.Context, actor aduan.Actor, from, to, now time.Time, f report.Filter) (LaporCompliance, error) {
	var w where
	w.add("l.dispositioned_at >= ?", ms(from))
	w.add("l.dispositioned_at < ?", ms(to))
	complaintFilter(&w, f)
	list, err := l.list(ctx, actor, strings.Join(w.conds, " AND "), w.args...)
	if err != nil {
		return LaporCompliance{}, err
	}
	var c LaporCompliance
	tally := func(m *bool, met, late, running *int) {
		switch {
		case m == nil:
			*running++
		case *m:
			*met++
		default:
			*late++
		}
	}
	for _, r := range list {
		c.Total++
		tally(r.Deadlines.VerifyMet(now), &c.VerifyMet, &c.VerifyLate, &c.VerifyRunning)
		tally(r.Deadlines.FollowUpMet(now), &c.FollowUpMet, &c.FollowUpLate, &c.FollowRunning)
		tally(r.Deadlines.CloseMet(now), &c.CloseMet, &c.CloseLate, &c.CloseRunning)
		if r.Status == aduan.StatusClosed {
			c.Closed++
		}
	}
	return c, nil
}

// monthlyLapor is the monthly report's SP4N-LAPOR! section: the reports
// LAPOR! dispositioned in the period, apart, on LAPOR!'s deadlines
// (compliance, the dashboard's count). None when the period had none, or
// the report is of another channel.
func (s *Store) monthlyLapor(ctx context.Context, m *report.MonthlyData, f report.Filter, now time.Time) error {
	if f.Channel != "" && f.Channel != aduan.ChannelLapor {
		return nil
	}
	c, err := s.Lapor().compliance(ctx, aduan.System, m.From, m.To, now, f)
	if err != nil || c.Total == 0 {
		return err
	}
	deadline := func(name string, days, met, late, running int) report.LaporDeadline {
		return report.LaporDeadline{Deadline: name, Days: days, Met: met, Late: late, Running: running, Rate: report.Rate(met, met+late)}
	}
	m.Lapor = &report.LaporStat{Total: c.Total, Closed: c.Closed, Deadlines: []report.LaporDeadline{
		deadline(report.LaporVerify, 3, c.VerifyMet, c.VerifyLate, c.VerifyRunning),
		deadline(report.LaporFollowUp, 5, c.FollowUpMet, c.FollowUpLate, c.FollowRunning),
		deadline(report.LaporClose, 10, c.CloseMet, c.CloseLate, c.CloseRunning),
	}}
	return nil
}
