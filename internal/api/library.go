package api

import (
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/export"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/libsvc"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/routing"
	"github.com/kotakita/aduan/internal/search"
)

// Library serves the answer library (folder jawaban), search over it and
// past answered complaints, the routing suggestion and the duplicate
// suggestion. It shares the API's store and error handling.
type Library struct {
	*API
	Lib *libsvc.Service
	// Entries, Searcher, Suggester and Retrainer, when set, replace the
	// store and Lib's parts for these handlers (fakes in handler tests).
	Entries   LibraryStore
	Searcher  LibrarySearcher
	Suggester RoutingSuggester
	Retrainer RoutingRetrainer
}

// NewLibrary builds the library's handlers over the API's store and the
// shared library service.
func NewLibrary(a *API, lib *libsvc.Service) *Library {
	return &Library{API: a, Lib: lib}
}

// LibraryEntryJSON is an entry of the answer library.
type LibraryEntryJSON struct {
	ID              int64          `json:"id"`
	Ref             string         `json:"ref"` // JWB-0042: what an answer's source_ref names
	Title           string         `json:"title"`
	Questions       []string       `json:"questions"`
	Answer          string         `json:"answer"`
	SourceURL       string         `json:"source_url"`
	SourceText      string         `json:"source_text"`
	AgencyID        int64          `json:"agency_id,omitempty"`
	AgencyName      string         `json:"agency_name,omitempty"`
	CategoryIDs     []int64        `json:"category_ids"`
	Categories      []NamedRefJSON `json:"categories"`
	ValidFrom       string         `json:"valid_from,omitempty"`
	ValidUntil      string         `json:"valid_until,omitempty"`
	Expired         bool           `json:"expired"`
	ReviewDue       string         `json:"review_due,omitempty"`
	ReviewOverdue   bool           `json:"review_overdue"`
	ReviewedByName  string         `json:"reviewed_by_name,omitempty"`
	ReviewedAt      *string        `json:"reviewed_at,omitempty"`
	Active          bool           `json:"active"`
	FromComplaintID int64          `json:"from_complaint_id,omitempty"`
	Uses            int64          `json:"uses"`
	LastUsedAt      *string        `json:"last_used_at,omitempty"`
	CreatedAt       string         `json:"created_at"`
	UpdatedAt       string         `json:"updated_at"`
	UpdatedByName   string         `json:"updated_by_name,omitempty"`
	Version         int64          `json:"version"`
}

// NamedRefJSON is an ID with a display name.
type NamedRefJSON struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

func libraryJSON(e *aduan.LibraryEntry, today string, loc *time.Location) LibraryEntryJSON {
	j := LibraryEntryJSON{ID: e.ID, Ref: aduan.LibraryRef(e.ID), Title: e.Title, Questions: e.Questions, Answer: e.Answer,
		SourceURL: e.SourceURL, SourceText: e.SourceText, AgencyID: e.AgencyID, AgencyName: e.AgencyName,
		CategoryIDs: e.CategoryIDs, Categories: []NamedRefJSON{}, ValidFrom: e.ValidFrom, ValidUntil: e.ValidUntil,
		Expired: e.Expired(today), ReviewDue: e.ReviewDue, ReviewOverdue: e.ReviewOverdue(today), ReviewedByName: e.ReviewedByName,
		ReviewedAt: export.TimePtr(loc, e.ReviewedAt), Active: e.Active, FromComplaintID: e.FromComplaintID, Uses: e.Uses,
		LastUsedAt: export.TimePtr(loc, e.LastUsedAt), CreatedAt: export.Time(loc, e.CreatedAt), UpdatedAt: export.Time(loc, e.UpdatedAt),
		UpdatedByName: e.UpdatedByName, Version: e.Version}
	if j.Questions == nil {
		j.Questions = []string{}
	}
	if j.CategoryIDs == nil {
		j.CategoryIDs = []int64{}
	}
	for i, id := range e.CategoryIDs {
		name := ""
		if i < len(e.CategoryNames) {
			name = e.CategoryNames[i]
		}
		j.Categories = append(j.Categories, NamedRefJSON{ID: id, Name: name})
	}
	return j
}

// today is the day in the city's zone, against which entries expire and
// fall due for review.
func (l *Library) today(loc *time.Location) string { return l.now().In(loc).Format("2006-01-02") }

// LibraryInputJSON is the body of POST /library and of PATCH /library/{id}
// (where absent fields are left as they are and version is required).
type LibraryInputJSON struct {
	Version     int64     `json:"version,omitempty"`
	Title       *string   `json:"title"`
	Questions   *[]string `json:"questions"`
	Answer      *string   `json:"answer"`
	SourceURL   *string   `json:"source_url"`
	SourceText  *string   `json:"source_text"`
	AgencyID    *int64    `json:"agency_id"`
	CategoryIDs *[]int64  `json:"category_ids"`
	ValidFrom   *string   `json:"valid_from"`
	ValidUntil  *string   `json:"valid_until"`
	ReviewDue   *string   `json:"review_due"`
	Active      *bool     `json:"active"`
}

// apply writes the fields that are present over e.
func (in *LibraryInputJSON) apply(e *aduan.LibraryEntry) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&e.Title, in.Title)
	set(&e.Answer, in.Answer)
	set(&e.SourceURL, in.SourceURL)
	set(&e.SourceText, in.SourceText)
	set(&e.ValidFrom, in.ValidFrom)
	set(&e.ValidUntil, in.ValidUntil)
	set(&e.ReviewDue, in.ReviewDue)
	if in.Questions != nil {
		e.Questions = *in.Questions
	}
	if in.AgencyID != nil {
		e.AgencyID = *in.AgencyID
	}
	if in.CategoryIDs != nil {
		e.CategoryIDs = *in.CategoryIDs
	}
	if in.Active != nil {
		e.Active = *in.Active
	}
}

func (l *Library) ListLibrary(w http.ResponseWriter, r *http.Request) error {
	p := newParams(r)
	f := aduan.LibraryFilter{AgencyID: p.int("agency_id"), CategoryID: p.int("category_id"), Before: p.int("cursor"), Limit: int(p.int("limit"))}
	switch p.str("active") {
	case "true":
		t := true
		f.Active = &t
	case "false":
		t := false
		f.Active = &t
	case "", "all":
	default:
		p.errs.Add("active", "err.bad_param", "active")
	}
	if err := p.err(); err != nil {
		return err
	}
	return l.writeLibraryPage(w, r, f)
}

func (l *Library) writeLibraryPage(w http.ResponseWriter, r *http.Request, f aduan.LibraryFilter) error {
	loc, zerr := l.zone(r)
	if zerr != nil {
		return zerr
	}
	list, next, err := l.entries().LibraryEntries(r.Context(), reqctx.Actor(r), f)
	if err != nil {
		return err
	}
	today := l.today(loc)
	page := Page[LibraryEntryJSON]{Items: make([]LibraryEntryJSON, 0, len(list))}
	for _, e := range list {
		page.Items = append(page.Items, libraryJSON(e, today, loc))
	}
	if next != 0 {
		page.NextCursor = strconv.FormatInt(next, 10)
	}
	return writeJSON(w, http.StatusOK, page)
}

// LibraryReviewDue lists the entries the coordinator should check: past
// their review date or their validity.
func (l *Library) LibraryReviewDue(w http.ResponseWriter, r *http.Request) error {
	if err := reqctx.Actor(r).Require(aduan.PermLibraryEdit); err != nil {
		return err
	}
	loc, zerr := l.zone(r)
	if zerr != nil {
		return zerr
	}
	p := newParams(r)
	active := true
	f := aduan.LibraryFilter{Active: &active, ReviewDueBy: l.today(loc), Before: p.int("cursor"), Limit: int(p.int("limit"))}
	if err := p.err(); err != nil {
		return err
	}
	return l.writeLibraryPage(w, r, f)
}

func (l *Library) GetLibrary(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := l.zone(r)
	if zerr != nil {
		return zerr
	}
	id, err := pathID(r, "id")
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.library_entry")
	}
	e, err := l.entries().LibraryEntry(r.Context(), reqctx.Actor(r), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, libraryJSON(e, l.today(loc), loc))
}

func (l *Library) CreateLibrary(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := l.zone(r)
	if zerr != nil {
		return zerr
	}
	act := reqctx.Actor(r)
	if err := act.Require(aduan.PermLibraryEdit); err != nil {
		return err
	}
	var in LibraryInputJSON
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	e := &aduan.LibraryEntry{Active: true}
	in.apply(e)
	if err := l.entries().CreateLibraryEntry(r.Context(), act, e); err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/library/"+strconv.FormatInt(e.ID, 10))
	return writeJSON(w, http.StatusCreated, libraryJSON(e, l.today(loc), loc))
}

func (l *Library) UpdateLibrary(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := l.zone(r)
	if zerr != nil {
		return zerr
	}
	act := reqctx.Actor(r)
	id, err := pathID(r, "id")
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.library_entry")
	}
	if err := act.Require(aduan.PermLibraryEdit); err != nil {
		return err
	}
	var in LibraryInputJSON
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	if in.Version <= 0 {
		return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "version", Key: "err.field.required"}}}
	}
	e, err := l.entries().LibraryEntry(r.Context(), act, id)
	if err != nil {
		return err
	}
	in.apply(e)
	e.Version = in.Version
	if err := l.entries().UpdateLibraryEntry(r.Context(), act, e); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, libraryJSON(e, l.today(loc), loc))
}

// reviewBody is the body of POST /library/{id}/actions/review.
type reviewBody struct {
	Version   int64  `json:"version"`
	ReviewDue string `json:"review_due"`
}

func (l *Library) ReviewLibrary(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := l.zone(r)
	if zerr != nil {
		return zerr
	}
	act := reqctx.Actor(r)
	id, err := pathID(r, "id")
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.library_entry")
	}
	if err := act.Require(aduan.PermLibraryEdit); err != nil {
		return err
	}
	var in reviewBody
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	if in.Version <= 0 {
		return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "version", Key: "err.field.required"}}}
	}
	e, err := l.entries().ReviewLibraryEntry(r.Context(), act, id, in.Version, in.ReviewDue)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, libraryJSON(e, l.today(loc), loc))
}

// LibraryVersionJSON is one version of an entry.
type LibraryVersionJSON struct {
	Version     int64            `json:"version"`
	Action      string           `json:"action"`
	ActionLabel string           `json:"action_label"`
	At          string           `json:"at"`
	ActorID     int64            `json:"actor_id,omitempty"`
	ActorName   string           `json:"actor_name"`
	Changed     []string         `json:"changed"` // fields that differ from the version before
	Entry       LibraryEntryJSON `json:"entry"`
}

func (l *Library) LibraryHistory(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := l.zone(r)
	if zerr != nil {
		return zerr
	}
	id, err := pathID(r, "id")
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.library_entry")
	}
	vs, err := l.entries().LibraryHistory(r.Context(), reqctx.Actor(r), id)
	if err != nil {
		return err
	}
	lang, today := reqctx.Lang(r), l.today(loc)
	out := make([]LibraryVersionJSON, 0, len(vs))
	for i, v := range vs {
		e := v.Entry
		e.UpdatedAt, e.CreatedAt = v.At, v.At
		j := LibraryVersionJSON{Version: v.Version, Action: v.Action, ActionLabel: i18n.T(lang, "lib.action."+v.Action), At: export.Time(loc, v.At),
			ActorID: v.ActorID, ActorName: v.ActorName, Changed: []string{}, Entry: libraryJSON(&e, today, loc)}
		if i+1 < len(vs) {
			j.Changed = append(j.Changed, e.ChangedFields(&vs[i+1].Entry)...)
		}
		out = append(out, j)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

// fromComplaintBody optionally overrides what POST
// /library/from-complaint/{id} takes from the complaint.
type fromComplaintBody struct {
	Title       string   `json:"title"`
	Questions   []string `json:"questions"`
	Answer      string   `json:"answer"`
	SourceURL   string   `json:"source_url"`
	SourceText  string   `json:"source_text"`
	AgencyID    int64    `json:"agency_id"`
	CategoryIDs []int64  `json:"category_ids"`
	ValidFrom   string   `json:"valid_from"`
	ValidUntil  string   `json:"valid_until"`
	ReviewDue   string   `json:"review_due"`
}

func (l *Library) LibraryFromComplaint(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := l.zone(r)
	if zerr != nil {
		return zerr
	}
	act := reqctx.Actor(r)
	if err := act.Require(aduan.PermLibraryEdit); err != nil {
		return err
	}
	var in fromComplaintBody
	// The body is optional: one click makes an entry from the complaint.
	if r.ContentLength != 0 {
		if err := reqctx.Decode(r, &in); err != nil {
			return err
		}
	}
	c, err := l.complaintParam(r)
	if err != nil {
		return err
	}
	e, err := l.entries().LibraryFromComplaint(r.Context(), act, c.ID, &aduan.LibraryEntry{Title: in.Title, Questions: in.Questions,
		Answer: in.Answer, SourceURL: in.SourceURL, SourceText: in.SourceText, AgencyID: in.AgencyID, CategoryIDs: in.CategoryIDs,
		ValidFrom: in.ValidFrom, ValidUntil: in.ValidUntil, ReviewDue: in.ReviewDue})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/library/"+strconv.FormatInt(e.ID, 10))
	return writeJSON(w, http.StatusCreated, libraryJSON(e, l.today(loc), loc))
}

func libraryFormat(r *http.Request) (string, error) {
	f := strings.ToLower(strings.TrimSpace(r.URL.Query().Get("format")))
	if f == "" {
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		f = "json"
		if ct == "text/csv" {
			f = "csv"
		}
	}
	if f != search.FormatJSON && f != search.FormatCSV {
		return "", &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "format", Key: "err.lib.format"}}}
	}
	return f, nil
}

func (l *Library) ExportLibrary(w http.ResponseWriter, r *http.Request) error {
	act := reqctx.Actor(r)
	if err := act.Require(aduan.PermLibraryRead); err != nil {
		return err
	}
	format, err := libraryFormat(r)
	if err != nil {
		return err
	}
	loc, err := l.zone(r)
	if err != nil {
		return err
	}
	recs, err := l.entries().ExportLibrary(r.Context(), act)
	if err != nil {
		return err
	}
	return search.ServeLibrary(w, format, recs, l.now(), loc)
}

// importResult is the answer of POST /library/import.
type importResult struct {
	Created   int `json:"created"`
	Updated   int `json:"updated"`
	Unchanged int `json:"unchanged"`
}

func (l *Library) ImportLibrary(w http.ResponseWriter, r *http.Request) error {
	act := reqctx.Actor(r)
	if err := act.Require(aduan.PermLibraryEdit); err != nil {
		return err
	}
	ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || (ct != "application/json" && ct != "text/csv") {
		return aduan.Errorf(aduan.EUNSUPPORTED, "err.lib.content_type")
	}
	format, err := libraryFormat(r)
	if err != nil {
		return err
	}
	recs, err := search.ReadLibrary(http.MaxBytesReader(w, r.Body, search.MaxLibraryFile), format)
	if err != nil {
		if _, ok := aduan.AsError(err); !ok && err != io.EOF {
			return aduan.Errorf(aduan.ETOOLARGE, "err.too_large", search.MaxLibraryFile/1024)
		}
		return err
	}
	res, err := l.entries().ImportLibrary(r.Context(), act, recs)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, importResult{res.Created, res.Updated, res.Unchanged})
}

// SearchResultJSON is the answer of GET /search.
type SearchResultJSON struct {
	Terms      []string           `json:"terms"`
	Library    []LibraryHitJSON   `json:"library"`
	Complaints []ComplaintHitJSON `json:"complaints"`
	Filters    map[string]any     `json:"filters"`
}

// LibraryHitJSON is a library entry that matched, with the matching words
// marked in HTML (<mark>; everything else escaped).
type LibraryHitJSON struct {
	Entry         LibraryEntryJSON `json:"entry"`
	Score         float64          `json:"score"`
	TitleHTML     string           `json:"title_html"`
	QuestionsHTML []string         `json:"questions_html"`
	AnswerHTML    string           `json:"answer_html"`
}

// ComplaintHitJSON is a past answered complaint that matched.
type ComplaintHitJSON struct {
	ID           int64   `json:"id"`
	Number       string  `json:"number"`
	Status       string  `json:"status"`
	StatusLabel  string  `json:"status_label"`
	CategoryID   int64   `json:"category_id,omitempty"`
	CategoryName string  `json:"category_name,omitempty"`
	AgencyID     int64   `json:"agency_id,omitempty"`
	AgencyName   string  `json:"agency_name,omitempty"`
	ReceivedAt   string  `json:"received_at"`
	Answer       string  `json:"answer"`
	AnswerSource string  `json:"answer_source,omitempty"`
	Score        float64 `json:"score"`
	TextHTML     string  `json:"text_html"`
	AnswerHTML   string  `json:"answer_html"`
}

func (l *Library) Search(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := l.zone(r)
	if zerr != nil {
		return zerr
	}
	act := reqctx.Actor(r)
	if err := act.Require(aduan.PermLibraryRead); err != nil {
		return err
	}
	p := newParams(r)
	q := search.Query{Text: p.str("q"), AgencyID: p.int("agency_id"), CategoryID: p.int("category_id"), Limit: int(p.int("limit"))}
	switch p.str("valid") {
	case "", "true":
	case "false", "all":
		q.IncludeExpired = true
	default:
		p.errs.Add("valid", "err.bad_param", "valid")
	}
	switch p.str("kind") {
	case "", "all":
	case "library":
		q.Library = true
	case "complaints":
		q.Complaints = true
	default:
		p.errs.Add("kind", "err.bad_param", "kind")
	}
	switch p.str("complete") {
	case "", "false":
	case "true":
		q.Complete = true
	default:
		p.errs.Add("complete", "err.bad_param", "complete")
	}
	if len(q.Text) > 1000 {
		p.errs.Add("q", "err.field.too_long", 1000)
	}
	if err := p.err(); err != nil {
		return err
	}
	res, err := l.searcher().Search(r.Context(), act, q)
	if err != nil {
		return err
	}
	lang, today := reqctx.Lang(r), l.today(loc)
	out := SearchResultJSON{Terms: res.Terms, Library: []LibraryHitJSON{}, Complaints: []ComplaintHitJSON{},
		Filters: map[string]any{"agency_id": q.AgencyID, "category_id": q.CategoryID, "valid": !q.IncludeExpired}}
	for _, h := range res.Library {
		out.Library = append(out.Library, LibraryHitJSON{Entry: libraryJSON(h.Entry, today, loc), Score: h.Score, TitleHTML: h.TitleHTML,
			QuestionsHTML: h.QuestionsHTML, AnswerHTML: h.AnswerHTML})
	}
	for _, h := range res.Complaints {
		c := h.Complaint
		out.Complaints = append(out.Complaints, ComplaintHitJSON{ID: c.ID, Number: c.Number, Status: string(c.Status),
			StatusLabel: i18n.T(lang, "status."+string(c.Status)), CategoryID: c.CategoryID, CategoryName: c.CategoryName,
			AgencyID: c.AgencyID, AgencyName: c.AgencyName, ReceivedAt: export.Time(loc, c.ReceivedAt), Answer: c.Answer,
			AnswerSource: string(c.AnswerSource), Score: h.Score, TextHTML: h.TextHTML, AnswerHTML: h.AnswerHTML})
	}
	return writeJSON(w, http.StatusOK, out)
}

// RoutingSuggestJSON is the answer of GET /routing/suggest.
type RoutingSuggestJSON struct {
	Categories    []ChoiceJSON `json:"categories"`
	Agencies      []ChoiceJSON `json:"agencies"`
	KecamatanCode string       `json:"kecamatan_code,omitempty"`
	// Manual: the best agency is below the confidence threshold; pick by hand.
	Manual bool             `json:"manual"`
	Model  RoutingModelJSON `json:"model"`
}

// ChoiceJSON is one suggestion with its confidence (0–1).
type ChoiceJSON struct {
	ID         int64   `json:"id"`
	Code       string  `json:"code"`
	Name       string  `json:"name"`
	Confidence float64 `json:"confidence"`
}

// RoutingModelJSON says what the suggestion was learned from.
type RoutingModelJSON struct {
	TrainedAt   string `json:"trained_at"`
	Examples    int64  `json:"examples"`
	DurationMS  int64  `json:"duration_ms,omitempty"`
	Description string `json:"description"`
}

func choices(cs []routing.Choice) []ChoiceJSON {
	out := make([]ChoiceJSON, 0, len(cs))
	for _, c := range cs {
		out = append(out, ChoiceJSON{ID: c.ID, Code: c.Code, Name: c.Name, Confidence: c.Confidence})
	}
	return out
}

func modelJSON(lang i18n.Lang, info routing.Info, loc *time.Location) RoutingModelJSON {
	if info.TrainedAt.IsZero() { // the keyword baseline, while the model trains
		return RoutingModelJSON{Description: i18n.T(lang, "lib.web.model_none")}
	}
	return RoutingModelJSON{TrainedAt: export.Time(loc, info.TrainedAt), Examples: info.Examples, DurationMS: info.Duration.Milliseconds(),
		Description: i18n.T(lang, "lib.routing_model", i18n.Number(lang, info.Examples), i18n.DateTime(lang, info.TrainedAt))}
}

func (l *Library) RoutingSuggest(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := l.zone(r)
	if zerr != nil {
		return zerr
	}
	act := reqctx.Actor(r)
	if err := act.Require(aduan.PermComplaintCreate); err != nil {
		return err
	}
	p := newParams(r)
	text, kel := p.str("text"), p.str("kelurahan")
	if text == "" {
		p.errs.Add("text", "err.field.required")
	} else if len(text) > 4*aduan.MaxTextLen {
		p.errs.Add("text", "err.field.too_long", aduan.MaxTextLen)
	}
	if err := p.err(); err != nil {
		return err
	}
	s, info, err := l.suggester().Suggest(r.Context(), text, kel)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, RoutingSuggestJSON{Categories: choices(s.Categories), Agencies: choices(s.Agencies),
		KecamatanCode: s.KecamatanCode, Manual: s.Manual, Model: modelJSON(reqctx.Lang(r), info, loc)})
}

func (l *Library) RoutingRetrain(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := l.zone(r)
	if zerr != nil {
		return zerr
	}
	// Retrain checks the permission too; asking first spares the model a
	// call that can only be refused.
	act := reqctx.Actor(r)
	if err := act.Require(aduan.PermRoutingTrain); err != nil {
		return err
	}
	info, err := l.retrainer().Retrain(r.Context(), act)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, modelJSON(reqctx.Lang(r), info, loc))
}

// SimilarHitJSON is an open complaint that may be the same problem.
type SimilarHitJSON struct {
	Complaint     ComplaintJSON `json:"complaint"`
	Score         float64       `json:"score"`
	SameKelurahan bool          `json:"same_kelurahan"`
	SameStreet    bool          `json:"same_street"`
	Street        string        `json:"street,omitempty"`
}

func (l *Library) SimilarComplaints(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := l.zone(r)
	if zerr != nil {
		return zerr
	}
	act := reqctx.Actor(r)
	c, err := l.complaintParam(r)
	if err != nil {
		return err
	}
	hits, err := l.searcher().SimilarOf(r.Context(), act, c)
	if err != nil {
		return err
	}
	lang, now := reqctx.Lang(r), l.now()
	out := make([]SimilarHitJSON, 0, len(hits))
	for _, h := range hits {
		out = append(out, SimilarHitJSON{Complaint: complaintJSON(h.Complaint, act, lang, now, loc), Score: h.Score,
			SameKelurahan: h.SameKelurahan, SameStreet: h.SameStreet, Street: h.Street})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}
