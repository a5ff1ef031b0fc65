package report_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

// TestCorrectionSupersedes: a correction of a final monthly report is a
// new report of the same period and scope; initialled, it supersedes the
// old one; both stay, both verify, and the old one says it is superseded.
func TestCorrectionSupersedes(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		rnd := renderer(t, f.st)
		old := finalMonthly(t, f)
		oldPDF := must[[]byte](t)(f.st.Reports().ReportFile(ctx, f.ka, old.ID, "pdf"))

		// Only a final report is corrected, by the coordinator.
		_, err := f.st.Reports().CreateReport(ctx, f.op1, report.NewReport{Kind: report.Monthly, Corrects: old.ID})
		wantCode(t, err, aduan.EFORBIDDEN, "")

		// A November complaint recorded late is why the report is corrected.
		f.clk.Set(wib(2026, 11, 30, 11, 0))
		f.create(t, "late", f.op1, aduan.ChannelPhone, "SAMPAH", "32.76.01.1006", "081200000099")
		f.clk.Set(wib(2026, 12, 2, 9, 0))
		fix := must[*report.Report](t)(f.st.Reports().CreateReport(ctx, f.ko, report.NewReport{Kind: report.Monthly, Month: "2027-01", Corrects: old.ID,
			Narrative: "Koreksi: satu pengaduan tercatat terlambat."}))
		if fix.CorrectsID != old.ID || !fix.From.Equal(old.From) || !fix.To.Equal(old.To) || fix.Filter != old.Filter || !strings.HasSuffix(fix.Title, "(koreksi)") {
			t.Fatalf("correction: %+v", fix)
		}
		// One correction at a time.
		_, err = f.st.Reports().CreateReport(ctx, f.ko, report.NewReport{Kind: report.Monthly, Corrects: old.ID})
		wantCode(t, err, aduan.ECONFLICT, "err.report.correction_open")

		fix = must[*report.Report](t)(f.st.Reports().ReportAction(ctx, f.ko, fix.ID, fix.Version, report.ActionSubmit, "", rnd))
		f.clk.Add(time.Hour)
		fix = must[*report.Report](t)(f.st.Reports().ReportAction(ctx, f.ka, fix.ID, fix.Version, report.ActionParaf, "", rnd))
		if fix.Status != report.StatusComplete || volume(t, fix.Current().Data) != 7 {
			t.Fatalf("correction final: %s, volume %d", fix.Status, volume(t, fix.Current().Data))
		}
		old = must[*report.Report](t)(f.st.Reports().Report(ctx, f.ka, old.ID))
		if old.SupersededBy != fix.ID || old.SupersededAt == nil || old.Status != report.StatusComplete || volume(t, old.Current().Data) != 6 {
			t.Errorf("the old report after the correction: superseded by %d at %v, %s", old.SupersededBy, old.SupersededAt, old.Status)
		}
		// Both verify; the old one says it is superseded.
		m := must[*report.Match](t)(f.st.Reports().VerifyReport(ctx, report.HashBytes(oldPDF)))
		if m.Report.ID != old.ID || m.Report.SupersededBy != fix.ID {
			t.Errorf("the old PDF verifies as %d, superseded by %d", m.Report.ID, m.Report.SupersededBy)
		}
		m = must[*report.Match](t)(f.st.Reports().VerifyReport(ctx, fix.ContentHash))
		if m.Report.ID != fix.ID || m.Report.SupersededBy != 0 || m.Report.CorrectsID != old.ID {
			t.Errorf("the correction verifies as %+v", m.Report)
		}
		// A superseded report is not corrected again; the correction is.
		_, err = f.st.Reports().CreateReport(ctx, f.ko, report.NewReport{Kind: report.Monthly, Corrects: old.ID})
		wantCode(t, err, aduan.ECONFLICT, "err.report.superseded")
		// Still one standing final report per period and scope: a fresh
		// report of November cannot become final beside the correction.
		other := must[*report.Report](t)(f.st.Reports().CreateReport(ctx, f.ko, report.NewReport{Kind: report.Monthly, Month: "2026-11"}))
		_, err = f.st.Reports().ReportAction(ctx, f.ko, other.ID, other.Version, report.ActionSubmit, "", rnd)
		wantCode(t, err, aduan.ECONFLICT, "err.report.final_exists")
		if d != store.SQLite {
			return
		}
		text := pdfText(t, must[[]byte](t)(f.st.Reports().ReportFile(ctx, f.ka, fix.ID, "pdf")))
		if !strings.Contains(text, "Koreksi atas") || !strings.Contains(text, "laporan #"+strconv.FormatInt(old.ID, 10)+", yang digantikannya") || !strings.Contains(text, "(koreksi)") {
			t.Errorf("the correction's PDF does not say what it corrects:\n%.1200s", text)
		}
	})
}
