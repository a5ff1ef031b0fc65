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

// TestBrowserAgencyOnAPhone: the agency operator on a 360×740 phone reads
// the complaint first, acknowledges it with one tap on the sticky action
// bar (Terima · Jawab · Kembalikan), calls the citizen through a tel: link,
// and no page is wider than the screen.
func TestBrowserAgencyOnAPhone(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	m.Store.Now = time.Now
	base := "http://" + m.Addr()
	ctx := context.Background()
	siti := mkUser(t, m, "siti", "Siti Operator", aduan.RoleOperatorCC, "")
	mkUser(t, m, "rina", "Rina DPUPR", aduan.RoleOperatorPD, "DPUPR")
	c, err := m.Store.Complaints().CreateComplaint(ctx, siti.Actor(), aduan.NewComplaint{
		Text:          "Jalan berlubang besar di depan SDN Sukmajaya 3, sudah dua motor jatuh minggu ini; mohon segera ditambal sebelum musim hujan.",
		KelurahanCode: "32.76.01.1007", Address: "Jl. Nusantara Raya No. 123, depan SDN Sukmajaya 3", CategoryID: deskCategory(t, m, "SAMPAH"),
		Citizen: &aduan.CitizenInput{Name: "Budi Hartono", Phone: "081277771234", Address: "Jl. Nusantara Gg. Melati 4"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := m.Store.Complaints().ApplyAction(ctx, siti.Actor(), c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: agencyID(t, m, "DPUPR")}); err != nil {
		t.Fatal(err)
	}

	pd := newSession(t, root, base, "agency", 360, 740, "rina", "kata-sandi-uji-123")
	fits := func(page string) {
		t.Helper()
		if w := get(pd, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
			wide := get(pd, chromedp.Evaluate[string](`Array.from(document.querySelectorAll("body *")).filter(e => e.getBoundingClientRect().right > 360.5).slice(0, 5).map(e => e.tagName + "." + e.className + " " + Math.round(e.getBoundingClientRect().right)).join(", ")`))
			t.Errorf("%s is %d px wide on a 360-px screen: %s", page, w, wide)
		}
	}
	pd.go_("/pd")
	pd.waitText(`.inbox`, c.Number)
	fits("the inbox")
	h1, h2 := get(pd, chromedp.Evaluate[float64](`parseFloat(getComputedStyle(document.querySelector("main h1")).fontSize)`)),
		get(pd, chromedp.Evaluate[float64](`parseFloat(getComputedStyle(document.querySelector("main h2")).fontSize)`))
	if h2 >= h1 {
		t.Errorf("the inbox's h2 (%.1f px) is not smaller than its h1 (%.1f px)", h2, h1)
	}
	pd.run(chromedp.Click(`a.inbox-card`), chromedp.WaitVisible(`.head h1`))
	fits("the complaint")
	// Content first: the complaint's text is above the actions.
	if above := get(pd, chromedp.Evaluate[bool](`document.querySelector("p.text").getBoundingClientRect().top < document.querySelector("#actions").getBoundingClientRect().top`)); !above {
		t.Error("on a phone the actions come before the complaint's text")
	}
	// The citizen's number is a link that calls.
	if href := get(pd, chromedp.Evaluate[string](`(document.querySelector(".citizen a[href^='tel:']") || {}).href || ""`)); href != "tel:+6281277771234" {
		t.Errorf("citizen's phone link: %q", href)
	}
	// The bar is on screen before scrolling, with its three actions.
	bar := pd.text(`.actbar`)
	for _, want := range []string{"Terima", "Kembalikan"} {
		if !strings.Contains(bar, want) {
			t.Errorf("action bar %q lacks %q", bar, want)
		}
	}
	if in := get(pd, chromedp.Evaluate[bool](`(function(){var r=document.querySelector(".actbar").getBoundingClientRect();return r.bottom<=innerHeight+1 && r.top>=0})()`)); !in {
		t.Error("the action bar is not on the screen")
	}
	pd.shot("agency-complaint-360")
	// One tap: acknowledged.
	pd.run(chromedp.Click(`#bar-acknowledge`))
	pd.waitText(".flash", i18n.T(i18n.ID, "web.ok.done.acknowledge"))
	if st := pd.status(); st != "Diterima PD" {
		t.Fatalf("after one tap: %q", st)
	}
	fits("the complaint after acknowledging")
	// Jawab opens the answer form with the cursor in it.
	pd.run(chromedp.Click(`#bar-agency_answer`))
	pd.poll(`document.activeElement && document.activeElement.matches("#act-agency_answer textarea")`)
	fits("the answer form")
	pd.shot("agency-answer-form-360")
	for _, p := range []string{"/account", "/notifications", fmt.Sprintf("/complaints/%d", c.ID)} {
		pd.go_(p)
		fits(p)
	}
}
