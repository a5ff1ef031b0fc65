package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/store"
)

// TestBrowserPPIDRequestForm: a citizen asks for public information on
// the form /informasi/mohon on a 360-px phone with JavaScript off. Sent
// without the identity the law requires (name, address, phone or e-mail,
// ID number), each missing item says so in Indonesian by its field, what
// was typed stays, nothing is recorded, and axe-core finds nothing
// critical or serious in the form with its marks; sent whole, the citizen
// gets the request's number and the request is recorded from the web.
func TestBrowserPPIDRequestForm(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	m.Store.Now = time.Now
	ctx := context.Background()

	c := newPublicSession(t, root, "http://"+m.Addr(), "citizen", 360, 740)
	scripts := func(off bool) chromedp.Action[chromedp.Void] {
		return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off})
			return chromedp.Void{}, err
		}
	}
	requests := func() int {
		rs, err := m.Store.PPID().Requests(ctx, aduan.System, store.InfoFilter{})
		if err != nil {
			t.Fatal(err)
		}
		return len(rs)
	}
	c.run(scripts(true))
	c.go_("/informasi/mohon")
	c.run(chromedp.WaitVisible(`#ppid-request`))
	if w := get(c, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
		wide := get(c, chromedp.Evaluate[string](`[].slice.call(document.querySelectorAll("body *")).filter(function(e){return e.getBoundingClientRect().right>360}).slice(0,5).map(function(e){return e.tagName+"."+e.className+" "+Math.round(e.getBoundingClientRect().right)}).join("; ")`))
		t.Errorf("the form is %d px wide on a 360-px phone; past the edge: %s", w, wide)
	}
	c.shot("ppid-form-360")

	// What is asked, but not who asks.
	c.run(
		chromedp.SendKeys(`textarea[name=information]`, "Jumlah penerima bansos per kelurahan tahun 2026"),
		chromedp.SendKeys(`input[name=purpose]`, "Kajian warga"),
		chromedp.Click(`input[name=medium][value=softcopy]`),
		chromedp.Click(`input[name=delivery][value=email]`),
		chromedp.Click(`input[name=consent]`),
		chromedp.Click(`#ppid-request button[type=submit]`),
		chromedp.WaitVisible(`.field-error`),
	)
	form := c.text(`#ppid-request`)
	for _, want := range []string{"Wajib diisi", "Isi nomor HP atau alamat e-mail pemohon"} {
		if !strings.Contains(form, want) {
			t.Errorf("the form does not say %q:\n%s", want, form)
		}
	}
	for _, field := range []string{"name", "address", "id_number"} {
		if n := c.count(`input[name=` + field + `][aria-invalid=true]`); n != 1 || c.count(`label:has(input[name=`+field+`]) .field-error`) != 1 {
			t.Errorf("the field %s is not marked with its error", field)
		}
	}
	if v := c.value(`textarea[name=information]`); !strings.Contains(v, "bansos per kelurahan") {
		t.Errorf("what was typed is lost: %q", v)
	}
	if n := requests(); n != 0 {
		t.Fatalf("a request without identity was recorded: %d", n)
	}
	if w := get(c, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
		t.Errorf("the form with its errors is %d px wide", w)
	}
	c.shot("ppid-form-errors-360")
	c.run(scripts(false))
	for _, v := range c.axe() {
		t.Errorf("accessibility: %s", v)
	}
	c.run(scripts(true))

	// The identity given; the form was shown again a moment ago, and
	// people take their time (the form token's least fill time).
	c.run(
		chromedp.SendKeys(`input[name=name]`, "Rina Marlina"),
		chromedp.SendKeys(`input[name=address]`, "Jl. Kenanga 12, Pancoran Mas"),
		chromedp.SendKeys(`input[name=phone]`, "0812-5555-7788"),
		chromedp.SendKeys(`input[name=email]`, "rina@example.org"),
		chromedp.SendKeys(`input[name=id_number]`, "3276016607900004"),
	)
	time.Sleep(4500 * time.Millisecond)
	c.run(
		chromedp.Click(`#ppid-request button[type=submit]`),
		chromedp.WaitVisible(`#number`),
	)
	number := strings.TrimSpace(c.text(`#number`))
	if !strings.HasPrefix(number, "PPID-") {
		t.Fatalf("the number shown: %q", number)
	}
	c.shot("ppid-form-sent-360")
	rs, err := m.Store.PPID().Requests(ctx, aduan.System, store.InfoFilter{})
	if err != nil || len(rs) != 1 {
		t.Fatalf("requests: %d, %v", len(rs), err)
	}
	if r := rs[0]; r.Number != number || r.Channel != aduan.ChannelWeb || r.Name != "Rina Marlina" || !strings.Contains(r.Information, "bansos") {
		t.Errorf("the request recorded: %+v", r)
	}
}
