package web

import (
	"html/template"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
)

// TestChromeAsTheTemplateWrote: the menu (wide, folded, its summary) and
// the queue filter's status and channel lists written in Go are the bytes
// html/template wrote from the markup layout.html and queue.html had, for
// every role on every page of its menu and elsewhere, in both languages,
// with each status and channel chosen and none.
func TestChromeAsTheTemplateWrote(t *testing.T) {
	ref := template.Must(template.New("ref").Funcs(funcs).Parse(
		`{{define "wide"}}{{range .Nav}}<a href="{{.Href}}"{{if .Active}} aria-current="page"{{end}}{{if .Shortcut}} data-shortcut="{{.Shortcut}}" title="Alt+{{.Shortcut}} · g {{.Shortcut}}"{{end}}>{{$.T .Key}}{{if .Shortcut}} <kbd>Alt+{{.Shortcut}}</kbd>{{end}}</a>{{end}}{{end}}` +
			`{{define "current"}}{{range .Nav}}{{if .Active}} · {{$.T .Key}}{{end}}{{end}}{{end}}` +
			`{{define "narrow"}}{{range .Nav}}<a href="{{.Href}}"{{if .Active}} aria-current="page"{{end}}>{{$.T .Key}}</a>{{end}}{{end}}` +
			`{{define "statuses"}}{{$d := .Data}}{{range $d.Statuses}}<option value="{{.}}"{{if eq (str .) ($d.Q.Get "status")}} selected{{end}}>{{$.T (printf "status.%s" .)}}</option>{{end}}{{end}}` +
			`{{define "channels"}}{{$d := .Data}}{{range $d.Channels}}<option value="{{.}}"{{if eq (str .) ($d.Q.Get "channel")}} selected{{end}}>{{$.T (printf "channel.%s" .)}}</option>{{end}}{{end}}`))
	run := func(name string, p *Page) string {
		var s strings.Builder
		if err := ref.ExecuteTemplate(&s, name, p); err != nil {
			t.Fatal(err)
		}
		return s.String()
	}
	paths := []string{"/", "/desk", "/queue", "/dashboard", "/pd", "/pustaka", "/pustaka/model", "/reports", "/sp4n-lapor", "/admin", "/audit", "/agencies/reach", "/messages", "/complaints/12"}
	menus := 0
	for _, lang := range []i18n.Lang{i18n.ID, i18n.EN} {
		for _, role := range aduan.Roles {
			for _, path := range paths {
				p := &Page{Lang: lang, Nav: navFor(role, path)}
				menus += len(p.Nav)
				for name, got := range map[string]template.HTML{"wide": p.NavWide(), "current": p.NavCurrent(), "narrow": p.NavNarrow()} {
					if w := run(name, p); string(got) != w {
						t.Fatalf("%s, %s on %s, %s menu:\n%s", lang, role, path, name, firstDiff(string(got), w))
					}
				}
			}
		}
		for _, sel := range append([]string{"", "open", "all"}, func() (s []string) {
			for _, x := range aduan.Statuses {
				s = append(s, string(x))
			}
			for _, x := range aduan.Channels {
				s = append(s, string(x))
			}
			return s
		}()...) {
			d := &queueData{Statuses: aduan.Statuses, Channels: aduan.Channels, Q: map[string][]string{"status": {sel}, "channel": {sel}}}
			p := &Page{Lang: lang, Data: d}
			if g, w := string(p.StatusOptions(d.Statuses, sel)), run("statuses", p); g != w {
				t.Fatalf("%s, statuses, %q chosen:\n%s", lang, sel, firstDiff(g, w))
			}
			if g, w := string(p.ChannelOptions(d.Channels, sel)), run("channels", p); g != w {
				t.Fatalf("%s, channels, %q chosen:\n%s", lang, sel, firstDiff(g, w))
			}
		}
	}
	if menus == 0 {
		t.Fatal("no menu entries compared")
	}
}
