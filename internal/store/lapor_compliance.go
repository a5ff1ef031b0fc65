package store

import (
	"context"
	"time"

	"github.com/kotakita/aduan"
)

// LaporCompliance counts, for the LAPOR! reports dispositioned in a
// period, how LAPOR!'s two deadlines went: met, late (done late, or
// overdue and not done), or still running.
type LaporCompliance struct {
	Total                                    int
	VerifyMet, VerifyLate, VerifyRunning     int
	FollowUpMet, FollowUpLate, FollowRunning int
}

// VerifyPct and FollowUpPct are the shares met of those decided (met or
// late), 0–100; -1 while none is decided.
func (c LaporCompliance) VerifyPct() int   { return pct(c.VerifyMet, c.VerifyLate) }
func (c LaporCompliance) FollowUpPct() int { return pct(c.FollowUpMet, c.FollowUpLate) }

func pct(met, late int) int {
	if met+late == 0 {
		return -1
	}
	return met * 100 / (met + late)
}

// Compliance is LAPOR!'s deadline compliance of the reports dispositioned
// in [from, to) that actor may see, at now.
func (l *Lapor) Compliance(ctx context.Context, actor aduan.Actor, from, to, now time.Time) (LaporCompliance, error) {
	list, err := l.list(ctx, actor, "l.dispositioned_at >= $1 AND l.dispositioned_at < $2", ms(from), ms(to))
	if err != nil {
		return LaporCompliance{}, err
	}
	var c LaporCompliance
	for _, r := range list {
		c.Total++
		switch m := r.Deadlines.VerifyMet(now); {
		case m == nil:
			c.VerifyRunning++
		case *m:
			c.VerifyMet++
		default:
			c.VerifyLate++
		}
		switch m := r.Deadlines.FollowUpMet(now); {
		case m == nil:
			c.FollowRunning++
		case *m:
			c.FollowUpMet++
		default:
			c.FollowUpLate++
		}
	}
	return c, nil
}
