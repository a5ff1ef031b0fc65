package render

import (
	"bytes"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
)

// Letter is an official letter or register of the city on its letterhead
// (the PPID's written notices and registers): a title, its number and
// date, labelled rows, paragraphs, an optional table, and who signs.
type Letter struct {
	Settings Settings
	Lang     i18n.Lang
	Title    string
	Number   string // empty: none
	Date     time.Time
	Rows     [][2]string
	Body     []string
	// Table, if set, is drawn after the body: headers, column widths as
	// fractions of the page body, one align letter per column (L, C, R).
	Table *LetterTable
	// Signer is the signature block's lines (the office, then the name).
	Signer []string
}

// LetterTable is a letter's table.
type LetterTable struct {
	Headers []string
	Widths  []float64
	Aligns  string
	Rows    [][]string
}

// LetterPDF renders a letter as an A4 PDF. The creation date is the
// letter's own, so the same letter renders to the same bytes.
func LetterPDF(l *Letter) ([]byte, error) {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCompression(true)
	p.SetCatalogSort(true)
	p.SetCreationDate(l.Date)
	p.SetModificationDate(l.Date)
	p.SetProducer("aduan", true)
	p.SetTitle(l.Title, true)
	p.AddUTF8FontFromBytes(family, "", fontRegular)
	p.AddUTF8FontFromBytes(family, "B", fontBold)
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(true, 20)
	p.AliasNbPages("{nb}")
	pd := &pdfDoc{Doc: &Doc{Report: &report.Report{Title: l.Title}, Settings: l.Settings, Lang: l.Lang}, p: p}
	p.SetFooterFunc(func() {
		p.SetY(footerY)
		pd.font("", 7.5, colMuted)
		p.CellFormat(bodyW/2, 4, l.Number, "", 0, "L", false, 0, "")
		p.CellFormat(bodyW/2, 4, pd.t("rep.pdf.page", p.PageNo(), "{nb}"), "", 0, "R", false, 0, "")
	})
	p.AddPage()
	pd.kop()
	pd.font("B", 12, colInk)
	p.MultiCell(bodyW, 6, l.Title, "", "C", false)
	pd.font("", fontSz, colInk)
	if l.Number != "" {
		p.CellFormat(bodyW, lineH, i18n.T(l.Lang, "rep.letter.number", l.Number), "", 1, "C", false, 0, "")
	}
	p.CellFormat(bodyW, lineH, i18n.T(l.Lang, "rep.letter.date", i18n.Date(l.Lang, l.Date)), "", 1, "C", false, 0, "")
	p.Ln(4)
	pd.kvRows(l.Rows)
	for _, para := range l.Body {
		p.Ln(2)
		p.MultiCell(bodyW, lineH, para, "", "L", false)
	}
	if t := l.Table; t != nil {
		p.Ln(3)
		pd.table(t.Headers, t.Widths, t.Aligns, t.Rows)
	}
	if len(l.Signer) > 0 {
		p.Ln(8)
		x := margin + bodyW*0.55
		for i, s := range l.Signer {
			if i == len(l.Signer)-1 {
				p.Ln(14)
				pd.font("B", fontSz, colInk)
			}
			p.SetX(x)
			p.MultiCell(bodyW*0.45, lineH, s, "", "L", false)
		}
	}
	if err := p.Error(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
