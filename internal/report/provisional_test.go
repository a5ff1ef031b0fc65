package report_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
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
	r, err := f.st.Reports().CreateReport(ctx, f.ko, report.NewReport{Kind: report.Monthly, Month: "2026-11"})
	check(t, err)
	preview := func() string {
		data, err := f.st.Reports().ReportData(ctx, f.ko, r)
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

// TestFinalNeedsPublicURL: while public_base_url is unset or an address only
// this machine reaches, no report becomes final (the paraf of a monthly
// report, the submission of a daily one): the refusal names the setting and
// nothing changes. With a public address the same step goes through and the
// PDF prints that address.
func TestFinalNeedsPublicURL(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		rnd := renderer(t, f.st)
		r, err := f.st.Reports().CreateReport(ctx, f.ko, report.NewReport{Kind: report.Monthly, Month: "2026-11"})
		check(t, err)
		f.clk.Set(wib(2026, 12, 1, 9, 0))
		r, err = f.st.Reports().ReportAction(ctx, f.ko, r.ID, r.Version, report.ActionSubmit, "", rnd)
		check(t, err)
		daily, err := f.st.Reports().CreateReport(ctx, f.op1, report.NewReport{Kind: report.Daily, Day: "2026-11-30"})
		check(t, err)
		for _, u := range []string{"http://127.0.0.1:8080", "http://localhost:8080/", "http://[::1]/", "http://0.0.0.0:8080", ""} {
			check(t, f.st.RefData().SetSettings(ctx, aduan.System, map[string]string{"public_base_url": u}))
			_, err := f.st.Reports().ReportAction(ctx, f.ka, r.ID, r.Version, report.ActionParaf, "", rnd)
			wantCode(t, err, aduan.ETRANSITION, "err.report.public_base_url")
			if e, _ := aduan.AsError(err); !strings.Contains(i18n.T(i18n.ID, e.Key, e.Args...), "public_base_url") {
				t.Errorf("the refusal does not name the setting: %q", i18n.T(i18n.ID, e.Key, e.Args...))
			}
			_, err = f.st.Reports().ReportAction(ctx, f.op1, daily.ID, daily.Version, report.ActionSubmit, "", rnd)
			wantCode(t, err, aduan.ETRANSITION, "err.report.public_base_url")
		}
		if again, err := f.st.Reports().Report(ctx, f.ka, r.ID); err != nil || again.Status != report.StatusSubmitted || again.ContentHash != "" {
			t.Fatalf("a refused paraf changed the report: %v %+v", err, again)
		}
		check(t, f.st.RefData().SetSettings(ctx, aduan.System, map[string]string{"public_base_url": "https://aduan.depok.go.id"}))
		r, err = f.st.Reports().ReportAction(ctx, f.ka, r.ID, r.Version, report.ActionParaf, "", rnd)
		check(t, err)
		pdf, err := f.st.Reports().ReportFile(ctx, f.ka, r.ID, "pdf")
		check(t, err)
		if text := pdfText(t, pdf); !strings.Contains(text, "https://aduan.depok.go.id") || strings.Contains(text, "127.0.0.1") {
			t.Errorf("the PDF does not print the public address")
		}
		_, err = f.st.Reports().ReportAction(ctx, f.op1, daily.ID, daily.Version, report.ActionSubmit, "", rnd)
		check(t, err)
	})
}

// TestOneFinalPerPeriodAndScope: once November's report is initialled, a
// second report of November for the whole city can be neither submitted
// nor initialled (the refusal names the report there is), while a report
// of November for one kecamatan, another scope, can.
func TestOneFinalPerPeriodAndScope(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		rnd := renderer(t, f.st)
		first, err := f.st.Reports().CreateReport(ctx, f.ko, report.NewReport{Kind: report.Monthly, Month: "2026-11"})
		check(t, err)
		second, err := f.st.Reports().CreateReport(ctx, f.ko, report.NewReport{Kind: report.Monthly, Month: "2026-11"})
		check(t, err)
		scoped, err := f.st.Reports().CreateReport(ctx, f.ko, report.NewReport{Kind: report.Monthly, Month: "2026-11", Filter: report.Filter{KecamatanCode: "32.76.01"}})
		check(t, err)
		f.clk.Set(wib(2026, 12, 1, 9, 0))
		second, err = f.st.Reports().ReportAction(ctx, f.ko, second.ID, second.Version, report.ActionSubmit, "", rnd)
		check(t, err)
		first, err = f.st.Reports().ReportAction(ctx, f.ko, first.ID, first.Version, report.ActionSubmit, "", rnd)
		check(t, err)
		first, err = f.st.Reports().ReportAction(ctx, f.ka, first.ID, first.Version, report.ActionParaf, "", rnd)
		check(t, err)

		_, err = f.st.Reports().ReportAction(ctx, f.ka, second.ID, second.Version, report.ActionParaf, "", rnd)
		wantCode(t, err, aduan.ECONFLICT, "err.report.final_exists")
		if e, _ := aduan.AsError(err); !strings.Contains(i18n.T(i18n.ID, e.Key, e.Args...), fmt.Sprintf("#%d", first.ID)) {
			t.Errorf("the refusal does not name the final report: %q", i18n.T(i18n.ID, e.Key, e.Args...))
		}
		if again, err := f.st.Reports().Report(ctx, f.ka, second.ID); err != nil || again.Status != report.StatusSubmitted || again.ContentHash != "" {
			t.Fatalf("the refused paraf changed the report: %v %+v", err, again)
		}
		third, err := f.st.Reports().CreateReport(ctx, f.ko, report.NewReport{Kind: report.Monthly, Month: "2026-11"})
		check(t, err)
		_, err = f.st.Reports().ReportAction(ctx, f.ko, third.ID, third.Version, report.ActionSubmit, "", rnd)
		wantCode(t, err, aduan.ECONFLICT, "err.report.final_exists")

		scoped, err = f.st.Reports().ReportAction(ctx, f.ko, scoped.ID, scoped.Version, report.ActionSubmit, "", rnd)
		check(t, err)
		if _, err = f.st.Reports().ReportAction(ctx, f.ka, scoped.ID, scoped.Version, report.ActionParaf, "", rnd); err != nil {
			t.Fatalf("a kecamatan's report of the same month: %v", err)
		}
	})
}
