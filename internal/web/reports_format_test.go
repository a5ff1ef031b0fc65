package web

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
)

// renderReport renders the report page's content for figures in lang.
func renderReport(t *testing.T, lang i18n.Lang, kind report.Kind, data any) string {
	t.Helper()
	w := &Web{}
	pages, err := w.templates()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := json.Marshal(data)
	if err != nil {
		t.Fatal(err)
	}
	f, err := decodeFigures(kind, raw, lang)
	if err != nil {
		t.Fatal(err)
	}
	from, to, _ := report.MonthRange("2026-11", aduan.WIB)
	rep := &report.Report{ID: 7, Kind: kind, Status: report.StatusSubmitted, Title: "Laporan", From: from, To: to, Versions: 1}
	d := &reportPage{Mode: "view", reportView: &reportView{R: rep, Figures: f}}
	var b strings.Builder
	if err := pages["reports"].ExecuteTemplate(&b, "content", &Page{Lang: lang, Data: d}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// A monthly report's page writes its figures the reader's way: thousands
// grouped and decimal commas in Indonesian (1.234; 93,5%; 4,50), the
// English separators in English, the standards' units and the durations
// in the reader's words; never Go's own formatting (93.5% in Indonesian).
func TestReportPageFormatsFiguresPerLanguage(t *testing.T) {
	change := 12.5
	m := report.MonthlyData{
		Volume: report.Volume{Total: 1234, Previous: 1097, ChangePct: &change,
			ByChannel: []report.Trend{{Key: "telepon", N: 1200, Previous: 1000}},
			ByDay:     []report.DayCount{{Day: "2026-11-02", N: 1234}}},
		FCR:   report.FCR{Direct: 1000, Library: 153, Base: 1234, Rate: 93.5},
		Steps: []report.StepCompliance{{Step: "forward", SOP: "7", Standard: "10 menit", Total: 2000, Met: 1000, Rate: 50, MedianMS: 65 * 60000}},
		Agencies: []report.AgencyStat{{Compliance: report.Compliance{Name: "DPUPR", Total: 1500, Met: 1319, Rate: 87.9}, Forwarded: 1500, Answered: 1400,
			MedianAnswerMS: int64(26 * time.Hour / time.Millisecond)}},
		Open:         report.OpenStat{Open: 2500, Overdue: 1001},
		Kecamatan:    []report.KecamatanRow{{Code: "32.76.01", Name: "Pancoran Mas", N: 4321, Open: 12, Overdue: 3}},
		Satisfaction: report.Satisfaction{Collected: true, Responses: 1500, Average: 4.5},
		DailyReports: report.DailyReportSummary{Expected: 1100, OnTime: 1050, Late: 30, Missing: 20},
	}
	m.Slowest = m.Agencies
	// html/template writes the plus sign of a change as &#43;.
	for _, c := range []struct {
		lang      i18n.Lang
		want, not []string
	}{
		{i18n.ID,
			[]string{`data-fig="total">1.234<`, `data-fig="change">&#43;12,5%<`, "(1.097)", `data-fig="fcr">93,5%<`, `data-fig="rate">50,0%<`,
				"<td>10 menit</td>", "<td>2.000</td>", "1 jam 5 menit", "1 hari 2 jam", "87,9% (1.500)", "<td>4.321</td>",
				"4,50 / 5 (1.500)", "1.050 dari 1.100 tepat waktu", "1.200 (1.000)"},
			[]string{"93.5%", "50.0%", "1,234", "4.50 /", "%!"}},
		{i18n.EN,
			[]string{`data-fig="total">1,234<`, `data-fig="change">&#43;12.5%<`, `data-fig="fcr">93.5%<`, `data-fig="rate">50.0%<`,
				"<td>10 min</td>", "1 hour 5 minutes", "87.9% (1,500)", "4.50 / 5 (1,500)", "1,050 of 1,100 on time"},
			[]string{"93,5%", "1.234", "menit", "%!"}},
	} {
		html := renderReport(t, c.lang, report.Monthly, m)
		for _, s := range c.want {
			if !strings.Contains(html, s) {
				t.Errorf("%s: the monthly page lacks %q", c.lang, s)
			}
		}
		for _, s := range c.not {
			if strings.Contains(html, s) {
				t.Errorf("%s: the monthly page shows %q", c.lang, s)
			}
		}
	}

	// A daily report: counts grouped, the list's overflow too.
	dd := report.DailyData{Day: "2026-11-02", Recorded: 1234, ByChannel: []report.Count{{Key: "sms", N: 1234}}, More: 1500,
		Complaints: []report.DailyLine{{Number: "ADU-2026-000001", Channel: "sms", Status: "recorded", Actions: []string{"create"}}}}
	html := renderReport(t, i18n.ID, report.Daily, dd)
	for _, s := range []string{`data-fig="recorded">1.234<`, "SMS 1.234", "dan 1.500 pengaduan lainnya"} {
		if !strings.Contains(html, s) {
			t.Errorf("the daily page lacks %q", s)
		}
	}
}

// Days are written as people write them, in WIB: the page's heading and
// the list of past reports in full, the overview's columns short.
func TestReportDaysPerLanguage(t *testing.T) {
	id, en := &Page{Lang: i18n.ID}, &Page{Lang: i18n.EN}
	for _, c := range []struct{ got, want string }{
		{id.Day("2026-11-27"), "27 November 2026"},
		{en.Day("2026-11-27"), "27 November 2026"},
		{id.Day("2026-08-03"), "3 Agustus 2026"},
		{id.DayShort("2026-11-27"), "Jum, 27 Nov"},
		{en.DayShort("2026-08-03"), "Mon, 3 Aug"},
		{id.Day("kemarin"), "kemarin"},
		{id.Std("2 jam"), "2 jam"},
		{id.Std("3 hari_kerja"), "3 hari kerja"},
		{en.Std("3 hari_kerja"), "3 working days"},
		{en.Std("10 menit"), "10 min"},
		{signedPct(i18n.ID, -3), "-3,0%"},
		{signedPct(i18n.EN, 300), "+300.0%"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
