package web

import (
	"html/template"
	"strconv"
	"strings"
)

// The queue page's filter form, its table's header and its paging line,
// written in Go (issue 21, fifth session). With the rows already in Go
// (queue_rows.go), what html/template still did for a queue page was
// these: some sixty actions, each field, method and comparison through
// reflection, 0.4–0.6 ms of a page's CPU at 100,000 complaints. The bytes
// are those queue.html wrote (TestQueuePageAsTheTemplateWrote renders the
// template kept in testdata/queue_page.html against this for many filters,
// roles and both languages), each value escaped as html/template escaped
// it in its place: text and attributes with escapeHTML, links with
// urlAttr.

// QueueForm is the queue's title, the filters' message and the filter
// form, d's filters chosen.
func (p *Page) QueueForm(d *queueData) template.HTML {
	var b strings.Builder
	b.Grow(4096)
	t := func(key string) { escapeHTML(&b, p.T(key)) }
	q := d.Q.Get
	b.WriteString(`<h1>`)
	t("web.queue.title")
	if p.User != nil && p.User.Role.CallCenter() {
		b.WriteString(` <a class="button take-next" href="/queue/next" title="`)
		t("console.queue.take_next_why")
		b.WriteString(`">`)
		t("console.queue.take_next")
		b.WriteString(`</a>`)
	}
	b.WriteString("</h1>\n  ")
	if d.Error != "" {
		b.WriteString(`<p class="form-error" role="alert">`)
		escapeHTML(&b, d.Error)
		b.WriteString(`</p>`)
	}
	b.WriteString("\n  <form class=\"filters\" method=\"get\" action=\"/queue\">\n    <label>")
	t("web.field.search")
	b.WriteString(`<input type="search" name="q" value="`)
	escapeHTML(&b, q("q"))
	b.WriteString("\" data-slash></label>\n    <label>")
	t("web.field.status")
	b.WriteString("<select name=\"status\">\n      ")
	status := q("status")
	fixed := func(value, key string) {
		b.WriteString(`<option value="`)
		b.WriteString(value)
		b.WriteString(`"`)
		if status == value {
			b.WriteString(` selected`)
		}
		b.WriteString(`>`)
		t(key)
		b.WriteString(`</option>`)
	}
	fixed("open", "web.queue.open")
	b.WriteString("\n      ")
	fixed("overdue", "web.queue.overdue")
	b.WriteString("\n      ")
	fixed("all", "web.queue.all")
	b.WriteString("\n      ")
	b.WriteString(string(p.StatusOptions(d.Statuses, status)))
	b.WriteString("\n    </select></label>\n    ")
	anyOption := func() {
		b.WriteString(`<option value="">`)
		t("web.any")
		b.WriteString("</option>\n      ")
	}
	if !d.Actor.Role.AgencyBound() {
		b.WriteString(`<label>`)
		t("web.field.agency")
		b.WriteString(`<select name="agency">`)
		anyOption()
		b.WriteString(string(d.AgencyOptions()))
		b.WriteString(`</select></label>`)
	}
	b.WriteString("\n    <label>")
	t("web.field.category")
	b.WriteString(`<select name="category">`)
	anyOption()
	b.WriteString(string(d.CategoryOptions()))
	b.WriteString("</select></label>\n    <label>")
	t("web.field.kecamatan")
	b.WriteString(`<select name="kecamatan">`)
	anyOption()
	b.WriteString(string(d.KecamatanOptions()))
	b.WriteString("</select></label>\n    <label>")
	t("web.field.channel")
	b.WriteString(`<select name="channel">`)
	anyOption()
	b.WriteString(string(p.ChannelOptions(d.Channels, q("channel"))))
	b.WriteString("</select></label>\n    <label>")
	t("console.queue.sort")
	b.WriteString("<select name=\"sort\">\n      <option value=\"\">")
	t("console.queue.sort_urgent")
	b.WriteString("</option>\n      <option value=\"new\"")
	if q("sort") == "new" {
		b.WriteString(` selected`)
	}
	b.WriteString(`>`)
	t("console.queue.sort_new")
	b.WriteString("</option>\n      ")
	if cs := d.ColumnSort(); cs != "" {
		b.WriteString(`<option value="`)
		escapeHTML(&b, cs)
		b.WriteString(`" selected>`)
		t("desk.queue.sort_column")
		b.WriteString(`</option>`)
	}
	b.WriteString("</select></label>\n    <label class=\"check\"><input type=\"checkbox\" name=\"priority\" value=\"darurat\"")
	if q("priority") == "darurat" {
		b.WriteString(` checked`)
	}
	b.WriteString(`> `)
	t("console.queue.only_darurat")
	b.WriteString("</label>\n    <label>")
	t("web.field.from")
	b.WriteString(`<input type="date" name="from" value="`)
	escapeHTML(&b, q("from"))
	b.WriteString("\"></label>\n    <label>")
	t("web.field.to")
	b.WriteString(`<input type="date" name="to" value="`)
	escapeHTML(&b, q("to"))
	b.WriteString("\"></label>\n    <button type=\"submit\">")
	t("web.filter")
	b.WriteString("</button>\n  </form>")
	return template.HTML(b.String())
}

// QueueBlock is the queue's rows with their table's header and the paging
// line: what a live refresh replaces (the fragment queue-rows).
func (p *Page) QueueBlock(d *queueData) template.HTML {
	var b strings.Builder
	b.Grow(2048 + len(d.Items)*1400)
	t := func(key string) { escapeHTML(&b, p.T(key)) }
	b.WriteString("\n<div id=\"queue-rows\" hx-get=\"")
	escapeHTML(&b, d.Self)
	b.WriteString(`" hx-trigger="live from:body" hx-target="#queue-rows" hx-swap="outerHTML" data-max-id="`)
	b.WriteString(strconv.FormatInt(d.MaxID, 10))
	b.WriteString("\">\n<table class=\"queue\">\n  \n  <thead><tr>")
	sortLink := func(key, label string) {
		b.WriteString(`<a href="`)
		urlAttr(&b, d.SortHref(key), false)
		b.WriteString(`" class="sort" id="sort-`)
		b.WriteString(key)
		b.WriteString(`">`)
		t(label)
		b.WriteString(string(d.SortMark(key)))
		b.WriteString(`</a>`)
	}
	th := func(sort string) {
		b.WriteString(`<th aria-sort="`)
		b.WriteString(sort)
		b.WriteString(`">`)
	}
	th(d.AriaSort("number", "priority"))
	sortLink("number", "web.col.number")
	b.WriteString(` · `)
	sortLink("priority", "web.field.priority")
	b.WriteString(`</th>`)
	th(d.AriaSort("received"))
	sortLink("received", "web.col.received")
	b.WriteString(`</th><th>`)
	t("web.col.caller")
	b.WriteString(`</th>`)
	th(d.AriaSort("category"))
	t("web.col.complaint")
	b.WriteString(` · `)
	sortLink("category", "web.field.category")
	b.WriteString(`</th><th>`)
	t("web.col.where")
	b.WriteString(`</th>`)
	th(d.AriaSort("agency"))
	sortLink("agency", "web.col.agency")
	b.WriteString(`</th><th>`)
	t("web.col.status")
	b.WriteString(`</th>`)
	th(d.AriaSort("due"))
	sortLink("due", "web.col.due")
	b.WriteString("</th></tr></thead>\n  <tbody>\n  ")
	if len(d.Items) > 0 {
		b.WriteString(string(p.QueueRows(d.Items, d.Actor)))
	} else {
		b.WriteString(`<tr><td colspan="8" class="empty">`)
		t("web.queue.empty")
		b.WriteString(`</td></tr>`)
	}
	b.WriteString("\n  </tbody>\n</table>\n<p class=\"paging\"><a href=\"")
	urlAttr(&b, d.Refresh, false)
	b.WriteString(`" class="muted">`)
	t("web.queue.refresh")
	b.WriteString(`</a> · <span class="exports">`)
	t("rep.web.export")
	b.WriteString(` <a href="`)
	urlAttr(&b, string(p.ExportHref("csv", d.Q)), true)
	b.WriteString(`" id="export-csv" data-export="export-progress">`)
	t("rep.web.export_csv")
	b.WriteString(`</a> / <a href="`)
	urlAttr(&b, string(p.ExportHref("xlsx", d.Q)), true)
	b.WriteString(`" id="export-xlsx" data-export="export-progress">`)
	t("rep.web.export_xlsx")
	b.WriteString(`</a></span>`)
	if d.Next != "" {
		b.WriteString(` · <a href="`)
		urlAttr(&b, d.Next, false)
		b.WriteString(`" rel="next">`)
		t("web.queue.next")
		b.WriteString(`</a>`)
	}
	b.WriteString("</p>\n</div>\n")
	return template.HTML(b.String())
}

// urlAttr writes s into a quoted link attribute as html/template does: a
// string whose scheme is not http, https or mailto becomes "#ZgotmplZ"
// (trusted, a template.URL, skips that check), bytes a URL may not hold
// are percent-encoded (lower-case hex, as html/template writes them), and
// the result is escaped for the attribute.
func urlAttr(b *strings.Builder, s string, trusted bool) {
	if !trusted {
		if scheme, _, ok := strings.Cut(s, ":"); ok && !strings.Contains(scheme, "/") &&
			!strings.EqualFold(scheme, "http") && !strings.EqualFold(scheme, "https") && !strings.EqualFold(scheme, "mailto") {
			b.WriteString("#ZgotmplZ")
			return
		}
	}
	var n strings.Builder
	const hex = "0123456789abcdef"
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("!#$&*+,/:;=?@[]-._~%", c) >= 0:
		default:
			n.WriteByte('%')
			n.WriteByte(hex[c>>4])
			n.WriteByte(hex[c&15])
			continue
		}
		n.WriteByte(c)
	}
	escapeHTML(b, n.String())
}
