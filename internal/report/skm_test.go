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

// TestMonthlySKM: answers to the survey links of November's complaints
// give the month's IKM as the regulation computes it (the hand calculation
// of TestComputeSKM: 83,33, grade B), with the sample (3) against the
// regulation's minimum for the month's 6 complaints (6: everyone, under
// 10); an answer about an October complaint stays out. A link answers
// once; an unknown token opens nothing. The PDF says the same.
func TestMonthlySKM(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		f.clk.Set(wib(2026, 11, 20, 10, 0))
		answer := func(key string, scores [9]int) string {
			t.Helper()
			token := must[string](t)(f.st.Open311().SKMLink(ctx, f.complaints[key].ID, f.clk.Now().Add(30*24*time.Hour)))
			check(t, f.st.Open311().AnswerSKM(ctx, token, aduan.SKMAnswer{Scores: scores, Age: 41, Sex: "l", Job: "swasta"}))
			return token
		}
		tok := answer("c1", [9]int{4, 4, 3, 4, 4, 3, 4, 3, 4})
		answer("c2", [9]int{3, 3, 2, 4, 3, 3, 3, 2, 3})
		answer("c3", [9]int{4, 3, 3, 4, 3, 4, 4, 3, 3})
		answer("o1", [9]int{1, 1, 1, 1, 1, 1, 1, 1, 1}) // October's

		// Once per link: a second answer is refused and changes nothing.
		err := f.st.Open311().AnswerSKM(ctx, tok, aduan.SKMAnswer{Scores: [9]int{1, 1, 1, 1, 1, 1, 1, 1, 1}})
		if aduan.ErrorCode(err) != aduan.ECONFLICT {
			t.Errorf("second answer: %v, want conflict", err)
		}
		if _, err := f.st.Open311().SKMLinkByToken(ctx, "tidakadatautanseperti1234"); aduan.ErrorCode(err) != aduan.ENOTFOUND {
			t.Errorf("unknown token: %v", err)
		}
		if err := f.st.Open311().AnswerSKM(ctx, "tidakadatautanseperti1234", aduan.SKMAnswer{Scores: [9]int{4, 4, 4, 4, 4, 4, 4, 4, 4}}); aduan.ErrorCode(err) != aduan.ENOTFOUND {
			t.Errorf("answer with an unknown token: %v", err)
		}
		// An expired link is refused too.
		old := must[string](t)(f.st.Open311().SKMLink(ctx, f.complaints["c4"].ID, f.clk.Now().Add(time.Hour)))
		f.clk.Add(2 * time.Hour)
		if err := f.st.Open311().AnswerSKM(ctx, old, aduan.SKMAnswer{Scores: [9]int{4, 4, 4, 4, 4, 4, 4, 4, 4}}); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Errorf("expired link: %v", err)
		}

		from, to, _ := report.MonthRange("2026-11", aduan.WIB)
		m := must[*report.MonthlyData](t)(f.st.Reports().MonthlyData(ctx, f.ko, from, to, report.Filter{}))
		k := m.SKM
		if k == nil {
			t.Fatal("no SKM in the monthly data")
		}
		if k.Responses != 3 || k.Score != 83.33 || k.Grade != "B" || k.Means[2] != 2.667 || k.Means[3] != 4 {
			t.Errorf("SKM %+v; want 3 answers, 83.33, B", k)
		}
		if k.Population != 6 || k.MinSample != 6 || k.Enough || k.Short() != 3 {
			t.Errorf("sample: population %d, minimum %d, enough %v; want 6, 6, false", k.Population, k.MinSample, k.Enough)
		}
		// The JSON data carries it under "skm".
		if b := string(must[[]byte](t)(json.Marshal(m))); !strings.Contains(b, `"skm":{"responses":3`) || !strings.Contains(b, `"min_sample":6`) {
			t.Errorf("JSON: %s", b)
		}
		if d != store.SQLite {
			return
		}
		r := finalMonthly(t, f)
		text := pdfText(t, must[[]byte](t)(f.st.Reports().ReportFile(ctx, f.ka, r.ID, "pdf")))
		for _, want := range []string{"Survei Kepuasan Masyarakat", "83,33", "B (Baik)", "Sampel minimum", "kurang 3 responden", "Waktu penyelesaian", "2,667", "Penilaian warga"} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF lacks %q", want)
			}
		}
	})
}
