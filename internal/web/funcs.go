package web

import (
	"fmt"
	"html/template"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/phone"
)

// DT formats a time for people in the city's zone: 27 November 2026
// 14.05 WIB.
func (p *Page) DT(t time.Time) string { return i18n.DateTime(p.Lang, p.local(t)) }

// DTp formats an optional time.
func (p *Page) DTp(t *time.Time) string {
	if t == nil {
		return ""
	}
	return p.DT(*t)
}

// local is t in the city's zone (the time_zone setting); WIB on a page
// built without one.
func (p *Page) local(t time.Time) time.Time {
	if p.Zone == nil {
		return i18n.Local(t)
	}
	return t.In(p.Zone)
}

// ISO writes t for a machine (a datetime attribute, the clock script's
// data), with the city's offset so that it reads as the page shows it.
func (p *Page) ISO(t time.Time) string { return t.In(p.zone()).Format(time.RFC3339) }

// Dur formats a duration for people.
func (p *Page) Dur(d time.Duration) string { return i18n.Duration(p.Lang, d) }

// funcs write no figure, time of day or chart: those are the page's
// methods (numbers.go), which know the reader's language.
var funcs = template.FuncMap{
	"truncate": truncateRunes,
	"phone":    displayPhone,
	"tel":      telURL,
	"str":      func(v any) string { return fmt.Sprint(v) },
	"eq":       func(a, b any) bool { return fmt.Sprint(a) == fmt.Sprint(b) },
	"has": func(list []string, s string) bool {
		for _, x := range list {
			if x == s {
				return true
			}
		}
		return false
	},
	"dict": func(kv ...any) map[string]any {
		m := map[string]any{}
		for i := 0; i+1 < len(kv); i += 2 {
			m[fmt.Sprint(kv[i])] = kv[i+1]
		}
		return m
	},
	"add":   func(a, b int) int { return a + b },
	"deref": func(b *bool) bool { return b != nil && *b },
	// shortcut is the Alt+key of an action on the complaint page
	// (shortcutKeys); the reference act forms in testdata use it.
	"shortcut":   shortcutKey,
	"priorities": func() []aduan.Priority { return aduan.Priorities },
	"list":       func(s ...string) []string { return s },
	"join":       strings.Join,
	"confs":      func() []aduan.Confidentiality { return aduan.Confidentialities },
}

// truncateRunes cuts s to n characters and marks the cut with "…".
func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return strings.TrimSpace(string(r[:n])) + "…"
}

// telURL is the tel: link of a stored number, trusted as a URL: the value
// was parsed on save, so it is "+" and digits (html/template would refuse
// the scheme otherwise).
func telURL(p aduan.Phone) template.URL {
	t := p.Tel()
	for _, r := range strings.TrimPrefix(t, "tel:+") {
		if r < '0' || r > '9' {
			return ""
		}
	}
	return template.URL(t)
}

// displayPhone shows a stored E.164 number the Indonesian way
// (0812-3456-7890, or a landline in its national format). Stored numbers
// are already validated, so the common case needs no phone library: a
// queue page shows fifty of them.
func displayPhone(p aduan.Phone) string {
	e164 := string(p)
	if !strings.HasPrefix(e164, "+628") || len(e164) < 12 || len(e164) > 15 {
		if e164 == "" {
			return ""
		}
		return phone.Display(e164)
	}
	n := "0" + e164[3:]
	return n[:4] + "-" + n[4:8] + "-" + n[8:]
}
