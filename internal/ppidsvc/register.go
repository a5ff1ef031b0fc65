package ppidsvc

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report/render"
	"github.com/kotakita/aduan/internal/sheet"
	"github.com/xuri/excelize/v2"
)

// The registers (buku register) of requests and of objections, as the
// PPID keeps them: one row per request, in the reader's language. The rows
// carry the requester's identity only where the reader's role sees it (the
// store hid it before).

// Books are the registers.
const (
	BookRequests   = "permohonan"
	BookObjections = "keberatan"
)

// Table is a register as rows under a header.
type Table struct {
	Title   string
	Headers []string
	Rows    [][]string
	// PDF names the columns an A4 page has room for, with their widths
	// (fractions of the page's body); the CSV and XLSX carry them all.
	PDFCols   []int
	PDFWidths []float64
}

// Register builds a register of rs at now.
func Register(book string, rs []*aduan.InfoRequest, now time.Time, lang i18n.Lang) (*Table, error) {
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	dt := func(p *time.Time) string {
		if p == nil {
			return ""
		}
		return i18n.DateTime(lang, *p)
	}
	yes := func(b bool) string {
		if b {
			return t("ppid.reg.yes")
		}
		return ""
	}
	switch book {
	case BookRequests:
		tb := &Table{Title: t("ppid.reg.requests"), Headers: []string{t("web.ppid.number"), t("web.ppid.received"), t("web.ppid.requester"),
			t("web.ppid.address"), t("web.ppid.contact"), t("web.ppid.information"), t("web.ppid.purpose"), t("web.ppid.medium"),
			t("web.ppid.agency"), t("web.ppid.due"), t("web.ppid.decision"), t("ppid.reg.decided_at"), t("web.ppid.ground"), t("web.ppid.late")},
			PDFCols: []int{0, 1, 2, 5, 8, 10, 13}, PDFWidths: []float64{.17, .15, .14, .2, .14, .14, .06}}
		for _, r := range rs {
			decision, ground := "", ""
			if r.Decision != "" {
				decision = t("ppid.decision." + string(r.Decision))
			}
			if r.Ground != "" {
				ground = t("web.ppid.ground_letter", r.Ground)
			}
			late := r.AnsweredLate() || r.Overdue(now)
			tb.Rows = append(tb.Rows, []string{r.Number, i18n.DateTime(lang, r.ReceivedAt), r.Name, r.Address, string(r.Phone) + " " + r.Email,
				r.Information, r.Purpose, t("ppid.medium." + r.Medium), agencyOf(r), i18n.DateTime(lang, r.DueAt), decision, dt(r.DecidedAt), ground, yes(late)})
		}
		return tb, nil
	case BookObjections:
		tb := &Table{Title: t("ppid.reg.objections"), Headers: []string{t("web.ppid.number"), t("ppid.reg.objected_at"), t("web.ppid.requester"),
			t("web.ppid.objection_reason"), t("web.ppid.objection_text"), t("web.ppid.objection_due"), t("web.ppid.answer"), t("ppid.reg.answered_at"),
			t("ppid.reg.result"), "Komisi Informasi"},
			PDFCols: []int{0, 1, 2, 3, 5, 7, 8}, PDFWidths: []float64{.17, .14, .14, .17, .14, .14, .1}}
		for _, r := range rs {
			if r.ObjectedAt == nil {
				continue
			}
			result := ""
			if r.ObjectionAnsweredAt != nil {
				result = t("web.ppid.not_upheld")
				if r.ObjectionUpheld {
					result = t("web.ppid.upheld")
				}
			}
			tb.Rows = append(tb.Rows, []string{r.Number, dt(r.ObjectedAt), r.Name, t("ppid.objection." + r.ObjectionReason), r.ObjectionText,
				dt(r.ObjectionDueAt), r.ObjectionAnswer, dt(r.ObjectionAnsweredAt), result, r.CommissionRef + " " + r.CommissionOutcome})
		}
		return tb, nil
	}
	return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.route")
}

func agencyOf(r *aduan.InfoRequest) string {
	if r.AgencyName != "" {
		return r.AgencyName
	}
	return "PPID Utama"
}

// WriteCSV writes the table as CSV (UTF-8 with BOM, CRLF, for Excel), each
// cell neutralised so a text typed by a requester never runs as a
// formula.
func (tb *Table) WriteCSV(w io.Writer) error {
	buf := bufio.NewWriter(w)
	if _, err := buf.WriteString("\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(buf)
	cw.UseCRLF = true
	for _, row := range append([][]string{tb.Headers}, tb.Rows...) {
		out := make([]string, len(row))
		for i, v := range row {
			out[i] = sheet.Neutralize(v)
		}
		if err := cw.Write(out); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return buf.Flush()
}

// WriteXLSX writes the table as one sheet, header bold and frozen.
func (tb *Table) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	name := "Register"
	if err := f.SetSheetName("Sheet1", name); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	for i, row := range append([][]string{tb.Headers}, tb.Rows...) {
		cells := make([]any, len(row))
		for j, v := range row {
			cells[j] = sheet.Neutralize(v)
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(name, cell, &cells); err != nil {
			return err
		}
	}
	last, _ := excelize.CoordinatesToCellName(len(tb.Headers), 1)
	if err := f.SetCellStyle(name, "A1", last, bold); err != nil {
		return err
	}
	if err := f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	return f.Write(w)
}

// PDF renders the table on the city's letterhead, dated now.
func (tb *Table) PDF(set render.Settings, now time.Time, lang i18n.Lang) ([]byte, error) {
	pick := func(row []string) []string {
		out := make([]string, len(tb.PDFCols))
		for i, c := range tb.PDFCols {
			out[i] = row[c]
		}
		return out
	}
	lt := &render.LetterTable{Headers: pick(tb.Headers), Widths: tb.PDFWidths, Aligns: strings.Repeat("L", len(tb.PDFCols))}
	for _, r := range tb.Rows {
		lt.Rows = append(lt.Rows, pick(r))
	}
	l := &render.Letter{Settings: set, Lang: lang, Title: tb.Title, Date: now,
		Body: []string{i18n.T(lang, "ppid.reg.count", len(tb.Rows)), i18n.T(lang, "ppid.reg.pdf_note")}, Table: lt}
	return render.LetterPDF(l)
}

// Write writes the table in format (csv, xlsx, pdf) and returns its
// content type.
func (tb *Table) Write(w io.Writer, format string, set render.Settings, now time.Time, lang i18n.Lang) (string, error) {
	switch format {
	case "csv":
		return "text/csv; charset=utf-8", tb.WriteCSV(w)
	case "xlsx":
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", tb.WriteXLSX(w)
	case "pdf":
		b, err := tb.PDF(set, now, lang)
		if err != nil {
			return "", err
		}
		_, err = w.Write(b)
		return "application/pdf", err
	}
	return "", aduan.Errorf(aduan.ENOTFOUND, "err.not_found.route")
}

// FileName is the register's file name.
func FileName(book string, year int, format string) string {
	return fmt.Sprintf("register-%s-%d.%s", book, year, format)
}
