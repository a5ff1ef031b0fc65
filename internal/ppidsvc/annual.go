package ppidsvc

import (
	"fmt"
	"sort"
	"time"

	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report/render"
	"github.com/kotakita/aduan/internal/store"
)

// AnnualPDF renders the annual public-information service report: the
// figures, and for a frozen year its hash, which anyone checks at
// /informasi/verifikasi.
func AnnualPDF(a *store.InfoAnnual, set render.Settings, now time.Time, lang i18n.Lang) ([]byte, error) {
	t := func(key string, args ...any) string { return i18n.T(lang, key, args...) }
	n := func(v int) string { return fmt.Sprint(v) }
	date := now
	if a.FrozenAt != nil {
		date = *a.FrozenAt
	}
	l := &render.Letter{Settings: set, Lang: lang, Title: t("ppid.annual.title", a.Year), Date: date,
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
	l.Table = &render.LetterTable{Headers: []string{"", "", t("ppid.annual.count")}, Widths: []float64{.3, .55, .15}, Aligns: "LLR", Rows: tab}
	switch {
	case a.Provisional:
		l.Body = []string{t("ppid.annual.provisional")}
	case a.FrozenAt != nil:
		l.Body = []string{t("ppid.annual.frozen", i18n.DateTime(lang, *a.FrozenAt), a.FrozenBy, a.SHA256)}
	}
	return render.LetterPDF(l)
}
