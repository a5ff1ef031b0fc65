package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
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
	Messages    func(ctx context.Context, actor aduan.Actor, complaintID int64) ([]MessageView, error)
	Attachments func(ctx context.Context, actor aduan.Actor, complaintID int64) ([]AttachmentView, error)
}

type complaintData struct {
	C           *aduan.Complaint
	Events      []aduan.Event
	Allowed     []aduan.Action
	Identity    bool
	Content     bool
	Missing     []string
	Agencies    []aduan.Agency
	Categories  []aduan.Category
	DefaultAg   int64
	Duplicates  []*aduan.Complaint
	Original    *aduan.Complaint
	Messages    []MessageView
	Attachments []AttachmentView
	Do          string
	// The action whose form failed, its errors and what was typed.
	FailedAction string
	Errors       map[string]string
	Error        string
	Form         map[string]string
	Sources      []aduan.AnswerSource
	Overdue      bool
	// SMS previews the text an action would send (pages_messages.go).
	SMS map[string]*smsHint
}

// Complaint shows one complaint: the citizen, the text, the timeline of
// every step with its standard, the messages, and exactly the actions the
// state machine allows the user now.
func (w *Web) Complaint(rw http.ResponseWriter, r *http.Request) error {
	return w.complaintPage(rw, r, http.StatusOK, nil)
}

func (w *Web) complaintPage(rw http.ResponseWriter, r *http.Request, status int, failed *complaintData) error {
	actor := actorOf(r)
	id, err := pathID(r)
	if err != nil {
		return err
	}
	ctx := r.Context()
	c, err := w.Store.Complaint(ctx, actor, id)
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
	if d.Events, err = w.Store.Events(ctx, actor, id); err != nil {
		return err
	}
	d.Allowed = aduan.AllowedActions(c, actor)
	if d.Identity {
		if c.Citizen != nil {
			d.Missing = c.Citizen.Missing()
		} else {
			d.Missing = []string{"name", "phone", "address"}
		}
	}
	if c.Clock.Deadline != nil && c.Clock.PausedSince == nil && w.Store.Now().After(*c.Clock.Deadline) {
		d.Overdue = true
	}
	for _, a := range d.Allowed {
		if a == aduan.ActionForward {
			if d.Agencies, err = w.Store.Agencies(ctx); err != nil {
				return err
			}
			if c.CategoryID != 0 {
				if cat, err := w.Store.Category(ctx, c.CategoryID); err == nil {
					d.DefaultAg = cat.DefaultAgencyID
				}
			}
			if c.Status == aduan.StatusReturned && d.DefaultAg == c.AgencyID {
				d.DefaultAg = 0
			}
		}
	}
	if actor.Can(aduan.PermComplaintEdit) && c.Open() {
		if d.Categories, err = w.Store.Categories(ctx); err != nil {
			return err
		}
	}
	if c.DuplicateOf != 0 {
		if o, err := w.Store.Complaint(ctx, actor, c.DuplicateOf); err == nil {
			d.Original = o
		}
	}
	if d.Duplicates, _, err = w.Store.ListComplaints(ctx, actor, aduan.ComplaintFilter{DuplicateOf: c.ID, Limit: 50}); err != nil {
		return err
	}
	if w.Extras.Messages != nil && d.Content {
		if d.Messages, err = w.Extras.Messages(ctx, actor, id); err != nil {
			return err
		}
	}
	if w.Extras.Attachments != nil && d.Content {
		if d.Attachments, err = w.Extras.Attachments(ctx, actor, id); err != nil {
			return err
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
	return w.render(rw, r, status, "complaint", &Page{Title: c.Number, Data: d})
}

// Act takes one workflow step from the complaint page's forms.
func (w *Web) Act(rw http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	v := r.PostFormValue
	lang := langOf(r)
	act := aduan.Action(v("action"))
	version, _ := strconv.ParseInt(v("version"), 10, 64)
	form := map[string]string{}
	for k := range r.PostForm {
		form[k] = v(k)
	}
	fail := func(err error) error {
		fields, msg, ok := formErrors(lang, err)
		if !ok {
			return err
		}
		return w.complaintPage(rw, r, statusFor(err), &complaintData{FailedAction: string(act), Errors: fields, Error: msg, Form: form, Do: string(act)})
	}
	if act == "edit" {
		return w.edit(rw, r, id, version, fail)
	}
	in := aduan.ActionInput{Answer: v("answer"), Source: aduan.AnswerSource(v("source")), SourceRef: v("source_ref"),
		Reason: v("reason"), Note: v("note")}
	if s := v("agency_id"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return fail(fieldError("agency_id", "err.field.unknown"))
		}
		in.AgencyID = n
	}
	switch act {
	case aduan.ActionMarkDuplicate:
		ref := strings.TrimSpace(v("duplicate_of"))
		if ref != "" {
			o, err := w.Store.ComplaintByNumber(r.Context(), actor, ref)
			if err != nil {
				n, perr := strconv.ParseInt(ref, 10, 64)
				if perr != nil {
					return fail(fieldError("duplicate_of", "err.field.unknown"))
				}
				in.DuplicateOf = n
			} else {
				in.DuplicateOf = o.ID
			}
		}
	case aduan.ActionProvideIdentity:
		in.Citizen = &aduan.CitizenInput{Name: v("name"), Phone: v("phone"), Address: v("address"), Email: v("email"), KelurahanCode: v("citizen_kelurahan")}
	case aduan.ActionRequestIdentity:
		if c, err := w.Store.Complaint(r.Context(), actor, id); err == nil {
			if c.Citizen != nil {
				in.Missing = c.Citizen.Missing()
			} else {
				in.Missing = []string{"name", "phone", "address"}
			}
		}
	}
	if _, _, err := w.Store.ApplyAction(r.Context(), actor, id, version, act, in); err != nil {
		return fail(err)
	}
	to := "/complaints/" + strconv.FormatInt(id, 10)
	if actor.Role.AgencyBound() && (act == aduan.ActionAgencyAnswer || act == aduan.ActionReturn) {
		to = "/pd"
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
	if _, err := w.Store.EditComplaint(r.Context(), actorOf(r), id, version, p); err != nil {
		return fail(err)
	}
	return redirect(rw, r, "/complaints/"+strconv.FormatInt(id, 10), "web.ok.saved")
}

func fieldError(field, key string) error {
	return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: field, Key: key}}}
}

func statusFor(err error) int {
	switch aduan.ErrorCode(err) {
	case aduan.ECONFLICT, aduan.ETRANSITION:
		return http.StatusConflict
	case aduan.EFORBIDDEN:
		return http.StatusForbidden
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

// stepLabel is the label of an event for the timeline.
func stepLabel(lang i18n.Lang, e aduan.Event) string {
	if e.Step != "" {
		return i18n.T(lang, "step."+string(e.Step))
	}
	return i18n.T(lang, "action."+string(e.Action))
}
