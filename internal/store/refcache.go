package store

import (
	"context"
	"sync"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
)

// Every complaint write reads the same reference data: the standards and
// holidays for its clock, its kelurahan and kecamatan, its category or
// agency. Read from the database each time that was four statements of
// about fifteen (four round trips on PostgreSQL). The store keeps them in
// memory, tagged with ref_version, a number that triggers (migration 0007)
// move on any change to those tables, whoever makes it: an admin on this
// instance, another instance on the same PostgreSQL, an aduan command on
// the same SQLite file. A write reads the number in its own transaction
// (one indexed row) and uses the cache only if it is current, so a change
// is seen by the very next write everywhere; there is no TTL to wait out.
// Entries are loaded on first use, so a national list of kelurahan costs
// only the ones in use.

type refs struct {
	version int64

	mu      sync.Mutex
	clock   *aduan.StandardClock
	kel     map[string]*aduan.Kelurahan
	kecName map[string]string
	cat     map[int64]*aduan.Category
	ag      map[int64]*aduan.Agency
	// The names complaints are read with (nameComplaints).
	catName, agName map[int64]string
	kelName         map[string]string
	// The whole lists, for the filters of every queue page (issue 21:
	// reading and scanning them was a sixth of a queue page's CPU).
	agencies   []aduan.Agency
	categories []aduan.Category
	kecamatans []aduan.Kecamatan
	// The settings with their defaults (SettingsTx).
	settings map[string]string
	// The message templates read so far, by key (TemplateTx).
	templates map[string]channel.Template
}

// refList returns the list *slot of the current reference data, loading it
// with load on first use; each caller gets its own copy of the slice.
func refList[T any](ctx context.Context, s *Store, slot func(*refs) *[]T, load func(context.Context) ([]T, error)) ([]T, error) {
	r, err := s.refsAt(ctx, s.rdb)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	cur := *slot(r)
	r.mu.Unlock()
	if cur == nil {
		if cur, err = load(ctx); err != nil {
			return nil, err
		}
		if cur == nil {
			cur = []T{}
		}
		r.mu.Lock()
		*slot(r) = cur
		r.mu.Unlock()
	}
	out := make([]T, len(cur))
	copy(out, cur)
	return out, nil
}

type refCache struct {
	mu  sync.Mutex
	cur *refs
}

// forget drops the cached reference data. A write that is rolled back
// calls it: a transaction that changed reference data moved ref_version
// inside itself, and a read through the cache after that change tagged
// the uncommitted data with the moved number; once rolled back, the next
// real change commits that same number, and the cache would answer with
// the data that never was. Rollbacks are rare (a failed write), so the
// next read loading afresh costs nothing that matters.
func (c *refCache) forget() {
	c.mu.Lock()
	c.cur = nil
	c.mu.Unlock()
}

// refsAt returns the reference data current in q's transaction.
func (s *Store) refsAt(ctx context.Context, q queryer) (*refs, error) {
	var v int64
	if err := q.QueryRowContext(ctx, `SELECT v FROM ref_version WHERE id = 1`).Scan(&v); err != nil {
		return nil, mapErr(err)
	}
	return s.refsOf(v), nil
}

// refsOf returns the reference data at version v, read by the caller in
// the transaction the data is for.
func (s *Store) refsOf(v int64) *refs {
	s.refCache.mu.Lock()
	defer s.refCache.mu.Unlock()
	if r := s.refCache.cur; r != nil && r.version == v {
		return r
	}
	// Data read after the version is at least as new as it; a snapshot
	// that is newer still is replaced at the next change anyway.
	r := &refs{version: v, kel: map[string]*aduan.Kelurahan{}, kecName: map[string]string{},
		cat: map[int64]*aduan.Category{}, ag: map[int64]*aduan.Agency{},
		catName: map[int64]string{}, agName: map[int64]string{}, kelName: map[string]string{}}
	s.refCache.cur = r
	return r
}

// The getters below load on first use through q. Callers must not change
// what they return.

func (r *refs) standardClock(ctx context.Context, s *Store, q queryer) (*aduan.StandardClock, error) {
	r.mu.Lock()
	sc := r.clock
	r.mu.Unlock()
	if sc != nil {
		return sc, nil
	}
	sc, err := s.standardClock(ctx, q)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.clock = sc
	r.mu.Unlock()
	return sc, nil
}

func (r *refs) kelurahan(ctx context.Context, s *Store, q queryer, code string) (*aduan.Kelurahan, error) {
	r.mu.Lock()
	k, ok := r.kel[code]
	r.mu.Unlock()
	if ok {
		return k, nil
	}
	k, err := s.kelurahan(ctx, q, code)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.kel[code] = k
	r.mu.Unlock()
	return k, nil
}

func (r *refs) kecamatanName(ctx context.Context, q queryer, code string) (string, error) {
	r.mu.Lock()
	n, ok := r.kecName[code]
	r.mu.Unlock()
	if ok {
		return n, nil
	}
	if err := q.QueryRowContext(ctx, `SELECT name FROM kecamatan WHERE code = $1`, code).Scan(&n); err != nil {
		return "", mapErr(err)
	}
	r.mu.Lock()
	r.kecName[code] = n
	r.mu.Unlock()
	return n, nil
}

func (r *refs) category(ctx context.Context, s *Store, q queryer, id int64) (*aduan.Category, error) {
	r.mu.Lock()
	c, ok := r.cat[id]
	r.mu.Unlock()
	if ok {
		return c, nil
	}
	c, err := s.category(ctx, q, id)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.cat[id] = c
	r.mu.Unlock()
	return c, nil
}

func (r *refs) agency(ctx context.Context, s *Store, q queryer, id int64) (*aduan.Agency, error) {
	r.mu.Lock()
	a, ok := r.ag[id]
	r.mu.Unlock()
	if ok {
		return a, nil
	}
	a, err := s.agency(ctx, q, id)
	if err != nil {
		return nil, err
	}
	r.mu.Lock()
	r.ag[id] = a
	r.mu.Unlock()
	return a, nil
}
