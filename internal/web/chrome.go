package web

import (
	"html/template"
	"strings"

	"github.com/kotakita/aduan"
)

// The layout's menu and the queue form's fixed lists, written in Go
// (issue 21): every console page draws the menu twice (wide and folded),
// and through html/template each entry's fields, translation and
// conditions went through reflection on every page; the queue's filter
// form compared each status and channel with fmt. The bytes are those
// the template wrote (TestChromeAsTheTemplateWrote); the menu's links are
// the fixed paths of navFor, which need no escaping beyond the text's.

// NavWide is the menu's links with their shortcuts.
func (p *Page) NavWide() template.HTML {
	var b strings.Builder
	for _, n := range p.Nav {
		b.WriteString(`<a href="`)
		escapeHTML(&b, n.Href)
		b.WriteString(`"`)
		if n.Active {
			b.WriteString(` aria-current="page"`)
		}
		if n.Shortcut != "" {
			b.WriteString(` data-shortcut="`)
			escapeHTML(&b, n.Shortcut)
			b.WriteString(`" title="Alt+`)
			escapeHTML(&b, n.Shortcut)
			b.WriteString(` · g `)
			escapeHTML(&b, n.Shortcut)
			b.WriteString(`"`)
		}
		b.WriteString(`>`)
		escapeHTML(&b, p.T(n.Key))
		if n.Shortcut != "" {
			b.WriteString(` <kbd>Alt+`)
			escapeHTML(&b, n.Shortcut)
			b.WriteString(`</kbd>`)
		}
		b.WriteString(`</a>`)
	}
	return template.HTML(b.String())
}

// NavCurrent is " · " and the current page's menu entry, for the folded
// menu's summary.
func (p *Page) NavCurrent() template.HTML {
	var b strings.Builder
	for _, n := range p.Nav {
		if n.Active {
			b.WriteString(` · `)
			escapeHTML(&b, p.T(n.Key))
		}
	}
	return template.HTML(b.String())
}

// NavNarrow is the folded menu's links.
func (p *Page) NavNarrow() template.HTML {
	var b strings.Builder
	for _, n := range p.Nav {
		b.WriteString(`<a href="`)
		escapeHTML(&b, n.Href)
		b.WriteString(`"`)
		if n.Active {
			b.WriteString(` aria-current="page"`)
		}
		b.WriteString(`>`)
		escapeHTML(&b, p.T(n.Key))
		b.WriteString(`</a>`)
	}
	return template.HTML(b.String())
}

// StatusOptions are the queue filter's options of each status, sel the
// one chosen.
func (p *Page) StatusOptions(statuses []aduan.Status, sel string) template.HTML {
	var b strings.Builder
	for _, s := range statuses {
		option(&b, string(s), sel, p.T("status."+string(s)))
	}
	return template.HTML(b.String())
}

// ChannelOptions are the queue filter's options of each channel.
func (p *Page) ChannelOptions(channels []aduan.Channel, sel string) template.HTML {
	var b strings.Builder
	for _, c := range channels {
		option(&b, string(c), sel, p.T("channel."+string(c)))
	}
	return template.HTML(b.String())
}
