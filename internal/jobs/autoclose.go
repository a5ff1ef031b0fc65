package jobs

import (
	"context"
	"database/sql"
	"strconv"
	"time"

	"github.com/riverqueue/river"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

// Answered and relayed complaints close by themselves after auto_close_days
// working days (LAPOR!'s 10 by default) without a reply from the citizen,
// with a notice to the citizen; a reply after that reopens the complaint
// (or opens a new one, as reply_to_closed says: inbound.go). The timer is
// a River job enqueued in the transaction that answered or relayed; any
// later change to the complaint, or a message from the citizen, stops it.

const (
	whatAutoClose = "auto_close"
	// PurposeAutoClose marks the notice of an automatic close.
	PurposeAutoClose channel.Purpose = "auto_close"
)

func autoCloseDays(settings map[string]string) int {
	n, err := strconv.Atoi(settings["auto_close_days"])
	if err != nil || n < 1 {
		n, _ = strconv.Atoi(aduan.DefaultSettings()["auto_close_days"])
	}
	return n
}

// scheduleAutoClose, inside the transaction that answered or relayed c.
func (q *Queue) scheduleAutoClose(ctx context.Context, tx *sql.Tx, c *aduan.Complaint) error {
	if c.Status != aduan.StatusAnswered && c.Status != aduan.StatusRelayed {
		return nil
	}
	settings, err := q.st.SettingsTx(ctx, tx)
	if err != nil {
		return err
	}
	sc, err := q.st.StandardClockTx(ctx, tx)
	if err != nil {
		return err
	}
	due := sc.Office.AddWorkdays(c.UpdatedAt, autoCloseDays(settings))
	args := SLAArgs{ComplaintID: c.ID, WindowStart: c.UpdatedAt.UnixMilli(), What: whatAutoClose}
	_, err = q.client.InsertTx(ctx, tx, args, &river.InsertOpts{ScheduledAt: time.Now().Add(due.Sub(q.st.Now())), UniqueOpts: river.UniqueOpts{ByArgs: true}})
	return err
}

// autoClose closes c if it still stands as answered or relayed since the
// job was scheduled and the citizen has not written since.
func (q *Queue) autoClose(ctx context.Context, c *aduan.Complaint, a SLAArgs) error {
	if (c.Status != aduan.StatusAnswered && c.Status != aduan.StatusRelayed) || c.UpdatedAt.UnixMilli() != a.WindowStart {
		return nil
	}
	since := time.UnixMilli(a.WindowStart)
	ms, err := q.st.ComplaintMessages(ctx, aduan.System, c.ID)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.Direction == channel.In && !m.CreatedAt.Before(since) {
			return nil // the citizen replied: staff take it from there
		}
	}
	settings, err := q.Settings(ctx)
	if err != nil {
		return err
	}
	sc, err := q.st.StandardClock(ctx)
	if err != nil {
		return err
	}
	days := autoCloseDays(settings)
	if due := sc.Office.AddWorkdays(since, days); q.st.Now().Before(due) {
		return river.JobSnooze(due.Sub(q.st.Now()))
	}
	note := i18n.T(i18n.ID, "wt.autoclose.note", days)
	notice := store.WithinStep(ctx, func(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, ev *aduan.Event) error {
		if ev.Action != aduan.ActionClose {
			return nil
		}
		m := &channel.Message{ComplaintID: c.ID, Purpose: PurposeAutoClose, Template: whatAutoClose}
		v := vars(c, settings, false)
		m.Body = i18n.T(i18n.ID, "wt.autoclose.notice", v["nama"], c.Number, days)
		switch {
		case c.Citizen != nil && c.Citizen.Phone.Mobile():
			m.Channel, m.To = channel.SMS, string(c.Citizen.Phone)
			if err := checkSMSLength(m, settings); err != nil {
				return nil
			}
		case c.Citizen != nil && c.Citizen.Email != "":
			m.Channel, m.To, m.Subject = channel.Email, c.Citizen.Email, i18n.T(i18n.ID, "wt.autoclose.subject", c.Number)
		default:
			return nil // no way to tell them: the closing note stands
		}
		return q.enqueue(ctx, tx, m)
	})
	_, _, err = q.st.ApplyAction(notice, aduan.System, c.ID, c.Version, aduan.ActionClose, aduan.ActionInput{Note: note})
	if code := aduan.ErrorCode(err); code == aduan.ETRANSITION || code == aduan.ECONFLICT {
		return nil // changed meanwhile
	}
	return err
}
