package report_test

import (
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

// TestPimpinanSeesItsAgency: the head of an agency (Pimpinan PD) sees its
// agency's compliance and overdue list, and the monthly reports made for
// its agency; never the city's whole report nor another agency's figures.
func TestPimpinanSeesItsAgency(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		pim := f.user(t, "pim.dpupr", "Kepala DPUPR", aduan.RolePimpinanPD, f.dpupr)
		from, to, _ := report.MonthRange("2026-11", aduan.WIB)
		m, err := f.st.Reports().MonthlyData(ctx, pim, from, to, report.Filter{})
		check(t, err)
		// (DISHUB may appear: it returned one of DPUPR's complaints.)
		if m.Filter.AgencyID != f.dpupr || len(m.Agencies) == 0 || m.Agencies[0].ID != f.dpupr || m.Volume.Total != 3 {
			t.Errorf("the head of DPUPR sees %+v, agencies %+v", m.Filter, m.Agencies)
		}
		for _, l := range m.Open.Oldest {
			if l.Agency != "" && l.Agency != "Dinas Pekerjaan Umum dan Penataan Ruang" {
				t.Errorf("another agency's overdue complaint: %+v", l)
			}
		}
		_, err = f.st.Reports().MonthlyData(ctx, pim, from, to, report.Filter{AgencyID: f.dishub})
		wantCode(t, err, aduan.EFORBIDDEN, "")

		// Two final reports of November: the city's and DPUPR's.
		rnd := renderer(t, f.st)
		city := must[*report.Report](t)(f.st.Reports().CreateReport(ctx, f.ko, report.NewReport{Kind: report.Monthly, Month: "2026-11"}))
		own := must[*report.Report](t)(f.st.Reports().CreateReport(ctx, f.ko, report.NewReport{Kind: report.Monthly, Month: "2026-11", Filter: report.Filter{AgencyID: f.dpupr}}))
		f.clk.Set(wib(2026, 12, 1, 9, 0))
		for _, r := range []*report.Report{city, own} {
			r = must[*report.Report](t)(f.st.Reports().ReportAction(ctx, f.ko, r.ID, r.Version, report.ActionSubmit, "", rnd))
			f.clk.Add(time.Minute)
			must[*report.Report](t)(f.st.Reports().ReportAction(ctx, f.ka, r.ID, r.Version, report.ActionParaf, "", rnd))
		}
		// The city's report made final tells the head of each agency.
		ns, err := f.st.Messages().Notifications(ctx, pim, true, 10)
		check(t, err)
		if len(ns) != 1 || ns[0].Kind != "report_final" || ns[0].ComplaintID != 0 {
			t.Errorf("the head of DPUPR was told %+v, want one report_final", ns)
		}
		list, _, err := f.st.Reports().Reports(ctx, pim, store.ReportFilter{Kind: report.Monthly})
		check(t, err)
		if len(list) != 1 || list[0].ID != own.ID {
			t.Errorf("the head of DPUPR lists %d reports, want only DPUPR's", len(list))
		}
		_, err = f.st.Reports().Report(ctx, pim, city.ID)
		wantCode(t, err, aduan.ENOTFOUND, "")
		must[*report.Report](t)(f.st.Reports().Report(ctx, pim, own.ID))
		must[[]byte](t)(f.st.Reports().ReportFile(ctx, pim, own.ID, "pdf"))
	})
}
