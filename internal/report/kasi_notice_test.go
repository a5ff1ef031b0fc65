package report_test

import (
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

// TestKasiToldOfReportAwaitingParaf: submitting a monthly report rings
// every Kasi's bell with a notice that leads to the report and names it;
// once one of them decides, no bell asks any more.
func TestKasiToldOfReportAwaitingParaf(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		other := f.user(t, "kasi.dua", "Kasi Dua", aduan.RoleKasiKabid, 0)
		rnd := renderer(t, f.st)
		r := must[*report.Report](t)(f.st.Reports().CreateReport(ctx, f.ko, report.NewReport{Kind: report.Monthly, Month: "2026-11"}))
		f.clk.Set(wib(2026, 12, 1, 9, 0))
		r = must[*report.Report](t)(f.st.Reports().ReportAction(ctx, f.ko, r.ID, r.Version, report.ActionSubmit, "", rnd))
		for _, k := range []aduan.Actor{f.ka, other} {
			ns, err := f.st.Messages().Notifications(ctx, k, true, 10)
			check(t, err)
			if len(ns) != 1 || ns[0].Kind != "report_paraf" || ns[0].ReportID != r.ID || ns[0].ReportTitle != r.Title {
				t.Errorf("%s was told %+v, want one report_paraf about report %d %q", k.Name, ns, r.ID, r.Title)
			}
		}
		must[*report.Report](t)(f.st.Reports().ReportAction(ctx, f.ka, r.ID, r.Version, report.ActionParaf, "", rnd))
		for _, k := range []aduan.Actor{f.ka, other} {
			if n, err := f.st.Messages().UnreadNotifications(ctx, k); err != nil || n != 0 {
				t.Errorf("after the paraf %s has %d unread (%v)", k.Name, n, err)
			}
		}
	})
}
