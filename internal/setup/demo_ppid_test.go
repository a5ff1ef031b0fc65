package setup_test

import (
	"context"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
)

// TestDemoHasPPIDRequests: the demo shows the PPID's track working: a
// request granted after its extension, one refused whose objection was
// upheld, one referred, one within its deadline and one past it (in the
// overdue list), and the daftar informasi publik.
func TestDemoHasPPIDRequests(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st := dbtest.Open(t, d)
		now := time.Now()
		if _, err := setup.Demo(ctx, st, setup.DemoOptions{Complaints: 5, Seed: 5, Now: now}); err != nil {
			t.Fatal(err)
		}
		p := st.PPID()
		pu := aduan.Actor{UserID: -1, Role: aduan.RolePPIDUtama}
		all, err := p.Requests(ctx, pu, store.InfoFilter{})
		if err != nil || len(all) != 5 {
			t.Fatalf("%d requests, %v", len(all), err)
		}
		got := map[string]bool{}
		for _, r := range all {
			got[string(r.Decision)] = true
			if r.ExtendedAt != nil && r.Decision == aduan.InfoGranted {
				got["extended+granted"] = true
			}
			if r.ObjectionAnsweredAt != nil && r.ObjectionUpheld {
				got["upheld"] = true
			}
			if r.ContactID != 0 {
				got["contact"] = true
			}
		}
		for _, k := range []string{"extended+granted", "refused", "not_held", "upheld", "contact"} {
			if !got[k] {
				t.Errorf("the demo has no %s request", k)
			}
		}
		over, _ := p.Requests(ctx, pu, store.InfoFilter{Overdue: true})
		if len(over) != 1 {
			t.Errorf("%d overdue requests, want 1", len(over))
		}
		list, err := p.PublicList(ctx, "banjir")
		if err != nil || len(list) != 1 {
			t.Errorf("daftar search: %v %d", err, len(list))
		}
	})
}
