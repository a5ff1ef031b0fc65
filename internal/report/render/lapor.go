package render

import "github.com/kotakita/aduan/internal/report"

// The monthly report's SP4N-LAPOR! section, in each form: LAPOR!'s
// reports apart, on LAPOR!'s three deadlines.

// laporDeadlineKeys name each of LAPOR!'s deadlines (with its working days).
var laporDeadlineKeys = map[string]string{
	report.LaporVerify:   "lapor.rep.deadline.verify",
	report.LaporFollowUp: "lapor.rep.deadline.follow_up",
	report.LaporClose:    "lapor.rep.deadline.close",
}

// laporHeader is the header of the deadlines' table.
func (d *Doc) laporHeader() []string {
	return []string{d.t("lapor.rep.col.deadline"), d.t("rep.col.met"), d.t("lapor.rep.col.late"), d.t("lapor.rep.col.running"), d.t("rep.col.rate")}
}

// laporDeadline is the name of one deadline in the document's language.
func (d *Doc) laporDeadline(l report.LaporDeadline) string {
	return d.t(laporDeadlineKeys[l.Deadline], l.Days)
}

// laporSection writes the section into the PDF; nothing when the period
// had no LAPOR! report.
func (pd *pdfDoc) laporSection(ls *report.LaporStat) {
	if ls == nil {
		return
	}
	pd.heading(pd.t("lapor.rep.title"))
	pd.note(pd.t("lapor.rep.summary", pd.num(ls.Total), pd.num(ls.Closed)))
	var rows [][]string
	for _, l := range ls.Deadlines {
		rate := "–"
		if l.Met+l.Late > 0 {
			rate = pd.pct(l.Rate)
		}
		rows = append(rows, []string{pd.laporDeadline(l), pd.num(l.Met), pd.num(l.Late), pd.num(l.Running), rate})
	}
	pd.table(pd.laporHeader(), []float64{0.44, 0.14, 0.14, 0.14, 0.14}, "LRRRR", rows)
	pd.note(pd.t("lapor.rep.note"))
}

// laporSheet writes the section as a sheet of the workbook.
func (x *xlsxDoc) laporSheet(ls *report.LaporStat) {
	if ls == nil {
		return
	}
	var rows [][]any
	for _, l := range ls.Deadlines {
		rows = append(rows, []any{x.laporDeadline(l), l.Met, l.Late, l.Running, pct(l.Rate)})
	}
	rows = append(rows, []any{x.t("lapor.rep.summary", x.num(ls.Total), x.num(ls.Closed))})
	x.sheet(x.t("lapor.rep.sheet"), x.laporHeader(), rows)
}
