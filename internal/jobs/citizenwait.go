package jobs

import (
	"context"
	"database/sql"
	"time"

	"github.com/riverqueue/river"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
)

// Complaints waiting on the citizen (identity asked for, photos asked for)
// do not wait for ever on a paused clock (issue 15): citizen_wait_remind_days
// after the request the citizen gets a reminder, and citizen_wait_close_days
// after it (30 by default: UU 25/2009's completion duty) the complaint
// closes with a notice. Both are River jobs enqueued in the transaction
// that began the wait, unique per wait; a reply (identity given, photos
// received) ends the wait and they do nothing. Days are calendar days: the
// citizen's time is not office time.

const (
	whatWaitRemind = "wait_remind"
	whatWaitClose  = "wait_close"
)

// scheduleCitizenWait, inside the transaction that began a wait on the
// citizen.
func (q *Queue) scheduleCitizenWait(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, ev *aduan.Event) error {
	if !c.Status.Paused() || ev.From.Paused() || c.Clock.PausedSince == nil {
		return nil
	}
	settings, err := q.st.RefData().SettingsTx(ctx, tx)
	if err != nil {
		return err
	}
	since := *c.Clock.PausedSince
	params := make([]river.InsertManyParams, 0, 2)
	for what, key := range map[string]string{whatWaitRemind: "citizen_wait_remind_days", whatWaitClose: "citizen_wait_close_days"} {
		due := since.AddDate(0, 0, settingDays(settings, key))
		args := SLAArgs{ComplaintID: c.ID, WindowStart: since.UnixMilli(), What: what}
		params = append(params, river.InsertManyParams{Args: args, InsertOpts: &river.InsertOpts{
			ScheduledAt: time.Now().Add(due.Sub(q.st.Now())), UniqueOpts: river.UniqueOpts{ByArgs: true}}})
	}
	_, err = q.client.InsertManyTx(ctx, tx, params)
	return err
}

// citizenWait reminds the citizen or closes the complaint, if it still
// waits on them since the job was scheduled.
func (q *Queue) citizenWait(ctx context.Context, c *aduan.Complaint, a SLAArgs) error {
	if !c.Status.Paused() || c.Clock.PausedSince == nil || c.Clock.PausedSince.UnixMilli() != a.WindowStart {
		return nil // the citizen answered (or staff moved on)
	}
	settings, err := q.Settings(ctx)
	if err != nil {
		return err
	}
	key, act := "citizen_wait_remind_days", aduan.ActionRemindCitizen
	if a.What == whatWaitClose {
		key, act = "citizen_wait_close_days", aduan.ActionCloseNoReply
	}
	days := settingDays(settings, key)
	if due := c.Clock.PausedSince.AddDate(0, 0, days); q.st.Now().Before(due) {
		return river.JobSnooze(due.Sub(q.st.Now())) // the setting was raised meanwhile
	}
	in := aduan.ActionInput{}
	if act == aduan.ActionCloseNoReply {
		in.Note = i18n.T(i18n.ID, "af.wait.closed.note", days)
	}
	_, _, err = q.st.Complaints().ApplyAction(ctx, aduan.System, c.ID, c.Version, act, in)
	switch aduan.ErrorCode(err) {
	case aduan.ETRANSITION, aduan.ECONFLICT:
		return nil // changed meanwhile
	case aduan.EINVALID:
		return nil // no way to reach the citizen (or a text too long): the close job still comes
	}
	return err
}

// closesOn is the day a waiting complaint closes, as the citizen reads it.
func closesOn(c *aduan.Complaint, settings map[string]string) string {
	if c.Clock.PausedSince == nil {
		return "-"
	}
	return i18n.Date(i18n.ID, c.Clock.PausedSince.AddDate(0, 0, settingDays(settings, "citizen_wait_close_days")))
}
