package main

import (
	"context"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/store"
)

// TestBrowserDeskFindsLibraryAnswers: the operator types a complaint in
// SMS spelling at the desk and the panel beside the form offers the
// library's answer and a past answered complaint, with the matching words
// marked as they were typed.
func TestBrowserDeskFindsLibraryAnswers(t *testing.T) {
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	m.Store.Now = time.Now
	ctx := context.Background()
	siti := mkUser(t, m, "siti", "Siti Operator", aduan.RoleOperatorCC, "")
	dewi := mkUser(t, m, "dewi", "Dewi Koordinator", aduan.RoleKoordinatorCC, "")
	e := &aduan.LibraryEntry{Title: "Lampu penerangan jalan (PJU) mati", Questions: []string{"lampu jalan mati gmn lapornya"},
		Answer: "Laporan diteruskan ke UPT PJU Dishub; perbaikan paling lambat 3 hari kerja.", AgencyID: agencyID(t, m, "DISHUB"), Active: true}
	if err := m.Store.CreateLibraryEntry(ctx, dewi.Actor(), e); err != nil {
		t.Fatal(err)
	}
	past, err := m.Store.CreateComplaint(ctx, siti.Actor(), aduan.NewComplaint{Text: "Lampu jalan di Gg. Mawar mati sudah seminggu."})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := m.Store.ApplyAction(ctx, siti.Actor(), past.ID, past.Version, aduan.ActionAnswer,
		aduan.ActionInput{Answer: "Sudah diteruskan ke UPT PJU, lampu diganti besok.", Source: aduan.SourceLibrary, SourceRef: aduan.LibraryRef(e.ID)}); err != nil {
		t.Fatal(err)
	}

	op := newSession(t, root, "http://"+m.Addr(), "operator", 1366, 768, "siti", "kata-sandi-uji-123")
	op.go_("/desk")
	op.run(chromedp.SendKeys(`#f-text`, "lmp jln dpn rmh mati udh 3 hr"))
	op.waitText(`#panel`, e.Title)
	op.waitText(`#panel`, aduan.LibraryRef(e.ID))
	op.waitText(`#panel`, past.Number)
	// The words of the entry that matched what was typed are marked.
	op.poll(`(function(){var ms=[].map.call(document.querySelectorAll("#panel mark"),function(m){return m.innerText.toLowerCase()});` +
		`return ms.indexOf("lampu")>=0 && ms.indexOf("jalan")>=0 && ms.indexOf("mati")>=0})()`)
	op.shot("desk-library-panel")
}
