package main

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/store"
)

// TestBrowserSurveyForm: a citizen opens the survey link from their SMS on
// a 360-px phone with JavaScript off: the nine questions fit the screen;
// sent with answers missing, each question left out says so and the
// answers given stay chosen, and axe-core finds nothing critical or
// serious; sent whole, they are thanked; the link opened again says it
// was already answered.
func TestBrowserSurveyForm(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	m.Store.Now = time.Now
	base := "http://" + m.Addr()
	op := login(t, m, "siti", "operator_cc", "")
	cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"text": "Lampu PJU mati di Jl. Nusantara.",
		"citizen": map[string]any{"name": "Budi", "phone": "0812-2222-3344", "address": "Jl. Melati 5"}}).Must(t, 201)
	token, err := m.Store.Open311().SKMLink(context.Background(), int64(apitest.Num(cmp, "id")), time.Now().Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}

	c := newPublicSession(t, root, base, "citizen", 360, 740)
	scripts := func(off bool) chromedp.Action[chromedp.Void] {
		return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: off})
			return chromedp.Void{}, err
		}
	}
	c.run(scripts(true))
	c.go_("/survei/" + token)
	c.run(chromedp.WaitVisible(`#skm-form`))
	if n := c.count(`#skm-form fieldset.skm-q`); n != 9 {
		t.Errorf("%d questions, want 9", n)
	}
	if w := get(c, chromedp.Evaluate[int](`document.documentElement.scrollWidth`)); w > 360 {
		wide := get(c, chromedp.Evaluate[string](`[].slice.call(document.querySelectorAll("body *")).filter(function(e){return e.getBoundingClientRect().right>360}).slice(0,5).map(function(e){return e.tagName+"."+e.className+" "+Math.round(e.getBoundingClientRect().right)}).join("; ")`))
		t.Errorf("the survey is %d px wide on a 360-px phone; past the edge: %s", w, wide)
	}
	c.shot("survey-360")
	// Three answered, six left out.
	c.run(
		chromedp.Click(`input[name=u1][value="4"]`),
		chromedp.Click(`input[name=u2][value="3"]`),
		chromedp.Click(`input[name=u4][value="4"]`),
		chromedp.Click(`#skm-form button[type=submit]`),
		chromedp.WaitVisible(`.field-error`),
	)
	if n := c.count(`#skm-form .field-error`); n != 6 {
		t.Errorf("%d questions marked, want 6", n)
	}
	if !strings.Contains(c.text(`#q-u3`), "Pilih satu jawaban") || strings.Contains(c.text(`#q-u1`), "Pilih satu jawaban") {
		t.Errorf("the marks: u3 %q, u1 %q", c.text(`#q-u3`), c.text(`#q-u1`))
	}
	if !get(c, chromedp.Evaluate[bool](`document.querySelector('input[name=u2][value="3"]').checked`)) {
		t.Error("an answer given was lost")
	}
	c.shot("survey-errors-360")
	// The form with its marks passes axe-core (critical and serious),
	// which needs scripts for itself only.
	c.run(scripts(false))
	for _, v := range c.axe() {
		t.Errorf("accessibility: %s", v)
	}
	c.run(scripts(true))
	var acts []chromedp.Action[chromedp.Void]
	for _, q := range []string{"u3", "u5", "u6", "u7", "u8", "u9"} {
		acts = append(acts, chromedp.Click(fmt.Sprintf(`input[name=%s][value="3"]`, q)))
	}
	acts = append(acts, chromedp.Click(`#skm-form button[type=submit]`), chromedp.WaitVisible(`#skm[data-state=done]`))
	c.run(acts...)
	if got := c.text(`#skm`); !strings.Contains(got, "Terima kasih") || !strings.Contains(got, apitest.Str(cmp, "number")) {
		t.Errorf("after sending: %q", got)
	}
	c.shot("survey-done-360")
	c.go_("/survei/" + token)
	c.run(chromedp.WaitVisible(`#skm[data-state=answered]`))
	if got := c.text(`#skm`); !strings.Contains(got, "sudah diisi") {
		t.Errorf("the link again: %q", got)
	}
}
