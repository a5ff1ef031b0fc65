package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/store"
)

// TestBrowserFailedAgencyNotification: in Chromium, an operator forwards a
// complaint to an agency whose notification can reach nobody (its one
// operator has no mobile, it has no WhatsApp or e-mail): the complaint's
// header says so at once, above the fold, naming the agency with its
// office line and a retry button naming it; the koordinator's bell shows
// one unread notice, whose page names the complaint and opens it, with the
// same header.
func TestBrowserFailedAgencyNotification(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	m.Store.Now = time.Now
	base := "http://" + m.Addr()
	siti := mkUser(t, m, "siti", "Siti Operator", aduan.RoleOperatorCC, "")
	mkUser(t, m, "dewi", "Dewi Koordinator", aduan.RoleKoordinatorCC, "")
	mkUser(t, m, "andi", "Andi Dishub", aduan.RoleOperatorPD, "DISHUB")
	c, err := m.Store.Complaints().CreateComplaint(context.Background(), siti.Actor(), aduan.NewComplaint{Text: "Lampu lalu lintas mati di simpang Jl. Juanda.",
		Citizen: &aduan.CitizenInput{Name: "Budi", Phone: "081277771234", Address: "Jl. Juanda 3"}})
	if err != nil {
		t.Fatal(err)
	}
	path := fmt.Sprintf("/complaints/%d", c.ID)

	op := newSession(t, root, base, "operator", 1366, 768, "siti", "kata-sandi-uji-123")
	op.go_(path)
	if n := op.count(".notify-failed"); n != 0 {
		t.Fatalf("a banner before the forward: %d", n)
	}
	dishub := strconv.FormatInt(agencyID(t, m, "DISHUB"), 10)
	op.act("forward", chromedp.SetValue(`#act-forward select[name=agency_id]`, dishub))
	op.waitText(".notify-failed", "Pemberitahuan penerusan ke Dinas Perhubungan gagal terkirim")
	// In the header, above the page's columns, and on screen unscrolled.
	head := get(op, chromedp.Evaluate[string](`(function(){
		var b=document.querySelector(".notify-failed"), cols=document.querySelector(".cols");
		var r=b.getBoundingClientRect();
		return [!!(b.compareDocumentPosition(cols)&Node.DOCUMENT_POSITION_FOLLOWING), r.top>=0 && r.bottom<=innerHeight, scrollY].join(",")})()`))
	if head != "true,true,0" {
		t.Errorf("banner placement (before the columns, in view, scroll): %s", head)
	}
	banner := op.text(".notify-failed")
	for _, want := range []string{"PD belum tahu", "Kirim ulang ke Dinas Perhubungan"} {
		if !strings.Contains(banner, want) {
			t.Errorf("banner lacks %q: %q", want, banner)
		}
	}
	if op.count(`.notify-failed a[href^="tel:"]`) != 1 {
		t.Error("no tel: link to the agency's office line")
	}

	ko := newSession(t, root, base, "coordinator", 1366, 768, "dewi", "kata-sandi-uji-123")
	ko.go_("/queue")
	if got := strings.TrimSpace(ko.text("header #unread")); got != "1" {
		t.Errorf("the koordinator's bell: %q", got)
	}
	ko.run(chromedp.Click(`header a.bell`))
	ko.waitText("main", "Penerusan tidak sampai")
	if txt := ko.text("main"); !strings.Contains(txt, c.Number+" diteruskan, tetapi pemberitahuan ke PD gagal terkirim") {
		t.Errorf("the notice: %q", txt)
	}
	ko.run(chromedp.Click(`main form.rowform input[name=open] + button`))
	ko.waitText(".notify-failed", "Pemberitahuan penerusan ke Dinas Perhubungan gagal terkirim")
	if !strings.HasSuffix(ko.location(), path) {
		t.Errorf("the notice opened %s", ko.location())
	}
	ko.shot("failed-agency-notification")
}
