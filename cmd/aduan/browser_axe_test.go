package main

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/kotakita/aduan/internal/store"
)

// axe-core (npm, MPL-2.0; the licence sits beside it) is vendored rather
// than installed at test time: the test machine then needs no registry.
//
//go:embed testdata/axe/axe.min.js
var axeSource string

// axeViolation is one rule broken on one page, as axe reports it.
type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  []any  `json:"target"`
		Summary string `json:"failureSummary"`
	} `json:"nodes"`
}

// axe runs axe-core on the page now loaded and returns its critical and
// serious violations, each as one readable line.
func (s *session) axe() []string {
	s.t.Helper()
	if !get(s, chromedp.Evaluate[bool](`typeof window.axe === "object"`)) {
		s.run(chromedp.Evaluate[chromedp.Void](axeSource))
	}
	raw := get(s, chromedp.Evaluate[string](`axe.run(document, {resultTypes: ["violations"]}).then(r => JSON.stringify(r.violations))`, chromedp.EvalAwaitPromise))
	var vs []axeViolation
	if err := json.Unmarshal([]byte(raw), &vs); err != nil {
		s.t.Fatalf("axe result: %v", err)
	}
	var out []string
	for _, v := range vs {
		if v.Impact != "critical" && v.Impact != "serious" {
			continue
		}
		var where []string
		for i, n := range v.Nodes {
			if i == 3 {
				where = append(where, fmt.Sprintf("… %d more", len(v.Nodes)-3))
				break
			}
			where = append(where, fmt.Sprint(n.Target...))
		}
		out = append(out, fmt.Sprintf("%s (%s): %s at %s", v.ID, v.Impact, v.Help, strings.Join(where, "; ")))
	}
	return out
}

// links lists the console's own pages linked from the page now loaded:
// the navigation and the links in the content, without downloads, photos,
// the event stream or logging out.
func (s *session) links() []string {
	s.t.Helper()
	raw := get(s, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("header a[href], main a[href]")).map(a => new URL(a.getAttribute("href"), location.href).href)`))
	var out []string
	for _, h := range raw {
		u, err := url.Parse(h)
		if err != nil || "http://"+u.Host != s.base {
			continue
		}
		p := u.Path
		if u.RawQuery != "" {
			p += "?" + u.RawQuery
		}
		if axeSkip.MatchString(u.Path) {
			continue
		}
		out = append(out, p)
	}
	return out
}

// axeSkip: addresses that are not pages (files, photos, streams).
var axeSkip = regexp.MustCompile(`^/(static|photos|events|logout)|/files/|/export|\.(csv|xlsx|pdf|json|zip)$|^/privacy/requests/\d+/[a-z]+$|^/api/`)

// pageKind groups addresses that render the same template for the same
// reader: /complaints/12 and /complaints/40 are one kind; a query string
// that only filters is the same kind too.
func pageKind(path string) string {
	p, _, _ := strings.Cut(path, "?")
	return regexp.MustCompile(`/\d+`).ReplaceAllString(p, "/N")
}

// TestBrowserAccessibility injects axe-core into every page that each
// role of the demo can reach from its navigation (and one link further:
// a complaint, a report, a library entry...) and into the public pages,
// at 1366 and at 360 px, and fails on any critical or serious violation.
func TestBrowserAccessibility(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, true)
	m.Store.Now = time.Now
	base := "http://" + m.Addr()
	pw := "aduan-demo-2026"

	type width struct{ w, h int64 }
	widths := []width{{1366, 768}, {360, 740}}
	var problems []string
	checked := 0
	axeHere := func(s *session, role, path string, w width) {
		for _, v := range s.axe() {
			problems = append(problems, fmt.Sprintf("%s %s @%dpx: %s", role, path, w.w, v))
		}
		checked++
	}
	check := func(s *session, role, path string, w width) {
		s.go_(path)
		axeHere(s, role, path, w)
	}
	seen := map[string]bool{} // page kinds checked, by reader where it matters
	// The roles that may change the most come first: a page shared by
	// several roles is checked as its editor sees it (forms and all).
	for _, role := range []string{"koordinator", "admin", "kasi", "operator", "pd.dpupr", "pimpinan.dpupr", "ppid", "ppid.dpupr"} {
		s := newSession(t, root, base, role, widths[0].w, widths[0].h, role, pw)
		// Crawl: home, its links, and their links, one page per kind.
		// Pages that show differently by role (home, a complaint, the
		// dashboard) are checked for each role; the others once. The
		// session opens at the first width, so each page is checked there
		// as the crawl loads it, rather than loaded a second time.
		var pages []string
		queue := []string{"/", "/reports/daily"}
		for depth := 0; depth < 3 && len(queue) > 0; depth++ {
			var next []string
			for _, p := range queue {
				kind := pageKind(p)
				key := kind
				if kind == "/" || kind == "/complaints/N" || kind == "/dashboard" || kind == "/pd" {
					key = role + " " + kind
				}
				if seen[key] {
					continue
				}
				seen[key] = true
				pages = append(pages, p)
				s.go_(p)
				next = append(next, s.links()...)
				axeHere(s, role, p, widths[0])
			}
			queue = next
		}
		t.Logf("%s: %s", role, strings.Join(pages, " "))
		for _, w := range widths[1:] {
			var vopts []chromedp.EmulateViewportOption
			if w.w < 600 {
				vopts = append(vopts, chromedp.EmulateMobile, chromedp.EmulateTouch)
			}
			s.run(chromedp.EmulateViewport(w.w, w.h, vopts...))
			for _, p := range pages {
				check(s, role, p, w)
			}
		}
	}
	for _, w := range widths {
		pub := newPublicSession(t, root, base, "citizen", w.w, w.h)
		for _, p := range []string{"/login", "/lapor", "/lacak", "/angka", "/verify", "/tidak-ada"} {
			check(pub, "warga", p, w)
		}
		// The pages after a step: a tracking answer with an error.
		pub.go_("/lacak")
		pub.run(chromedp.SendKeys(`input[name=nomor]`, "ADU-2026-999999"), chromedp.SendKeys(`input[name=hp4]`, "1234"), chromedp.Submit(`input[name=nomor]`), chromedp.WaitVisible(`.form-error`))
		for _, v := range pub.axe() {
			problems = append(problems, fmt.Sprintf("warga /lacak (answer) @%dpx: %s", w.w, v))
		}
	}
	sort.Strings(problems)
	t.Logf("axe: %d pages checked", checked)
	if len(problems) > 0 {
		t.Errorf("axe-core found %d critical or serious violations:\n%s", len(problems), strings.Join(problems, "\n"))
	}
}
