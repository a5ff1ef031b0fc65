package report_test

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/lapor"
	"github.com/kotakita/aduan/internal/store"
)

// TestMonthlyFilesLaporSection: a month with SP4N-LAPOR! reports has
// LAPOR!'s section in the final PDF (its title, each deadline with its
// working days, the counts) and its own sheet in the workbook; the
// figures of the other sections do not move (the golden month has none).
func TestMonthlyFilesLaporSection(t *testing.T) {
	f := newFixture(t, store.SQLite)
	// Dispositioned on Monday 2 November, sent on two days later (in
	// time); never followed up (late by now).
	disp := wib(2026, 11, 2, 8, 0)
	c, err := f.st.Lapor().Register(ctx, f.op1, lapor.Intake{TrackingID: "7700123", Text: "Lampu PJU mati di Jl. Juanda.", Dispositioned: disp}, "manual")
	check(t, err)
	now := f.clk.Now()
	f.clk.Set(wib(2026, 11, 4, 8, 0))
	_, _, err = f.st.Complaints().ApplyAction(ctx, f.op1, c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr, ReachedBy: aduan.ReachedByPhone, Note: "Pak Dedi.", CategoryID: f.cats["PJU"]})
	check(t, err)
	f.clk.Set(now.Add(time.Minute))

	r := finalMonthly(t, f)
	pdf, err := f.st.Reports().ReportFile(ctx, f.ka, r.ID, "pdf")
	check(t, err)
	text := strings.Join(strings.Fields(pdfText(t, pdf)), " ")
	for _, want := range []string{"SP4N-LAPOR!: laporan yang didisposisikan ke Pemkot", "1 laporan didisposisikan SP4N-LAPOR! pada periode ini; 0 sudah ditutup.",
		"Diverifikasi dan diteruskan (3 hari kerja)", "Tindak lanjut pertama (5 hari kerja)", "Ditutup (10 hari kerja setelah tindak lanjut)", "100,0%"} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF lacks %q", want)
		}
	}
	body, err := f.st.Reports().ReportFile(ctx, f.ka, r.ID, "xlsx")
	check(t, err)
	x, err := excelize.OpenReader(bytes.NewReader(body))
	check(t, err)
	defer x.Close()
	rows, err := x.GetRows("LAPOR!")
	if err != nil || len(rows) < 4 {
		t.Fatalf("no LAPOR! sheet: %v %v", err, x.GetSheetList())
	}
	// Verification met once; the follow-up late once.
	if v := strings.Join(rows[1][:3], "|"); v != "Diverifikasi dan diteruskan (3 hari kerja)|1|0" {
		t.Errorf("verification row %q", v)
	}
	if v := strings.Join(rows[2][:3], "|"); v != "Tindak lanjut pertama (5 hari kerja)|0|1" {
		t.Errorf("follow-up row %q", v)
	}
}
