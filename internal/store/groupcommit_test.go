package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/kotakita/aduan"
)

// Requests that share a transaction keep their own outcome: the writes of
// one that fails are rolled back alone, the others commit, a request whose
// caller has gone is not run, and every caller hears only after the
// commit.
func TestGroupCommitKeepsEachRequestApart(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.wdb.Exec(`CREATE TABLE gc (id INTEGER PRIMARY KEY, v TEXT NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	var sizes []int
	st.group.onBatch = func(n int) { sizes = append(sizes, n) }
	// Deferred rows (Defer): written once per transaction, only those of
	// the requests that succeeded.
	rows := &gcRows{}

	// The first request holds the writer until every other one is queued,
	// so that they all go into the next transaction.
	const n = 40
	release, inside := make(chan struct{}), make(chan struct{})
	var once sync.Once
	free := func() { once.Do(func() { close(release) }) }
	defer free()
	first := make(chan error, 1)
	go func() {
		first <- st.tx(ctx, func(tx *sql.Tx) error {
			close(inside)
			<-release
			_, err := tx.Exec(`INSERT INTO gc (id, v) VALUES (1000, 'first')`)
			return err
		})
	}()
	<-inside
	gone, cancel := context.WithCancel(ctx)
	cancel()
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c := ctx
			if i == 7 {
				c = gone
			}
			errs[i] = st.tx(c, func(tx *sql.Tx) error {
				if _, err := tx.ExecContext(c, `INSERT INTO gc (id, v) VALUES ($1, $2)`, i, fmt.Sprint("v", i)); err != nil {
					return err
				}
				if err := st.Defer(c, tx, rows, i+100); err != nil {
					return err
				}
				switch i % 5 {
				case 3: // a domain error after writing
					return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
				case 4: // a failing statement after writing: duplicate key
					_, err := tx.ExecContext(c, `INSERT INTO gc (id, v) VALUES ($1, 'again')`, i)
					return err
				}
				return nil
			})
		}()
	}
	for deadline := time.Now().Add(10 * time.Second); len(st.group.reqs) < n-1; {
		if time.Now().After(deadline) {
			t.Fatalf("only %d requests queued", len(st.group.reqs))
		}
		time.Sleep(time.Millisecond)
	}
	free()
	wg.Wait()
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	shared := 0
	for _, s := range sizes {
		shared = max(shared, s)
	}
	if shared < n-2 {
		t.Errorf("batches %v: the queued requests did not share a transaction", sizes)
	}
	for i, err := range errs {
		var v string
		qerr := st.rdb.QueryRow(`SELECT v FROM gc WHERE id = $1`, i).Scan(&v)
		switch {
		case i == 7:
			if !errors.Is(err, context.Canceled) || qerr != sql.ErrNoRows {
				t.Errorf("request of a gone caller: %v, row %v", err, qerr)
			}
		case i%5 == 3:
			if aduan.ErrorCode(err) != aduan.EINVALID || qerr != sql.ErrNoRows {
				t.Errorf("request %d: %v, row %v; want its error and nothing written", i, err, qerr)
			}
		case i%5 == 4:
			if aduan.ErrorCode(err) != aduan.ECONFLICT || qerr != sql.ErrNoRows {
				t.Errorf("request %d: %v, row %v; want a conflict and nothing written", i, err, qerr)
			}
		default:
			if err != nil || qerr != nil || v != fmt.Sprint("v", i) {
				t.Errorf("request %d: %v, row %q %v; want it written", i, err, v, qerr)
			}
		}
		var deferred int
		st.rdb.QueryRow(`SELECT COUNT(*) FROM gc WHERE id = $1 AND v = 'deferred'`, i+100).Scan(&deferred)
		if want := map[bool]int{true: 1, false: 0}[errs[i] == nil]; deferred != want {
			t.Errorf("request %d (%v): %d deferred rows, want %d", i, errs[i], deferred, want)
		}
	}
	if rows.flushes > 2 {
		t.Errorf("deferred rows written in %d statements, want one per transaction", rows.flushes)
	}
}

// gcRows writes deferred items as rows of gc.
type gcRows struct{ flushes int }

func (g *gcRows) Flush(ctx context.Context, tx *sql.Tx, items []any) error {
	g.flushes++
	for _, it := range items {
		if _, err := tx.ExecContext(ctx, `INSERT INTO gc (id, v) VALUES ($1, 'deferred')`, it); err != nil {
			return err
		}
	}
	return nil
}
