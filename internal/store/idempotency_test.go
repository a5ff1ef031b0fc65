package store_test

import (
	"context"
	"database/sql"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// keyed creates a complaint whose Idempotency-Key record is written in the
// creation's transaction, as the API does.
func keyed(f *fixture, actor aduan.Actor, owner, key, fp, text string) (*aduan.Complaint, error) {
	rec := &store.Idempotent{Owner: owner, Key: key, Fingerprint: fp}
	record := func(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, _ *aduan.Event) error {
		rec.Status, rec.ContentType, rec.ComplaintID, rec.Body = 201, "application/json", c.ID, []byte(`{"number":"`+c.Number+`"}`)
		return f.st.Users().SaveIdempotent(ctx, tx, rec)
	}
	return f.st.Complaints().CreateComplaint(ctx, actor, aduan.NewComplaint{Text: text, KelurahanCode: f.kel, CategoryID: f.category.ID,
		Citizen: &aduan.CitizenInput{Name: "Budi", Phone: "081234500001", Address: "Jl. Melati 2"}}, record)
}

// rows counts what a complaint creation writes.
func rows(t *testing.T, st *store.Store) [4]int {
	return [4]int{count(t, st, "complaints"), count(t, st, "complaint_events"), count(t, st, "audit_log"), count(t, st, "idempotency_keys")}
}

// TestIdempotencyKeyInTheCreation proves the store's half of the
// Idempotency-Key: the key's record commits with the complaint; a second
// creation with a key already recorded fails whole (no complaint, event or
// audit row), also when the two run at the same moment (on SQLite they
// share a group-commit transaction, on PostgreSQL the second waits for the
// first); keys are per owner; and after 24 hours a key counts as absent, is
// taken anew, and is swept.
func TestIdempotencyKeyInTheCreation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		c, err := keyed(f, f.op, "user:1", "k-1", "aa11", "Lampu jalan mati di gang Melati.")
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.st.Users().IdempotentResult(ctx, "user:1", "k-1")
		if err != nil {
			t.Fatal(err)
		}
		if got.ComplaintID != c.ID || got.Status != 201 || got.Fingerprint != "aa11" || string(got.Body) != `{"number":"`+c.Number+`"}` {
			t.Errorf("recorded %+v for complaint %d %s", got, c.ID, c.Number)
		}
		if _, err := f.st.Users().IdempotentResult(ctx, "user:2", "k-1"); aduan.ErrorCode(err) != aduan.ENOTFOUND {
			t.Errorf("another owner's key: %v", err)
		}

		// The same key again: nothing of the second creation stays.
		before := rows(t, f.st)
		if _, err := keyed(f, f.op, "user:1", "k-1", "aa11", "Lampu jalan mati di gang Melati."); !errors.Is(err, store.ErrIdempotencyTaken) {
			t.Fatalf("second creation with the key: %v", err)
		}
		if after := rows(t, f.st); after != before {
			t.Errorf("rows (complaints, events, audit, keys) %v after a refused second creation, were %v", after, before)
		}

		// Another owner's same key is another request.
		if _, err := keyed(f, f.op2, "user:2", "k-1", "aa11", "Lampu jalan mati di gang Melati."); err != nil {
			t.Fatalf("another owner, same key: %v", err)
		}

		// Eight at once with one key: exactly one complaint.
		before = rows(t, f.st)
		var wg sync.WaitGroup
		var ok, taken atomic.Int32
		for i := 0; i < 8; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, err := keyed(f, f.op, "user:1", "k-serentak", "bb22", "Sampah menumpuk di pasar.")
				switch {
				case err == nil:
					ok.Add(1)
				case errors.Is(err, store.ErrIdempotencyTaken):
					taken.Add(1)
				default:
					t.Error(err)
				}
			}()
		}
		wg.Wait()
		after := rows(t, f.st)
		if ok.Load() != 1 || taken.Load() != 7 {
			t.Errorf("eight creations with one key: %d made, %d refused", ok.Load(), taken.Load())
		}
		if after[0] != before[0]+1 || after[1] != before[1]+1 || after[3] != before[3]+1 {
			t.Errorf("rows (complaints, events, audit, keys) went from %v to %v, want one more complaint, event and key", before, after)
		}

		// A day later the key is free again.
		later := time.Now().Add(store.IdempotencyTTL + time.Hour)
		f.st.Now = func() time.Time { return later }
		if _, err := f.st.Users().IdempotentResult(ctx, "user:1", "k-1"); aduan.ErrorCode(err) != aduan.ENOTFOUND {
			t.Errorf("a key older than a day: %v", err)
		}
		c2, err := keyed(f, f.op, "user:1", "k-1", "cc33", "Pohon tumbang di Jl. Juanda.")
		if err != nil {
			t.Fatalf("an expired key used again: %v", err)
		}
		if got, err := f.st.Users().IdempotentResult(ctx, "user:1", "k-1"); err != nil || got.ComplaintID != c2.ID || got.Fingerprint != "cc33" {
			t.Errorf("the expired key taken anew: %+v, %v; want complaint %d", got, err, c2.ID)
		}
		// The sweep removes the two other keys of the day before
		// (user:2's k-1 and k-serentak) and keeps the fresh one.
		n, err := f.st.Users().SweepIdempotent(ctx)
		if err != nil || n != 2 {
			t.Errorf("swept %d keys (%v), want 2", n, err)
		}
		if k := count(t, f.st, "idempotency_keys"); k != 1 {
			t.Errorf("%d keys left after the sweep, want 1", k)
		}
	})
}
