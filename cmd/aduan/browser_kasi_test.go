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

// forwarded records a complaint and forwards it to the agency, as the
// operator would.
func forwarded(t *testing.T, m *Main, op *aduan.User, agency, text string) *aduan.Complaint {
	t.Helper()
	ctx := context.Background()
	c, err := m.Store.CreateComplaint(ctx, op.Actor(), aduan.NewComplaint{Text: text, KelurahanCode: "32.76.01.1007",
		Citizen: &aduan.CitizenInput{Name: "Budi Hartono", Phone: "081277771234", Address: "Jl. Melati 4"}})
	if err != nil {
		t.Fatal(err)
	}
	c, _, err = m.Store.ApplyAction(ctx, op.Actor(), c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: agencyID(t, m, agency)})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestBrowserDashboardAgencyBars: the coordinator's dashboard puts the
// agency with the most late complaints on top, writes its name out in
// full with how many are open and late, and its bar leads to the queue of
// that agency; the late list is ordered by lateness; on a 360-px phone the
// menu takes one line.
func TestBrowserDashboardAgencyBars(t *testing.T) {
	root := chromium(t)
	m, clock := start(t, store.SQLite, false)
	op := mkUser(t, m, "siti", "Siti Operator", aduan.RoleOperatorCC, "")
	mkUser(t, m, "koor", "Kiki Koordinator", aduan.RoleKoordinatorCC, "")
	mkUser(t, m, "damkar", "Dedi Damkar", aduan.RoleOperatorPD, "DISDAMKAR")
	mkUser(t, m, "rina", "Rina DPUPR", aduan.RoleOperatorPD, "DPUPR")
	// Two fire-service complaints forwarded four and three weeks ago (late),
	// one for public works today (not late): DPUPR has more open, but
	// DISDAMKAR has the late ones.
	oldest := forwarded(t, m, op, "DISDAMKAR", "Sarang tawon besar di atap rumah warga, anak-anak takut keluar rumah.")
	clock.Add(7 * 24 * time.Hour)
	older := forwarded(t, m, op, "DISDAMKAR", "Pohon tumbang menutup jalan lingkungan sejak pagi, belum ada petugas datang.")
	clock.Add(21 * 24 * time.Hour)
	for i := range 3 {
		forwarded(t, m, op, "DPUPR", fmt.Sprintf("Jalan berlubang di gang %d, motor sering jatuh di malam hari.", i+1))
	}
	base := "http://" + m.Addr()
	ko := newSession(t, root, base, "koordinator", 1366, 900, "koor", "kata-sandi-uji-123")
	ko.go_("/dashboard")
	first := get(ko, chromedp.Evaluate[string](`(function(){var a=document.querySelector("#by-agency ul.barlist a");return a?a.innerText+"|"+a.getAttribute("href"):""})()`))
	name, href, _ := strings.Cut(first, "|")
	if !strings.Contains(name, "Dinas Pemadam Kebakaran dan Penyelamatan") || !strings.Contains(name, "2 terbuka · 2 terlambat") {
		t.Errorf("first agency bar %q: want the fire service in full, 2 open and 2 late", name)
	}
	if want := fmt.Sprintf("/queue?status=open&agency=%d", agencyID(t, m, "DISDAMKAR")); href != want {
		t.Errorf("first agency bar leads to %q, want %q", href, want)
	}
	second := ko.text(`#by-agency ul.barlist li:nth-child(2)`)
	if !strings.Contains(second, "Dinas Pekerjaan Umum dan Penataan Ruang") || !strings.Contains(second, "3 terbuka · 0 terlambat") {
		t.Errorf("second agency bar %q", second)
	}
	// The late list: the longest late first.
	rows := get(ko, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#overdue tbody tr td:first-child")).map(e => e.innerText)`))
	if len(rows) != 2 || rows[0] != oldest.Number || rows[1] != older.Number {
		t.Errorf("late list %v, want %s then %s", rows, oldest.Number, older.Number)
	}
	ko.shot("dashboard-agency-bars")
	ko.run(chromedp.Click(`#by-agency ul.barlist a`))
	ko.poll(`location.pathname == "/queue"`)
	ko.waitText("main", oldest.Number)
	if q := ko.text("main"); strings.Contains(q, "gang 1") {
		t.Error("the fire service's queue lists a public-works complaint")
	}

	phone := newSession(t, root, base, "koordinator-phone", 360, 740, "koor", "kata-sandi-uji-123")
	phone.go_("/dashboard")
	if h := get(phone, chromedp.Evaluate[float64](`document.querySelector("header nav").getBoundingClientRect().height`)); h > 60 {
		t.Errorf("the menu takes %.0f px at 360 px", h)
	}
	phone.run(chromedp.Click(`details.nav-narrow summary`))
	phone.poll(`document.querySelector("details.nav-narrow .nav-links a[href='/queue']").getBoundingClientRect().height > 0`)
	if w := get(phone, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
		t.Errorf("the dashboard is %d px wide on a 360-px screen", w)
	}
	phone.shot("dashboard-360")
}
