package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/store"
)

// TestBrowserKeyboardIntakeAndForward: a whole intake without the mouse.
// The desk opens with the cursor in the phone field; a returning caller is
// recognised; Tab reaches the complaint's text; Alt+P takes the top
// suggested category and agency; Alt+T saves and forwards to that agency.
// The menu answers "g" then a digit too, for browsers that keep Alt+digit.
func TestBrowserKeyboardIntakeAndForward(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	m.Store.Now = time.Now
	base := "http://" + m.Addr()
	siti := mkUser(t, m, "siti", "Siti Operator", aduan.RoleOperatorCC, "")
	// Every agency has someone to reach, whichever the model suggests.
	ags, err := m.Store.RefData().Agencies(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range ags {
		mkUser(t, m, "pd."+strings.ToLower(a.Code), "Operator "+a.Code, aduan.RoleOperatorPD, a.Code)
	}
	// A caller on file with a complete identity.
	if _, err := m.Store.Complaints().CreateComplaint(context.Background(), siti.Actor(), aduan.NewComplaint{Text: "Sampah belum diangkut di TPS Pasar Cisalak.",
		Citizen: &aduan.CitizenInput{Name: "Ani Lestari", Phone: "081355550001", Address: "Jl. Cisalak 2"}}); err != nil {
		t.Fatal(err)
	}

	op := newSession(t, root, base, "operator", 1366, 768, "siti", "kata-sandi-uji-123")
	op.go_("/desk")
	focused := func() string {
		return get(op, chromedp.Evaluate[string](`(document.activeElement && (document.activeElement.id || document.activeElement.name)) || ""`))
	}
	op.poll(`document.activeElement && document.activeElement.id === "f-phone"`)
	// An untouched desk warns of nothing: the identity warning applies
	// once there is a caller.
	if n := op.count(`.missing-note:not([hidden]), button[value=identity].attention`); n != 0 {
		t.Errorf("the untouched desk shows the identity warning (%d)", n)
	}
	op.run(chromedp.KeyEvent("081355550001"), chromedp.WaitVisible(`.known-caller`))
	// Tab along to the complaint's text.
	for i := 0; i < 12 && focused() != "f-text"; i++ {
		op.run(chromedp.KeyEvent(kb.Tab))
	}
	if f := focused(); f != "f-text" {
		t.Fatalf("Tab did not reach the complaint's text (at %q)", f)
	}
	op.run(chromedp.KeyEvent("Lampu PJU di Jl. Nusantara depan masjid mati sudah 3 malam, jalan gelap."))
	op.run(chromedp.WaitVisible(`#routing button[data-use-agency]`))
	want := strings.TrimSpace(op.text(`#routing .choice-list li .cname`))
	agencies := get(op, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#routing .choice-list")[1].querySelectorAll(".cname")).map(e => e.textContent.trim())`))
	if len(agencies) == 0 {
		t.Fatal("no agency suggested")
	}
	op.run(chromedp.KeyEvent("p", chromedp.KeyModifiers(chromedp.ModifierAlt)))
	op.poll(`document.querySelector('#intake select[name="agency"]').value !== "" && document.querySelector('#intake select[name="category"]').value !== ""`)
	chosen := get(op, chromedp.Evaluate[string](`(function(){var s=document.querySelector('#intake select[name="agency"]');return s.options[s.selectedIndex].text})()`))
	if chosen != agencies[0] {
		t.Errorf("Alt+P chose agency %q, the top suggestion is %q (category %q)", chosen, agencies[0], want)
	}
	op.shot("desk-keyboard-suggestion")
	// Save and forward, still from the keyboard.
	op.run(chromedp.KeyEvent("t", chromedp.KeyModifiers(chromedp.ModifierAlt)))
	// Saved and forwarded: a fresh desk for the next call; its toast
	// links the complaint.
	op.poll(`location.pathname === "/desk" && !!document.querySelector("#saved-toast a")`)
	if got := op.text(`#saved-toast`); !strings.Contains(got, "diteruskan") {
		t.Errorf("toast after Alt+T: %q", got)
	}
	op.run(chromedp.Click(`#saved-toast a`), chromedp.WaitVisible(`.head h1 .status`))
	if st := op.status(); st != "Diteruskan ke PD" {
		t.Fatalf("after Alt+T: %q (%s)", st, op.text("main"))
	}
	if got := op.text(`main`); !strings.Contains(got, agencies[0]) {
		t.Errorf("forwarded, but not to the suggested %q", agencies[0])
	}
	// The menu by "g" then its digit.
	op.run(chromedp.Evaluate[chromedp.Void](`document.activeElement && document.activeElement.blur()`))
	digit := get(op, chromedp.Evaluate[string](`(document.querySelector('header nav a[href="/queue"]') || {dataset: {}}).dataset.shortcut || ""`))
	if digit == "" {
		t.Fatal("the queue has no menu shortcut")
	}
	op.run(chromedp.KeyEvent("g"), chromedp.KeyEvent(digit))
	op.poll(`location.pathname === "/queue"`)
}
