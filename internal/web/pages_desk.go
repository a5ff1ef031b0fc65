package web

import (
	"context"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

// intakeForm is what the operator types, kept as typed so that a form with
// an error comes back with everything still in it.
type intakeForm struct {
	Phone, Name, Email, Address, CitizenKel string
	Text, Place, Kelurahan                  string
	Category, Priority, Confidentiality     string
	Channel, ReceivedAt, CallID             string
	// Agency is where "save & forward" sends it (the routing suggestion
	// fills it); Answer with its Source and SourceRef is what "save &
	// answer" answers (a library answer fills all three); DuplicateOf is
	// the open complaint "link as duplicate" names.
	Agency, Answer, Source, SourceRef, DuplicateOf string
	// ToldOnCall: the caller heard the answer on this call (an answer to a
	// caller with no mobile or e-mail needs it, aduan.ActionInput).
	ToldOnCall bool
	// Confirm: the operator saw why the link as a duplicate is unusual
	// and links all the same (aduan.ActionInput).
	Confirm bool
	// Token names this form (formtoken.go): a fresh one for each blank
	// desk, the same when the form comes back with an error.
	Token string
}

type deskData struct {
	F      intakeForm
	Errors map[string]string
	Error  string
	// SavedAs is the complaint this form was saved as already, when it
	// comes back sent again with other contents (linked beside Error).
	SavedAs    *formAnswer
	Citizen    *aduan.Citizen
	Past       []*aduan.Complaint
	Kecamatan  []aduan.Kecamatan
	Kelurahan  map[string][]aduan.Kelurahan
	Categories []aduan.Category
	Agencies   []aduan.Agency
	Channels   []aduan.Channel
	Priorities []aduan.Priority
	Confs      []aduan.Confidentiality
	Missing    []string
	Hits       []Hit
	Routing    *RoutingView
	Similar    []SimilarView
	Call       bool
	Frag       bool // rendering the identity fragment alone (htmx)
	// Toast says what became of the complaint saved at this desk a moment
	// ago, linking it (the desk is fresh for the next call: deskSaved).
	Toast template.HTML
}

// Hit is one suggestion of the panel beside the intake form: an answer from
// the library or a past answered complaint.
type Hit struct {
	Title, Text, Answer, Source, Ref, Href string
	// EntryID is the library entry (0 for a past complaint).
	EntryID int64
	// Snippet is the text with matching words marked (already escaped).
	Snippet any
	// Example: a past complaint's answer, shown as a reference with its
	// place and date (see markExamples), never as an answer to send.
	Example bool
	Place   string
	Date    time.Time
	// OtherPlace and Old warn that the example does not fit this caller.
	OtherPlace, Old bool
	kelurahanCode   string
}

// Searcher finds answers for the panel beside the intake form. The answer
// library plugs its search in here; until then a plain text search of past
// answered complaints serves.
type Searcher func(ctx context.Context, actor aduan.Actor, text string) ([]Hit, error)

// deskData is the intake form with f filled in. When the database is away
// and this instance holds no copy of the reference data, it returns the
// form with lists of only what f picked (typedRefs) and the error: a page
// that shows a form fails, one that shows a typed form again may use it.
func (w *Web) deskData(ctx context.Context, f intakeForm) (*deskData, error) {
	refs, err := w.readDeskRefs(ctx)
	if err != nil {
		if aduan.ErrorCode(err) != aduan.EUNAVAILABLE {
			return nil, err
		}
		refs = typedRefs(f)
	}
	d := &deskData{F: f, Channels: deskChannels(), Priorities: aduan.Priorities, Confs: aduan.Confidentialities,
		Kecamatan: refs.Kecamatan, Kelurahan: refs.Kelurahan, Categories: refs.Categories, Agencies: refs.Agencies}
	if d.F.Channel == "" {
		d.F.Channel = string(aduan.ChannelPhone)
	}
	if d.F.Confidentiality == "" {
		d.F.Confidentiality = string(aduan.Public)
	}
	return d, err
}

// lookup fills the citizen and their past complaints from the typed phone.
func (w *Web) lookup(ctx context.Context, actor aduan.Actor, d *deskData) {
	if strings.TrimSpace(d.F.Phone) == "" {
		return
	}
	c, err := w.Stores.Citizens.CitizenByPhone(ctx, actor, d.F.Phone)
	if err != nil {
		return // not yet a valid number, or a new caller
	}
	d.Citizen = c
	if d.F.Name == "" {
		d.F.Name = c.Name
	}
	if d.F.Address == "" {
		d.F.Address = c.Address
	}
	if d.F.Email == "" {
		d.F.Email = c.Email
	}
	if d.F.CitizenKel == "" {
		d.F.CitizenKel = c.KelurahanCode
	}
	d.Past, _, _ = w.Stores.Complaints.ListComplaints(ctx, actor, aduan.ComplaintFilter{CitizenID: c.ID, Limit: 8})
}

func (d *deskData) missing() {
	d.Missing = nil
	if strings.TrimSpace(d.F.Name) == "" {
		d.Missing = append(d.Missing, "name")
	}
	if strings.TrimSpace(d.F.Phone) == "" {
		d.Missing = append(d.Missing, "phone")
	}
	if strings.TrimSpace(d.F.Address) == "" {
		d.Missing = append(d.Missing, "address")
	}
}

// Desk shows the intake form. ?phone= pre-fills it (the incoming-call pop
// opens it so).
func (w *Web) Desk(rw http.ResponseWriter, r *http.Request) error {
	if err := actorOf(r).Require(aduan.PermComplaintCreate); err != nil {
		return err
	}
	q := r.URL.Query()
	f := intakeForm{Phone: q.Get("phone"), CallID: q.Get("call"), ReceivedAt: q.Get("received_at"), Token: newFormToken()}
	d, err := w.deskData(r.Context(), f)
	if err != nil {
		return err
	}
	d.Call = f.CallID != ""
	w.lookup(r.Context(), actorOf(r), d)
	d.missing()
	d.Toast = w.savedToast(r)
	return w.render(rw, r, http.StatusOK, "desk", &Page{Title: i18n.T(langOf(r), "web.nav.desk"), Data: d})
}

// suggestCategory fills an empty category with the routing model's first
// choice when the model is confident (the desk's script does the same as
// the text is typed; this is for the form drawn by the server), so that
// the operator confirms rather than searches. It stays editable.
func (w *Web) suggestCategory(ctx context.Context, f *intakeForm) {
	if f.Category != "" || strings.TrimSpace(f.Text) == "" {
		return
	}
	if id := w.confidentCategory(ctx, f.Text, f.Kelurahan); id != 0 {
		f.Category = strconv.FormatInt(id, 10)
	}
}

// confidentCategory is the routing model's first category for text when
// it is confident (not Manual); 0 otherwise, or without a model.
func (w *Web) confidentCategory(ctx context.Context, text, kelurahan string) int64 {
	v, err := w.routingView(ctx, text, kelurahan)
	if err != nil || v == nil || v.Manual || len(v.Categories) == 0 {
		return 0
	}
	return v.Categories[0].ID
}

// deskSaved answers a desk form that was saved: a fresh desk for the next
// call (the operator is on the phone; the complaint page was a detour),
// whose toast links the complaint saved (?saved=ID) and says what was done
// (done: a web.ok.desk.* key naming the number). A form posted by htmx
// gets the same address as HX-Location, which htmx loads in place.
func deskSaved(rw http.ResponseWriter, r *http.Request, id int64, done string) error {
	to := "/desk?saved=" + strconv.FormatInt(id, 10)
	if r.Header.Get("HX-Request") == "true" {
		to += "&ok=" + url.QueryEscape(done)
		rw.Header().Set("HX-Location", to)
		rw.WriteHeader(http.StatusOK)
		return nil
	}
	return redirect(rw, r, to, done)
}

// savedToast is the desk's toast after a save (deskSaved): the flash's
// words with the complaint's number as a link to it. Nothing when the
// complaint cannot be read (a bad ID in the address, another's rahasia).
func (w *Web) savedToast(r *http.Request) template.HTML {
	q := r.URL.Query()
	id, err := strconv.ParseInt(q.Get("saved"), 10, 64)
	k := q.Get("ok")
	if err != nil || id <= 0 || !strings.HasPrefix(k, "web.ok.desk.") || !i18n.Has(k) {
		return ""
	}
	c, err := w.Stores.Complaints.Complaint(r.Context(), actorOf(r), id)
	if err != nil {
		return ""
	}
	// The number goes in as a marker, so that the words around it are
	// escaped and the link is ours.
	const mark = "\x00"
	before, after, _ := strings.Cut(i18n.T(langOf(r), k, mark), mark)
	link := `<a href="/complaints/` + strconv.FormatInt(c.ID, 10) + `" class="nowrap">` + template.HTMLEscapeString(c.Number) + `</a>`
	return template.HTML(template.HTMLEscapeString(before) + link + template.HTMLEscapeString(after))
}

// DeskCitizen answers the phone field as it is typed: who is calling, what
// is on file about them, and their past complaints.
func (w *Web) DeskCitizen(rw http.ResponseWriter, r *http.Request) error {
	if err := actorOf(r).Require(aduan.PermComplaintCreate); err != nil {
		return err
	}
	if err := r.ParseForm(); err != nil {
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	f := intakeForm{Phone: r.FormValue("phone")}
	d, err := w.deskData(r.Context(), f)
	if err != nil {
		return err
	}
	w.lookup(r.Context(), actorOf(r), d)
	d.missing()
	d.Frag = true
	return w.fragment(rw, r, "desk", "caller", &Page{Data: d})
}

// callPop is the incoming-call banner: who is calling, by name when the
// number is a known caller's, and their open complaints.
type callPop struct {
	Phone   aduan.Phone
	Citizen *aduan.Citizen
	Open    []*aduan.Complaint
	// Take opens the desk for this call.
	Take string
}

// DeskCall draws the incoming-call banner for a console busy with another
// intake (app.js asks for it when a call pops): the caller's name and open
// complaints, so that the operator knows who is waiting before switching,
// not only an E.164 number.
func (w *Web) DeskCall(rw http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	if err := actor.Require(aduan.PermComplaintCreate); err != nil {
		return err
	}
	q := r.URL.Query()
	p := &callPop{Phone: aduan.Phone(q.Get("phone"))}
	take := url.Values{"phone": {q.Get("phone")}, "call": {q.Get("call")}, "received_at": {q.Get("received_at")}}
	p.Take = "/desk?" + take.Encode()
	if c, err := w.Stores.Citizens.CitizenByPhone(r.Context(), actor, q.Get("phone")); err == nil {
		p.Citizen = c
		open := true
		list, _, err := w.Stores.Complaints.ListComplaints(r.Context(), actor, aduan.ComplaintFilter{CitizenID: c.ID, Open: &open, Limit: 5, Brief: true})
		if err != nil {
			return err
		}
		p.Open = list
	}
	return w.fragment(rw, r, "desk", "callpop", &Page{Data: p})
}

// DeskSearch answers the complaint text as it is typed (with the place and
// kelurahan once picked): answers from the library and similar answered
// complaints, the suggested category and agency, and open complaints it
// may duplicate.
func (w *Web) DeskSearch(rw http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	if err := actor.Require(aduan.PermComplaintCreate); err != nil {
		return err
	}
	text := r.FormValue("text")
	d := &deskData{F: intakeForm{Text: text, Kelurahan: r.FormValue("kelurahan"), Place: r.FormValue("place")}}
	if len(text) > 4*aduan.MaxTextLen {
		text = text[:4*aduan.MaxTextLen]
	}
	if len(strings.TrimSpace(text)) >= 3 {
		search := w.Search
		if search == nil {
			search = w.librarySearch
		}
		// The open complaints the draft may repeat are compared while the
		// library and past answers are searched: independent reads, so
		// the panel waits for the slower, not for both (issue 21).
		ctx := r.Context()
		var similar []SimilarView
		var simErr error
		done := make(chan struct{})
		go func() {
			defer func() {
				if p := recover(); p != nil {
					simErr = fmt.Errorf("similar complaints: panic: %v", p)
				}
				close(done)
			}()
			similar, simErr = w.similarDraft(ctx, actor, text, d.F.Place, d.F.Kelurahan)
		}()
		err := func() error {
			hits, err := search(ctx, actor, text)
			if err != nil {
				return err
			}
			d.Hits = markExamples(hits, d.F.Kelurahan, w.Stores.Clock.Now())
			d.Routing, err = w.routingView(ctx, text, d.F.Kelurahan)
			return err
		}()
		<-done
		if err != nil {
			return err
		}
		if simErr != nil {
			return simErr
		}
		d.Similar = similar
	}
	return w.fragment(rw, r, "desk", "panel", &Page{Data: d})
}

// plainSearch looks for past answered complaints sharing the longest words
// of the text: the stand-in until the answer library's search is wired in.
func (w *Web) plainSearch(ctx context.Context, actor aduan.Actor, text string) ([]Hit, error) {
	words := strings.FieldsFunc(strings.ToLower(text), func(r rune) bool { return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9') })
	best := ""
	for _, wd := range words {
		if len(wd) > len(best) {
			best = wd
		}
	}
	if len(best) < 4 {
		return nil, nil
	}
	list, _, err := w.Stores.Complaints.ListComplaints(ctx, actor, aduan.ComplaintFilter{Query: best, Statuses: []aduan.Status{aduan.StatusAnswered, aduan.StatusRelayed, aduan.StatusClosed}, Limit: 6})
	if err != nil {
		return nil, err
	}
	var hits []Hit
	for _, c := range list {
		if c.Answer == "" || !actor.CanSeeContent(c) {
			continue
		}
		hits = append(hits, pastHit(c, ""))
	}
	return hits, nil
}

// Intake records the complaint typed at the desk; the button pressed says
// what comes next (save, ask for identity, answer, forward).
func (w *Web) Intake(rw http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	if err := actor.Require(aduan.PermComplaintCreate); err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	v := r.PostFormValue
	f := intakeFormOf(r)
	lang := langOf(r)
	d, refsErr := w.deskData(r.Context(), f)
	if d == nil {
		return refsErr
	}
	in := aduan.NewComplaint{Channel: aduan.Channel(f.Channel), Text: f.Text, Address: f.Place, KelurahanCode: f.Kelurahan,
		Priority: aduan.Priority(f.Priority), Confidentiality: aduan.Confidentiality(f.Confidentiality)}
	errs := map[string]string{}
	if f.Category != "" {
		n, err := strconv.ParseInt(f.Category, 10, 64)
		if err != nil {
			errs["category"] = i18n.T(lang, "err.field.unknown")
		}
		in.CategoryID = n
	}
	if f.ReceivedAt != "" {
		t, err := time.Parse(time.RFC3339, f.ReceivedAt)
		if err == nil {
			in.ReceivedAt = &t
		}
	}
	cit := aduan.CitizenInput{Name: f.Name, Phone: f.Phone, Email: f.Email, Address: f.Address, KelurahanCode: f.CitizenKel}
	if !cit.Empty() {
		in.Citizen = &cit
	}
	fail := func(fields map[string]string, msg string, status int) error {
		for k, m := range fields {
			errs[formField(k)] = m
		}
		d.Errors, d.Error = errs, msg
		w.lookup(r.Context(), actor, d)
		d.missing()
		return w.render(rw, r, status, "desk", &Page{Title: i18n.T(lang, "web.nav.desk"), Data: d})
	}
	if refsErr != nil {
		// The database is away: nothing can be saved; the form comes back.
		_, msg, _ := formErrors(lang, refsErr)
		return fail(nil, msg, statusFor(refsErr))
	}
	o := w.formOnce(r)
	if o == nil {
		// No token (a page drawn before there were any): this post is not
		// guarded, the form it may come back as is.
		d.F.Token = newFormToken()
	}
	// saved answers a form sent again after it was saved. The same form
	// (a double click, Ctrl+S twice, a resend by the browser) leads to the
	// complaint it was saved as, with a flash that says so: that is what
	// the operator meant, and nothing is recorded twice. The same token
	// with other contents is a form typed into after it was saved (the back
	// button, then a change): taking it as the first would silently drop
	// the change, and recording it could double the complaint, so it comes
	// back as typed with nothing changed, the saved complaint linked, and a
	// fresh token: pressing Save again then records it as a new complaint,
	// which is what an operator who reused the caller's details meant.
	saved := func(ans *formAnswer, changed bool) error {
		if !changed {
			if id, err := strconv.ParseInt(strings.TrimPrefix(ans.Location, "/complaints/"), 10, 64); err == nil {
				return deskSaved(rw, r, id, "web.ok.desk.already_saved")
			}
			return redirect(rw, r, ans.Location, "web.ok.already_saved")
		}
		d.SavedAs, d.F.Token = ans, newFormToken()
		return fail(nil, i18n.T(lang, "web.desk.already_saved_changed", ans.Number), http.StatusUnprocessableEntity)
	}
	if ans, changed, err := formDone(r.Context(), o); err != nil {
		_, msg, ok := formErrors(lang, err)
		if !ok {
			return err
		}
		return fail(nil, msg, statusFor(err))
	} else if ans != nil {
		return saved(ans, changed)
	}
	// The step that follows the save is checked before saving, so that a
	// wrong library reference or an unknown complaint number comes back
	// on the form with nothing saved.
	next, err := w.deskNextStep(r.Context(), actor, v("next"), &f)
	if err != nil {
		fields, msg, ok := formErrors(lang, err)
		if !ok {
			return err
		}
		for k, m := range fields {
			errs[k] = m
		}
		return fail(nil, msg, statusFor(err))
	}
	if next != nil {
		// The step that follows needs a category (aduan.CategoryFirst):
		// asked for here, before anything is saved.
		if err := aduan.CategoryFirst(&aduan.Complaint{}, next.act, in.CategoryID); err != nil && errs["category"] == "" {
			fields, msg, _ := formErrors(lang, err)
			for k, m := range fields {
				errs[formField(k)] = m
			}
			if len(errs) == 1 {
				w.suggestCategory(r.Context(), &d.F)
				return fail(nil, msg, statusFor(err))
			}
		}
	}
	if len(errs) > 0 {
		return fail(nil, i18n.T(lang, "err.invalid_input"), http.StatusBadRequest)
	}
	if next != nil && next.act == aduan.ActionMarkDuplicate {
		// An unusual link (an old or closed original, another category
		// or agency) is confirmed here, on the desk, before the save:
		// the reasons and the box come back with the form.
		draft := &aduan.Complaint{ReceivedAt: w.Stores.Clock.Now(), CategoryID: in.CategoryID}
		if in.ReceivedAt != nil {
			draft.ReceivedAt = *in.ReceivedAt
		}
		if err := w.Stores.Complaints.CheckDuplicateDraft(r.Context(), actor, draft, next.in.DuplicateOf, f.Confirm); err != nil {
			fields, msg, ok := formErrors(lang, err)
			if !ok {
				return err
			}
			for k, m := range fields {
				errs[k] = m
			}
			return fail(nil, msg, statusFor(err))
		}
	}
	var within []store.TxHook
	if o != nil {
		within = append(within, recordForm(o, func(c *aduan.Complaint) string { return "/complaints/" + strconv.FormatInt(c.ID, 10) }))
	}
	c, err := w.Stores.Complaints.CreateComplaint(r.Context(), actor, in, within...)
	if err != nil {
		if aduan.ErrorCode(err) == aduan.ECONFLICT {
			// The same form sent twice at once: the database let one
			// through and refused the other its key; this one answers
			// with the first's result.
			if ans, changed, lerr := formDone(r.Context(), o); lerr == nil && ans != nil {
				return saved(ans, changed)
			}
		}
		fields, msg, ok := formErrors(lang, err)
		if !ok {
			return err
		}
		// The form comes back with what was typed, the message, and the
		// error's status (503 while the database is away).
		return fail(fields, msg, statusFor(err))
	}
	to := "/complaints/" + strconv.FormatInt(c.ID, 10)
	if next != nil {
		// Saved: the next step is its own, as if taken on the complaint
		// page; should it fail now (someone changed the original or the
		// library entry in between), the complaint page answers at once,
		// that step's form open and filled with what was typed (the answer
		// and its source, the agency, the original) beside the reason, as
		// a failed step on the complaint page does. It is rendered here
		// rather than redirected to: the typed answer is too long and too
		// personal for a URL, and no state is kept for it; app.js puts the
		// complaint's own address in the location bar (data-canonical), so
		// that a reload reads the complaint and never posts the desk again.
		if _, _, err := w.Stores.Complaints.ApplyAction(r.Context(), actor, c.ID, c.Version, next.act, next.in); err != nil {
			fields, msg, ok := formErrors(lang, err)
			if !ok {
				return err
			}
			typed := map[string]string{}
			switch next.act {
			case aduan.ActionAnswer:
				typed["answer"], typed["source"], typed["source_ref"] = f.Answer, string(next.in.Source), next.in.SourceRef
			case aduan.ActionForward:
				typed["agency_id"] = f.Agency
			case aduan.ActionMarkDuplicate:
				typed["duplicate_of"] = strings.TrimSpace(f.DuplicateOf)
			}
			return w.complaintPage(rw, r, c.ID, statusFor(err), &complaintData{FailedAction: string(next.act), Errors: fields, Error: msg,
				Form: typed, Do: string(next.act), saved: true})
		}
		return deskSaved(rw, r, c.ID, "web.ok.desk.done."+string(next.act))
	}
	switch v("next") {
	case "identity":
		missing := c.Citizen.Missing()
		if len(missing) > 0 && c.Citizen != nil && c.Citizen.Phone != "" {
			if _, _, err := w.Stores.Complaints.ApplyAction(r.Context(), actor, c.ID, c.Version, aduan.ActionRequestIdentity, aduan.ActionInput{Missing: missing}); err != nil {
				return err
			}
			return deskSaved(rw, r, c.ID, "web.ok.desk.identity_requested")
		}
	case "answer":
		// No answer typed yet: the operator answers on the complaint page.
		return redirect(rw, r, to+"?do=answer#act-answer", "web.ok.saved")
	case "forward":
		return redirect(rw, r, to+"?do=forward#act-forward", "web.ok.saved")
	}
	return deskSaved(rw, r, c.ID, "web.ok.desk.saved")
}

// formField maps the store's field names to the desk form's.
func formField(f string) string {
	switch f {
	case "citizen.phone":
		return "phone"
	case "citizen.name":
		return "name"
	case "citizen.email":
		return "email"
	case "citizen.address":
		return "address"
	case "citizen.kelurahan_code":
		return "citizen_kelurahan"
	case "kelurahan_code":
		return "kelurahan"
	case "address":
		return "place"
	case "category_id":
		return "category"
	}
	return f
}

// deskChannels are the channels a complaint typed at the desk can have: a
// report from SP4N-LAPOR! is registered on its own page with its tracking
// ID (/sp4n-lapor), never typed here without one.
func deskChannels() []aduan.Channel {
	out := make([]aduan.Channel, 0, len(aduan.Channels))
	for _, c := range aduan.Channels {
		if c != aduan.ChannelLapor {
			out = append(out, c)
		}
	}
	return out
}
