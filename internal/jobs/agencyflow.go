package jobs

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

// The messages of the agency side of a forwarded complaint (issue 16) and
// of the complaints waiting on the citizen (issue 15), planned in the
// step's own transaction like every other (OnTransition): a reminder
// re-sends the forward's notification; an escalation tells the agency's
// Pimpinan PD in the console and by SMS; a promise and its progress go to
// the citizen; a question and its answer go between the agency and the
// call center's bell; a citizen who keeps the call center waiting gets a
// reminder, then a notice of the close.

// Purposes of these messages.
const (
	// PurposeAgencyReminder re-sends a forward's notification; a delivered
	// one reaches the agency like the forward's own (store.settleReach).
	PurposeAgencyReminder channel.Purpose = "agency_reminder"
	PurposeEscalation     channel.Purpose = "agency_escalation"
	PurposeFollowUp       channel.Purpose = "follow_up"
	PurposeClarification  channel.Purpose = "clarification"
	PurposeCitizenWait    channel.Purpose = "citizen_wait"
	// PurposeWithdrawn tells the agency a complaint was taken from it.
	PurposeWithdrawn channel.Purpose = "agency_withdrawn"
)

// Notice kinds in the bell (msg.web.kind.*).
const (
	KindAgencyEscalated  = "agency_escalated"
	KindAgencyQuestion   = "agency_question"
	KindQuestionAnswered = "clarification_answered"
	KindAgencyWithdrawn  = "agency_withdrawn"
)

// planAgencyFlow returns the messages of the actions above, and rings the
// bells they ring.
func (q *Queue) planAgencyFlow(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, ev *aduan.Event) ([]*channel.Message, error) {
	switch ev.Action {
	case aduan.ActionRemindAgency, aduan.ActionWithdraw, aduan.ActionEscalateAgency, aduan.ActionAgencyPromise,
		aduan.ActionAgencyProgress, aduan.ActionAskClarification, aduan.ActionAnswerClarification,
		aduan.ActionRemindCitizen, aduan.ActionCloseNoReply:
	default:
		return nil, nil
	}
	settings, err := q.st.RefData().SettingsTx(ctx, tx)
	if err != nil {
		return nil, err
	}
	var out []*channel.Message
	switch ev.Action {
	case aduan.ActionRemindAgency:
		return q.forwardNotices(ctx, tx, c, settings, PurposeAgencyReminder, i18n.T(i18n.ID, "af.remind.prefix"))
	case aduan.ActionWithdraw:
		out, err := q.forwardNotices(ctx, tx, c, settings, channel.PurposeForward, "")
		if err != nil {
			return nil, err
		}
		old, err := q.withdrawnNotices(ctx, tx, c, ev, settings)
		if err != nil {
			return nil, err
		}
		return append(out, old...), nil
	case aduan.ActionEscalateAgency:
		heads, err := q.st.Users().UsersTx(ctx, tx, aduan.RolePimpinanPD, c.AgencyID)
		if err != nil {
			return nil, err
		}
		n := 0
		v := vars(c, settings, true)
		for _, u := range heads {
			if !u.Active {
				continue
			}
			n++
			at := ev.At
			if _, err := q.st.Messages().InsertNotification(ctx, tx, &store.Notification{UserID: u.ID, ComplaintID: c.ID, Kind: KindAgencyEscalated, DueAt: &at}); err != nil {
				return nil, err
			}
			if !u.Phone.Mobile() {
				continue
			}
			m := &channel.Message{ComplaintID: c.ID, Channel: channel.SMS, Purpose: PurposeEscalation, Template: "agency_escalation",
				To: string(u.Phone), UserID: u.ID, AgencyID: c.AgencyID,
				Body: i18n.T(i18n.ID, "af.escalate.sms", c.AgencyName, c.Number, ev.Details["note"], v["tautan"], v["pusat"])}
			out = append(out, m)
		}
		if n == 0 {
			// Nobody to tell: the step is refused rather than logged as
			// if someone had heard.
			return nil, &aduan.Error{Code: aduan.EINVALID, Key: "err.no_pimpinan"}
		}
	case aduan.ActionAgencyPromise, aduan.ActionAgencyProgress:
		v := vars(c, settings, false)
		m := &channel.Message{ComplaintID: c.ID, Channel: channel.SMS, Purpose: PurposeFollowUp, Template: string(ev.Action)}
		if ev.Action == aduan.ActionAgencyPromise {
			m.Body = i18n.T(i18n.ID, "af.sms.promise", v["nama"], c.Number, c.AgencyName, promisedWords(ev.Details["promised_by"]),
				ev.Details["answer"], v["lacak"], v["pusat"])
		} else {
			m.Body = i18n.T(i18n.ID, "af.sms.progress", v["nama"], c.Number, c.AgencyName, ev.Details["progress"], v["lacak"], v["pusat"])
		}
		out = append(out, toCitizenOrEmail(m, c))
	case aduan.ActionAskClarification:
		users, err := q.st.Users().UsersTx(ctx, tx, aduan.RoleKoordinatorCC, 0)
		if err != nil {
			return nil, err
		}
		if c.CreatedBy != 0 {
			if u, err := q.st.Users().UserTx(ctx, tx, c.CreatedBy); err == nil && u.Role.CallCenter() {
				users = append(users, *u)
			}
		}
		if err := q.ring(ctx, tx, c, users, KindAgencyQuestion, ev.At); err != nil {
			return nil, err
		}
	case aduan.ActionAnswerClarification:
		ops, err := q.st.Users().UsersTx(ctx, tx, aduan.RoleOperatorPD, c.AgencyID)
		if err != nil {
			return nil, err
		}
		if err := q.ring(ctx, tx, c, ops, KindQuestionAnswered, ev.At); err != nil {
			return nil, err
		}
	case aduan.ActionRemindCitizen, aduan.ActionCloseNoReply:
		v := vars(c, settings, false)
		what := i18n.T(i18n.ID, "af.wait.identity")
		if c.Status == aduan.StatusAwaitingPhotos || ev.From == aduan.StatusAwaitingPhotos {
			what = i18n.T(i18n.ID, "af.wait.photos")
		}
		m := &channel.Message{ComplaintID: c.ID, Channel: channel.SMS, Purpose: PurposeCitizenWait, Template: string(ev.Action)}
		if ev.Action == aduan.ActionRemindCitizen {
			m.Body = i18n.T(i18n.ID, "af.wait.remind", v["nama"], c.Number, what, closesOn(c, settings), v["pusat"])
		} else {
			m.Body = i18n.T(i18n.ID, "af.wait.closed", v["nama"], c.Number, what, settingDays(settings, "citizen_wait_close_days"), v["pusat"])
		}
		m = toCitizenOrEmail(m, c)
		if m.Status == channel.StatusFailed {
			if ev.Action == aduan.ActionRemindCitizen {
				return nil, errNoRecipient(c) // a reminder that reaches nobody is not taken
			}
			return nil, nil // the close stands with its note; nobody to tell
		}
		out = append(out, m)
	}
	for _, m := range out {
		if m.Channel == channel.SMS && m.Status == "" {
			if err := checkSMSLength(m, settings); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// withdrawnNotices tell the agency a complaint was withdrawn from that it
// is no longer its to handle, so that nobody there goes on working on it:
// a message on each of its contacts and a notice in its operators'
// bells. An agency with no contact and no operator is told nothing, and
// nothing is recorded failed: the complaint has moved on, and the page's
// failed-notification warning is about the new agency.
func (q *Queue) withdrawnNotices(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, ev *aduan.Event, settings map[string]string) ([]*channel.Message, error) {
	oldID, err := strconv.ParseInt(ev.Details["withdrawn_from"], 10, 64)
	if err != nil || oldID == 0 {
		return nil, nil
	}
	old, err := q.st.RefData().AgencyTx(ctx, tx, oldID)
	if err != nil {
		return nil, err
	}
	ops, err := q.st.Users().UsersTx(ctx, tx, aduan.RoleOperatorPD, old.ID)
	if err != nil {
		return nil, err
	}
	if err := q.ring(ctx, tx, c, ops, KindAgencyWithdrawn, ev.At); err != nil {
		return nil, err
	}
	v := vars(c, settings, true)
	reason := strings.TrimSpace(ev.Details["reason"])
	if reason == "" {
		reason = "-"
	}
	body := i18n.T(i18n.ID, "af.withdrawn.msg", c.Number, old.Name, c.AgencyName, reason, v["pusat"])
	msgs, err := q.toAgency(ctx, tx, old, func(k channel.Kind) *channel.Message {
		return &channel.Message{ComplaintID: c.ID, Channel: k, Purpose: PurposeWithdrawn, Template: string(PurposeWithdrawn), Body: body,
			Subject: i18n.T(i18n.ID, "af.withdrawn.subject", c.Number)}
	})
	if err != nil {
		return nil, err
	}
	var out []*channel.Message
	for _, m := range msgs {
		if m.Status != channel.StatusFailed {
			out = append(out, m)
		}
	}
	return out, nil
}

// promisedWords writes a promised day (2006-01-02) as the citizen reads it.
func promisedWords(day string) string {
	d, err := time.Parse("2006-01-02", day)
	if err != nil {
		return day
	}
	return i18n.Date(i18n.ID, d.Add(12*time.Hour)) // noon: the same day in every Indonesian zone
}

// toCitizenOrEmail addresses a message to the complaint's citizen: by SMS
// to a mobile, else by e-mail, else it is recorded failed (msg.no_phone):
// the agency's update stands, and the page shows plainly that the citizen
// was not told.
func toCitizenOrEmail(m *channel.Message, c *aduan.Complaint) *channel.Message {
	cz := c.Citizen
	switch {
	case cz != nil && cz.Phone.Mobile():
		m.To = string(cz.Phone)
	case cz != nil && cz.Email != "":
		m.Channel, m.To, m.Subject = channel.Email, cz.Email, "Pengaduan "+c.Number
	default:
		m.Status, m.Error = channel.StatusFailed, "msg.no_phone"
	}
	return m
}

// ring puts a notice in each active user's bell, once per event.
func (q *Queue) ring(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, users []aduan.User, kind string, at time.Time) error {
	seen := map[int64]bool{}
	for _, u := range users {
		if !u.Active || seen[u.ID] {
			continue
		}
		seen[u.ID] = true
		when := at
		if _, err := q.st.Messages().InsertNotification(ctx, tx, &store.Notification{UserID: u.ID, ComplaintID: c.ID, Kind: kind, DueAt: &when}); err != nil {
			return err
		}
	}
	return nil
}

// forwardNotices are the notifications of a forward to c's agency: to
// the agency's WhatsApp, its operators' phones and its e-mail; one failed
// message (msg.no_agency_contact) when it has none, so that the page and
// the bell show that nobody was told.
func (q *Queue) forwardNotices(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, settings map[string]string, purpose channel.Purpose, prefix string) ([]*channel.Message, error) {
	tpl, err := q.st.Messages().TemplateTx(ctx, tx, channel.TplForward)
	if err != nil {
		return nil, err
	}
	ag, err := q.st.RefData().AgencyTx(ctx, tx, c.AgencyID)
	if err != nil {
		return nil, err
	}
	v := vars(c, settings, true)
	v["instansi"] = ag.Name
	base := func(k channel.Kind) *channel.Message {
		body, params := channel.Render(tpl.Body, v)
		subject, _ := channel.Render(tpl.Subject, v)
		if prefix != "" {
			body, subject = prefix+body, strings.TrimSpace(prefix+subject)
		}
		return &channel.Message{ComplaintID: c.ID, Channel: k, Purpose: purpose, Template: tpl.Key, Body: body, Params: params,
			Subject: subject, WATemplate: tpl.WATemplate}
	}
	return q.toAgency(ctx, tx, ag, base)
}

// toAgency addresses a message to every contact of the agency.
func (q *Queue) toAgency(ctx context.Context, tx *sql.Tx, ag *aduan.Agency, base func(channel.Kind) *channel.Message) ([]*channel.Message, error) {
	var out []*channel.Message
	seen := map[string]bool{}
	// Numbers were parsed when saved; one that is no mobile (a landline
	// typed before the check existed) gets no WhatsApp.
	addWA := func(p aduan.Phone, userID int64) {
		if !p.Mobile() || seen[string(p)] {
			return
		}
		seen[string(p)] = true
		m := base(channel.WhatsApp)
		m.To, m.AgencyID, m.UserID = string(p), ag.ID, userID
		out = append(out, m)
	}
	if ag.WhatsApp != "" {
		addWA(ag.WhatsApp, 0)
	}
	ops, err := q.st.Users().UsersTx(ctx, tx, aduan.RoleOperatorPD, ag.ID)
	if err != nil {
		return nil, err
	}
	for _, u := range ops {
		if u.Phone != "" {
			addWA(u.Phone, u.ID)
		}
	}
	if ag.Email != "" {
		m := base(channel.Email)
		m.To, m.AgencyID = ag.Email, ag.ID
		out = append(out, m)
	}
	if len(out) == 0 {
		m := base(channel.WhatsApp)
		m.AgencyID, m.Status, m.Error = ag.ID, channel.StatusFailed, "msg.no_agency_contact"
		out = append(out, m)
	}
	return out, nil
}
