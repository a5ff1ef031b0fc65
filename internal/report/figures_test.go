package report_test

import (
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

// TestOneDefinitionOfReceived computes November's "pengaduan diterima"
// three ways, as the monthly report, the dashboard and /angka show it, and
// requires one number: the fixture's eight records are six complaints, a
// duplicate and a rejected prank, and all three say so apart.
func TestOneDefinitionOfReceived(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		from, to, _ := report.MonthRange("2026-11", aduan.WIB)
		m := must[*report.MonthlyData](t)(f.st.Reports().MonthlyData(ctx, f.ko, from, to, report.Filter{}))
		dash := must[*store.Dashboard](t)(f.st.Reports().DashboardFor(ctx, f.ko, f.clk.Now()))
		pub := must[*report.PublicFigures](t)(f.st.Reports().PublicFigures(ctx, 2026))
		nov := pub.Months[10]
		if m.Volume.Total != 6 || int(dash.Month) != m.Volume.Total || nov.Received != m.Volume.Total {
			t.Errorf("received: monthly %d, dashboard %d, /angka %d; want 6 everywhere", m.Volume.Total, dash.Month, nov.Received)
		}
		if m.Volume.Duplicate != 1 || m.Volume.Rejected != 1 || dash.MonthDuplicate != 1 || dash.MonthRejected != 1 || nov.Duplicate != 1 || nov.Rejected != 1 {
			t.Errorf("apart: monthly %d/%d, dashboard %d/%d, /angka %d/%d; want 1/1", m.Volume.Duplicate, m.Volume.Rejected,
				dash.MonthDuplicate, dash.MonthRejected, nov.Duplicate, nov.Rejected)
		}
		if m.Volume.Recorded != 8 || m.FCR.Base != m.Volume.Total {
			t.Errorf("recorded %d (want 8), first-contact base %d (want %d)", m.Volume.Recorded, m.FCR.Base, m.Volume.Total)
		}
		sum := 0
		for _, day := range m.Volume.ByDay {
			sum += day.N
		}
		if sum != m.Volume.Total {
			t.Errorf("the days add up to %d, not %d", sum, m.Volume.Total)
		}
	})
}

// TestDailyCountsDistinctComplaints: a complaint answered, closed,
// reopened, answered and closed again on one day is one complaint
// answered and one closed in its operator's daily report.
func TestDailyCountsDistinctComplaints(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		f.clk.Set(wib(2026, 11, 10, 9, 0))
		f.create(t, "r1", f.op1, aduan.ChannelPhone, "SAMPAH", "32.76.01.1006", "081200000201")
		f.step(t, "r1", 3*time.Minute, f.op1, aduan.ActionAnswer, aduan.ActionInput{Answer: "Jadwal angkut Selasa."})
		f.step(t, "r1", time.Minute, f.op1, aduan.ActionClose, aduan.ActionInput{})
		f.step(t, "r1", time.Hour, f.op1, aduan.ActionReopen, aduan.ActionInput{Reason: "Warga menelepon lagi: belum diangkut."})
		f.step(t, "r1", 5*time.Minute, f.op1, aduan.ActionAnswer, aduan.ActionInput{Answer: "Sudah dijadwalkan ulang hari ini."})
		f.step(t, "r1", time.Minute, f.op1, aduan.ActionClose, aduan.ActionInput{})
		dd := must[*report.DailyData](t)(f.st.Reports().DailyData(ctx, f.op1, 0, "2026-11-10"))
		if dd.Recorded != 1 || dd.AnsweredDirect+dd.AnsweredLibrary != 1 || dd.Closed != 1 || len(dd.Complaints) != 1 {
			t.Errorf("daily report of a reopened complaint: recorded %d, answered %d, closed %d, lines %d; want 1 each",
				dd.Recorded, dd.AnsweredDirect+dd.AnsweredLibrary, dd.Closed, len(dd.Complaints))
		}
	})
}
