package search_test

import (
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/search"
	"github.com/kotakita/aduan/internal/store"
)

// TestSearchKeepsUpWithTheLibrary: the searcher keeps its reads of the
// index between keystrokes, and still an entry written, rewritten or taken
// out of the library on this instance is found, found by its new words
// only, or not offered, at the very next search; a complaint answered
// joins the past answers at once.
func TestSearchKeepsUpWithTheLibrary(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		c := newCorpus(t, d)
		c.fill(t, 7, 20, 20)
		s := search.New(c.st)
		titles := func(text string) (lib []string, past int) {
			t.Helper()
			// Twice: the second is served from what the first read.
			for range 2 {
				res, err := s.Search(ctx, c.koord, search.Query{Text: text, Complete: true})
				if err != nil {
					t.Fatal(err)
				}
				lib, past = nil, len(res.Complaints)
				for _, h := range res.Library {
					lib = append(lib, h.Entry.Title)
				}
			}
			return lib, past
		}
		has := func(list []string, s string) bool {
			for _, x := range list {
				if x == s {
					return true
				}
			}
			return false
		}
		if lib, _ := titles("kucing zebra oranye"); has(lib, "Kucing zebra") {
			t.Fatalf("found before it was written: %v", lib)
		}
		e := &aduan.LibraryEntry{Title: "Kucing zebra", Questions: []string{"kucing zebra oranye terjebak di pohon"},
			Answer: "Hubungi Damkar.", Active: true}
		if err := c.st.Library().CreateLibraryEntry(ctx, c.koord, e); err != nil {
			t.Fatal(err)
		}
		if lib, _ := titles("kucing zebra oranye"); !has(lib, "Kucing zebra") {
			t.Fatalf("a new entry not found at the next search: %v", lib)
		}
		got, err := c.st.Library().LibraryEntry(ctx, c.koord, e.ID)
		if err != nil {
			t.Fatal(err)
		}
		got.Title, got.Questions = "Ular sanca", []string{"ular sanca masuk rumah warga"}
		if err := c.st.Library().UpdateLibraryEntry(ctx, c.koord, got); err != nil {
			t.Fatal(err)
		}
		if lib, _ := titles("kucing zebra oranye"); has(lib, "Ular sanca") || has(lib, "Kucing zebra") {
			t.Fatalf("found by the words it no longer has: %v", lib)
		}
		if lib, _ := titles("ular sanca"); !has(lib, "Ular sanca") {
			t.Fatalf("not found by its new words: %v", lib)
		}
		got, _ = c.st.Library().LibraryEntry(ctx, c.koord, e.ID)
		got.Active = false
		if err := c.st.Library().UpdateLibraryEntry(ctx, c.koord, got); err != nil {
			t.Fatal(err)
		}
		if lib, _ := titles("ular sanca"); has(lib, "Ular sanca") {
			t.Fatalf("an entry taken out still offered: %v", lib)
		}
		// A complaint answered now is among the past answers at once.
		if _, past := titles("biawak komodo"); past != 0 {
			t.Fatalf("%d past answers before any", past)
		}
		var cat int64
		for _, k := range c.cats {
			if k.DefaultAgencyID != 0 && (cat == 0 || k.ID < cat) {
				cat = k.ID
			}
		}
		cp, err := c.st.Complaints().CreateComplaint(ctx, c.op, aduan.NewComplaint{Text: "Ada biawak komodo besar di selokan depan rumah", CategoryID: cat})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := c.st.Complaints().ApplyAction(ctx, c.op, cp.ID, cp.Version, aduan.ActionAnswer, aduan.ActionInput{Answer: "Petugas Damkar akan datang."}); err != nil {
			t.Fatal(err)
		}
		if _, past := titles("biawak komodo"); past != 1 {
			t.Fatalf("%d past answers after one was answered, want 1", past)
		}
	})
}
