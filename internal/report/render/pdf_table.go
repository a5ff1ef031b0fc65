// PDF tables: a cell's text shrinks, then wraps, to keep every name whole;
// rows grow to fit.

package render

import (
	"strings"
)

// table draws rows under a header, repeating the header on a new page.
// Widths are fractions of the body width; aligns has one letter per column.
func (pd *pdfDoc) table(headers []string, widths []float64, aligns string, rows [][]string) {
	p := pd.p
	w := make([]float64, len(widths))
	for i, f := range widths {
		w[i] = f * bodyW
	}
	header := func() {
		pd.font("B", 8, colInk)
		p.SetFillColor(colHead[0], colHead[1], colHead[2])
		p.SetDrawColor(colRule[0], colRule[1], colRule[2])
		p.SetLineWidth(0.2)
		pd.row(w, 6, headers, "B", aligns, true)
		pd.font("", 8, colInk)
	}
	// Never leave a header alone at the foot of a page.
	if p.GetY()+6+5.5*float64(min(len(rows), 2)) > pageH-22 {
		p.AddPage()
	}
	header()
	if len(rows) == 0 {
		p.CellFormat(bodyW, 5.5, pd.t("rep.none"), "1", 1, "C", false, 0, "")
		return
	}
	for _, row := range rows {
		if p.GetY()+pd.rowHeight(w, 5.5, row, "") > pageH-22 {
			p.AddPage()
			header()
		}
		pd.row(w, 5.5, row, "", aligns, false)
	}
}

// Table text: a cell's text shrinks from 8 pt down to minCellSize to stay
// on one line; text still too long wraps onto more lines at that size
// (a taller row), never cut: every agency's and category's full name is
// on the page.
const (
	cellSize    = 8.0
	minCellSize = 6.0
	wrapLineH   = 2.5
)

// cellText is how text is set in a cell of width w: its size, and its
// lines (one, unless it wraps). It leaves the font at that size.
func (pd *pdfDoc) cellText(text, style string, w float64) (float64, []string) {
	return pd.fitText(text, style, cellSize, w)
}

// fitText is cellText from size down: the labels of the charts wrap the
// same way.
func (pd *pdfDoc) fitText(text, style string, size, w float64) (float64, []string) {
	p := pd.p
	for ; size >= minCellSize; size -= 0.5 {
		p.SetFont(family, style, size)
		if p.GetStringWidth(text) <= w-2 {
			return size, []string{text}
		}
	}
	// Wrapped at 6 pt, or smaller while one word alone (a column heading
	// such as "Dikembalikan") is wider than the cell: a word is broken
	// only when even 4.5 pt cannot hold it.
	size = minCellSize
	for ; size > 4.5; size -= 0.5 {
		p.SetFont(family, style, size)
		if pd.longestWord(text) <= w-2 {
			break
		}
	}
	p.SetFont(family, style, size)
	return size, p.SplitText(text, w)
}

// longestWord is the width of text's widest word in the current font.
func (pd *pdfDoc) longestWord(text string) float64 {
	widest := 0.0
	for _, word := range strings.Fields(text) {
		widest = max(widest, pd.p.GetStringWidth(word))
	}
	return widest
}

// rowHeight is the height of a table row: h, or more when a cell wraps.
func (pd *pdfDoc) rowHeight(w []float64, h float64, cells []string, style string) float64 {
	for i, c := range cells {
		if _, lines := pd.cellText(c, style, w[i]); len(lines) > 1 {
			h = max(h, float64(len(lines))*wrapLineH+1)
		}
	}
	return h
}

// row draws one table row of bordered cells at least h high, then moves
// below it.
func (pd *pdfDoc) row(w []float64, h float64, cells []string, style, aligns string, fill bool) {
	p := pd.p
	rh := pd.rowHeight(w, h, cells, style)
	x, y := margin, p.GetY()
	for i, c := range cells {
		_, lines := pd.cellText(c, style, w[i])
		if len(lines) == 1 {
			p.SetXY(x, y)
			p.CellFormat(w[i], rh, c, "1", 0, align(aligns, i), fill, 0, "")
		} else {
			mode := "D"
			if fill {
				mode = "FD"
			}
			p.Rect(x, y, w[i], rh, mode)
			top := y + (rh-float64(len(lines))*wrapLineH)/2
			for j, l := range lines {
				p.SetXY(x, top+float64(j)*wrapLineH)
				p.CellFormat(w[i], wrapLineH, l, "", 0, align(aligns, i), false, 0, "")
			}
		}
		x += w[i]
	}
	p.SetXY(margin, y+rh)
}

func align(aligns string, i int) string {
	if i < len(aligns) {
		return string(aligns[i])
	}
	return "L"
}
