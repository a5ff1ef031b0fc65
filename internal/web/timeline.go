package web

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
)

// The complaint page's timeline, written in Go (issue 21), as the queue's
// rows are (queue_rows.go): through html/template each event's dozen
// actions (its details looked up by key, the translations, the times)
// went through reflection, half of the complaint page's template time
// for a complaint of a few events. Timeline writes the bytes the template
// wrote (TestTimelineAsTheTemplateWrote compares them for many events,
// in both languages, with and without the content shown), escaping each
// value as html/template did in that place; a change to a row's markup is
// a change here and in testdata/timeline_row.html.

// Timeline is the <tr> of each event of a complaint; content says whether
// the reader may see what the events say (answers, reasons, notes).
func (p *Page) Timeline(events []aduan.Event, content bool) template.HTML {
	var b strings.Builder
	b.Grow(len(events) * 500)
	for i := range events {
		p.timelineRow(&b, &events[i], content)
	}
	return template.HTML(b.String())
}

// detailSpan writes one detail line of an event: <br><span class="…">.
func detailSpan(b *strings.Builder, class, text string) {
	b.WriteString(`<br><span class="`)
	b.WriteString(class)
	b.WriteString(`">`)
	escapeHTML(b, text)
	b.WriteString(`</span>`)
}

func (p *Page) timelineRow(b *strings.Builder, e *aduan.Event, content bool) {
	b.WriteString("<tr>\n      <td>")
	escapeHTML(b, p.DT(e.At))
	b.WriteString("</td>\n      <td>")
	escapeHTML(b, p.Done(e.Action))
	if e.Step != "" {
		detailSpan(b, "muted", p.T("step."+string(e.Step)))
	}
	b.WriteString("\n        ")
	if content {
		if v := e.Details["answer"]; v != "" {
			detailSpan(b, "detail", truncateRunes(v, 200))
		}
		for _, k := range []string{"reason", "note", "answered_by", "promised_by", "progress", "question"} {
			if v := e.Details[k]; v != "" {
				detailSpan(b, "detail", v)
			}
		}
	}
	if v := e.Details["callback"]; v != "" {
		detailSpan(b, "detail callback", p.T("web.note.callback")+": "+p.T("web.note.outcome."+v))
	}
	if v := e.Details["photos"]; v != "" {
		detailSpan(b, "detail", p.T("web.note.photos_added", v))
	}
	if e.Details["told_on_call"] != "" {
		detailSpan(b, "detail", p.T("web.event.told_on_call"))
	}
	b.WriteString("</td>\n      <td>")
	escapeHTML(b, e.ActorName)
	if e.ActorRole != "" {
		detailSpan(b, "muted", p.T("role."+string(e.ActorRole)))
	}
	b.WriteString("</td>\n      <td>")
	if e.Met != nil {
		if *e.Met {
			b.WriteString(`<span class="met yes">✓ `)
			escapeHTML(b, p.T("web.met"))
		} else {
			b.WriteString(`<span class="met no">✗ `)
			escapeHTML(b, p.T("web.missed"))
		}
		b.WriteString(`</span>`)
		detailSpan(b, "muted", p.T("web.complaint.by")+" "+p.DTp(e.Deadline)+" · "+p.Dur(e.Elapsed))
	}
	b.WriteString("</td>\n    </tr>")
}

// CategoryOpts are the <option>s of a category select on the complaint
// page (issue 21: through html/template, the page's four lists of some
// sixty categories and agencies, each option compared with fmt, were
// most of what was left of its template time): sel is the selected ID as
// the form carries it ("" none); activeOnly leaves out retired ones.
func (p *Page) CategoryOpts(cats []aduan.Category, sel string, activeOnly bool) template.HTML {
	var b strings.Builder
	for i := range cats {
		if c := &cats[i]; c.Active || !activeOnly {
			option(&b, strconv.FormatInt(c.ID, 10), sel, c.Name)
		}
	}
	return template.HTML(b.String())
}

// AgencyOpts are the <option>s of an agency select on the complaint page:
// the active agencies but except (0: none), sel selected.
func (p *Page) AgencyOpts(ags []aduan.Agency, sel string, except int64) template.HTML {
	var b strings.Builder
	for i := range ags {
		if a := &ags[i]; a.Active && (except == 0 || a.ID != except) {
			option(&b, strconv.FormatInt(a.ID, 10), sel, a.Name)
		}
	}
	return template.HTML(b.String())
}
