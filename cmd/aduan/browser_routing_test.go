package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

// TestBrowserDeskRoutingPanel: the operator types a complaint that names
// the agency beside a cue word for another ("lampu merah" is Dishub's, the
// caller says Dinsos), as a new install's model sees it. The panel shows
// the named agency first with the category it handles, and the answer
// folder's entry with its source; Alt+P, from the keyboard, puts that
// category and agency into the form. A greeting asks for a manual pick.
func TestBrowserDeskRoutingPanel(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	m.Store.Now = time.Now
	ctx := context.Background()
	mkUser(t, m, "siti", "Siti Operator", aduan.RoleOperatorCC, "")
	dewi := mkUser(t, m, "dewi", "Dewi Koordinator", aduan.RoleKoordinatorCC, "")
	dinsos := agencyID(t, m, "DINSOS")
	var ppks aduan.Category
	cats, err := m.Store.RefData().Categories(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cats {
		if c.Code == "PPKS" {
			ppks = c
		}
	}
	e := &aduan.LibraryEntry{Title: "Pengemis dan anak jalanan di persimpangan", Questions: []string{"ada pengemis bawa anak di lampu merah lapor ke mana"},
		Answer:     "Laporan diteruskan ke Dinas Sosial untuk penjangkauan oleh petugas PPKS dalam 2 hari kerja.",
		SourceText: "Dinas Sosial Kota Depok", AgencyID: dinsos, CategoryIDs: []int64{ppks.ID}, Active: true}
	if err := m.Store.Library().CreateLibraryEntry(ctx, dewi.Actor(), e); err != nil {
		t.Fatal(err)
	}

	op := newSession(t, root, "http://"+m.Addr(), "operator", 1366, 768, "siti", "kata-sandi-uji-123")
	op.go_("/desk")
	op.run(chromedp.SendKeys(`#f-text`, "udh lapor ke dinsos soal pengemis bawa anak kecil di lampu merah juanda tp blm ada tindakan"))
	op.waitText(`#routing`, "Dinas Sosial")
	op.waitText(`#panel`, e.Title)
	op.waitText(`#panel`, aduan.LibraryRef(e.ID))
	lists := get(op, chromedp.Evaluate[[][]string](`Array.from(document.querySelectorAll("#routing .choice-list")).map(l => Array.from(l.querySelectorAll(".cname")).map(e => e.textContent.trim()))`))
	if len(lists) != 2 || len(lists[0]) == 0 || len(lists[1]) == 0 {
		t.Fatalf("suggestion lists: %v", lists)
	}
	if lists[1][0] != "Dinas Sosial" || lists[0][0] != ppks.Name {
		t.Errorf("first suggestions: category %q, agency %q; want %q and Dinas Sosial (named by the caller)", lists[0][0], lists[1][0], ppks.Name)
	}
	if got := op.text(`#routing .choices > div:nth-child(2) li:first-child`); !strings.Contains(got, "%") {
		t.Errorf("the first agency has no confidence: %q", got)
	}
	if n := op.count(`#routing .routing-manual`); n != 0 {
		t.Errorf("a named agency asks for a manual pick")
	}
	op.shot("desk-routing-named")
	// The keyboard takes the top suggestions into the form.
	op.run(chromedp.Focus(`#f-text`), chromedp.KeyEvent("p", chromedp.KeyModifiers(chromedp.ModifierAlt)))
	op.poll(`document.querySelector('#intake select[name="agency"]').value !== "" && document.querySelector('#intake select[name="category"]').value !== ""`)
	if got := op.value(`select[name=agency]`); got != fmt.Sprint(dinsos) {
		t.Errorf("agency after Alt+P: %q, want %d", got, dinsos)
	}
	if got := op.value(`select[name=category]`); got != fmt.Sprint(ppks.ID) {
		t.Errorf("category after Alt+P: %q, want %d", got, ppks.ID)
	}
	// Nothing to go on: the panel asks the operator to pick.
	op.run(chromedp.Evaluate[chromedp.Void](`document.getElementById("f-text").value = ""`), chromedp.SendKeys(`#f-text`, "halo selamat siang"))
	op.waitText(`#routing`, i18n.T(i18n.ID, "suggest.pick_manual"))
}
