package web

import (
	"encoding/json"
	"fmt"
	"html/template"
	"net/http"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
)

// Clocks: every countdown in the console is worded by i18n.Due and drawn
// by Page.Clock; the script refreshes them once a minute through GET
// /clocks, so the browser holds no second copy of the wording.

// clockClass is how a deadline is coloured: over once passed; near in its
// last five minutes or last fifth of its window; ok before.
func clockClass(deadline, start, now time.Time) string {
	left := deadline.Sub(now)
	switch {
	case left < 0:
		return "over"
	case left < 5*time.Minute || (!start.IsZero() && deadline.After(start) && left < deadline.Sub(start)/5):
		return "near"
	}
	return "ok"
}

// Clock draws a deadline at the page's time: its words, its colour, and
// the deadline and window start for the script's minute refresh.
func (p *Page) Clock(deadline, start time.Time) template.HTML {
	text, _ := i18n.Due(p.Lang, deadline, p.Now)
	return template.HTML(fmt.Sprintf(`<time class="due %s" datetime="%s" data-start="%s" title="%s">%s</time>`,
		clockClass(deadline, start, p.Now), p.ISO(deadline), p.ISO(start),
		template.HTMLEscapeString(p.DT(deadline)), template.HTMLEscapeString(text)))
}

// Due draws the clock of a complaint's current step for this reader, or
// nothing. Each role sees its own clock only: an agency's people see the
// steps that are theirs (acknowledge, answer), not the call center's
// countdowns on a complaint they have finished with.
func (p *Page) Due(c *aduan.Complaint) template.HTML {
	k := c.Clock
	if k.Step == "" {
		return ""
	}
	if p.User != nil && p.User.Role.AgencyBound() {
		if info, ok := aduan.StepOf(k.Step); !ok || info.Party != aduan.PartyAgency {
			return ""
		}
	}
	if k.PausedSince != nil {
		return template.HTML(`<span class="due paused">` + template.HTMLEscapeString(p.T("label.paused")) + `</span>`)
	}
	if k.Deadline == nil {
		return ""
	}
	return p.Clock(*k.Deadline, k.StartedAt)
}

// Clocks words the deadlines the page's script asks about (?d=deadline
// and ?s=start, RFC 3339, in the page's order) at the server's time.
func (w *Web) Clocks(rw http.ResponseWriter, r *http.Request) error {
	lang, now := langOf(r), w.Stores.Clock.Now()
	q := r.URL.Query()
	ds, ss := q["d"], q["s"]
	if len(ds) > 500 {
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	type clock struct {
		Text  string `json:"text"`
		Class string `json:"class"`
	}
	out := make([]*clock, len(ds))
	for i, d := range ds {
		deadline, err := time.Parse(time.RFC3339, strings.TrimSpace(d))
		if err != nil {
			continue // null: the script leaves that clock as it was
		}
		var start time.Time
		if i < len(ss) {
			start, _ = time.Parse(time.RFC3339, strings.TrimSpace(ss[i]))
		}
		text, _ := i18n.Due(lang, deadline, now)
		out[i] = &clock{text, clockClass(deadline, start, now)}
	}
	rw.Header().Set("Content-Type", "application/json")
	rw.Header().Set("Cache-Control", "no-store")
	return json.NewEncoder(rw).Encode(out)
}

// Done names a step of a complaint's history in the past tense ("Diteruskan
// ke PD"); an action without its own past-tense words falls back to its
// button's name rather than to a raw key.
func (p *Page) Done(a aduan.Action) string {
	if k := "console.done." + string(a); i18n.Has(k) {
		return p.T(k)
	}
	return p.T("action." + string(a))
}

// PubDone is Done in the citizens' words (Perangkat Daerah written out).
func (p *Page) PubDone(a aduan.Action) string {
	if k := "console.pub.done." + string(a); i18n.Has(k) {
		return p.T(k)
	}
	return p.Done(a)
}

// PubStatus names a complaint's state in the citizens' words, falling back
// to the staff's word for a state that has none of its own yet.
func (p *Page) PubStatus(s aduan.Status) string {
	if k := "console.pub.status." + string(s); i18n.Has(k) {
		return p.T(k)
	}
	return p.T("status." + string(s))
}
