package store

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/search/analyzer"
	"github.com/kotakita/aduan/internal/search/index"
)

// The search index: one table of documents (library entries and answered
// complaints), one of postings (term, impact, document), one of document
// frequencies and a document count per kind. All of it is written inside
// the transaction of the change that causes it, from terms computed in Go,
// so SQLite and PostgreSQL hold the same numbers and rank alike (see
// internal/search/index).

// textAnalyzer is stateless and read-only; one serves every goroutine.
var textAnalyzer = analyzer.New()

// docMeta are a document's filter columns.
type docMeta struct {
	AgencyID, CategoryID  int64
	ValidFrom, ValidUntil string
}

// indexDoc writes a document's postings, replacing what was indexed for it
// before. Unchanged text only refreshes the filter columns.
func (s *Store) indexDoc(ctx context.Context, tx *sql.Tx, kind index.Kind, id int64, d index.Doc, meta docMeta) error {
	s.searchGen.Add(1)
	var oldHash string
	err := tx.QueryRowContext(ctx, `SELECT hash FROM search_docs WHERE kind = $1 AND doc_id = $2`, int64(kind), id).Scan(&oldHash)
	exists := err == nil
	if err != nil && err != sql.ErrNoRows {
		return err
	}
	if exists && oldHash == d.Hash {
		_, err := tx.ExecContext(ctx, `UPDATE search_docs SET agency_id = $1, category_id = $2, valid_from = $3, valid_until = $4 WHERE kind = $5 AND doc_id = $6`,
			nullID(meta.AgencyID), nullID(meta.CategoryID), nullStr(meta.ValidFrom), nullStr(meta.ValidUntil), int64(kind), id)
		return err
	}
	// The kind's count row is taken first by every index write: on
	// PostgreSQL it serialises index writers of a kind, so that their
	// updates of shared term rows can never deadlock.
	added := 0
	if !exists {
		added = 1
	}
	if _, err := tx.ExecContext(ctx, `UPDATE search_stats SET docs = docs + $1 WHERE kind = $2`, added, int64(kind)); err != nil {
		return err
	}
	delta := map[string]int{}
	if exists {
		rows, err := tx.QueryContext(ctx, `SELECT term FROM search_postings WHERE kind = $1 AND doc_id = $2`, int64(kind), id)
		if err != nil {
			return err
		}
		for rows.Next() {
			var t string
			if err := rows.Scan(&t); err != nil {
				rows.Close()
				return err
			}
			delta[t]--
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_postings WHERE kind = $1 AND doc_id = $2`, int64(kind), id); err != nil {
			return err
		}
	}
	for _, p := range d.Postings {
		delta[p.Term]++
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO search_docs (kind, doc_id, len, hash, agency_id, category_id, valid_from, valid_until)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (kind, doc_id) DO UPDATE SET len = excluded.len, hash = excluded.hash, agency_id = excluded.agency_id,
			category_id = excluded.category_id, valid_from = excluded.valid_from, valid_until = excluded.valid_until`,
		int64(kind), id, d.Len, d.Hash, nullID(meta.AgencyID), nullID(meta.CategoryID), nullStr(meta.ValidFrom), nullStr(meta.ValidUntil)); err != nil {
		return err
	}
	if err := insertPostings(ctx, tx, s.dialect, kind, id, d.Postings); err != nil {
		return err
	}
	return applyDF(ctx, tx, s.dialect, kind, delta)
}

// unindexDoc removes a document from the index, if it is there.
func (s *Store) unindexDoc(ctx context.Context, tx *sql.Tx, kind index.Kind, id int64) error {
	s.searchGen.Add(1)
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM search_docs WHERE kind = $1 AND doc_id = $2`, int64(kind), id).Scan(&n); err != nil {
		return err
	}
	if n == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE search_stats SET docs = docs - 1 WHERE kind = $1`, int64(kind)); err != nil {
		return err
	}
	rows, err := tx.QueryContext(ctx, `SELECT term FROM search_postings WHERE kind = $1 AND doc_id = $2`, int64(kind), id)
	if err != nil {
		return err
	}
	delta := map[string]int{}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return err
		}
		delta[t]--
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_postings WHERE kind = $1 AND doc_id = $2`, int64(kind), id); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM search_docs WHERE kind = $1 AND doc_id = $2`, int64(kind), id); err != nil {
		return err
	}
	return applyDF(ctx, tx, s.dialect, kind, delta)
}

func insertPostings(ctx context.Context, tx *sql.Tx, d Dialect, kind index.Kind, id int64, ps []index.Posting) error {
	return bulkInsert(ctx, tx, d, `INSERT INTO search_postings (kind, term, impact, doc_id, tf) VALUES `, "", 5, len(ps), func(i int) []any {
		return []any{int64(kind), ps[i].Term, ps[i].Impact, id, ps[i].TF}
	})
}

// applyDF adds delta to the document frequencies of terms, in term order,
// and drops terms no document has any more.
func applyDF(ctx context.Context, tx *sql.Tx, d Dialect, kind index.Kind, delta map[string]int) error {
	terms := make([]string, 0, len(delta))
	var gone []string
	for t, n := range delta {
		if n != 0 {
			terms = append(terms, t)
		}
		if n < 0 {
			gone = append(gone, t)
		}
	}
	sort.Strings(terms)
	err := bulkInsert(ctx, tx, d, `INSERT INTO search_terms (kind, term, df) VALUES `, ` ON CONFLICT (kind, term) DO UPDATE SET df = search_terms.df + excluded.df`,
		3, len(terms), func(i int) []any { return []any{int64(kind), terms[i], delta[terms[i]]} })
	if err != nil {
		return err
	}
	sort.Strings(gone)
	for start := 0; start < len(gone); start += 100 {
		end := min(start+100, len(gone))
		args := []any{int64(kind)}
		ph := make([]string, 0, end-start)
		for _, t := range gone[start:end] {
			args = append(args, t)
			ph = append(ph, fmt.Sprintf("$%d", len(args)))
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM search_terms WHERE kind = $1 AND df <= 0 AND term IN (`+strings.Join(ph, ", ")+`)`, args...); err != nil {
			return err
		}
	}
	return nil
}

// complaintIndexable: past complaints are searchable once they carry the
// answer the citizen got. Confidential (rahasia) complaints never are: a
// search result would show their content outside the case.
func complaintIndexable(c *aduan.Complaint) bool {
	switch c.Status {
	case aduan.StatusAnswered, aduan.StatusRelayed, aduan.StatusClosed:
	default:
		return false
	}
	return strings.TrimSpace(c.Answer) != "" && c.Confidentiality != aduan.Confidential
}

// ComplaintDoc is the indexed form of a complaint: what the citizen said
// counts twice as much as the answer.
func ComplaintDoc(c *aduan.Complaint) index.Doc {
	return index.Build(textAnalyzer, index.Complaint, index.Field{Text: c.Text, Weight: 2}, index.Field{Text: c.Answer, Weight: 1})
}

// LibraryDoc is the indexed form of a library entry: the title counts most,
// then the phrasings of the question, then the answer and its source.
func LibraryDoc(e *aduan.LibraryEntry) index.Doc {
	fields := []index.Field{{Text: e.Title, Weight: 3}}
	for _, q := range e.Questions {
		fields = append(fields, index.Field{Text: q, Weight: 2})
	}
	fields = append(fields, index.Field{Text: e.Answer, Weight: 1}, index.Field{Text: e.SourceText, Weight: 1})
	return index.Build(textAnalyzer, index.Library, fields...)
}

func (s *Store) indexComplaint(ctx context.Context, tx *sql.Tx, c *aduan.Complaint) error {
	if !complaintIndexable(c) {
		return s.unindexDoc(ctx, tx, index.Complaint, c.ID)
	}
	return s.indexDoc(ctx, tx, index.Complaint, c.ID, ComplaintDoc(c), docMeta{AgencyID: c.AgencyID, CategoryID: c.CategoryID})
}

func (s *Store) indexLibrary(ctx context.Context, tx *sql.Tx, e *aduan.LibraryEntry) error {
	if !e.Active {
		return s.unindexDoc(ctx, tx, index.Library, e.ID)
	}
	return s.indexDoc(ctx, tx, index.Library, e.ID, LibraryDoc(e), docMeta{AgencyID: e.AgencyID, ValidFrom: e.ValidFrom, ValidUntil: e.ValidUntil})
}

// Query side: the primitives the searcher (internal/search) ranks with.

// SearchGeneration changes whenever this process changes the search index
// (it is bumped as a document's postings are written, before the
// transaction commits, and around a rebuild). A cache of what the
// primitives below return, kept under one generation, holds nothing this
// process has changed since; changes by other processes on the same
// database do not move it.
func (lb *Library) SearchGeneration() uint64 { return lb.s.searchGen.Load() }

// SearchPosting is one term of one document with its stored impact.
type SearchPosting struct {
	DocID  int64
	Term   string
	Impact int
}

// SearchFilter restricts postings to documents with these properties.
type SearchFilter struct {
	AgencyID   int64
	CategoryID int64
	// ValidOn, a WIB day (YYYY-MM-DD), keeps only library entries valid on
	// that day; empty keeps expired ones too.
	ValidOn string
}

func (f SearchFilter) empty() bool { return f.AgencyID == 0 && f.CategoryID == 0 && f.ValidOn == "" }

// SearchStats returns the number of documents of the kind and the document
// frequency of each term (absent terms are left out).
func (lb *Library) SearchStats(ctx context.Context, kind index.Kind, terms []string) (_ int64, _ map[string]int64, err error) {
	s := lb.s
	defer wrap(&err, "SearchStats(%v)", kind)
	var n int64
	if err := s.rdb.QueryRowContext(ctx, `SELECT docs FROM search_stats WHERE kind = $1`, int64(kind)).Scan(&n); err != nil {
		return 0, nil, mapErr(err)
	}
	df := map[string]int64{}
	if len(terms) == 0 {
		return n, df, nil
	}
	args := []any{int64(kind)}
	ph := make([]string, len(terms))
	for i, t := range terms {
		args = append(args, t)
		ph[i] = fmt.Sprintf("$%d", i+2)
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT term, df FROM search_terms WHERE kind = $1 AND term IN (`+strings.Join(ph, ", ")+`)`, args...)
	if err != nil {
		return 0, nil, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		var t string
		var d int64
		if err := rows.Scan(&t, &d); err != nil {
			return 0, nil, err
		}
		if d > 0 {
			df[t] = d
		}
	}
	return n, df, rows.Err()
}

// SearchTermsWithPrefix returns up to limit indexed terms that start with
// prefix, the most frequent first (ties by term, byte order on both
// databases), for a word still being typed.
func (lb *Library) SearchTermsWithPrefix(ctx context.Context, kind index.Kind, prefix string, limit int) (_ []string, err error) {
	s := lb.s
	defer wrap(&err, "SearchTermsWithPrefix(%v)", kind)
	if prefix == "" {
		return nil, nil
	}
	// Terms are lower-case letters, digits and marks; U+10FFFF sorts after
	// any of them in UTF-8 byte order, which both databases use here.
	rows, err := s.rdb.QueryContext(ctx, `SELECT term FROM search_terms WHERE kind = $1 AND term >= $2 AND term < $3 AND df > 0
		ORDER BY df DESC, term LIMIT $4`, int64(kind), prefix, prefix+"\U0010FFFF", limit)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// SearchPostings returns the best postings of a term (highest impact, then
// newest document), up to limit, among documents that pass the filter.
func (lb *Library) SearchPostings(ctx context.Context, kind index.Kind, term string, f SearchFilter, limit int) (_ []SearchPosting, err error) {
	s := lb.s
	defer wrap(&err, "SearchPostings(%v)", kind)
	var w where
	w.add("p.kind = ?", int64(kind))
	w.add("p.term = ?", term)
	join := ""
	if !f.empty() {
		join = " JOIN search_docs d ON d.kind = p.kind AND d.doc_id = p.doc_id"
		if f.AgencyID != 0 {
			w.add("d.agency_id = ?", f.AgencyID)
		}
		if f.CategoryID != 0 {
			if kind == index.Library {
				w.add("EXISTS (SELECT 1 FROM library_entry_categories lc WHERE lc.entry_id = p.doc_id AND lc.category_id = ?)", f.CategoryID)
			} else {
				w.add("d.category_id = ?", f.CategoryID)
			}
		}
		if f.ValidOn != "" {
			w.add("(d.valid_from IS NULL OR d.valid_from <= ?)", f.ValidOn)
			w.add("(d.valid_until IS NULL OR d.valid_until >= ?)", f.ValidOn)
		}
	}
	q := `SELECT p.doc_id, p.impact FROM search_postings p` + join + w.sql() + ` ORDER BY p.impact DESC, p.doc_id DESC LIMIT ` + w.arg(limit)
	rows, err := s.rdb.QueryContext(ctx, q, w.args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []SearchPosting
	for rows.Next() {
		p := SearchPosting{Term: term}
		if err := rows.Scan(&p.DocID, &p.Impact); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// SearchImpacts returns the postings of the given terms in the given
// documents: the searcher completes the scores of its best candidates with
// it.
func (lb *Library) SearchImpacts(ctx context.Context, kind index.Kind, docIDs []int64, terms []string) (_ []SearchPosting, err error) {
	s := lb.s
	defer wrap(&err, "SearchImpacts(%v)", kind)
	if len(docIDs) == 0 || len(terms) == 0 {
		return nil, nil
	}
	var w where
	w.add("kind = ?", int64(kind))
	dph := make([]string, len(docIDs))
	for i, id := range docIDs {
		dph[i] = w.arg(id)
	}
	tph := make([]string, len(terms))
	for i, t := range terms {
		tph[i] = w.arg(t)
	}
	w.conds = append(w.conds, "doc_id IN ("+strings.Join(dph, ", ")+")", "term IN ("+strings.Join(tph, ", ")+")")
	rows, err := s.rdb.QueryContext(ctx, `SELECT doc_id, term, impact FROM search_postings`+w.sql(), w.args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []SearchPosting
	for rows.Next() {
		var p SearchPosting
		if err := rows.Scan(&p.DocID, &p.Term, &p.Impact); err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// SearchDocTerms returns the terms indexed for the documents, for tests and
// for the similarity of complaints.
func (lb *Library) SearchDocTerms(ctx context.Context, kind index.Kind, docID int64) (_ map[string]int, err error) {
	s := lb.s
	defer wrap(&err, "SearchDocTerms(%d)", docID)
	rows, err := s.rdb.QueryContext(ctx, `SELECT term, tf FROM search_postings WHERE kind = $1 AND doc_id = $2`, int64(kind), docID)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var t string
		var n int
		if err := rows.Scan(&t, &n); err != nil {
			return nil, err
		}
		out[t] = n
	}
	return out, rows.Err()
}

// Rebuilding the index.

// ReindexResult says what SyncSearchIndex or Reindex did.
type ReindexResult struct {
	Rebuilt    bool
	Library    int
	Complaints int
}

const analyzerKey = "analyzer"

// SyncSearchIndex rebuilds the whole index when it was built by another
// version of the analyzer (or never built, after the migration on an
// existing install); otherwise it does nothing, since every change keeps
// the index current in its own transaction.
func (lb *Library) SyncSearchIndex(ctx context.Context) (_ ReindexResult, err error) {
	s := lb.s
	defer wrap(&err, "SyncSearchIndex()")
	ctx = LongQuery(ctx)
	current := func() (bool, error) {
		var fp string
		err := s.wdb.QueryRowContext(ctx, `SELECT value FROM search_meta WHERE key = $1`, analyzerKey).Scan(&fp)
		if err != nil && err != sql.ErrNoRows {
			return false, mapErr(err)
		}
		return fp == analyzer.Fingerprint(), nil
	}
	if ok, err := current(); ok || err != nil {
		return ReindexResult{}, err
	}
	if s.dialect == Postgres {
		// Instances starting together against one database rebuild once:
		// the others wait here and then find the index current.
		conn, err := s.wdb.Conn(ctx)
		if err != nil {
			return ReindexResult{}, mapErr(err)
		}
		defer conn.Close()
		// However long the first's rebuild takes.
		if _, err := conn.ExecContext(ctx, `SET lock_timeout = 0`); err != nil {
			return ReindexResult{}, mapErr(err)
		}
		defer conn.ExecContext(context.Background(), `RESET lock_timeout`)
		if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock(7460233)`); err != nil {
			return ReindexResult{}, mapErr(err)
		}
		defer conn.ExecContext(context.Background(), `SELECT pg_advisory_unlock(7460233)`)
		if ok, err := current(); ok || err != nil {
			return ReindexResult{}, err
		}
	}
	return s.Library().Reindex(ctx)
}

const reindexBatch = 1000

// Reindex rebuilds the search index from the library and the complaints,
// a thousand documents per transaction, writing each batch's rows with a
// few large statements.
func (lb *Library) Reindex(ctx context.Context) (_ ReindexResult, err error) {
	s := lb.s
	s.searchGen.Add(1)
	defer s.searchGen.Add(1)
	defer wrap(&err, "Reindex()")
	ctx = LongQuery(ctx)
	res := ReindexResult{Rebuilt: true}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		for _, q := range []string{`DELETE FROM search_postings`, `DELETE FROM search_terms`, `DELETE FROM search_docs`, `UPDATE search_stats SET docs = 0`, `DELETE FROM search_meta WHERE key = 'analyzer'`} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return res, err
	}
	var after int64
	for {
		entries, err := s.libraryBatch(ctx, after)
		if err != nil {
			return res, err
		}
		if len(entries) == 0 {
			break
		}
		docs := make([]indexedDoc, 0, len(entries))
		for _, e := range entries {
			docs = append(docs, indexedDoc{e.ID, LibraryDoc(e), docMeta{AgencyID: e.AgencyID, ValidFrom: e.ValidFrom, ValidUntil: e.ValidUntil}})
		}
		if err := s.tx(ctx, func(tx *sql.Tx) error { return indexNew(ctx, tx, s.dialect, index.Library, docs) }); err != nil {
			return res, err
		}
		res.Library += len(entries)
		after = entries[len(entries)-1].ID
	}
	after = 0
	for {
		cs, err := s.complaintBatch(ctx, after)
		if err != nil {
			return res, err
		}
		if len(cs) == 0 {
			break
		}
		docs := make([]indexedDoc, 0, len(cs))
		for _, c := range cs {
			if complaintIndexable(c) {
				docs = append(docs, indexedDoc{c.ID, ComplaintDoc(c), docMeta{AgencyID: c.AgencyID, CategoryID: c.CategoryID}})
			}
		}
		if err := s.tx(ctx, func(tx *sql.Tx) error { return indexNew(ctx, tx, s.dialect, index.Complaint, docs) }); err != nil {
			return res, err
		}
		res.Complaints += len(docs)
		after = cs[len(cs)-1].ID
	}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO search_meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
			analyzerKey, analyzer.Fingerprint())
		return err
	})
	if err != nil {
		return res, err
	}
	return res, s.settleSearchTables(ctx)
}

// settleSearchTables gives PostgreSQL's planner the rebuilt index's
// statistics and its visibility map at once. Planned on the statistics of
// the emptied tables, the best postings of a common word ("sudah", in half
// a million complaints at 1M) were read by a bitmap scan and sorted, 0.1-2 s
// a query, instead of read backwards along the primary key in under a
// millisecond: the first desk searches after a rebuild waited seconds
// (issue 21). Autovacuum would get there in the end, where it is on; a
// rebuild must not depend on it. SQLite plans these reads from the
// primary key without statistics.
func (s *Store) settleSearchTables(ctx context.Context) error {
	if s.dialect != Postgres {
		return nil
	}
	_, err := s.wdb.ExecContext(ctx, `VACUUM (ANALYZE) search_postings, search_terms, search_docs`)
	return mapErr(err)
}

func (s *Store) libraryBatch(ctx context.Context, after int64) ([]*aduan.LibraryEntry, error) {
	rows, err := s.rdb.QueryContext(ctx, librarySelect+` WHERE e.active = TRUE AND e.id > $1 ORDER BY e.id LIMIT $2`, after, reindexBatch)
	if err != nil {
		return nil, mapErr(err)
	}
	var out []*aduan.LibraryEntry
	for rows.Next() {
		e, err := scanLibrary(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		out = append(out, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, mapErr(err)
	}
	return out, mapErr(loadLibraryCategories(ctx, s.rdb, out))
}

// complaintBatch reads the next complaints; the caller keeps the
// indexable ones.
func (s *Store) complaintBatch(ctx context.Context, after int64) ([]*aduan.Complaint, error) {
	// By the primary key alone: a filter on status here would make the
	// database sort every batch out of the status index.
	rows, err := s.rdb.QueryContext(ctx, complaintSelect+` WHERE c.id > $1 ORDER BY c.id LIMIT $2`, after, reindexBatch)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []*aduan.Complaint
	for rows.Next() {
		c, err := scanComplaint(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, mapErr(rows.Err())
}

type indexedDoc struct {
	id   int64
	doc  index.Doc
	meta docMeta
}

// indexNew adds documents that are not in the index yet, with one
// statement per couple of thousand rows and one update per term.
func indexNew(ctx context.Context, tx *sql.Tx, d Dialect, kind index.Kind, docs []indexedDoc) error {
	if len(docs) == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `UPDATE search_stats SET docs = docs + $1 WHERE kind = $2`, len(docs), int64(kind)); err != nil {
		return err
	}
	err := bulkInsert(ctx, tx, d, `INSERT INTO search_docs (kind, doc_id, len, hash, agency_id, category_id, valid_from, valid_until) VALUES `, "", 8, len(docs),
		func(i int) []any {
			d := docs[i]
			return []any{int64(kind), d.id, d.doc.Len, d.doc.Hash, nullID(d.meta.AgencyID), nullID(d.meta.CategoryID), nullStr(d.meta.ValidFrom), nullStr(d.meta.ValidUntil)}
		})
	if err != nil {
		return err
	}
	type row struct {
		id int64
		p  index.Posting
	}
	var rows []row
	delta := map[string]int{}
	for _, d := range docs {
		for _, p := range d.doc.Postings {
			rows = append(rows, row{d.id, p})
			delta[p.Term]++
		}
	}
	err = bulkInsert(ctx, tx, d, `INSERT INTO search_postings (kind, term, impact, doc_id, tf) VALUES `, "", 5, len(rows), func(i int) []any {
		r := rows[i]
		return []any{int64(kind), r.p.Term, r.p.Impact, r.id, r.p.TF}
	})
	if err != nil {
		return err
	}
	return applyDF(ctx, tx, d, kind, delta)
}

// bulkInsert runs head, n rows of cols placeholders, then tail, in
// statements of several rows each. modernc.org/sqlite binds parameters in
// time that grows with their square, so there a statement carries ten rows
// and is prepared once; PostgreSQL prefers fewer, larger statements.
func bulkInsert(ctx context.Context, tx *sql.Tx, d Dialect, head, tail string, cols, n int, row func(i int) []any) error {
	per := 1000
	if d == SQLite {
		per = 10
	}
	stmtFor := map[int]*sql.Stmt{}
	defer func() {
		for _, st := range stmtFor {
			st.Close()
		}
	}()
	for start := 0; start < n; start += per {
		end := min(start+per, n)
		k := end - start
		st := stmtFor[k]
		if st == nil {
			var b strings.Builder
			b.WriteString(head)
			for i := 0; i < k; i++ {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteByte('(')
				for c := 0; c < cols; c++ {
					if c > 0 {
						b.WriteString(", ")
					}
					fmt.Fprintf(&b, "$%d", i*cols+c+1)
				}
				b.WriteByte(')')
			}
			b.WriteString(tail)
			var err error
			if st, err = tx.PrepareContext(ctx, b.String()); err != nil {
				return err
			}
			stmtFor[k] = st
		}
		args := make([]any, 0, cols*k)
		for i := start; i < end; i++ {
			args = append(args, row(i)...)
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return nil
}
