package api

import (
	"crypto/subtle"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/channel/sms"
	"github.com/kotakita/aduan/internal/channel/whatsapp"
	"github.com/kotakita/aduan/internal/export"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/msgsvc"
	"github.com/kotakita/aduan/internal/phone"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

func (a *API) messaging() (*msgsvc.Messaging, error) {
	if _, err := a.Messaging.Jobs(); err != nil {
		return nil, err
	}
	return a.Messaging, nil
}

// MessageJSON is one message as the console shows it on a complaint and in
// the failed-messages list.
type MessageJSON struct {
	ID              int64   `json:"id"`
	ComplaintID     int64   `json:"complaint_id,omitempty"`
	ComplaintNumber string  `json:"complaint_number,omitempty"`
	Channel         string  `json:"channel"`
	ChannelLabel    string  `json:"channel_label"`
	Direction       string  `json:"direction"`
	Purpose         string  `json:"purpose"`
	PurposeLabel    string  `json:"purpose_label"`
	To              string  `json:"to"`
	From            string  `json:"from"`
	Subject         string  `json:"subject,omitempty"`
	Body            string  `json:"body"`
	Hidden          bool    `json:"hidden,omitempty"` // addresses and text hidden from this role
	Status          string  `json:"status"`
	StatusLabel     string  `json:"status_label"`
	Via             string  `json:"via,omitempty"`
	Outbox          bool    `json:"outbox,omitempty"` // recorded only: no gateway is configured
	Parts           int     `json:"parts,omitempty"`
	Attempts        int     `json:"attempts"`
	Error           string  `json:"error,omitempty"`
	Note            string  `json:"note,omitempty"`
	Retryable       bool    `json:"retryable"`
	CreatedAt       string  `json:"created_at"`
	UpdatedAt       string  `json:"updated_at"`
	SentAt          *string `json:"sent_at,omitempty"`
	DeliveredAt     *string `json:"delivered_at,omitempty"`
	ReadAt          *string `json:"read_at,omitempty"`
	FailedAt        *string `json:"failed_at,omitempty"`
	ProcessedAt     *string `json:"processed_at,omitempty"`
	// ResentAt: a send cut short that its gateway proved it never had was
	// sent again by the service itself, once, at this time.
	ResentAt *string `json:"resent_at,omitempty"`
}

func messageJSON(m *channel.Message, lang i18n.Lang, show bool, loc *time.Location) MessageJSON {
	j := MessageJSON{ID: m.ID, ComplaintID: m.ComplaintID, ComplaintNumber: m.ComplaintNumber, Channel: string(m.Channel),
		ChannelLabel: i18n.T(lang, "channel."+string(m.Channel)), Direction: string(m.Direction), Purpose: string(m.Purpose),
		PurposeLabel: i18n.T(lang, "msg.purpose."+string(m.Purpose)), To: m.To, From: m.From, Subject: m.Subject, Body: m.Body,
		Status: string(m.Status), StatusLabel: i18n.T(lang, "msg.status."+string(m.Status)), Via: m.Via, Outbox: m.Via == "outbox",
		Parts: m.Parts, Attempts: m.Attempts, Note: m.Note,
		Retryable: m.Direction == channel.Out && (m.Status == channel.StatusFailed || m.Status == channel.StatusReview),
		CreatedAt: export.Time(loc, m.CreatedAt), UpdatedAt: export.Time(loc, m.UpdatedAt), SentAt: export.TimePtr(loc, m.SentAt),
		DeliveredAt: export.TimePtr(loc, m.Delivered), ReadAt: export.TimePtr(loc, m.ReadAt), FailedAt: export.TimePtr(loc, m.FailedAt),
		ProcessedAt: export.TimePtr(loc, m.Processed), ResentAt: export.TimePtr(loc, m.ResentAt)}
	if j.Outbox && m.Status == channel.StatusSent {
		j.StatusLabel = i18n.T(lang, "msg.status.sent_outbox")
	}
	if m.Error != "" {
		// Our own reasons are catalogue keys; a gateway's are its words.
		j.Error = i18n.T(lang, m.Error)
	}
	if !show {
		j.To, j.From, j.Subject, j.Body, j.Note, j.Hidden = phone.Masked(m.To), phone.Masked(m.From), "", "", "", true
	}
	return j
}

// ComplaintMessages lists a complaint's messages, oldest first. Roles that
// may not see who complained see when and how, not to whom or what.
func (a *API) ComplaintMessages(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	c, err := a.complaintParam(r)
	if err != nil {
		return err
	}
	act := reqctx.Actor(r)
	msgs, err := a.messages().ComplaintMessages(r.Context(), act, c.ID)
	if err != nil {
		return err
	}
	lang, show := reqctx.Lang(r), act.CanSeeIdentity(c) && act.CanSeeContent(c)
	out := list[MessageJSON]{Items: make([]MessageJSON, 0, len(msgs))}
	for _, m := range msgs {
		out.Items = append(out.Items, messageJSON(m, lang, show, loc))
	}
	return writeJSON(w, http.StatusOK, out)
}

// ListMessages is the admin list: ?status=failed,review for the messages
// that need a person, ?direction=in&status=ignored for replies nobody
// matched. IT staff see addresses and text hidden (they hold no personal
// data).
func (a *API) ListMessages(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	p := newParams(r)
	var f store.MessageFilter
	for _, s := range strings.Split(p.str("status"), ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		if !channel.Status(s).Valid() {
			p.errs.Add("status", "err.bad_param", "status")
			continue
		}
		f.Statuses = append(f.Statuses, channel.Status(s))
	}
	if ch := p.str("channel"); ch != "" {
		if !channel.Kind(ch).Valid() {
			p.errs.Add("channel", "err.bad_param", "channel")
		}
		f.Channel = channel.Kind(ch)
	}
	switch d := p.str("direction"); d {
	case "", "in", "out":
		f.Direction = channel.Direction(d)
	default:
		p.errs.Add("direction", "err.bad_param", "direction")
	}
	f.ComplaintID = p.int("complaint_id")
	f.Before = p.int("cursor")
	f.Limit = int(p.int("limit"))
	if err := p.err(); err != nil {
		return err
	}
	act := reqctx.Actor(r)
	msgs, next, err := a.messages().ListMessages(r.Context(), act, f)
	if err != nil {
		return err
	}
	lang, show := reqctx.Lang(r), act.Can(aduan.PermCitizenRead)
	page := Page[MessageJSON]{Items: make([]MessageJSON, 0, len(msgs))}
	for _, m := range msgs {
		page.Items = append(page.Items, messageJSON(m, lang, show, loc))
	}
	if next != 0 {
		page.NextCursor = strconv.FormatInt(next, 10)
	}
	return writeJSON(w, http.StatusOK, page)
}

// RetryMessage is the one-click retry of a failed or doubtful message.
func (a *API) RetryMessage(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	ms, err := a.messaging()
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.message")
	}
	act := reqctx.Actor(r)
	m, err := ms.Queue.Retry(r.Context(), act, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, messageJSON(m, reqctx.Lang(r), act.Can(aduan.PermCitizenRead), loc))
}

type smsCountBody struct {
	Text string `json:"text"`
}

// SMSCountJSON says how a text fits into SMS under the current setting.
type SMSCountJSON struct {
	sms.Count
	Allowed  bool   `json:"allowed"`
	MaxParts int    `json:"max_parts"`
	Mode     string `json:"mode"` // split or refuse
}

// SMSCount counts the parts a text would take, so the operator sees it
// before sending (and shortens a text the setting would refuse).
func (a *API) SMSCount(w http.ResponseWriter, r *http.Request) error {
	if err := reqctx.Actor(r).Require(aduan.PermComplaintEdit); err != nil {
		return err
	}
	var b smsCountBody
	if err := reqctx.Decode(r, &b); err != nil {
		return err
	}
	if len(b.Text) > 20000 {
		return aduan.Errorf(aduan.ETOOLARGE, "err.too_large", 20)
	}
	settings, err := a.settings().Settings(r.Context())
	if err != nil {
		return err
	}
	out := SMSCountJSON{Count: sms.CountText(b.Text), MaxParts: jobs.MaxSMSParts, Mode: "split"}
	if settings[jobs.SettingLongSMS] == "refuse" {
		out.MaxParts, out.Mode = 1, "refuse"
	}
	out.Allowed = out.Parts <= out.MaxParts
	return writeJSON(w, http.StatusOK, out)
}

// TemplateJSON is a message template.
type TemplateJSON struct {
	Key        string   `json:"key"`
	Subject    string   `json:"subject"`
	Body       string   `json:"body"`
	WATemplate string   `json:"wa_template"`
	Variables  []string `json:"variables,omitempty"`
	UpdatedAt  *string  `json:"updated_at,omitempty"`
	UpdatedBy  string   `json:"updated_by,omitempty"`
}

func templateJSON(t channel.Template, loc *time.Location) TemplateJSON {
	j := TemplateJSON{Key: t.Key, Subject: t.Subject, Body: t.Body, WATemplate: t.WATemplate, Variables: channel.Variables, UpdatedBy: t.UpdatedBy}
	if !t.UpdatedAt.IsZero() {
		j.UpdatedAt = export.TimePtr(loc, &t.UpdatedAt)
	}
	return j
}

// ListTemplates lists the message templates.
func (a *API) ListTemplates(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	ts, err := a.messages().Templates(r.Context(), reqctx.Actor(r))
	if err != nil {
		return err
	}
	out := list[TemplateJSON]{Items: []TemplateJSON{}}
	for _, t := range ts {
		out.Items = append(out.Items, templateJSON(t, loc))
	}
	return writeJSON(w, http.StatusOK, out)
}

// GetTemplate returns one template.
func (a *API) GetTemplate(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	t, err := a.messages().Template(r.Context(), reqctx.Actor(r), r.PathValue("key"))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, templateJSON(t, loc))
}

type templateBody struct {
	Subject    string `json:"subject"`
	Body       string `json:"body"`
	WATemplate string `json:"wa_template"`
}

// PutTemplate changes a template's text.
func (a *API) PutTemplate(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	if !store.CanEditTemplates(reqctx.Actor(r)) {
		return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	var b templateBody
	if err := reqctx.Decode(r, &b); err != nil {
		return err
	}
	t, err := a.messages().SaveTemplate(r.Context(), reqctx.Actor(r), channel.Template{Key: r.PathValue("key"), Subject: b.Subject, Body: b.Body, WATemplate: b.WATemplate})
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, templateJSON(t, loc))
}

// NotificationJSON is an in-app notice.
type NotificationJSON struct {
	ID              int64  `json:"id"`
	Kind            string `json:"kind"`
	Text            string `json:"text"`
	ComplaintID     int64  `json:"complaint_id,omitempty"`
	ComplaintNumber string `json:"complaint_number,omitempty"`
	// ReportID is the report the notice is about (a monthly report
	// awaiting paraf).
	ReportID int64 `json:"report_id,omitempty"`
	// InfoRequestID and InfoNumber name the public-information request
	// the notice is about (an objection awaiting the atasan's answer).
	InfoRequestID int64   `json:"info_request_id,omitempty"`
	InfoNumber    string  `json:"info_number,omitempty"`
	Step          string  `json:"step,omitempty"`
	DueAt         *string `json:"due_at,omitempty"`
	CreatedAt     string  `json:"created_at"`
	Read          bool    `json:"read"`
}

// ListNotifications lists the caller's own notices (?unread=true for the
// unread ones).
func (a *API) ListNotifications(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	p := newParams(r)
	unread := p.str("unread") == "true"
	limit := int(p.int("limit"))
	if err := p.err(); err != nil {
		return err
	}
	ns, err := a.messages().Notifications(r.Context(), reqctx.Actor(r), unread, limit)
	if err != nil {
		return err
	}
	lang := reqctx.Lang(r)
	out := list[NotificationJSON]{Items: make([]NotificationJSON, 0, len(ns))}
	for _, n := range ns {
		due := ""
		if n.DueAt != nil {
			due = i18n.DateTime(lang, *n.DueAt)
		}
		out.Items = append(out.Items, NotificationJSON{ID: n.ID, Kind: n.Kind, ComplaintID: n.ComplaintID, ComplaintNumber: n.ComplaintNumber,
			ReportID: n.ReportID, InfoRequestID: n.InfoRequestID, InfoNumber: n.InfoNumber,
			Step: string(n.Step), DueAt: export.TimePtr(loc, n.DueAt), CreatedAt: export.Time(loc, n.CreatedAt), Read: n.ReadAt != nil,
			Text: i18n.T(lang, "msg.notify."+n.Kind, n.Subject(), "step."+string(n.Step), due)})
	}
	return writeJSON(w, http.StatusOK, out)
}

// ReadNotification marks one of the caller's notices read.
func (a *API) ReadNotification(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.notification")
	}
	if err := a.messages().MarkNotificationRead(r.Context(), reqctx.Actor(r), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// AttachmentJSON is a stored file of a complaint.
type AttachmentJSON struct {
	ID          int64    `json:"id"`
	Filename    string   `json:"filename"`
	ContentType string   `json:"content_type"`
	Size        int64    `json:"size"`
	Width       int      `json:"width"`
	Height      int      `json:"height"`
	Lat         *float64 `json:"lat,omitempty"`
	Lng         *float64 `json:"lng,omitempty"`
	URL         string   `json:"url"`
	ThumbURL    string   `json:"thumb_url"`
	CreatedAt   string   `json:"created_at"`
}

// ComplaintAttachments lists the photos of a complaint.
func (a *API) ComplaintAttachments(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	c, err := a.complaintParam(r)
	if err != nil {
		return err
	}
	as, err := a.attachments().Attachments(r.Context(), reqctx.Actor(r), c.ID)
	if err != nil {
		return err
	}
	out := list[AttachmentJSON]{Items: make([]AttachmentJSON, 0, len(as))}
	for _, x := range as {
		u := "/api/v1/attachments/" + strconv.FormatInt(x.ID, 10)
		out.Items = append(out.Items, AttachmentJSON{ID: x.ID, Filename: x.Filename, ContentType: x.ContentType, Size: x.Size,
			Width: x.Width, Height: x.Height, Lat: x.Lat, Lng: x.Lng, URL: u, ThumbURL: u + "?thumb=1", CreatedAt: export.Time(loc, x.CreatedAt)})
	}
	return writeJSON(w, http.StatusOK, out)
}

// GetAttachment serves a stored photo (?thumb=1 for its thumbnail). The
// stored copy carries no EXIF location.
func (a *API) GetAttachment(w http.ResponseWriter, r *http.Request) error {
	ms, err := a.messaging()
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.attachment")
	}
	att, err := a.attachments().Attachment(r.Context(), reqctx.Actor(r), id)
	if err != nil {
		return err
	}
	if att.ComplaintID != 0 {
		// A photo is the complaint's content: a rahasia complaint's is a
		// read, audited unless it is part of a page view that was (the
		// complaint page names its view on its photos' links).
		if _, _, err := a.Store.Complaints().ComplaintInView(r.Context(), reqctx.Actor(r), att.ComplaintID, r.URL.Query().Get("view")); err != nil {
			return err
		}
	}
	if ms.Files == nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.attachment")
	}
	key, ct := att.Key, att.ContentType
	if r.URL.Query().Get("thumb") != "" {
		key, ct = att.ThumbKey, "image/jpeg"
	}
	f, err := ms.Files.Get(r.Context(), key)
	if errors.Is(err, attach.ErrNotFound) {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.attachment")
	}
	if err != nil {
		return err
	}
	defer f.Close()
	w.Header().Set("Content-Type", ct)
	w.Header().Set("Cache-Control", "private, max-age=3600")
	w.Header().Set("Content-Disposition", "inline")
	_, err = io.Copy(w, f)
	return err
}

// The gateways' endpoints are public routes: each is authenticated by its
// own secret or signature instead of a session.

func (a *API) kannelSecretOK(r *http.Request) (*msgsvc.Messaging, error) {
	ms, err := a.messaging()
	if err != nil {
		return nil, err
	}
	got := r.URL.Query().Get("secret")
	if ms.KannelSecret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(ms.KannelSecret)) != 1 {
		a.Log.Warn("kannel callback with a wrong secret", "path", r.URL.Path, "remote", r.RemoteAddr)
		return nil, aduan.Errorf(aduan.EFORBIDDEN, "err.webhook_secret")
	}
	return ms, nil
}

// KannelDLR takes Kannel's delivery reports:
// dlr-url=…/api/v1/channels/kannel/dlr?secret=S&id=OUR_ID&type=%d.
func (a *API) KannelDLR(w http.ResponseWriter, r *http.Request) error {
	ms, err := a.kannelSecretOK(r)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	id, err1 := strconv.ParseInt(q.Get("id"), 10, 64)
	typ, err2 := strconv.Atoi(q.Get("type"))
	if err1 != nil || err2 != nil || id <= 0 {
		a.Log.Info("kannel delivery report ignored: bad parameters", "id", q.Get("id"), "type", q.Get("type"))
		return plain(w, "ignored")
	}
	st, ok := sms.DLRStatus(typ)
	if !ok {
		return plain(w, "ignored")
	}
	found, err := ms.Queue.Receipt(r.Context(), channel.SMS, id, "", st, time.Time{}, "kannel report "+strconv.Itoa(typ))
	if err != nil {
		return err
	}
	if !found {
		a.Log.Info("kannel delivery report for an unknown message", "id", id)
	}
	return plain(w, "ok")
}

// KannelMO takes an incoming SMS from Kannel's sms-service get-url:
// …/api/v1/channels/kannel/mo?secret=S&from=%p&to=%P&text=%a&id=%I&coding=%c&ts=%T.
// The message is stored before the answer; an error answer makes Kannel
// try again, and a second delivery of the same %I is stored once.
func (a *API) KannelMO(w http.ResponseWriter, r *http.Request) error {
	ms, err := a.kannelSecretOK(r)
	if err != nil {
		return err
	}
	m, reason := sms.ParseMO(r.URL.Query())
	if reason != "" {
		a.Log.Info("incoming SMS kept with a problem", "reason", reason)
		m.Note = reason
	}
	if _, err := ms.Queue.Receive(r.Context(), &m, nil); err != nil {
		return err
	}
	return plain(w, "")
}

// WhatsAppVerify answers Meta's webhook subscription handshake.
func (a *API) WhatsAppVerify(w http.ResponseWriter, r *http.Request) error {
	ms, err := a.messaging()
	if err != nil {
		return err
	}
	challenge, ok := whatsapp.Handshake(r.URL.Query(), ms.WhatsAppVerifyToken)
	if !ok {
		a.Log.Warn("whatsapp handshake with a wrong verify token", "remote", r.RemoteAddr)
		return aduan.Errorf(aduan.EFORBIDDEN, "err.webhook_secret")
	}
	return plain(w, challenge)
}

// WhatsAppWebhook takes WhatsApp's status updates (sent, delivered, read,
// failed) and incoming messages. A body whose X-Hub-Signature-256 does not
// verify is refused with 401 and nothing is stored.
func (a *API) WhatsAppWebhook(w http.ResponseWriter, r *http.Request) error {
	ms, err := a.messaging()
	if err != nil {
		return err
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, 1<<20))
	if err != nil {
		return aduan.Errorf(aduan.ETOOLARGE, "err.too_large", 1024)
	}
	if !whatsapp.VerifySignature(ms.WhatsAppAppSecret, body, r.Header.Get("X-Hub-Signature-256")) {
		a.Log.Warn("whatsapp webhook with a bad signature", "remote", r.RemoteAddr)
		return aduan.Errorf(aduan.EUNAUTHORIZED, "err.webhook_signature")
	}
	hook, err := whatsapp.ParseWebhook(body)
	if err != nil {
		a.Log.Info("whatsapp webhook not understood", "err", err)
		return aduan.Errorf(aduan.EINVALID, "err.json", "webhook")
	}
	for _, s := range hook.Statuses {
		found, err := ms.Queue.Receipt(r.Context(), channel.WhatsApp, s.MessageID, s.ID, s.Status, s.At, s.Error)
		if err != nil {
			return err
		}
		if !found {
			a.Log.Info("whatsapp status for an unknown message", "status", string(s.Status))
		}
	}
	for i := range hook.Messages {
		if _, err := ms.Queue.Receive(r.Context(), &hook.Messages[i], nil); err != nil {
			return err
		}
	}
	return plain(w, "ok")
}

func plain(w http.ResponseWriter, s string) error {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, err := io.WriteString(w, s)
	return err
}
