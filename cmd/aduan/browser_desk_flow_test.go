package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

// deskCategory is the ID of a seeded category by code.
func deskCategory(t *testing.T, m *Main, code string) int64 {
	t.Helper()
	return dbtest.CategoryID(t, m.Store, code)
}

// TestBrowserOperatorFlow walks the operator's day at 1366×768 (issue 18):
// the queue in urgency order with a darurat fallen tree five days late on
// top of a newer noise complaint, then sorted by a column from its header
// (aria-sort follows, the filter kept); a save at the desk that comes back
// as a fresh desk whose toast links the complaint; the incoming-call banner
// naming a known caller and their open complaint while another intake is
// typed; and two operators on one complaint, where the second's typed
// answer survives the first's answer (the page says so live, and the
// refused send keeps the text).
func TestBrowserOperatorFlow(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	m.Store.Now = time.Now
	base := "http://" + m.Addr()
	ctx := context.Background()
	siti := mkUser(t, m, "siti", "Siti Operator", aduan.RoleOperatorCC, "")
	budi := mkUser(t, m, "budi", "Budi Operator", aduan.RoleOperatorCC, "")
	trees, noise := deskCategory(t, m, "POHON_TUMBANG"), deskCategory(t, m, "PKL_TRIBUM")

	// The noise complaint came last, the fallen tree is five days late.
	tree, err := m.Store.Complaints().CreateComplaint(ctx, siti.Actor(), aduan.NewComplaint{Text: "Pohon tumbang menutup Jl. Kartini.", CategoryID: trees,
		Priority: aduan.PriorityEmergency, Citizen: &aduan.CitizenInput{Name: "Ani Lestari", Phone: "081355550001", Address: "Jl. Cisalak 2"}})
	if err != nil {
		t.Fatal(err)
	}
	late := time.Now().Add(-5 * 24 * time.Hour).UnixMilli()
	if _, err := m.Store.DB().Exec(fmt.Sprintf("UPDATE complaints SET deadline_at = %d WHERE id = %d", late, tree.ID)); err != nil {
		t.Fatal(err)
	}
	loud, err := m.Store.Complaints().CreateComplaint(ctx, siti.Actor(), aduan.NewComplaint{Text: "Suara musik keras tiap malam dari kafe.", CategoryID: noise,
		Citizen: &aduan.CitizenInput{Name: "Rudi", Phone: "081355550009", Address: "Jl. Mawar 2"}})
	if err != nil {
		t.Fatal(err)
	}

	op := newSession(t, root, base, "operator", 1366, 768, "siti", "kata-sandi-uji-123")
	op.go_("/queue")
	first := op.text(`#queue-rows tbody tr:first-child`)
	if !strings.Contains(first, tree.Number) || !strings.Contains(first, "Darurat") || !strings.Contains(first, "terlambat") {
		t.Errorf("first row of the work queue: %q, want the darurat %s, late", first, tree.Number)
	}
	if got := get(op, chromedp.AttributeValue(`#sort-due`, "href")).Value; !strings.Contains(got, "sort=-due") {
		t.Errorf("due header link while sorted by it: %q", got)
	}
	// Sorted by number from the header: the oldest first, the status
	// filter kept, aria-sort on that column.
	op.go_("/queue?status=open&q=")
	op.run(chromedp.Click(`#sort-number`), chromedp.WaitVisible(`th[aria-sort=ascending] #sort-number`))
	if loc := op.location(); !strings.Contains(loc, "sort=number") || !strings.Contains(loc, "status=open") {
		t.Errorf("sorted by number at %q, want the filter kept", loc)
	}
	rows := op.text(`#queue-rows tbody`)
	if strings.Index(rows, tree.Number) > strings.Index(rows, loud.Number) {
		t.Errorf("by number ascending: %s after %s", tree.Number, loud.Number)
	}
	op.run(chromedp.Click(`#sort-number`), chromedp.WaitVisible(`th[aria-sort=descending] #sort-number`))
	rows = op.text(`#queue-rows tbody`)
	if strings.Index(rows, loud.Number) > strings.Index(rows, tree.Number) {
		t.Errorf("by number descending: %s after %s", loud.Number, tree.Number)
	}
	if n := op.count(`th[aria-sort=ascending], th[aria-sort=descending]`); n != 1 {
		t.Errorf("%d headers claim the sort, want 1", n)
	}
	op.shot("queue-sorted")

	// A save at the desk: a fresh desk, the toast linking the complaint.
	op.go_("/desk")
	op.run(
		chromedp.SendKeys(`#f-phone`, "0813-5555-0042"),
		chromedp.SendKeys(`input[name=name]`, "Wati"),
		chromedp.SendKeys(`input[name=address]`, "Jl. Flamboyan 4"),
		chromedp.SendKeys(`#f-text`, "Lampu jalan mati di Gg. Flamboyan sejak Senin."),
		chromedp.Click(`button[value=save]`),
		chromedp.WaitVisible(`#saved-toast a`),
	)
	saved := op.text(`#saved-toast`)
	href := get(op, chromedp.AttributeValue(`#saved-toast a`, "href")).Value
	if !strings.Contains(saved, "tersimpan") || !strings.HasPrefix(href, "/complaints/") {
		t.Errorf("toast %q linking %q", saved, href)
	}
	if v := op.value(`#f-phone`); v != "" {
		t.Errorf("the desk after the save still holds the phone %q", v)
	}
	if v := op.value(`#f-text`); v != "" {
		t.Errorf("the desk after the save still holds the text %q", v)
	}
	op.shot("desk-fresh-after-save")
	op.run(chromedp.Click(`#saved-toast a`), chromedp.WaitVisible(`.head h1`))
	if h := op.text(`.head h1`); !strings.Contains(h, "ADU-") || !strings.Contains(op.location(), href) {
		t.Errorf("the toast's link led to %q (%s)", op.location(), h)
	}

	// The call pop while another intake is typed: the caller's name and
	// open complaint, not just the number.
	op.go_("/desk")
	op.run(chromedp.SendKeys(`#f-text`, "Pertanyaan soal KTP-el."))
	op.poll(`document.body.getAttribute("data-live-open") === "1"`) // the page's event stream is open
	tok, _, err := m.Store.Users().CreateToken(ctx, aduan.System, siti.ID, "PBX")
	if err != nil {
		t.Fatal(err)
	}
	apitest.New(t, base).As(tok).Do("POST", "/api/v1/calls", map[string]any{"phone": "0813 5555 0001", "operator": "siti"}).Must(t, 202)
	op.waitText(`#callbar`, "Ani Lestari")
	bar := op.text(`#callbar`)
	if !strings.Contains(bar, tree.Number) || !strings.Contains(bar, i18n.T(i18n.ID, "web.live.take")) {
		t.Errorf("call banner %q, want the caller's open %s and the take link", bar, tree.Number)
	}
	if v := op.value(`#f-text`); v != "Pertanyaan soal KTP-el." {
		t.Errorf("the pop threw the typing away: %q", v)
	}
	op.shot("desk-call-banner")

	// Two operators, one complaint: Siti types an answer; Budi answers
	// first. Siti's page says so live, keeping her text; her send is
	// refused and comes back with it.
	op.go_(fmt.Sprintf("/complaints/%d", loud.ID))
	op.run(chromedp.Click(`#act-answer summary`), chromedp.SendKeys(`#act-answer textarea[name=answer]`, "Kami teruskan ke Satpol PP untuk ditertibkan malam ini."))
	op.poll(`document.body.getAttribute("data-live-open") === "1"`) // the page's event stream is open
	b := apitest.New(t, base)
	b.Do("POST", "/api/v1/auth/login", map[string]any{"username": budi.Username, "password": "kata-sandi-uji-123"}).Must(t, 200)
	b.Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/answer", loud.ID), map[string]any{"version": loud.Version,
		"answer": "Sudah dijawab Budi lewat telepon.", "told_on_call": true}).Must(t, 200)
	op.poll(`!document.getElementById("live-changed").hidden`)
	op.run(chromedp.Click(`#act-answer button[type=submit]`), chromedp.WaitVisible(`#kept`))
	if got := op.value(`#kept textarea.kept-answer`); got != "Kami teruskan ke Satpol PP untuk ditertibkan malam ini." {
		t.Errorf("typed answer after the conflict: %q", got)
	}
	if msg := op.text(`#actions .form-error`); !strings.Contains(msg, "petugas lain") {
		t.Errorf("conflict message: %q", msg)
	}
	op.shot("complaint-conflict-kept")
}
