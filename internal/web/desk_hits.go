package web

import (
	"html/template"
	"strings"
)

// The suggestion panel's list of answers, written in Go (issue 21, fifth
// session): the panel is drawn again on every keystroke at the desk, and
// through html/template each hit's dozen fields, conditions and
// translations went through reflection, most of the fragment's CPU. The
// bytes are those desk.html wrote (TestDeskHitsAsTheTemplateWrote renders
// the markup kept in testdata/desk_panel.html against this), each value
// escaped as html/template escaped it in its place.

// DeskHits is the <li> of each suggested answer.
func (p *Page) DeskHits(hits []Hit) template.HTML {
	var b strings.Builder
	b.Grow(len(hits) * 1200)
	t := func(key string, args ...any) { escapeHTML(&b, p.T(key, args...)) }
	for _, h := range hits {
		b.WriteString("\n    <li class=\"hit\" data-ref=\"")
		escapeHTML(&b, h.Ref)
		b.WriteString(`"><strong>`)
		if h.Href != "" {
			b.WriteString(`<a href="`)
			urlAttr(&b, h.Href, false)
			b.WriteString(`" target="_blank" rel="noopener">`)
			escapeHTML(&b, h.Title)
			b.WriteString(`</a>`)
		} else {
			escapeHTML(&b, h.Title)
		}
		b.WriteString("</strong>\n      <p class=\"snippet\">")
		switch s := h.Snippet.(type) {
		case template.HTML:
			if s != "" {
				b.WriteString(string(s))
			} else {
				escapeHTML(&b, truncateRunes(h.Text, 160))
			}
		case string:
			if s != "" {
				escapeHTML(&b, s)
			} else {
				escapeHTML(&b, truncateRunes(h.Text, 160))
			}
		default:
			escapeHTML(&b, truncateRunes(h.Text, 160))
		}
		b.WriteString("</p>\n      ")
		if h.Answer != "" {
			b.WriteString(`<p class="answer">`)
			escapeHTML(&b, truncateRunes(h.Answer, 400))
			b.WriteString(`</p>`)
		}
		b.WriteString("\n      <span class=\"muted\">")
		if h.Example {
			b.WriteString(`<span class="tag">`)
			t("suggest.example")
			b.WriteString(`</span> `)
			t("suggest.example_from", h.Place, p.DT(h.Date))
		} else {
			t("source." + h.Source)
		}
		if h.Ref != "" {
			b.WriteString(` · `)
			escapeHTML(&b, h.Ref)
		}
		b.WriteString("</span>\n      ")
		if h.OtherPlace {
			b.WriteString(`<p class="notice example-warn">`)
			t("suggest.warn_place", h.Place)
			b.WriteString(`</p>`)
		}
		if h.Old {
			b.WriteString(`<p class="notice example-warn">`)
			t("suggest.warn_old")
			b.WriteString(`</p>`)
		}
		b.WriteString("\n      ")
		if h.Answer != "" {
			b.WriteString(`<button type="button" class="use small" data-use-answer data-answer="`)
			escapeHTML(&b, h.Answer)
			b.WriteString(`" data-source="`)
			escapeHTML(&b, h.Source)
			b.WriteString(`" data-ref="`)
			escapeHTML(&b, h.Ref)
			b.WriteString(`">`)
			if h.Example {
				t("suggest.copy_example")
			} else {
				t("lib.web.desk.use_answer")
			}
			b.WriteString(`</button>`)
		}
		b.WriteString("\n    </li>")
	}
	return template.HTML(b.String())
}
