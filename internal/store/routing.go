package store

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/kotakita/aduan"
)

// Data for the routing suggestion (internal/routing) and the duplicate
// suggestion (internal/search).

// RoutingExample is a finished complaint to learn routing from: what the
// citizen said, where, and the category and agency it ended with (0 when
// none).
type RoutingExample struct {
	Text          string
	KelurahanCode string
	CategoryID    int64
	AgencyID      int64
}

// RoutingExamples calls fn for every complaint the city has finished
// handling with a category or an agency: answered, relayed or closed, never
// rejected or merged as a duplicate. They are read in batches by ID and fn
// is called once a batch's rows are closed: a training that takes its time
// (it yields to requests) holds no read open meanwhile, which on SQLite
// would keep the WAL from being checkpointed, and a million examples need
// no more memory than a batch.
func (lb *Library) RoutingExamples(ctx context.Context, fn func(RoutingExample) error) (err error) {
	s := lb.s
	defer wrap(&err, "RoutingExamples()")
	batch := routingExampleBatch
	buf := make([]RoutingExample, 0, batch)
	var after int64
	for {
		buf = buf[:0]
		rows, err := s.rdb.QueryContext(ctx, `SELECT id, text, kelurahan_code, category_id, agency_id FROM complaints
			WHERE id > $1 AND status IN ('answered', 'relayed', 'closed') AND (category_id IS NOT NULL OR agency_id IS NOT NULL) ORDER BY id LIMIT $2`, after, batch)
		if err != nil {
			return mapErr(err)
		}
		for rows.Next() {
			var ex RoutingExample
			var kel sql.NullString
			var cat, ag sql.NullInt64
			if err := rows.Scan(&after, &ex.Text, &kel, &cat, &ag); err != nil {
				rows.Close()
				return err
			}
			ex.KelurahanCode, ex.CategoryID, ex.AgencyID = kel.String, cat.Int64, ag.Int64
			buf = append(buf, ex)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return mapErr(err)
		}
		for _, ex := range buf {
			if err := fn(ex); err != nil {
				return err
			}
		}
		if len(buf) < batch {
			return nil
		}
	}
}

// routingExampleBatch is how many examples RoutingExamples reads at a
// time (a variable for the tests).
var routingExampleBatch = 2000

// RoutingModel is a trained routing model as stored.
type RoutingModel struct {
	ID          int64
	TrainedAt   time.Time
	Examples    int64
	Fingerprint string // of the analyzer and the reference data it was trained with
	Data        string // the model, serialised by internal/routing
}

// SaveRoutingModel stores a newly trained model; older ones beyond the last
// few are deleted.
func (lb *Library) SaveRoutingModel(ctx context.Context, m *RoutingModel) (err error) {
	s := lb.s
	defer wrap(&err, "SaveRoutingModel()")
	return s.tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO routing_models (trained_at, examples, fingerprint, model) VALUES ($1, $2, $3, $4) RETURNING id`,
			ms(m.TrainedAt), m.Examples, m.Fingerprint, m.Data).Scan(&m.ID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM routing_models WHERE id <= $1`, m.ID-3)
		return err
	})
}

// LatestRoutingModel returns the newest stored model, or nil when there is
// none. With withData false only its bookkeeping is read (cheap, for
// checking whether another instance has trained a newer one).
func (lb *Library) LatestRoutingModel(ctx context.Context, withData bool) (_ *RoutingModel, err error) {
	s := lb.s
	defer wrap(&err, "LatestRoutingModel()")
	col := "''"
	if withData {
		col = "model"
	}
	var m RoutingModel
	var at int64
	err = s.rdb.QueryRowContext(ctx, `SELECT id, trained_at, examples, fingerprint, `+col+` FROM routing_models ORDER BY id DESC LIMIT 1`).
		Scan(&m.ID, &at, &m.Examples, &m.Fingerprint, &m.Data)
	if err == sql.ErrNoRows {
		return nil, nil
	}
	if err != nil {
		return nil, mapErr(err)
	}
	m.TrainedAt = fromMS(at)
	return &m, nil
}

// DuplicateWindow is how far apart two complaints may be received and still
// be offered as duplicates (setting duplicate_window_days).
func (cp *Complaints) DuplicateWindow(ctx context.Context) (_ time.Duration, err error) {
	s := cp.s
	defer wrap(&err, "DuplicateWindow()")
	set, err := s.RefData().Settings(ctx)
	if err != nil {
		return 0, err
	}
	v, ok := set["duplicate_window_days"]
	if !ok {
		v = aduan.DefaultSettings()["duplicate_window_days"]
	}
	days := 14
	if n, err := parseSmallInt(v); err == nil && n > 0 && n <= 365 {
		days = n
	}
	return time.Duration(days) * 24 * time.Hour, nil
}

func parseSmallInt(s string) (int, error) {
	n := 0
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 4 {
		return 0, sql.ErrNoRows
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return 0, sql.ErrNoRows
		}
		n = n*10 + int(r-'0')
	}
	return n, nil
}

// DuplicateCandidates returns the open complaints, other than c, received
// within window of c, that are in c's kelurahan or whose address or text
// mentions one of the street words (lower-case, at least three letters), at
// most limit, newest received first. The caller compares their texts.
//
// The conditions are those of the scan it replaced (duplicateCandidatesScan,
// kept for the cases below), so the candidates are the same; only how the
// database finds them changed. On PostgreSQL the same query is answered
// through the partial kelurahan and pg_trgm indexes (migration 0085) when
// pg_trgm is installed. On SQLite the query first collects the ids from
// the kelurahan index and the open complaints' trigram table, then applies
// the old conditions to those rows only: the window's other rows are never
// read.
func (cp *Complaints) DuplicateCandidates(ctx context.Context, c *aduan.Complaint, window time.Duration, streetWords []string, limit int) (_ []*aduan.Complaint, err error) {
	s := cp.s
	defer wrap(&err, "DuplicateCandidates()")
	return s.duplicateCandidates(ctx, c, window, streetWords, limit, s.dialect == SQLite)
}

// duplicateCandidatesScan is the query before migration 0085: every open
// complaint of the window is read and filtered. Tests compare it with the
// indexed one.
func (s *Store) duplicateCandidatesScan(ctx context.Context, c *aduan.Complaint, window time.Duration, streetWords []string, limit int) ([]*aduan.Complaint, error) {
	return s.duplicateCandidates(ctx, c, window, streetWords, limit, false)
}

func (s *Store) duplicateCandidates(ctx context.Context, c *aduan.Complaint, window time.Duration, streetWords []string, limit int, trigrams bool) ([]*aduan.Complaint, error) {
	q, args := duplicateQuery(complaintSelect, c, window, streetWords, limit, trigrams)
	if q == "" {
		return nil, nil
	}
	rows, err := s.rdb.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []*aduan.Complaint
	for rows.Next() {
		x, err := scanComplaint(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, mapErr(rows.Err())
}

// DuplicateCandidate is what the duplicate suggestion compares of an open
// complaint: its words, its place and who may see it.
type DuplicateCandidate struct {
	ID            int64
	Text          string
	Address       string
	KelurahanCode string
	AgencyID      int64
}

// DuplicateCandidateTexts returns the candidates of DuplicateCandidates,
// the same ones in the same order, read from the complaints table alone:
// the suggestion compares up to limit of them and shows five at most, so
// the names, the citizen and the rest of a complaint (six joins, whose
// planning on PostgreSQL costs more than the read) are read by the caller
// for the ones it shows.
func (cp *Complaints) DuplicateCandidateTexts(ctx context.Context, c *aduan.Complaint, window time.Duration, streetWords []string, limit int) (_ []DuplicateCandidate, err error) {
	s := cp.s
	defer wrap(&err, "DuplicateCandidateTexts()")
	q, args := duplicateQuery(`SELECT c.id, c.text, c.address, COALESCE(c.kelurahan_code, ''), COALESCE(c.agency_id, 0) FROM complaints c`,
		c, window, streetWords, limit, s.dialect == SQLite)
	if q == "" {
		return nil, nil
	}
	rows, err := s.rdb.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []DuplicateCandidate
	for rows.Next() {
		var x DuplicateCandidate
		if err := rows.Scan(&x.ID, &x.Text, &x.Address, &x.KelurahanCode, &x.AgencyID); err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, mapErr(rows.Err())
}

// duplicateQuery is the candidates' query with the given select (which
// names the complaints table c), or "" when nothing can match.
func duplicateQuery(sel string, c *aduan.Complaint, window time.Duration, streetWords []string, limit int, trigrams bool) (string, []any) {
	lo, hi := ms(c.ReceivedAt.Add(-window)), ms(c.ReceivedAt.Add(window))
	var w where
	var or, match []string
	if c.KelurahanCode != "" {
		or = append(or, "c.kelurahan_code = "+w.arg(c.KelurahanCode))
	}
	for _, sw := range streetWords {
		if len(sw) < 3 {
			continue
		}
		lw := strings.ToLower(sw)
		p := w.arg("%" + escapeLike(lw) + "%")
		or = append(or, "LOWER(c.address) LIKE "+p+" ESCAPE '\\'", "LOWER(c.text) LIKE "+p+" ESCAPE '\\'")
		// FTS5's trigram match folds case as LIKE does for ASCII and finds
		// a word only from three characters on: a word outside that is
		// looked for the old way, so the set cannot differ.
		if !asciiWord(lw) || len(lw) < 3 {
			trigrams = false
		}
		match = append(match, `"`+lw+`"`)
	}
	if len(or) == 0 {
		return "", nil
	}
	if trigrams {
		// The ids of the rows that can match; the conditions below then
		// decide on those rows as the scan did on all of them.
		var parts []string
		if c.KelurahanCode != "" {
			parts = append(parts, "SELECT id FROM complaints WHERE kelurahan_code = "+w.arg(c.KelurahanCode)+
				" AND status NOT IN ('closed', 'duplicate', 'rejected') AND received_at >= "+w.arg(lo)+" AND received_at <= "+w.arg(hi))
		}
		if len(match) > 0 {
			// The trigram table holds every open complaint, however old; the
			// lowest id received in the window (an index-only read of
			// complaints_received) bounds the match to the window's part.
			parts = append(parts, "SELECT rowid FROM complaints_open_trgm WHERE complaints_open_trgm MATCH "+
				w.arg("{address text} : ("+strings.Join(match, " OR ")+")")+
				" AND rowid >= (SELECT MIN(id) FROM complaints WHERE received_at >= "+w.arg(lo)+" AND received_at <= "+w.arg(hi)+")")
		}
		w.conds = append(w.conds, "c.id IN ("+strings.Join(parts, " UNION ")+")")
	}
	w.add("c.id <> ?", c.ID)
	w.add("c.status NOT IN ('closed', 'duplicate', 'rejected')")
	w.add("c.received_at >= ?", lo)
	w.add("c.received_at <= ?", hi)
	w.conds = append(w.conds, "("+strings.Join(or, " OR ")+")")
	// Newest received first: ordered by id, both databases walked every
	// open complaint newest first (the partial index by id) and filtered
	// the window row by row, 54,000 rows at a million complaints when few
	// matched; ordered by reception they read the window's rows only
	// (complaints_open_received, migration 0009).
	return sel + w.sql() + " ORDER BY c.received_at DESC, c.id DESC LIMIT " + w.arg(limit), w.args
}

// asciiWord says whether w is made of ASCII letters and digits only.
func asciiWord(w string) bool {
	for i := 0; i < len(w); i++ {
		b := w[i]
		if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9') {
			return false
		}
	}
	return true
}

// ComplaintsByID returns the complaints with the given IDs (missing ones are
// left out), for showing search results; the caller checks what the actor
// may see.
func (cp *Complaints) ComplaintsByID(ctx context.Context, ids []int64) (_ map[int64]*aduan.Complaint, err error) {
	s := cp.s
	defer wrap(&err, "ComplaintsByID()")
	out := map[int64]*aduan.Complaint{}
	if len(ids) == 0 {
		return out, nil
	}
	var w where
	ph := make([]string, len(ids))
	for i, id := range ids {
		ph[i] = w.arg(id)
	}
	rows, err := s.rdb.QueryContext(ctx, complaintSelect+` WHERE c.id IN (`+strings.Join(ph, ", ")+`)`, w.args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	for rows.Next() {
		c, err := scanComplaint(rows)
		if err != nil {
			return nil, err
		}
		out[c.ID] = c
	}
	return out, mapErr(rows.Err())
}

// AuditEvent appends a record of something an actor did that changes no
// row of its own (retraining the routing model) to the audit log.
func (s *Store) AuditEvent(ctx context.Context, actor aduan.Actor, action, entity string, id int64, details any) (err error) {
	defer wrap(&err, "AuditEvent(%s, %d)", action, id)
	return s.tx(ctx, func(tx *sql.Tx) error {
		return s.audit(ctx, tx, actor, action, entity, id, nil, details)
	})
}
