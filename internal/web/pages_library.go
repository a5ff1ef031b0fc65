package web

import (
	"bytes"
	"context"
	"errors"
	"html/template"
	"io"
	"mime"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/search"
	"github.com/kotakita/aduan/internal/store"
)

// The answer library's pages (folder jawaban, /pustaka): the list with
// search and filters, an entry with its history, the form to write or
// change one, the entries due for review, import and export, and the
// routing model with its retrain button; and the box on a complaint's page
// with the open complaints it may repeat, the library's answers for it and
// "make a library entry" once it is answered.

// libPageSize is how many entries a list page shows.
const libPageSize = 50

// libRow is one entry of a list.
type libRow struct {
	E                  *aduan.LibraryEntry
	TitleHTML, Snippet template.HTML
	Expired, Overdue   bool
}

type libraryListData struct {
	Q, Agency, Category, Valid, Status string
	Rows                               []libRow
	Next                               string
	// Review: the list of entries due for review.
	Review     bool
	Agencies   []aduan.Agency
	Categories []aduan.Category
	CanEdit    bool
	CanTrain   bool
	Searched   bool
	ExportCSV  string
	ExportJSON string
}

// today is the day in the city's zone, against which entries expire and
// fall due for review.
func (w *Web) today(ctx context.Context) string { return today(w.Store.Now().In(w.zone(ctx))) }

// refData loads the agencies and categories the forms and filters offer.
func (w *Web) refData(ctx context.Context) ([]aduan.Agency, []aduan.Category, error) {
	ags, err := w.Store.Agencies(ctx)
	if err != nil {
		return nil, nil, err
	}
	cats, err := w.Store.Categories(ctx)
	if err != nil {
		return nil, nil, err
	}
	return ags, cats, nil
}

// LibraryList shows the library: searched (ranked, the matching words
// marked) when a text is given, else newest first; filtered by agency,
// category, validity and whether entries are archived.
func (w *Web) LibraryList(rw http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	if err := actor.Require(aduan.PermLibraryRead); err != nil {
		return err
	}
	q := r.URL.Query()
	d := &libraryListData{Q: strings.TrimSpace(q.Get("q")), Agency: q.Get("agency"), Category: q.Get("category"), Valid: q.Get("valid"),
		Status: q.Get("status"), CanEdit: actor.Can(aduan.PermLibraryEdit), CanTrain: actor.Can(aduan.PermRoutingTrain),
		ExportCSV: "/pustaka/export?format=csv", ExportJSON: "/pustaka/export?format=json"}
	return w.libraryList(rw, r, d, false)
}

// LibraryReviewDue lists the active entries past their review date or
// their validity, for the coordinator to check.
func (w *Web) LibraryReviewDue(rw http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	if err := actor.Require(aduan.PermLibraryEdit); err != nil {
		return err
	}
	d := &libraryListData{Review: true, CanEdit: true, CanTrain: actor.Can(aduan.PermRoutingTrain)}
	return w.libraryList(rw, r, d, true)
}

func (w *Web) libraryList(rw http.ResponseWriter, r *http.Request, d *libraryListData, review bool) error {
	ctx, actor, lang := r.Context(), actorOf(r), langOf(r)
	var err error
	if d.Agencies, d.Categories, err = w.refData(ctx); err != nil {
		return err
	}
	agencyID, _ := strconv.ParseInt(d.Agency, 10, 64)
	categoryID, _ := strconv.ParseInt(d.Category, 10, 64)
	if len(d.Q) > 1000 {
		d.Q = d.Q[:1000]
	}
	today := w.today(ctx)
	keep := func(e *aduan.LibraryEntry) bool {
		switch d.Valid {
		case "current":
			return !e.Expired(today)
		case "expired":
			return e.Expired(today)
		}
		return true
	}
	row := func(e *aduan.LibraryEntry) libRow {
		return libRow{E: e, TitleHTML: template.HTML(template.HTMLEscapeString(e.Title)), Snippet: template.HTML(template.HTMLEscapeString(truncateText(e.Answer, 220))),
			Expired: e.Expired(today), Overdue: e.ReviewOverdue(today)}
	}
	switch {
	case d.Q != "" && !review && w.Library != nil:
		d.Searched = true
		sq := search.Query{Text: d.Q, AgencyID: agencyID, CategoryID: categoryID, IncludeExpired: d.Valid != "current", Library: true,
			Complete: true, Limit: search.MaxLimit}
		res, err := w.Library.Searcher.Search(ctx, actor, sq)
		if err != nil {
			return err
		}
		for _, h := range res.Library {
			if !keep(h.Entry) {
				continue
			}
			x := row(h.Entry)
			x.TitleHTML = template.HTML(h.TitleHTML)
			x.Snippet = template.HTML(h.AnswerHTML)
			for _, q := range h.QuestionsHTML {
				if strings.Contains(q, "<mark>") {
					x.Snippet = template.HTML(q)
					break
				}
			}
			d.Rows = append(d.Rows, x)
		}
	default:
		f := aduan.LibraryFilter{AgencyID: agencyID, CategoryID: categoryID, Limit: libPageSize}
		f.Before, _ = strconv.ParseInt(r.URL.Query().Get("cursor"), 10, 64)
		switch {
		case review:
			t := true
			f.Active, f.ReviewDueBy, f.AgencyID, f.CategoryID = &t, today, 0, 0
		case d.Status == "archived":
			t := false
			f.Active = &t
		case d.Status == "all":
		default:
			t := true
			f.Active = &t
		}
		// The validity filter is applied here, page by page, so a page
		// may need several of the store's; a bounded number of them.
		for i := 0; i < 20 && len(d.Rows) < libPageSize; i++ {
			list, next, err := w.Store.LibraryEntries(ctx, actor, f)
			if err != nil {
				return err
			}
			for _, e := range list {
				if keep(e) && len(d.Rows) < libPageSize {
					d.Rows = append(d.Rows, row(e))
				}
			}
			if next == 0 {
				d.Next = ""
				break
			}
			f.Before = next
			d.Next = strconv.FormatInt(next, 10)
			if len(d.Rows) == libPageSize {
				d.Next = strconv.FormatInt(d.Rows[len(d.Rows)-1].E.ID, 10)
			}
		}
	}
	title := i18n.T(lang, "lib.web.title")
	if review {
		title = i18n.T(lang, "lib.web.review_title")
	}
	return w.render(rw, r, http.StatusOK, "library", &Page{Title: title, Data: d})
}

// NextURL is the list's next page, with its filters.
func (d *libraryListData) NextURL() string {
	q := url.Values{}
	for k, v := range map[string]string{"agency": d.Agency, "category": d.Category, "valid": d.Valid, "status": d.Status, "cursor": d.Next} {
		if v != "" {
			q.Set(k, v)
		}
	}
	base := "/pustaka"
	if d.Review {
		base = "/pustaka/review"
	}
	return base + "?" + q.Encode()
}

func truncateText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return strings.TrimSpace(string(r[:n])) + "…"
}

// libEntryID reads the entry of the path: 42 or JWB-0042.
func libEntryID(r *http.Request) (int64, error) {
	id, ok := aduan.ParseLibraryRef(r.PathValue("ref"))
	if !ok {
		return 0, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.library_entry")
	}
	return id, nil
}

// fieldChange is one field that differs between two versions.
type fieldChange struct {
	Key      string // catalogue key of the field's label
	Old, New string
}

// versionView is one version with what changed since the one before.
type versionView struct {
	V       aduan.LibraryVersion
	Changes []fieldChange
	First   bool
}

type libraryEntryData struct {
	E               *aduan.LibraryEntry
	Versions        []versionView
	CanEdit         bool
	Expired         bool
	Overdue         bool
	ComplaintNumber string
	Errors          map[string]string
	Error           string
	NextDue         string
}

// LibraryEntryPage shows an entry and its history: each version, who made
// it, when, and the fields it changed with their old and new values.
func (w *Web) LibraryEntryPage(rw http.ResponseWriter, r *http.Request) error {
	return w.libraryEntryPage(rw, r, http.StatusOK, nil)
}

func (w *Web) libraryEntryPage(rw http.ResponseWriter, r *http.Request, status int, failed *libraryEntryData) error {
	ctx, actor, lang := r.Context(), actorOf(r), langOf(r)
	if err := actor.Require(aduan.PermLibraryRead); err != nil {
		return err
	}
	id, err := libEntryID(r)
	if err != nil {
		return err
	}
	e, err := w.Store.LibraryEntry(ctx, actor, id)
	if err != nil {
		return err
	}
	vs, err := w.Store.LibraryHistory(ctx, actor, id)
	if err != nil {
		return err
	}
	ags, cats, err := w.refData(ctx)
	if err != nil {
		return err
	}
	d := &libraryEntryData{}
	if failed != nil {
		d = failed
	}
	today := w.today(ctx)
	d.E, d.CanEdit, d.Expired, d.Overdue = e, actor.Can(aduan.PermLibraryEdit), e.Expired(today), e.ReviewOverdue(today)
	if d.NextDue == "" {
		d.NextDue = w.Store.Now().In(w.zone(ctx)).AddDate(0, aduan.DefaultReviewMonths, 0).Format("2006-01-02")
	}
	if e.FromComplaintID != 0 {
		if c, err := w.Store.Complaint(ctx, actor, e.FromComplaintID); err == nil {
			d.ComplaintNumber = c.Number
		}
	}
	names := refNames(lang, ags, cats)
	for i, v := range vs {
		vv := versionView{V: v, First: i+1 == len(vs)}
		if i+1 < len(vs) {
			vv.Changes = diffVersions(lang, names, &vs[i+1].Entry, &v.Entry)
		}
		d.Versions = append(d.Versions, vv)
	}
	return w.render(rw, r, status, "library_entry", &Page{Title: aduan.LibraryRef(e.ID) + " · " + e.Title, Data: d})
}

// names turns the IDs a version keeps into what people read.
type names struct {
	agency   map[int64]string
	category map[int64]string
	yes, no  string
}

func refNames(lang i18n.Lang, ags []aduan.Agency, cats []aduan.Category) *names {
	n := &names{agency: map[int64]string{}, category: map[int64]string{}, yes: i18n.T(lang, "lib.web.yes"), no: i18n.T(lang, "lib.web.no")}
	for _, a := range ags {
		n.agency[a.ID] = a.Name
	}
	for _, c := range cats {
		n.category[c.ID] = c.Name
	}
	return n
}

// diffVersions lists the fields that changed from prev to cur, with both
// values as text.
func diffVersions(lang i18n.Lang, n *names, prev, cur *aduan.LibraryEntry) []fieldChange {
	val := func(e *aduan.LibraryEntry, field string) string {
		switch field {
		case "title":
			return e.Title
		case "questions":
			return strings.Join(e.Questions, "\n")
		case "answer":
			return e.Answer
		case "source_url":
			return e.SourceURL
		case "source_text":
			return e.SourceText
		case "agency_id":
			if e.AgencyID == 0 {
				return ""
			}
			return n.agency[e.AgencyID]
		case "category_ids":
			var out []string
			for _, c := range e.CategoryIDs {
				out = append(out, n.category[c])
			}
			return strings.Join(out, ", ")
		case "valid_from":
			return e.ValidFrom
		case "valid_until":
			return e.ValidUntil
		case "review_due":
			return e.ReviewDue
		case "reviewed":
			if e.ReviewedAt == nil {
				return ""
			}
			return e.ReviewedByName + ", " + i18n.DateTime(lang, *e.ReviewedAt)
		case "active":
			if e.Active {
				return n.yes
			}
			return n.no
		}
		return ""
	}
	var out []fieldChange
	for _, f := range cur.ChangedFields(prev) {
		out = append(out, fieldChange{Key: "lib.web.field." + f, Old: val(prev, f), New: val(cur, f)})
	}
	return out
}

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
		c, err := w.Store.Complaint(ctx, actor, id)
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
	var err error
	if d.From > 0 {
		var made *aduan.LibraryEntry
		made, err = w.Store.LibraryFromComplaint(ctx, actor, d.From, e)
		if err == nil {
			e = made
		}
	} else {
		err = w.Store.CreateLibraryEntry(ctx, actor, e)
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
	e, err := w.Store.LibraryEntry(ctx, actor, id)
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
	cur, err := w.Store.LibraryEntry(ctx, actor, id)
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
	if err := w.Store.UpdateLibraryEntry(ctx, actor, cur); err != nil {
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
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if _, err := w.Store.ReviewLibraryEntry(ctx, actor, id, version, r.PostFormValue("review_due")); err != nil {
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

// LibraryExport downloads the whole library as CSV or JSON, the format
// that import reads.
func (w *Web) LibraryExport(rw http.ResponseWriter, r *http.Request) error {
	ctx, actor := r.Context(), actorOf(r)
	if err := actor.Require(aduan.PermLibraryRead); err != nil {
		return err
	}
	format := r.URL.Query().Get("format")
	if format != search.FormatCSV && format != search.FormatJSON {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
	}
	recs, err := w.Store.ExportLibrary(ctx, actor)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	now := w.Store.Now()
	if err := search.WriteLibrary(&buf, format, recs, now); err != nil {
		return err
	}
	h := rw.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	if format == search.FormatCSV {
		h.Set("Content-Type", "text/csv; charset=utf-8")
	}
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "folder-jawaban-" + now.In(w.zone(ctx)).Format("20060102") + "." + format}))
	h.Set("Cache-Control", "private, no-store")
	_, err = rw.Write(buf.Bytes())
	return err
}

// importProblem is one bad row of an import file.
type importProblem struct {
	Row     int // 0: the file as a whole
	Field   string
	Message string
}

type libraryImportData struct {
	Format   string
	Filename string
	Error    string
	Problems []importProblem
	Done     *store.ImportResult
}

// LibraryImportPage shows the import form.
func (w *Web) LibraryImportPage(rw http.ResponseWriter, r *http.Request) error {
	if err := actorOf(r).Require(aduan.PermLibraryEdit); err != nil {
		return err
	}
	return w.render(rw, r, http.StatusOK, "library_import", &Page{Title: i18n.T(langOf(r), "lib.web.import"), Data: &libraryImportData{}})
}

// rowField reads "rows[12].title" as row 12, field "title".
var rowField = regexp.MustCompile(`^rows\[(\d+)\]\.(.+)$`)

// LibraryImport loads an uploaded CSV or JSON file in one transaction:
// every bad row is listed with its problem and nothing is imported; a
// good file says how many entries were new, changed and unchanged.
func (w *Web) LibraryImport(rw http.ResponseWriter, r *http.Request) error {
	ctx, actor, lang := r.Context(), actorOf(r), langOf(r)
	if err := actor.Require(aduan.PermLibraryEdit); err != nil {
		return err
	}
	d := &libraryImportData{}
	show := func(status int) error {
		return w.render(rw, r, status, "library_import", &Page{Title: i18n.T(lang, "lib.web.import"), Data: d})
	}
	r.Body = http.MaxBytesReader(rw, r.Body, search.MaxLibraryFile+maxForm)
	if err := r.ParseMultipartForm(8 << 20); err != nil {
		d.Error = i18n.T(lang, "err.too_large", search.MaxLibraryFile/1024)
		return show(http.StatusBadRequest)
	}
	d.Format = r.PostFormValue("format")
	f, fh, err := r.FormFile("file")
	if err != nil {
		d.Error = i18n.T(lang, "lib.web.import_no_file")
		return show(http.StatusBadRequest)
	}
	defer f.Close()
	d.Filename = fh.Filename
	format := d.Format
	if format == "" || format == "auto" {
		switch strings.ToLower(path.Ext(fh.Filename)) {
		case ".csv", ".txt":
			format = search.FormatCSV
		default:
			format = search.FormatJSON
		}
	}
	if format != search.FormatCSV && format != search.FormatJSON {
		d.Error = i18n.T(lang, "err.lib.format")
		return show(http.StatusBadRequest)
	}
	d.Format = format
	recs, err := search.ReadLibrary(f, format)
	if err != nil {
		var e *aduan.Error
		if !errors.As(err, &e) && !errors.Is(err, io.EOF) {
			return err
		}
		if e != nil {
			d.Error = i18n.T(lang, e.Key, e.Args...)
		} else {
			d.Error = i18n.T(lang, "err.lib.import_empty")
		}
		return show(http.StatusBadRequest)
	}
	res, err := w.Store.ImportLibrary(ctx, actor, recs)
	if err != nil {
		e, ok := aduan.AsError(err)
		if !ok || e.Code == aduan.EINTERNAL {
			return err
		}
		d.Error = i18n.T(lang, "lib.web.import_failed")
		if len(e.Fields) == 0 {
			d.Error = i18n.T(lang, e.Key, e.Args...)
		}
		for _, fe := range e.Fields {
			p := importProblem{Field: fe.Field, Message: i18n.T(lang, fe.Key, fe.Args...)}
			if m := rowField.FindStringSubmatch(fe.Field); m != nil {
				p.Row, _ = strconv.Atoi(m[1])
				p.Field = m[2]
			}
			if i := strings.IndexByte(p.Field, '['); i > 0 {
				p.Field = p.Field[:i] // questions[2] → questions
			}
			p.Field = i18n.T(lang, "lib.web.field."+importFieldKey(p.Field))
			if format == search.FormatCSV && p.Row > 0 {
				p.Row++ // the header is line 1
			}
			d.Problems = append(d.Problems, p)
		}
		sort.SliceStable(d.Problems, func(i, j int) bool { return d.Problems[i].Row < d.Problems[j].Row })
		return show(statusFor(err))
	}
	d.Done = &res
	return show(http.StatusOK)
}

// importFieldKey maps the import's field names to the form's labels.
func importFieldKey(f string) string {
	switch f {
	case "agency":
		return "agency_id"
	case "categories":
		return "category_ids"
	case "title", "questions", "answer", "source_url", "source_text", "valid_from", "valid_until", "review_due", "active", "agency_id", "category_ids":
		return f
	}
	return "other"
}

type routingModelData struct {
	TrainedAt time.Time
	Examples  int64
	Duration  time.Duration
}

// RoutingModelPage shows what the routing suggestion was learned from, with
// the button to retrain it now.
func (w *Web) RoutingModelPage(rw http.ResponseWriter, r *http.Request) error {
	if err := actorOf(r).Require(aduan.PermRoutingTrain); err != nil {
		return err
	}
	d := &routingModelData{}
	if w.Library != nil && w.Library.Routing != nil {
		_, info, err := w.Library.Routing.Router(r.Context())
		if err != nil {
			return err
		}
		d.TrainedAt, d.Examples, d.Duration = info.TrainedAt, info.Examples, info.Duration
	}
	return w.render(rw, r, http.StatusOK, "library_model", &Page{Title: i18n.T(langOf(r), "lib.web.model"), Data: d})
}

// RoutingRetrain trains the routing model now on the city's finished
// complaints (the API's retrain, from a button).
func (w *Web) RoutingRetrain(rw http.ResponseWriter, r *http.Request) error {
	if w.Library == nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
	}
	if _, err := w.Library.Retrain(r.Context(), actorOf(r)); err != nil {
		return err
	}
	return redirect(rw, r, "/pustaka/model", "web.ok.lib_retrained")
}

type complaintLibraryData struct {
	C        *aduan.Complaint
	Similar  []SimilarView
	CanLink  bool
	Hits     []Hit
	CanUse   bool // the answer form is on the page
	CanEntry bool
}

// ComplaintLibraryBox is the answer library's box on a complaint's page,
// loaded after the page: the open complaints it may repeat with a one-click
// link as duplicate, the library's answers while it can be answered, and
// "make a library entry" once it has an answer.
//
// The box is part of the page view that loads it (?view=, the page's
// request ID), as the messages section is: a confidential complaint's page
// view is one audited read, and its box adds no row of its own (see
// Store.ComplaintInView); a box fetched on its own is audited once.
func (w *Web) ComplaintLibraryBox(rw http.ResponseWriter, r *http.Request) error {
	ctx, actor := r.Context(), actorOf(r)
	id, err := pathID(r)
	if err != nil {
		return err
	}
	c, _, err := w.Store.ComplaintInView(ctx, actor, id, r.URL.Query().Get("view"))
	if aduan.ErrorCode(err) == aduan.EFORBIDDEN {
		// Those who see the complaint but not its content: the page asks
		// them for no box, and the box holds nothing for them.
		return w.fragment(rw, r, "library_box", "box", &Page{Data: &complaintLibraryData{}})
	}
	if err != nil {
		return err
	}
	d := &complaintLibraryData{C: c}
	for _, a := range aduan.AllowedActions(c, actor) {
		d.CanLink = d.CanLink || a == aduan.ActionMarkDuplicate
		d.CanUse = d.CanUse || a == aduan.ActionAnswer
	}
	if c.Open() && c.Status != aduan.StatusDuplicate {
		if d.Similar, err = w.similarOpen(ctx, actor, c); err != nil {
			return err
		}
	}
	if d.CanUse && actor.Can(aduan.PermLibraryRead) {
		hits, err := w.librarySearch(ctx, actor, c.Text)
		if err != nil {
			return err
		}
		hits = markExamples(hits, c.KelurahanCode, w.Store.Now())
		if len(hits) > 3 {
			hits = hits[:3]
		}
		d.Hits = hits
	}
	d.CanEntry = actor.Can(aduan.PermLibraryEdit) && c.Confidentiality != aduan.Confidential &&
		(strings.TrimSpace(c.Answer) != "" || strings.TrimSpace(c.AgencyAnswer) != "")
	return w.fragment(rw, r, "library_box", "box", &Page{Data: d})
}
