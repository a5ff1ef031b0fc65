package setup_test

import (
	"context"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/search"
	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
)

// TestStarterLibraryImport: on a new install the starter folder loads in
// one call, a second call adds and changes nothing, and the KTP-el
// question finds the folder's KTP-el entry first.
func TestStarterLibraryImport(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		t.Parallel()
		ctx := context.Background()
		st := dbtest.OpenSeeded(t, d)
		res, err := setup.StarterLibrary(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		if res.Created < 60 || res.Updated != 0 || res.Unchanged != 0 {
			t.Fatalf("first import %+v, want at least 60 created", res)
		}
		again, err := setup.StarterLibrary(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		if again.Created != 0 || again.Updated != 0 || again.Unchanged != res.Created {
			t.Fatalf("second import %+v, want all %d unchanged", again, res.Created)
		}
		recs, err := st.Library().ExportLibrary(ctx, aduan.System)
		if err != nil || len(recs) != res.Created {
			t.Fatalf("folder holds %d entries (%v), want %d", len(recs), err, res.Created)
		}

		hits, err := search.New(st).Search(ctx, aduan.System, search.Query{
			Text: "Apa saja syarat membuat KTP elektronik untuk anak yang baru 17 tahun?", Complete: true, Library: true})
		if err != nil {
			t.Fatal(err)
		}
		if len(hits.Library) == 0 || hits.Library[0].Entry.Title != "Syarat membuat KTP-el pertama kali (usia 17 tahun)" {
			var got []string
			for _, h := range hits.Library {
				got = append(got, h.Entry.Title)
			}
			t.Fatalf("KTP-el question: library hits %q, want the KTP-el entry first", got)
		}
	})
}
