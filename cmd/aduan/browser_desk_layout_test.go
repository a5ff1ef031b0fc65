package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/store"
)

// outOfView lists the elements of sels (CSS selectors, each of which must
// match) that are not wholly inside the window as it is now, with their
// box, measured with getBoundingClientRect; empty when all are in view.
func (s *session) outOfView(sels ...string) string {
	s.t.Helper()
	js := fmt.Sprintf(`(function(sels){var out=[],W=window.innerWidth,H=window.innerHeight;
	sels.forEach(function(sel){var els=document.querySelectorAll(sel);
		if(!els.length){out.push(sel+": missing");return}
		els.forEach(function(e){var r=e.getBoundingClientRect();
			if(r.width===0||r.height===0||r.top<0||r.left<0||r.bottom>H||r.right>W){
				out.push(sel+" at "+Math.round(r.left)+","+Math.round(r.top)+" to "+Math.round(r.right)+","+Math.round(r.bottom))}})});
	return out.length?out.join("; ")+" (window "+W+"x"+H+", scrolled "+window.scrollY+")":""})(%s)`, jsStrings(sels))
	return get(s, chromedp.Evaluate[string](js))
}

func jsStrings(xs []string) string {
	q := make([]string, len(xs))
	for i, x := range xs {
		q[i] = fmt.Sprintf("%q", x)
	}
	return "[" + strings.Join(q, ",") + "]"
}

// TestBrowserDeskFitsTheOfficeScreen: on the call center's usual 1366×768
// screen, an operator on the phone with a returning caller whose address
// is missing types the complaint; once the panel beside the form has
// filled (routing, a library answer, an open complaint it may repeat),
// the caller's fields, the complaint text, the panel, the answer field and
// every save button are on the screen at once, the page not scrolled.
// Alt+A puts the cursor in the answer field. In a browser window shorter
// than the screen (the browser's own bars and the taskbar take their share)
// the answer field and the buttons still stay on screen, and Alt+A brings
// the answer into view.
func TestBrowserDeskFitsTheOfficeScreen(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	m.Store.Now = time.Now
	ctx := context.Background()
	siti := mkUser(t, m, "siti", "Siti Operator", aduan.RoleOperatorCC, "")
	dewi := mkUser(t, m, "dewi", "Dewi Koordinator", aduan.RoleKoordinatorCC, "")
	e := &aduan.LibraryEntry{Title: "Lampu penerangan jalan (PJU) mati", Questions: []string{"lampu jalan mati gmn lapornya"},
		Answer:   "Laporan diteruskan ke UPT PJU Dishub; perbaikan paling lambat 3 hari kerja. Bila lebih dari 3 hari, hubungi call center lagi dengan nomor pengaduan ini.",
		AgencyID: agencyID(t, m, "DISHUB"), Active: true}
	if err := m.Store.Library().CreateLibraryEntry(ctx, dewi.Actor(), e); err != nil {
		t.Fatal(err)
	}
	// The caller called six times before (the history fills up), and gave
	// no address; someone else reported the same dark street.
	for i, text := range []string{"Sampah belum diangkut 4 hari di TPS Pasar Cisalak.", "Jalan berlubang di depan SDN Sukmajaya 3.",
		"Saluran air tersumbat di Gg. Mawar.", "Pohon tumbang menutup Jl. Margonda arah UI.", "Pungli parkir di minimarket Jatijajar.",
		"Air PDAM keruh sejak kemarin di Perumnas."} {
		if _, err := m.Store.Complaints().CreateComplaint(ctx, siti.Actor(), aduan.NewComplaint{Text: fmt.Sprintf("%s (%d)", text, i),
			Citizen: &aduan.CitizenInput{Name: "Ani Lestari", Phone: "081355550001"}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := m.Store.Complaints().CreateComplaint(ctx, siti.Actor(), aduan.NewComplaint{Text: "Lampu PJU mati di Jl. Nusantara Raya depan masjid, jalan gelap sekali.",
		Address: "Jl. Nusantara Raya", KelurahanCode: "32.76.01.1007", Citizen: &aduan.CitizenInput{Name: "Warga Lain", Phone: "081288880001", Address: "Depok"}}); err != nil {
		t.Fatal(err)
	}

	onScreen := []string{`#f-phone`, `input[name=name]`, `input[name=address]`, `select[name=citizen_kelurahan]`, `#f-text`,
		`input[name=place]`, `select[name=kelurahan]`, `select[name=category]`, `select[name=agency]`,
		`#f-answer`, `#intake button[name=next]`, `#panel > h2`, `#routing h2`, `#routing li`, `#panel li.hit button[data-use-answer]`}
	op := newSession(t, root, "http://"+m.Addr(), "operator", 1366, 768, "siti", "kata-sandi-uji-123")
	op.go_("/desk")
	op.run(chromedp.SendKeys(`#f-phone`, "0813-5555-0001"), chromedp.WaitVisible(`.known-caller`))
	op.run(chromedp.SendKeys(`#f-text`, "lampu pju di jln nusantara raya mati udh seminggu, gelap bgt klo malem, tlg segera dibenerin"),
		chromedp.SendKeys(`input[name=place]`, "Jl. Nusantara Raya depan masjid"),
		chromedp.SetValue(`select[name=kelurahan]`, "32.76.01.1007"))
	op.waitText(`#panel`, e.Title)
	op.run(chromedp.WaitVisible(`#routing li`), chromedp.WaitVisible(`#similar li`), chromedp.WaitVisible(`#history li`),
		chromedp.WaitVisible(`.missing-note`))
	op.shot("desk-1366x768")
	if y := get(op, chromedp.Evaluate[float64](`window.scrollY`)); y != 0 {
		t.Errorf("the desk scrolled by %v px while typing", y)
	}
	if out := op.outOfView(onScreen...); out != "" {
		t.Errorf("at 1366x768, off the screen: %s", out)
	}
	// Alt+A: the cursor goes to the answer, which is on the screen.
	op.run(chromedp.Focus(`#f-text`), chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierAlt)))
	if id := get(op, chromedp.Evaluate[string](`document.activeElement.id`)); id != "f-answer" {
		t.Errorf("Alt+A focused %q, want the answer field", id)
	}
	if v := op.value(`#f-text`); !strings.HasSuffix(v, "dibenerin") {
		t.Errorf("Alt+A typed into the complaint text: %q", v)
	}

	// A shorter window: what scrolls is the middle of the form; the
	// answer and the buttons stay, and Alt+A shows and focuses the answer.
	op.run(chromedp.EmulateViewport(1366, 560))
	op.run(chromedp.Focus(`#f-phone`), chromedp.Evaluate[chromedp.Void](`window.scrollTo(0,0)`))
	if out := op.outOfView(`#f-phone`, `#f-answer`, `#intake button[name=next]`, `#routing h2`); out != "" {
		t.Errorf("at 1366x560, off the screen: %s", out)
	}
	op.run(chromedp.KeyEvent("a", chromedp.KeyModifiers(chromedp.ModifierAlt)))
	if id := get(op, chromedp.Evaluate[string](`document.activeElement.id`)); id != "f-answer" {
		t.Errorf("Alt+A in a short window focused %q", id)
	}
	if out := op.outOfView(`#f-answer`, `#intake button[name=next]`); out != "" {
		t.Errorf("after Alt+A at 1366x560, off the screen: %s", out)
	}
	op.shot("desk-1366x560")
}
