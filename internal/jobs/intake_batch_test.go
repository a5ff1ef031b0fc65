package jobs_test

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/store"
)

// TestIntakeBatchKeepsEachComplaintWhole: complaints recorded at once
// (on SQLite they share the writer's transactions, each in its savepoint),
// every fifth of them failing after its receipt SMS and its jobs were
// queued. Each complaint that was acknowledged is in the database with its
// audit record, its receipt message, exactly one send job for it and its
// two SLA checks; of those that failed nothing is left: no complaint, no
// message, no job (the jobs of a batch are written together at its end,
// so a job of a failed one would be an orphan there, or be sent for
// another's message).
func TestIntakeBatchKeepsEachComplaintWhole(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		if err := f.st.RefData().SetSettings(ctx, f.adm, map[string]string{jobs.SettingReceiptSMS: "on"}); err != nil {
			t.Fatal(err)
		}
		cat := f.categoryID(t, "SAMPAH")
		// A later hook of the same transaction fails some complaints,
		// after the queue's own hook recorded their messages and jobs.
		var mu sync.Mutex
		txOf := map[*sql.Tx][]bool{} // the complaints each transaction ran, failed or not
		f.st.SetTransitionHooks(f.q.OnTransition, func(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, ev *aduan.Event) error {
			if ev.Action != aduan.ActionCreate {
				return nil
			}
			fail := strings.Contains(c.Text, "GAGAL")
			mu.Lock()
			txOf[tx] = append(txOf[tx], fail)
			mu.Unlock()
			if fail {
				return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
			}
			return nil
		})
		var audits int
		if err := f.st.DB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'complaint.create'`).Scan(&audits); err != nil {
			t.Fatal(err)
		}
		const workers, each = 16, 10
		var wg sync.WaitGroup
		var ok, failed sync.Map
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; i < each; i++ {
					n := w*each + i
					text := fmt.Sprintf("Sampah menumpuk di pinggir Jl. Margonda nomor %d.", n)
					if n%5 == 2 {
						text += " GAGAL"
					}
					in := aduan.NewComplaint{Text: text, CategoryID: cat,
						Citizen: &aduan.CitizenInput{Name: "Warga", Phone: fmt.Sprintf("0812%08d", n)}}
					c, err := f.st.Complaints().CreateComplaint(ctx, f.op, in)
					switch {
					case n%5 == 2 && aduan.ErrorCode(err) == aduan.EINVALID:
						failed.Store(n, true)
					case n%5 != 2 && err == nil:
						ok.Store(c.ID, c.Number)
					default:
						t.Errorf("complaint %d: %v", n, err)
					}
				}
			}()
		}
		wg.Wait()
		if t.Failed() {
			return
		}
		var acked []int64
		ok.Range(func(k, _ any) bool { acked = append(acked, k.(int64)); return true })
		want := workers * each * 4 / 5
		if len(acked) != want {
			t.Fatalf("%d complaints acknowledged, want %d", len(acked), want)
		}
		if d == store.SQLite {
			shared := false
			for _, fails := range txOf {
				var good, bad int
				for _, f := range fails {
					if f {
						bad++
					} else {
						good++
					}
				}
				shared = shared || (good > 0 && bad > 0)
			}
			if !shared {
				t.Logf("no transaction held both a failing and a good complaint (%d transactions): the batch case was not exercised this run", len(txOf))
			}
		}
		db := f.st.DB()
		count := func(q string, args ...any) int {
			t.Helper()
			var n int
			if err := db.QueryRow(q, args...).Scan(&n); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			return n
		}
		if n := count(`SELECT COUNT(*) FROM complaints WHERE text LIKE 'Sampah menumpuk di pinggir Jl. Margonda nomor %'`); n != want {
			t.Errorf("%d complaints in the database, want the %d acknowledged", n, want)
		}
		if n := count(`SELECT COUNT(*) FROM complaints WHERE text LIKE '%GAGAL%'`); n != 0 {
			t.Errorf("%d failed complaints in the database", n)
		}
		if n := count(`SELECT COUNT(*) FROM audit_log WHERE action = 'complaint.create'`) - audits; n != want {
			t.Errorf("%d audit records of a creation, want %d", n, want)
		}
		// Each acknowledged complaint: one receipt, one send job for it,
		// two SLA checks.
		msgOf := map[int64]int64{}
		rows, err := db.Query(`SELECT id, complaint_id FROM messages WHERE direction = 'out'`)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var id, cid int64
			rows.Scan(&id, &cid)
			if _, dup := msgOf[cid]; dup {
				t.Errorf("complaint %d has more than one message", cid)
			}
			msgOf[cid] = id
		}
		rows.Close()
		if len(msgOf) != want {
			t.Errorf("%d complaints with a receipt, want %d", len(msgOf), want)
		}
		sends := jobArgs(t, db, d, "aduan_send_message", "message_id")
		slas := jobArgs(t, db, d, "aduan_sla_check", "complaint_id")
		if len(sends) != want {
			t.Errorf("%d send jobs, want one for each of the %d receipts", len(sends), want)
		}
		if len(slas) != 2*want {
			t.Errorf("%d SLA checks, want two for each of the %d complaints", len(slas), want)
		}
		perMsg, perComplaint := map[int64]int{}, map[int64]int{}
		for _, id := range sends {
			perMsg[id]++
		}
		for _, id := range slas {
			perComplaint[id]++
		}
		for _, cid := range acked {
			if m, has := msgOf[cid]; !has || perMsg[m] != 1 {
				t.Errorf("complaint %d: receipt %d with %d send jobs, want one", cid, m, perMsg[m])
			}
			if perComplaint[cid] != 2 {
				t.Errorf("complaint %d: %d SLA checks, want 2", cid, perComplaint[cid])
			}
		}
	})
}

// jobArgs lists one numeric argument of every job of a kind.
func jobArgs(t *testing.T, db *sql.DB, d store.Dialect, kind, arg string) []int64 {
	t.Helper()
	q := `SELECT (args->>'` + arg + `')::bigint FROM river_job WHERE kind = $1`
	if d == store.SQLite {
		q = `SELECT json_extract(args, '$.` + arg + `') FROM river_job WHERE kind = $1`
	}
	rows, err := db.Query(q, kind)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var v int64
		if err := rows.Scan(&v); err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}
