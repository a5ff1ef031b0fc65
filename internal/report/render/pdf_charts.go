// PDF charts, drawn with lines and rectangles: horizontal bars, a line of
// days, bars grouped by period, and the kecamatan heat table.

package render

import (
	"github.com/kotakita/aduan/internal/report"
)

// hbars draws a horizontal bar chart of percentages (0–100): one bar per
// label, the value printed after it, coloured by whether it reaches good.
func (pd *pdfDoc) hbars(title string, labels []string, values []float64, good float64) {
	p := pd.p
	if len(labels) == 0 {
		return
	}
	const minRowH, labelW, labelLineH = 5.5, 55.0, 2.6
	// A long label (an agency's full name) wraps and makes its row taller.
	rowH := make([]float64, len(labels))
	total := 0.0
	for i, l := range labels {
		_, lines := pd.fitText(l, "", 7.5, labelW-2)
		rowH[i] = max(minRowH, float64(len(lines))*labelLineH+1)
		total += rowH[i]
	}
	if p.GetY()+total+14 > pageH-22 {
		p.AddPage()
	}
	pd.font("B", 8.5, colInk)
	p.CellFormat(bodyW, 5, title, "", 1, "L", false, 0, "")
	x0, y := margin+labelW, p.GetY()+1
	plotW := bodyW - labelW - 18
	p.SetDrawColor(colRule[0], colRule[1], colRule[2])
	p.SetLineWidth(0.1)
	for _, g := range []float64{0, 25, 50, 75, 100} {
		x := x0 + plotW*g/100
		p.Line(x, y, x, y+total)
		pd.font("", 6.5, colMuted)
		p.Text(x-2, y+total+3, pd.num(int(g)))
	}
	yy := y
	for i, l := range labels {
		h := rowH[i]
		size, lines := pd.fitText(l, "", 7.5, labelW-2)
		pd.font("", size, colInk)
		if len(lines) == 1 {
			p.SetXY(margin, yy)
			p.CellFormat(labelW-2, h, l, "", 0, "R", false, 0, "")
		} else {
			for j, line := range lines {
				p.SetXY(margin, yy+0.5+float64(j)*labelLineH)
				p.CellFormat(labelW-2, labelLineH, line, "", 0, "R", false, 0, "")
			}
		}
		v := values[i]
		c := colBad
		if v >= good {
			c = colGood
		}
		p.SetFillColor(c[0], c[1], c[2])
		if v > 0 {
			p.Rect(x0, yy+(h-minRowH)/2+1, plotW*v/100, minRowH-2, "F")
		}
		pd.font("", 7.5, colInk)
		p.SetXY(x0+plotW*v/100+1, yy)
		p.CellFormat(16, h, pd.pct(v), "", 0, "L", false, 0, "")
		yy += h
	}
	p.SetXY(margin, y+total+5)
	pd.font("", fontSz, colInk)
}

// lineChart draws counts per day as a line with markers over a grid.
func (pd *pdfDoc) lineChart(title string, days []report.DayCount) {
	p := pd.p
	if len(days) == 0 {
		return
	}
	const h = 45.0
	if p.GetY()+h+16 > pageH-22 {
		p.AddPage()
	}
	pd.font("B", 8.5, colInk)
	p.CellFormat(bodyW, 5, title, "", 1, "L", false, 0, "")
	x0, y0 := margin+10, p.GetY()+2
	w := bodyW - 12
	max := 0
	for _, d := range days {
		if d.N > max {
			max = d.N
		}
	}
	top := niceMax(max)
	p.SetLineWidth(0.1)
	p.SetDrawColor(colRule[0], colRule[1], colRule[2])
	for i := 0; i <= 4; i++ {
		y := y0 + h - h*float64(i)/4
		p.Line(x0, y, x0+w, y)
		pd.font("", 6.5, colMuted)
		p.Text(margin, y+1, pd.num(top*i/4))
	}
	step := w / float64(max1(len(days)-1, 1))
	pt := func(i int) (float64, float64) {
		x := x0 + float64(i)*step
		if len(days) == 1 {
			x = x0 + w/2
		}
		return x, y0 + h - h*float64(days[i].N)/float64(top)
	}
	p.SetDrawColor(colBar[0], colBar[1], colBar[2])
	p.SetFillColor(colBar[0], colBar[1], colBar[2])
	p.SetLineWidth(0.5)
	for i := range days {
		x, y := pt(i)
		if i > 0 {
			px, py := pt(i - 1)
			p.Line(px, py, x, y)
		}
		p.Circle(x, y, 0.7, "F")
	}
	pd.font("", 6.5, colMuted)
	every := max1(len(days)/10, 1)
	for i, d := range days {
		if i%every != 0 && i != len(days)-1 {
			continue
		}
		x, _ := pt(i)
		label := d.Day[8:]
		p.Text(x-1.5, y0+h+4, label)
	}
	p.SetXY(margin, y0+h+7)
	p.SetLineWidth(0.2)
	pd.font("", fontSz, colInk)
}

// groupedBars draws two counts per label as side-by-side vertical bars:
// this period and the previous one.
func (pd *pdfDoc) groupedBars(title string, labels []string, now, prev []int, nowLabel, prevLabel string) {
	p := pd.p
	if len(labels) == 0 {
		return
	}
	const h = 40.0
	if p.GetY()+h+20 > pageH-22 {
		p.AddPage()
	}
	pd.font("B", 8.5, colInk)
	p.CellFormat(bodyW, 5, title, "", 1, "L", false, 0, "")
	x0, y0 := margin+10, p.GetY()+2
	w := bodyW - 12
	max := 0
	for i := range labels {
		max = max1(max, max1(now[i], prev[i]))
	}
	top := niceMax(max)
	p.SetLineWidth(0.1)
	p.SetDrawColor(colRule[0], colRule[1], colRule[2])
	for i := 0; i <= 4; i++ {
		y := y0 + h - h*float64(i)/4
		p.Line(x0, y, x0+w, y)
		pd.font("", 6.5, colMuted)
		p.Text(margin, y+1, pd.num(top*i/4))
	}
	slot := w / float64(len(labels))
	bw := slot * 0.3
	labelLines := 1
	for i, l := range labels {
		x := x0 + slot*float64(i) + slot*0.18
		for j, v := range []int{now[i], prev[i]} {
			c := colBar
			if j == 1 {
				c = colBarAlt
			}
			bh := h * float64(v) / float64(top)
			p.SetFillColor(c[0], c[1], c[2])
			if bh > 0 {
				p.Rect(x+float64(j)*bw, y0+h-bh, bw, bh, "F")
			}
			pd.font("", 6, colInk)
			p.Text(x+float64(j)*bw+0.5, y0+h-bh-1, pd.num(v))
		}
		size, lines := pd.fitText(l, "", 7, slot)
		pd.font("", size, colInk)
		for j, line := range lines {
			p.SetXY(x0+slot*float64(i), y0+h+1+float64(j)*2.6)
			p.CellFormat(slot, 4, line, "", 0, "C", false, 0, "")
		}
		if len(lines) > labelLines {
			labelLines = len(lines)
		}
	}
	// Legend, under the labels however many lines they took.
	ly := y0 + h + 7 + float64(labelLines-1)*2.6
	for j, l := range []string{nowLabel, prevLabel} {
		c := colBar
		if j == 1 {
			c = colBarAlt
		}
		lx := margin + 10 + float64(j)*60
		p.SetFillColor(c[0], c[1], c[2])
		p.Rect(lx, ly, 3, 3, "F")
		pd.font("", 7, colInk)
		p.Text(lx+4, ly+2.6, l)
	}
	p.SetXY(margin, ly+6)
	pd.font("", fontSz, colInk)
}

// heatTable is the map-like table by kecamatan: each kecamatan a cell whose
// shade grows with its number of complaints.
func (pd *pdfDoc) heatTable(rows []report.KecamatanRow) {
	p := pd.p
	if len(rows) == 0 {
		return
	}
	const cols = 4
	cw, ch := bodyW/cols, 14.0
	n := (len(rows) + cols - 1) / cols
	if p.GetY()+float64(n)*ch+4 > pageH-22 {
		p.AddPage()
	}
	max := 1
	for _, r := range rows {
		max = max1(max, r.N)
	}
	y0 := p.GetY()
	p.SetDrawColor(255, 255, 255)
	p.SetLineWidth(0.6)
	for i, r := range rows {
		x := margin + cw*float64(i%cols)
		y := y0 + ch*float64(i/cols)
		f := float64(r.N) / float64(max)
		// From a pale to a deep blue.
		cr, cg, cb := int(222-f*(222-8)), int(235-f*(235-69)), int(247-f*(247-148))
		p.SetFillColor(cr, cg, cb)
		p.Rect(x, y, cw, ch, "FD")
		ink := colInk
		if f > 0.55 {
			ink = [3]int{255, 255, 255}
		}
		size, lines := pd.fitText(pd.kecName(r), "B", 7.5, cw-2)
		pd.font("B", size, ink)
		for j, line := range lines[:min(len(lines), 2)] {
			p.SetXY(x+1, y+1+float64(j)*3)
			p.CellFormat(cw-2, 4, line, "", 0, "L", false, 0, "")
		}
		pd.font("", 7, ink)
		p.SetXY(x+1, y+5.5+float64(min(len(lines), 2)-1)*3)
		p.CellFormat(cw-2, 3.5, pd.t("rep.kec.cell", pd.num(r.N), pd.num(r.Open), pd.num(r.Overdue)), "", 0, "L", false, 0, "")
	}
	p.SetXY(margin, y0+float64(n)*ch+2)
	p.SetLineWidth(0.2)
	pd.font("", fontSz, colInk)
}

// niceMax is the top of an axis with four steps of a round size
// (1, 2 or 5 times a power of ten) that covers v.
func niceMax(v int) int {
	if v <= 4 {
		return 4
	}
	for p := 1; ; p *= 10 {
		for _, m := range []int{1, 2, 5} {
			if step := m * p; step*4 >= v {
				return step * 4
			}
		}
	}
}

func max1(a, b int) int {
	if a > b {
		return a
	}
	return b
}
