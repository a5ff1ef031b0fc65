package store_test

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestDuplicateCandidatesIndexedAsScanned: the desk's duplicate candidates,
// found through the kelurahan index and the trigram index of open
// complaints (migration 0085), are the very complaints, in the same order,
// that the scan of the window found, on a corpus of complaints in several
// kelurahan, with streets written in every case, closed, reopened and
// edited after they were indexed, inside and outside the window, and
// with the limit cutting the list.
func TestDuplicateCandidatesIndexedAsScanned(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		st, db := f.st, f.st.DB()
		if d == store.Postgres {
			// The test database has pg_trgm (Debian's PostgreSQL ships it),
			// so the index the planner may use is there.
			var n int
			if err := db.QueryRowContext(ctx, `SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'complaints_open_trgm'`).Scan(&n); err != nil || n != 1 {
				t.Fatalf("pg_trgm index: %d, %v", n, err)
			}
		}
		kels, err := st.RefData().Kelurahans(ctx, "")
		if err != nil || len(kels) < 6 {
			t.Fatalf("kelurahan: %d, %v", len(kels), err)
		}
		kels = kels[:6]
		streets := []string{"Jl. Margonda Raya", "jalan Nusantara", "Gg. Masjid 2", "JL. TOLE ISKANDAR", "Jalan Pondok Cabé", "Jl. Raya Sawangan", "Jl. Juanda"}
		texts := []string{
			"Jalan berlubang besar di depan sekolah, sudah dua minggu.",
			"Lampu PJU mati di dekat MARGONDA, gelap sekali malam hari.",
			"Sampah menumpuk di pinggir jalan nusantara raya.",
			"Saluran air tersumbat di gang masjid, banjir kalau hujan.",
			"Pohon tumbang menutup jalan dekat toleiskandar.",
			"Warga mengeluhkan macet setiap pagi di sawangan.",
		}
		rng := rand.New(rand.NewPCG(21, 2026))
		base := time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)
		var ids []int64
		for i := range 160 {
			c, err := st.Complaints().CreateComplaint(ctx, f.op, aduan.NewComplaint{
				Text: texts[rng.IntN(len(texts))] + fmt.Sprintf(" (laporan %d)", i), Address: streets[rng.IntN(len(streets))],
				KelurahanCode: kels[rng.IntN(len(kels))].Code, CategoryID: f.category.ID,
			})
			if err != nil {
				t.Fatalf("complaint %d: %v", i, err)
			}
			ids = append(ids, c.ID)
			at := base.Add(time.Duration(rng.IntN(60*24)) * time.Hour)
			if _, err := db.ExecContext(ctx, `UPDATE complaints SET received_at = $1 WHERE id = $2`, at.UnixMilli(), c.ID); err != nil {
				t.Fatal(err)
			}
		}
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := db.ExecContext(ctx, q, args...); err != nil {
				t.Fatalf("%s: %v", q, err)
			}
		}
		// After indexing: some close, some close and reopen, some are edited
		// (a new street in the text, an erased one).
		for i, id := range ids {
			switch i % 9 {
			case 1:
				exec(`UPDATE complaints SET status = 'closed' WHERE id = $1`, id)
			case 2:
				exec(`UPDATE complaints SET status = $1 WHERE id = $2`, []string{"duplicate", "rejected"}[i%2], id)
			case 3:
				exec(`UPDATE complaints SET status = 'closed' WHERE id = $1`, id)
				exec(`UPDATE complaints SET status = 'forwarded' WHERE id = $1`, id)
			case 4:
				exec(`UPDATE complaints SET text = $1 WHERE id = $2`, "Jembatan retak di jalan Juanda, mohon dicek.", id)
			case 5:
				exec(`UPDATE complaints SET address = '', text = $1 WHERE id = $2`, "[dihapus]", id)
			case 6:
				exec(`UPDATE complaints SET status = 'closed', text = $1 WHERE id = $2`, "Margonda tertutup.", id)
			}
		}
		if d == store.SQLite {
			// The batch step that enters new complaints, run again over
			// them all: the closed stay out, the entered are not entered
			// twice (FTS5 would refuse a second row with the same rowid).
			if err := st.EnterOpenTrigrams(ctx, ids...); err != nil {
				t.Fatalf("entering again: %v", err)
			}
		}
		wordSets := [][]string{
			{"margonda"}, {"nusantara"}, {"masjid", "gg"}, {"tole", "iskandar"}, {"juanda"}, {"cabé"}, {"sawangan", "raya"},
			{"margonda", "juanda", "nusantara"}, {"ma"}, {}, {"tidakada"},
		}
		sawIndexOnly := false
		n := 0
		for i := range 60 {
			c := &aduan.Complaint{ReceivedAt: base.Add(time.Duration(rng.IntN(70*24)) * time.Hour)}
			if i%3 != 0 {
				c.KelurahanCode = kels[rng.IntN(len(kels))].Code
			}
			if i%5 == 0 {
				c.ID = ids[rng.IntN(len(ids))]
			}
			words := wordSets[i%len(wordSets)]
			window := []time.Duration{7, 14, 30}[i%3] * 24 * time.Hour
			for _, limit := range []int{300, 4} {
				got, err := st.Complaints().DuplicateCandidates(ctx, c, window, words, limit)
				if err != nil {
					t.Fatalf("indexed: %v", err)
				}
				want, err := store.DuplicateCandidatesScan(st, ctx, c, window, words, limit)
				if err != nil {
					t.Fatalf("scan: %v", err)
				}
				g, w := idsOf(got), idsOf(want)
				if !slices.Equal(g, w) {
					t.Fatalf("draft %d (kelurahan %q, words %v, limit %d): indexed %v, scan %v", i, c.KelurahanCode, words, limit, g, w)
				}
				// The suggestion's own read, without the joins: the same
				// complaints, with what it compares.
				texts, err := st.Complaints().DuplicateCandidateTexts(ctx, c, window, words, limit)
				if err != nil {
					t.Fatalf("texts: %v", err)
				}
				var tg []store.DuplicateCandidate
				for _, x := range got {
					tg = append(tg, store.DuplicateCandidate{ID: x.ID, Text: x.Text, Address: x.Address, KelurahanCode: x.KelurahanCode, AgencyID: x.AgencyID})
				}
				if !slices.Equal(texts, tg) {
					t.Fatalf("draft %d (kelurahan %q, words %v, limit %d): texts %+v, complaints %+v", i, c.KelurahanCode, words, limit, texts, tg)
				}
				n += len(g)
				for _, x := range got {
					if x.KelurahanCode != c.KelurahanCode && len(words) > 0 && strings.Contains(strings.ToLower(x.Text+x.Address), words[0]) {
						sawIndexOnly = true
					}
				}
			}
		}
		// The corpus must exercise both halves, or the comparison says
		// nothing.
		if n < 100 || !sawIndexOnly {
			t.Fatalf("corpus too thin: %d candidates in all, by words alone %v", n, sawIndexOnly)
		}
	})
}

func idsOf(cs []*aduan.Complaint) []int64 {
	out := make([]int64, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}
