package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/channel/sms"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/phone"
	"github.com/kotakita/aduan/internal/store"
)

// The messages area's pages: the failed-messages list with one-click retry
// and the triage of incoming messages nobody matched (/messages), the
// template editor (/admin/templates), the notifications (/notifications),
// and the SMS previews of the complaint page's forms.

func (w *Web) queue() (*jobs.Queue, error) {
	return w.Messaging.Jobs()
}

// msgRow is one message of the lists on /messages.
type msgRow struct {
	ID              int64
	ComplaintID     int64
	ComplaintNumber string
	Channel         string
	Direction       string
	PurposeKey      string
	StatusKey       string
	Status          string
	Party           string
	Subject, Body   string
	Hidden          bool
	Error           string // a catalogue key or the gateway's own words
	Note            string
	Attempts        int
	Time            string
}

// MessageStatus is how the console names a message's status: its class
// (outbox for a message only recorded) and its catalogue key.
func MessageStatus(m *channel.Message) (class, key string) {
	if m.Via == "outbox" && m.Status == channel.StatusSent {
		return "outbox", "msg.status.sent_outbox"
	}
	return string(m.Status), "msg.status." + string(m.Status)
}

// MessageParty is the other end of a message as the console shows it: a
// phone number written the Indonesian way or an e-mail address, masked
// (phone.Masked) when the viewer may not see who it is.
func MessageParty(m *channel.Message, show bool) string {
	addr := m.To
	if m.Direction == channel.In {
		addr = m.From
	}
	if addr == "" {
		return "—"
	}
	if !show {
		return phone.Masked(addr)
	}
	if p, err := phone.Normalize(addr); err == nil {
		return phone.Display(p)
	}
	return addr
}

func (w *Web) msgRows(lang i18n.Lang, msgs []*channel.Message, show bool) []msgRow {
	out := make([]msgRow, 0, len(msgs))
	for _, m := range msgs {
		class, key := MessageStatus(m)
		r := msgRow{ID: m.ID, ComplaintID: m.ComplaintID, ComplaintNumber: m.ComplaintNumber, Channel: string(m.Channel),
			Direction: string(m.Direction), PurposeKey: "msg.purpose." + string(m.Purpose), StatusKey: key, Status: class,
			Party: MessageParty(m, show), Subject: m.Subject, Body: m.Body, Error: m.Error, Note: m.Note, Attempts: m.Attempts,
			Time: i18n.DateTime(lang, m.CreatedAt)}
		if m.Channel != channel.Email {
			r.Subject = ""
		}
		if !show {
			r.Subject, r.Body, r.Note, r.Hidden = "", "", "", true
		}
		out = append(out, r)
	}
	return out
}

type messagesData struct {
	Failed    []msgRow
	Unmatched []msgRow
	Opened    []msgRow
	CanAssign bool
	// The assign form that failed, its error and what was typed.
	FailedID int64
	Errors   map[string]string
	Form     map[string]string
}

// Messages lists what needs a person: outgoing messages that failed or
// whose sending is in doubt (with one-click retry), incoming messages that
// matched no complaint (to give to one by its number), and the complaints
// that incoming messages opened by themselves (to triage). IT staff see
// when and how, not to whom or what.
func (w *Web) Messages(rw http.ResponseWriter, r *http.Request) error {
	return w.messagesPage(rw, r, http.StatusOK, &messagesData{})
}

func (w *Web) messagesPage(rw http.ResponseWriter, r *http.Request, status int, d *messagesData) error {
	actor := actorOf(r)
	if !store.CanListMessages(actor) {
		return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	ctx, lang := r.Context(), langOf(r)
	show := actor.Can(aduan.PermCitizenRead)
	d.CanAssign = store.CanAssignMessages(actor)
	lists := []struct {
		f   store.MessageFilter
		out *[]msgRow
	}{
		{store.MessageFilter{Direction: channel.Out, Statuses: []channel.Status{channel.StatusFailed, channel.StatusReview}, Limit: 100}, &d.Failed},
		{store.MessageFilter{Direction: channel.In, Statuses: []channel.Status{channel.StatusIgnored}, Limit: 50}, &d.Unmatched},
		{store.MessageFilter{Direction: channel.In, Purpose: channel.PurposeNewComplaint, Limit: 20}, &d.Opened},
	}
	for _, l := range lists {
		msgs, _, err := w.Stores.Messages.ListMessages(ctx, actor, l.f)
		if err != nil {
			return err
		}
		*l.out = w.msgRows(lang, msgs, show)
	}
	return w.render(rw, r, status, "messages", &Page{Title: i18n.T(lang, "msg.web.title"), Data: d})
}

// localPath accepts a path on this site only, for the page a form returns
// to (never another site: //host or a scheme).
func localPath(s, def string) string {
	if p := sameOriginPath(s); p != "" {
		return p
	}
	return def
}

// RetryMessage is the one-click retry of a failed or doubtful message, from
// /messages or the complaint page.
func (w *Web) RetryMessage(rw http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.message")
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	back := localPath(r.PostFormValue("back"), "/messages")
	if _, err := w.Stores.Messages.Retry(r.Context(), actorOf(r), id); err != nil {
		// A message that cannot go yet (no recipient, retried already)
		// is said on the page the click came from.
		if e, ok := aduan.AsError(err); ok && len(e.Args) == 0 && (e.Code == aduan.ETRANSITION || e.Code == aduan.ECONFLICT) {
			return redirectErr(rw, r, back, e.Key)
		}
		return err
	}
	return redirectWith(rw, r, back, "ok", "web.ok.msg_retried")
}

// redirectErr sends back to a page that shows an error from the catalogue
// (?err=key, the way redirect carries ?ok=key).
func redirectErr(rw http.ResponseWriter, r *http.Request, to, key string) error {
	return redirectWith(rw, r, to, "err", key)
}

// redirectWith adds ?name=value to a path that may end in a #fragment
// (the fragment keeps the page scrolled to the row acted on).
func redirectWith(rw http.ResponseWriter, r *http.Request, to, name, value string) error {
	frag := ""
	if i := strings.IndexByte(to, '#'); i >= 0 {
		to, frag = to[:i], to[i:]
	}
	sep := "?"
	if strings.Contains(to, "?") {
		sep = "&"
	}
	http.Redirect(rw, r, to+sep+name+"="+url.QueryEscape(value)+frag, http.StatusSeeOther)
	return nil
}

// errFlash shows the catalogue error a redirect carries: only "err." keys
// the catalogue holds, and only those without arguments.
func errFlash(r *http.Request, lang i18n.Lang) string {
	k := r.URL.Query().Get("err")
	if k == "" || !strings.HasPrefix(k, "err.") || !i18n.Has(k) || strings.Contains(i18n.T(i18n.ID, k), "%") {
		return ""
	}
	return i18n.T(lang, k)
}

// AssignMessage gives an unmatched incoming message to the complaint whose
// number the operator typed.
func (w *Web) AssignMessage(rw http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.message")
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	number := strings.TrimSpace(r.PostFormValue("number"))
	m, err := w.Stores.Messages.Assign(r.Context(), actorOf(r), id, number)
	if err != nil {
		fields, msg, ok := formErrors(langOf(r), err)
		if !ok || aduan.ErrorCode(err) == aduan.EFORBIDDEN {
			return err
		}
		if len(fields) == 0 {
			fields = map[string]string{"number": msg}
		}
		return w.messagesPage(rw, r, statusFor(err), &messagesData{FailedID: id, Errors: fields, Form: map[string]string{"number": number}})
	}
	return redirect(rw, r, "/complaints/"+strconv.FormatInt(m.ComplaintID, 10), "web.ok.msg_assigned")
}

// tplRow is one template in the editor.
type tplRow struct {
	Tpl     channel.Template
	SMS     bool // sent as SMS: the editor counts its parts
	Email   bool // sent as e-mail too: the editor shows its subject
	Count   sms.Count
	Over    bool
	Errors  map[string]string
	Changed bool // what is shown is what was typed, not what is stored
}

type templatesData struct {
	Rows      []tplRow
	Variables []string
	Sample    string // JSON: the sample values the counter fills in
	MaxParts  int
	Error     string
	// Switches are the settings that turn the call center's own messages
	// on or off (aduan.MessageSettingKeys), with their values.
	Switches []msgSwitch
}

// msgSwitch is one on/off setting of the call center's messages.
type msgSwitch struct {
	Key string
	On  bool
}

// smsTemplates are the templates that go out as SMS (besides e-mail).
var smsTemplates = map[string]bool{channel.TplRequestIdentity: true, channel.TplRequestPhotos: true, channel.TplRelay: true,
	channel.TplAnswer: true, channel.TplReceipt: true, channel.TplSurvey: true, channel.TplSurveySKM: true}

// sampleVars are the values the editor's counter puts in the variables: a
// realistic length for each, so that the count is a fair estimate.
func sampleVars(settings map[string]string) map[string]string {
	return map[string]string{
		"nomor": "ADU-2026-000123", "nama": "Budi Santoso",
		"jawaban":   "Lampu PJU sudah diganti oleh UPT PJU Dinas Perhubungan pada hari ini pukul 15.00.",
		"tautan":    strings.TrimRight(settings["public_base_url"], "/") + "/complaints/123",
		"instansi":  "Dinas Pekerjaan Umum dan Penataan Ruang",
		"ringkasan": "Lampu PJU di Jl. Nusantara depan masjid mati sudah 3 malam.",
		"email":     settings["call_center_email"], "kurang": "nama, alamat",
		"langkah": "Teruskan ke PD", "batas": "27 November 2026 14.05 WIB",
		"lacak":  strings.TrimRight(settings["public_base_url"], "/") + "/lacak?nomor=ADU-2026-000123",
		"pusat":  strings.TrimSpace("Call Center " + settings["city_name"]),
		"sms":    settings["sms_center_number"],
		"survei": strings.TrimRight(settings["public_base_url"], "/") + "/survei/abcdefghijklmnopqrstuvwxyz",
	}
}

// countTemplate counts a template's SMS with the sample values filled in.
// Templates are stored with bare line feeds (the editor saves them so), one
// septet each.
func countTemplate(body string, sample map[string]string) sms.Count {
	text, _ := channel.Render(strings.ReplaceAll(body, "\r\n", "\n"), sample)
	return sms.CountText(text)
}

// Templates is the editor of the message templates.
func (w *Web) Templates(rw http.ResponseWriter, r *http.Request) error {
	return w.templatesPage(rw, r, http.StatusOK, nil)
}

func (w *Web) templatesPage(rw http.ResponseWriter, r *http.Request, status int, failed *tplRow) error {
	actor := actorOf(r)
	if !store.CanEditTemplates(actor) {
		return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	ctx := r.Context()
	ts, err := w.Stores.Messages.Templates(ctx, actor)
	if err != nil {
		return err
	}
	settings, err := w.settings(ctx)
	if err != nil {
		return err
	}
	sample := sampleVars(settings)
	js, _ := json.Marshal(sample)
	d := &templatesData{Variables: channel.Variables, Sample: string(js), MaxParts: jobs.MaxSMSParts}
	if settings[jobs.SettingLongSMS] == "refuse" {
		d.MaxParts = 1
	}
	for _, k := range aduan.MessageSettingKeys {
		d.Switches = append(d.Switches, msgSwitch{Key: k, On: settings[k] != "off"})
	}
	for _, t := range ts {
		row := tplRow{Tpl: t, SMS: smsTemplates[t.Key], Email: t.Key != channel.TplRequestIdentity}
		if failed != nil && failed.Tpl.Key == t.Key {
			row.Tpl.Subject, row.Tpl.Body, row.Tpl.WATemplate = failed.Tpl.Subject, failed.Tpl.Body, failed.Tpl.WATemplate
			row.Errors, row.Changed = failed.Errors, true
		}
		row.Count = countTemplate(row.Tpl.Body, sample)
		row.Over = row.Count.Parts > d.MaxParts
		d.Rows = append(d.Rows, row)
	}
	return w.render(rw, r, status, "templates", &Page{Title: i18n.T(langOf(r), "msg.web.templates"), Data: d})
}

func (w *Web) settings(ctx context.Context) (map[string]string, error) {
	all := aduan.DefaultSettings()
	stored, err := w.Stores.RefData.Settings(ctx)
	if err != nil {
		return nil, err
	}
	for k, v := range stored {
		all[k] = v
	}
	return all, nil
}

// SaveTemplate saves one template from the editor; a refused text is shown
// again as typed, with the reason next to its field.
func (w *Web) SaveTemplate(rw http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	if !store.CanEditTemplates(actor) {
		return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	v := r.PostFormValue
	t := channel.Template{Key: r.PathValue("key"), Subject: v("subject"), Body: strings.ReplaceAll(v("body"), "\r\n", "\n"), WATemplate: v("wa_template")}
	if _, err := w.Stores.Messages.SaveTemplate(r.Context(), actor, t); err != nil {
		fields, msg, ok := formErrors(langOf(r), err)
		if !ok || aduan.ErrorCode(err) != aduan.EINVALID {
			return err
		}
		if len(fields) == 0 {
			fields = map[string]string{"body": msg}
		}
		return w.templatesPage(rw, r, http.StatusBadRequest, &tplRow{Tpl: t, Errors: fields})
	}
	return redirectWith(rw, r, "/admin/templates#tpl-"+t.Key, "ok", "web.ok.msg_template_saved")
}

// SaveMessageSwitches turns the receipts at intake and the survey after
// the close on or off, per channel: the koordinator's, beside the texts
// (aduan.PermMessageSwitch). An unticked box is "off".
func (w *Web) SaveMessageSwitches(rw http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	if err := actor.Require(aduan.PermMessageSwitch); err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	vals := map[string]string{}
	for _, k := range aduan.MessageSettingKeys {
		vals[k] = "off"
		if r.PostFormValue(k) == "on" {
			vals[k] = "on"
		}
	}
	if err := w.Stores.Messages.SetSettings(r.Context(), actor, vals); err != nil {
		return err
	}
	return redirectWith(rw, r, "/admin/templates#switches", "ok", "web.ok.saved")
}

// noteRow is one notification on /notifications.
type noteRow struct {
	store.Notification
	Text string
}

// Notifications lists the user's own notices: SLA warnings and breaches.
func (w *Web) Notifications(rw http.ResponseWriter, r *http.Request) error {
	lang := langOf(r)
	ns, err := w.Stores.Messages.Notifications(r.Context(), actorOf(r), false, 100)
	if err != nil {
		return err
	}
	rows := make([]noteRow, 0, len(ns))
	for _, n := range ns {
		due := ""
		if n.DueAt != nil {
			due = i18n.DateTime(lang, *n.DueAt)
		}
		rows = append(rows, noteRow{Notification: n, Text: i18n.T(lang, "msg.notify."+n.Kind, n.Subject(), "step."+string(n.Step), due)})
	}
	return w.render(rw, r, http.StatusOK, "notifications", &Page{Title: i18n.T(lang, "msg.web.notifications"), Data: rows})
}

// ReadNotification marks one notice read; with ?open it goes on to the
// complaint the notice is about.
func (w *Web) ReadNotification(rw http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.notification")
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	if err := w.Stores.Messages.MarkNotificationRead(r.Context(), actorOf(r), id); err != nil {
		return err
	}
	if c, err := strconv.ParseInt(r.PostFormValue("open"), 10, 64); err == nil && c > 0 {
		return redirect(rw, r, "/complaints/"+strconv.FormatInt(c, 10), "")
	}
	if id, err := strconv.ParseInt(r.PostFormValue("open_info"), 10, 64); err == nil && id > 0 {
		return redirect(rw, r, "/ppid/"+strconv.FormatInt(id, 10), "")
	}
	if rep, err := strconv.ParseInt(r.PostFormValue("open_report"), 10, 64); err == nil && rep > 0 {
		return redirect(rw, r, "/reports/"+strconv.FormatInt(rep, 10), "")
	}
	return redirect(rw, r, "/notifications", "web.ok.msg_notification_read")
}

// ReadAllNotifications marks every notice of the user read.
func (w *Web) ReadAllNotifications(rw http.ResponseWriter, r *http.Request) error {
	if _, err := w.Stores.Messages.MarkAllNotificationsRead(r.Context(), actorOf(r)); err != nil {
		return err
	}
	return redirect(rw, r, "/notifications", "web.ok.msg_notification_read")
}

// unread counts the user's unread notices for the bell in the header. A
// failure only hides the count: it is no reason to fail the page.
func (w *Web) unread(r *http.Request) int {
	n, err := w.Stores.Unread.UnreadNotifications(r.Context(), actorOf(r))
	if err != nil {
		w.Log.Warn("unread notifications", "err", err)
	}
	return n
}

// smsHint is the SMS a step of the complaint page would send: the text and
// its length, counted again by app.js as the operator types.
type smsHint struct {
	Frame    string // the text with jobs.AnswerSlot where the typed answer goes
	Text     string
	Count    sms.Count
	MaxParts int
	Over     bool
	Problem  string
}

// smsHints previews the SMS of the identity request and the relay, for
// the forms of the complaint page.
func (w *Web) smsHints(ctx context.Context, c *aduan.Complaint, d *complaintData) (map[string]*smsHint, error) {
	out := map[string]*smsHint{}
	for _, a := range d.Allowed {
		if a != aduan.ActionRequestIdentity && a != aduan.ActionRelay {
			continue
		}
		p, err := w.Stores.PreviewSMS(ctx, c, a, d.Missing)
		if err != nil {
			return nil, err
		}
		if p == nil {
			continue
		}
		h := &smsHint{Text: p.Text, Count: p.Count, MaxParts: p.MaxParts, Problem: p.Problem}
		if a == aduan.ActionRelay {
			answer := c.AgencyAnswer
			if d.FailedAction == string(a) {
				answer = d.Form["answer"]
			}
			h.Frame = p.Text
			h.Text = strings.ReplaceAll(p.Text, jobs.AnswerSlot, answer)
			h.Count = sms.CountText(h.Text)
		}
		h.Over = h.Count.Parts > h.MaxParts
		out[string(a)] = h
	}
	return out, nil
}
