package render

import (
	"bufio"
	"encoding/csv"
	"io"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/sheet"
	"github.com/xuri/excelize/v2"
)

// ComplaintWriter writes a list of complaints one row at a time: memory
// stays the same for ten rows or a million.
type ComplaintWriter interface {
	Write(c *aduan.Complaint) error
	// Close finishes the file (an XLSX is assembled here).
	Close() error
}

// exportColumns are the columns of a complaint export, as catalogue keys.
var exportColumns = []string{"rep.col.number", "rep.col.received", "rep.col.channel", "rep.col.status", "rep.col.category", "rep.col.agency",
	"rep.col.kecamatan", "rep.col.kelurahan", "rep.col.priority", "rep.col.confidentiality", "rep.col.text", "rep.col.address",
	"rep.col.citizen_name", "rep.col.citizen_phone", "rep.col.citizen_email", "rep.col.answer", "rep.col.answer_source",
	"rep.col.step_due", "rep.col.due", "rep.col.overdue", "rep.col.closed",
	// Last, so that a sheet built on the older columns still reads.
	"lapor.web.tracking_id"}

// exportRow renders one complaint as the actor may see it: identity only
// for the roles entitled to it, the content of a confidential complaint
// only for those who handle it.
func exportRow(c *aduan.Complaint, a aduan.Actor, lang i18n.Lang, now time.Time, loc *time.Location) []string {
	t := func(k string) string { return i18n.T(lang, k) }
	// The city's wall-clock time (the time_zone setting), as a sheet
	// reads it: 2026-11-02 09:10.
	fmtTime := func(v time.Time) string { return v.In(loc).Format("2006-01-02 15:04") }
	text, address, answer := c.Text, c.Address, c.Answer
	if !a.CanSeeContent(c) {
		text, address, answer = t("label.confidential"), "", ""
	}
	var name, phone, email string
	if c.Citizen != nil {
		if a.CanSeeIdentity(c) {
			name, phone, email = c.Citizen.Name, string(c.Citizen.Phone), c.Citizen.Email
		} else {
			name = t("label.hidden")
		}
	}
	step, due, overdue, closed := "", "", "", ""
	if c.Clock.Step != "" {
		step = t("step." + string(c.Clock.Step))
		if c.Clock.Deadline != nil && c.Clock.PausedSince == nil {
			due = fmtTime(*c.Clock.Deadline)
			if now.After(*c.Clock.Deadline) {
				overdue = t("rep.yes")
			}
		} else if c.Clock.PausedSince != nil {
			due = t("label.paused")
		}
	}
	if c.ClosedAt != nil {
		closed = fmtTime(*c.ClosedAt)
	}
	src := ""
	if c.AnswerSource != "" {
		src = t("source." + string(c.AnswerSource))
	}
	return []string{c.Number, fmtTime(c.ReceivedAt), t("channel." + string(c.Channel)), t("status." + string(c.Status)), c.CategoryName,
		c.AgencyName, c.KecamatanName, c.KelurahanName, t("priority." + string(c.Priority)), t("conf." + string(c.Confidentiality)),
		text, address, name, phone, email, answer, src, step, due, overdue, closed, c.LaporTrackingID}
}

// timeColumns hold the city's wall-clock time without an offset (a sheet
// cell has none); their headings name the zone, so that a sheet read in
// another zone, or handed to LAPOR! in Jakarta, is not read an hour off.
var timeColumns = map[string]bool{"rep.col.received": true, "rep.col.due": true, "rep.col.closed": true}

func exportHeader(lang i18n.Lang, now time.Time, loc *time.Location) []string {
	zone := i18n.ZoneName(now.In(loc))
	h := make([]string, len(exportColumns))
	for i, k := range exportColumns {
		h[i] = i18n.T(lang, k)
		if timeColumns[k] {
			h[i] += " (" + zone + ")"
		}
	}
	return h
}

type csvWriter struct {
	buf   *bufio.Writer
	w     *csv.Writer
	actor aduan.Actor
	lang  i18n.Lang
	now   time.Time
	loc   *time.Location
}

// NewCSV starts a CSV export on w: UTF-8 with a byte-order mark (so that
// spreadsheet programs read Indonesian text right), a header row, CRLF line
// ends. Cells that a spreadsheet would run as a formula are neutralised
// (sheet.Neutralize).
func NewCSV(w io.Writer, actor aduan.Actor, lang i18n.Lang, now time.Time, loc *time.Location) (ComplaintWriter, error) {
	buf := bufio.NewWriterSize(w, 64<<10)
	if _, err := buf.WriteString("\ufeff"); err != nil {
		return nil, err
	}
	cw := csv.NewWriter(buf)
	cw.UseCRLF = true
	if err := cw.Write(exportHeader(lang, now, loc)); err != nil {
		return nil, err
	}
	return &csvWriter{buf: buf, w: cw, actor: actor, lang: lang, now: now, loc: loc}, nil
}

func (c *csvWriter) Write(cm *aduan.Complaint) error {
	row := exportRow(cm, c.actor, c.lang, c.now, c.loc)
	for i, v := range row {
		row[i] = sheet.Neutralize(v)
	}
	return c.w.Write(row)
}

func (c *csvWriter) Close() error {
	c.w.Flush()
	if err := c.w.Error(); err != nil {
		return err
	}
	return c.buf.Flush()
}

type xlsxWriter struct {
	f     *excelize.File
	sw    *excelize.StreamWriter
	out   io.Writer
	row   int
	actor aduan.Actor
	lang  i18n.Lang
	now   time.Time
	loc   *time.Location
}

// NewXLSX starts an XLSX export written to w on Close. excelize's stream
// writer keeps the rows in a temporary file, not in memory.
func NewXLSX(w io.Writer, actor aduan.Actor, lang i18n.Lang, now time.Time, loc *time.Location) (ComplaintWriter, error) {
	f := excelize.NewFile()
	name := i18n.T(lang, "rep.x.complaints")
	if err := f.SetSheetName("Sheet1", name); err != nil {
		f.Close()
		return nil, err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		f.Close()
		return nil, err
	}
	x := &xlsxWriter{f: f, sw: sw, out: w, row: 1, actor: actor, lang: lang, now: now, loc: loc}
	widths := []float64{18, 17, 11, 16, 24, 28, 14, 16, 9, 11, 60, 30, 20, 16, 22, 50, 16, 20, 17, 9, 17}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			f.Close()
			return nil, err
		}
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		f.Close()
		return nil, err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		f.Close()
		return nil, err
	}
	h := exportHeader(lang, x.now, x.loc)
	cells := make([]any, len(h))
	for i, v := range h {
		cells[i] = excelize.Cell{StyleID: bold, Value: v}
	}
	if err := sw.SetRow("A1", cells); err != nil {
		f.Close()
		return nil, err
	}
	return x, nil
}

func (x *xlsxWriter) Write(c *aduan.Complaint) error {
	x.row++
	vals := exportRow(c, x.actor, x.lang, x.now, x.loc)
	cells := make([]any, len(vals))
	for i, v := range vals {
		// An XLSX keeps these as text cells, which are not evaluated on
		// opening; neutralised all the same, since one edit of the cell or
		// a save as CSV would turn a citizen's "=..." into a formula.
		cells[i] = sheet.Neutralize(v)
	}
	cell, _ := excelize.CoordinatesToCellName(1, x.row)
	return x.sw.SetRow(cell, cells)
}

func (x *xlsxWriter) Close() error {
	defer x.f.Close()
	if err := x.sw.Flush(); err != nil {
		return err
	}
	return x.f.Write(x.out)
}
