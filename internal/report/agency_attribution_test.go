package report_test

import (
	"strconv"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

// TestAgencyStepRecordedByCallCenter: DISHUB answers c9 by phone and the
// call center records it (record_agency_answer). The answer is DISHUB's
// step 8 in the monthly report, on the dashboard and on /angka, though the
// user who wrote it has no agency.
func TestAgencyStepRecordedByCallCenter(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		f.clk.Set(wib(2026, 11, 10, 9, 0))
		f.create(t, "c9", f.op1, aduan.ChannelPhone, "JALAN_RUSAK", "32.76.01.1006", "081200000209")
		f.step(t, "c9", 5*time.Minute, f.op1, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dishub, ReachedBy: aduan.ReachedByPhone})
		f.step(t, "c9", time.Hour, f.op1, aduan.ActionRecordAgencyAnswer, aduan.ActionInput{
			Answer: "Rambu dipasang besok.", AnsweredBy: "Pak Joko (Dishub)", Via: aduan.ViaPhone})
		f.clk.Set(wib(2026, 11, 30, 9, 0))

		from, to, _ := report.MonthRange("2026-11", aduan.WIB)
		m := must[*report.MonthlyData](t)(f.st.Reports().MonthlyData(ctx, f.ko, from, to, report.Filter{}))
		var dishub *report.AgencyStat
		for i := range m.Agencies {
			if m.Agencies[i].ID == f.dishub {
				dishub = &m.Agencies[i]
			}
		}
		// The fixture's DISHUB returned c4 (a step 8 receipt); c9's answer
		// is its second step.
		if dishub == nil || dishub.Answered != 1 || dishub.Total != 2 || dishub.Forwarded != 2 {
			t.Fatalf("monthly report, DISHUB: %+v; want 2 forwarded, 1 answered, 2 steps", dishub)
		}
		if dishub.MedianAnswerMS == 0 {
			t.Errorf("DISHUB's answer time is missing: %+v", dishub)
		}
		dash := must[*store.Dashboard](t)(f.st.Reports().DashboardFor(ctx, f.ko, f.clk.Now()))
		var dashTotal int64
		for _, c := range dash.AgencyCompliance {
			if c.Key == strconv.FormatInt(f.dishub, 10) {
				dashTotal = c.Total
			}
		}
		if dashTotal != 2 {
			t.Errorf("dashboard: DISHUB has %d agency steps this month, want 2", dashTotal)
		}
		pub := must[*report.PublicFigures](t)(f.st.Reports().PublicFigures(ctx, 2026))
		var pubTotal int
		for _, c := range pub.Agencies {
			if c.ID == f.dishub {
				pubTotal = c.Total
			}
		}
		if pubTotal != 2 {
			t.Errorf("/angka: DISHUB has %d agency steps in 2026, want 2", pubTotal)
		}
	})
}

// TestAgencyReportShowsOnlyItsAgency: DPUPR's monthly report holds c4,
// which went to DISHUB first and came back (bukan wewenang). Its agency
// table is DPUPR's alone: DISHUB's return is not DPUPR's to show.
func TestAgencyReportShowsOnlyItsAgency(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		from, to, _ := report.MonthRange("2026-11", aduan.WIB)
		m := must[*report.MonthlyData](t)(f.st.Reports().MonthlyData(ctx, f.ko, from, to, report.Filter{AgencyID: f.dpupr}))
		if len(m.Agencies) != 1 || m.Agencies[0].ID != f.dpupr {
			var names []string
			for _, a := range m.Agencies {
				names = append(names, a.Name)
			}
			t.Fatalf("DPUPR's report lists the agencies %q; want DPUPR alone", names)
		}
		if a := m.Agencies[0]; a.Forwarded != 3 || a.Answered != 2 {
			t.Errorf("DPUPR: forwarded %d, answered %d; want 3 and 2", a.Forwarded, a.Answered)
		}
		for _, a := range m.Slowest {
			if a.ID != f.dpupr {
				t.Errorf("DPUPR's report names %s among the slowest", a.Name)
			}
		}
	})
}
