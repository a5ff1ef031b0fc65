// The answer library's export (every entry, as CSV or JSON) and import (such
// a file in one transaction: every bad row is listed and nothing is saved).

package web

import (
	"errors"
	"io"
	"net/http"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/search"
	"github.com/kotakita/aduan/internal/store"
)

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
	lib, err := w.library()
	if err != nil {
		return err
	}
	recs, err := lib.ExportLibrary(ctx, actor)
	if err != nil {
		return err
	}
	loc, err := w.zone(ctx)
	if err != nil {
		return err
	}
	return search.ServeLibrary(rw, format, recs, w.Stores.Clock.Now(), loc)
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
	lib, err := w.library()
	if err != nil {
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
	res, err := lib.ImportLibrary(ctx, actor, recs)
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
