package store_test

import (
	"strconv"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestComplaintRef: a "duplicate of" typed as the number or the ID names
// the same complaint on every surface; anything else is not found.
func TestComplaintRef(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		c := f.complaint(t, "081234500031")
		for _, ref := range []string{c.Number, " " + c.Number + " ", strconv.FormatInt(c.ID, 10)} {
			if id, err := f.st.Complaints().ComplaintRef(ctx, f.op, ref); err != nil || id != c.ID {
				t.Errorf("%q: %d %v, want %d", ref, id, err, c.ID)
			}
		}
		for _, ref := range []string{"ADU-2020-999999", "kemarin", "-3", ""} {
			if _, err := f.st.Complaints().ComplaintRef(ctx, f.op, ref); aduan.ErrorCode(err) != aduan.ENOTFOUND {
				t.Errorf("%q: %v, want not found", ref, err)
			}
		}
	})
}
