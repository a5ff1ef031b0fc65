package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/export"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/phone"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// The personal-data pages (UU 27/2022): data subjects' requests with their
// countdown, the look-up, export, correction and erasure of one person's
// data; the breach log; retention's dry run; the processing record. Each
// page asks the store, which checks the role table: a hidden tab is only
// a convenience.

// privacyTabs are the tabs of the privacy pages, each with its permission.
var privacyTabs = []struct {
	Key  string
	Perm aduan.Perm
}{
	{"requests", aduan.PermPrivacyRequest},
	{"breaches", aduan.PermPrivacyBreach},
	{"retention", aduan.PermPrivacyRetention},
	{"record", aduan.PermPrivacyRecord},
}

// PrivacyTab is one tab the reader may open.
type PrivacyTab struct {
	Href, Key string
	Active    bool
}

func tabsFor(a aduan.Actor, active string) []PrivacyTab {
	var out []PrivacyTab
	for _, t := range privacyTabs {
		if a.Can(t.Perm) {
			out = append(out, PrivacyTab{Href: "/privacy/" + t.Key, Key: "privacy.tab." + t.Key, Active: t.Key == active})
		}
	}
	return out
}

// canPrivacy reports whether the role sees any of the privacy pages (the
// menu entry).
func canPrivacy(r aduan.Role) bool {
	for _, t := range privacyTabs {
		if r.Can(t.Perm) {
			return true
		}
	}
	return false
}

// Privacy opens the first privacy tab the reader may see.
func (w *Web) Privacy(rw http.ResponseWriter, r *http.Request) error {
	tabs := tabsFor(actorOf(r), "")
	if len(tabs) == 0 {
		return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	http.Redirect(rw, r, tabs[0].Href, http.StatusSeeOther)
	return nil
}

// localInput is how a datetime-local field writes a time: in the city's
// zone, to the minute.
const localInput = "2006-01-02T15:04"

// parseLocal reads a datetime-local field in the city's zone; empty gives
// nil.
func parseLocal(v *aduan.Validation, loc *time.Location, field, s string) *time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	t, err := time.ParseInLocation(localInput, s, loc)
	if err != nil {
		v.Add(field, "err.field.date")
		return nil
	}
	return &t
}

// Local writes t for a datetime-local field, in the city's zone.
func (p *Page) Local(t any) string {
	switch v := t.(type) {
	case time.Time:
		return v.In(p.zone()).Format(localInput)
	case *time.Time:
		if v != nil {
			return v.In(p.zone()).Format(localInput)
		}
	}
	return ""
}

// When writes an RFC 3339 time of an export for people, in the city's
// zone (the JSON keeps the machine form).
func (p *Page) When(iso string) string {
	t, err := time.Parse(time.RFC3339, iso)
	if err != nil {
		return iso
	}
	return p.DT(t)
}

// Countdown is a deadline as the console shows one: the time left (or how
// late) at the page's time, which the script then counts down, and the
// deadline itself in the city's zone. done stops it (shown as the time
// done instead).
func (p *Page) Countdown(due, start time.Time, done *time.Time) template.HTML {
	if done != nil {
		cls := "ok"
		if done.After(due) {
			cls = "over"
		}
		return template.HTML(fmt.Sprintf(`<span class="due %s">%s</span>`, cls, template.HTMLEscapeString(p.T("privacy.done_at", p.DT(*done)))))
	}
	return p.Clock(due, start)
}

// Subject writes a request's subject: the number as Indonesians write it
// and the e-mail, or that they were erased.
func (p *Page) Subject(r *aduan.PrivacyRequest) string {
	var parts []string
	if r.SubjectPhone != "" {
		parts = append(parts, phone.Display(r.SubjectPhone))
	}
	if r.SubjectEmail != "" {
		parts = append(parts, r.SubjectEmail)
	}
	if len(parts) == 0 {
		return p.T("privacy.subject_erased")
	}
	return strings.Join(parts, " · ")
}

type privacyRequestsData struct {
	Tabs     []PrivacyTab
	Requests []*aduan.PrivacyRequest
	Kinds    []aduan.PrivacyRequestKind
	Hours    int
	Form     map[string]string
	Errors   map[string]string
	Error    string
	// Found are the requests of a contact looked for (erased ones too).
	Found  []*aduan.PrivacyRequest
	Search bool
}

// PrivacyRequests lists the data subjects' requests with their countdowns
// and the form to record a new one.
func (w *Web) PrivacyRequests(rw http.ResponseWriter, r *http.Request) error {
	return w.privacyRequests(rw, r, http.StatusOK, &privacyRequestsData{Form: map[string]string{}})
}

func (w *Web) privacyRequests(rw http.ResponseWriter, r *http.Request, status int, d *privacyRequestsData) error {
	actor := actorOf(r)
	p := w.Stores.Privacy
	var err error
	if d.Requests, err = p.Requests(r.Context(), actor); err != nil {
		return err
	}
	set, err := w.Stores.RefData.Settings(r.Context())
	if err != nil {
		return err
	}
	q := r.URL.Query()
	if q.Get("find_phone") != "" || q.Get("find_email") != "" {
		d.Search = true
		if d.Found, err = p.FindRequestsBySubject(r.Context(), actor, q.Get("find_phone"), q.Get("find_email")); err != nil {
			if _, msg, ok := formErrors(langOf(r), err); ok {
				d.Error = msg
			} else {
				return err
			}
		}
	}
	d.Tabs, d.Kinds, d.Hours = tabsFor(actor, "requests"), aduan.PrivacyRequestKinds, aduan.PrivacyHours(set, aduan.SettingPrivacyRequestHours)
	if d.Form["received_at"] == "" {
		cityNow, err := w.cityNow(r)
		if err != nil {
			return err
		}
		d.Form["received_at"] = cityNow.Format(localInput)
	}
	lang := langOf(r)
	return w.render(rw, r, status, "privacy_requests", &Page{Title: i18n.T(lang, "privacy.tab.requests"), Data: d})
}

// CreatePrivacyRequest records a request from the form.
func (w *Web) CreatePrivacyRequest(rw http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	form := map[string]string{}
	for _, k := range []string{"kind", "phone", "email", "requester", "via", "notes", "received_at"} {
		form[k] = r.PostFormValue(k)
	}
	var v aduan.Validation
	cityLoc, err := w.zone(r.Context())
	if err != nil {
		return err
	}
	loc := cityLoc
	in := aduan.NewPrivacyRequest{Kind: aduan.PrivacyRequestKind(form["kind"]), Phone: form["phone"], Email: form["email"],
		Requester: form["requester"], Via: form["via"], Notes: form["notes"]}
	if t := parseLocal(&v, loc, "received_at", form["received_at"]); t != nil {
		in.ReceivedAt = *t
	}
	err = v.Err()
	var req *aduan.PrivacyRequest
	if err == nil {
		req, err = w.Stores.Privacy.CreateRequest(r.Context(), actorOf(r), in)
	}
	if err != nil {
		fields, msg, ok := formErrors(langOf(r), err)
		if !ok || aduan.ErrorCode(err) == aduan.EFORBIDDEN {
			return err
		}
		return w.privacyRequests(rw, r, http.StatusUnprocessableEntity, &privacyRequestsData{Form: form, Errors: fields, Error: msg})
	}
	return redirect(rw, r, fmt.Sprintf("/privacy/requests/%d", req.ID), "web.ok.privacy_request_saved")
}

type privacyRequestData struct {
	Tabs    []PrivacyTab
	Req     *aduan.PrivacyRequest
	Dossier *store.Dossier
	Plan    *store.ErasurePlan
	Errors  map[string]string
	Error   string
	Form    map[string]string
	Edit    int64 // the citizen whose correction failed
}

// PrivacyRequestPage shows one request: its countdown and outcome,
// everything held about the subject (the look-up is audited), and the
// forms to acknowledge, correct, erase and close.
func (w *Web) PrivacyRequestPage(rw http.ResponseWriter, r *http.Request) error {
	return w.privacyRequest(rw, r, http.StatusOK, &privacyRequestData{})
}

func (w *Web) privacyRequest(rw http.ResponseWriter, r *http.Request, status int, d *privacyRequestData) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.privacy_request")
	}
	actor := actorOf(r)
	p := w.Stores.Privacy
	if d.Req, err = p.Request(r.Context(), actor, id); err != nil {
		return err
	}
	if d.Dossier, err = p.Lookup(r.Context(), actor, id); err != nil {
		return err
	}
	if d.Req.Kind == aduan.RequestErasure && d.Req.Status.Open() {
		if d.Plan, err = p.PlanErasure(r.Context(), actor, id); err != nil {
			return err
		}
	}
	d.Tabs = tabsFor(actor, "requests")
	lang := langOf(r)
	return w.render(rw, r, status, "privacy_request", &Page{Title: i18n.T(lang, "privacy.request.title", d.Req.ID), Data: d})
}

// PrivacyRequestAct takes one action on a request: acknowledge, correct
// the subject's record, erase, or close it.
func (w *Web) PrivacyRequestAct(rw http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.privacy_request")
	}
	if err := r.ParseForm(); err != nil {
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	actor, ctx, p := actorOf(r), r.Context(), w.Stores.Privacy
	d := &privacyRequestData{Form: map[string]string{}}
	var flash string
	switch r.PostFormValue("do") {
	case "acknowledge":
		_, err = p.Acknowledge(ctx, actor, id, version)
		flash = "web.ok.privacy_acknowledged"
	case "close":
		_, err = p.CloseRequest(ctx, actor, id, version, aduan.PrivacyRequestStatus(r.PostFormValue("status")), r.PostFormValue("note"))
		flash = "web.ok.privacy_closed"
		d.Form["note"] = r.PostFormValue("note")
	case "erase":
		_, err = p.Erase(ctx, actor, id, version, w.files())
		flash = "web.ok.privacy_erased"
	case "correct":
		cid, _ := strconv.ParseInt(r.PostFormValue("citizen_id"), 10, 64)
		cver, _ := strconv.ParseInt(r.PostFormValue("citizen_version"), 10, 64)
		in := aduan.CitizenInput{Name: r.PostFormValue("name"), Phone: r.PostFormValue("phone"), Email: r.PostFormValue("email"),
			Address: r.PostFormValue("address"), KelurahanCode: r.PostFormValue("kelurahan_code")}
		_, err = p.Correct(ctx, actor, id, version, cid, cver, in)
		flash = "web.ok.privacy_corrected"
		d.Edit = cid
		for k, v := range map[string]string{"name": in.Name, "phone": in.Phone, "email": in.Email, "address": in.Address} {
			d.Form[k] = v
		}
	default:
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	if err != nil {
		fields, msg, ok := formErrors(langOf(r), err)
		if !ok || aduan.ErrorCode(err) == aduan.EFORBIDDEN || aduan.ErrorCode(err) == aduan.ENOTFOUND {
			return err
		}
		d.Errors, d.Error = fields, msg
		return w.privacyRequest(rw, r, reqctx.StatusOf(aduan.ErrorCode(err)), d)
	}
	return redirect(rw, r, fmt.Sprintf("/privacy/requests/%d", id), flash)
}

// files is where photos are kept, for an erasure to delete them: the
// messaging's storage, else the one the complaint page uses; nil when
// neither is set (the records go, and the outcome counts them).
func (w *Web) files() attach.Storage {
	if f := w.Messaging.Storage(); f != nil {
		return f
	}
	return w.Extras.Files
}

// PrivacyExport gives the subject of a request everything held about
// them: JSON (export.json) or a page that prints well (export.html).
func (w *Web) PrivacyExport(rw http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.privacy_request")
	}
	actor, p, lang := actorOf(r), w.Stores.Privacy, langOf(r)
	req, err := p.Request(r.Context(), actor, id)
	if err != nil {
		return err
	}
	d, err := p.Lookup(r.Context(), actor, id)
	if err != nil {
		return err
	}
	loc, err := w.zone(r.Context())
	if err != nil {
		return err
	}
	out := export.Subject(d, req, lang, loc)
	name := fmt.Sprintf("data-pribadi-permintaan-%d", id)
	switch r.PathValue("format") {
	case "export.json":
		b, err := json.MarshalIndent(out, "", "  ")
		if err != nil {
			return err
		}
		rw.Header().Set("Content-Type", "application/json; charset=utf-8")
		rw.Header().Set("Content-Disposition", `attachment; filename="`+name+`.json"`)
		rw.Header().Set("Cache-Control", "no-store")
		_, err = rw.Write(b)
		return err
	case "export.html":
		return w.fragment(rw, r, "privacy_export", "export", &Page{Title: i18n.T(lang, "privacy.export.title"), Data: out})
	}
	return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.route")
}

type breachesData struct {
	Tabs     []PrivacyTab
	Breaches []*aduan.Breach
	Breach   *aduan.Breach // the one being edited (nil: a new one)
	Kinds    []string
	Hours    int
	Form     map[string]string
	Checked  map[string]bool
	Errors   map[string]string
	Error    string
}

var breachFields = []string{"title", "description", "occurred_at", "discovered_at", "affected", "affected_count", "measures",
	"subjects_notified_at", "subjects_notice", "authority_notified_at", "authority_notice", "closed"}

// Breaches is the breach log: every incident with the countdown to its
// notifications, and the form to record one.
func (w *Web) Breaches(rw http.ResponseWriter, r *http.Request) error {
	return w.breaches(rw, r, http.StatusOK, &breachesData{})
}

// BreachPage shows one incident's form, to record its notifications.
func (w *Web) BreachPage(rw http.ResponseWriter, r *http.Request) error {
	return w.breaches(rw, r, http.StatusOK, &breachesData{})
}

func breachForm(b *aduan.Breach, p *Page) (map[string]string, map[string]bool) {
	f := map[string]string{"title": b.Title, "description": b.Description, "occurred_at": p.Local(b.OccurredAt), "discovered_at": p.Local(b.DiscoveredAt),
		"affected": b.Affected, "affected_count": strconv.Itoa(b.AffectedCount), "measures": b.Measures,
		"subjects_notified_at": p.Local(b.SubjectsNotifiedAt), "subjects_notice": b.SubjectsNotice,
		"authority_notified_at": p.Local(b.AuthorityNotifiedAt), "authority_notice": b.AuthorityNotice, "version": strconv.FormatInt(b.Version, 10)}
	if b.ClosedAt != nil {
		f["closed"] = "1"
	}
	checked := map[string]bool{}
	for _, k := range b.DataKinds {
		checked[k] = true
	}
	return f, checked
}

func (w *Web) breaches(rw http.ResponseWriter, r *http.Request, status int, d *breachesData) error {
	actor, p, lang := actorOf(r), w.Stores.Privacy, langOf(r)
	var err error
	if d.Breaches, err = p.Breaches(r.Context(), actor); err != nil {
		return err
	}
	set, err := w.Stores.RefData.Settings(r.Context())
	if err != nil {
		return err
	}
	page := &Page{Title: i18n.T(lang, "privacy.tab.breaches"), Data: d, Lang: lang, Now: w.Stores.Clock.Now()}
	if idStr := r.PathValue("id"); idStr != "" && d.Breach == nil {
		id, _ := strconv.ParseInt(idStr, 10, 64)
		if d.Breach, err = p.Breach(r.Context(), actor, id); err != nil {
			return err
		}
	}
	if d.Form == nil {
		if d.Breach != nil {
			d.Form, d.Checked = breachForm(d.Breach, page)
		} else {
			d.Form = map[string]string{"discovered_at": page.Local(w.Stores.Clock.Now())}
		}
	}
	d.Tabs, d.Kinds, d.Hours = tabsFor(actor, "breaches"), aduan.BreachDataKinds, aduan.PrivacyHours(set, aduan.SettingBreachNotifyHours)
	return w.render(rw, r, status, "privacy_breaches", page)
}

// SaveBreachForm records a new incident (POST /privacy/breaches) or
// corrects one and records its notifications (POST /privacy/breaches/{id}).
func (w *Web) SaveBreachForm(rw http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	var id int64
	if s := r.PathValue("id"); s != "" {
		id, _ = strconv.ParseInt(s, 10, 64)
	}
	form := map[string]string{"version": r.PostFormValue("version")}
	for _, k := range breachFields {
		form[k] = r.PostFormValue(k)
	}
	checked := map[string]bool{}
	var in aduan.BreachInput
	for _, k := range r.PostForm["data_kinds"] {
		checked[k] = true
		in.DataKinds = append(in.DataKinds, k)
	}
	var v aduan.Validation
	cityLoc, err := w.zone(r.Context())
	if err != nil {
		return err
	}
	loc := cityLoc
	in.Title, in.Description, in.Affected, in.Measures = form["title"], form["description"], form["affected"], form["measures"]
	in.SubjectsNotice, in.AuthorityNotice, in.Closed = form["subjects_notice"], form["authority_notice"], form["closed"] != ""
	if s := strings.TrimSpace(form["affected_count"]); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 {
			v.Add("affected_count", "err.field.range", 0, 1<<31-1)
		}
		in.AffectedCount = n
	}
	in.OccurredAt = parseLocal(&v, loc, "occurred_at", form["occurred_at"])
	if t := parseLocal(&v, loc, "discovered_at", form["discovered_at"]); t != nil {
		in.DiscoveredAt = *t
	}
	in.SubjectsNotifiedAt = parseLocal(&v, loc, "subjects_notified_at", form["subjects_notified_at"])
	in.AuthorityNotifiedAt = parseLocal(&v, loc, "authority_notified_at", form["authority_notified_at"])
	version, _ := strconv.ParseInt(form["version"], 10, 64)
	err = v.Err()
	var b *aduan.Breach
	if err == nil {
		b, err = w.Stores.Privacy.SaveBreach(r.Context(), actorOf(r), id, version, in)
	}
	if err != nil {
		fields, msg, ok := formErrors(langOf(r), err)
		if !ok || aduan.ErrorCode(err) == aduan.EFORBIDDEN || aduan.ErrorCode(err) == aduan.ENOTFOUND {
			return err
		}
		return w.breaches(rw, r, reqctx.StatusOf(aduan.ErrorCode(err)), &breachesData{Form: form, Checked: checked, Errors: fields, Error: msg})
	}
	return redirect(rw, r, fmt.Sprintf("/privacy/breaches/%d", b.ID), "web.ok.privacy_breach_saved")
}

type retentionData struct {
	Tabs    []PrivacyTab
	Report  *store.RetentionReport
	Rows    []retentionRow
	CanEdit bool
}

type retentionRow struct {
	Kind  aduan.RetentionKind
	Days  int
	Count int64
}

// Retention shows what the nightly retention run would change now (a dry
// run, audited) and lets it run at once.
func (w *Web) Retention(rw http.ResponseWriter, r *http.Request) error {
	actor, lang := actorOf(r), langOf(r)
	rep, err := w.Stores.Privacy.Retention(r.Context(), actor, true, nil)
	if err != nil {
		return err
	}
	c := rep.Counts
	counts := map[aduan.RetentionKind]int64{aduan.RetainPersonal: c.Citizens, aduan.RetainMessages: c.Messages, aduan.RetainPhotos: c.Photos, aduan.RetainAudit: c.Audit}
	d := &retentionData{Tabs: tabsFor(actor, "retention"), Report: rep, CanEdit: actor.Can(aduan.PermSettingsEdit)}
	for _, k := range aduan.RetentionKinds {
		d.Rows = append(d.Rows, retentionRow{Kind: k, Days: rep.Days[k], Count: counts[k]})
	}
	return w.render(rw, r, http.StatusOK, "privacy_retention", &Page{Title: i18n.T(lang, "privacy.tab.retention"), Data: d})
}

// RunRetentionForm queues a retention run now (once a day across the
// cluster).
func (w *Web) RunRetentionForm(rw http.ResponseWriter, r *http.Request) error {
	if err := actorOf(r).Require(aduan.PermPrivacyRetention); err != nil {
		return err
	}
	q, err := w.queue()
	if err != nil {
		return err
	}
	ran, err := q.RunRetention(r.Context())
	if err != nil {
		return err
	}
	flash := "web.ok.privacy_retention_queued"
	if !ran {
		flash = "web.ok.privacy_retention_today"
	}
	return redirect(rw, r, "/privacy/retention", flash)
}

type recordData struct {
	Tabs       []PrivacyTab
	Activities []aduan.ProcessingActivity
	City       string
	Office     string
	At         time.Time
}

// ProcessingRecord is the processing record (catatan pemrosesan), made from
// the role table and the retention settings; it prints as a document.
func (w *Web) ProcessingRecord(rw http.ResponseWriter, r *http.Request) error {
	actor, lang := actorOf(r), langOf(r)
	if err := actor.Require(aduan.PermPrivacyRecord); err != nil {
		return err
	}
	set := aduan.DefaultSettings()
	stored, err := w.Stores.RefData.Settings(r.Context())
	if err != nil {
		return err
	}
	for k, v := range stored {
		set[k] = v
	}
	d := &recordData{Tabs: tabsFor(actor, "record"), Activities: aduan.ProcessingRecord(set), City: set["city_name"], Office: set["office_name"], At: w.Stores.Clock.Now()}
	return w.render(rw, r, http.StatusOK, "privacy_record", &Page{Title: i18n.T(lang, "privacy.tab.record"), Data: d})
}
