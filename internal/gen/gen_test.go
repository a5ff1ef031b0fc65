package gen_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/gen"
	"github.com/kotakita/aduan/internal/store"
)

var ctx = context.Background()

var now = time.Date(2026, 11, 27, 15, 0, 0, 0, aduan.WIB)

// digest summarises what a user would see of the generated data.
func digest(t *testing.T, st *store.Store) (string, map[string]int, int) {
	t.Helper()
	rows, err := st.DB().Query(`SELECT c.number, c.status, c.text, c.citizen_id, COUNT(e.id) FROM complaints c JOIN complaint_events e ON e.complaint_id = c.id GROUP BY c.id, c.number, c.status, c.text, c.citizen_id ORDER BY c.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	h := sha256.New()
	statuses := map[string]int{}
	citizens := map[int64]bool{}
	for rows.Next() {
		var num, status, text string
		var cit, events int64
		if err := rows.Scan(&num, &status, &text, &cit, &events); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(h, "%s|%s|%s|%d\n", num, status, text, events)
		statuses[status]++
		citizens[cit] = true
		if events < 1 {
			t.Errorf("%s has no events", num)
		}
	}
	return fmt.Sprintf("%x", h.Sum(nil)), statuses, len(citizens)
}

func TestGenerateRealisticAndReproducible(t *testing.T) {
	var digests []string
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		st := dbtest.Open(t, d)
		res, err := gen.Generate(ctx, st, gen.Options{Complaints: 3000, Seed: 7, Now: now, Batch: 700})
		if err != nil {
			t.Fatal(err)
		}
		if res.Complaints != 3000 || res.Events < 3000*2 {
			t.Errorf("result %+v", res)
		}
		dg, statuses, citizens := digest(t, st)
		digests = append(digests, dg)
		for _, s := range aduan.Statuses {
			if statuses[string(s)] == 0 {
				t.Errorf("no complaint is %s: %v", s, statuses)
			}
		}
		if citizens >= 3000*8/10 || citizens < 3000/3 {
			t.Errorf("%d distinct callers for 3000 complaints: repeat callers missing or too many", citizens)
		}
		// The generated data is ordinary data: lists, pages and new
		// complaints go on from it.
		koord := aduan.Actor{UserID: -1, Role: aduan.RoleKoordinatorCC}
		list, next, err := st.Complaints().ListComplaints(ctx, koord, aduan.ComplaintFilter{Limit: 50, Open: ptr(true)})
		if err != nil || len(list) != 50 || next == 0 {
			t.Fatalf("list: %d %v", len(list), err)
		}
		if evs, err := st.Complaints().Events(ctx, koord, list[0].ID); err != nil || len(evs) == 0 {
			t.Errorf("events of %s: %v", list[0].Number, err)
		}
		st.Now = func() time.Time { return now }
		c, err := st.Complaints().CreateComplaint(ctx, aduan.System, aduan.NewComplaint{Text: "Pengaduan baru setelah data uji.", Citizen: &aduan.CitizenInput{Phone: "081299998888"}})
		if err != nil {
			t.Fatal(err)
		}
		var maxNum string
		st.DB().QueryRow(`SELECT MAX(number) FROM complaints WHERE number LIKE 'ADU-2026-%' AND id < $1`, c.ID).Scan(&maxNum)
		if c.Number <= maxNum {
			t.Errorf("new number %s does not follow the generated %s", c.Number, maxNum)
		}
	})
	if len(digests) == 2 && digests[0] != digests[1] {
		t.Error("the same seed made different data on SQLite and PostgreSQL")
	}
}

func ptr[T any](v T) *T { return &v }

// BenchmarkGenerate measures the generator's rate (complaints per minute).
//
//	go test -run '^$' -bench Generate -benchtime 1x ./internal/gen/
func BenchmarkGenerate(b *testing.B) {
	for _, d := range dbtest.Dialects {
		b.Run(string(d), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				st := dbtest.Open(b, d)
				res, err := gen.Generate(ctx, st, gen.Options{Complaints: 50000, Seed: uint64(i), Now: now})
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(res.Complaints)/res.Took.Minutes(), "complaints/min")
				b.ReportMetric(float64(res.Events)/float64(res.Complaints), "events/complaint")
			}
		})
	}
}
