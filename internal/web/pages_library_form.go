// The answer library's form: writing a new entry (blank or from an answered
// complaint), changing one at its version, and marking one reviewed.

package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
)

type libraryFormData struct {
	E          *aduan.LibraryEntry
	New        bool
	From       int64 // the answered complaint the new entry is made from
	FromNumber string
	Questions  string
	Agencies   []aduan.Agency
	Categories []aduan.Category
	Errors     map[string]string
	Error      string
}

// Selected reports whether category id is one of the entry's.
func (d *libraryFormData) Selected(id int64) bool {
	for _, c := range d.E.CategoryIDs {
		if c == id {
			return true
		}
	}
	return false
}

// LibraryNew shows the form for a new entry; ?from=ID fills it from an
// answered complaint: its text as the question, its answer, its agency
// and category.
func (w *Web) LibraryNew(rw http.ResponseWriter, r *http.Request) error {
	ctx, actor := r.Context(), actorOf(r)
	if err := actor.Require(aduan.PermLibraryEdit); err != nil {
		return err
	}
	d := &libraryFormData{E: &aduan.LibraryEntry{Active: true}, New: true}
	if s := r.URL.Query().Get("from"); s != "" {
		id, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.complaint")
		}
		c, err := w.Stores.Complaints.Complaint(ctx, actor, id)
		if err != nil {
			return err
		}
		if !actor.CanSeeContent(c) {
			return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.complaint")
		}
		if c.Confidentiality == aduan.Confidential {
			return aduan.Errorf(aduan.EINVALID, "err.lib.confidential")
		}
		answer := c.Answer
		if answer == "" {
			answer = c.AgencyAnswer
		}
		if strings.TrimSpace(answer) == "" {
			return aduan.Errorf(aduan.ETRANSITION, "err.lib.no_answer")
		}
		d.From, d.FromNumber = c.ID, c.Number
		d.E.Title, d.E.Questions, d.E.Answer, d.E.AgencyID, d.E.SourceText = titleOf(c.Text), []string{c.Text}, answer, c.AgencyID, c.Number
		if c.CategoryID != 0 {
			d.E.CategoryIDs = []int64{c.CategoryID}
		}
		if c.AnswerSource == aduan.SourceWeb && strings.HasPrefix(c.AnswerRef, "http") {
			d.E.SourceURL = c.AnswerRef
		}
	}
	return w.libraryForm(rw, r, http.StatusOK, d)
}

// titleOf makes a title from a complaint's text, as the store does for an
// entry made from a complaint in one click: the first sentence, cut near
// 100 characters.
func titleOf(text string) string {
	t := strings.Join(strings.Fields(text), " ")
	if i := strings.IndexAny(t, ".!?\n"); i > 20 {
		t = t[:i]
	}
	return truncateText(t, 100)
}

func (w *Web) libraryForm(rw http.ResponseWriter, r *http.Request, status int, d *libraryFormData) error {
	var err error
	if d.Agencies, d.Categories, err = w.refData(r.Context()); err != nil {
		return err
	}
	if d.Questions == "" {
		d.Questions = strings.Join(d.E.Questions, "\n")
	}
	title := i18n.T(langOf(r), "lib.web.new")
	if !d.New {
		title = aduan.LibraryRef(d.E.ID) + " · " + i18n.T(langOf(r), "lib.web.edit")
	}
	return w.render(rw, r, status, "library_form", &Page{Title: title, Data: d})
}

// readEntryForm reads the entry form into e.
func readEntryForm(r *http.Request, e *aduan.LibraryEntry, d *libraryFormData) map[string]string {
	v := r.PostFormValue
	errs := map[string]string{}
	lang := langOf(r)
	e.Title, e.Answer, e.SourceURL, e.SourceText = v("title"), v("answer"), v("source_url"), v("source_text")
	e.ValidFrom, e.ValidUntil, e.ReviewDue = v("valid_from"), v("valid_until"), v("review_due")
	d.Questions = v("questions")
	e.Questions = strings.Split(strings.ReplaceAll(d.Questions, "\r\n", "\n"), "\n")
	e.AgencyID = 0
	if s := v("agency_id"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			errs["agency_id"] = i18n.T(lang, "err.field.unknown")
		}
		e.AgencyID = n
	}
	e.CategoryIDs = nil
	for _, s := range r.PostForm["category_ids"] {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n <= 0 {
			errs["category_ids"] = i18n.T(lang, "err.field.unknown")
			continue
		}
		e.CategoryIDs = append(e.CategoryIDs, n)
	}
	if !d.New {
		e.Active = v("active") == "1"
	}
	return errs
}

// entryFormErrors puts the store's field errors beside the form's fields
// (every phrasing's error beside the phrasings).
func entryFormErrors(lang i18n.Lang, err error, errs map[string]string) (string, bool) {
	fields, msg, ok := formErrors(lang, err)
	if !ok {
		return "", false
	}
	for k, m := range fields {
		if strings.HasPrefix(k, "questions") {
			k = "questions"
		}
		errs[k] = m
	}
	return msg, true
}

// LibraryCreate saves a new entry (made from a complaint when the form
// came from one, so the entry records it).
func (w *Web) LibraryCreate(rw http.ResponseWriter, r *http.Request) error {
	ctx, actor, lang := r.Context(), actorOf(r), langOf(r)
	if err := actor.Require(aduan.PermLibraryEdit); err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	d := &libraryFormData{E: &aduan.LibraryEntry{Active: true}, New: true}
	errs := readEntryForm(r, d.E, d)
	d.From, _ = strconv.ParseInt(r.PostFormValue("from"), 10, 64)
	d.FromNumber = r.PostFormValue("from_number")
	if len(errs) > 0 {
		d.Errors, d.Error = errs, i18n.T(lang, "err.invalid_input")
		return w.libraryForm(rw, r, http.StatusBadRequest, d)
	}
	e := d.E
	lib, err := w.library()
	if err != nil {
		return err
	}
	if d.From > 0 {
		var made *aduan.LibraryEntry
		made, err = lib.LibraryFromComplaint(ctx, actor, d.From, e)
		if err == nil {
			e = made
		}
	} else {
		err = lib.CreateLibraryEntry(ctx, actor, e)
	}
	if err != nil {
		msg, ok := entryFormErrors(lang, err, errs)
		if !ok {
			return err
		}
		d.Errors, d.Error = errs, msg
		return w.libraryForm(rw, r, statusFor(err), d)
	}
	return redirect(rw, r, "/pustaka/"+strconv.FormatInt(e.ID, 10), "web.ok.lib_saved")
}

// LibraryEdit shows the form to change an entry.
func (w *Web) LibraryEdit(rw http.ResponseWriter, r *http.Request) error {
	ctx, actor := r.Context(), actorOf(r)
	if err := actor.Require(aduan.PermLibraryEdit); err != nil {
		return err
	}
	id, err := libEntryID(r)
	if err != nil {
		return err
	}
	lib, err := w.library()
	if err != nil {
		return err
	}
	e, err := lib.LibraryEntry(ctx, actor, id)
	if err != nil {
		return err
	}
	return w.libraryForm(rw, r, http.StatusOK, &libraryFormData{E: e})
}

// LibrarySave saves a change to an entry as a new version; a form made
// from an older version is refused (someone changed it meanwhile).
func (w *Web) LibrarySave(rw http.ResponseWriter, r *http.Request) error {
	ctx, actor, lang := r.Context(), actorOf(r), langOf(r)
	if err := actor.Require(aduan.PermLibraryEdit); err != nil {
		return err
	}
	id, err := libEntryID(r)
	if err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	lib, err := w.library()
	if err != nil {
		return err
	}
	cur, err := lib.LibraryEntry(ctx, actor, id)
	if err != nil {
		return err
	}
	d := &libraryFormData{E: cur}
	errs := readEntryForm(r, cur, d)
	cur.Version, _ = strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if len(errs) > 0 {
		d.Errors, d.Error = errs, i18n.T(lang, "err.invalid_input")
		return w.libraryForm(rw, r, http.StatusBadRequest, d)
	}
	if err := lib.UpdateLibraryEntry(ctx, actor, cur); err != nil {
		msg, ok := entryFormErrors(lang, err, errs)
		if !ok {
			return err
		}
		d.Errors, d.Error = errs, msg
		return w.libraryForm(rw, r, statusFor(err), d)
	}
	return redirect(rw, r, "/pustaka/"+strconv.FormatInt(id, 10), "web.ok.lib_saved")
}

// LibraryReview records that the coordinator checked the entry today, with
// the day of the next review.
func (w *Web) LibraryReview(rw http.ResponseWriter, r *http.Request) error {
	ctx, actor, lang := r.Context(), actorOf(r), langOf(r)
	if err := actor.Require(aduan.PermLibraryEdit); err != nil {
		return err
	}
	id, err := libEntryID(r)
	if err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	lib, err := w.library()
	if err != nil {
		return err
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if _, err := lib.ReviewLibraryEntry(ctx, actor, id, version, r.PostFormValue("review_due")); err != nil {
		fields, msg, ok := formErrors(lang, err)
		if !ok {
			return err
		}
		return w.libraryEntryPage(rw, r, statusFor(err), &libraryEntryData{Errors: fields, Error: msg, NextDue: r.PostFormValue("review_due")})
	}
	to := "/pustaka/" + strconv.FormatInt(id, 10)
	if r.PostFormValue("back") == "review" {
		to = "/pustaka/review"
	}
	return redirect(rw, r, to, "web.ok.lib_reviewed")
}
