package report_test

import (
	"strings"
	"testing"

	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/report/render"
	"github.com/kotakita/aduan/internal/store"
)

// TestRunningMonthPDFIsProvisional: the PDF of a month that runs still says
// SEMENTARA at its top and in every page's footer; once the month has ended
// the same preview does not.
func TestRunningMonthPDFIsProvisional(t *testing.T) {
	f := newFixture(t, store.SQLite) // the fixture's clock: 30 November 2026
	r, err := f.st.CreateReport(ctx, f.ko, report.NewReport{Kind: report.Monthly, Month: "2026-11"})
	check(t, err)
	preview := func() string {
		data, err := f.st.ReportData(ctx, f.ko, r)
		check(t, err)
		c := report.ContentOf(r, &report.Version{Seq: 1, Data: data, SubmittedAt: f.clk.Now()})
		d, err := render.NewDoc(r, c, render.SettingsFrom(nil), i18n.ID, true)
		check(t, err)
		pdf, err := render.PDF(d)
		check(t, err)
		return pdfText(t, pdf)
	}
	text := preview()
	if !strings.Contains(text, "SEMENTARA – periode belum berakhir") || strings.Count(text, "SEMENTARA") < 1+len(pdfPagesOf(text)) {
		t.Errorf("a running month's PDF is not marked provisional:\n%.600s", text)
	}
	f.clk.Set(wib(2026, 12, 1, 9, 0))
	if text := preview(); strings.Contains(text, "SEMENTARA") || !strings.Contains(text, "DRAF") {
		t.Errorf("an ended month's draft is still marked provisional:\n%.600s", text)
	}
}

// pdfPagesOf splits pdftotext output into its pages (form feeds).
func pdfPagesOf(text string) []string {
	return strings.Split(strings.TrimRight(text, "\f\n"), "\f")
}
