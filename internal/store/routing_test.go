package store_test

import (
	"fmt"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestRoutingExamplesAcrossBatches: read in batches by ID, the examples
// a training learns from are every finished complaint with a category
// once each, in ID order, whatever the batch size (a batch that ends
// exactly at the last one, batches cut between finished complaints by
// open, rejected or merged ones), and none of the others.
func TestRoutingExamplesAcrossBatches(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		st, db := f.st, f.st.DB()
		var want []string
		for i := range 23 {
			c, err := st.Complaints().CreateComplaint(ctx, f.op, aduan.NewComplaint{Text: fmt.Sprintf("jalan rusak nomor %d", i), CategoryID: f.category.ID})
			if err != nil {
				t.Fatal(err)
			}
			status := []string{"closed", "answered", "relayed", "new", "rejected", "duplicate"}[i%6]
			if _, err := db.ExecContext(ctx, `UPDATE complaints SET status = $1 WHERE id = $2`, status, c.ID); err != nil {
				t.Fatal(err)
			}
			if i%6 < 3 {
				want = append(want, c.Text)
			}
		}
		for _, batch := range []int{1, 2, 3, 12, 1000} {
			store.SetRoutingExampleBatch(t, batch)
			var got []string
			err := st.Library().RoutingExamples(ctx, func(ex store.RoutingExample) error {
				if ex.CategoryID != f.category.ID {
					t.Errorf("%q: category %d", ex.Text, ex.CategoryID)
				}
				got = append(got, ex.Text)
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("batch %d: %d examples %q, want %d %q", batch, len(got), got, len(want), want)
			}
		}
	})
}
