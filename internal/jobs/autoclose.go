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
	"github.com/kotakita/aduan/internal/lapor"
	"github.com/kotakita/aduan/internal/store"
)

// Answered and relayed complaints close by themselves after auto_close_days
// working days (LAPOR!'s 10 by default) without a reply from the citizen,
// with a notice to the citizen; a reply after that reopens the complaint
// (or opens a new one, as reply_to_closed says: inbound.go). The timer is
// a River job enqueued in the transaction that answered or relayed; any
// later change to the complaint, or a message from the citizen, stops it.
//
// A report SP4N-LAPOR! dispositioned to the city closes on LAPOR!'s own
// rule instead: 10 working days (lapor.AutoCloseDays, not the setting)
// after its first follow-up (the agency's answer, or the call center's),
// as LAPOR! closes it on its side; a reply since that follow-up stops it.
// Both rules are autoCloseRule, read when the timer is set and again when
// it fires.

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

// closeRule is when an answered or relayed complaint closes by itself.
type closeRule struct {
	since time.Time // the answer (or LAPOR!'s follow-up): a reply from the citizen since stops the close
	due   time.Time
	days  int  // the working days between
	lapor bool // LAPOR!'s rule
}

// autoCloseRule is the one place that says when c closes by itself: on the
// office calendar, auto_close_days working days after the answer; a LAPOR!
// report on LAPOR!'s deadline (lapor.Deadlines.AutoCloseAt, the one its
// pages show). tx is the transaction that answered, nil for the read pool.
func (q *Queue) autoCloseRule(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, settings map[string]string) (closeRule, error) {
	if c.Channel == aduan.ChannelLapor {
		var rep *store.LaporReport
		var err error
		if tx != nil {
			rep, err = q.st.Lapor().OfTx(ctx, tx, aduan.System, c.ID)
		} else {
			rep, err = q.st.Lapor().Of(ctx, aduan.System, c.ID)
		}
		switch {
		case err == nil && rep.Deadlines.AutoCloseAt != nil:
			return closeRule{since: *rep.Deadlines.FollowedAt, due: *rep.Deadlines.AutoCloseAt, days: lapor.AutoCloseDays, lapor: true}, nil
		case err != nil && aduan.ErrorCode(err) != aduan.ENOTFOUND:
			return closeRule{}, err
		}
		// A lapor complaint without its LAPOR! record: the city's rule.
	}
	sc, err := q.standardClock(ctx, tx)
	if err != nil {
		return closeRule{}, err
	}
	days := autoCloseDays(settings)
	return closeRule{since: c.UpdatedAt, due: sc.Office.AddWorkdays(c.UpdatedAt, days), days: days}, nil
}

// standardClock reads the standards and calendars inside tx, or from the
// read pool when tx is nil (a job at work).
func (q *Queue) standardClock(ctx context.Context, tx *sql.Tx) (*aduan.StandardClock, error) {
	if tx != nil {
		return q.st.RefData().StandardClockTx(ctx, tx)
	}
	return q.st.RefData().StandardClock(ctx)
}

// scheduleAutoClose, inside the transaction that answered or relayed c.
func (q *Queue) scheduleAutoClose(ctx context.Context, tx *sql.Tx, c *aduan.Complaint) error {
	if c.Status != aduan.StatusAnswered && c.Status != aduan.StatusRelayed {
		return nil
	}
	settings, err := q.st.RefData().SettingsTx(ctx, tx)
	if err != nil {
		return err
	}
	rule, err := q.autoCloseRule(ctx, tx, c, settings)
	if err != nil {
		return err
	}
	// WindowStart names the answered (or relayed) state the timer is for.
	args := SLAArgs{ComplaintID: c.ID, WindowStart: c.UpdatedAt.UnixMilli(), What: whatAutoClose}
	_, err = q.client.InsertTx(ctx, tx, args, &river.InsertOpts{ScheduledAt: time.Now().Add(rule.due.Sub(q.st.Now())), UniqueOpts: river.UniqueOpts{ByArgs: true}})
	return err
}

// autoClose closes c if it still stands as answered or relayed since the
// job was scheduled and the citizen has not written since.
func (q *Queue) autoClose(ctx context.Context, c *aduan.Complaint, a SLAArgs) error {
	if (c.Status != aduan.StatusAnswered && c.Status != aduan.StatusRelayed) || c.UpdatedAt.UnixMilli() != a.WindowStart {
		return nil
	}
	settings, err := q.Settings(ctx)
	if err != nil {
		return err
	}
	rule, err := q.autoCloseRule(ctx, nil, c, settings)
	if err != nil {
		return err
	}
	ms, err := q.st.Messages().ComplaintMessages(ctx, aduan.System, c.ID)
	if err != nil {
		return err
	}
	for _, m := range ms {
		if m.Direction == channel.In && !m.CreatedAt.Before(rule.since) {
			return nil // the citizen replied: staff take it from there
		}
	}
	if now := q.st.Now(); now.Before(rule.due) {
		return river.JobSnooze(rule.due.Sub(now))
	}
	days := rule.days
	note := i18n.T(i18n.ID, "wt.autoclose.note", days)
	if rule.lapor {
		note = i18n.T(i18n.ID, "lapor.autoclose.note", days)
	}
	notice := store.TxHook(func(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, ev *aduan.Event) error {
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
	_, _, err = q.st.Complaints().ApplyAction(ctx, aduan.System, c.ID, c.Version, aduan.ActionClose, aduan.ActionInput{Note: note}, notice)
	if code := aduan.ErrorCode(err); code == aduan.ETRANSITION || code == aduan.ECONFLICT {
		return nil // changed meanwhile
	}
	return err
}
