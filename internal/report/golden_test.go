package report_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares v, as indented JSON, with testdata/name; with -update it
// rewrites the file. Both databases compare with the same file, so a
// figure that differs between SQLite and PostgreSQL fails on one of them.
func golden(t *testing.T, name string, v any, d store.Dialect) {
	t.Helper()
	got, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	path := filepath.Join("testdata", name)
	if *update && d == store.SQLite {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s on %s differs from the golden file:\n%s", name, d, diffLines(string(want), string(got)))
	}
}

func diffLines(want, got string) string {
	w, g := bytes.Split([]byte(want), []byte("\n")), bytes.Split([]byte(got), []byte("\n"))
	var out bytes.Buffer
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b []byte
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if !bytes.Equal(a, b) {
			out.WriteString("- " + string(a) + "\n+ " + string(b) + "\n")
			if out.Len() > 4000 {
				break
			}
		}
	}
	return out.String()
}

func TestReportFiguresGolden(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		daily := must[*report.DailyData](t)(f.st.Reports().DailyData(ctx, f.op1, 0, "2026-11-02"))
		golden(t, "daily_siti_2026-11-02.json", daily, d)
		daily2 := must[*report.DailyData](t)(f.st.Reports().DailyData(ctx, f.ko, f.op2.UserID, "2026-11-02"))
		golden(t, "daily_budi_2026-11-02.json", daily2, d)
		from, to, _ := report.MonthRange("2026-11", aduan.WIB)
		monthly := must[*report.MonthlyData](t)(f.st.Reports().MonthlyData(ctx, f.ko, from, to, report.Filter{}))
		golden(t, "monthly_2026-11.json", monthly, d)
		filtered := must[*report.MonthlyData](t)(f.st.Reports().MonthlyData(ctx, f.ka, from, to, report.Filter{KecamatanCode: "32.76.01", Channel: aduan.ChannelPhone}))
		golden(t, "monthly_2026-11_pancoranmas_telepon.json", filtered, d)
	})
}
