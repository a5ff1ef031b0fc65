package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestQueueByUrgency: the work queue lists a darurat complaint 5 days
// overdue before a newer ordinary one due in two hours (by arrival, the
// newer came first), a darurat one before an ordinary one due the same
// minute, finished complaints last; the darurat filter keeps only darurat;
// the offset pages cover every row once.
func TestQueueByUrgency(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		now := f.st.Now()
		mk := func(text string, p aduan.Priority, deadline *time.Time) *aduan.Complaint {
			t.Helper()
			c, err := f.st.Complaints().CreateComplaint(ctx, f.op, aduan.NewComplaint{Text: text, KelurahanCode: f.kel, CategoryID: f.category.ID, Priority: p,
				Citizen: &aduan.CitizenInput{Name: "Budi", Phone: "081234500077", Address: "Jl. Melati 2"}})
			if err != nil {
				t.Fatal(err)
			}
			set := "NULL"
			if deadline != nil {
				set = fmt.Sprint(deadline.UnixMilli())
			}
			if _, err := f.st.DB().Exec(fmt.Sprintf("UPDATE complaints SET deadline_at = %s WHERE id = %d", set, c.ID)); err != nil {
				t.Fatal(err)
			}
			return c
		}
		at := func(d time.Duration) *time.Time { x := now.Add(d).Truncate(time.Minute); return &x }
		tree := mk("Pohon tumbang menutup jalan.", aduan.PriorityEmergency, at(-5*24*time.Hour))
		done := mk("Sudah selesai.", aduan.PriorityNormal, nil)
		noise := mk("Suara bising dari bengkel.", aduan.PriorityNormal, at(2*time.Hour))
		tieOrdinary := mk("Lampu jalan mati.", aduan.PriorityNormal, at(time.Hour))
		tieFlood := mk("Banjir setinggi lutut.", aduan.PriorityEmergency, at(time.Hour))
		want := []int64{tree.ID, tieFlood.ID, tieOrdinary.ID, noise.ID, done.ID}

		ids := func(l []*aduan.Complaint) []int64 {
			var out []int64
			for _, c := range l {
				out = append(out, c.ID)
			}
			return out
		}
		list, next, err := f.st.Complaints().ListComplaintsByUrgency(ctx, f.op, aduan.ComplaintFilter{Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(ids(list)) != fmt.Sprint(want) || next != 0 {
			t.Errorf("urgency order %v (next %d), want %v", ids(list), next, want)
		}
		// Pages of two: every row once, in the same order.
		var paged []int64
		for off, pages := 0, 0; pages < 5; pages++ {
			l, n, err := f.st.Complaints().ListComplaintsByUrgency(ctx, f.op, aduan.ComplaintFilter{Limit: 2, Offset: off})
			if err != nil {
				t.Fatal(err)
			}
			paged = append(paged, ids(l)...)
			if n == 0 {
				break
			}
			off = n
		}
		if fmt.Sprint(paged) != fmt.Sprint(want) {
			t.Errorf("paged %v, want %v", paged, want)
		}
		list, _, err = f.st.Complaints().ListComplaintsByUrgency(ctx, f.op, aduan.ComplaintFilter{Limit: 50, Priority: aduan.PriorityEmergency})
		if err != nil {
			t.Fatal(err)
		}
		if fmt.Sprint(ids(list)) != fmt.Sprint([]int64{tree.ID, tieFlood.ID}) {
			t.Errorf("darurat filter: %v", ids(list))
		}
	})
}
