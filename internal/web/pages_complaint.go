package web

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// MessageView is one message in or out, as the complaint page shows it.
type MessageView struct {
	At        string
	Channel   string
	Direction string // in, out
	Party     string
	Body      string
	Status    string
	Error     string // a catalogue key, or a gateway's own words
	// ID names the message for the retry form.
	ID      int64
	Time    time.Time
	Subject string
	// PurposeKey and StatusKey are catalogue keys: why it was sent, where
	// it stands (Status is then the class: outbox, sent, failed …).
	PurposeKey string
	StatusKey  string
	Parts      int
	// Hidden: the viewer may not see to whom or what (the party is masked).
	Hidden bool
	// Retry: failed or in doubt, and the viewer may send it again.
	Retry bool
}

// AttachmentView is one attached file (a photo) on the complaint page.
type AttachmentView struct {
	Name, URL, ThumbURL string
}

// Extras fill the parts of the complaint page that other areas own.
type Extras struct {
	// Messages lists the messages of c, which the page has read (and, for
	// a confidential complaint, audited) already: it must not read c again
	// through Store.Complaint, which would audit each part of one page.
	Messages    func(ctx context.Context, actor aduan.Actor, c *aduan.Complaint) ([]MessageView, error)
	Attachments func(ctx context.Context, actor aduan.Actor, complaintID int64) ([]AttachmentView, error)
	// Files keeps the photos an agency sends with its answer (nil: the
	// answer form takes no photos); MaxPhotoBytes bounds each.
	Files         attach.Storage
	MaxPhotoBytes int64
}

type complaintData struct {
	C        *aduan.Complaint
	Lapor    *store.LaporReport // a report SP4N-LAPOR! dispositioned: its tracking ID and deadlines
	Events   []aduan.Event
	Allowed  []aduan.Action
	Identity bool
	Content  bool
	Missing  []string
	// Stated is what the caller typed through an unverified channel that
	// differs from the stored identity (pages_identity.go).
	Stated       *store.StatedIdentity
	SettleStated bool // the reader may adopt or dismiss it
	Agencies     []aduan.Agency
	Categories   []aduan.Category
	DefaultAg    int64
	Duplicates   []*aduan.Complaint
	Original     *aduan.Complaint
	Messages     []MessageView
	// NotifyFailed: the forward's notification reached nobody at the
	// agency (pages_notify.go); shown in the page's header.
	NotifyFailed *notifyFailed
	// AnswerFailed: the latest answer to the citizen failed (pages_notify.go).
	AnswerFailed *notifyFailed
	// Agency: the agency side of the forward (pages_agencyflow.go).
	Agency      agencyFlow
	Attachments []AttachmentView
	Do          string
	// View names this page view for the live refreshes of its messages
	// section (the request ID; see Store.ComplaintInView).
	View string
	// The action whose form failed, its errors and what was typed.
	FailedAction string
	Errors       map[string]string
	Error        string
	Form         map[string]string
	Sources      []aduan.AnswerSource
	Overdue      bool
	// SMS previews the text an action would send (pages_messages.go).
	SMS map[string]*smsHint
	// saved: the complaint was just saved at the desk and the step that
	// was to follow failed (the page says it was saved all the same).
	saved bool
	// CanNote: the viewer may log a note, a call-back attempt or photos
	// received another way (pages_notes.go).
	CanNote bool
	// Photos: the notes form takes photos (attachment storage is set).
	Photos bool
	// NeedCategory: the complaint has no category and a step offered
	// needs one (aduan.CategoryFirst); the answer, forward and close forms
	// then ask for it, SuggestCategory pre-selected (the routing model's
	// confident first choice, 0 if none).
	NeedCategory    bool
	SuggestCategory int64
	// Kept is what was typed into a step's form that failed and is no
	// longer offered (another operator took a step first): the texts, by
	// field, shown so that nothing typed is lost.
	Kept map[string]string
	// Token names the page's step forms (formtoken.go): one step at most
	// is taken from one drawing of the page, and a form sent twice shows
	// the step done rather than a "changed meanwhile" error.
	Token string
}

// Complaint shows one complaint: the citizen, the text, the timeline of
// every step with its standard, the messages, and exactly the actions the
// state machine allows the user now.
func (w *Web) Complaint(rw http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	return w.complaintPage(rw, r, id, http.StatusOK, nil)
}

// complaintPage renders complaint id; failed, if set, is a step whose form
// comes back open with what was typed and why it failed.
func (w *Web) complaintPage(rw http.ResponseWriter, r *http.Request, id int64, status int, failed *complaintData) error {
	actor := actorOf(r)
	ctx := r.Context()
	c, err := w.Stores.Complaints.Complaint(ctx, actor, id)
	if err != nil {
		return err
	}
	d := &complaintData{Sources: []aduan.AnswerSource{aduan.SourceDirect, aduan.SourceLibrary, aduan.SourceComplaint, aduan.SourceWeb}}
	if failed != nil {
		d = failed
		d.Sources = []aduan.AnswerSource{aduan.SourceDirect, aduan.SourceLibrary, aduan.SourceComplaint, aduan.SourceWeb}
	}
	d.C = c
	d.Identity, d.Content = actor.CanSeeIdentity(c), actor.CanSeeContent(c)
	if d.Events, err = w.Stores.Complaints.Events(ctx, actor, id); err != nil {
		return err
	}
	d.Allowed = aduan.AllowedActions(c, actor)
	cityLoc, err := w.zone(r.Context())
	if err != nil {
		return err
	}
	d.Agency = agencyFlowOf(c, d.Events, cityLoc)
	if c.Channel == aduan.ChannelLapor {
		if d.Lapor, err = w.Store.Lapor().Of(ctx, actor, id); err != nil && aduan.ErrorCode(err) != aduan.ENOTFOUND {
			return err
		}
	}
	if d.Identity {
		d.Missing = c.Citizen.Missing()
	}
	if err := w.fillStated(r, d); err != nil {
		return err
	}
	if c.Clock.Deadline != nil && c.Clock.PausedSince == nil && w.Stores.Clock.Now().After(*c.Clock.Deadline) {
		d.Overdue = true
	}
	for _, a := range d.Allowed {
		if a == aduan.ActionForward || a == aduan.ActionWithdraw {
			if d.Agencies, err = w.Stores.RefData.Agencies(ctx); err != nil {
				return err
			}
			if c.CategoryID != 0 {
				if cat, err := w.Stores.RefData.Category(ctx, c.CategoryID); err == nil {
					d.DefaultAg = cat.DefaultAgencyID
				}
			}
			if (c.Status == aduan.StatusReturned || c.Status.AtAgency()) && d.DefaultAg == c.AgencyID {
				d.DefaultAg = 0
			}
		}
	}
	d.CanNote, d.Photos = actor.Can(aduan.PermComplaintEdit), w.Extras.Files != nil
	if actor.Can(aduan.PermComplaintEdit) && c.Open() {
		if d.Categories, err = w.Stores.RefData.Categories(ctx); err != nil {
			return err
		}
	}
	if d.FailedAction != "" && !slices.Contains(d.Allowed, aduan.Action(d.FailedAction)) {
		for _, k := range []string{"answer", "reason", "note"} {
			if v := strings.TrimSpace(d.Form[k]); v != "" {
				if d.Kept == nil {
					d.Kept = map[string]string{}
				}
				d.Kept[k] = v
			}
		}
	}
	if c.CategoryID == 0 && slices.ContainsFunc(d.Allowed, aduan.NeedsCategory) {
		d.NeedCategory = true
		if d.Categories == nil {
			if d.Categories, err = w.Stores.RefData.Categories(ctx); err != nil {
				return err
			}
		}
		if d.Content {
			d.SuggestCategory = w.confidentCategory(ctx, c.Text, c.KelurahanCode)
		}
	}
	if c.DuplicateOf != 0 {
		if o, err := w.Stores.Complaints.Complaint(ctx, actor, c.DuplicateOf); err == nil {
			d.Original = o
		}
	}
	if d.Duplicates, _, err = w.Stores.Complaints.ListComplaints(ctx, actor, aduan.ComplaintFilter{DuplicateOf: c.ID, Limit: 50, Brief: true}); err != nil {
		return err
	}
	if w.Extras.Messages != nil && d.Content {
		if d.Messages, err = w.Extras.Messages(ctx, actor, c); err != nil {
			return err
		}
		d.AnswerFailed = answerNotifyFailed(c, d.Messages)
		if d.NotifyFailed = forwardNotifyFailed(c, d.Messages); d.NotifyFailed != nil {
			// Its office line, to phone instead.
			if a, err := w.Stores.RefData.Agency(ctx, c.AgencyID); err == nil {
				d.NotifyFailed.Agency = *a
			}
		}
	}
	d.View = reqctx.RequestID(ctx)
	if w.Extras.Attachments != nil && d.Content {
		if d.Attachments, err = w.Extras.Attachments(ctx, actor, id); err != nil {
			return err
		}
		// The photos are part of this page view: fetching them is not
		// another read of a rahasia complaint (Store.ComplaintInView).
		for i := range d.Attachments {
			d.Attachments[i].URL = withView(d.Attachments[i].URL, d.View)
			d.Attachments[i].ThumbURL = withView(d.Attachments[i].ThumbURL, d.View)
		}
	}
	if d.Content {
		if d.SMS, err = w.smsHints(ctx, c, d); err != nil {
			return err
		}
	}
	if failed == nil {
		d.Do = r.URL.Query().Get("do")
	}
	// A step that failed did nothing, so its form keeps its token; the
	// page drawn anew gets a fresh one.
	if d.Token = d.Form[formTokenField]; d.Token == "" {
		d.Token = newFormToken()
	}
	p := &Page{Title: c.Number, Data: d}
	if d.saved {
		p.Flash = i18n.T(langOf(r), "web.ok.saved")
	}
	if k := r.URL.Query().Get("ok"); k == "web.ok.already_saved" {
		// The desk's form sent again: the flash names the complaint.
		p.Flash = i18n.T(langOf(r), k, c.Number)
	}
	return w.render(rw, r, status, "complaint", p)
}

// ComplaintMessages serves the complaint page's messages section alone:
// the page fetches it again when a message of the complaint changes (a
// delivery report, a reply), rather than the whole page. It answers those
// who see the section on the page (the complaint visible to them, its
// content too) and refuses the others as the page would. A confidential
// complaint's refresh writes no audit row of its own when it names (?view=)
// the page view whose read was audited: the read is that page's, which
// stays open; the refreshes of one page view are not new reads. A refresh
// without that (fetched on its own, or a day later) is audited like any
// read; see Store.ComplaintInView.
func (w *Web) ComplaintMessages(rw http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	c, view, err := w.Stores.Complaints.ComplaintInView(ctx, actor, id, r.URL.Query().Get("view"))
	if err != nil {
		return err
	}
	d := &complaintData{C: c, Content: true, View: view}
	if w.Extras.Messages != nil {
		if d.Messages, err = w.Extras.Messages(ctx, actor, c); err != nil {
			return err
		}
	}
	return w.fragment(rw, r, "complaint", "messages", &Page{Data: d})
}

// Act takes one workflow step from the complaint page's forms.
func (w *Web) Act(rw http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	id, err := pathID(r)
	if err != nil {
		return err
	}
	lang := langOf(r)
	multipart, shown, err := w.stepForm(rw, r, id, "")
	if shown || err != nil {
		return err
	}
	v := r.PostFormValue
	act := aduan.Action(v("action"))
	version, _ := strconv.ParseInt(v("version"), 10, 64)
	form := typedForm(r)
	fail := func(err error) error {
		fields, msg, ok := formErrors(lang, err)
		if !ok {
			return err
		}
		if code := aduan.ErrorCode(err); code == aduan.ECONFLICT || code == aduan.ETRANSITION {
			// Another operator acted first: what this one typed comes back
			// (in its form if the step is still offered, else in a box of
			// its own: Kept), and the message says what happened.
			msg = i18n.T(lang, "desk.conflict_kept")
		}
		return w.complaintPage(rw, r, id, statusFor(err), &complaintData{FailedAction: string(act), Errors: fields, Error: msg, Form: form, Do: string(act)})
	}
	if act == "edit" {
		return w.edit(rw, r, id, version, fail)
	}
	in := aduan.ActionInput{Answer: v("answer"), Source: aduan.AnswerSource(v("source")), SourceRef: v("source_ref"),
		Reason: v("reason"), Note: v("note"), ReachedBy: v("reached_by"), ToldOnCall: v("told_on_call") != "", Confirm: v("confirm") != "",
		AnsweredBy: v("answered_by"), AnsweredAt: v("answered_at"), Via: v("via"), PromisedBy: v("promised_by"), Outcome: v("outcome")}
	if s := v("agency_id"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fail(fieldError("agency_id", "err.field.unknown"))
		}
		in.AgencyID = n
	}
	if s := v("category_id"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fail(fieldError("category_id", "err.field.unknown"))
		}
		in.CategoryID = n
	}
	switch act {
	case aduan.ActionMarkDuplicate:
		ref := strings.TrimSpace(v("duplicate_of"))
		if ref != "" {
			id, err := w.Stores.Complaints.ComplaintRef(r.Context(), actor, ref)
			if aduan.ErrorCode(err) == aduan.ENOTFOUND {
				return fail(fieldError("duplicate_of", "err.field.unknown"))
			} else if err != nil {
				return err
			}
			in.DuplicateOf = id
		}
	case aduan.ActionProvideIdentity:
		in.Citizen = &aduan.CitizenInput{Name: v("name"), Phone: v("phone"), Address: v("address"), Email: v("email"), KelurahanCode: v("citizen_kelurahan")}
	case aduan.ActionRequestIdentity:
		if c, err := w.Stores.Complaints.Complaint(r.Context(), actor, id); err == nil {
			in.Missing = c.Citizen.Missing()
		}
	}
	to := "/complaints/" + strconv.FormatInt(id, 10)
	if actor.Role.AgencyBound() && (act == aduan.ActionAgencyAnswer || act == aduan.ActionReturn) {
		to = "/pd"
	}
	// The same step form sent again (a double click, the browser resending
	// it) shows the step done, as the first post did, instead of the
	// "changed meanwhile" its stale version would get. The token with
	// another form (another step, other text) gets what it would without
	// one: the page drawn when it was sent has changed since, by the step
	// taken with it, and the form comes back saying so with nothing done,
	// and with a fresh token (this one is spent).
	o := w.formOnce(r)
	if ans, changed, err := formDone(r.Context(), o); err != nil {
		return fail(err)
	} else if ans != nil && !changed {
		return redirect(rw, r, ans.Location, "web.ok.done."+string(act))
	} else if changed {
		delete(form, formTokenField)
	}
	ctx := r.Context()
	// What commits with the step: the form's token, then its photos.
	var within []store.TxHook
	if o != nil {
		within = append(within, recordForm(o, func(*aduan.Complaint) string { return to }))
	}
	// Photos go with an agency's answer only, and are opened and stored
	// only once the actor may take that step on this complaint now: a role
	// that may not act stores nothing (and costs no decoding).
	var photos []*attach.Attachment
	if multipart && (act == aduan.ActionAgencyAnswer || act == aduan.ActionRecordAgencyAnswer) && len(r.MultipartForm.File["photos"]) > 0 {
		c, err := w.Stores.Complaints.Complaint(ctx, actor, id)
		if err != nil {
			return err
		}
		if err := aduan.MayTake(c, actor, act); err != nil {
			return fail(err)
		}
		if photos, err = w.readPhotos(r, id); err != nil {
			return fail(err)
		}
	}
	if len(photos) > 0 {
		// The photos are recorded in the answer's own transaction: the
		// answer and its pictures arrive together or not at all.
		within = append(within, func(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, ev *aduan.Event) error {
			for _, a := range photos {
				a.ComplaintID = c.ID
				if _, err := w.Store.Attachments().InsertAttachment(ctx, tx, a); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if _, _, err := w.Stores.Complaints.ApplyAction(ctx, actor, id, version, act, in, within...); err != nil {
		// The step was not taken: its photos are not kept either.
		dropPhotos(context.WithoutCancel(ctx), w.Extras.Files, photos)
		if aduan.ErrorCode(err) == aduan.ECONFLICT {
			// Sent twice at once: the other post took the step (the
			// version moved, or the key was taken); its result is ours.
			if ans, changed, lerr := formDone(r.Context(), o); lerr == nil && ans != nil && !changed {
				return redirect(rw, r, ans.Location, "web.ok.done."+string(act))
			} else if changed {
				delete(form, formTokenField)
			}
		}
		return fail(err)
	}
	return redirect(rw, r, to, "web.ok.done."+string(act))
}

func (w *Web) edit(rw http.ResponseWriter, r *http.Request, id, version int64, fail func(error) error) error {
	v := r.PostFormValue
	var p aduan.ComplaintPatch
	if r.PostForm.Has("category") {
		n, err := strconv.ParseInt("0"+v("category"), 10, 64)
		if err != nil {
			return fail(fieldError("category_id", "err.field.unknown"))
		}
		p.CategoryID = &n
	}
	if r.PostForm.Has("priority") {
		pr := aduan.Priority(v("priority"))
		p.Priority = &pr
	}
	if r.PostForm.Has("confidentiality") {
		cf := aduan.Confidentiality(v("confidentiality"))
		p.Confidentiality = &cf
	}
	if _, err := w.Stores.Complaints.EditComplaint(r.Context(), actorOf(r), id, version, p); err != nil {
		return fail(err)
	}
	return redirect(rw, r, "/complaints/"+strconv.FormatInt(id, 10), "web.ok.saved")
}

// withView adds the page view's name to a link of the page's own.
func withView(u, view string) string {
	if u == "" || view == "" {
		return u
	}
	sep := "?"
	if strings.Contains(u, "?") {
		sep = "&"
	}
	return u + sep + "view=" + url.QueryEscape(view)
}

func fieldError(field, key string) error {
	return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: field, Key: key}}}
}

func statusFor(err error) int {
	// A form shown again answers 400 for what the user can fix on it; the
	// rest keep the status every surface gives them (reqctx.StatusOf): a
	// database that is down or full is a 503 here as on the API.
	switch code := aduan.ErrorCode(err); code {
	case aduan.ECONFLICT, aduan.ETRANSITION, aduan.EFORBIDDEN, aduan.EUNAVAILABLE:
		return reqctx.StatusOf(code)
	}
	return http.StatusBadRequest
}

func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
	}
	return id, nil
}

// maxPhotos is how many photos one answer may carry.
const maxPhotos = 6

// parsePhotoForm reads a multipart step form, its files (up to maxPhotos
// of MaxPhotoBytes each) kept aside unopened.
func (w *Web) parsePhotoForm(rw http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(rw, r.Body, w.StepBodyLimit())
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "photos", Key: "web.photos.too_large", Args: []any{maxPhotos, w.maxPhoto() >> 20}}}}
	}
	return nil
}

// stepForm reads a form of the complaint page, its photos kept aside when
// it carries some (and photos are kept at all). A form too large comes
// back as the complaint page with the reason (413, shown true), the form
// do open.
func (w *Web) stepForm(rw http.ResponseWriter, r *http.Request, id int64, do string) (multipart, shown bool, err error) {
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") || w.Extras.Files == nil {
		return false, false, parseForm(rw, r)
	}
	if err := w.parsePhotoForm(rw, r); err != nil {
		fields, msg, _ := formErrors(langOf(r), err)
		return true, true, w.complaintPage(rw, r, id, http.StatusRequestEntityTooLarge, &complaintData{Errors: fields, Error: msg, Do: do})
	}
	return true, false, nil
}

// typedForm is what a posted form holds, to show it again as typed.
func typedForm(r *http.Request) map[string]string {
	form := map[string]string{}
	for k := range r.PostForm {
		form[k] = r.PostFormValue(k)
	}
	return form
}

func (w *Web) maxPhoto() int64 {
	if w.Extras.MaxPhotoBytes > 0 {
		return w.Extras.MaxPhotoBytes
	}
	return 10 << 20
}

// readPhotos opens the photos of a parsed multipart step form: images only
// (checked by their content, not their name), each within the size and
// decoding limits, their location metadata removed; stored before the step
// is taken (and deleted again if it is not).
func (w *Web) readPhotos(r *http.Request, complaintID int64) ([]*attach.Attachment, error) {
	max := w.maxPhoto()
	var out []*attach.Attachment
	files := r.MultipartForm.File["photos"]
	if len(files) > maxPhotos {
		return nil, &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "photos", Key: "web.photos.too_many", Args: []any{maxPhotos}}}}
	}
	for i, fh := range files {
		if fh.Size == 0 {
			continue
		}
		f, err := fh.Open()
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(io.LimitReader(f, max+1))
		f.Close()
		if err != nil {
			return nil, err
		}
		img, err := attach.Process(data, max)
		if err != nil {
			key := "web.photos.bad"
			if errors.Is(err, attach.ErrDimensions) {
				key = "upload.err.photo_pixels_file"
			}
			return nil, &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "photos", Key: key, Args: []any{fh.Filename}}}}
		}
		base := fmt.Sprintf("answers/%d/%s-%d", complaintID, newID(), i)
		key, thumb := base+img.Ext, base+"-thumb.jpg"
		if err := w.Extras.Files.Put(r.Context(), key, img.ContentType, img.Data); err != nil {
			return nil, err
		}
		if err := w.Extras.Files.Put(r.Context(), thumb, "image/jpeg", img.Thumb); err != nil {
			return nil, err
		}
		out = append(out, &attach.Attachment{Part: i, Filename: fh.Filename, ContentType: img.ContentType, Size: int64(len(img.Data)),
			Width: img.Width, Height: img.Height, Key: key, ThumbKey: thumb, SHA256: img.SHA256, Lat: img.Lat, Lng: img.Lng})
	}
	return out, nil
}
