package web

import (
	"fmt"
	"html/template"
	"math"
	"strings"
)

// Charts are drawn on the server as SVG: no chart script, no inline styles
// (the Content-Security-Policy forbids them), readable without JavaScript
// and printable. Colours come from the stylesheet through classes.

// BarItem is one bar.
type BarItem struct {
	Label string
	Value float64
	Text  string // shown at the end of the bar; the value when empty
	Class string // ok, warn, bad…
	Href  string
}

func esc(s string) string { return template.HTMLEscapeString(s) }

// barChart draws horizontal bars, one per item, scaled to max (or to the
// largest value when max is 0). A bar without its own text is labelled
// with its value written by format (the reader's number format).
func barChart(items []BarItem, max float64, format func(float64) string) template.HTML {
	if len(items) == 0 {
		return ""
	}
	max = scaleMax(items, max)
	const rowH, labelW, barW, textW = 26, 270, 280, 110
	h := rowH*len(items) + 4
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart bars" viewBox="0 0 %d %d" %s xmlns="http://www.w3.org/2000/svg">`, labelW+barW+textW, h, chartName(items, format))
	for i, it := range items {
		y := i*rowH + 2
		w := it.Value / max * barW
		text, cls := barFace(it, format)
		label := it.Label
		if r := []rune(label); len(r) > 38 {
			label = string(r[:37]) + "…"
		}
		open, close := "", ""
		if it.Href != "" {
			open, close = fmt.Sprintf(`<a href="%s">`, esc(it.Href)), "</a>"
		}
		fmt.Fprintf(&b, `<g>%s<text x="%d" y="%d" class="label" text-anchor="end">%s</text>%s<rect x="%d" y="%d" width="%.1f" height="%d" rx="3" class="%s"><title>%s: %s</title></rect><text x="%.1f" y="%d" class="value">%s</text></g>`,
			open, labelW-8, y+17, esc(label), close, labelW, y+3, math.Max(w, 1), rowH-8, cls, esc(it.Label), esc(text), float64(labelW)+math.Max(w, 1)+6, y+17, esc(text))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// chartName gives a chart its accessible name: the figures it draws, as a
// screen reader would read a table ("DPUPR: 12; DLH: 7"). A chart whose
// bars are links is a group (its links stay reachable), any other an image.
func chartName(items []BarItem, format func(float64) string) template.HTMLAttr {
	parts := make([]string, len(items))
	role := "img"
	for i, it := range items {
		text := it.Text
		if text == "" {
			text = format(it.Value)
		}
		parts[i] = it.Label + ": " + text
		if it.Href != "" {
			role = "group"
		}
	}
	return template.HTMLAttr(fmt.Sprintf(`role="%s" aria-label="%s"`, role, esc(strings.Join(parts, "; "))))
}

// barFace is a bar's written figure (its own text, else its value by
// format) and its classes.
func barFace(it BarItem, format func(float64) string) (text, cls string) {
	text, cls = it.Text, "bar"
	if text == "" {
		text = format(it.Value)
	}
	if it.Class != "" {
		cls += " " + it.Class
	}
	return text, cls
}

// scaleMax is max, or the largest value when max is 0 (at least 1).
func scaleMax(items []BarItem, max float64) float64 {
	if max <= 0 {
		for _, it := range items {
			max = math.Max(max, it.Value)
		}
	}
	if max <= 0 {
		max = 1
	}
	return max
}

// stackedBars draws horizontal bars with each label above its bar: narrow
// enough for a phone (the citizens' pages), where labels beside the bars
// would shrink the text to nothing. Values are written by format, as in
// barChart.
func stackedBars(items []BarItem, max float64, format func(float64) string) template.HTML {
	if len(items) == 0 {
		return ""
	}
	max = scaleMax(items, max)
	const w, rowH, textW = 360, 40, 80
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart bars stacked" viewBox="0 0 %d %d" %s xmlns="http://www.w3.org/2000/svg">`, w, rowH*len(items), chartName(items, format))
	for i, it := range items {
		y := i * rowH
		bw := math.Max(it.Value/max*(w-textW), 1)
		text, cls := barFace(it, format)
		label := it.Label
		if r := []rune(label); len(r) > 56 {
			label = string(r[:55]) + "…"
		}
		fmt.Fprintf(&b, `<g><text x="0" y="%d" class="label">%s</text><rect x="0" y="%d" width="%.1f" height="14" rx="3" class="%s"><title>%s: %s</title></rect><text x="%.1f" y="%d" class="value">%s</text></g>`,
			y+13, esc(label), y+19, bw, cls, esc(it.Label), esc(text), bw+5, y+31, esc(text))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// columnChart draws a column chart w units wide with each value written by
// format (the reader's number format). Up to twelve columns (months) all
// get their label; more (days) get every fifth.
func columnChart(labels []string, values []float64, format func(float64) string, w int) template.HTML {
	if len(values) == 0 {
		return ""
	}
	max := 1.0
	for _, v := range values {
		max = math.Max(max, v)
	}
	const h, pad = 180, 28
	colW := float64(w-2*pad) / float64(len(values))
	var b strings.Builder
	items := make([]BarItem, len(values))
	for i, v := range values {
		items[i] = BarItem{Label: labels[i], Value: v}
	}
	fmt.Fprintf(&b, `<svg class="chart columns" viewBox="0 0 %d %d" %s xmlns="http://www.w3.org/2000/svg">`, w, h+24, chartName(items, format))
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" class="axis"/>`, pad, h, w-pad, h)
	fmt.Fprintf(&b, `<text x="%d" y="%d" class="label">%s</text>`, 2, pad-8, esc(format(max)))
	for i, v := range values {
		bh := v / max * float64(h-pad)
		x := float64(pad) + float64(i)*colW
		fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="bar"><title>%s: %s</title></rect>`,
			x+1, float64(h)-bh, math.Max(colW-2, 1), math.Max(bh, 0.5), esc(labels[i]), esc(format(v)))
		if len(values) <= 12 || len(values) <= 31 && (i%5 == 0 || i == len(values)-1) {
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" class="label">%s</text>`, x, h+16, esc(labels[i]))
		}
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

// barList draws bars as a list whose labels are HTML text: a long name
// (an agency's, written out) wraps instead of being clipped at the
// chart's edge, and a bar with an address is one ordinary link, its
// name and figure read together. Only the bar itself is drawn, as a small
// SVG, since the Content-Security-Policy forbids a style's width.
func barList(items []BarItem, max float64, format func(float64) string) template.HTML {
	if len(items) == 0 {
		return ""
	}
	max = scaleMax(items, max)
	var b strings.Builder
	b.WriteString(`<ul class="barlist">`)
	for _, it := range items {
		text, cls := barFace(it, format)
		open, close := `<span class="bl">`, `</span>`
		if it.Href != "" {
			open, close = fmt.Sprintf(`<a class="bl" href="%s">`, esc(it.Href)), `</a>`
		}
		fmt.Fprintf(&b, `<li>%s<span class="bl-label">%s</span><span class="bl-value">%s</span><svg class="bl-bar" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true"><rect x="0" y="0" width="%.1f" height="8" rx="1" class="%s"/></svg>%s</li>`,
			open, esc(it.Label), esc(text), math.Max(it.Value/max*100, 0.5), cls, close)
	}
	b.WriteString(`</ul>`)
	return template.HTML(b.String())
}
