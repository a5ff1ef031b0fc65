package render

import (
	"bytes"
	"fmt"
	"math"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/sheet"
	"github.com/xuri/excelize/v2"
)

// XLSX renders the report as a workbook: a summary sheet, one data sheet
// per table of the PDF, charts beside the data they draw, and the paraf.
// Numbers, percentages and dates are stored as numbers (not text) under a
// number format, so that the office can work with them and Excel or
// LibreOffice shows them the reader's way (1.234 and 75,0% on an
// Indonesian system); only the labels are in d.Lang.
func XLSX(d *Doc) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	stamp := parseRFC(d.Content.Submitted)
	if d.Report.ParafAt != nil && !d.Draft {
		stamp = *d.Report.ParafAt
	}
	if err := f.SetDocProps(&excelize.DocProperties{Title: d.Report.Title, Creator: "aduan", Created: stamp.UTC().Format(time.RFC3339),
		Modified: stamp.UTC().Format(time.RFC3339)}); err != nil {
		return nil, err
	}
	x := &xlsxDoc{Doc: d, f: f}
	if err := x.styles(); err != nil {
		return nil, err
	}
	first := d.t("rep.x.summary")
	if err := f.SetSheetName("Sheet1", first); err != nil {
		return nil, err
	}
	x.summary(first)
	if d.Daily != nil {
		x.daily()
	} else {
		x.monthly()
	}
	if x.err != nil {
		return nil, x.err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

type xlsxDoc struct {
	*Doc
	f    *excelize.File
	bold int
	// Number formats by kind of cell.
	count, percent, minutes, average, day, dateTime int
	err                                             error
}

// Cells that need more than their Go type to be written right.
type (
	// pct is a percentage as the figures hold it (0–100, one decimal); the
	// sheet stores the fraction under a 0.0% format, as spreadsheets
	// expect of a percentage.
	pct float64
	// mins is a duration in minutes, one decimal.
	mins float64
	// avg is an average score, two decimals.
	avg float64
	// day is a calendar day of the city given as YYYY-MM-DD.
	day string
	// wibTime is a moment, shown as date and time in the city's zone.
	wibTime time.Time
)

// styles makes the header and number styles. Counts use the built-in
// "#,##0" and dates the built-in short date (14) and date-time (22), which
// spreadsheet programs draw with the reader's own separators and date
// order; the percent and decimal formats are written with the neutral
// "." and "," of format codes, which are localised the same way.
func (x *xlsxDoc) styles() error {
	for _, s := range []struct {
		to    *int
		style excelize.Style
	}{
		{&x.bold, excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&x.count, excelize.Style{NumFmt: 3}},
		{&x.percent, excelize.Style{CustomNumFmt: ptr("0.0%")}},
		{&x.minutes, excelize.Style{CustomNumFmt: ptr("#,##0.0")}},
		{&x.average, excelize.Style{NumFmt: 2}},
		{&x.day, excelize.Style{NumFmt: 14}},
		{&x.dateTime, excelize.Style{NumFmt: 22}},
	} {
		id, err := x.f.NewStyle(&s.style)
		if err != nil {
			return err
		}
		*s.to = id
	}
	return nil
}

func ptr[T any](v T) *T { return &v }

// cellValue turns a row's value into what the sheet stores and the style
// of its number format (0: none, text stays as it is).
func (x *xlsxDoc) cellValue(v any) (any, int) {
	switch v := v.(type) {
	case int:
		return v, x.count
	case int64:
		return v, x.count
	case pct:
		return math.Round(float64(v)*10) / 1000, x.percent
	case mins:
		return float64(v), x.minutes
	case avg:
		return float64(v), x.average
	case day:
		// A calendar day has no zone: midnight as a zone-less moment.
		d, err := time.Parse("2006-01-02", string(v))
		if err != nil {
			return string(v), 0
		}
		return d, x.day
	case wibTime:
		return wallClock(time.Time(v)), x.dateTime
	case string:
		// Names of categories, agencies and places are typed by staff;
		// still data, never a formula.
		return sheet.Neutralize(v), 0
	}
	return v, 0
}

// wallClock is t's date and time in the city's zone (i18n.Local: the
// offset the figures carry) as a zone-less moment: a spreadsheet date has
// no zone, and excelize counts from UTC.
func wallClock(t time.Time) time.Time {
	t = i18n.Local(t)
	return time.Date(t.Year(), t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC)
}

func (x *xlsxDoc) cell(col, row int) string {
	c, _ := excelize.CoordinatesToCellName(col, row)
	return c
}

// sheet writes a table (header then rows) on a new sheet and returns the
// number of data rows.
func (x *xlsxDoc) sheet(name string, header []string, rows [][]any) int {
	if x.err != nil {
		return 0
	}
	if _, err := x.f.NewSheet(name); err != nil {
		x.err = err
		return 0
	}
	x.rows(name, 1, header, rows)
	return len(rows)
}

func (x *xlsxDoc) rows(name string, at int, header []string, rows [][]any) {
	if x.err != nil {
		return
	}
	h := make([]any, len(header))
	for i, v := range header {
		h[i] = v
	}
	if err := x.f.SetSheetRow(name, x.cell(1, at), &h); err != nil {
		x.err = err
		return
	}
	if err := x.f.SetCellStyle(name, x.cell(1, at), x.cell(len(header), at), x.bold); err != nil {
		x.err = err
		return
	}
	for i, r := range rows {
		vals := make([]any, len(r))
		styles := make([]int, len(r))
		for j, v := range r {
			vals[j], styles[j] = x.cellValue(v)
		}
		if err := x.f.SetSheetRow(name, x.cell(1, at+1+i), &vals); err != nil {
			x.err = err
			return
		}
		for j, st := range styles {
			if st == 0 {
				continue
			}
			if err := x.f.SetCellStyle(name, x.cell(j+1, at+1+i), x.cell(j+1, at+1+i), st); err != nil {
				x.err = err
				return
			}
		}
	}
	if err := x.f.SetColWidth(name, "A", "A", 34); err != nil {
		x.err = err
		return
	}
	if len(header) > 1 {
		x.err = x.f.SetColWidth(name, "B", x.colName(len(header)), 16)
	}
}

func (x *xlsxDoc) colName(n int) string {
	s, _ := excelize.ColumnNumberToName(n)
	return s
}

// chart puts a chart of one or more value columns (against column A) of a
// sheet's rows 2..n+1 at cell; rate says the values are percentages.
func (x *xlsxDoc) chart(sheet, at string, typ excelize.ChartType, title string, n int, rate bool, cols ...int) {
	if x.err != nil || n == 0 {
		return
	}
	var series []excelize.ChartSeries
	for _, c := range cols {
		col := x.colName(c)
		series = append(series, excelize.ChartSeries{
			Name:       fmt.Sprintf("'%s'!$%s$1", sheet, col),
			Categories: fmt.Sprintf("'%s'!$A$2:$A$%d", sheet, n+1),
			Values:     fmt.Sprintf("'%s'!$%s$2:$%s$%d", sheet, col, col, n+1),
		})
	}
	ch := &excelize.Chart{
		Type:   typ,
		Series: series,
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: title}}},
		Legend: excelize.ChartLegend{Position: "bottom"},
		Format: excelize.GraphicOptions{ScaleX: 1.3, ScaleY: 1.2},
	}
	// The value axis follows the cells' format; a rate axis runs 0–100%.
	ch.YAxis.NumFmt = excelize.ChartNumFmt{CustomNumFmt: "General", SourceLinked: true}
	if rate {
		ch.YAxis.NumFmt = excelize.ChartNumFmt{CustomNumFmt: "0%"}
		ch.YAxis.Minimum, ch.YAxis.Maximum = ptr(0.0), ptr(1.0)
	}
	x.err = x.f.AddChart(sheet, at, ch)
}

func (x *xlsxDoc) summary(name string) {
	r := x.Report
	rows := [][]any{
		{x.t("rep.pdf.title"), r.Title},
		{x.t("rep.pdf.period"), x.period()},
		{x.t("rep.pdf.filter"), x.filterLine()},
		{x.t("rep.pdf.prepared_by"), x.Content.Owner},
		{x.t("rep.pdf.state"), x.stateLine()},
		{x.t("rep.x.version"), x.Content.Version},
	}
	if r.ContentHash != "" && !x.Draft {
		rows = append(rows, []any{x.t("rep.paraf.hash"), r.ContentHash}, []any{x.t("rep.x.verify"), x.Settings.VerifyURL})
	}
	if r.Status == report.StatusComplete && !x.Draft {
		rows = append(rows, []any{x.t("rep.paraf.checked_by"), r.ParafName}, []any{x.t("rep.x.paraf_at"), wibTime(r.ParafAt.In(r.Loc()))})
	}
	if m := x.Monthly; m != nil {
		rows = append(rows,
			[]any{x.t("rep.m.total"), m.Volume.Total},
			[]any{x.t("rep.m.previous", i18n.Date(x.Lang, m.PrevFrom), i18n.Date(x.Lang, m.PrevTo.Add(-time.Millisecond))), m.Volume.Previous},
			[]any{x.t("rep.m.fcr"), pct(m.FCR.Rate)},
			[]any{x.t("rep.m.open"), m.Open.Open},
			[]any{x.t("rep.m.overdue"), m.Open.Overdue},
		)
		if m.Satisfaction.Collected {
			rows = append(rows, []any{x.t("rep.m.satisfaction"), avg(m.Satisfaction.Average)})
		} else {
			rows = append(rows, []any{x.t("rep.m.satisfaction"), x.t("rep.m.satisfaction_none")})
		}
		rows = append(rows, []any{x.t("rep.skm.ikm"), x.skmSummary(m.SKM)})
	}
	note := x.Content.Narrative
	if note == "" {
		note = x.t("rep.none")
	}
	key := "rep.narrative"
	if r.Kind == report.Daily {
		key = "rep.notes"
	}
	rows = append(rows, []any{x.t(key), note})
	x.rows(name, 1, []string{x.t("rep.col.item"), x.t("rep.col.value")}, rows)
	if x.err == nil {
		x.err = x.f.SetColWidth(name, "B", "B", 80)
	}
}

func (x *xlsxDoc) stepRows(steps []report.StepCompliance) [][]any {
	var rows [][]any
	for _, s := range steps {
		std := x.standard(s.Standard)
		if s.ByKind {
			std += "*"
		}
		rows = append(rows, []any{x.stepLabel(s.Step), s.SOP, std, s.Total, s.Met, s.Missed, pct(s.Rate),
			minutes(s.MedianMS), minutes(s.P90MS)})
	}
	return rows
}

func minutes(msv int64) mins { return mins(round1(float64(msv) / 60000)) }

func (x *xlsxDoc) stepHeader() []string {
	return []string{x.t("rep.col.step"), x.t("rep.col.sop"), x.t("rep.col.standard"), x.t("rep.col.count"), x.t("rep.col.met"),
		x.t("rep.col.missed"), x.t("rep.col.rate"), x.t("rep.col.median_min"), x.t("rep.col.p90_min")}
}

func (x *xlsxDoc) daily() {
	dd := x.Daily
	var rows [][]any
	for _, c := range dd.ByChannel {
		rows = append(rows, []any{x.t("channel." + c.Key), c.N})
	}
	name := x.t("rep.x.channels")
	n := x.sheet(name, []string{x.t("rep.col.channel"), x.t("rep.col.count")}, rows)
	x.chart(name, "D2", excelize.Col, x.t("rep.daily.recorded"), n, false, 2)
	rows = [][]any{
		{x.t("rep.daily.recorded"), dd.Recorded},
		{x.t("rep.daily.answered_direct"), dd.AnsweredDirect},
		{x.t("rep.daily.answered_library"), dd.AnsweredLibrary},
		{x.t("rep.daily.forwarded"), dd.Forwarded},
		{x.t("rep.daily.answers_received"), dd.AnswersReceived},
		{x.t("rep.daily.relayed"), dd.Relayed},
		{x.t("rep.daily.closed"), dd.Closed},
		{x.t("rep.daily.still_open"), dd.StillOpen},
	}
	x.sheet(x.t("rep.x.work"), []string{x.t("rep.col.item"), x.t("rep.col.count")}, rows)
	rows = nil
	for _, a := range dd.ForwardedTo {
		rows = append(rows, []any{x.name(a), a.N})
	}
	x.sheet(x.t("rep.x.forwarded"), []string{x.t("rep.col.agency"), x.t("rep.col.count")}, rows)
	name = x.t("rep.x.steps")
	n = x.sheet(name, x.stepHeader(), x.stepRows(dd.Steps))
	x.chart(name, "K2", excelize.Bar, x.t("rep.m.chart_steps"), n, true, 7)
	rows = nil
	for _, l := range dd.Complaints {
		acts := ""
		for i, a := range l.Actions {
			if i > 0 {
				acts += ", "
			}
			acts += x.t("rep.act." + a)
		}
		rows = append(rows, []any{l.Number, x.t("channel." + l.Channel), l.Category, acts, x.t("status." + l.Status), l.Missed})
	}
	x.sheet(x.t("rep.x.complaints"), []string{x.t("rep.col.number"), x.t("rep.col.channel"), x.t("rep.col.category"), x.t("rep.col.actions"),
		x.t("rep.col.status"), x.t("rep.col.missed")}, rows)
}

func (x *xlsxDoc) monthly() {
	m := x.Monthly
	var rows [][]any
	for _, d := range m.Volume.ByDay {
		rows = append(rows, []any{day(d.Day), d.N})
	}
	name := x.t("rep.x.per_day")
	n := x.sheet(name, []string{x.t("rep.col.day"), x.t("rep.col.count")}, rows)
	x.chart(name, "D2", excelize.Line, x.t("rep.m.chart_per_day"), n, false, 2)
	rows = nil
	for _, c := range m.Volume.ByChannel {
		rows = append(rows, []any{x.t("channel." + c.Key), c.N, c.Previous})
	}
	name = x.t("rep.x.channels")
	n = x.sheet(name, []string{x.t("rep.col.channel"), x.t("rep.m.this_period"), x.t("rep.m.prev_period")}, rows)
	x.chart(name, "E2", excelize.Col, x.t("rep.m.chart_channel"), n, false, 2, 3)
	name = x.t("rep.x.steps")
	n = x.sheet(name, x.stepHeader(), x.stepRows(m.Steps))
	x.chart(name, "K2", excelize.Bar, x.t("rep.m.chart_steps"), n, true, 7)
	rows = nil
	for _, o := range m.Operators {
		rows = append(rows, []any{o.Name, o.Total, o.Met, o.Missed, pct(o.Rate)})
	}
	x.sheet(x.t("rep.x.operators"), []string{x.t("rep.col.operator"), x.t("rep.col.steps"), x.t("rep.col.met"), x.t("rep.col.missed"), x.t("rep.col.rate")}, rows)
	if cs := m.Contacts; cs != nil {
		rows = nil
		for _, k := range cs.ByKind {
			for _, c := range k.ByChannel {
				rows = append(rows, []any{x.t("rep.contact." + k.Kind), x.t("channel." + c.Key), c.N})
			}
		}
		x.sheet(x.t("rep.c.title"), []string{x.t("rep.c.kind"), x.t("rep.col.channel"), x.t("rep.col.count")}, rows)
		rows = nil
		for _, o := range cs.Operators {
			rows = append(rows, []any{o.Name, o.Handled, minutes(o.AvgHandleMS), o.Resolved, o.Requests, pct(o.FCRRate)})
		}
		x.sheet(x.t("rep.c.operators"), []string{x.t("rep.col.operator"), x.t("rep.c.handled"), x.t("rep.c.avg_handle_min"), x.t("rep.c.resolved_n"), x.t("rep.c.requests"), x.t("rep.c.fcr")}, rows)
	}
	x.laporSheet(m.Lapor)
	rows = nil
	for _, a := range m.Agencies {
		rows = append(rows, []any{a.Name, pct(a.Rate), a.Forwarded, a.Answered, a.Returned, minutes(a.MedianAnswerMS), minutes(a.P90AnswerMS)})
	}
	name = x.t("rep.x.agencies")
	n = x.sheet(name, []string{x.t("rep.col.agency"), x.t("rep.col.rate"), x.t("rep.col.forwarded"), x.t("rep.col.answered"), x.t("rep.col.returned"),
		x.t("rep.col.median_min"), x.t("rep.col.p90_min")}, rows)
	x.chart(name, "I2", excelize.Bar, x.t("rep.m.chart_agencies"), n, true, 2)
	rows = nil
	for _, l := range m.Open.Oldest {
		rows = append(rows, []any{l.Number, wibTime(l.ReceivedAt), x.t("status." + l.Status), x.stepLabel(l.Step), wibTime(l.DueAt), l.Agency})
	}
	x.sheet(x.t("rep.x.overdue"), []string{x.t("rep.col.number"), x.t("rep.col.received"), x.t("rep.col.status"), x.t("rep.col.step"), x.t("rep.col.due"), x.t("rep.col.agency")}, rows)
	rows = nil
	for _, c := range m.Categories {
		rows = append(rows, []any{x.name(c), c.N})
	}
	name = x.t("rep.x.categories")
	n = x.sheet(name, []string{x.t("rep.col.category"), x.t("rep.col.count")}, rows)
	x.chart(name, "D2", excelize.Bar, x.t("rep.m.categories"), n, false, 2)
	rows = nil
	for _, c := range m.Kelurahan {
		rows = append(rows, []any{c.Name, c.N})
	}
	x.sheet(x.t("rep.x.kelurahan"), []string{x.t("rep.col.kelurahan"), x.t("rep.col.count")}, rows)
	rows = nil
	for _, k := range m.Kecamatan {
		rows = append(rows, []any{x.kecName(k), k.N, k.Open, k.Overdue})
	}
	name = x.t("rep.x.kecamatan")
	n = x.sheet(name, []string{x.t("rep.col.kecamatan"), x.t("rep.col.count"), x.t("rep.col.open"), x.t("rep.col.overdue")}, rows)
	x.chart(name, "F2", excelize.Col, x.t("rep.m.kecamatan"), n, false, 2)
	rows = nil
	if m.Satisfaction.Collected {
		for i, c := range m.Satisfaction.Distribution {
			rows = append(rows, []any{i + 1, c})
		}
	}
	x.sheet(x.t("rep.x.satisfaction"), []string{x.t("rep.col.score"), x.t("rep.col.count")}, rows)
	if !m.Satisfaction.Collected && x.err == nil {
		x.err = x.f.SetCellValue(x.t("rep.x.satisfaction"), "A2", x.t("rep.m.satisfaction_none"))
	}
	if k := m.SKM; k != nil {
		// The survey: its figures, then each unsur's mean, in numbers a
		// spreadsheet can work on.
		rows = nil
		if k.Responses == 0 {
			rows = append(rows, []any{x.t("rep.skm.none"), ""})
		} else {
			rows = append(rows,
				[]any{x.t("rep.skm.ikm"), k.Score},
				[]any{x.t("rep.skm.grade"), x.t("skm.grade." + k.Grade)},
				[]any{x.t("rep.skm.sample"), k.Responses},
				[]any{x.t("rep.skm.population"), k.Population},
				[]any{x.t("rep.skm.min"), k.MinSample},
				[]any{"", x.skmEnough(k)})
			for i, u := range aduan.SKMUnsurs {
				rows = append(rows, []any{fmt.Sprintf("U%d %s", i+1, x.t("skm.unsur."+string(u))), k.Means[i]})
			}
		}
		x.sheet(x.t("rep.x.skm"), []string{x.t("rep.col.item"), x.t("rep.col.value")}, rows)
	}
}
