package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kotakita/aduan"
)

// Library is the answer library and what learns from the complaints:
// library entries and their history, the search index and the
// routing model's examples.
type Library struct {
	s *Store
}

// Library returns the store's library.
func (s *Store) Library() *Library { return &Library{s: s} }

// The answer library (folder jawaban, SOP step 6). Every write keeps a
// version (the entry as it is after the change, with who and when), an
// audit record and the search index in the same transaction.

const librarySelect = `SELECT e.id, e.title, e.questions, e.answer, e.source_url, e.source_text, e.agency_id,
	e.valid_from, e.valid_until, e.review_due, e.reviewed_by, e.reviewed_by_name, e.reviewed_at, e.active,
	e.from_complaint_id, e.uses, e.last_used_at, e.created_at, e.created_by, e.updated_at, e.updated_by,
	e.updated_by_name, e.version, COALESCE(ag.name, '')
FROM library_entries e
LEFT JOIN agencies ag ON ag.id = e.agency_id`

func scanLibrary(sc interface{ Scan(...any) error }) (*aduan.LibraryEntry, error) {
	var e aduan.LibraryEntry
	var questions string
	var agency, reviewedBy, reviewedAt, fromComplaint, lastUsed, createdBy, updatedBy sql.NullInt64
	var validFrom, validUntil, reviewDue sql.NullString
	var created, updated int64
	err := sc.Scan(&e.ID, &e.Title, &questions, &e.Answer, &e.SourceURL, &e.SourceText, &agency,
		&validFrom, &validUntil, &reviewDue, &reviewedBy, &e.ReviewedByName, &reviewedAt, &e.Active,
		&fromComplaint, &e.Uses, &lastUsed, &created, &createdBy, &updated, &updatedBy,
		&e.UpdatedByName, &e.Version, &e.AgencyName)
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(questions), &e.Questions); err != nil {
		return nil, fmt.Errorf("library entry %d: questions: %w", e.ID, err)
	}
	e.AgencyID, e.ReviewedBy, e.FromComplaintID, e.CreatedBy, e.UpdatedBy = agency.Int64, reviewedBy.Int64, fromComplaint.Int64, createdBy.Int64, updatedBy.Int64
	e.ValidFrom, e.ValidUntil, e.ReviewDue = validFrom.String, validUntil.String, reviewDue.String
	e.ReviewedAt, e.LastUsedAt = nullMS(reviewedAt), nullMS(lastUsed)
	e.CreatedAt, e.UpdatedAt = fromMS(created), fromMS(updated)
	return &e, nil
}

// loadLibraryCategories fills the categories of the entries.
func loadLibraryCategories(ctx context.Context, q queryer, entries []*aduan.LibraryEntry) error {
	if len(entries) == 0 {
		return nil
	}
	byID := map[int64]*aduan.LibraryEntry{}
	var w where
	ph := make([]string, 0, len(entries))
	for _, e := range entries {
		byID[e.ID] = e
		e.CategoryIDs, e.CategoryNames = nil, nil
		ph = append(ph, w.arg(e.ID))
	}
	rows, err := q.QueryContext(ctx, `SELECT lc.entry_id, lc.category_id, c.name FROM library_entry_categories lc
		JOIN categories c ON c.id = lc.category_id WHERE lc.entry_id IN (`+strings.Join(ph, ", ")+`) ORDER BY lc.entry_id, lc.category_id`, w.args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var eid, cid int64
		var name string
		if err := rows.Scan(&eid, &cid, &name); err != nil {
			return err
		}
		e := byID[eid]
		e.CategoryIDs = append(e.CategoryIDs, cid)
		e.CategoryNames = append(e.CategoryNames, name)
	}
	return rows.Err()
}

func (s *Store) libraryEntry(ctx context.Context, q queryer, id int64) (*aduan.LibraryEntry, error) {
	e, err := scanLibrary(q.QueryRowContext(ctx, librarySelect+` WHERE e.id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, notFound("library_entry")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	if err := loadLibraryCategories(ctx, q, []*aduan.LibraryEntry{e}); err != nil {
		return nil, mapErr(err)
	}
	return e, nil
}

// LibraryEntry returns one entry.
func (lb *Library) LibraryEntry(ctx context.Context, actor aduan.Actor, id int64) (_ *aduan.LibraryEntry, err error) {
	s := lb.s
	defer wrap(&err, "LibraryEntry(%d)", id)
	if err := actor.Require(aduan.PermLibraryRead); err != nil {
		return nil, err
	}
	return s.libraryEntry(ctx, s.rdb, id)
}

// LibraryEntriesByID returns the entries with the given IDs (missing ones
// are left out), for showing search results the caller may already see.
func (lb *Library) LibraryEntriesByID(ctx context.Context, ids []int64) (_ map[int64]*aduan.LibraryEntry, err error) {
	s := lb.s
	defer wrap(&err, "LibraryEntriesByID()")
	out := map[int64]*aduan.LibraryEntry{}
	if len(ids) == 0 {
		return out, nil
	}
	var w where
	ph := make([]string, len(ids))
	for i, id := range ids {
		ph[i] = w.arg(id)
	}
	rows, err := s.rdb.QueryContext(ctx, librarySelect+` WHERE e.id IN (`+strings.Join(ph, ", ")+`)`, w.args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var list []*aduan.LibraryEntry
	for rows.Next() {
		e, err := scanLibrary(rows)
		if err != nil {
			return nil, err
		}
		out[e.ID] = e
		list = append(list, e)
	}
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	return out, mapErr(loadLibraryCategories(ctx, s.rdb, list))
}

// LibraryEntries lists entries, newest first, with the cursor of the next
// page (0 at the end).
func (lb *Library) LibraryEntries(ctx context.Context, actor aduan.Actor, f aduan.LibraryFilter) (_ []*aduan.LibraryEntry, _ int64, err error) {
	s := lb.s
	defer wrap(&err, "LibraryEntries()")
	if err := actor.Require(aduan.PermLibraryRead); err != nil {
		return nil, 0, err
	}
	var w where
	if f.AgencyID != 0 {
		w.add("e.agency_id = ?", f.AgencyID)
	}
	if f.CategoryID != 0 {
		w.add("EXISTS (SELECT 1 FROM library_entry_categories lc WHERE lc.entry_id = e.id AND lc.category_id = ?)", f.CategoryID)
	}
	if f.Active != nil {
		w.add("e.active = ?", *f.Active)
	}
	if f.ReviewDueBy != "" {
		w.add("((e.review_due IS NOT NULL AND e.review_due < ?) OR (e.valid_until IS NOT NULL AND e.valid_until < ?))", f.ReviewDueBy, f.ReviewDueBy)
	}
	out, next, err := listDesc(ctx, s.rdb, librarySelect, &w, "e.id", f.Before, f.Limit, scanLibrary,
		func(e *aduan.LibraryEntry) int64 { return e.ID })
	if err != nil {
		return nil, 0, err
	}
	return out, next, mapErr(loadLibraryCategories(ctx, s.rdb, out))
}

// wibDay is the calendar day of t in WIB.
func wibDate(t time.Time) string { return t.In(aduan.WIB).Format("2006-01-02") }

// defaultReviewDue is the day an answer reviewed at t should be checked
// again.
func defaultReviewDue(t time.Time) string {
	return t.In(aduan.WIB).AddDate(0, aduan.DefaultReviewMonths, 0).Format("2006-01-02")
}

// checkLibraryRefs checks that the agency and categories exist; prefix names
// the fields in errors.
func (s *Store) checkLibraryRefs(ctx context.Context, q queryer, e *aduan.LibraryEntry, prefix string, v *aduan.Validation) error {
	if e.AgencyID != 0 {
		if _, err := s.agency(ctx, q, e.AgencyID); err != nil {
			if aduan.ErrorCode(err) != aduan.ENOTFOUND {
				return err
			}
			v.Add(prefix+"agency_id", "err.field.unknown")
		}
	}
	for _, c := range e.CategoryIDs {
		if _, err := s.category(ctx, q, c); err != nil {
			if aduan.ErrorCode(err) != aduan.ENOTFOUND {
				return err
			}
			v.Add(prefix+"category_ids", "err.field.unknown")
			break
		}
	}
	return nil
}

// CreateLibraryEntry adds an entry; e gets its ID and bookkeeping.
func (lb *Library) CreateLibraryEntry(ctx context.Context, actor aduan.Actor, e *aduan.LibraryEntry) (err error) {
	s := lb.s
	defer wrap(&err, "CreateLibraryEntry()")
	if err := actor.Require(aduan.PermLibraryEdit); err != nil {
		return err
	}
	if err := e.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		var v aduan.Validation
		if err := s.checkLibraryRefs(ctx, tx, e, "", &v); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		return s.insertLibrary(ctx, tx, actor, e, "create")
	})
}

func (s *Store) insertLibrary(ctx context.Context, tx *sql.Tx, actor aduan.Actor, e *aduan.LibraryEntry, action string) error {
	now := s.Now()
	if e.ReviewDue == "" {
		e.ReviewDue = defaultReviewDue(now)
	}
	// A new entry has just been written by someone who checked it.
	e.ReviewedBy, e.ReviewedByName, e.ReviewedAt = actor.UserID, actor.Name, &now
	e.CreatedAt, e.UpdatedAt, e.CreatedBy, e.UpdatedBy, e.UpdatedByName, e.Version = now, now, actor.UserID, actor.UserID, actor.Name, 1
	q, _ := json.Marshal(questionsOrEmpty(e.Questions))
	if err := tx.QueryRowContext(ctx, `INSERT INTO library_entries (title, questions, answer, source_url, source_text, agency_id, valid_from, valid_until,
		review_due, reviewed_by, reviewed_by_name, reviewed_at, active, from_complaint_id, uses, created_at, created_by, updated_at, updated_by, updated_by_name, version)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 0, $15, $16, $15, $16, $17, 1) RETURNING id`,
		e.Title, string(q), e.Answer, e.SourceURL, e.SourceText, nullID(e.AgencyID), nullStr(e.ValidFrom), nullStr(e.ValidUntil),
		nullStr(e.ReviewDue), nullID(actor.UserID), actor.Name, ms(now), e.Active, nullID(e.FromComplaintID),
		ms(now), nullID(actor.UserID), actor.Name).Scan(&e.ID); err != nil {
		return err
	}
	if err := s.writeLibraryCategories(ctx, tx, e); err != nil {
		return err
	}
	return s.afterLibraryWrite(ctx, tx, actor, nil, e, action)
}

func questionsOrEmpty(q []string) []string {
	if q == nil {
		return []string{}
	}
	return q
}

func (s *Store) writeLibraryCategories(ctx context.Context, tx *sql.Tx, e *aduan.LibraryEntry) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM library_entry_categories WHERE entry_id = $1`, e.ID); err != nil {
		return err
	}
	for _, c := range e.CategoryIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO library_entry_categories (entry_id, category_id) VALUES ($1, $2)`, e.ID, c); err != nil {
			return err
		}
	}
	return nil
}

// afterLibraryWrite records the version, the audit record and the index
// for an entry that was just written; it reloads e with its joined names.
func (s *Store) afterLibraryWrite(ctx context.Context, tx *sql.Tx, actor aduan.Actor, before, e *aduan.LibraryEntry, action string) error {
	full, err := s.libraryEntry(ctx, tx, e.ID)
	if err != nil {
		return err
	}
	*e = *full
	snap, err := json.Marshal(libraryView(e))
	if err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO library_versions (entry_id, version, action, at, actor_id, actor_name, snapshot) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		e.ID, e.Version, action, ms(e.UpdatedAt), nullID(actor.UserID), actor.Name, string(snap)); err != nil {
		return err
	}
	var b any
	if before != nil {
		b = libraryView(before)
	}
	if err := s.audit(ctx, tx, actor, "library."+action, "library_entry", e.ID, b, libraryView(e)); err != nil {
		return err
	}
	return s.indexLibrary(ctx, tx, e)
}

// libraryView is what a version and the audit log keep of an entry.
type libraryViewJSON struct {
	Title           string   `json:"title"`
	Questions       []string `json:"questions"`
	Answer          string   `json:"answer"`
	SourceURL       string   `json:"source_url"`
	SourceText      string   `json:"source_text"`
	AgencyID        int64    `json:"agency_id"`
	CategoryIDs     []int64  `json:"category_ids"`
	ValidFrom       string   `json:"valid_from"`
	ValidUntil      string   `json:"valid_until"`
	ReviewDue       string   `json:"review_due"`
	ReviewedBy      int64    `json:"reviewed_by"`
	ReviewedByName  string   `json:"reviewed_by_name"`
	ReviewedAt      *int64   `json:"reviewed_at"`
	Active          bool     `json:"active"`
	FromComplaintID int64    `json:"from_complaint_id"`
	Version         int64    `json:"version"`
}

func libraryView(e *aduan.LibraryEntry) libraryViewJSON {
	v := libraryViewJSON{Title: e.Title, Questions: questionsOrEmpty(e.Questions), Answer: e.Answer, SourceURL: e.SourceURL,
		SourceText: e.SourceText, AgencyID: e.AgencyID, CategoryIDs: e.CategoryIDs, ValidFrom: e.ValidFrom, ValidUntil: e.ValidUntil,
		ReviewDue: e.ReviewDue, ReviewedBy: e.ReviewedBy, ReviewedByName: e.ReviewedByName, Active: e.Active,
		FromComplaintID: e.FromComplaintID, Version: e.Version}
	if e.ReviewedAt != nil {
		t := ms(*e.ReviewedAt)
		v.ReviewedAt = &t
	}
	if v.CategoryIDs == nil {
		v.CategoryIDs = []int64{}
	}
	return v
}

func (v libraryViewJSON) entry(id int64) aduan.LibraryEntry {
	e := aduan.LibraryEntry{ID: id, Title: v.Title, Questions: v.Questions, Answer: v.Answer, SourceURL: v.SourceURL, SourceText: v.SourceText,
		AgencyID: v.AgencyID, CategoryIDs: v.CategoryIDs, ValidFrom: v.ValidFrom, ValidUntil: v.ValidUntil, ReviewDue: v.ReviewDue,
		ReviewedBy: v.ReviewedBy, ReviewedByName: v.ReviewedByName, Active: v.Active, FromComplaintID: v.FromComplaintID, Version: v.Version}
	if v.ReviewedAt != nil {
		t := fromMS(*v.ReviewedAt)
		e.ReviewedAt = &t
	}
	if len(e.CategoryIDs) == 0 {
		e.CategoryIDs = nil
	}
	if len(e.Questions) == 0 {
		e.Questions = nil
	}
	return e
}

// UpdateLibraryEntry replaces the content of entry e.ID with e's. e.Version
// must be the version the actor saw; a stale one is a conflict. A change
// that changes nothing makes no version and returns the entry as it is.
func (lb *Library) UpdateLibraryEntry(ctx context.Context, actor aduan.Actor, e *aduan.LibraryEntry) (err error) {
	s := lb.s
	defer wrap(&err, "UpdateLibraryEntry()")
	if err := actor.Require(aduan.PermLibraryEdit); err != nil {
		return err
	}
	if err := e.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		_, err := s.updateLibrary(ctx, tx, actor, e, e.Version, "update", "")
		return err
	})
}

// updateLibrary writes e over the stored entry; version 0 skips the check
// (imports). It reports whether anything changed. prefix names fields in
// errors.
func (s *Store) updateLibrary(ctx context.Context, tx *sql.Tx, actor aduan.Actor, e *aduan.LibraryEntry, version int64, action, prefix string) (bool, error) {
	cur, err := s.libraryEntry(ctx, tx, e.ID)
	if err != nil {
		return false, err
	}
	if version != 0 && version != cur.Version {
		return false, aduan.Errorf(aduan.ECONFLICT, "err.stale")
	}
	var v aduan.Validation
	if err := s.checkLibraryRefs(ctx, tx, e, prefix, &v); err != nil {
		return false, err
	}
	if err := v.Err(); err != nil {
		return false, err
	}
	if e.SameContent(cur) {
		*e = *cur
		return false, nil
	}
	now := s.Now()
	q, _ := json.Marshal(questionsOrEmpty(e.Questions))
	res, err := tx.ExecContext(ctx, `UPDATE library_entries SET title=$1, questions=$2, answer=$3, source_url=$4, source_text=$5, agency_id=$6,
		valid_from=$7, valid_until=$8, review_due=$9, active=$10, updated_at=$11, updated_by=$12, updated_by_name=$13, version=version+1
		WHERE id=$14 AND version=$15`,
		e.Title, string(q), e.Answer, e.SourceURL, e.SourceText, nullID(e.AgencyID), nullStr(e.ValidFrom), nullStr(e.ValidUntil),
		nullStr(e.ReviewDue), e.Active, ms(now), nullID(actor.UserID), actor.Name, e.ID, cur.Version)
	if err != nil {
		return false, err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return false, aduan.Errorf(aduan.ECONFLICT, "err.stale")
	}
	if err := s.writeLibraryCategories(ctx, tx, e); err != nil {
		return false, err
	}
	return true, s.afterLibraryWrite(ctx, tx, actor, cur, e, action)
}

// ReviewLibraryEntry records that the actor checked the entry today; the
// next review falls due on nextDue (YYYY-MM-DD), or after the default
// period when empty.
func (lb *Library) ReviewLibraryEntry(ctx context.Context, actor aduan.Actor, id, version int64, nextDue string) (_ *aduan.LibraryEntry, err error) {
	s := lb.s
	defer wrap(&err, "ReviewLibraryEntry(%d, %d)", id, version)
	if err := actor.Require(aduan.PermLibraryEdit); err != nil {
		return nil, err
	}
	nextDue = strings.TrimSpace(nextDue)
	now := s.Now()
	if nextDue == "" {
		nextDue = defaultReviewDue(now)
	} else if _, err := time.Parse("2006-01-02", nextDue); err != nil {
		return nil, fieldErr("review_due", "err.field.date")
	} else if nextDue <= wibDate(now) {
		return nil, fieldErr("review_due", "err.lib.review_past")
	}
	var out *aduan.LibraryEntry
	err = s.tx(ctx, func(tx *sql.Tx) error {
		cur, err := s.libraryEntry(ctx, tx, id)
		if err != nil {
			return err
		}
		if version != cur.Version {
			return aduan.Errorf(aduan.ECONFLICT, "err.stale")
		}
		res, err := tx.ExecContext(ctx, `UPDATE library_entries SET review_due=$1, reviewed_by=$2, reviewed_by_name=$3, reviewed_at=$4,
			updated_at=$4, updated_by=$2, updated_by_name=$3, version=version+1 WHERE id=$5 AND version=$6`,
			nextDue, nullID(actor.UserID), actor.Name, ms(now), id, cur.Version)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return aduan.Errorf(aduan.ECONFLICT, "err.stale")
		}
		e := &aduan.LibraryEntry{ID: id}
		if err := s.afterLibraryWrite(ctx, tx, actor, cur, e, "review"); err != nil {
			return err
		}
		out = e
		return nil
	})
	return out, err
}

// LibraryHistory returns every version of an entry, newest first.
func (lb *Library) LibraryHistory(ctx context.Context, actor aduan.Actor, id int64) (_ []aduan.LibraryVersion, err error) {
	s := lb.s
	defer wrap(&err, "LibraryHistory(%d)", id)
	if err := actor.Require(aduan.PermLibraryRead); err != nil {
		return nil, err
	}
	if _, err := s.libraryEntry(ctx, s.rdb, id); err != nil {
		return nil, err
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT version, action, at, actor_id, actor_name, snapshot FROM library_versions WHERE entry_id = $1 ORDER BY version DESC`, id)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []aduan.LibraryVersion
	for rows.Next() {
		v := aduan.LibraryVersion{EntryID: id}
		var at int64
		var actorID sql.NullInt64
		var snap string
		if err := rows.Scan(&v.Version, &v.Action, &at, &actorID, &v.ActorName, &snap); err != nil {
			return nil, err
		}
		var view libraryViewJSON
		if err := json.Unmarshal([]byte(snap), &view); err != nil {
			return nil, fmt.Errorf("library entry %d version %d: %w", id, v.Version, err)
		}
		v.At, v.ActorID, v.Entry = fromMS(at), actorID.Int64, view.entry(id)
		out = append(out, v)
	}
	return out, rows.Err()
}

// LibraryFromComplaint makes an entry from an answered complaint: its text
// is the question, the answer the citizen got is the answer, and the
// agency and category come along. Fields set in draft (title, questions,
// answer, sources, validity) replace those defaults.
func (lb *Library) LibraryFromComplaint(ctx context.Context, actor aduan.Actor, complaintID int64, draft *aduan.LibraryEntry) (_ *aduan.LibraryEntry, err error) {
	s := lb.s
	defer wrap(&err, "LibraryFromComplaint(%d)", complaintID)
	if err := actor.Require(aduan.PermLibraryEdit); err != nil {
		return nil, err
	}
	var out *aduan.LibraryEntry
	err = s.tx(ctx, func(tx *sql.Tx) error {
		c, err := s.complaint(ctx, tx, complaintID)
		if err != nil {
			return err
		}
		if !actor.CanSeeComplaint(c) || !actor.CanSeeContent(c) {
			return notFound("complaint")
		}
		// A confidential complaint is about a person's case (violence,
		// reports against officials); its text must not become a public
		// answer.
		if c.Confidentiality == aduan.Confidential {
			return aduan.Errorf(aduan.EINVALID, "err.lib.confidential")
		}
		answer := strings.TrimSpace(c.Answer)
		if answer == "" {
			answer = strings.TrimSpace(c.AgencyAnswer)
		}
		if answer == "" {
			return aduan.Errorf(aduan.ETRANSITION, "err.lib.no_answer")
		}
		e := &aduan.LibraryEntry{Title: titleFrom(c.Text), Questions: []string{c.Text}, Answer: answer, SourceText: c.Number,
			AgencyID: c.AgencyID, Active: true, FromComplaintID: c.ID}
		if c.CategoryID != 0 {
			e.CategoryIDs = []int64{c.CategoryID}
		}
		if c.AnswerSource == aduan.SourceWeb && strings.HasPrefix(c.AnswerRef, "http") {
			e.SourceURL = c.AnswerRef
		}
		if d := draft; d != nil {
			override(&e.Title, d.Title)
			override(&e.Answer, d.Answer)
			override(&e.SourceURL, d.SourceURL)
			override(&e.SourceText, d.SourceText)
			override(&e.ValidFrom, d.ValidFrom)
			override(&e.ValidUntil, d.ValidUntil)
			override(&e.ReviewDue, d.ReviewDue)
			if len(d.Questions) > 0 {
				e.Questions = d.Questions
			}
			if d.AgencyID != 0 {
				e.AgencyID = d.AgencyID
			}
			if len(d.CategoryIDs) > 0 {
				e.CategoryIDs = d.CategoryIDs
			}
		}
		if err := e.Validate(); err != nil {
			return err
		}
		var v aduan.Validation
		if err := s.checkLibraryRefs(ctx, tx, e, "", &v); err != nil {
			return err
		}
		if err := v.Err(); err != nil {
			return err
		}
		if err := s.insertLibrary(ctx, tx, actor, e, "from_complaint"); err != nil {
			return err
		}
		out = e
		return nil
	})
	return out, err
}

func override(dst *string, v string) {
	if strings.TrimSpace(v) != "" {
		*dst = v
	}
}

// titleFrom makes a title from a complaint's text: its first sentence,
// cut at a word near 100 characters.
func titleFrom(text string) string {
	t := strings.Join(strings.Fields(text), " ")
	if i := strings.IndexAny(t, ".!?\n"); i > 20 {
		t = t[:i]
	}
	if utf8.RuneCountInString(t) <= 100 {
		return t
	}
	r := []rune(t)[:100]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > 50 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + " …"
}

// resolveLibraryRef finds the active entry a complaint's answer names as its
// source (JWB-0042 or 42).
func (s *Store) resolveLibraryRef(ctx context.Context, q queryer, ref string) (int64, error) {
	id, ok := aduan.ParseLibraryRef(ref)
	if !ok {
		return 0, fieldErr("source_ref", "err.lib.ref")
	}
	var active bool
	err := q.QueryRowContext(ctx, `SELECT active FROM library_entries WHERE id = $1`, id).Scan(&active)
	if err == sql.ErrNoRows || err == nil && !active {
		return 0, fieldErr("source_ref", "err.lib.ref")
	}
	return id, err
}

// LibraryRecord is an entry in a portable form for import and export:
// agency and categories by code, since IDs differ between installs.
type LibraryRecord struct {
	Entry         aduan.LibraryEntry
	AgencyCode    string
	CategoryCodes []string
}

// ExportLibrary returns every entry (active and archived) by ID, in the
// portable form.
func (lb *Library) ExportLibrary(ctx context.Context, actor aduan.Actor) (_ []LibraryRecord, err error) {
	s := lb.s
	defer wrap(&err, "ExportLibrary()")
	if err := actor.Require(aduan.PermLibraryRead); err != nil {
		return nil, err
	}
	rows, err := s.rdb.QueryContext(ctx, librarySelect+` ORDER BY e.id`)
	if err != nil {
		return nil, mapErr(err)
	}
	var list []*aduan.LibraryEntry
	for rows.Next() {
		e, err := scanLibrary(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		list = append(list, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	agencyCode, categoryCode, err := s.codes(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]LibraryRecord, 0, len(list))
	for start := 0; start < len(list); start += 500 {
		if err := loadLibraryCategories(ctx, s.rdb, list[start:min(start+500, len(list))]); err != nil {
			return nil, mapErr(err)
		}
	}
	for _, e := range list {
		r := LibraryRecord{Entry: *e, AgencyCode: agencyCode[e.AgencyID]}
		for _, c := range e.CategoryIDs {
			r.CategoryCodes = append(r.CategoryCodes, categoryCode[c])
		}
		out = append(out, r)
	}
	return out, nil
}

func (s *Store) codes(ctx context.Context) (map[int64]string, map[int64]string, error) {
	ags, err := s.RefData().Agencies(ctx)
	if err != nil {
		return nil, nil, err
	}
	cats, err := s.RefData().Categories(ctx)
	if err != nil {
		return nil, nil, err
	}
	a, c := map[int64]string{}, map[int64]string{}
	for _, x := range ags {
		a[x.ID] = x.Code
	}
	for _, x := range cats {
		c[x.ID] = x.Code
	}
	return a, c, nil
}

// ImportResult counts what an import did.
type ImportResult struct {
	Created   int
	Updated   int
	Unchanged int
}

// ImportLibrary loads records in one transaction: a record whose entry ID
// names an existing entry updates it (a new version when its content
// differs), any other record creates an entry. Every bad row is reported
// at once (fields "rows[N].field", N from 1) and then nothing is written.
func (lb *Library) ImportLibrary(ctx context.Context, actor aduan.Actor, records []LibraryRecord) (_ ImportResult, err error) {
	s := lb.s
	defer wrap(&err, "ImportLibrary()")
	var res ImportResult
	if err := actor.Require(aduan.PermLibraryEdit); err != nil {
		return res, err
	}
	if len(records) == 0 {
		return res, aduan.Errorf(aduan.EINVALID, "err.lib.import_empty")
	}
	ags, err := s.RefData().Agencies(ctx)
	if err != nil {
		return res, err
	}
	cats, err := s.RefData().Categories(ctx)
	if err != nil {
		return res, err
	}
	agencyID, categoryID := map[string]int64{}, map[string]int64{}
	for _, a := range ags {
		agencyID[a.Code] = a.ID
	}
	for _, c := range cats {
		categoryID[c.Code] = c.ID
	}
	var v aduan.Validation
	entries := make([]aduan.LibraryEntry, len(records))
	for i, r := range records {
		prefix := "rows[" + strconv.Itoa(i+1) + "]."
		e := r.Entry
		e.AgencyID, e.CategoryIDs = 0, nil
		if code := strings.ToUpper(strings.TrimSpace(r.AgencyCode)); code != "" {
			if id, ok := agencyID[code]; ok {
				e.AgencyID = id
			} else {
				v.Add(prefix+"agency", "err.field.unknown")
			}
		}
		for _, code := range r.CategoryCodes {
			code = strings.ToUpper(strings.TrimSpace(code))
			if code == "" {
				continue
			}
			if id, ok := categoryID[code]; ok {
				e.CategoryIDs = append(e.CategoryIDs, id)
			} else {
				v.Add(prefix+"categories", "err.field.unknown")
				break
			}
		}
		e.ValidateInto(&v, prefix)
		entries[i] = e
	}
	if err := v.Err(); err != nil {
		return res, err
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		res = ImportResult{}
		for i := range entries {
			e := &entries[i]
			exists := false
			if e.ID > 0 {
				var n int
				if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM library_entries WHERE id = $1`, e.ID).Scan(&n); err != nil {
					return err
				}
				exists = n > 0
			}
			if !exists {
				e.ID = 0
				if err := s.insertLibrary(ctx, tx, actor, e, "import"); err != nil {
					return err
				}
				res.Created++
				continue
			}
			changed, err := s.updateLibrary(ctx, tx, actor, e, 0, "import", "rows["+strconv.Itoa(i+1)+"].")
			if err != nil {
				return err
			}
			if changed {
				res.Updated++
			} else {
				res.Unchanged++
			}
		}
		return s.audit(ctx, tx, actor, "library.import_file", "library", 0, nil, map[string]int{"created": res.Created, "updated": res.Updated, "unchanged": res.Unchanged})
	})
	return res, err
}
