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
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

// TestBrowserDeskFindsLibraryAnswers: the operator types a complaint in
// SMS spelling at the desk and the panel beside the form offers the
// library's answer and a past answered complaint, with the matching words
// marked as they were typed.
func TestBrowserDeskFindsLibraryAnswers(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	m.Store.Now = time.Now
	ctx := context.Background()
	siti := mkUser(t, m, "siti", "Siti Operator", aduan.RoleOperatorCC, "")
	dewi := mkUser(t, m, "dewi", "Dewi Koordinator", aduan.RoleKoordinatorCC, "")
	e := &aduan.LibraryEntry{Title: "Lampu penerangan jalan (PJU) mati", Questions: []string{"lampu jalan mati gmn lapornya"},
		Answer: "Laporan diteruskan ke UPT PJU Dishub; perbaikan paling lambat 3 hari kerja.", AgencyID: agencyID(t, m, "DISHUB"), Active: true}
	if err := m.Store.Library().CreateLibraryEntry(ctx, dewi.Actor(), e); err != nil {
		t.Fatal(err)
	}
	past, err := m.Store.Complaints().CreateComplaint(ctx, siti.Actor(), aduan.NewComplaint{Text: "Lampu jalan di Gg. Mawar mati sudah seminggu.", CategoryID: deskCategory(t, m, "PJU")})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := m.Store.Complaints().ApplyAction(ctx, siti.Actor(), past.ID, past.Version, aduan.ActionAnswer,
		aduan.ActionInput{Answer: "Sudah diteruskan ke UPT PJU, lampu diganti besok.", Source: aduan.SourceLibrary, SourceRef: aduan.LibraryRef(e.ID), ToldOnCall: true}); err != nil {
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

// TestBrowserDeskUsesSuggestions: the operator types an informal complaint
// and picks a kelurahan; the panel suggests the library's answer and the
// category and agency with their confidence. "Pakai" fills the category
// and agency, "Gunakan jawaban ini" the answer; "Simpan & jawab" saves and
// answers in one go, and the complaint records the library entry that
// answered it (SOP step 6), which counts the use.
func TestBrowserDeskUsesSuggestions(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	m.Store.Now = time.Now
	ctx := context.Background()
	mkUser(t, m, "siti", "Siti Operator", aduan.RoleOperatorCC, "")
	dewi := mkUser(t, m, "dewi", "Dewi Koordinator", aduan.RoleKoordinatorCC, "")
	dishub := agencyID(t, m, "DISHUB")
	e := &aduan.LibraryEntry{Title: "Lampu penerangan jalan (PJU) mati", Questions: []string{"lampu jalan mati gmn lapornya"},
		Answer: "Laporan diteruskan ke UPT PJU Dishub; perbaikan paling lambat 3 hari kerja.", AgencyID: dishub, Active: true}
	if err := m.Store.Library().CreateLibraryEntry(ctx, dewi.Actor(), e); err != nil {
		t.Fatal(err)
	}
	op := newSession(t, root, "http://"+m.Addr(), "operator", 1366, 768, "siti", "kata-sandi-uji-123")
	op.go_("/desk")
	op.run(chromedp.SendKeys(`#f-phone`, "0812 7777 4321"), chromedp.SendKeys(`input[name=name]`, "Rudi"),
		chromedp.SendKeys(`input[name=address]`, "Jl. Kenanga 3"),
		chromedp.SendKeys(`#f-text`, "lampu jalan mati dkt rumah udh 3 hari"))
	// The panel is redrawn as the text is typed (the kelurahan's request
	// carries the text too): what it says is read once it answers the text
	// the operator ended with, then the kelurahan picked after it. Until
	// the first, the text's own request may still be waiting out its delay
	// and would redraw the panel again.
	op.panelSettled()
	op.pick(`select[name=kelurahan]`, "32.76.01.1007")
	op.panelSettled()
	op.waitText(`#panel`, e.Title)
	op.waitText(`#routing`, "Dinas Perhubungan")
	op.waitText(`#routing`, "Lampu penerangan jalan umum mati")
	// The best agency and category come first, with a confidence.
	if got := op.textNow(`#routing .choices > div:nth-child(2) li:first-child`); !strings.Contains(got, "Dinas Perhubungan") || !strings.Contains(got, "%") {
		t.Errorf("first agency suggestion: %q", got)
	}
	op.shot("desk-suggestions")
	op.run(chromedp.Click(`#routing .choices > div:nth-child(1) li:first-child button[data-use-category]`),
		chromedp.Click(`#routing .choices > div:nth-child(2) li:first-child button[data-use-agency]`),
		chromedp.Click(`#panel li.hit[data-ref="`+aduan.LibraryRef(e.ID)+`"] button[data-use-answer]`))
	if got := op.value(`select[name=agency]`); got != fmt.Sprint(dishub) {
		t.Errorf("agency field after Pakai: %q", got)
	}
	if got := op.value(`#f-answer`); got != e.Answer {
		t.Errorf("answer field after use: %q", got)
	}
	op.waitText(`#answer-source`, aduan.LibraryRef(e.ID))
	op.run(chromedp.Click(`button[name=next][value=answer]`))
	// Saved and answered: a fresh desk, the toast linking the complaint.
	op.waitText("#saved-toast", "dijawab")
	op.run(chromedp.Click(`#saved-toast a`))
	op.waitText(".head h1 .status", i18n.T(i18n.ID, "status.answered"))
	op.waitText(".facts", aduan.LibraryRef(e.ID))

	list, _, err := m.Store.Complaints().ListComplaints(ctx, aduan.System, aduan.ComplaintFilter{Limit: 5})
	if err != nil || len(list) != 1 {
		t.Fatalf("complaints: %v %v", list, err)
	}
	c := list[0]
	if c.AnswerSource != aduan.SourceLibrary || c.AnswerRef != aduan.LibraryRef(e.ID) || c.Answer != e.Answer {
		t.Errorf("answer source %q %q %q", c.AnswerSource, c.AnswerRef, c.Answer)
	}
	if c.CategoryName != "Lampu penerangan jalan umum mati" || c.KelurahanCode != "32.76.01.1007" {
		t.Errorf("category %q kelurahan %q", c.CategoryName, c.KelurahanCode)
	}
	if got, _ := m.Store.Library().LibraryEntry(ctx, dewi.Actor(), e.ID); got.Uses != 1 {
		t.Errorf("entry uses: %d", got.Uses)
	}
}

// TestBrowserDuplicateLinking: a second report of the same dark street is
// typed at the desk; "Mungkin sama dengan…" offers the open one and one
// click saves it linked as its duplicate. A third report, already saved,
// shows the original under "similar open complaints" on its page and is
// linked with one click. When the agency's answer to the original is
// relayed, each of the three citizens is sent it.
func TestBrowserDuplicateLinking(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	m.Store.Now = time.Now
	ctx := context.Background()
	siti := mkUser(t, m, "siti", "Siti Operator", aduan.RoleOperatorCC, "")
	andi := mkUser(t, m, "andi", "Andi Dishub", aduan.RoleOperatorPD, "DISHUB")
	newC := func(text, phone string) *aduan.Complaint {
		c, err := m.Store.Complaints().CreateComplaint(ctx, siti.Actor(), aduan.NewComplaint{Text: text, Address: "Jl. Nusantara Raya", KelurahanCode: "32.76.01.1007",
			Citizen: &aduan.CitizenInput{Name: "Warga " + phone[len(phone)-4:], Phone: phone, Address: "Depok"}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	orig := newC("Lampu PJU mati di Jl. Nusantara Raya depan masjid, jalan gelap sekali.", "081288880001")
	third := newC("Lampu jalan Nusantara Raya mati semua, gelap.", "081288880003")

	op := newSession(t, root, "http://"+m.Addr(), "operator", 1366, 768, "siti", "kata-sandi-uji-123")
	op.go_("/desk")
	op.run(chromedp.SendKeys(`#f-phone`, "0812 8888 0002"), chromedp.SendKeys(`input[name=name]`, "Wati"),
		chromedp.SendKeys(`input[name=address]`, "Jl. Nusantara 12"),
		chromedp.SendKeys(`#f-text`, "pju di jln nusantara mati udh seminggu, gelap bgt klo malem"))
	op.waitText(`#similar`, orig.Number)
	op.shot("desk-similar")
	op.run(chromedp.Click(`#similar button[value="` + orig.Number + `"]`))
	op.waitText("#saved-toast", "duplikat")
	op.run(chromedp.Click(`#saved-toast a`))
	op.waitText(".head .notice", orig.Number)
	second, _, err := m.Store.Complaints().ListComplaints(ctx, aduan.System, aduan.ComplaintFilter{DuplicateOf: orig.ID, Limit: 5})
	if err != nil || len(second) != 1 || second[0].Status != aduan.StatusDuplicate {
		t.Fatalf("linked from the desk: %v %v", second, err)
	}

	op.go_(fmt.Sprintf("/complaints/%d", third.ID))
	op.waitText(`#similar-open`, orig.Number)
	op.shot("complaint-similar")
	op.run(chromedp.Click(`#similar-open button[type=submit]`))
	op.waitText(".flash", i18n.T(i18n.ID, "web.ok.done.mark_duplicate"))
	op.waitText(".head h1 .status", i18n.T(i18n.ID, "status.duplicate"))

	// The original goes through the agency; its answer is relayed.
	step := func(c *aduan.Complaint, who *aduan.User, act aduan.Action, in aduan.ActionInput) *aduan.Complaint {
		t.Helper()
		c, _, err := m.Store.Complaints().ApplyAction(ctx, who.Actor(), c.ID, c.Version, act, in)
		if err != nil {
			t.Fatalf("%s: %v", act, err)
		}
		return c
	}
	c := step(orig, siti, aduan.ActionForward, aduan.ActionInput{AgencyID: agencyID(t, m, "DISHUB"), CategoryID: deskCategory(t, m, "PJU")})
	c = step(c, andi, aduan.ActionAcknowledge, aduan.ActionInput{})
	answer := "Lampu PJU di Jl. Nusantara Raya sudah diganti UPT PJU Dishub."
	c = step(c, andi, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: answer})
	c = step(c, siti, aduan.ActionReceiveAnswer, aduan.ActionInput{})
	step(c, siti, aduan.ActionRelay, aduan.ActionInput{})

	api := login(t, m, "koord", aduan.RoleKoordinatorCC, "")
	for _, x := range []struct {
		c     *aduan.Complaint
		phone string
	}{{orig, "+6281288880001"}, {second[0], "+6281288880002"}, {third, "+6281288880003"}} {
		waitUntil(t, "the answer relayed to "+x.phone, 20*time.Second, func() bool {
			for _, msg := range messagesOf(t, api, map[string]any{"id": float64(x.c.ID)}) {
				if apitest.Str(msg, "purpose") == "relay" && apitest.Str(msg, "to") == x.phone && strings.Contains(apitest.Str(msg, "body"), "sudah diganti") {
					return true
				}
			}
			return false
		})
	}
	// Each duplicate records the shared answer and where it came from.
	for _, id := range []int64{second[0].ID, third.ID} {
		d, err := m.Store.Complaints().Complaint(ctx, aduan.System, id)
		if err != nil || d.Answer != answer || d.AnswerRef != orig.Number {
			t.Errorf("duplicate %d: %q from %q (%v)", id, d.Answer, d.AnswerRef, err)
		}
	}
}

// TestBrowserLibraryEditHistory: the coordinator changes an entry in the
// library's form and its history shows who changed which field, before
// and after.
func TestBrowserLibraryEditHistory(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	m.Store.Now = time.Now
	ctx := context.Background()
	dewi := mkUser(t, m, "dewi", "Dewi Koordinator", aduan.RoleKoordinatorCC, "")
	e := &aduan.LibraryEntry{Title: "Syarat membuat KTP-el", Questions: []string{"bikin ktp syaratnya apa"},
		Answer: "Bawa fotokopi KK ke kantor kelurahan.", Active: true}
	if err := m.Store.Library().CreateLibraryEntry(ctx, dewi.Actor(), e); err != nil {
		t.Fatal(err)
	}
	ko := newSession(t, root, "http://"+m.Addr(), "koordinator", 1366, 768, "dewi", "kata-sandi-uji-123")
	ko.go_("/pustaka")
	ko.waitText(`main`, e.Title)
	ko.run(chromedp.Click(`a[href="/pustaka/` + fmt.Sprint(e.ID) + `"]`))
	ko.run(chromedp.WaitVisible(`#edit-entry`), chromedp.Click(`#edit-entry`), chromedp.WaitVisible(`textarea[name=answer]`))
	ko.clear(`textarea[name=answer]`)
	ko.run(chromedp.SendKeys(`textarea[name=answer]`, "Bawa KK asli ke Disdukcapil atau kecamatan; gratis."),
		chromedp.SendKeys(`input[name=source_url]`, "https://disdukcapil.depok.go.id/ktp"),
		chromedp.Click(`.lib-form button[type=submit]`))
	ko.waitText(".flash", i18n.T(i18n.ID, "web.ok.lib_saved"))
	ko.waitText(`#history`, "Versi 2")
	ko.waitText(`#history`, "Dewi Koordinator")
	ko.waitText(`#history .diff`, "Bawa fotokopi KK ke kantor kelurahan.")
	ko.waitText(`#history .diff`, "Bawa KK asli ke Disdukcapil atau kecamatan; gratis.")
	ko.waitText(`#history .diff`, "https://disdukcapil.depok.go.id/ktp")
	ko.shot("library-history")
}

// pick chooses an option of a select as the operator does: the value set
// and the change event that htmx and app.js listen to (chromedp.SetValue
// alone sends none).
func (s *session) pick(sel, value string) {
	s.t.Helper()
	s.poll(fmt.Sprintf(`(function(){var e=document.querySelector(%q);if(!e){return false}e.value=%q;`+
		`e.dispatchEvent(new Event("change",{bubbles:true}));return e.value===%q})()`, sel, value, value))
}

// panelSettled waits until the desk's suggestion panel answers the text
// and kelurahan in the form (the server names them on the panel) and no
// request for another is on its way; before that htmx may replace the
// panel under a reader. Only the text's request answers the final text
// first; once it has, no delayed one is left to come.
func (s *session) panelSettled() {
	s.t.Helper()
	s.poll(`(function(){var p=document.getElementById("panel"),t=document.getElementById("f-text"),k=document.querySelector("#intake select[name=kelurahan]");` +
		`return !!p && !!t && !!k && p.getAttribute("data-text")===t.value && p.getAttribute("data-kelurahan")===k.value && !document.querySelector("#intake .htmx-request")})()`)
}

// textNow reads an element's text in one evaluation, without holding a
// node between calls that a redraw could take away; it fails if the
// element is not there or not shown.
func (s *session) textNow(sel string) string {
	s.t.Helper()
	got := get(s, chromedp.Evaluate[string](fmt.Sprintf(`(function(){var e=document.querySelector(%q);return e&&e.getClientRects().length?"+"+e.innerText:""})()`, sel)))
	if got == "" {
		s.fail(fmt.Errorf("no visible %s", sel))
	}
	return got[1:]
}
