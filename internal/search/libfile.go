package search

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/sheet"
	"github.com/kotakita/aduan/internal/store"
)

// The library's files for import and export, in two formats:
//
//   - JSON: {"format": "aduan-library", "version": 1, "entries": [...]} (a
//     bare array of entries is accepted on import);
//   - CSV with a header row, UTF-8, comma-separated, for spreadsheets: the
//     phrasings of the question are one per line inside their cell, the
//     categories are codes separated by ";".
//
// Agencies and categories are named by code so that a file moves between
// installs. "ref" (JWB-0042) names an existing entry to update; rows
// without one create entries. uses, reviewed_by and reviewed_at are
// exported for information and ignored on import.

// LibraryFileEntry is one entry in a library file.
type LibraryFileEntry struct {
	Ref        string   `json:"ref,omitempty"`
	Title      string   `json:"title"`
	Questions  []string `json:"questions"`
	Answer     string   `json:"answer"`
	SourceURL  string   `json:"source_url,omitempty"`
	SourceText string   `json:"source_text,omitempty"`
	Agency     string   `json:"agency,omitempty"`
	Categories []string `json:"categories,omitempty"`
	ValidFrom  string   `json:"valid_from,omitempty"`
	ValidUntil string   `json:"valid_until,omitempty"`
	ReviewDue  string   `json:"review_due,omitempty"`
	Active     *bool    `json:"active,omitempty"`
	ReviewedBy string   `json:"reviewed_by,omitempty"`
	ReviewedAt string   `json:"reviewed_at,omitempty"`
	Uses       int64    `json:"uses,omitempty"`
}

// LibraryFile is the JSON form.
type LibraryFile struct {
	Format     string             `json:"format"`
	Version    int                `json:"version"`
	ExportedAt string             `json:"exported_at,omitempty"`
	Entries    []LibraryFileEntry `json:"entries"`
}

// FileFormat names the two formats.
const (
	FormatJSON = "json"
	FormatCSV  = "csv"
)

var csvHeader = []string{"ref", "title", "questions", "answer", "source_url", "source_text", "agency", "categories",
	"valid_from", "valid_until", "review_due", "active", "reviewed_by", "reviewed_at", "uses"}

func fileEntry(r store.LibraryRecord) LibraryFileEntry {
	e := r.Entry
	active := e.Active
	f := LibraryFileEntry{Ref: aduan.LibraryRef(e.ID), Title: e.Title, Questions: e.Questions, Answer: e.Answer,
		SourceURL: e.SourceURL, SourceText: e.SourceText, Agency: r.AgencyCode, Categories: r.CategoryCodes,
		ValidFrom: e.ValidFrom, ValidUntil: e.ValidUntil, ReviewDue: e.ReviewDue, Active: &active,
		ReviewedBy: e.ReviewedByName, Uses: e.Uses}
	if f.Questions == nil {
		f.Questions = []string{}
	}
	if e.ReviewedAt != nil {
		f.ReviewedAt = e.ReviewedAt.In(aduan.WIB).Format(time.RFC3339)
	}
	return f
}

func (f LibraryFileEntry) record() (store.LibraryRecord, bool) {
	r := store.LibraryRecord{Entry: aduan.LibraryEntry{Title: f.Title, Questions: f.Questions, Answer: f.Answer,
		SourceURL: f.SourceURL, SourceText: f.SourceText, ValidFrom: f.ValidFrom, ValidUntil: f.ValidUntil,
		ReviewDue: f.ReviewDue, Active: true}, AgencyCode: f.Agency, CategoryCodes: f.Categories}
	if f.Active != nil {
		r.Entry.Active = *f.Active
	}
	ok := true
	if strings.TrimSpace(f.Ref) != "" {
		r.Entry.ID, ok = aduan.ParseLibraryRef(f.Ref)
	}
	return r, ok
}

// WriteLibrary writes records in the format.
func WriteLibrary(w io.Writer, format string, records []store.LibraryRecord, now time.Time) error {
	switch format {
	case FormatJSON:
		f := LibraryFile{Format: "aduan-library", Version: 1, ExportedAt: now.In(aduan.WIB).Format(time.RFC3339), Entries: []LibraryFileEntry{}}
		for _, r := range records {
			f.Entries = append(f.Entries, fileEntry(r))
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(f)
	case FormatCSV:
		cw := csv.NewWriter(w)
		if err := cw.Write(csvHeader); err != nil {
			return err
		}
		for _, r := range records {
			f := fileEntry(r)
			row := []string{f.Ref, f.Title, strings.Join(f.Questions, "\n"), f.Answer, f.SourceURL, f.SourceText,
				f.Agency, strings.Join(f.Categories, ";"), f.ValidFrom, f.ValidUntil, f.ReviewDue, strconv.FormatBool(*f.Active),
				f.ReviewedBy, f.ReviewedAt, strconv.FormatInt(f.Uses, 10)}
			// Entries are typed by staff, some from a citizen's question: a
			// cell is data when the file is opened in a spreadsheet, never a
			// formula. ReadLibrary restores the text exactly.
			for i, v := range row {
				row[i] = sheet.Neutralize(v)
			}
			if err := cw.Write(row); err != nil {
				return err
			}
		}
		cw.Flush()
		return cw.Error()
	}
	return aduan.Errorf(aduan.EINVALID, "err.lib.format")
}

// MaxLibraryFile is the largest library file accepted (about 50,000
// entries of ordinary length).
const MaxLibraryFile = 64 << 20

// ReadLibrary reads a library file. Problems are domain errors naming the
// row (counted from 1, the header not included) and the column.
func ReadLibrary(r io.Reader, format string) ([]store.LibraryRecord, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxLibraryFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxLibraryFile {
		return nil, aduan.Errorf(aduan.ETOOLARGE, "err.too_large", MaxLibraryFile/1024)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // a spreadsheet's BOM
	if !utf8.Valid(data) {
		return nil, aduan.Errorf(aduan.EINVALID, "err.lib.encoding")
	}
	var files []LibraryFileEntry
	switch format {
	case FormatJSON:
		trimmed := bytes.TrimSpace(data)
		dec := json.NewDecoder(bytes.NewReader(trimmed))
		dec.DisallowUnknownFields()
		if len(trimmed) > 0 && trimmed[0] == '[' {
			err = dec.Decode(&files)
		} else {
			var f LibraryFile
			err = dec.Decode(&f)
			if err == nil && f.Format != "" && f.Format != "aduan-library" {
				return nil, aduan.Errorf(aduan.EINVALID, "err.lib.format")
			}
			files = f.Entries
		}
		if err != nil {
			return nil, aduan.Errorf(aduan.EINVALID, "err.lib.json", jsonProblem(err))
		}
	case FormatCSV:
		files, err = readCSV(data)
		if err != nil {
			return nil, err
		}
	default:
		return nil, aduan.Errorf(aduan.EINVALID, "err.lib.format")
	}
	var v aduan.Validation
	out := make([]store.LibraryRecord, 0, len(files))
	for i, f := range files {
		rec, ok := f.record()
		if !ok {
			v.Add(fmt.Sprintf("rows[%d].ref", i+1), "err.lib.ref")
		}
		out = append(out, rec)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

func jsonProblem(err error) string {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return fmt.Sprintf("offset %d", se.Offset)
	case errors.As(err, &te):
		return te.Field
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		return strings.TrimPrefix(err.Error(), "json: ")
	}
	return "invalid"
}

func readCSV(data []byte) ([]LibraryFileEntry, error) {
	cr := csv.NewReader(bytes.NewReader(data))
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err == io.EOF {
		return nil, aduan.Errorf(aduan.EINVALID, "err.lib.import_empty")
	}
	if err != nil {
		return nil, aduan.Errorf(aduan.EINVALID, "err.lib.csv", csvLine(err, 1))
	}
	col := map[string]int{}
	for i, h := range head {
		h = strings.ToLower(strings.TrimSpace(h))
		if !contains(csvHeader, h) {
			return nil, aduan.Errorf(aduan.EINVALID, "err.lib.csv_column", h)
		}
		col[h] = i
	}
	for _, need := range []string{"title", "answer"} {
		if _, ok := col[need]; !ok {
			return nil, aduan.Errorf(aduan.EINVALID, "err.lib.csv_missing", need)
		}
	}
	var out []LibraryFileEntry
	var v aduan.Validation
	for row := 1; ; row++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, aduan.Errorf(aduan.EINVALID, "err.lib.csv", csvLine(err, row+1))
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(sheet.Restore(rec[i]))
			}
			return ""
		}
		f := LibraryFileEntry{Ref: get("ref"), Title: get("title"), Answer: get("answer"), SourceURL: get("source_url"),
			SourceText: get("source_text"), Agency: get("agency"), ValidFrom: get("valid_from"), ValidUntil: get("valid_until"),
			ReviewDue: get("review_due")}
		for _, q := range strings.Split(get("questions"), "\n") {
			if q = strings.TrimSpace(q); q != "" {
				f.Questions = append(f.Questions, q)
			}
		}
		for _, c := range strings.Split(get("categories"), ";") {
			if c = strings.TrimSpace(c); c != "" {
				f.Categories = append(f.Categories, c)
			}
		}
		switch a := strings.ToLower(get("active")); a {
		case "", "true", "ya", "1", "aktif":
		case "false", "tidak", "0", "arsip":
			no := false
			f.Active = &no
		default:
			v.Add(fmt.Sprintf("rows[%d].active", row), "err.field.choice")
		}
		out = append(out, f)
	}
	if err := v.Err(); err != nil {
		return nil, err
	}
	return out, nil
}

// csvLine is the line of the file where reading failed.
func csvLine(err error, fallback int) int {
	var pe *csv.ParseError
	if errors.As(err, &pe) && pe.Line > 0 {
		return pe.Line
	}
	return fallback
}

// ServeLibrary answers a download of the library in format (the file that
// import reads), for the console and the API alike: the file is named for
// the city's date at loc and never kept by a cache, holding as it may
// entries not yet published.
func ServeLibrary(w http.ResponseWriter, format string, records []store.LibraryRecord, now time.Time, loc *time.Location) error {
	var buf bytes.Buffer
	if err := WriteLibrary(&buf, format, records, now); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	if format == FormatCSV {
		h.Set("Content-Type", "text/csv; charset=utf-8")
	}
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": "folder-jawaban-" + now.In(loc).Format("20060102") + "." + format}))
	h.Set("Cache-Control", "private, no-store")
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(buf.Bytes())
	return err
}
