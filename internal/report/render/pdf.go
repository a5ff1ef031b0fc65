package render

import (
	"bytes"
	"fmt"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
)

// Page geometry, in millimetres (A4 portrait).
const (
	pageW   = 210.0
	pageH   = 297.0
	margin  = 18.0
	bodyW   = pageW - 2*margin
	lineH   = 5.0
	fontSz  = 9.0
	family  = "dejavu"
	footerY = -12.0
)

// Colours.
var (
	colInk    = [3]int{33, 37, 41}
	colMuted  = [3]int{108, 117, 125}
	colRule   = [3]int{173, 181, 189}
	colHead   = [3]int{233, 236, 239}
	colBar    = [3]int{13, 110, 253}
	colBarAlt = [3]int{173, 181, 189}
	colGood   = [3]int{25, 135, 84}
	colBad    = [3]int{220, 53, 69}
)

type pdfDoc struct {
	*Doc
	p *fpdf.Fpdf
}

// PDF renders the report as an A4 PDF in d.Lang. The creation date is the
// content's own date, so the same content renders to the same bytes.
func PDF(d *Doc) ([]byte, error) {
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCompression(true)
	p.SetCatalogSort(true)
	stamp := parseRFC(d.Content.Submitted)
	if d.Report.ParafAt != nil && !d.Draft {
		stamp = *d.Report.ParafAt
	}
	p.SetCreationDate(stamp)
	p.SetModificationDate(stamp)
	p.SetProducer("aduan", true)
	p.SetTitle(d.Report.Title, true)
	p.AddUTF8FontFromBytes(family, "", fontRegular)
	p.AddUTF8FontFromBytes(family, "B", fontBold)
	p.SetMargins(margin, margin, margin)
	p.SetAutoPageBreak(true, 20)
	p.AliasNbPages("{nb}")
	pd := &pdfDoc{Doc: d, p: p}
	p.SetHeaderFunc(func() {
		if p.PageNo() == 1 {
			return
		}
		// The title over every page, shrunk or wrapped to the page.
		size, lines := pd.fitText(d.Report.Title, "", 7.5, bodyW)
		pd.font("", size, colMuted)
		for _, l := range lines {
			p.CellFormat(bodyW, 4, l, "", 1, "L", false, 0, "")
		}
		pd.rule()
		p.Ln(2)
	})
	p.SetFooterFunc(func() {
		p.SetY(footerY)
		pd.font("", 7.5, colMuted)
		left := d.t("rep.pdf.footer_ref", d.Report.ID, d.Content.Version)
		if d.Draft {
			left = d.t("rep.state.draft_short")
		}
		if d.Provisional() {
			left = d.t("rep.state.provisional_short")
		}
		p.CellFormat(bodyW/2, 4, left, "", 0, "L", false, 0, "")
		p.CellFormat(bodyW/2, 4, d.t("rep.pdf.page", p.PageNo(), "{nb}"), "", 0, "R", false, 0, "")
	})
	p.AddPage()
	pd.letterhead()
	if d.Daily != nil {
		pd.daily()
	} else {
		pd.monthly()
	}
	pd.narrative()
	pd.parafBlock()
	if err := p.Error(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := p.Output(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// logoH is the height of the letterhead's logo; its width follows the
// image, up to logoMaxW.
const logoH, logoMaxW = 22.0, 30.0

// logo draws the city's logo at the top left, if there is one, and says
// how much room it takes; a logo the PDF writer cannot read is left out
// (the letterhead's text still says whose document it is).
func (pd *pdfDoc) logo() (w, h float64) {
	if len(pd.Settings.Logo) == 0 {
		return 0, 0
	}
	p := pd.p
	opt := fpdf.ImageOptions{ImageType: "PNG"}
	info := p.RegisterImageOptionsReader("city-logo", opt, bytes.NewReader(pd.Settings.Logo))
	if p.Err() || info == nil || info.Width() <= 0 || info.Height() <= 0 {
		p.ClearError()
		return 0, 0
	}
	h = logoH
	w = h * info.Width() / info.Height()
	if w > logoMaxW {
		w, h = logoMaxW, logoMaxW*info.Height()/info.Width()
	}
	p.ImageOptions("city-logo", margin, p.GetY(), w, h, false, opt, 0, "")
	return w, h
}

func (pd *pdfDoc) font(style string, size float64, col [3]int) {
	pd.p.SetFont(family, style, size)
	pd.p.SetTextColor(col[0], col[1], col[2])
}

func (pd *pdfDoc) rule() {
	y := pd.p.GetY()
	pd.p.SetDrawColor(colRule[0], colRule[1], colRule[2])
	pd.p.SetLineWidth(0.3)
	pd.p.Line(margin, y, pageW-margin, y)
}

// letterhead is the city's kop surat (kop), then the report's title and
// what it covers.
func (pd *pdfDoc) letterhead() {
	p := pd.p
	pd.kop()
	size := 12.0
	for ; size > 9.5; size -= 0.5 {
		pd.font("B", size, colInk)
		if p.GetStringWidth(pd.Report.Title) <= bodyW {
			break
		}
	}
	pd.font("B", size, colInk)
	p.MultiCell(bodyW, 6, pd.Report.Title, "", "C", false)
	p.Ln(1)
	pd.font("", fontSz, colInk)
	pd.kvRows([][2]string{
		{pd.t("rep.pdf.number"), pd.DocNumber()},
		{pd.t("rep.pdf.period"), pd.period()},
		{pd.t("rep.pdf.filter"), pd.filterLine()},
		{pd.t("rep.pdf.prepared_by"), pd.Content.Owner},
		{pd.t("rep.pdf.state"), pd.stateLine()},
	})
	p.Ln(2)
}

func (pd *pdfDoc) kvRows(rows [][2]string) {
	p := pd.p
	for _, r := range rows {
		if r[1] == "" {
			continue
		}
		pd.font("B", fontSz, colInk)
		p.CellFormat(42, lineH, r[0], "", 0, "L", false, 0, "")
		pd.font("", fontSz, colInk)
		p.MultiCell(bodyW-42, lineH, r[1], "", "L", false)
	}
}

func (pd *pdfDoc) heading(text string) {
	p := pd.p
	if p.GetY() > pageH-60 {
		p.AddPage()
	}
	p.Ln(3)
	pd.font("B", 10.5, colInk)
	p.CellFormat(bodyW, 6, text, "", 1, "L", false, 0, "")
	pd.rule()
	p.Ln(2)
	pd.font("", fontSz, colInk)
}

func (pd *pdfDoc) note(text string) {
	pd.font("", 8, colMuted)
	pd.p.MultiCell(bodyW, 4, text, "", "L", false)
	pd.font("", fontSz, colInk)
}

func (pd *pdfDoc) daily() {
	dd := pd.Daily
	pd.heading(pd.t("rep.daily.summary"))
	var ch []string
	for _, c := range dd.ByChannel {
		ch = append(ch, pd.t("channel."+c.Key)+" "+pd.num(c.N))
	}
	var fw []string
	for _, a := range dd.ForwardedTo {
		fw = append(fw, pd.name(a)+" "+pd.num(a.N))
	}
	pd.table([]string{pd.t("rep.col.item"), pd.t("rep.col.count"), pd.t("rep.col.detail")}, []float64{0.38, 0.12, 0.5}, "LRL", [][]string{
		{pd.t("rep.daily.recorded"), pd.num(dd.Recorded), strings.Join(ch, ", ")},
		{pd.t("rep.daily.answered_direct"), pd.num(dd.AnsweredDirect), pd.t("rep.sop_row", "4")},
		{pd.t("rep.daily.answered_library"), pd.num(dd.AnsweredLibrary), pd.t("rep.sop_row", "6")},
		{pd.t("rep.daily.forwarded"), pd.num(dd.Forwarded), strings.Join(fw, ", ")},
		{pd.t("rep.daily.answers_received"), pd.num(dd.AnswersReceived), pd.t("rep.sop_row", "9")},
		{pd.t("rep.daily.relayed"), pd.num(dd.Relayed), pd.t("rep.sop_row", "10")},
		{pd.t("rep.daily.closed"), pd.num(dd.Closed), ""},
		{pd.t("rep.daily.still_open"), pd.num(dd.StillOpen), pd.t("rep.daily.still_open_note")},
	})
	pd.heading(pd.t("rep.steps.title"))
	pd.stepsTable(dd.Steps, false)
	pd.heading(pd.t("rep.daily.complaints"))
	var rows [][]string
	for _, l := range dd.Complaints {
		var acts []string
		for _, a := range l.Actions {
			acts = append(acts, pd.t("rep.act."+a))
		}
		missed := ""
		if l.Missed > 0 {
			missed = pd.num(l.Missed)
		}
		rows = append(rows, []string{l.Number, pd.t("channel." + l.Channel), l.Category, strings.Join(acts, ", "), pd.t("status." + l.Status), missed})
	}
	pd.table([]string{pd.t("rep.col.number"), pd.t("rep.col.channel"), pd.t("rep.col.category"), pd.t("rep.col.actions"), pd.t("rep.col.status"), pd.t("rep.col.missed")},
		[]float64{0.17, 0.1, 0.2, 0.3, 0.15, 0.08}, "LLLLLR", rows)
	if dd.More > 0 {
		pd.note(pd.t("rep.daily.more", pd.num(dd.More)))
	}
	pd.note(pd.t("rep.daily.due", i18n.DateTime(pd.Lang, dd.DueAt), i18n.DateTime(pd.Lang, dd.CompiledAt)))
}

func (pd *pdfDoc) stepsTable(steps []report.StepCompliance, times bool) {
	var rows [][]string
	byKind := false
	defer func() {
		// Say what the figures were measured against (issue 15).
		if byKind {
			pd.note(pd.t("wt.rep.by_kind"))
		}
		pd.note(pd.t("wt.rep.standards"))
	}()
	for _, s := range steps {
		std := pd.standard(s.Standard)
		if s.ByKind {
			std, byKind = std+"*", true
		}
		row := []string{pd.stepLabel(s.Step), s.SOP, std, pd.num(s.Total), pd.num(s.Met), pd.pct(s.Rate)}
		if times {
			row = append(row, pd.dur(s.MedianMS), pd.dur(s.P90MS))
		}
		rows = append(rows, row)
	}
	if times {
		pd.table([]string{pd.t("rep.col.step"), pd.t("rep.col.sop"), pd.t("rep.col.standard"), pd.t("rep.col.count"), pd.t("rep.col.met"), pd.t("rep.col.rate"), pd.t("rep.col.median"), pd.t("rep.col.p90")},
			[]float64{0.31, 0.05, 0.1, 0.08, 0.09, 0.09, 0.14, 0.14}, "LCLRRRRR", rows)
		return
	}
	pd.table([]string{pd.t("rep.col.step"), pd.t("rep.col.sop"), pd.t("rep.col.standard"), pd.t("rep.col.count"), pd.t("rep.col.met"), pd.t("rep.col.rate")},
		[]float64{0.4, 0.08, 0.16, 0.12, 0.12, 0.12}, "LCLRRR", rows)
}

// shortDT is a compact date and time in the city's zone for tables:
// 02/11/2026 13.57.
func (pd *pdfDoc) shortDT(t time.Time) string {
	t = i18n.Local(t)
	if pd.Lang == i18n.EN {
		return t.Format("2006-01-02 15:04")
	}
	return t.Format("02/01/2006 15.04")
}

func (pd *pdfDoc) monthly() {
	m := pd.Monthly
	p := pd.p
	pd.heading(pd.t("rep.m.summary"))
	sat := pd.t("rep.m.satisfaction_none")
	if m.Satisfaction.Collected {
		sat = pd.t("rep.m.satisfaction_value", pd.dec(m.Satisfaction.Average, 2), pd.num(m.Satisfaction.Responses))
	}
	pd.table([]string{pd.t("rep.col.item"), pd.t("rep.col.value")}, []float64{0.55, 0.45}, "LR", [][]string{
		{pd.t("rep.m.total"), pd.num(m.Volume.Total)},
		{pd.t("rep.m.apart_row"), pd.t("rep.m.apart_value", pd.num(m.Volume.Duplicate), pd.num(m.Volume.Rejected))},
		{pd.t("rep.m.previous", i18n.Date(pd.Lang, m.PrevFrom), i18n.Date(pd.Lang, m.PrevTo.Add(-time.Millisecond))), pd.num(m.Volume.Previous)},
		{pd.t("rep.m.change"), pd.change(m.Volume.ChangePct)},
		{pd.t("rep.m.fcr"), pd.pct(m.FCR.Rate) + " (" + pd.num(m.FCR.Direct+m.FCR.Library) + "/" + pd.num(m.FCR.Base) + ")"},
		{pd.t("rep.m.open"), pd.num(m.Open.Open)},
		{pd.t("rep.m.overdue"), pd.num(m.Open.Overdue)},
		{pd.t("rep.m.satisfaction"), sat},
		{pd.t("rep.skm.ikm"), pd.skmSummary(m.SKM)},
		{pd.t("rep.m.daily_reports"), pd.t("rep.m.daily_reports_value", pd.num(m.DailyReports.OnTime), pd.num(m.DailyReports.Expected), pd.num(m.DailyReports.Late), pd.num(m.DailyReports.Missing))},
	})
	pd.note(pd.t("rep.m.total_note") + " " + pd.t("rep.m.fcr_note"))

	pd.heading(pd.t("rep.m.volume"))
	pd.lineChart(pd.t("rep.m.chart_per_day"), m.Volume.ByDay)
	var labels []string
	var now, prev []int
	for _, c := range m.Volume.ByChannel {
		labels = append(labels, pd.t("channel."+c.Key))
		now, prev = append(now, c.N), append(prev, c.Previous)
	}
	pd.groupedBars(pd.t("rep.m.chart_channel"), labels, now, prev, pd.t("rep.m.this_period"), pd.t("rep.m.prev_period"))
	var rows [][]string
	for _, c := range m.Volume.ByChannel {
		rows = append(rows, []string{pd.t("channel." + c.Key), pd.num(c.N), pd.num(c.Previous), pd.change(report.ChangePct(c.N, c.Previous))})
	}
	pd.table([]string{pd.t("rep.col.channel"), pd.t("rep.m.this_period"), pd.t("rep.m.prev_period"), pd.t("rep.col.change")}, []float64{0.4, 0.2, 0.2, 0.2}, "LRRR", rows)
	p.Ln(2)
	rows = nil
	for _, c := range m.Volume.ByStatus {
		rows = append(rows, []string{pd.t("status." + c.Key), pd.num(c.N)})
	}
	pd.table([]string{pd.t("rep.col.status"), pd.t("rep.col.count")}, []float64{0.6, 0.4}, "LR", rows)

	// Sections stand on their own (a heading, a table, a note): one more
	// (the contact log's, LAPOR!'s) is a method called in its place.
	pd.contactSection(m.Contacts)
	pd.laporSection(m.Lapor)

	pd.heading(pd.t("rep.steps.title"))
	pd.stepsTable(m.Steps, true)
	pd.note(pd.t("rep.steps.note"))
	labels = nil
	var vals []float64
	for _, s := range m.Steps {
		labels = append(labels, pd.stepLabel(s.Step))
		vals = append(vals, s.Rate)
	}
	p.Ln(2)
	pd.hbars(pd.t("rep.m.chart_steps"), labels, vals, 80)

	pd.heading(pd.t("rep.m.operators"))
	rows = nil
	for _, o := range m.Operators {
		rows = append(rows, []string{o.Name, pd.num(o.Total), pd.num(o.Met), pd.num(o.Missed), pd.pct(o.Rate)})
	}
	pd.table([]string{pd.t("rep.col.operator"), pd.t("rep.col.steps"), pd.t("rep.col.met"), pd.t("rep.col.missed"), pd.t("rep.col.rate")}, []float64{0.4, 0.15, 0.15, 0.15, 0.15}, "LRRRR", rows)

	pd.heading(pd.t("rep.m.agencies"))
	rows = nil
	labels, vals = nil, nil
	for _, a := range m.Agencies {
		rows = append(rows, []string{a.Name, pd.num(a.Forwarded), pd.num(a.Answered), pd.num(a.Returned), pd.pct(a.Rate), pd.dur(a.MedianAnswerMS), pd.dur(a.P90AnswerMS)})
		labels, vals = append(labels, a.Name), append(vals, a.Rate)
	}
	pd.table([]string{pd.t("rep.col.agency"), pd.t("rep.col.forwarded"), pd.t("rep.col.answered"), pd.t("rep.col.returned"), pd.t("rep.col.rate"), pd.t("rep.col.median"), pd.t("rep.col.p90")},
		[]float64{0.3, 0.1, 0.1, 0.1, 0.1, 0.15, 0.15}, "LRRRRRR", rows)
	p.Ln(2)
	pd.hbars(pd.t("rep.m.chart_agencies"), labels, vals, 80)
	pd.heading(pd.t("rep.m.slowest"))
	rows = nil
	for i, a := range m.Slowest {
		rows = append(rows, []string{fmt.Sprint(i + 1), a.Name, pd.dur(a.MedianAnswerMS), pd.dur(a.P90AnswerMS), pd.num(a.Answered)})
	}
	pd.table([]string{"#", pd.t("rep.col.agency"), pd.t("rep.col.median"), pd.t("rep.col.p90"), pd.t("rep.col.answered")}, []float64{0.06, 0.44, 0.18, 0.18, 0.14}, "RLRRR", rows)

	pd.heading(pd.t("rep.m.open_title"))
	pd.note(pd.t("rep.m.open_note", pd.num(m.Open.Open), pd.num(m.Open.Overdue), pd.num(m.Open.Paused)))
	rows = nil
	for _, l := range m.Open.Oldest {
		rows = append(rows, []string{l.Number, pd.shortDT(l.ReceivedAt), pd.stepLabel(l.Step), pd.shortDT(l.DueAt), l.Agency})
	}
	pd.table([]string{pd.t("rep.col.number"), pd.t("rep.col.received"), pd.t("rep.col.step"), pd.t("rep.col.due"), pd.t("rep.col.agency")},
		[]float64{0.18, 0.15, 0.24, 0.15, 0.28}, "LLLLL", rows)

	pd.heading(pd.t("rep.m.categories"))
	rows = nil
	for i, c := range m.Categories {
		rows = append(rows, []string{fmt.Sprint(i + 1), pd.name(c), pd.num(c.N)})
	}
	pd.table([]string{"#", pd.t("rep.col.category"), pd.t("rep.col.count")}, []float64{0.08, 0.72, 0.2}, "RLR", rows)
	pd.heading(pd.t("rep.m.kelurahan"))
	rows = nil
	for i, c := range m.Kelurahan {
		rows = append(rows, []string{fmt.Sprint(i + 1), c.Name, pd.num(c.N)})
	}
	pd.table([]string{"#", pd.t("rep.col.kelurahan"), pd.t("rep.col.count")}, []float64{0.08, 0.72, 0.2}, "RLR", rows)

	pd.heading(pd.t("rep.m.kecamatan"))
	pd.heatTable(m.Kecamatan)
	pd.note(pd.t("rep.m.kecamatan_note"))

	pd.heading(pd.t("rep.m.satisfaction"))
	if !m.Satisfaction.Collected {
		pd.note(pd.t("rep.m.satisfaction_none"))
	} else {
		rows = nil
		for i, n := range m.Satisfaction.Distribution {
			rows = append(rows, []string{fmt.Sprint(i + 1), pd.num(n)})
		}
		pd.table([]string{pd.t("rep.col.score"), pd.t("rep.col.count")}, []float64{0.5, 0.5}, "CR", rows)
	}
	pd.skmSection(m.SKM)
}

// skmSection shows the Survei Kepuasan Masyarakat: the IKM and its grade,
// the sample against the regulation's minimum, and each unsur's mean.
func (pd *pdfDoc) skmSection(k *aduan.SKMResult) {
	if k == nil {
		return
	}
	pd.heading(pd.t("rep.skm.title"))
	if k.Responses == 0 {
		pd.note(pd.t("rep.skm.none"))
		return
	}
	rows := [][]string{
		{pd.t("rep.skm.ikm"), pd.dec(k.Score, 2)},
		{pd.t("rep.skm.grade"), pd.t("skm.grade." + k.Grade)},
		{pd.t("rep.skm.sample"), pd.num(k.Responses)},
		{pd.t("rep.skm.population"), pd.num(k.Population)},
		{pd.t("rep.skm.min"), pd.num(k.MinSample) + " (" + pd.skmEnough(k) + ")"},
	}
	pd.table([]string{pd.t("rep.col.item"), pd.t("rep.col.value")}, []float64{0.55, 0.45}, "LR", rows)
	rows = nil
	for i, u := range aduan.SKMUnsurs {
		rows = append(rows, []string{fmt.Sprintf("U%d", i+1), pd.t("skm.unsur." + string(u)), pd.dec(k.Means[i], 3)})
	}
	pd.table([]string{"#", pd.t("rep.skm.unsur"), pd.t("rep.skm.mean")}, []float64{0.08, 0.67, 0.25}, "LLR", rows)
	pd.note(pd.t("rep.skm.rule"))
}

// contactSection shows the contact log beside the complaints: contacts by
// kind and channel, and each operator's handling figures.
func (pd *pdfDoc) contactSection(cs *report.ContactStat) {
	if cs == nil {
		return
	}
	pd.heading(pd.t("rep.c.title"))
	if cs.Total == 0 {
		pd.note(pd.t("rep.c.none"))
		return
	}
	var rows [][]string
	for _, k := range cs.ByKind {
		var parts []string
		for _, c := range k.ByChannel {
			parts = append(parts, pd.t("channel."+c.Key)+" "+pd.num(c.N))
		}
		rows = append(rows, []string{pd.t("rep.contact." + k.Kind), pd.num(k.N), strings.Join(parts, ", ")})
	}
	rows = append(rows, []string{pd.t("rep.c.total"), pd.num(cs.Total), ""})
	pd.table([]string{pd.t("rep.c.kind"), pd.t("rep.col.count"), pd.t("rep.c.by_channel")}, []float64{0.34, 0.12, 0.54}, "LRL", rows)
	pd.note(pd.t("rep.c.note"))
	if len(cs.Operators) == 0 {
		return
	}
	rows = nil
	for _, o := range cs.Operators {
		rows = append(rows, []string{o.Name, pd.num(o.Handled), pd.dur(o.AvgHandleMS), pd.num(o.Resolved) + "/" + pd.num(o.Requests), pd.pct(o.FCRRate)})
	}
	pd.table([]string{pd.t("rep.col.operator"), pd.t("rep.c.handled"), pd.t("rep.c.avg_handle"), pd.t("rep.c.resolved"), pd.t("rep.c.fcr")},
		[]float64{0.32, 0.14, 0.2, 0.17, 0.17}, "LRRRR", rows)
	pd.note(pd.t("rep.c.fcr_note"))
}

func (pd *pdfDoc) narrative() {
	key := "rep.narrative"
	if pd.Report.Kind == report.Daily {
		key = "rep.notes"
	}
	pd.heading(pd.t(key))
	text := strings.TrimSpace(pd.Content.Narrative)
	if text == "" {
		text = pd.t("rep.none")
	}
	pd.font("", fontSz, colInk)
	pd.p.MultiCell(bodyW, lineH, text, "", "L", false)
}

// kop is the city's kop surat: the logo, the letterhead lines centred,
// bold, then a double rule. Reports and letters (letter.go) share it.
func (pd *pdfDoc) kop() {
	p := pd.p
	// The logo at the left; the text centred on the page in the room
	// between it and a margin as wide on the right, wrapped, never cut.
	textX, textW, logoBottom := margin, bodyW, 0.0
	if w, h := pd.logo(); w > 0 {
		textX, textW = margin+w+3, bodyW-2*(w+3)
		logoBottom = p.GetY() + h
	}
	lines := strings.Split(strings.TrimSpace(pd.Settings.Letterhead), "\n")
	for i, l := range lines {
		size := 13.0
		if i > 0 {
			size = 11.5
		}
		pd.font("B", size, colInk)
		p.SetX(textX)
		p.MultiCell(textW, 6, strings.TrimSpace(l), "", "C", false)
	}
	if pd.Settings.OfficeName != "" && strings.TrimSpace(pd.Settings.Letterhead) == "" {
		pd.font("", 9, colInk)
		p.SetX(textX)
		p.MultiCell(textW, 5, pd.Settings.OfficeName, "", "C", false)
	}
	// The office's address and contacts, as on the office's letters (the
	// monthly report's: the daily one is the office's own and fits a page).
	if pd.Report.Kind == report.Monthly {
		var contact []string
		if pd.Settings.Phone != "" {
			contact = append(contact, pd.t("rep.pdf.phone", pd.Settings.Phone))
		}
		if pd.Settings.Email != "" {
			contact = append(contact, pd.t("rep.pdf.email", pd.Settings.Email))
		}
		pd.font("", 7.5, colInk)
		for _, l := range []string{pd.Settings.Address, strings.Join(contact, " · ")} {
			if l != "" {
				p.SetX(textX)
				p.MultiCell(textW, 3.8, l, "", "C", false)
			}
		}
	}
	if p.GetY() < logoBottom {
		p.SetY(logoBottom)
	}
	p.Ln(1)
	y := p.GetY()
	p.SetDrawColor(colInk[0], colInk[1], colInk[2])
	p.SetLineWidth(0.8)
	p.Line(margin, y, pageW-margin, y)
	p.SetLineWidth(0.2)
	p.Line(margin, y+1.2, pageW-margin, y+1.2)
	p.Ln(5)
}
