package web

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/ppidsvc"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

// The PPID's console (UU 14/2008): the requests for public information,
// the overdue list and the objections, each request with its steps; the
// register form, which the desk opens with the caller's details. The
// store checks every read and step (inforequest.go's table); a hidden
// button is only a convenience.

// ppidListData is the list page.
type ppidListData struct {
	View        string // all, overdue, objections
	Views       []string
	Requests    []*aduan.InfoRequest
	CanRegister bool
	Year        int
}

// PPIDList lists requests: all, the overdue ones, or the objections.
func (w *Web) PPIDList(rw http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	cityNow, err := w.cityNow(r)
	if err != nil {
		return err
	}
	d := &ppidListData{View: r.URL.Query().Get("view"), Views: []string{"all", "overdue", "objections"}, CanRegister: aduan.InfoCanRegister(actor),
		Year: cityNow.Year()}
	f := store.InfoFilter{Limit: 500}
	switch d.View {
	case "overdue":
		f.Overdue = true
	case "objections":
		f.Objected = true
	default:
		d.View = "all"
	}
	if d.Requests, err = w.Stores.PPID.Requests(r.Context(), actor, f); err != nil {
		return err
	}
	return w.render(rw, r, http.StatusOK, "ppid_list", &Page{Title: i18n.T(langOf(r), "web.ppid.title"), Data: d})
}

// ppidFormFields are the register form's fields.
var ppidFormFields = []string{"name", "address", "phone", "email", "id_number", "information", "purpose", "medium", "delivery", "channel", "received_at", "call_id"}

// ppidNewData is the register form.
type ppidNewData struct {
	Form       map[string]string
	Errors     map[string]string
	Error      string
	FromDesk   bool
	Media      []string
	Deliveries []string
	Channels   []aduan.Channel
}

func (w *Web) ppidNew(rw http.ResponseWriter, r *http.Request, status int, d *ppidNewData) error {
	if !aduan.InfoCanRegister(actorOf(r)) {
		return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	d.Media, d.Deliveries, d.Channels = aduan.InfoMedia, aduan.InfoDeliveries, aduan.Channels
	if d.Form["received_at"] == "" {
		cityNow, err := w.cityNow(r)
		if err != nil {
			return err
		}
		d.Form["received_at"] = cityNow.Format(localInput)
	}
	return w.render(rw, r, status, "ppid_new", &Page{Title: i18n.T(langOf(r), "web.ppid.new"), Data: d})
}

// PPIDNewPage is the empty register form.
func (w *Web) PPIDNewPage(rw http.ResponseWriter, r *http.Request) error {
	return w.ppidNew(rw, r, http.StatusOK, &ppidNewData{Form: map[string]string{"medium": "softcopy", "delivery": "email", "channel": string(aduan.ChannelPhone)}})
}

// PPIDFromDesk opens the register form with what the operator already
// typed on the desk (the caller's name, number, address and words): the
// call turned out to be a request for information, not a complaint.
// Nothing is stored until the form is sent.
func (w *Web) PPIDFromDesk(rw http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	f := map[string]string{"medium": "softcopy", "delivery": "email", "channel": r.PostFormValue("channel"),
		"name": r.PostFormValue("name"), "address": r.PostFormValue("address"), "phone": r.PostFormValue("phone"),
		"email": r.PostFormValue("email"), "information": r.PostFormValue("text"), "call_id": r.PostFormValue("call_id")}
	if f["channel"] == "" {
		f["channel"] = string(aduan.ChannelPhone)
	}
	return w.ppidNew(rw, r, http.StatusOK, &ppidNewData{Form: f, FromDesk: true})
}

// PPIDRegister records a request from the form. From the desk (a call
// center person), the call is logged in the contact log as a
// "permintaan informasi" in the same transaction, and the request names it.
func (w *Web) PPIDRegister(rw http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	form := map[string]string{}
	for _, k := range ppidFormFields {
		form[k] = r.PostFormValue(k)
	}
	cityLoc, err := w.zone(r.Context())
	if err != nil {
		return err
	}
	actor, loc := actorOf(r), cityLoc
	var v aduan.Validation
	in := aduan.NewInfoRequest{Channel: aduan.Channel(form["channel"]), Name: form["name"], Address: form["address"], Phone: form["phone"],
		Email: form["email"], IDNumber: form["id_number"], Information: form["information"], Purpose: form["purpose"],
		Medium: form["medium"], Delivery: form["delivery"]}
	if t := parseLocal(&v, loc, "received_at", form["received_at"]); t != nil {
		in.ReceivedAt = *t
	}
	if actor.Role.CallCenter() {
		in.Contact = &aduan.Contact{Channel: in.Channel, StartedAt: in.ReceivedAt, CallID: strings.TrimSpace(form["call_id"])}
	}
	err = v.Err()
	var req *aduan.InfoRequest
	if err == nil {
		req, err = w.Stores.PPID.Register(r.Context(), actor, in, w.infoNotify())
	}
	if err != nil {
		fields, msg, ok := formErrors(langOf(r), err)
		if !ok || aduan.ErrorCode(err) == aduan.EFORBIDDEN {
			return err
		}
		return w.ppidNew(rw, r, http.StatusUnprocessableEntity, &ppidNewData{Form: form, Errors: fields, Error: msg, FromDesk: r.PostFormValue("from_desk") == "1"})
	}
	return redirect(rw, r, fmt.Sprintf("/ppid/%d", req.ID), "web.ok.ppid_registered")
}

// ppidRequestData is one request's page.
type ppidRequestData struct {
	R                 *aduan.InfoRequest
	Events            []aduan.InfoEvent
	Actions           []aduan.InfoAction
	Agencies          []aduan.Agency
	Decisions         []aduan.InfoDecision
	Grounds           []string
	ObjectionReasons  []string
	ObjectionDeadline *time.Time
	Overdue           bool
	SeesIdentity      bool
	Notices           []string
	Messages          []*channel.Message
	Errors            map[string]string
	Error             string
	Form              map[string]string
	Open              string // the action whose form failed, open again
}

// Can reports whether the step is among the reader's.
func (d *ppidRequestData) Can(act string) bool {
	for _, a := range d.Actions {
		if string(a) == act {
			return true
		}
	}
	return false
}

// PPIDRequest shows one request with its steps and the reader's buttons.
func (w *Web) PPIDRequest(rw http.ResponseWriter, r *http.Request) error {
	return w.ppidRequest(rw, r, http.StatusOK, &ppidRequestData{Form: map[string]string{}})
}

func (w *Web) ppidRequest(rw http.ResponseWriter, r *http.Request, status int, d *ppidRequestData) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.info_request")
	}
	actor, ctx := actorOf(r), r.Context()
	p := w.Stores.PPID
	if d.R, err = p.Request(ctx, actor, id); err != nil {
		return err
	}
	if d.Events, err = p.Events(ctx, id); err != nil {
		return err
	}
	atasan, _, err := p.Atasan(ctx)
	if err != nil {
		return err
	}
	cal, err := p.Calendar(ctx)
	if err != nil {
		return err
	}
	now := w.Stores.Clock.Now()
	d.Actions = aduan.InfoAllowedActions(d.R, actor, atasan)
	d.Overdue, d.ObjectionDeadline = d.R.Overdue(now), d.R.ObjectionDeadline(cal, now)
	d.SeesIdentity = aduan.InfoSeesIdentity(actor, d.R)
	if d.SeesIdentity {
		d.Notices = ppidsvc.NoticeKinds(d.R)
	}
	if d.Messages, err = p.Messages(ctx, actor, d.R); err != nil {
		return err
	}
	if d.Can(string(aduan.InfoActAssign)) {
		if d.Agencies, err = w.Stores.RefData.Agencies(ctx); err != nil {
			return err
		}
	}
	d.Decisions, d.Grounds, d.ObjectionReasons = aduan.InfoDecisions, aduan.Article17Grounds, aduan.ObjectionReasons
	return w.render(rw, r, status, "ppid_request", &Page{Title: d.R.Number, Data: d})
}

// ppidActionFields are the fields a step's form may send.
var ppidActionFields = []string{"agency_id", "reason", "decision", "answer", "ground", "consequence_test", "referral_to", "document_url",
	"document_name", "upheld", "reference", "outcome", "objection_reason"}

// PPIDAct takes a step from the request's page.
func (w *Web) PPIDAct(rw http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.info_request")
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	form := map[string]string{}
	for _, k := range ppidActionFields {
		form[k] = r.PostFormValue(k)
	}
	act := aduan.InfoAction(r.PostFormValue("action"))
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	agency, _ := strconv.ParseInt(form["agency_id"], 10, 64)
	in := aduan.InfoInput{AgencyID: agency, Reason: form["reason"], Decision: aduan.InfoDecision(form["decision"]), Answer: form["answer"],
		Ground: form["ground"], ConsequenceTest: form["consequence_test"], ReferralTo: form["referral_to"], DocumentURL: form["document_url"],
		DocumentName: form["document_name"], Upheld: form["upheld"] == "1", Reference: form["reference"], Outcome: form["outcome"],
		ObjectionReason: form["objection_reason"]}
	doc, err := w.infoDocument(r, id, act)
	if err == nil {
		if doc != nil && in.DocumentName == "" {
			in.DocumentName = doc.Filename
		}
		_, _, err = w.Stores.PPID.Act(r.Context(), actorOf(r), id, version, act, in, w.Stores.PPID.WithDocument(doc, w.infoNotify()))
		if err != nil && doc != nil {
			w.files().Delete(context.WithoutCancel(r.Context()), doc.Key)
		}
	}
	if err != nil {
		fields, msg, ok := formErrors(langOf(r), err)
		if !ok || aduan.ErrorCode(err) == aduan.EFORBIDDEN || aduan.ErrorCode(err) == aduan.ENOTFOUND {
			return err
		}
		return w.ppidRequest(rw, r, http.StatusUnprocessableEntity, &ppidRequestData{Form: form, Errors: fields, Error: msg, Open: string(act)})
	}
	return redirect(rw, r, fmt.Sprintf("/ppid/%d", id), ppidFlash[act])
}

// MaxInfoDocument bounds the information file attached to a decision.
const MaxInfoDocument = 20 << 20

// infoDocument stores the file sent with a decision (form field
// "document") in the attachment storage and returns its record, or nil
// when none was sent. It is kept under a key of the request and the file's
// hash; the decision's transaction records it (store.PPID.WithDocument).
func (w *Web) infoDocument(r *http.Request, id int64, act aduan.InfoAction) (*store.InfoFile, error) {
	if r.MultipartForm == nil || len(r.MultipartForm.File["document"]) == 0 {
		return nil, nil
	}
	fh := r.MultipartForm.File["document"][0]
	if fh.Size == 0 && fh.Filename == "" {
		return nil, nil
	}
	field := func(key string, args ...any) error {
		return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "document", Key: key, Args: args}}}
	}
	if act != aduan.InfoActDecide {
		return nil, field("err.ppid.document_decision")
	}
	files := w.files()
	if files == nil {
		return nil, field("err.ppid.document_off")
	}
	if fh.Size > MaxInfoDocument {
		return nil, field("err.ppid.document_size", MaxInfoDocument>>20)
	}
	f, err := fh.Open()
	if err != nil {
		return nil, fmt.Errorf("open the information file: %w", err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, MaxInfoDocument+1))
	if err != nil {
		return nil, fmt.Errorf("read the information file: %w", err)
	}
	if len(data) > MaxInfoDocument {
		return nil, field("err.ppid.document_size", MaxInfoDocument>>20)
	}
	sum := sha256.Sum256(data)
	name := path.Base(strings.ReplaceAll(fh.Filename, "\\", "/"))
	ext := strings.ToLower(path.Ext(name))
	if len(ext) > 8 || strings.Trim(ext, ".abcdefghijklmnopqrstuvwxyz0123456789") != "" {
		ext = ""
	}
	doc := &store.InfoFile{RequestID: id, Key: fmt.Sprintf("ppid/%d/%x%s", id, sum[:12], ext), Filename: name,
		ContentType: http.DetectContentType(data), Size: int64(len(data)), SHA256: fmt.Sprintf("%x", sum)}
	if err := files.Put(r.Context(), doc.Key, doc.ContentType, data); err != nil {
		return nil, fmt.Errorf("store the information file: %w", err)
	}
	return doc, nil
}

// writeDocument sends the information file of request id as a download.
func (w *Web) writeDocument(rw http.ResponseWriter, r *http.Request, id int64) error {
	doc, err := w.Stores.PPID.Document(r.Context(), id)
	if err != nil {
		return err
	}
	files := w.files()
	if files == nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.info_document")
	}
	f, err := files.Get(r.Context(), doc.Key)
	if err != nil {
		return fmt.Errorf("open the information file of request %d: %w", id, err)
	}
	defer f.Close()
	rw.Header().Set("Content-Type", doc.ContentType)
	rw.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": doc.Filename}))
	rw.Header().Set("X-Content-Type-Options", "nosniff")
	rw.Header().Set("Cache-Control", "no-store")
	_, err = io.Copy(rw, f)
	return err
}

// PPIDDocument serves the information file to a reader of the request.
func (w *Web) PPIDDocument(rw http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.info_request")
	}
	if _, err := w.Stores.PPID.Request(r.Context(), actorOf(r), id); err != nil {
		return err
	}
	return w.writeDocument(rw, r, id)
}

// ppidFlash is what the page says after each step.
var ppidFlash = map[aduan.InfoAction]string{
	aduan.InfoActAssign:           "web.ok.ppid_assign",
	aduan.InfoActExtend:           "web.ok.ppid_extend",
	aduan.InfoActDecide:           "web.ok.ppid_decide",
	aduan.InfoActObject:           "web.ok.ppid_object",
	aduan.InfoActAnswerObjection:  "web.ok.ppid_answer_objection",
	aduan.InfoActReferCommission:  "web.ok.ppid_refer_commission",
	aduan.InfoActCommissionResult: "web.ok.ppid_commission_result",
}

// PPIDNotice serves a written notice of a request as PDF, for the readers
// who see its requester (the letter is addressed to them).
func (w *Web) PPIDNotice(rw http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.info_request")
	}
	actor, ctx := actorOf(r), r.Context()
	req, err := w.Stores.PPID.Request(ctx, actor, id)
	if err != nil {
		return err
	}
	if !aduan.InfoSeesIdentity(actor, req) {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.notice")
	}
	return w.writeNotice(rw, r, req, strings.TrimSuffix(r.PathValue("kind"), ".pdf"))
}

// writeNotice renders the notice of req (with its requester) as PDF.
func (w *Web) writeNotice(rw http.ResponseWriter, r *http.Request, req *aduan.InfoRequest, kind string) error {
	ctx := r.Context()
	set, err := w.Stores.RefData.Settings(ctx)
	if err != nil {
		return err
	}
	cal, err := w.Stores.PPID.Calendar(ctx)
	if err != nil {
		return err
	}
	lh, err := w.Stores.PPID.Letterhead(ctx)
	if err != nil {
		return err
	}
	b, err := ppidsvc.NoticePDF(req, kind, lh, req.ObjectionDeadline(cal, w.Stores.Clock.Now()), ppidsvc.TrackLink(set, req.Number), langOf(r))
	if err != nil {
		return err
	}
	rw.Header().Set("Content-Type", "application/pdf")
	rw.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="%s.pdf"`, strings.ReplaceAll(store.InfoNoticeNumber(req, kind), "/", "-")))
	rw.Header().Set("Cache-Control", "no-store")
	_, err = rw.Write(b)
	return err
}

// infoNotify is what a request's step sends to its requester.
func (w *Web) infoNotify() store.InfoNotify { return ppidsvc.Notify(w.Store, w.Messaging) }

// PPIDDaftar is the daftar informasi publik in the console: the PPIDs add,
// change and remove entries (a PPID Pembantu its agency's); others read it
// as the public does.
func (w *Web) PPIDDaftar(rw http.ResponseWriter, r *http.Request) error {
	return w.ppidDaftar(rw, r, http.StatusOK, &infoListData{Form: map[string]string{}})
}

func (w *Web) ppidDaftar(rw http.ResponseWriter, r *http.Request, status int, d *infoListData) error {
	actor := actorOf(r)
	if !aduan.InfoCanRead(actor) {
		return aduan.Errorf(aduan.EFORBIDDEN, "err.forbidden")
	}
	d.Q, d.Kinds = strings.TrimSpace(r.URL.Query().Get("q")), aduan.PublicInfoKinds
	d.Keep = actor.Role == aduan.RolePPIDUtama || actor.Role == aduan.RolePPIDPembantu
	var err error
	if d.Entries, err = w.Stores.PPID.PublicList(r.Context(), d.Q); err != nil {
		return err
	}
	if d.Keep {
		if d.Agencies, err = w.Stores.RefData.Agencies(r.Context()); err != nil {
			return err
		}
	}
	return w.render(rw, r, status, "ppid_daftar", &Page{Title: i18n.T(langOf(r), "pub.ppid.daftar"), Data: d})
}

// PPIDDaftarSave adds or changes an entry (id in the form: 0 adds).
func (w *Web) PPIDDaftarSave(rw http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	form := map[string]string{}
	for _, k := range []string{"id", "title", "summary", "kind", "agency_id", "holder", "format", "period", "url"} {
		form[k] = r.PostFormValue(k)
	}
	id, _ := strconv.ParseInt(form["id"], 10, 64)
	agency, _ := strconv.ParseInt(form["agency_id"], 10, 64)
	actor := actorOf(r)
	if actor.Role == aduan.RolePPIDPembantu && agency == 0 {
		agency = actor.AgencyID
	}
	e := &aduan.PublicInfo{ID: id, Title: form["title"], Summary: form["summary"], Kind: form["kind"], AgencyID: agency,
		Holder: form["holder"], Format: form["format"], Period: form["period"], URL: form["url"]}
	if err := w.Stores.PPID.SavePublicInfo(r.Context(), actor, e); err != nil {
		fields, _, ok := formErrors(langOf(r), err)
		if !ok || aduan.ErrorCode(err) != aduan.EINVALID {
			return err
		}
		return w.ppidDaftar(rw, r, http.StatusUnprocessableEntity, &infoListData{Form: form, Errors: fields})
	}
	return redirect(rw, r, "/ppid/daftar", "web.ok.ppid_daftar_saved")
}

// PPIDDaftarDelete removes an entry.
func (w *Web) PPIDDaftarDelete(rw http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.public_info")
	}
	if err := w.Stores.PPID.DeletePublicInfo(r.Context(), actorOf(r), id); err != nil {
		return err
	}
	return redirect(rw, r, "/ppid/daftar", "web.ok.ppid_daftar_deleted")
}

// PPIDBook serves a register (book: permohonan or keberatan) of the
// requests received in a year (?year=, default this one) as CSV, XLSX or
// PDF; the identity columns are filled only for the roles that see it.
func (w *Web) PPIDBook(rw http.ResponseWriter, r *http.Request) error {
	cityNow, err := w.cityNow(r)
	if err != nil {
		return err
	}
	year := cityNow.Year()
	if y, err := strconv.Atoi(r.URL.Query().Get("year")); err == nil && y >= 2000 && y <= 9999 {
		year = y
	}
	// Files are named with their extension (register.csv), so that
	// browsers and crawlers know them for downloads.
	format := strings.TrimPrefix(path.Ext(r.PathValue("file")), ".")
	f, err := w.Stores.PPID.RegisterFile(r.Context(), actorOf(r), r.PathValue("book"), year, format, langOf(r))
	if err != nil {
		return err
	}
	rw.Header().Set("Content-Type", f.ContentType)
	rw.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, f.Name))
	rw.Header().Set("Cache-Control", "no-store")
	_, err = rw.Write(f.Body)
	return err
}

// ppidAnnualData is the annual report's page.
type ppidAnnualData struct {
	A *store.InfoAnnual
	// Report is the year's report under way or final (nil: none yet):
	// it is made final on its report page as the monthly report is.
	Report *report.Report
	// CanPrepare: the PPID Utama may start the year's report (the year is
	// over and none is under way or final).
	CanPrepare bool
	Error      string
}

// PPIDAnnual shows the annual public-information service report of a
// year: the figures of its final report, or computed now (provisional
// while the year runs).
func (w *Web) PPIDAnnual(rw http.ResponseWriter, r *http.Request) error {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 2000 || year > 9999 {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.route")
	}
	actor := actorOf(r)
	a, err := w.Stores.PPID.Annual(r.Context(), actor, year)
	if err != nil {
		return err
	}
	if strings.HasSuffix(r.PathValue("file"), ".pdf") {
		f, err := w.Stores.PPID.AnnualFile(r.Context(), actor, a, langOf(r))
		if err != nil {
			return err
		}
		rw.Header().Set("Content-Type", f.ContentType)
		rw.Header().Set("Content-Disposition", fmt.Sprintf(`inline; filename="%s"`, f.Name))
		_, err = rw.Write(f.Body)
		return err
	}
	d := &ppidAnnualData{A: a}
	switch d.Report, err = w.Stores.PPID.AnnualReport(r.Context(), actor, year, false); {
	case aduan.ErrorCode(err) == aduan.ENOTFOUND:
		d.CanPrepare = report.CanCreate(actor, report.Annual) && !a.Provisional
	case err != nil:
		return err
	}
	return w.render(rw, r, http.StatusOK, "ppid_annual", &Page{Title: i18n.T(langOf(r), "ppid.annual.title", year), Data: d})
}

// PPIDAnnualPrepare starts the year's annual report (or, with corrects, a
// correction of its final report) and goes to its report page, where the
// PPID Utama submits it for the Kasi/Kabid's paraf.
func (w *Web) PPIDAnnualPrepare(rw http.ResponseWriter, r *http.Request) error {
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 2000 || year > 9999 {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.route")
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	corrects, _ := strconv.ParseInt(r.PostFormValue("corrects"), 10, 64)
	if corrects == 0 {
		// One report of the year at a time: one under way is continued.
		switch cur, err := w.Stores.PPID.AnnualReport(r.Context(), actorOf(r), year, false); {
		case err == nil && cur.Status != report.StatusComplete:
			return redirect(rw, r, "/reports/"+strconv.FormatInt(cur.ID, 10), "")
		case err != nil && aduan.ErrorCode(err) != aduan.ENOTFOUND:
			return err
		}
	}
	rep, err := w.Stores.PPID.CreateReport(r.Context(), actorOf(r), report.NewReport{Kind: report.Annual, Year: year, Corrects: corrects,
		Narrative: r.PostFormValue("narrative")})
	if err != nil {
		return err
	}
	return redirect(rw, r, "/reports/"+strconv.FormatInt(rep.ID, 10), "web.ok.rep_created")
}
