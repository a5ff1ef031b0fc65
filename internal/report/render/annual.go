package render

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
)

// AnnualPDF renders the PPID's annual public-information service report
// (kind report.Annual) as a letter: the figures, and the report's state
// as the monthly report prints it: who prepared it, who initialled it and
// when, and for a final report its content hash and where anyone checks a
// copy. r is nil for figures computed now with no report behind them
// (the PPID's page before the year's report is made); draft marks figures
// that are not those of a final report.
func AnnualPDF(r *report.Report, a *report.InfoAnnual, set Settings, now time.Time, lang i18n.Lang, draft bool) ([]byte, error) {
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	n := func(v int) string { return fmt.Sprint(v) }
	date := now
	if r != nil && r.ParafAt != nil && !draft {
		date = *r.ParafAt
	}
	if r != nil {
		date = date.In(r.Loc())
	}
	l := &Letter{Settings: set, Lang: lang, Title: t("ppid.annual.title", a.Year), Date: date,
		Rows: [][2]string{
			{t("ppid.annual.received"), n(a.Received)},
			{t("ppid.annual.decided"), n(a.Decided)},
			{t("ppid.annual.on_time"), n(a.OnTime)},
			{t("ppid.annual.late"), n(a.Late)},
			{t("ppid.annual.extended"), n(a.Extended)},
			{t("ppid.annual.pending"), n(a.Pending)},
			{t("ppid.annual.overdue"), fmt.Sprintf("%d %v", a.Overdue, a.OverdueList)},
			{t("ppid.annual.avg_days"), fmt.Sprintf("%.1f (maks. %d)", a.AvgWorkdays, a.MaxWorkdays)},
			{t("ppid.annual.objections"), n(a.Objections)},
			{t("ppid.annual.upheld"), n(a.Upheld)},
			{t("ppid.annual.rejected"), n(a.Rejected)},
			{t("ppid.annual.obj_pending"), n(a.ObjPending)},
			{t("ppid.annual.commission"), fmt.Sprintf("%d (%d)", a.Commission, a.CommDone)},
		}}
	rows := func(m map[string]int, prefix string) [][]string {
		var keys []string
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var out [][]string
		for _, k := range keys {
			label := k
			if prefix != "" {
				label = t(prefix + k)
			}
			out = append(out, []string{label, n(m[k])})
		}
		return out
	}
	var tab [][]string
	for _, r := range rows(a.ByDecision, "ppid.decision.") {
		tab = append(tab, append([]string{t("web.ppid.decision")}, r...))
	}
	for _, r := range rows(a.ByGround, "") {
		tab = append(tab, []string{t("web.ppid.ground"), t("web.ppid.ground_letter", r[0]), r[1]})
	}
	for _, r := range rows(a.ByReason, "ppid.objection.") {
		tab = append(tab, append([]string{t("web.ppid.objection_reason")}, r...))
	}
	l.Table = &LetterTable{Headers: []string{"", "", t("ppid.annual.count")}, Widths: []float64{.3, .55, .15}, Aligns: "LLR", Rows: tab}
	if a.Provisional {
		l.Body = append(l.Body, t("ppid.annual.provisional"))
	}
	if r != nil {
		l.Body = append(l.Body, t("rep.paraf.prepared_by")+": "+r.OwnerName+" ("+t("role.ppid_utama")+")")
	}
	if r != nil && r.Status == report.StatusComplete && r.ContentHash != "" && !draft {
		l.Body = append(l.Body, t("rep.paraf.checked_by")+": "+r.ParafName+" ("+t("role.kasi_kabid")+"), "+t("rep.paraf.initialled_at", i18n.DateTime(lang, r.ParafAt.In(r.Loc()))),
			t("rep.paraf.hash")+": "+r.ContentHash, t("rep.paraf.verify", set.VerifyURL))
	} else {
		l.Body = append(l.Body, t("rep.paraf.not_final"))
	}
	return LetterPDF(l)
}

// AnnualContentPDF renders version c of the annual report r (its frozen
// figures) as AnnualPDF does.
func AnnualContentPDF(r *report.Report, c *report.Content, set Settings, lang i18n.Lang, draft bool) ([]byte, error) {
	var a report.InfoAnnual
	if err := json.Unmarshal(c.Data, &a); err != nil {
		return nil, fmt.Errorf("report %d: the annual figures: %w", r.ID, err)
	}
	at, err := time.Parse(time.RFC3339, c.Submitted)
	if err != nil {
		at = a.GeneratedAt
	}
	return AnnualPDF(r, &a, set, at, lang, draft)
}
