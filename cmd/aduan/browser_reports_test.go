package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"
	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

// TestBrowserReports: the operator submits her daily report; another
// operator cannot open it; the coordinator sees it on time, builds the
// monthly report and submits it; only the section head sees Paraf; she
// returns it with a comment; the coordinator revises and resubmits; she
// initials it; the page shows the paraf block, and the downloaded PDF
// verifies on the public /verify page while a wrong code does not.
func TestBrowserReports(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	// The day is the last of last month, 21.00 WIB, until the monthly
	// report is handed over after midnight: only a period that has ended
	// can be submitted and initialled.
	if err := m.Store.RefData().SetSettings(context.Background(), aduan.System, map[string]string{"public_base_url": "https://aduan.depok.go.id"}); err != nil {
		t.Fatal(err)
	}
	var shift atomic.Int64
	m.Store.Now = func() time.Time { return time.Now().Add(time.Duration(shift.Load())) }
	now := time.Now().In(aduan.WIB)
	eve := time.Date(now.Year(), now.Month(), 1, 21, 0, 0, 0, aduan.WIB).AddDate(0, 0, -1)
	shift.Store(int64(eve.Sub(now)))
	base := "http://" + m.Addr()
	siti := mkUser(t, m, "siti", "Siti Operator", aduan.RoleOperatorCC, "")
	mkUser(t, m, "budi", "Budi Operator", aduan.RoleOperatorCC, "")
	mkUser(t, m, "dewi", "Dewi Koordinator", aduan.RoleKoordinatorCC, "")
	mkUser(t, m, "kasi", "Kartika Kasi", aduan.RoleKasiKabid, "")
	ok := func(key string) string { return i18n.T(i18n.ID, key) }
	// Siti's work of the day: two complaints recorded.
	var numbers []string
	for _, text := range []string{"Lampu PJU di Jl. Nusantara mati tiga malam.", "Sampah belum diangkut empat hari di TPS Pasar Cisalak."} {
		c, err := m.Store.Complaints().CreateComplaint(context.Background(), siti.Actor(), aduan.NewComplaint{Text: text,
			Citizen: &aduan.CitizenInput{Name: "Budi Hartono", Phone: "081277771234", Address: "Jl. Sawangan 12"}})
		if err != nil {
			t.Fatal(err)
		}
		numbers = append(numbers, c.Number)
	}

	// The operator's daily report.
	op := newSession(t, root, base, "operator", 1366, 900, "siti", "kata-sandi-uji-123")
	if op.count(`header nav .nav-wide a[href="/reports"]`) != 1 {
		t.Error("operator has no Laporan link")
	}
	op.go_("/reports")
	op.run(chromedp.WaitVisible(`.daily-report`))
	if !strings.HasSuffix(op.location(), "/reports/daily") {
		t.Errorf("operator's /reports went to %s", op.location())
	}
	op.waitText(`.daily-figures`, ok("rep.daily.recorded"))
	if got := op.text(`.daily-figures [data-fig=recorded]`); got != "2" {
		t.Errorf("daily report: recorded %q, want 2", got)
	}
	op.waitText(`main`, numbers[1])
	op.run(chromedp.SendKeys(`textarea[name=narrative]`, "Shift pagi lancar; satu penelepon minta ditelepon balik."))
	op.shot("7-daily-report")
	op.run(chromedp.Click(`#daily-submit`))
	op.waitText(".flash", ok("web.ok.rep_submitted"))
	op.waitText(`.past-daily`, ok("rep.status.submitted"))
	op.waitText(`.past-daily`, ok("rep.daily_state.on_time"))
	dailyHref := get(op, chromedp.Evaluate[string](`document.querySelector(".past-daily td a").getAttribute("href")`))
	op.go_(dailyHref)
	op.waitText(`.report .narrative`, "Shift pagi lancar")
	if op.count(`#dl-pdf`) != 1 {
		t.Error("a submitted daily report offers no PDF")
	}

	// Another operator may not open it.
	other := newSession(t, root, base, "other-operator", 1366, 900, "budi", "kata-sandi-uji-123")
	other.go_(dailyHref)
	if other.count(`.report`) != 0 || strings.Contains(other.text("main"), "Shift pagi") {
		t.Error("another operator opened Siti's daily report")
	}

	// The coordinator: the status table, then the monthly report.
	co := newSession(t, root, base, "coordinator", 1366, 900, "dewi", "kata-sandi-uji-123")
	co.go_("/reports")
	co.waitText(`.daily-status`, "Siti Operator")
	co.waitText(`.daily-status`, ok("rep.daily_state.on_time"))
	co.run(chromedp.Click(`#new-monthly`), chromedp.WaitVisible(`#preview`))
	// The form offers the last complete month; this report is of the
	// month ending tonight.
	co.run(chromedp.SetValue(`input[name=month]`, eve.Format("2006-01")))
	co.run(chromedp.Click(`#preview`))
	co.poll(`document.querySelectorAll("svg.chart").length > 0`)
	co.waitText(`.provisional-note`, "sementara")
	if got := co.text(`[data-fig=total]`); got != "2" {
		t.Errorf("monthly preview: total %q, want 2", got)
	}
	co.run(chromedp.SendKeys(`textarea[name=narrative]`, "Volume bulan ini rendah; kepatuhan baik."))
	co.shot("7-monthly-new")
	co.run(chromedp.Click(`#create-monthly`))
	co.waitText(".flash", ok("web.ok.rep_created"))
	reportURL := strings.SplitN(co.location(), "?", 2)[0]
	reportPath := strings.TrimPrefix(reportURL, base)
	co.waitText(`.report h1`, ok("rep.provisional"))
	shift.Add(int64(4 * time.Hour)) // the month has ended
	co.go_(reportPath)
	if co.count(`.report h1 .provisional`) != 0 {
		t.Error("an ended month is still marked provisional")
	}
	co.run(chromedp.Click(`#rep-submit`))
	co.waitText(".flash", ok("web.ok.rep_submitted"))
	co.waitText(`.report h1 .status`, ok("rep.status.submitted"))
	if co.count(`#rep-paraf`) != 0 || co.count(`#rep-return`) != 0 {
		t.Error("the coordinator is offered Paraf or Return")
	}

	// The report's complaints: the export link shows its progress bar,
	// which fills up, and the file arrives in the downloads.
	downloads := t.TempDir()
	allowDownloads(co, downloads)
	co.run(chromedp.Click(`#rep-export-csv`), chromedp.WaitVisible(`#export-progress progress`))
	co.waitText(`#export-progress .export-status`, "Selesai: 2 baris")
	if v := get(co, chromedp.Evaluate[float64](`document.querySelector("#export-progress progress").value`)); v != 100 {
		t.Errorf("export bar at %v when done", v)
	}
	co.shot("7-export-progress")
	if got := string(downloaded(t, downloads, ".csv")); !strings.Contains(got, numbers[0]) || !strings.Contains(got, numbers[1]) {
		t.Errorf("the report's CSV lacks its complaints:\n%s", got)
	}

	// The queue exports what it lists, with its filters: by its XLSX
	// button, and (read here) its CSV.
	co.go_("/queue?status=all&q=" + "Cisalak")
	co.run(chromedp.Click(`#export-xlsx`), chromedp.WaitVisible(`#export-progress progress`))
	co.waitText(`#export-progress .export-status`, "Selesai: 1 baris")
	if x := downloaded(t, downloads, ".xlsx"); !bytes.HasPrefix(x, []byte("PK")) {
		t.Errorf("the queue's XLSX is not a workbook: %.20q", x)
	}
	co.run(chromedp.WaitVisible(`#export-csv`))
	get(co, chromedp.Evaluate[bool](`window.__csv = null; fetch(document.querySelector("#export-csv").href).then(r => r.text()).then(t => { window.__csv = t; }); true`))
	co.poll(`typeof window.__csv === "string"`)
	csv := get(co, chromedp.Evaluate[string](`window.__csv`))
	if !strings.Contains(csv, numbers[1]) || strings.Contains(csv, numbers[0]) {
		t.Errorf("queue CSV export ignores the filter or lacks the row:\n%s", csv)
	}
	if !strings.HasPrefix(strings.TrimPrefix(csv, "\ufeff"), ok("rep.col.number")) {
		t.Errorf("queue CSV export is not in the console's language:\n%.200s", csv)
	}

	// The section head returns it; an empty comment is refused.
	ka := newSession(t, root, base, "section-head", 1366, 900, "kasi", "kata-sandi-uji-123")
	if ka.count(`header nav .nav-wide a[href="/reports"]`) != 1 {
		t.Error("section head has no Laporan link")
	}
	ka.go_("/reports")
	ka.waitText(`.monthly-list`, ok("rep.status.submitted"))
	ka.go_(reportPath)
	ka.run(chromedp.WaitVisible(`#rep-paraf`))
	ka.shot("7-monthly-report")
	ka.run(chromedp.Click(`#rep-return`))
	ka.run(chromedp.WaitVisible(`#form-return .field-error`))
	ka.run(chromedp.SendKeys(`#form-return textarea[name=comment]`, "Tambahkan uraian tentang Perangkat Daerah yang lambat."))
	ka.run(chromedp.Click(`#rep-return`))
	ka.waitText(".flash", ok("web.ok.rep_return"))
	ka.waitText(`.versions .review-comment`, "Perangkat Daerah yang lambat")

	// The coordinator revises and resubmits.
	co.go_(reportPath)
	co.waitText(`.versions .review-comment`, "Perangkat Daerah yang lambat")
	co.run(chromedp.SendKeys(`textarea[name=narrative]`, "Dinas yang lambat sudah dihubungi. "))
	co.run(chromedp.Click(`#rep-submit`))
	co.waitText(".flash", ok("web.ok.rep_submitted"))

	// The section head initials it.
	ka.go_(reportPath)
	ka.waitText(`.report .narrative`, "Dinas yang lambat sudah dihubungi")
	ka.run(chromedp.Click(`#paraf-confirm`), chromedp.Click(`#rep-paraf`))
	ka.waitText(".flash", ok("web.ok.rep_paraf"))
	ka.waitText(`#paraf .paraf-name`, "Kartika Kasi")
	hash := strings.TrimSpace(ka.text(`#paraf .hash`))
	if len(hash) != 64 {
		t.Fatalf("paraf hash %q", hash)
	}
	if ka.count(`#rep-paraf`) != 0 || ka.count(`#rep-return`) != 0 || ka.count(`.edit-report`) != 0 {
		t.Error("a final report still offers changes")
	}
	ka.shot("7-monthly-final")

	// The downloaded PDF verifies on the public page: fetched with the
	// section head's session, put into the form's file input, uploaded.
	ka.go_("/verify")
	get(ka, chromedp.Evaluate[bool](fmt.Sprintf(`window.__pdf = null; fetch(%q + "/files/pdf").then(r => r.blob()).then(b => {
		const dt = new DataTransfer(); dt.items.add(new File([b], "laporan.pdf", {type: "application/pdf"}));
		document.querySelector("#verify-file").files = dt.files; window.__pdf = b.size; }); true`, reportPath)))
	ka.poll(`window.__pdf > 1000`)
	ka.run(chromedp.Click(`#verify-upload`))
	ka.run(chromedp.WaitVisible(`.verify-result`))
	if ka.count(`.verify-result.match`) != 1 {
		t.Fatalf("the downloaded PDF does not verify: %s", ka.text(`main`))
	}
	ka.waitText(`.verify-result`, "Kartika Kasi")
	ka.shot("7-verify")

	// Anyone (no session) checks the code; a wrong one does not match.
	pub := newPublic(t, root, base)
	pub.go_("/verify?hash=" + hash)
	pub.run(chromedp.WaitVisible(`.verify-result.match`))
	wrong := strings.Repeat("0", 64)
	pub.go_("/verify")
	pub.run(chromedp.SendKeys(`#verify-hash`, wrong), chromedp.Click(`#verify-code`))
	pub.run(chromedp.WaitVisible(`.verify-result.nomatch`))
}

// allowDownloads lets the session's browser save downloads into dir.
func allowDownloads(s *session, dir string) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 10*time.Second)
	defer cancel()
	_, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dir, BrowserContextID: chromedp.FromContext(s.ctx).BrowserContextID})
	if err != nil {
		s.t.Fatalf("downloads: %v", err)
	}
}

// downloaded waits for a finished download ending in ext in dir and
// returns its content.
func downloaded(t *testing.T, dir, ext string) []byte {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), ext) {
				b, err := os.ReadFile(filepath.Join(dir, e.Name()))
				if err == nil && len(b) > 0 {
					return b
				}
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("no %s file downloaded into %s", ext, dir)
	return nil
}

// newPublic opens a browser context without logging in.
func newPublic(t *testing.T, root context.Context, base string) *session {
	t.Helper()
	ctx, cancel := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	s := &session{t: t, ctx: ctx, base: base, name: "public"}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open public: %v", err)
	}
	return s
}
