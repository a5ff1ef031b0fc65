package web

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/search"
)

// The answer library's pages (folder jawaban, /pustaka): here the list
// with search and filters and the entries due for review; an entry with
// its history in pages_library_entry.go, the form to write or change one
// in pages_library_form.go, import and export in pages_library_io.go, the
// routing model with its retrain button in pages_routing.go, and the box
// on a complaint's page (the open complaints it may repeat, the library's
// answers for it, "make a library entry" once it is answered) in
// pages_library_box.go.

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
func (w *Web) today(ctx context.Context) (string, error) {
	loc, err := w.zone(ctx)
	if err != nil {
		return "", err
	}
	return today(w.Stores.Clock.Now().In(loc)), nil
}

// refData loads the agencies and categories the forms and filters offer.
func (w *Web) refData(ctx context.Context) ([]aduan.Agency, []aduan.Category, error) {
	ags, err := w.Stores.RefData.Agencies(ctx)
	if err != nil {
		return nil, nil, err
	}
	cats, err := w.Stores.RefData.Categories(ctx)
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
	lib, err := w.library()
	if err != nil {
		return err
	}
	if d.Agencies, d.Categories, err = w.refData(ctx); err != nil {
		return err
	}
	agencyID, _ := strconv.ParseInt(d.Agency, 10, 64)
	categoryID, _ := strconv.ParseInt(d.Category, 10, 64)
	if len(d.Q) > 1000 {
		d.Q = d.Q[:1000]
	}
	today, err := w.today(ctx)
	if err != nil {
		return err
	}
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
	case d.Q != "" && !review:
		d.Searched = true
		sq := search.Query{Text: d.Q, AgencyID: agencyID, CategoryID: categoryID, IncludeExpired: d.Valid != "current", Library: true,
			Complete: true, Limit: search.MaxLimit}
		res, err := lib.Search(ctx, actor, sq)
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
			list, next, err := lib.LibraryEntries(ctx, actor, f)
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
