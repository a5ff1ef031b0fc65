package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/store"
)

// pdfText prints the session's page to PDF as a browser's Print does and
// returns the PDF's text (pdftotext).
func (s *session) pdfText(name string) string {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 30*time.Second)
	defer cancel()
	buf, err := chromedp.Run(ctx, func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		res, err := cdp.Call(ctx, t, page.PrintToPDF, page.PrintToPDFParams{})
		return res.Data, err
	})
	if err != nil {
		s.t.Fatalf("print %s: %v", name, err)
	}
	dir := os.Getenv("ADUAN_SCREENSHOTS")
	if dir == "" {
		dir = s.t.TempDir()
	}
	path := filepath.Join(dir, name+".pdf")
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		s.t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
	if err != nil {
		s.t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// TestBrowserPrivacyPages: the coordinator records an access request for
// a caller in the browser; the list counts down to its
// deadline; the subject's copy prints as a document with their complaints
// and without the console's menu or buttons; the processing record prints
// likewise.
func TestBrowserPrivacyPages(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("poppler-utils not installed")
	}
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	m.Store.Now = time.Now
	base := "http://" + m.Addr()
	op := mkUser(t, m, "siti", "Siti Rahma", aduan.RoleOperatorCC, "").Actor()
	mkUser(t, m, "dewi", "Dewi Lestari", aduan.RoleKoordinatorCC, "")
	ctx := context.Background()
	phone := "0812-7788-9900"
	var number string
	for _, text := range []string{"Jalan berlubang di depan SDN Abadijaya, kata Pak Joko Susilo.", "Lampu PJU mati di Jl. Nusantara."} {
		c, err := m.Store.Complaints().CreateComplaint(ctx, op, aduan.NewComplaint{Text: text, KelurahanCode: "32.76.05.1001",
			Citizen: &aduan.CitizenInput{Name: "Joko Susilo", Phone: phone, Address: "Jl. Melati 4"}})
		if err != nil {
			t.Fatal(err)
		}
		if number == "" {
			number = c.Number
		}
	}
	ko := newSession(t, root, base, "coordinator", 1366, 768, "dewi", "kata-sandi-uji-123")
	ko.go_("/privacy")
	ko.run(chromedp.WaitVisible(`select[name=kind]`),
		chromedp.SetValue(`select[name=kind]`, "access"),
		chromedp.SendKeys(`input[name=phone]`, phone),
		chromedp.SendKeys(`input[name=requester]`, "Yang bersangkutan"),
		chromedp.SendKeys(`input[name=via]`, "loket"),
		chromedp.Submit(`input[name=requester]`),
		chromedp.WaitVisible(`p.flash`),
	)
	if !strings.Contains(ko.text("main"), number) {
		t.Errorf("the request's page does not list %s", number)
	}
	ko.shot("privacy-request")
	ko.go_("/privacy/requests")
	ko.run(chromedp.WaitVisible(`time.due.ok`))
	if got := ko.text(`time.due`); !strings.Contains(got, "sisa 2 hari 23 jam") && !strings.Contains(got, "sisa 2 hari 22 jam") {
		t.Errorf("countdown %q, want about three days left", got)
	}
	ko.shot("privacy-requests")
	ko.go_("/privacy/requests/1/export.html")
	doc := ko.pdfText("privacy-export")
	flat := strings.Join(strings.Fields(doc), " ")
	if !strings.Contains(flat, "Data pribadi yang kami simpan tentang Anda") || !strings.Contains(flat, number) || !strings.Contains(flat, "Joko Susilo") {
		t.Errorf("the printed copy lacks the title or %s:\n%s", number, doc)
	}
	for _, chrome := range []string{"Keluar", "Meja", "Antrean", "Jalankan sekarang"} {
		if strings.Contains(doc, chrome) {
			t.Errorf("the printed copy shows the console's %q", chrome)
		}
	}
	ko.shot("privacy-export")
	ko.go_("/privacy/record")
	rec := ko.pdfText("privacy-record")
	flat = strings.Join(strings.Fields(rec), " ")
	if !strings.Contains(flat, "Catatan pemrosesan data pribadi") || !strings.Contains(flat, "Identitas pelapor") || strings.Contains(flat, "Keluar") || strings.Contains(flat, "Insiden") {
		t.Errorf("the printed record:\n%s", rec)
	}
	ko.shot("privacy-record")
	ko.go_("/privacy/breaches")
	ko.shot("privacy-breaches")
}
