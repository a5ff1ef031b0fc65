package main

import (
	"context"
	"image"
	"image/color"
	"image/jpeg"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/store"
)

// newPublicSession opens a browser context for a citizen: no log-in.
func newPublicSession(t *testing.T, root context.Context, base, name string, w, h int64) *session {
	t.Helper()
	ctx, cancel := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	s := &session{t: t, ctx: ctx, base: base, name: name}
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	var vopts []chromedp.EmulateViewportOption
	if w < 600 {
		vopts = append(vopts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	s.run(chromedp.EmulateViewport(w, h, vopts...))
	return s
}

// photo writes a small JPEG for the upload.
func photo(t *testing.T) string {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 320, 240))
	for y := 0; y < 240; y++ {
		for x := 0; x < 320; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	path := filepath.Join(t.TempDir(), "lubang.jpg")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := jpeg.Encode(f, img, nil); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestBrowserPublicPages: a citizen on a 360-px phone files a complaint
// with a photo on the public form (bad input first: the errors stand by
// their fields, the typing is kept; sent too fast: asked to send again),
// then tracks it with its number and the last four digits of their phone;
// guessing the digits is stopped with a clear message.
func TestBrowserPublicPages(t *testing.T) {
	// Not in parallel: its first send must come within the form's least
	// fill-in time (4 s) of the form being shown, to be refused as too
	// fast; the package's other tests, run beside it, stretched that past
	// 4 s on a loaded machine.
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	m.Store.Now = time.Now
	base := "http://" + m.Addr()
	ctx := context.Background()

	c := newPublicSession(t, root, base, "citizen", 360, 740)
	c.go_("/lapor")
	c.run(chromedp.WaitVisible(`#report`))
	c.shot("public-form-360")
	// Bad input: no phone, no consent.
	c.run(
		chromedp.SendKeys(`#p-text`, "Jalan berlubang besar di depan SDN Mekarjaya 3, sudah dua minggu."),
		chromedp.SetValue(`select[name=category]`, "JALAN_RUSAK"),
		chromedp.Click(`#report button[type=submit]`),
		chromedp.WaitVisible(`.field-error`),
	)
	if got := c.text(`#report`); !strings.Contains(got, "Nomor HP diperlukan") || !strings.Contains(got, "Persetujuan diperlukan") {
		t.Errorf("errors: %q", got)
	}
	if v := c.value(`#p-text`); !strings.Contains(v, "SDN Mekarjaya 3") {
		t.Errorf("typed text lost: %q", v)
	}
	if v := c.value(`select[name=category]`); v != "JALAN_RUSAK" {
		t.Errorf("category lost: %q", v)
	}
	c.shot("public-form-errors-360")
	// Filled in, with a photo; the form was first shown a moment ago (a
	// form sent back keeps that time), so it is sent too fast once.
	c.run(
		chromedp.SendKeys(`input[name=place]`, "Jl. Tole Iskandar"),
		chromedp.SetValue(`select[name=kelurahan]`, "32.76.05.1001"),
		chromedp.SendKeys(`input[name=phone]`, "0812-4444-5566"),
		chromedp.SendKeys(`input[name=name]`, "Dewi Anggraini"),
		chromedp.SetUploadFiles(`input[name=photo]`, []string{photo(t)}),
		chromedp.Click(`input[name=consent]`),
		chromedp.Click(`#report button[type=submit]`),
	)
	c.waitText(`.form-error`, "terlalu cepat")
	// People take their time; so does this test before sending again.
	time.Sleep(4500 * time.Millisecond)
	c.run(
		chromedp.SetUploadFiles(`input[name=photo]`, []string{photo(t)}),
		chromedp.Click(`#report button[type=submit]`),
		chromedp.WaitVisible(`#number`),
	)
	number := strings.TrimSpace(c.text(`#number`))
	c.shot("public-sent-360")
	cmp, err := m.Store.Complaints().ComplaintByNumber(ctx, aduan.System, number)
	if err != nil {
		t.Fatalf("complaint %q: %v", number, err)
	}
	if cmp.Channel != aduan.ChannelWeb || cmp.CategoryName != "Jalan/jembatan rusak" || cmp.KelurahanCode != "32.76.05.1001" ||
		cmp.Citizen == nil || cmp.Citizen.Phone != "+6281244445566" || cmp.Citizen.Name != "Dewi Anggraini" {
		t.Errorf("complaint %+v %+v", cmp, cmp.Citizen)
	}
	if files, err := m.Store.Attachments().Attachments(ctx, aduan.System, cmp.ID); err != nil || len(files) != 1 || files[0].ContentType != "image/jpeg" {
		t.Errorf("photo: %+v %v", files, err)
	}

	// Tracking: wrong digits, then the right ones.
	c.run(chromedp.Click(`a[href^="/lacak"]`), chromedp.WaitVisible(`#track`))
	if v := c.value(`input[name=nomor]`); v != number {
		t.Errorf("number not carried to the tracking page: %q", v)
	}
	c.run(chromedp.SendKeys(`input[name=hp4]`, "0000"), chromedp.Click(`#track button[type=submit]`))
	c.waitText(`.form-error`, "Tidak ada pengaduan")
	c.go_("/lacak?nomor=" + number)
	c.run(chromedp.SendKeys(`input[name=hp4]`, "5566"), chromedp.Click(`#track button[type=submit]`))
	c.waitText(`#result`, number)
	res := c.text(`#result`)
	if !strings.Contains(res, "Tercatat") || !strings.Contains(res, "Pengaduan Anda kami terima dan catat") || strings.Contains(res, "Dewi") || strings.Contains(res, "0812") {
		t.Errorf("tracking result: %q", res)
	}
	c.shot("public-track-360")

	// Someone guesses the digits of this number: after a few misses the
	// page says to wait, whatever the digits.
	for i := 0; i < 10; i++ {
		res, err := http.PostForm(base+"/lacak", url.Values{"nomor": {number}, "hp4": {"1111"}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode == http.StatusTooManyRequests {
			break
		}
	}
	c.go_("/lacak?nomor=" + number)
	c.run(chromedp.SendKeys(`input[name=hp4]`, "5566"), chromedp.Click(`#track button[type=submit]`))
	c.waitText(`.form-error.limited`, "Terlalu banyak percobaan")
	if n := c.count(`#result`); n != 0 {
		t.Error("a limited lookup still shows the complaint")
	}
	c.shot("public-track-limited-360")

	// The city's figures, one tap from the tracking page: the complaint
	// just filed is counted, charts fit the phone, no one's data shows.
	c.run(chromedp.Click(`a.figures-link`), chromedp.WaitVisible(`#figures`))
	if got := c.text(`[data-fig=received]`); got != "1" {
		t.Errorf("public figures: received %q, want 1", got)
	}
	if c.count(`svg.chart`) == 0 {
		t.Error("public figures without a chart")
	}
	if page := c.text("main"); strings.Contains(page, "Dewi") || strings.Contains(page, "Tole Iskandar") {
		t.Error("the public figures show the citizen's data")
	}
	if w := get(c, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
		wide := get(c, chromedp.Evaluate[string](`[].slice.call(document.querySelectorAll("body *")).filter(function(e){return e.getBoundingClientRect().right>360}).slice(0,5).map(function(e){return e.tagName+"."+e.className+" "+Math.round(e.getBoundingClientRect().right)}).join("; ")`))
		t.Errorf("public figures are %d px wide on a 360-px phone; past the edge: %s", w, wide)
	}
	c.shot("public-figures-360")
}
