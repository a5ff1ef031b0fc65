package report_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

// TestWITACityGolden: a city in Central Indonesia (time_zone WITA) counts
// its days and months from WITA midnight and shows every time at +08:00:
// a call at 23.30 WIB on 31 October is 00.30 WITA on 1 November, one at
// 23.30 WIB on 30 November belongs to December.
func TestWITACityGolden(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		check(t, f.st.RefData().SetSettings(ctx, aduan.System, map[string]string{"time_zone": "WITA"}))
		f.clk.Set(wib(2026, 10, 31, 23, 30))
		f.create(t, "w1", f.op1, aduan.ChannelPhone, "SAMPAH", "32.76.01.1006", "081200000301")
		f.clk.Set(wib(2026, 11, 30, 23, 30))
		f.create(t, "w2", f.op1, aduan.ChannelPhone, "SAMPAH", "32.76.01.1006", "081200000302")
		f.clk.Set(wib(2026, 12, 1, 9, 0))

		from, to, _ := report.MonthRange("2026-11", aduan.WITA)
		m := must[*report.MonthlyData](t)(f.st.Reports().MonthlyData(ctx, f.ko, from, to, report.Filter{}))
		golden(t, "monthly_2026-11_wita.json", m, d)
		if m.Volume.Total != 7 || m.Volume.ByDay[0].Day != "2026-11-01" || m.Volume.ByDay[0].N != 1 {
			t.Errorf("WITA November: %d received, first day %+v; want 7 and 1 on 1 November", m.Volume.Total, m.Volume.ByDay[0])
		}
		raw, err := json.Marshal(m)
		check(t, err)
		if !strings.Contains(string(raw), `"from":"2026-11-01T00:00:00+08:00"`) || strings.Contains(string(raw), `Z"`) {
			t.Errorf("the figures are not in WITA: %.200s", raw)
		}
		daily := must[*report.DailyData](t)(f.st.Reports().DailyData(ctx, f.op1, 0, "2026-11-02"))
		golden(t, "daily_siti_2026-11-02_wita.json", daily, d)
		if _, off := daily.DueAt.Zone(); off != 8*3600 {
			t.Errorf("daily due %v, want it at +08:00", daily.DueAt)
		}

		// The report made in the WITA city: its period in WITA, its
		// document saying WITA.
		r, err := f.st.Reports().CreateReport(ctx, f.ko, report.NewReport{Kind: report.Monthly, Month: "2026-11"})
		check(t, err)
		if !r.From.Equal(from) || !r.To.Equal(to) {
			t.Fatalf("period %v – %v, want %v – %v", r.From, r.To, from, to)
		}
		r, err = f.st.Reports().ReportAction(ctx, f.ko, r.ID, r.Version, report.ActionSubmit, "", renderer(t, f.st))
		check(t, err)
		if d != store.SQLite {
			return
		}
		f.clk.Add(time.Hour)
		r, err = f.st.Reports().ReportAction(ctx, f.ka, r.ID, r.Version, report.ActionParaf, "", renderer(t, f.st))
		check(t, err)
		pdf, err := f.st.Reports().ReportFile(ctx, f.ka, r.ID, "pdf")
		check(t, err)
		text := pdfText(t, pdf)
		// Initialled at 10.00 WIB, which is 11.00 WITA.
		if !strings.Contains(text, "1 Desember 2026 11.00 WITA") || strings.Contains(text, " WIB") {
			t.Errorf("the PDF does not show WITA times:\n%.1500s", text)
		}
	})
}
