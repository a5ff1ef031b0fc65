package store_test

import (
	"strings"
	"testing"

	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestQueueOrderReadsItsIndex: the work queue's first page is read from
// the index of open complaints in urgency order (migration 0086), not by
// sorting every open complaint. The index's expressions must be the
// order's: an edit to one alone makes the index useless, and this fails.
func TestQueueOrderReadsItsIndex(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		st := dbtest.Open(t, d)
		conn, err := st.DB().Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		explain := "EXPLAIN QUERY PLAN "
		if d == store.Postgres {
			// An empty table is cheaper to sort than to read by an index:
			// forbid the sort to see whether the index can give the order.
			if _, err := conn.ExecContext(ctx, "SET enable_sort = off"); err != nil {
				t.Fatal(err)
			}
			defer conn.ExecContext(ctx, "RESET enable_sort")
			explain = "EXPLAIN "
		}
		rows, err := conn.QueryContext(ctx, explain+"SELECT c.id FROM complaints c WHERE "+store.OpenSQL+store.UrgencyOrder+" LIMIT 51")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		cols, _ := rows.Columns()
		var plan []string
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			for _, v := range vals {
				switch x := v.(type) {
				case string:
					plan = append(plan, x)
				case []byte:
					plan = append(plan, string(x))
				}
			}
		}
		p := strings.Join(plan, "\n")
		if !strings.Contains(p, "complaints_open_urgency") || strings.Contains(p, "TEMP B-TREE") || strings.Contains(p, "Sort") {
			t.Fatalf("the queue's order is not read from complaints_open_urgency:\n%s", p)
		}
	})
}
