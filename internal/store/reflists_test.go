package store_test

import (
	"testing"

	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestReferenceListsFollowChanges: the agencies, categories and kecamatan
// lists the queue's filters show come from memory, yet a change written by
// anyone (here plain SQL, as another instance would) shows at the next
// read, and a caller that changes its copy changes nobody else's.
func TestReferenceListsFollowChanges(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		st := dbtest.OpenSeeded(t, d)
		ags, err := st.RefData().Agencies(ctx)
		if err != nil || len(ags) == 0 {
			t.Fatalf("agencies: %d, %v", len(ags), err)
		}
		cats, _ := st.RefData().Categories(ctx)
		kecs, _ := st.RefData().Kecamatans(ctx)
		if len(cats) == 0 || len(kecs) == 0 {
			t.Fatalf("categories %d, kecamatan %d", len(cats), len(kecs))
		}
		ags[0].Name = "diubah pemanggil"
		if again, _ := st.RefData().Agencies(ctx); again[0].Name == "diubah pemanggil" {
			t.Fatal("a caller's change reached the cache")
		}
		db := st.DB()
		for _, q := range []string{
			`UPDATE agencies SET name = 'AAA Dinas Baru' WHERE id = ` + itoa(ags[len(ags)-1].ID),
			`UPDATE categories SET name = 'AAA Kategori Baru' WHERE id = ` + itoa(cats[len(cats)-1].ID),
			`UPDATE kecamatan SET name = 'AAA Kecamatan Baru' WHERE code = '` + kecs[len(kecs)-1].Code + `'`,
		} {
			if _, err := db.ExecContext(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		ags, _ = st.RefData().Agencies(ctx)
		cats, _ = st.RefData().Categories(ctx)
		kecs, _ = st.RefData().Kecamatans(ctx)
		if ags[0].Name != "AAA Dinas Baru" || cats[0].Name != "AAA Kategori Baru" || kecs[0].Name != "AAA Kecamatan Baru" {
			t.Fatalf("after the change: %q, %q, %q", ags[0].Name, cats[0].Name, kecs[0].Name)
		}
	})
}
