package store

import (
	"context"
	"database/sql"

	"github.com/kotakita/aduan"
)

// complaintRead reads complaints for the hot paths: the work queue, the
// complaint page and every write's read of the complaint it changes. It is
// complaintSelect without the four reference tables joined in (issue 21).
// With six LEFT JOINs over a complaints table of sixteen indexes,
// PostgreSQL spent 10-40 ms planning the queue's query (the join search:
// each small table could drive a scan of complaints by its foreign key's
// index) to run it in one; with only the citizen joined it plans in under
// one. The names come instead from the reference cache (refcache.go),
// checked against ref_version read in the same statement, so a name is as
// current as the row it names, without a round trip more; the LAPOR!
// tracking ID is a keyed subquery, most complaints having none.
// Scanned by scanComplaintRead, then named by nameComplaints.
const complaintRead = `SELECT ` + complaintCols + `,
	` + czCols + `, COALESCE((SELECT lr.tracking_id FROM lapor_reports lr WHERE lr.complaint_id = c.id), ''),
	(SELECT v FROM ref_version WHERE id = 1)
FROM complaints c
LEFT JOIN citizens cz ON cz.id = c.citizen_id`

// scanComplaintRead scans complaintRead's columns into a complaint and
// version (the reference data's), then extra, the columns a query adds
// after them.
func scanComplaintRead(sc interface{ Scan(...any) error }, version *int64, extra ...any) (*aduan.Complaint, error) {
	return scanComplaintRow(sc, false, append([]any{version}, extra...)...)
}

// readComplaint reads the one complaint of complaintRead with the
// condition cond (on c) and its argument, named.
func (s *Store) readComplaint(ctx context.Context, q queryer, cond string, arg any) (*aduan.Complaint, error) {
	var v int64
	c, err := scanComplaintRead(q.QueryRowContext(ctx, complaintRead+` WHERE `+cond, arg), &v)
	if err == sql.ErrNoRows {
		return nil, notFound("complaint")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	if err := s.nameComplaints(ctx, q, v, []*aduan.Complaint{c}); err != nil {
		return nil, err
	}
	return c, nil
}

// nameComplaints sets the category, agency, kelurahan and kecamatan names
// of cs, read with the reference data at version: from the cache, loading
// the names it lacks through q in one statement a table. Once loaded, a
// page of the queue reads no reference table at all.
func (s *Store) nameComplaints(ctx context.Context, q queryer, version int64, cs []*aduan.Complaint) error {
	if len(cs) == 0 {
		return nil
	}
	r := s.refsOf(version)
	var cats, ags []int64
	var kels, kecs []string
	r.mu.Lock()
	for _, c := range cs {
		cats = missing(cats, r.catName, c.CategoryID, 0)
		ags = missing(ags, r.agName, c.AgencyID, 0)
		kels = missing(kels, r.kelName, c.KelurahanCode, "")
		kecs = missing(kecs, r.kecName, c.KecamatanCode, "")
	}
	r.mu.Unlock()
	cn, err := loadNames(ctx, q, `SELECT id, name FROM categories WHERE id IN (`, cats)
	if err != nil {
		return err
	}
	an, err := loadNames(ctx, q, `SELECT id, name FROM agencies WHERE id IN (`, ags)
	if err != nil {
		return err
	}
	kn, err := loadNames(ctx, q, `SELECT code, name FROM kelurahan WHERE code IN (`, kels)
	if err != nil {
		return err
	}
	kcn, err := loadNames(ctx, q, `SELECT code, name FROM kecamatan WHERE code IN (`, kecs)
	if err != nil {
		return err
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	keep(r.catName, cats, cn)
	keep(r.agName, ags, an)
	keep(r.kelName, kels, kn)
	keep(r.kecName, kecs, kcn)
	for _, c := range cs {
		// A key not cached names nothing, as the LEFT JOIN gave ''.
		c.CategoryName, c.AgencyName = r.catName[c.CategoryID], r.agName[c.AgencyID]
		c.KelurahanName, c.KecamatanName = r.kelName[c.KelurahanCode], r.kecName[c.KecamatanCode]
	}
	return nil
}

// missing appends key to list if it is set (not none), not in the cache m
// and not in list yet.
func missing[K comparable](list []K, m map[K]string, key, none K) []K {
	if key == none {
		return list
	}
	if _, ok := m[key]; ok {
		return list
	}
	for _, k := range list {
		if k == key {
			return list
		}
	}
	return append(list, key)
}

// loadNames reads the names of keys with sel, a query of (key, name) ending
// in "IN (".
func loadNames[K comparable](ctx context.Context, q queryer, sel string, keys []K) (map[K]string, error) {
	if len(keys) == 0 {
		return nil, nil
	}
	vals := make([]any, len(keys))
	for i, k := range keys {
		vals[i] = k
	}
	var args []any
	rows, err := q.QueryContext(ctx, sel+inList(&args, vals)+`)`, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := make(map[K]string, len(keys))
	for rows.Next() {
		var k K
		var name string
		if err := rows.Scan(&k, &name); err != nil {
			return nil, err
		}
		out[k] = name
	}
	return out, mapErr(rows.Err())
}

// keep caches the names read for keys. A key with no row (none should be:
// the complaints' foreign keys) is not cached, and names nothing.
func keep[K comparable](m map[K]string, keys []K, names map[K]string) {
	for _, k := range keys {
		if n, ok := names[k]; ok {
			m[k] = n
		}
	}
}
