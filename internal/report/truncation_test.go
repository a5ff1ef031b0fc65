package report_test

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/report/render"
)

// The longest names a city's tables hold: the full names of agencies
// (Depok's longest is about this), categories, kelurahan and people.
var longNames = []string{
	"Dinas Pengendalian Penduduk, Keluarga Berencana, Pemberdayaan Perempuan dan Perlindungan Anak Kota Depok",
	"Badan Kesatuan Bangsa dan Politik serta Penanggulangan Bencana Daerah Kota Depok",
	"Satuan Polisi Pamong Praja dan Pemadam Kebakaran Kota Depok",
	"Perizinan Usaha Mikro, Kecil dan Menengah serta Izin Mendirikan Bangunan Gedung",
	"Penerangan Jalan Umum, Lampu Lalu Lintas dan Rambu Jalan yang Rusak atau Padam",
	"Kelurahan Pondok Cina Baru Sebelah Utara Stasiun",
	"Raden Ajeng Siti Nurhalizah Wulandari Kusumaningrum, S.Kom., M.A.P.",
}

// squeezed is s without any white space: a name wrapped over lines is
// still the name.
func squeezed(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// TestMonthlyPDFNoTruncation renders the monthly report at A4 with the
// longest names in every table and chart, and reads it back with
// pdftotext: every name is there in full (wrapped, not cut) and nothing
// carries the cut mark "…".
func TestMonthlyPDFNoTruncation(t *testing.T) {
	from, to, _ := report.MonthRange("2026-11", aduan.WIB)
	ag := func(id int64, name string) report.AgencyStat {
		return report.AgencyStat{Compliance: report.Compliance{ID: id, Name: name, Total: 40, Met: 30, Missed: 10, Rate: 75},
			Forwarded: 40, Answered: 35, Returned: 2, MedianAnswerMS: 3 * 3600000, P90AnswerMS: 26 * 3600000}
	}
	m := report.MonthlyData{From: from, To: to, PrevFrom: from.AddDate(0, -1, 0), PrevTo: from, CompiledAt: to,
		Filter: report.FilterView{AgencyName: longNames[0], CategoryName: longNames[3]},
		Volume: report.Volume{Total: 120, Previous: 100,
			ByChannel: []report.Trend{{Key: "telepon", N: 60, Previous: 50}, {Key: "whatsapp", N: 30, Previous: 20}, {Key: "lapor", N: 30, Previous: 30}},
			ByDay:     []report.DayCount{{Day: "2026-11-02", N: 10}}},
		Steps:     []report.StepCompliance{{Step: "agency_answer", SOP: "8", Standard: "5 hari_kerja", Total: 40, Met: 30, Missed: 10, Rate: 75}},
		Operators: []report.Compliance{{ID: 1, Name: longNames[6], Total: 50, Met: 45, Missed: 5, Rate: 90}},
		Agencies:  []report.AgencyStat{ag(1, longNames[0]), ag(2, longNames[1]), ag(3, longNames[2])},
		Slowest:   []report.AgencyStat{ag(1, longNames[0]), ag(2, longNames[1])},
		Open: report.OpenStat{Open: 3, Overdue: 1, Oldest: []report.OverdueLine{{Number: "ADU-2026-000123", ReceivedAt: from.Add(time.Hour),
			Status: "forwarded", Step: "agency_answer", DueAt: from.Add(100 * time.Hour), Agency: longNames[0]}}},
		Categories: []report.Named{{Name: longNames[3], N: 30}, {Name: longNames[4], N: 20}},
		Kelurahan:  []report.Named{{Name: longNames[5], N: 12}},
		Kecamatan:  []report.KecamatanRow{{Code: "32.76.01", Name: "Pancoran Mas", N: 5}},
	}
	data, err := json.Marshal(m)
	check(t, err)
	at := to.Add(2 * time.Hour)
	r := &report.Report{ID: 9, Kind: report.Monthly, Status: report.StatusSubmitted, OwnerName: longNames[6], From: from, To: to,
		Title: "Laporan Bulanan Call Center – November 2026 – " + longNames[0], Versions: 1, SubmittedAt: &at, CreatedAt: at, UpdatedAt: at}
	v := &report.Version{Seq: 1, Data: data, SubmittedName: r.OwnerName, SubmittedAt: at}
	r.History = []report.Version{*v}
	set := render.SettingsFrom(map[string]string{"letterhead": "PEMERINTAH KOTA DEPOK\n" + strings.ToUpper(longNames[1])})
	for _, lang := range []i18n.Lang{i18n.ID, i18n.EN} {
		d, err := render.NewDoc(r, report.ContentOf(r, v), set, lang, false)
		check(t, err)
		pdf, err := render.PDF(d)
		check(t, err)
		if dump := os.Getenv("REPORT_DUMP"); dump != "" {
			check(t, os.WriteFile(filepath.Join(dump, "truncation-"+string(lang)+".pdf"), pdf, 0o644))
		}
		// -raw keeps each cell's lines together, in the order drawn.
		dir := t.TempDir()
		in := filepath.Join(dir, "r.pdf")
		check(t, os.WriteFile(in, pdf, 0o644))
		out, err := exec.Command(poppler(t, "pdftotext"), "-raw", in, "-").CombinedOutput()
		if err != nil {
			t.Fatalf("pdftotext: %v: %s", err, out)
		}
		text := squeezed(string(out))
		for _, name := range append(longNames, strings.ToUpper(longNames[1])) {
			if !strings.Contains(text, squeezed(name)) {
				t.Errorf("%s: the PDF does not hold %q in full", lang, name)
			}
		}
		// The unsigned name's dotted line is the one ellipsis allowed.
		rest := strings.ReplaceAll(string(out), "(………………………………)", "")
		if i := strings.Index(rest, "…"); i >= 0 {
			t.Errorf("%s: the PDF cuts a text: %q", lang, rest[max(0, i-60):i+3])
		}
	}
}
