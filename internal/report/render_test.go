package report_test

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"image"
	"image/png"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/report/render"
	"github.com/kotakita/aduan/internal/store"
	"github.com/xuri/excelize/v2"
)

// poppler returns the path of a poppler tool, skipping the test when it is
// missing outside CI (and failing in CI, where it must be installed).
func poppler(t *testing.T, tool string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is missing in CI (install poppler-utils)", tool)
		}
		t.Skipf("%s not installed (poppler-utils)", tool)
	}
	return p
}

func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	if dir := os.Getenv("REPORT_DUMP"); dir != "" {
		// Keep the documents to look at: REPORT_DUMP=/tmp/x go test -run PDF
		check(t, os.WriteFile(filepath.Join(dir, strings.NewReplacer("/", "_").Replace(t.Name())+".pdf"), pdf, 0o644))
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "r.pdf")
	check(t, os.WriteFile(in, pdf, 0o644))
	out, err := exec.Command(poppler(t, "pdftotext"), "-layout", in, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v: %s", err, out)
	}
	return string(out)
}

// pdfPages renders every page to PNG and returns them decoded.
func pdfPages(t *testing.T, pdf []byte) []image.Image {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "r.pdf")
	check(t, os.WriteFile(in, pdf, 0o644))
	if out, err := exec.Command(poppler(t, "pdftoppm"), "-png", "-r", "50", in, filepath.Join(dir, "page")).CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v: %s", err, out)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "page*.png"))
	var out []image.Image
	for _, f := range files {
		b, err := os.ReadFile(f)
		check(t, err)
		img, err := png.Decode(bytes.NewReader(b))
		check(t, err)
		out = append(out, img)
	}
	return out
}

// inked is the share of a page's pixels that are not white.
func inked(img image.Image) float64 {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xf000 || g < 0xf000 || bl < 0xf000 {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}

// colourful counts pixels of the chart blue, which only the charts use.
func colourful(img image.Image) int {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if bl>>8 > 200 && r>>8 < 80 && g>>8 < 150 {
				n++
			}
		}
	}
	return n
}

// finalMonthly makes an initialled monthly report on the fixture.
func finalMonthly(t *testing.T, f *fixture) *report.Report {
	t.Helper()
	rnd := renderer(t, f.st)
	r, err := f.st.Reports().CreateReport(ctx, f.ko, report.NewReport{Kind: report.Monthly, Month: "2026-11", Narrative: "Pengaduan naik tajam; DPUPR perlu dipantau."})
	check(t, err)
	f.clk.Set(wib(2026, 12, 1, 9, 0)) // November has ended: its report can be final
	r, err = f.st.Reports().ReportAction(ctx, f.ko, r.ID, r.Version, report.ActionSubmit, "", rnd)
	check(t, err)
	f.clk.Add(time.Hour)
	r, err = f.st.Reports().ReportAction(ctx, f.ka, r.ID, r.Version, report.ActionParaf, "", rnd)
	check(t, err)
	return r
}

func TestMonthlyPDF(t *testing.T) {
	f := newFixture(t, store.SQLite)
	r := finalMonthly(t, f)
	pdf, err := f.st.Reports().ReportFile(ctx, f.ka, r.ID, "pdf")
	check(t, err)
	text := pdfText(t, pdf)
	pages := strings.Count(text, "\f")
	for _, want := range []string{
		"PEMERINTAH KOTA DEPOK", "DINAS KOMUNIKASI DAN INFORMATIKA",
		"Laporan Bulanan Call Center – November 2026", "1 November 2026 – 30 November 2026",
		"Pengaduan diterima", "Selesai pada kontak pertama", "50,0%", "+200,0%", "Tidak dihitung sebagai pengaduan", "1 duplikat, 1 ditolak",
		"Waktu dan kepatuhan mutu baku per langkah SOP", "Diteruskan ke PD (SOP 7)", "Siti Operator", "Budi Operator",
		"Dinas Pekerjaan Umum dan Penataan Ruang", "Perangkat Daerah dengan jawaban paling lambat",
		"ADU-2026-000006", "Pancoran Mas", "Sampah tidak terangkut", "4,50 dari 5",
		"Pengaduan naik tajam; DPUPR perlu dipantau.", "Diperiksa dan diparaf oleh", "Agus Kasi", "Rina Koordinator",
		r.ContentHash, "aduan report verify", "Halaman 1 dari",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the PDF text lacks %q", want)
		}
	}
	if pages < 2 || !strings.Contains(text, "Halaman "+strconv.Itoa(pages)+" dari "+strconv.Itoa(pages)) {
		t.Errorf("%d pages; the last page number is missing", pages)
	}
	// Indonesian figures only: no rate or average the English way.
	for _, never := range []string{"50.0%", "300.0%", "4.50"} {
		if strings.Contains(text, never) {
			t.Errorf("the Indonesian PDF writes %q the English way", never)
		}
	}
	// Personal data never reaches a report.
	for _, never := range []string{"Warga c1", "081200000001", "Jl. Uji"} {
		if strings.Contains(text, never) {
			t.Errorf("the PDF shows personal data %q", never)
		}
	}
	imgs := pdfPages(t, pdf)
	if len(imgs) != pages {
		t.Fatalf("pdftoppm made %d pages, pdftotext saw %d", len(imgs), pages)
	}
	charts := 0
	for i, img := range imgs {
		if b := img.Bounds(); b.Dx() < 400 || b.Dy() < 580 || b.Dx()*297 < b.Dy()*200 {
			t.Errorf("page %d is %dx%d, not A4 portrait", i+1, b.Dx(), b.Dy())
		}
		if ink := inked(img); ink < 0.01 {
			t.Errorf("page %d is blank (%.3f inked)", i+1, ink)
		}
		charts += colourful(img)
	}
	if charts < 200 {
		t.Errorf("the charts drew only %d blue pixels", charts)
	}
}

func TestDailyPDFAndDraft(t *testing.T) {
	f := newFixture(t, store.SQLite)
	r, err := f.st.Reports().CreateReport(ctx, f.op1, report.NewReport{Kind: report.Daily, Day: "2026-11-02", Narrative: "Jaringan telepon sempat putus."})
	check(t, err)
	// A draft renders too, marked as such, with no verification code.
	data, err := f.st.Reports().ReportData(ctx, f.op1, r)
	check(t, err)
	c := report.ContentOf(r, &report.Version{Seq: 1, Data: data, Narrative: r.Narrative, SubmittedAt: f.clk.Now()})
	d, err := render.NewDoc(r, c, render.SettingsFrom(nil), i18n.ID, true)
	check(t, err)
	draft, err := render.PDF(d)
	check(t, err)
	text := pdfText(t, draft)
	for _, want := range []string{"DRAF", "belum final"} {
		if !strings.Contains(text, want) {
			t.Errorf("the draft lacks %q", want)
		}
	}
	r, err = f.st.Reports().ReportAction(ctx, f.op1, r.ID, r.Version, report.ActionSubmit, "", renderer(t, f.st))
	check(t, err)
	pdf, err := f.st.Reports().ReportFile(ctx, f.op1, r.ID, "pdf")
	check(t, err)
	text = pdfText(t, pdf)
	for _, want := range []string{"Laporan Harian Operator Call Center – Siti Operator – Senin, 2 November 2026",
		"Pengaduan dicatat", "Dijawab langsung", "Diteruskan ke Perangkat Daerah", "Dinas Pekerjaan Umum dan Penataan Ruang",
		"ADU-2026-000004", "Jaringan telepon sempat putus.", "Catatan Operator", r.ContentHash, "Halaman 1 dari 1"} {
		if !strings.Contains(text, want) {
			t.Errorf("the daily PDF lacks %q", want)
		}
	}
	if len(pdfPages(t, pdf)) != 1 {
		t.Error("a one-day report should fit one page")
	}
	// In English on request, for a screen reader.
	d, err = render.NewDoc(r, report.ContentOf(r, r.Current()), render.SettingsFrom(nil), i18n.EN, false)
	check(t, err)
	en, err := render.PDF(d)
	check(t, err)
	if text := pdfText(t, en); !strings.Contains(text, "Complaints recorded") || !strings.Contains(text, "Page 1 of 1") {
		t.Error("the English rendering is not in English")
	}
}

func TestMonthlyXLSX(t *testing.T) {
	f := newFixture(t, store.SQLite)
	r := finalMonthly(t, f)
	body, err := f.st.Reports().ReportFile(ctx, f.ka, r.ID, "xlsx")
	check(t, err)
	x, err := excelize.OpenReader(bytes.NewReader(body))
	check(t, err)
	defer x.Close()
	sheets := strings.Join(x.GetSheetList(), "|")
	for _, want := range []string{"Ringkasan", "Per hari", "Kanal", "Langkah SOP", "Operator", "Perangkat Daerah", "Terlambat", "Kategori", "Kelurahan", "Kecamatan", "Penilaian", "SKM"} {
		if !strings.Contains(sheets, want) {
			t.Errorf("no sheet %q in %s", want, sheets)
		}
	}
	cell := func(sheet, ref string) string {
		v, err := x.GetCellValue(sheet, ref)
		check(t, err)
		return v
	}
	if v := cell("Ringkasan", "A2") + "=" + cell("Ringkasan", "B2"); v != "Judul="+r.Title {
		t.Errorf("summary title %q", v)
	}
	rows, err := x.GetRows("Ringkasan")
	check(t, err)
	found := false
	for _, row := range rows {
		if len(row) > 1 && row[1] == r.ContentHash {
			found = true
		}
	}
	if !found {
		t.Error("the summary sheet lacks the content hash")
	}
	steps, err := x.GetRows("Langkah SOP", excelize.Options{RawCellValue: true})
	check(t, err)
	forward := 0
	for i, row := range steps {
		if len(row) > 0 && row[0] == "Diteruskan ke PD (SOP 7)" {
			forward = i + 1
		}
	}
	if forward == 0 {
		t.Fatal("no forward step row")
	}
	// Three forwards (the fourth, after bukan wewenang, is a re-forward,
	// timed as step 7 alone on its own row).
	if row := steps[forward-1]; len(row) < 9 || row[2] != "25 menit" || row[3] != "3" || row[4] != "2" || row[6] != "0.667" || row[7] != "15" || row[8] != "40" {
		t.Errorf("forward step row %v", row)
	}
	if n := cell("Per hari", "B3"); n != "5" {
		t.Errorf("2 November count %q", n)
	}

	// Figures are numbers under a number format, never text, so that the
	// spreadsheet program writes them the reader's way (75,0% and 1.234 on
	// an Indonesian system) and can compute with them.
	numFmt := func(sheet, ref string) (int, string) {
		id, err := x.GetCellStyle(sheet, ref)
		check(t, err)
		st, err := x.GetStyle(id)
		check(t, err)
		custom := ""
		if st.CustomNumFmt != nil {
			custom = *st.CustomNumFmt
		}
		return st.NumFmt, custom
	}
	number := func(sheet, ref string) float64 {
		t.Helper()
		typ, err := x.GetCellType(sheet, ref)
		check(t, err)
		if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s!%s is not a number cell (type %v)", sheet, ref, typ)
		}
		raw, err := x.GetCellValue(sheet, ref, excelize.Options{RawCellValue: true})
		check(t, err)
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			t.Errorf("%s!%s holds %q, not a number", sheet, ref, raw)
		}
		return v
	}
	rate := "G" + strconv.Itoa(forward)
	if v := number("Langkah SOP", rate); v != 0.667 {
		t.Errorf("forward rate %v, want 0.667 (66.7%%)", v)
	}
	if _, custom := numFmt("Langkah SOP", rate); custom != "0.0%" {
		t.Errorf("forward rate format %q, want 0.0%%", custom)
	}
	if shown := cell("Langkah SOP", rate); shown != "66.7%" {
		t.Errorf("forward rate shows as %q", shown)
	}
	for _, ref := range []string{"D" + strconv.Itoa(forward), "E" + strconv.Itoa(forward)} {
		number("Langkah SOP", ref)
		if id, _ := numFmt("Langkah SOP", ref); id != 3 {
			t.Errorf("count %s has format %d, want #,##0 (3)", ref, id)
		}
	}
	if _, custom := numFmt("Langkah SOP", "H"+strconv.Itoa(forward)); custom != "#,##0.0" || number("Langkah SOP", "H"+strconv.Itoa(forward)) != 15 {
		t.Errorf("median minutes format %q", custom)
	}
	var fcr, sat string
	for i, row := range rows {
		switch {
		case len(row) > 0 && row[0] == "Selesai pada kontak pertama":
			fcr = "B" + strconv.Itoa(i+1)
		case len(row) > 0 && row[0] == "Penilaian warga (SMS, 1–5)":
			sat = "B" + strconv.Itoa(i+1)
		}
	}
	if fcr == "" || sat == "" {
		t.Fatalf("summary rows %q", rows)
	}
	if v := number("Ringkasan", fcr); v != 0.5 {
		t.Errorf("first-contact resolution %v, want 0.5", v)
	}
	if _, custom := numFmt("Ringkasan", fcr); custom != "0.0%" {
		t.Errorf("first-contact resolution format %q", custom)
	}
	if v := number("Ringkasan", sat); v != 4.5 {
		t.Errorf("satisfaction %v", v)
	}
	if id, _ := numFmt("Ringkasan", sat); id != 2 {
		t.Errorf("satisfaction format %d, want 0.00 (2)", id)
	}
	for _, ref := range []string{"B2", "C2", "D2"} {
		number("Operator", ref)
	}
	if _, custom := numFmt("Operator", "E2"); custom != "0.0%" || number("Operator", "E2") > 1 {
		t.Errorf("operator rate format %q", custom)
	}
	if _, custom := numFmt("Perangkat Daerah", "B2"); custom != "0.0%" || number("Perangkat Daerah", "B2") > 1 {
		t.Errorf("agency rate format %q", custom)
	}
	// Days and times are dates (WIB), drawn in the reader's date order.
	if id, _ := numFmt("Per hari", "A3"); id != 14 {
		t.Errorf("day format %d, want the short date (14)", id)
	}
	if d, err := excelize.ExcelDateToTime(number("Per hari", "A3"), false); err != nil || d.Format("2006-01-02 15:04") != "2026-11-02 00:00" {
		t.Errorf("day A3 is %v", d)
	}
	var m report.MonthlyData
	check(t, json.Unmarshal(r.Current().Data, &m))
	if len(m.Open.Oldest) == 0 {
		t.Fatal("no overdue complaint in the fixture")
	}
	if id, _ := numFmt("Terlambat", "B2"); id != 22 {
		t.Errorf("received format %d, want date and time (22)", id)
	}
	if d, err := excelize.ExcelDateToTime(number("Terlambat", "B2"), false); err != nil ||
		d.Format("2006-01-02 15:04") != m.Open.Oldest[0].ReceivedAt.In(aduan.WIB).Format("2006-01-02 15:04") {
		t.Errorf("received B2 is %v, want %v WIB", d, m.Open.Oldest[0].ReceivedAt.In(aduan.WIB))
	}
	// Charts are drawn in the workbook itself.
	zr, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	check(t, err)
	charts := 0
	for _, zf := range zr.File {
		if strings.HasPrefix(zf.Name, "xl/charts/chart") {
			charts++
		}
	}
	if charts < 6 {
		t.Errorf("%d charts in the workbook", charts)
	}
}

func TestComplaintExports(t *testing.T) {
	f := newFixture(t, store.SQLite)
	// A citizen's text that a spreadsheet would run as a formula.
	f.create(t, "evil", f.op1, aduan.ChannelSMS, "", "", "081200000077")
	c := f.complaints["evil"]
	txt := "=HYPERLINK(\"http://evil.example\",\"klik\")"
	_, err := f.st.Complaints().EditComplaint(ctx, f.op1, c.ID, c.Version, aduan.ComplaintPatch{Text: &txt})
	check(t, err)
	export := func(a aduan.Actor, format string, filter aduan.ComplaintFilter) []byte {
		var buf bytes.Buffer
		var w render.ComplaintWriter
		if format == "csv" {
			w, err = render.NewCSV(&buf, a, i18n.ID, f.clk.Now(), aduan.WIB)
		} else {
			w, err = render.NewXLSX(&buf, a, i18n.ID, f.clk.Now(), aduan.WIB)
		}
		check(t, err)
		check(t, f.st.Reports().EachComplaint(ctx, a, filter, w.Write))
		check(t, w.Close())
		return buf.Bytes()
	}
	body := export(f.ko, "csv", aduan.ComplaintFilter{})
	if !bytes.HasPrefix(body, []byte("\ufeff")) {
		t.Error("no byte-order mark")
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	check(t, err)
	total, err := f.st.Reports().CountComplaints(ctx, f.ko, aduan.ComplaintFilter{})
	check(t, err)
	if int64(len(rows)-1) != total || total != 11 {
		t.Fatalf("%d rows for %d complaints", len(rows)-1, total)
	}
	if rows[0][0] != "Nomor" || rows[1][0] != c.Number || rows[1][10] != "'"+txt || rows[1][13] != "+6281200000077" {
		t.Errorf("first rows: %q / %q", rows[0][:3], rows[1])
	}
	// A cell holds the city's wall-clock time without an offset, so the
	// heading says which zone it is.
	if rows[0][1] != "Diterima (WIB)" || rows[0][18] != "Tenggat (WIB)" || rows[0][20] != "Ditutup (WIB)" {
		t.Errorf("time headings: %q %q %q", rows[0][1], rows[0][18], rows[0][20])
	}
	var wita bytes.Buffer
	ww, err := render.NewXLSX(&wita, f.ko, i18n.ID, f.clk.Now(), aduan.Zones["WITA"])
	check(t, err)
	check(t, f.st.Reports().EachComplaint(ctx, f.ko, aduan.ComplaintFilter{}, ww.Write))
	check(t, ww.Close())
	xw, err := excelize.OpenReader(&wita)
	check(t, err)
	defer xw.Close()
	xwr, err := xw.GetRows("Pengaduan")
	check(t, err)
	if xwr[0][1] != "Diterima (WITA)" {
		t.Errorf("a WITA city's heading: %q", xwr[0][1])
	}
	if want := c.ReceivedAt.In(aduan.Zones["WITA"]).Format("2006-01-02 15:04"); xwr[1][1] != want {
		t.Errorf("a WITA city's received time %q, want %q", xwr[1][1], want)
	}
	// The section head sees no personal data; the filter of the list applies.
	body = export(f.ka, "csv", aduan.ComplaintFilter{Channel: aduan.ChannelPhone})
	rows, err = csv.NewReader(bytes.NewReader(bytes.TrimPrefix(body, []byte("\ufeff")))).ReadAll()
	check(t, err)
	if len(rows)-1 != 4 {
		t.Errorf("phone complaints: %d rows", len(rows)-1)
	}
	for _, row := range rows[1:] {
		if row[2] != "Telepon" || row[13] != "" || strings.HasPrefix(row[12], "Warga") {
			t.Errorf("row for the section head: %q", row)
		}
	}
	// The XLSX keeps the citizen's text as text too (one edit or a save as
	// CSV would otherwise make it a formula).
	body = export(f.ko, "xlsx", aduan.ComplaintFilter{})
	xk, err := excelize.OpenReader(bytes.NewReader(body))
	check(t, err)
	defer xk.Close()
	xkr, err := xk.GetRows("Pengaduan")
	check(t, err)
	if xkr[1][0] != c.Number || xkr[1][10] != "'"+txt || xkr[1][13] != "+6281200000077" {
		t.Errorf("first XLSX row: %q", xkr[1])
	}
	// An agency exports only its own complaints.
	body = export(f.pdDPUPR, "xlsx", aduan.ComplaintFilter{})
	x, err := excelize.OpenReader(bytes.NewReader(body))
	check(t, err)
	defer x.Close()
	xr, err := x.GetRows("Pengaduan")
	check(t, err)
	if len(xr)-1 != 3 {
		t.Errorf("DPUPR's export has %d rows", len(xr)-1)
	}
	for _, row := range xr[1:] {
		if row[5] != "Dinas Pekerjaan Umum dan Penataan Ruang" {
			t.Errorf("DPUPR exported another agency's complaint: %q", row)
		}
	}
}

// syntheticMonthly is a monthly report with figures in the thousands, too
// many for the fixture, to see the reader's separators in the documents.
func syntheticMonthly(t *testing.T) (*report.Report, *report.Content) {
	t.Helper()
	from, to, _ := report.MonthRange("2026-11", aduan.WIB)
	change := 12.5
	m := report.MonthlyData{From: from, To: to, PrevFrom: from.AddDate(0, -1, 0), PrevTo: from, CompiledAt: to,
		Volume: report.Volume{Total: 1234, Previous: 1097, ChangePct: &change,
			ByChannel: []report.Trend{{Key: "telepon", N: 1234, Previous: 1097}},
			ByDay:     []report.DayCount{{Day: "2026-11-02", N: 1234}}},
		FCR: report.FCR{Direct: 1000, Library: 153, Base: 1234, Rate: 93.5},
		Steps: []report.StepCompliance{{Step: "forward", SOP: "7", Standard: "10 menit", Total: 2000, Met: 1000, Missed: 1000, Rate: 50,
			MedianMS: 65 * 60000, P90MS: 26 * 3600000}},
		Agencies: []report.AgencyStat{{Compliance: report.Compliance{ID: 1, Name: "Dinas Uji", Total: 1500, Met: 1319, Missed: 181, Rate: 87.9},
			Forwarded: 1500, Answered: 1400, MedianAnswerMS: 95 * 60000, P90AnswerMS: 30 * 3600000}},
		Open:         report.OpenStat{Open: 2500, Overdue: 1001},
		Satisfaction: report.Satisfaction{Collected: true, Responses: 1500, Average: 4.5, Distribution: [5]int{0, 0, 100, 550, 850}},
		DailyReports: report.DailyReportSummary{Expected: 1100, OnTime: 1050, Late: 30, Missing: 20},
	}
	data, err := json.Marshal(m)
	check(t, err)
	at := to.Add(2 * time.Hour)
	r := &report.Report{ID: 9, Kind: report.Monthly, Status: report.StatusSubmitted, OwnerName: "Rina Koordinator", From: from, To: to,
		Title: "Laporan Bulanan Call Center – November 2026", Versions: 1, SubmittedAt: &at, CreatedAt: at, UpdatedAt: at}
	v := &report.Version{Seq: 1, Data: data, SubmittedName: r.OwnerName, SubmittedAt: at}
	r.History = []report.Version{*v}
	return r, report.ContentOf(r, v)
}

// The PDF writes every figure the reader's way: in Indonesian thousands
// with a dot and decimals with a comma (1.234; 93,5%; 4,50), durations in
// words (1 jam 5 menit); in English the other way round.
func TestPDFNumbersPerLanguage(t *testing.T) {
	r, c := syntheticMonthly(t)
	for _, tc := range []struct {
		lang      i18n.Lang
		want, not []string
	}{
		{i18n.ID, []string{"1.234", "1.097", "+12,5%", "93,5% (1.153/1.234)", "50,0%", "87,9%", "2.000", "1 jam 5 menit", "1 hari 2 jam",
			"4,50 dari 5 (1.500 penilaian)", "1.050 dari 1.100 tepat waktu", "2.500", "1.001", "10 menit"},
			[]string{"93.5%", "50.0%", "1,234", "4.50", "%!"}},
		{i18n.EN, []string{"1,234", "+12.5%", "93.5% (1,153/1,234)", "50.0%", "1 hour 5 minutes", "4.50 of 5 (1,500 ratings)",
			"1,050 of 1,100 on time", "10 min"},
			[]string{"93,5%", "50,0%", "1.234", "%!"}},
	} {
		d, err := render.NewDoc(r, c, render.SettingsFrom(nil), tc.lang, false)
		check(t, err)
		pdf, err := render.PDF(d)
		check(t, err)
		text := pdfText(t, pdf)
		for _, want := range tc.want {
			if !strings.Contains(text, want) {
				t.Errorf("%s: the PDF lacks %q", tc.lang, want)
			}
		}
		for _, not := range tc.not {
			if strings.Contains(text, not) {
				t.Errorf("%s: the PDF shows %q", tc.lang, not)
			}
		}
	}
}

// A report initialled before a change of the number formats keeps
// verifying: the paraf's SHA-256 is over the canonical JSON of the frozen
// figures (data, not rendering), and the documents rendered at the paraf
// are stored and served byte for byte. Here the "old" renderer writes the
// rates the English way, as a past version of the code might have; its
// copies still verify, and the content hash is the same as today's
// renderer would record for the same figures.
func TestRenderingChangeKeepsInitialledReportsVerifiable(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, dialect store.Dialect) {
		f := newFixture(t, dialect)
		set, err := f.st.RefData().Settings(ctx)
		check(t, err)
		old := func(r *report.Report, c *report.Content) ([]report.File, error) {
			d, err := render.NewDoc(r, c, render.SettingsFrom(set), i18n.EN, false)
			if err != nil {
				return nil, err
			}
			pdf, err := render.PDF(d)
			if err != nil {
				return nil, err
			}
			return []report.File{{Format: "pdf", Body: pdf}}, nil
		}
		r, err := f.st.Reports().CreateReport(ctx, f.ko, report.NewReport{Kind: report.Monthly, Month: "2026-11"})
		check(t, err)
		f.clk.Set(wib(2026, 12, 1, 9, 0))
		r, err = f.st.Reports().ReportAction(ctx, f.ko, r.ID, r.Version, report.ActionSubmit, "", old)
		check(t, err)
		f.clk.Add(time.Hour)
		r, err = f.st.Reports().ReportAction(ctx, f.ka, r.ID, r.Version, report.ActionParaf, "", old)
		check(t, err)

		stored, err := f.st.Reports().ReportFile(ctx, f.ka, r.ID, "pdf")
		check(t, err)
		if text := pdfText(t, stored); !strings.Contains(text, "50.0%") {
			t.Fatal("the old rendering is not what was stored")
		}
		// Today's rendering of the same figures differs…
		d, err := render.NewDoc(r, report.ContentOf(r, r.Current()), render.SettingsFrom(set), i18n.ID, false)
		check(t, err)
		now, err := render.PDF(d)
		check(t, err)
		if bytes.Equal(now, stored) || !strings.Contains(pdfText(t, now), "50,0%") {
			t.Fatal("the renderings do not differ; the test proves nothing")
		}
		// …but the stored copy and the printed code verify, and the content
		// hash does not depend on any rendering.
		if m, err := f.st.Reports().VerifyReport(ctx, report.HashBytes(stored)); err != nil || m.Report.ID != r.ID || m.Format != "pdf" {
			t.Errorf("the copy initialled under the old rendering no longer verifies: %v", err)
		}
		if m, err := f.st.Reports().VerifyReport(ctx, r.ContentHash); err != nil || m.Report.ID != r.ID {
			t.Errorf("the printed code no longer verifies: %v", err)
		}
		if report.ContentOf(r, r.Current()).Hash() != r.ContentHash {
			t.Error("the content hash is not the hash of the frozen content")
		}
	})
}

// A daily report's workbook holds its counts and rates as numbers too,
// and an English rendering labels them in English while the numbers stay
// the same numbers.
func TestDailyXLSXNumbers(t *testing.T) {
	f := newFixture(t, store.SQLite)
	r, err := f.st.Reports().CreateReport(ctx, f.op1, report.NewReport{Kind: report.Daily, Day: "2026-11-02"})
	check(t, err)
	r, err = f.st.Reports().ReportAction(ctx, f.op1, r.ID, r.Version, report.ActionSubmit, "", renderer(t, f.st))
	check(t, err)
	var dd report.DailyData
	check(t, json.Unmarshal(r.Current().Data, &dd))
	stored, err := f.st.Reports().ReportFile(ctx, f.op1, r.ID, "xlsx")
	check(t, err)
	d, err := render.NewDoc(r, report.ContentOf(r, r.Current()), render.SettingsFrom(nil), i18n.EN, false)
	check(t, err)
	en, err := render.XLSX(d)
	check(t, err)
	for _, c := range []struct {
		body         []byte
		work, steps  string
		recorded, op string
	}{
		{stored, "Pekerjaan", "Langkah SOP", "Pengaduan dicatat", "menit"},
		{en, "Work", "SOP steps", "Complaints recorded", "min"},
	} {
		x, err := excelize.OpenReader(bytes.NewReader(c.body))
		check(t, err)
		if v, _ := x.GetCellValue(c.work, "A2"); v != c.recorded {
			t.Errorf("%s!A2 = %q", c.work, v)
		}
		if typ, _ := x.GetCellType(c.work, "B2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("%s!B2 is text", c.work)
		}
		if v, _ := x.GetCellValue(c.work, "B2", excelize.Options{RawCellValue: true}); v != strconv.Itoa(dd.Recorded) {
			t.Errorf("%s!B2 = %q, want %d", c.work, v, dd.Recorded)
		}
		steps, err := x.GetRows(c.steps, excelize.Options{RawCellValue: true})
		check(t, err)
		if len(steps) < 2 || !strings.HasSuffix(steps[1][2], " "+c.op) {
			t.Errorf("%s: first step %q", c.steps, steps[1])
		}
		if v, err := strconv.ParseFloat(steps[1][6], 64); len(dd.Steps) > 0 && (err != nil || math.Abs(v*100-dd.Steps[0].Rate) > 1e-9) {
			t.Errorf("%s: rate %q for %v%%", c.steps, steps[1][6], dd.Steps[0].Rate)
		}
		x.Close()
	}
}
