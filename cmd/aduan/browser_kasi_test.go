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
	c, err := m.Store.Complaints().CreateComplaint(ctx, op.Actor(), aduan.NewComplaint{Text: text, KelurahanCode: "32.76.01.1007", CategoryID: deskCategory(t, m, "SAMPAH"),
		Citizen: &aduan.CitizenInput{Name: "Budi Hartono", Phone: "081277771234", Address: "Jl. Melati 4"}})
	if err != nil {
		t.Fatal(err)
	}
	c, _, err = m.Store.Complaints().ApplyAction(ctx, op.Actor(), c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: agencyID(t, m, agency)})
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
	t.Parallel()
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

// TestBrowserKasiParafWithConfirmation: the coordinator's new monthly
// report is of the last complete month by default; once it is submitted
// the Kasi's bell rings and the home page says "Menunggu paraf Anda"; the
// decision comes after the figures, and the paraf is taken only with the
// box that names the period and says it cannot be undone.
func TestBrowserKasiParafWithConfirmation(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, clock := start(t, store.SQLite, false)
	if err := m.Store.RefData().SetSettings(context.Background(), aduan.System, map[string]string{"public_base_url": "https://aduan.depok.go.id"}); err != nil {
		t.Fatal(err)
	}
	op := mkUser(t, m, "siti", "Siti Operator", aduan.RoleOperatorCC, "")
	mkUser(t, m, "dewi", "Dewi Koordinator", aduan.RoleKoordinatorCC, "")
	mkUser(t, m, "kasi", "Kartika Kasi", aduan.RoleKasiKabid, "")
	mkUser(t, m, "rina", "Rina DPUPR", aduan.RoleOperatorPD, "DPUPR")
	// A complaint of last month, so the report has a figure.
	now := clock.Now().In(aduan.WIB)
	clock.Add(-time.Duration(now.Day()+3) * 24 * time.Hour)
	forwarded(t, m, op, "DPUPR", "Jalan berlubang di depan pasar, motor sering jatuh di malam hari.")
	clock.Add(time.Duration(now.Day()+3) * 24 * time.Hour)
	lastMonth := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, aduan.WIB).AddDate(0, -1, 0)
	base := "http://" + m.Addr()

	co := newSession(t, root, base, "coordinator", 1366, 900, "dewi", "kata-sandi-uji-123")
	co.go_("/reports/monthly/new")
	if got := co.value(`input[name=month]`); got != lastMonth.Format("2006-01") {
		t.Errorf("a new report's month is %q, want the last complete month %s", got, lastMonth.Format("2006-01"))
	}
	co.run(chromedp.Click(`#create-monthly`))
	co.run(chromedp.WaitVisible(`#rep-submit`))
	reportPath := strings.TrimPrefix(strings.SplitN(co.location(), "?", 2)[0], base)
	title := strings.TrimSpace(get(co, chromedp.Evaluate[string](`document.querySelector(".report h1").firstChild.textContent`)))
	co.run(chromedp.Click(`#rep-submit`))
	co.waitText(".flash", "Laporan diajukan")

	ka := newSession(t, root, base, "kasi", 1366, 900, "kasi", "kata-sandi-uji-123")
	ka.go_("/")
	ka.waitText(`#await-paraf`, "Menunggu paraf Anda")
	ka.waitText(`#await-paraf`, title)
	if n := ka.text(`#unread`); n != "1" {
		t.Errorf("the Kasi's bell shows %q, want 1", n)
	}
	ka.go_("/notifications")
	ka.waitText(`.notes`, title+" menunggu paraf Anda")
	ka.run(chromedp.Click(`.notes button[data-report]`))
	ka.poll(fmt.Sprintf(`location.pathname == %q`, reportPath))
	// The address changes before the report's page has loaded (seen under
	// load): wait for its decision bar before measuring it.
	ka.run(chromedp.WaitVisible(`#decision`))
	// The decision is below the figures.
	if below := get(ka, chromedp.Evaluate[bool](`(function(){var f=document.querySelectorAll(".report svg.chart, .report table");var last=f[f.length-1];return !!last && document.querySelector("#decision").getBoundingClientRect().top > last.getBoundingClientRect().bottom})()`)); !below {
		t.Error("the paraf is not after the report's figures")
	}
	confirm := ka.text(`#form-paraf label.confirm`)
	if !strings.Contains(confirm, title) || !strings.Contains(confirm, "tidak dapat dibatalkan") {
		t.Errorf("the confirmation %q does not name %q or say it cannot be undone", confirm, title)
	}
	// Without the box (the browser holds the form; past it, the server).
	ka.run(chromedp.Click(`#rep-paraf`))
	if ka.count(`#paraf`) != 0 {
		t.Fatal("the paraf was taken without the confirmation")
	}
	get(ka, chromedp.Evaluate[bool](`document.querySelector("#paraf-confirm").required = false; true`))
	ka.run(chromedp.Click(`#rep-paraf`))
	ka.waitText(`#form-paraf .field-error`, "tidak dapat dibatalkan")
	ka.shot("kasi-paraf-confirm")
	ka.run(chromedp.Click(`#paraf-confirm`), chromedp.Click(`#rep-paraf`))
	ka.waitText(`#paraf .paraf-name`, "Kartika Kasi")
	ka.go_("/")
	if ka.count(`#await-paraf`) != 0 || ka.count(`#unread`) != 0 {
		t.Error("after the paraf the home page or the bell still asks for it")
	}
}

// TestBrowserLaporKeepsPhoto: a citizen on a phone sends the form with a
// photo but without a phone number or consent: the top of the page lists
// both, each a link to its field; the photo is kept ("Foto tersimpan")
// and arrives with the complaint when the form, corrected at once, is
// sent again without choosing it anew (not "too fast": the time counts
// from the form's first showing). No coordinates are typed anywhere; the
// confirmation says by when an answer is due and offers to copy the
// number.
func TestBrowserLaporKeepsPhoto(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	m.Store.Now = time.Now
	base := "http://" + m.Addr()
	c := newPublicSession(t, root, base, "citizen", 360, 740)
	c.go_("/lapor")
	c.run(chromedp.WaitVisible(`#report`))
	if n := c.count(`#report input[name=lat]:not([type=hidden]), #report input[name=lng]:not([type=hidden])`); n != 0 {
		t.Errorf("the form asks for coordinates in %d fields", n)
	}
	c.run(
		chromedp.SendKeys(`#p-text`, "Lampu jalan mati sepanjang gang, gelap sekali di malam hari."),
		chromedp.SetValue(`#p-kelurahan`, "32.76.05.1001"),
		chromedp.SetUploadFiles(`#p-photo`, []string{photo(t)}),
	)
	time.Sleep(4500 * time.Millisecond) // a person's time on the form
	c.run(chromedp.Click(`#report button[type=submit]`), chromedp.WaitVisible(`#error-summary`))
	links := get(c, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("#error-summary a")).map(a => a.getAttribute("href"))`))
	if strings.Join(links, " ") != "#p-phone #p-consent" {
		t.Errorf("error summary links %v, want the phone then the consent", links)
	}
	if top := get(c, chromedp.Evaluate[float64](`document.querySelector("#error-summary").getBoundingClientRect().top - document.querySelector("#report").getBoundingClientRect().top`)); top > 0 {
		t.Error("the error summary is not above the form")
	}
	c.run(chromedp.Click(`#error-summary a[href="#p-phone"]`))
	c.poll(`location.hash == "#p-phone"`)
	c.waitText(`#photo-kept`, "Foto tersimpan: lubang.jpg")
	c.shot("lapor-photo-kept-360")
	// Corrected at once and sent again: no new photo chosen.
	c.run(
		chromedp.SendKeys(`#p-phone`, "0812-4444-5566"),
		chromedp.Click(`#p-consent`),
		chromedp.Click(`#report button[type=submit]`),
		chromedp.WaitVisible(`#number`),
	)
	number := strings.TrimSpace(c.text(`#number`))
	cmp, err := m.Store.Complaints().ComplaintByNumber(context.Background(), aduan.System, number)
	if err != nil {
		t.Fatalf("complaint %q: %v", number, err)
	}
	if files, err := m.Store.Attachments().Attachments(context.Background(), aduan.System, cmp.ID); err != nil || len(files) != 1 || files[0].ContentType != "image/jpeg" {
		t.Errorf("the kept photo did not arrive: %+v %v", files, err)
	}
	if by := c.text(`#answer-by`); !strings.Contains(by, "paling lambat") || !strings.Contains(by, fmt.Sprint(time.Now().Year())) && !strings.Contains(by, fmt.Sprint(time.Now().Year()+1)) {
		t.Errorf("the confirmation's answer date: %q", by)
	}
	if c.count(`#copy-number:not([hidden])`) != 1 {
		t.Error("no button to copy the number")
	}
	c.shot("lapor-sent-360")
}

// TestBrowserLacakNumberForms: the tracking page takes the number as
// people type it (no dashes in lower case, spaced with the zeros left
// out, the bare sequence of this year) and shows the result on a phone's
// screen, not below it.
func TestBrowserLacakNumberForms(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	m.Store.Now = time.Now
	base := "http://" + m.Addr()
	op := mkUser(t, m, "siti", "Siti Operator", aduan.RoleOperatorCC, "")
	cmp, err := m.Store.Complaints().CreateComplaint(context.Background(), op.Actor(), aduan.NewComplaint{Text: "Saluran air tersumbat di depan pasar.",
		Citizen: &aduan.CitizenInput{Name: "Budi Hartono", Phone: "081277771234", Address: "Jl. Melati 4"}})
	if err != nil {
		t.Fatal(err)
	}
	year, seq, _ := aduan.ParseNumber(cmp.Number)
	c := newPublicSession(t, root, base, "citizen", 360, 740)
	for _, typed := range []string{fmt.Sprintf("adu%d%06d", year, seq), fmt.Sprintf("ADU %d %d", year, seq), fmt.Sprint(seq)} {
		c.go_("/lacak")
		c.run(chromedp.SendKeys(`input[name=nomor]`, typed), chromedp.SendKeys(`input[name=hp4]`, "1234"), chromedp.Click(`#track button[type=submit]`))
		c.waitText(`#result`, cmp.Number)
		if on := get(c, chromedp.Evaluate[bool](`(function(){var r=document.querySelector("#result").getBoundingClientRect();return r.top >= -1 && r.top < innerHeight/2})()`)); !on {
			t.Errorf("typed %q: the result is not on the phone's screen", typed)
		}
	}
	c.shot("lacak-result-360")
}
