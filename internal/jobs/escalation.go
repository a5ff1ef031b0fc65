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
	"github.com/kotakita/aduan/internal/phone"
	"github.com/kotakita/aduan/internal/store"
)

// The escalation ladder of an overdue step (issue 15): the warning at
// WarnAt goes to those responsible (sla.go); at the breach, besides them,
// the Pimpinan PD of the agency holding the complaint is told; when the
// step is still overdue escalation_kasi_days working days later, the
// Kasi/Kabid; escalation_city_days working days after the breach, the
// city-level recipient (escalation_city_phone, e.g. the Sekda's or the
// Inspektorat's number) and the koordinators. Each rung is a River job
// enqueued in the transaction of the rung before, unique per step window,
// and does nothing once the step is done.

// The escalation rungs, as SLAArgs.What.
const (
	whatEscalateKasi = "escalate_kasi"
	whatEscalateCity = "escalate_city"
)

// settingDays reads a number of days from the settings (an escalation
// rung's working days, the citizen's waits), or its default.
func settingDays(settings map[string]string, key string) int {
	n, err := strconv.Atoi(settings[key])
	if err != nil || n < 1 {
		n, _ = strconv.Atoi(aduan.DefaultSettings()[key])
	}
	return n
}

// escalationDue is when a rung is due: so many working days of the office
// calendar after the step's deadline.
func (q *Queue) escalationDue(ctx context.Context, tx *sql.Tx, deadline time.Time, settings map[string]string, what string) (time.Time, error) {
	sc, err := q.standardClock(ctx, tx)
	if err != nil {
		return time.Time{}, err
	}
	key := "escalation_kasi_days"
	if what == whatEscalateCity {
		key = "escalation_city_days"
	}
	return sc.Office.AddWorkdays(deadline, settingDays(settings, key)), nil
}

// onBreach, inside the breach's transaction: tells the Pimpinan PD of the
// agency that holds the complaint, and schedules the next rungs.
func (q *Queue) onBreach(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, settings map[string]string) error {
	k := c.Clock
	if c.Status.AtAgency() && c.AgencyID != 0 {
		heads, err := q.st.Users().UsersTx(ctx, tx, aduan.RolePimpinanPD, c.AgencyID)
		if err != nil {
			return err
		}
		if err := q.escalateTo(ctx, tx, c, heads, "sla_breach", settings); err != nil {
			return err
		}
	}
	params := make([]river.InsertManyParams, 0, 2)
	for _, what := range []string{whatEscalateKasi, whatEscalateCity} {
		due, err := q.escalationDue(ctx, tx, *k.Deadline, settings, what)
		if err != nil {
			return err
		}
		at := time.Now().Add(due.Sub(q.st.Now()))
		args := SLAArgs{ComplaintID: c.ID, Step: string(k.Step), WindowStart: k.StartedAt.UnixMilli(), What: what}
		params = append(params, river.InsertManyParams{Args: args, InsertOpts: &river.InsertOpts{ScheduledAt: at, UniqueOpts: river.UniqueOpts{ByArgs: true}}})
	}
	_, err := q.client.InsertManyTx(ctx, tx, params)
	return err
}

// escalate runs a rung after the breach, if the step is still overdue.
func (q *Queue) escalate(ctx context.Context, c *aduan.Complaint, what string) error {
	k := c.Clock
	settings, err := q.st.RefData().Settings(ctx)
	if err != nil {
		return err
	}
	all := aduan.DefaultSettings()
	for key, v := range settings {
		all[key] = v
	}
	due, err := q.escalationDue(ctx, nil, *k.Deadline, all, what)
	if err != nil {
		return err
	}
	if now := q.st.Now(); now.Before(due) {
		return river.JobSnooze(due.Sub(now))
	}
	return q.st.WriteTx(ctx, func(tx *sql.Tx) error {
		if what == whatEscalateKasi {
			kasi, err := q.st.Users().UsersTx(ctx, tx, aduan.RoleKasiKabid, 0)
			if err != nil {
				return err
			}
			return q.escalateTo(ctx, tx, c, kasi, "sla_escalation", all)
		}
		kos, err := q.st.Users().UsersTx(ctx, tx, aduan.RoleKoordinatorCC, 0)
		if err != nil {
			return err
		}
		if err := q.escalateTo(ctx, tx, c, kos, "sla_escalation_city", all); err != nil {
			return err
		}
		p, perr := phone.Normalize(all["escalation_city_phone"])
		if perr != nil { // "-": none set
			return nil // none set (or unusable): the koordinators' notices stand
		}
		// The city-level recipient is no user: a message only. It is
		// sent once per step window: this job is unique per window and
		// its message commits with it.
		return q.escalationMessage(ctx, tx, c, p, 0, 0, all)
	})
}

// escalateTo notifies users in the console and, on a mobile phone, by SMS.
func (q *Queue) escalateTo(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, users []aduan.User, kind string, settings map[string]string) error {
	k := c.Clock
	for _, u := range users {
		dl := *k.Deadline
		fresh, err := q.st.Messages().InsertNotification(ctx, tx, &store.Notification{UserID: u.ID, ComplaintID: c.ID, Kind: kind, Step: k.Step, DueAt: &dl})
		if err != nil {
			return err
		}
		if !fresh || !u.Phone.Mobile() {
			continue
		}
		if err := q.escalationMessage(ctx, tx, c, string(u.Phone), u.ID, u.AgencyID, settings); err != nil {
			return err
		}
	}
	return nil
}

// escalationMessage sends the overdue notice by SMS: its text is the
// system's (an SMS needs no approved template).
func (q *Queue) escalationMessage(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, to string, userID, agencyID int64, settings map[string]string) error {
	k := c.Clock
	v := vars(c, settings, true)
	agency := c.AgencyName
	if agency == "" {
		agency = "-"
	}
	body := i18n.T(i18n.ID, "wt.escalation.sms", c.Number, i18n.T(i18n.ID, "step."+string(k.Step)), i18n.DateTime(i18n.ID, *k.Deadline), agency, v["tautan"])
	m := &channel.Message{ComplaintID: c.ID, Channel: channel.SMS, Purpose: channel.PurposeSLAWarning, Template: "sla_escalation",
		To: to, Body: body, UserID: userID, AgencyID: agencyID}
	if err := checkSMSLength(m, map[string]string{}); err != nil {
		return nil // a text too long for the gateway: the console notice stands
	}
	return q.enqueue(ctx, tx, m)
}
