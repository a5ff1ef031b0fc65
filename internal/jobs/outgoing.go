package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/channel/sms"
	"github.com/kotakita/aduan/internal/errctx"
	"github.com/kotakita/aduan/internal/store"
)

// Settings read by this package, beside the city's own (aduan.SettingKeys).
const (
	// SettingLongSMS is "split" (a long SMS goes as a concatenated message
	// of up to MaxSMSParts parts) or "refuse" (the step that would send it
	// is refused, so that the operator shortens the text).
	SettingLongSMS = "sms_long_messages"
	// SettingReplyToClosed is "reopen" (a reply reopens a complaint the
	// system closed by itself; one staff closed is only noted), "note"
	// (always only noted) or "new" (it opens a new complaint): see
	// replyToClosed.
	SettingReplyToClosed = "reply_to_closed"
)

// MaxSMSParts is the most parts one SMS is split into.
const MaxSMSParts = 10

// WhatsAppWindow is how long after a person last wrote free text may be
// sent to them on WhatsApp; outside it only approved templates may.
const WhatsAppWindow = 24 * time.Hour

// OnTransition is the store's TxHook: inside the transaction of every
// complaint change it records the messages the change causes and enqueues
// their jobs, links an incoming message that caused the change, and
// schedules the SLA checks of the step now running. Any error rolls the
// change back: a step never happens without its messages.
func (q *Queue) OnTransition(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, ev *aduan.Event) (err error) {
	defer errctx.Wrap(&err, "Queue.OnTransition(%d, %s)", c.ID, ev.Action)
	if id := inboundOf(ctx); id != 0 {
		if err := q.st.Messages().LinkInbound(ctx, tx, id, c.ID); err != nil {
			return err
		}
		if ev.Action == aduan.ActionCreate {
			if err := q.st.Messages().MarkInboundOpened(ctx, tx, id); err != nil {
				return err
			}
		}
	}
	msgs, err := q.plan(ctx, tx, c, ev)
	if err != nil {
		return err
	}
	more, err := q.planAgencyFlow(ctx, tx, c, ev)
	if err != nil {
		return err
	}
	msgs = append(msgs, more...)
	if err := q.scheduleCitizenWait(ctx, tx, c, ev); err != nil {
		return err
	}
	for _, m := range msgs {
		if err := q.enqueue(ctx, tx, m); err != nil {
			return err
		}
	}
	if err := q.notifyUnreached(ctx, tx, c, msgs); err != nil {
		return err
	}
	return q.scheduleSLA(ctx, tx, c, ev.Action == aduan.ActionCreate)
}

// enqueue records an outgoing message and its send job in tx. A message
// already marked failed (no recipient) gets no job: it waits for a person.
// The job is written at the end of the transaction with the other jobs of
// its batch, in one statement (newJobs): on its own (InsertTx) the
// receipt's job was the largest single cost of recording a complaint.
func (q *Queue) enqueue(ctx context.Context, tx *sql.Tx, m *channel.Message) error {
	m.Direction = channel.Out
	if m.Status == "" {
		m.Status = channel.StatusQueued
	}
	if m.Status == channel.StatusFailed {
		now := q.st.Now()
		m.FailedAt = &now
	}
	if _, err := q.st.Messages().InsertMessage(ctx, tx, m); err != nil {
		return err
	}
	if m.Status != channel.StatusQueued {
		return nil
	}
	return q.st.Defer(ctx, tx, newJobs{q}, river.InsertManyParams{Args: SendArgs{MessageID: m.ID}})
}

// vars are the template variables of a complaint.
func vars(c *aduan.Complaint, settings map[string]string, forAgency bool) map[string]string {
	v := map[string]string{
		"nomor":     c.Number,
		"jawaban":   c.Answer,
		"ringkasan": channel.Summary(c.Text, 160),
		"instansi":  c.AgencyName,
		"email":     settings["call_center_email"],
		"tautan":    strings.TrimRight(settings["public_base_url"], "/") + "/complaints/" + strconv.FormatInt(c.ID, 10),
		// The citizen's own link: the public tracking page, which asks for
		// the last digits of their number.
		"lacak": strings.TrimRight(settings["public_base_url"], "/") + "/lacak?nomor=" + c.Number,
		// The sender's signature: the city's call center.
		"pusat": strings.TrimSpace("Call Center " + settings["city_name"]),
		// Where citizens send SMS commands (STATUS …).
		"sms": settings["sms_center_number"],
	}
	name := ""
	if c.Citizen != nil {
		name = c.Citizen.Name
	}
	if forAgency && c.Confidentiality == aduan.Anonymous {
		name = ""
	}
	if name == "" {
		name = "Bapak/Ibu"
	}
	v["nama"] = name
	return v
}

// missingWords names the identity fields asked for, in Indonesian as the
// citizen reads them.
func missingWords(fields []string) string {
	words := map[string]string{"name": "nama", "phone": "nomor HP", "address": "alamat", "email": "e-mail"}
	var out []string
	for _, f := range fields {
		if w, ok := words[strings.TrimSpace(f)]; ok {
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return "nama dan alamat"
	}
	return strings.Join(out, ", ")
}

// plan decides which messages a change causes (SOP steps 3, 5, 7 and 10).
func (q *Queue) plan(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, ev *aduan.Event) ([]*channel.Message, error) {
	var purpose channel.Purpose
	var key string
	switch ev.Action {
	case aduan.ActionRequestIdentity:
		purpose, key = channel.PurposeRequestIdentity, channel.TplRequestIdentity
	case aduan.ActionRequestPhotos:
		purpose, key = channel.PurposeRequestPhotos, channel.TplRequestPhotos
	case aduan.ActionForward:
		purpose, key = channel.PurposeForward, channel.TplForward
	case aduan.ActionRelay:
		purpose, key = channel.PurposeRelay, channel.TplRelay
	case aduan.ActionAnswer:
		purpose, key = channel.PurposeAnswer, channel.TplAnswer
	case aduan.ActionCreate:
		purpose, key = channel.PurposeReceipt, channel.TplReceipt
	default:
		return nil, nil
	}
	settings, err := q.st.RefData().SettingsTx(ctx, tx)
	if err != nil {
		return nil, err
	}
	tpl, err := q.st.Messages().TemplateTx(ctx, tx, key)
	if err != nil {
		return nil, err
	}
	base := func(k channel.Kind, v map[string]string) *channel.Message {
		body, params := channel.Render(tpl.Body, v)
		subject, _ := channel.Render(tpl.Subject, v)
		return &channel.Message{ComplaintID: c.ID, Channel: k, Purpose: purpose, Template: key, Body: body, Params: params,
			Subject: subject, WATemplate: tpl.WATemplate}
	}
	var out []*channel.Message
	switch ev.Action {
	case aduan.ActionAnswer:
		m, err := answerMessage(base, vars(c, settings, false), c, ev.Details["told_on_call"] != "")
		if err != nil {
			return nil, err
		}
		if m != nil {
			out = append(out, m)
		}

	case aduan.ActionCreate:
		if m := receiptMessage(base, vars(c, settings, false), c, settings); m != nil {
			// A receipt too long for the SMS setting never refuses the
			// intake: it is recorded failed, for a person to see.
			if m.Channel == channel.SMS && checkSMSLength(m, settings) != nil {
				m.Status, m.Error = channel.StatusFailed, "msg.sms_too_long"
			}
			out = append(out, m)
		}
	case aduan.ActionRequestIdentity:
		v := vars(c, settings, false)
		missing := strings.Split(ev.Details["missing"], ",")
		if ev.Details["missing"] == "" && c.Citizen != nil {
			missing = c.Citizen.Missing()
		}
		v["kurang"] = missingWords(missing)
		m, err := toCitizenAny(base, v, c, channel.SMS)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	case aduan.ActionRequestPhotos:
		v := vars(c, settings, false)
		if c.Citizen != nil && c.Citizen.Phone.Mobile() {
			out = append(out, toCitizen(base(channel.SMS, v), c))
		}
		if c.Citizen != nil && c.Citizen.Email != "" {
			m := base(channel.Email, v)
			m.To = c.Citizen.Email
			out = append(out, m)
		}
		if len(out) == 0 {
			return nil, errNoRecipient(c)
		}
	case aduan.ActionForward:
		ag, err := q.st.RefData().AgencyTx(ctx, tx, c.AgencyID)
		if err != nil {
			return nil, err
		}
		v := vars(c, settings, true)
		v["instansi"] = ag.Name
		if out, err = q.toAgency(ctx, tx, ag, func(k channel.Kind) *channel.Message { return base(k, v) }); err != nil {
			return nil, err
		}
	case aduan.ActionRelay:
		v := vars(c, settings, false)
		if ev.Details["shared_from"] != "" {
			// A duplicate given its original's answer (store.LibraryHook):
			// its caller hears it where they can; one without a contact
			// never holds up the original's answer or the link.
			if m, _ := answerMessage(base, v, c, true); m != nil {
				out = append(out, m)
			}
			break
		}
		prefer := channel.SMS
		if c.Channel == aduan.ChannelEmail {
			prefer = channel.Email
		}
		m, err := toCitizenAny(base, v, c, prefer)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
		dm, err := q.toDuplicates(ctx, tx, c, settings, base, m)
		if err != nil {
			return nil, err
		}
		out = append(out, dm...)
	}
	for _, m := range out {
		if m.Channel == channel.SMS && m.To != "" {
			// Citizens see the city's SMS center as the sender (the
			// gateway's own --kannel-from, when set, wins).
			m.From = senderNumber(settings)
		}
		if m.Channel == channel.SMS && m.Status == "" {
			if err := checkSMSLength(m, settings); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// answerMessage addresses the call center's own answer (SOP steps 4 and
// 6) to the citizen on the channel they came by: an SMS question is
// answered by SMS, a WhatsApp one on WhatsApp, an e-mail by e-mail; a
// caller gets an SMS when they have a mobile. When the channel they came by
// cannot reach them, another they have does. A caller with neither a
// mobile nor an e-mail was told on the call, and the operator confirms it
// (toldOnCall): the step then sends nothing, and its event says so.
// Otherwise the step is refused with a field error naming what is missing.
func answerMessage(base func(channel.Kind, map[string]string) *channel.Message, v map[string]string, c *aduan.Complaint, toldOnCall bool) (*channel.Message, error) {
	cz := c.Citizen
	mobile := cz != nil && cz.Phone.Mobile()
	mail := cz != nil && cz.Email != ""
	if c.Channel == aduan.ChannelWhatsApp && mobile {
		m := base(channel.WhatsApp, v)
		m.To = string(cz.Phone)
		return m, nil
	}
	prefer := channel.SMS
	if c.Channel == aduan.ChannelEmail || (c.Channel == aduan.ChannelWeb && mail) {
		prefer = channel.Email
	}
	if mobile || mail {
		return toCitizenAny(base, v, c, prefer)
	}
	if toldOnCall {
		return nil, nil
	}
	err := errNoRecipient(c).(*aduan.Error)
	err.Key = "err.no_recipient_answer"
	err.Fields = append(err.Fields, aduan.FieldError{Field: "told_on_call", Key: "err.field.told_on_call"})
	return nil, err
}

// toDuplicates addresses the answer of c to the citizens whose complaints
// were merged into it, each on the channel they came by (one message per
// address; none to the original's own citizen again, nor to one with no
// contact): they asked the same, and hear the same.
func (q *Queue) toDuplicates(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, settings map[string]string,
	base func(channel.Kind, map[string]string) *channel.Message, sent *channel.Message) ([]*channel.Message, error) {
	dups, err := q.st.Complaints().DuplicatesTx(ctx, tx, c.ID)
	if err != nil || len(dups) == 0 {
		return nil, err
	}
	seen := map[string]bool{}
	if sent != nil {
		seen[sent.To] = true
	}
	if c.Citizen != nil {
		seen[string(c.Citizen.Phone)] = true
	}
	var out []*channel.Message
	for _, d := range dups {
		dv := vars(d, settings, false)
		dv["jawaban"] = c.Answer
		m, _ := answerMessage(base, dv, d, true)
		if m == nil || seen[m.To] {
			continue
		}
		seen[m.To] = true
		m.ComplaintID = d.ID
		out = append(out, m)
	}
	return out, nil
}

// The settings that switch the receipt at intake on or off, per channel.
const (
	SettingReceiptSMS      = "receipt_sms"
	SettingReceiptWhatsApp = "receipt_whatsapp"
	SettingReceiptEmail    = "receipt_email"
)

// receiptMessage is the receipt of a new complaint: its number, the
// tracking link and the STATUS command, on the channel the citizen came by
// (WhatsApp for WhatsApp, e-mail for e-mail, SMS otherwise), else on
// another channel the citizen has, each as its setting allows. A citizen
// with no usable contact for any channel switched on gets none, and the
// intake goes on: a receipt never stops a complaint being recorded.
func receiptMessage(base func(channel.Kind, map[string]string) *channel.Message, v map[string]string, c *aduan.Complaint, settings map[string]string) *channel.Message {
	cz := c.Citizen
	// A report taken over from SP4N-LAPOR! has LAPOR!'s own tracking ID
	// and receipt; the city's would come days later, often in bulk.
	if cz == nil || c.Channel == aduan.ChannelLapor {
		return nil
	}
	on := func(key string) bool { return settings[key] != "off" }
	order := []channel.Kind{channel.SMS, channel.Email}
	switch c.Channel {
	case aduan.ChannelWhatsApp:
		order = []channel.Kind{channel.WhatsApp, channel.SMS, channel.Email}
	case aduan.ChannelEmail:
		order = []channel.Kind{channel.Email, channel.SMS}
	}
	for _, k := range order {
		var m *channel.Message
		switch {
		case k == channel.SMS && on(SettingReceiptSMS) && cz.Phone.Mobile():
			m = base(channel.SMS, v)
			m.To = string(cz.Phone)
		case k == channel.WhatsApp && on(SettingReceiptWhatsApp) && cz.Phone.Mobile():
			m = base(channel.WhatsApp, v)
			m.To = string(cz.Phone)
		case k == channel.Email && on(SettingReceiptEmail) && cz.Email != "":
			m = base(channel.Email, v)
			m.To = cz.Email
		}
		if m != nil {
			return m
		}
	}
	return nil
}

// senderNumber is the SMS center number as gateways want it: digits only.
func senderNumber(settings map[string]string) string {
	var b strings.Builder
	for _, r := range settings["sms_center_number"] {
		if r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// toCitizenAny addresses a message to the complaint's citizen on the
// preferred channel, or on the other one they have (SMS needs a mobile,
// e-mail an address). With neither, the step is refused with a field
// error naming what is missing: a step whose output is a message to the
// citizen is never recorded when nothing can be sent.
func toCitizenAny(base func(channel.Kind, map[string]string) *channel.Message, v map[string]string, c *aduan.Complaint, prefer channel.Kind) (*channel.Message, error) {
	cz := c.Citizen
	if cz == nil {
		return nil, errNoRecipient(c)
	}
	sms := func() *channel.Message {
		m := base(channel.SMS, v)
		m.To = string(cz.Phone)
		return m
	}
	mail := func() *channel.Message {
		m := base(channel.Email, v)
		m.To = cz.Email
		if m.Subject == "" {
			m.Subject = "Pengaduan " + c.Number
		}
		return m
	}
	switch {
	case prefer == channel.Email && cz.Email != "":
		return mail(), nil
	case cz.Phone.Mobile():
		return sms(), nil
	case cz.Email != "":
		return mail(), nil
	}
	return nil, errNoRecipient(c)
}

// errNoRecipient refuses a step whose message to the citizen has nowhere to
// go, naming the contact to fill in: a mobile number (a landline receives
// no SMS) or an e-mail address.
func errNoRecipient(c *aduan.Complaint) error {
	key := "err.field.no_mobile"
	if c.Citizen != nil && c.Citizen.Phone.Landline() {
		key = "err.field.no_mobile_landline"
	}
	return &aduan.Error{Code: aduan.EINVALID, Key: "err.no_recipient",
		Fields: []aduan.FieldError{{Field: "citizen.phone", Key: key}}}
}

// toCitizen addresses an SMS to the complaint's citizen, or marks it failed
// when there is no mobile number to send it to (a landline is a call-back
// number only).
func toCitizen(m *channel.Message, c *aduan.Complaint) *channel.Message {
	if c.Citizen != nil && c.Citizen.Phone.Mobile() {
		m.To = string(c.Citizen.Phone)
		return m
	}
	m.Status, m.Error = channel.StatusFailed, "msg.no_phone"
	return m
}

// checkSMSLength counts the parts of an SMS and refuses one too long for
// the settings: the error rolls back the step, and the operator, who saw
// the count before sending (POST /api/v1/sms/count), shortens the text.
func checkSMSLength(m *channel.Message, settings map[string]string) error {
	cnt := sms.CountText(m.Body)
	m.Parts = cnt.Parts
	limit := MaxSMSParts
	if settings[SettingLongSMS] == "refuse" {
		limit = 1
	}
	if cnt.Parts > limit {
		return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input",
			Fields: []aduan.FieldError{{Field: "answer", Key: "err.field.sms_too_long", Args: []any{cnt.Parts, limit}}}}
	}
	return nil
}

// sendWorker hands a message to its gateway. It never sends a message twice
// on its own: the message is marked "sending" (committed) before the
// gateway is called, and a job that finds it still "sending" knows an
// earlier attempt was cut off and flags it for review instead.
type sendWorker struct {
	river.WorkerDefaults[SendArgs]
	q *Queue
}

func (w *sendWorker) Work(ctx context.Context, job *river.Job[SendArgs]) (err error) {
	defer errctx.Wrap(&err, "send(message %d)", job.Args.MessageID)
	q := w.q
	m, claimed, err := q.st.Messages().ClaimSend(ctx, job.Args.MessageID)
	if err != nil {
		if aduan.ErrorCode(err) == aduan.ENOTFOUND {
			return river.JobCancel(err)
		}
		return err
	}
	if !claimed {
		if m.Status == channel.StatusSending {
			q.log.Warn("message was being sent when its worker stopped; flagged for review", "message_id", m.ID)
			if err := q.st.Messages().MarkUnsent(ctx, m.ID, m.Via, channel.StatusReview, "msg.interrupted"); err != nil {
				return err
			}
			m.Status = channel.StatusReview
			q.changed(ctx, m)
			return nil
		}
		return nil // sent, failed or under review already
	}
	sender := q.senders[m.Channel]
	if sender == nil {
		return river.JobCancel(fmt.Errorf("no sender for channel %q", m.Channel))
	}
	if m.Channel == channel.WhatsApp {
		if last, err := q.st.Messages().LastInbound(ctx, channel.WhatsApp, m.To); err == nil && last != nil && q.st.Now().Sub(*last) < WhatsAppWindow {
			m.FreeText = true
		}
		if m.WATemplate == "" {
			m.FreeText = true
		}
	}
	rcpt, err := sender.Send(ctx, m)
	if err == nil {
		if err := q.st.Messages().MarkSent(ctx, m.ID, sender.Name(), rcpt.GatewayID, rcpt.Parts); err != nil {
			return err
		}
		m.Status = channel.StatusSent
		q.changed(ctx, m)
		return nil
	}
	q.log.Warn("send failed", "message_id", m.ID, "channel", string(m.Channel), "via", sender.Name(), "attempt", job.Attempt, "err", err)
	settle := func(st channel.Status) error {
		if e := q.st.Messages().MarkUnsent(ctx, m.ID, sender.Name(), st, err.Error()); e != nil {
			return e
		}
		m.Status = st
		q.changed(ctx, m)
		return nil
	}
	switch {
	case channel.IsUnsure(err):
		return settle(channel.StatusReview)
	case channel.IsPermanent(err):
		if e := settle(channel.StatusFailed); e != nil {
			return e
		}
		return river.JobCancel(err)
	case job.Attempt >= job.MaxAttempts:
		if e := settle(channel.StatusFailed); e != nil {
			return e
		}
		return err
	default:
		// Queued again for the next attempt: the page shows why the last
		// one failed while it waits.
		if e := settle(channel.StatusQueued); e != nil {
			return e
		}
		return err
	}
}

// Retry puts a failed or doubtful message back in the queue: the one-click
// retry of the failed-messages list. The message and its new job commit
// together.
func (q *Queue) Retry(ctx context.Context, actor aduan.Actor, id int64) (_ *channel.Message, err error) {
	defer errctx.Wrap(&err, "Queue.Retry(%d)", id)
	var out *channel.Message
	err = q.st.WriteTx(ctx, func(tx *sql.Tx) error {
		m, err := q.st.Messages().RequeueMessage(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if _, err := q.client.InsertTx(ctx, tx, SendArgs{MessageID: m.ID}, nil); err != nil {
			return err
		}
		out = m
		return nil
	})
	if err != nil {
		return nil, err
	}
	q.changed(ctx, out) // queued again, after the commit
	return out, nil
}

// Assign gives an incoming message that matched no complaint to the
// complaint with the number a person typed, and runs its follow-up (an
// identity reply fills the identity, photos are attached) as if it had
// matched. The message and its job commit together.
func (q *Queue) Assign(ctx context.Context, actor aduan.Actor, id int64, number string) (_ *channel.Message, err error) {
	defer errctx.Wrap(&err, "Queue.Assign(%d, %s)", id, number)
	if !store.CanAssignMessages(actor) {
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	c, err := q.st.Complaints().ComplaintByNumber(ctx, actor, number)
	if err != nil {
		if aduan.ErrorCode(err) == aduan.ENOTFOUND {
			return nil, &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input",
				Fields: []aduan.FieldError{{Field: "number", Key: "err.field.complaint_number"}}}
		}
		return nil, err
	}
	var out *channel.Message
	err = q.st.WriteTx(ctx, func(tx *sql.Tx) error {
		m, err := q.st.Messages().AssignInbound(ctx, tx, actor, id, c)
		if err != nil {
			return err
		}
		if _, err := q.client.InsertTx(ctx, tx, InboundArgs{MessageID: m.ID}, nil); err != nil {
			return err
		}
		out = m
		return nil
	})
	return out, err
}

// Send records and enqueues a message outside any complaint step (an SLA
// warning to staff, a reply typed by an operator).
func (q *Queue) Send(ctx context.Context, m *channel.Message) (err error) {
	defer errctx.Wrap(&err, "Queue.Send()")
	return q.st.WriteTx(ctx, func(tx *sql.Tx) error { return q.enqueue(ctx, tx, m) })
}

// Receipt applies a delivery report or a status webhook to the message it
// names.
func (q *Queue) Receipt(ctx context.Context, ch channel.Kind, id int64, gatewayID string, st channel.Status, at time.Time, reason string) (_ bool, err error) {
	defer errctx.Wrap(&err, "Queue.Receipt(%d)", id)
	if at.IsZero() {
		at = q.st.Now()
	}
	m, changed, err := q.st.Messages().ApplyReceipt(ctx, ch, id, gatewayID, st, at, reason)
	if err != nil {
		return false, err
	}
	if changed {
		q.changed(ctx, m)
	}
	return m != nil, nil
}

// changed tells the consoles, after the commit, that a message's status
// moved (the complaint page refreshes its messages).
func (q *Queue) changed(ctx context.Context, m *channel.Message) {
	if q.cfg.Changed != nil && m.ComplaintID != 0 {
		q.cfg.Changed(ctx, m)
	}
}

// Settings returns the settings with their defaults, for the handlers.
func (q *Queue) Settings(ctx context.Context) (_ map[string]string, err error) {
	defer errctx.Wrap(&err, "Queue.Settings()")
	var out map[string]string
	err = q.st.WriteTx(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = q.st.RefData().SettingsTx(ctx, tx)
		return err
	})
	return out, err
}
