package web

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
)

// The queue's rows, written in Go (issue 21). Executed by html/template,
// fifty rows took about 60 % of a queue page's CPU: every field, method
// and function of every row went through reflection. QueueRows writes the
// same bytes the template wrote (TestQueueRowsAsTheTemplateWrote renders
// both for many complaints, in both languages, for roles that see and do
// not see identity and content), escaping each value as html/template did
// in that place.
//
// The markup of a row is here, not in queue.html: a change to it is a
// change to queueRow (and to the reference template the test keeps,
// testdata/queue_row.html).

// QueueRows is the <tr> of each complaint of the queue, as actor may see
// it.
func (p *Page) QueueRows(items []*aduan.Complaint, actor aduan.Actor) template.HTML {
	var b strings.Builder
	b.Grow(len(items) * 1400)
	for _, c := range items {
		p.queueRow(&b, c, actor)
	}
	return template.HTML(b.String())
}

func (p *Page) queueRow(b *strings.Builder, c *aduan.Complaint, actor aduan.Actor) {
	id := strconv.FormatInt(c.ID, 10)
	b.WriteString(`<tr data-id="`)
	b.WriteString(id)
	b.WriteString("\">\n    <td><a href=\"/complaints/")
	b.WriteString(id)
	b.WriteString(`" class="nowrap">`)
	escapeHTML(b, c.Number)
	b.WriteString(`</a><br><span class="chip priority-`)
	escapeHTML(b, string(c.Priority))
	b.WriteString(`">`)
	escapeHTML(b, p.T("priority."+string(c.Priority)))
	b.WriteString(`</span>`)
	if c.Status == aduan.StatusPromised && c.PromisedBy != nil {
		b.WriteString(` <span class="chip promised">`)
		escapeHTML(b, p.T("desk.chip.promised", p.DateOf(c.PromisedBy)))
		b.WriteString(`</span>`)
	}
	if c.Asking {
		b.WriteString(` <span class="chip question">`)
		escapeHTML(b, p.T("desk.chip.question"))
		b.WriteString(`</span>`)
	}
	b.WriteString(` <span class="muted">`)
	escapeHTML(b, p.T("channel."+string(c.Channel)))
	b.WriteString("</span>")
	if c.LaporTrackingID != "" {
		// A LAPOR! report is looked up by its tracking ID as often as by
		// its number.
		b.WriteString(` <code class="lapor-id">`)
		escapeHTML(b, c.LaporTrackingID)
		b.WriteString(`</code>`)
	}
	b.WriteString("</td>\n    <td>")
	escapeHTML(b, p.DM(c.ReceivedAt))
	b.WriteString("</td>\n    <td>")
	if actor.CanSeeIdentity(c) {
		if ct := c.Citizen; ct != nil {
			escapeHTML(b, ct.Name)
			b.WriteString(`<br><span class="muted">`)
			escapeHTML(b, displayPhone(ct.Phone))
			b.WriteString(`</span>`)
		}
	} else {
		b.WriteString(`<span class="muted">`)
		escapeHTML(b, p.T("label.hidden"))
		b.WriteString(`</span>`)
	}
	b.WriteString("</td>\n    <td>")
	if actor.CanSeeContent(c) {
		escapeHTML(b, truncateRunes(c.Text, 90))
	} else {
		b.WriteString(`<span class="muted">`)
		escapeHTML(b, p.T("label.confidential"))
		b.WriteString(`</span>`)
	}
	b.WriteString(`<br><span class="muted">`)
	escapeHTML(b, c.CategoryName)
	b.WriteString("</span></td>\n    <td>")
	escapeHTML(b, c.KelurahanName)
	b.WriteString(`<br><span class="muted">`)
	escapeHTML(b, c.KecamatanName)
	b.WriteString("</span></td>\n    <td>")
	escapeHTML(b, c.AgencyName)
	b.WriteString("</td>\n    <td>")
	// The layout's "status" template.
	b.WriteString(`<span class="status st-`)
	escapeHTML(b, string(c.Status))
	b.WriteString(`">`)
	escapeHTML(b, p.T("status."+string(c.Status)))
	b.WriteString("</span></td>\n    <td>")
	p.dueHTML(b, c)
	b.WriteString("</td>\n  </tr>")
}

// dueHTML is the layout's "due" template: the clock of the current step
// as this reader sees it (Page.Due, the one place clocks are drawn).
func (p *Page) dueHTML(b *strings.Builder, c *aduan.Complaint) {
	b.WriteString(string(p.Due(c)))
}

// escapeHTML writes s as html/template writes a value in a text node or a
// quoted attribute: NUL, the quotes, '&', '+', '<' and '>' replaced, every
// other byte as it is (all the replaced characters are ASCII, so bytes
// suffice).
func escapeHTML(b *strings.Builder, s string) {
	last := 0
	for i := 0; i < len(s); i++ {
		var r string
		switch s[i] {
		case 0:
			r = "\uFFFD"
		case '"':
			r = "&#34;"
		case '&':
			r = "&amp;"
		case '\'':
			r = "&#39;"
		case '+':
			r = "&#43;"
		case '<':
			r = "&lt;"
		case '>':
			r = "&gt;"
		default:
			continue
		}
		b.WriteString(s[last:i])
		b.WriteString(r)
		last = i + 1
	}
	b.WriteString(s[last:])
}

// The options of the queue's agency, category and kecamatan filters,
// written in Go for the same reason as the rows (a hundred and more
// options through reflection on every page); the reference is
// testdata/queue_options.html.

// AgencyOptions are the agency filter's options.
func (d *queueData) AgencyOptions() template.HTML {
	var b strings.Builder
	sel := d.Q.Get("agency")
	for _, a := range d.Agencies {
		option(&b, strconv.FormatInt(a.ID, 10), sel, a.ShortName)
	}
	return template.HTML(b.String())
}

// CategoryOptions are the category filter's options.
func (d *queueData) CategoryOptions() template.HTML {
	var b strings.Builder
	sel := d.Q.Get("category")
	for _, c := range d.Categories {
		option(&b, strconv.FormatInt(c.ID, 10), sel, truncateRunes(c.Name, 28))
	}
	return template.HTML(b.String())
}

// KecamatanOptions are the kecamatan filter's options.
func (d *queueData) KecamatanOptions() template.HTML {
	var b strings.Builder
	sel := d.Q.Get("kecamatan")
	for _, k := range d.Kecamatan {
		option(&b, k.Code, sel, k.Name)
	}
	return template.HTML(b.String())
}

func option(b *strings.Builder, value, selected, label string) {
	b.WriteString(`<option value="`)
	escapeHTML(b, value)
	b.WriteString(`"`)
	if value == selected {
		b.WriteString(` selected`)
	}
	b.WriteString(`>`)
	escapeHTML(b, label)
	b.WriteString(`</option>`)
}
