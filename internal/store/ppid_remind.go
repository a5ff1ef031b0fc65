package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/kotakita/aduan"
)

// Reminders of objections (keberatan): the atasan PPID answers within 30
// working days (UU 14/2008 art. 36). Each of them is told in the console
// when InfoObjectionWarnDays working days are left, and again when the
// deadline is missed; each notice once per user and deadline, however
// often the job runs, and the outside message (SMS, e-mail) goes with the
// first notice only.

// InfoObjectionWarnDays is how many working days before an objection's
// deadline the atasan is reminded.
const InfoObjectionWarnDays = 5

// The notices' kinds (msg.notify.KIND, msg.web.kind.KIND).
const (
	NoticeObjectionWarning = "ppid_objection_warning"
	NoticeObjectionMissed  = "ppid_objection_missed"
)

// InfoReminderSend sends, inside tx, the outside message of a fresh notice
// to user u about request r (kind says which).
type InfoReminderSend func(ctx context.Context, tx *sql.Tx, r *aduan.InfoRequest, kind string, u aduan.User) error

// atasanUsers are the users who answer objections: the named user, or
// every active user of the named role.
func (p *PPID) atasanUsers(ctx context.Context, tx *sql.Tx, a aduan.InfoAtasan) ([]aduan.User, error) {
	if a.UserID != 0 {
		u, err := p.s.user(ctx, tx, a.UserID)
		if err != nil {
			return nil, err
		}
		if !u.Active {
			return nil, nil
		}
		return []aduan.User{*u}, nil
	}
	return p.s.Users().UsersTx(ctx, tx, a.Role, 0)
}

// RemindObjections records the notices due now about objections waiting
// for the atasan's answer and calls send for each fresh one; it returns
// how many notices were fresh. Without an atasan named nobody is told
// (the PPID's overdue list still shows the objection).
func (p *PPID) RemindObjections(ctx context.Context, send InfoReminderSend) (n int, err error) {
	defer wrap(&err, "PPID.RemindObjections()")
	atasan, ok, err := p.Atasan(ctx)
	if err != nil || !ok {
		return 0, err
	}
	cal, err := p.Calendar(ctx)
	if err != nil {
		return 0, err
	}
	now := p.s.Now()
	// Every objection whose warning is due: the deadline within the warning
	// days' reach of now.
	soon := cal.AddWorkdays(now, InfoObjectionWarnDays)
	ids, err := queryIDs(ctx, p.s.rdb, `SELECT r.id FROM info_requests r WHERE r.status = 'objected' AND r.objection_due_at <= $1 ORDER BY r.id`, ms(soon))
	if err != nil {
		return 0, mapErr(err)
	}
	for _, id := range ids {
		var fresh int
		err := p.s.tx(ctx, func(tx *sql.Tx) error {
			fresh = 0 // SQLite's group commit may run fn again
			r, err := p.request(ctx, tx, id)
			if err != nil {
				return err
			}
			if r.Status != aduan.InfoObjected || r.ObjectionDueAt == nil {
				return nil // answered meanwhile
			}
			kind := NoticeObjectionWarning
			if now.After(*r.ObjectionDueAt) {
				kind = NoticeObjectionMissed
			}
			users, err := p.atasanUsers(ctx, tx, atasan)
			if err != nil {
				return err
			}
			for _, u := range users {
				ok, err := p.s.Messages().InsertNotification(ctx, tx, &Notification{UserID: u.ID, InfoRequestID: r.ID, Kind: kind, DueAt: r.ObjectionDueAt})
				if err != nil {
					return err
				}
				if !ok {
					continue
				}
				fresh++
				if send != nil {
					if err := send(ctx, tx, r, kind, u); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return n, fmt.Errorf("request %d: %w", id, err)
		}
		n += fresh
	}
	return n, nil
}
