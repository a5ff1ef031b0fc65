package search_test

import (
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/search"
	"github.com/kotakita/aduan/internal/store"
)

// TestSimilarDraft: a complaint still being typed at the desk is matched
// against the open complaints as a recorded one would be: similar words
// and the same street or kelurahan, within the window; closed complaints,
// other places and other problems are not offered; agencies get nothing.
func TestSimilarDraft(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		c := newCorpus(t, d)
		now := time.Now().Truncate(time.Second)
		c.st.Now = func() time.Time { return now }
		mk := func(text, kel, address string) *aduan.Complaint {
			t.Helper()
			x, err := c.st.Complaints().CreateComplaint(ctx, c.op, aduan.NewComplaint{Text: text, KelurahanCode: kel, Address: address})
			if err != nil {
				t.Fatal(err)
			}
			return x
		}
		light := mk("Lampu PJU mati di Jl. Nusantara Raya depan masjid, jalan gelap sekali.", "32.76.01.1007", "Jl. Nusantara Raya")
		mk("Sampah menumpuk di TPS pasar, sudah tiga hari tidak diangkut.", "32.76.01.1007", "Pasar Depok Jaya")
		elsewhere := mk("Lampu PJU mati di depan sekolah, gelap sekali.", "32.76.02.1007", "Jl. Raya Bogor")
		closed := mk("Lampu jalan Nusantara mati total, gelap.", "32.76.01.1007", "")
		if _, _, err := c.st.Complaints().ApplyAction(ctx, c.op, closed.ID, closed.Version, aduan.ActionReject, aduan.ActionInput{Reason: "Laporan ganda."}); err != nil {
			t.Fatal(err)
		}
		s := search.New(c.st)

		// Same street, no kelurahan picked yet, informal spelling.
		hits, err := s.SimilarDraft(ctx, c.op, "lmp pju di jln nusantara mati udh seminggu, gelap bgt", "", "")
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].Complaint.ID != light.ID || !hits[0].SameStreet || hits[0].Street != "nusantara" {
			t.Fatalf("by street: %+v", hits)
		}
		// Same kelurahan, no street named.
		hits, err = s.SimilarDraft(ctx, c.op, "lampu pju mati, gelap sekali kalau malam", "", "32.76.01.1007")
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) != 1 || hits[0].Complaint.ID != light.ID || !hits[0].SameKelurahan {
			t.Fatalf("by kelurahan: %+v", hits)
		}
		for _, h := range hits {
			if h.Complaint.ID == elsewhere.ID || h.Complaint.ID == closed.ID {
				t.Errorf("offered %s", h.Complaint.Number)
			}
		}
		// The complaint's text changed since it was last compared: the
		// new words count, not the analysis kept of the old ones.
		if _, err := c.st.DB().ExecContext(ctx, `UPDATE complaints SET text = $1 WHERE id = $2`, "Anjing liar berkeliaran di taman.", light.ID); err != nil {
			t.Fatal(err)
		}
		if hits, _ := s.SimilarDraft(ctx, c.op, "lampu pju mati, gelap sekali kalau malam", "", "32.76.01.1007"); len(hits) != 0 {
			t.Errorf("after the text changed: %+v", hits)
		}
		if _, err := c.st.DB().ExecContext(ctx, `UPDATE complaints SET text = $1 WHERE id = $2`, light.Text, light.ID); err != nil {
			t.Fatal(err)
		}
		// Another problem in the same kelurahan is not the same complaint.
		if hits, _ := s.SimilarDraft(ctx, c.op, "anjing liar berkeliaran", "", "32.76.01.1007"); len(hits) != 0 {
			t.Errorf("unrelated text: %+v", hits)
		}
		// Outside the window (14 days by default) nothing is offered.
		now = now.Add(15 * 24 * time.Hour)
		if hits, _ := s.SimilarDraft(ctx, c.op, "lampu pju mati di jln nusantara", "", "32.76.01.1007"); len(hits) != 0 {
			t.Errorf("after the window: %+v", hits)
		}
		pd := user(t, c.st, "andi.dishub", aduan.RoleOperatorPD, c.agencies["DISHUB"])
		if _, err := s.SimilarDraft(ctx, pd, "lampu pju mati", "", ""); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("agency operator: %v", err)
		}
	})
}
