package aduan_test

import (
	"testing"

	"github.com/kotakita/aduan"
)

// TestComputeSKM: the IKM of three concrete answers against the hand
// calculation of PermenPANRB 14/2017.
//
//	     U1 U2 U3 U4 U5 U6 U7 U8 U9
//	A     4  4  3  4  4  3  4  3  4
//	B     3  3  2  4  3  3  3  2  3
//	C     4  3  3  4  3  4  4  3  3
//	sum  11 10  8 12 10 10 11  8 10   (90)
//	NRR  3.667 3.333 2.667 4 3.333 3.333 3.667 2.667 3.333
//	IKM  = Σ NRR × 1/9 = 90 / 27 = 3.3333;  × 25 = 83.33 → B (Baik)
//
// Population 40 complaints: the Krejcie-Morgan table asks 36 answers.
func TestComputeSKM(t *testing.T) {
	r := aduan.ComputeSKM([][9]int{
		{4, 4, 3, 4, 4, 3, 4, 3, 4},
		{3, 3, 2, 4, 3, 3, 3, 2, 3},
		{4, 3, 3, 4, 3, 4, 4, 3, 3},
	}, 40)
	want := [9]float64{3.667, 3.333, 2.667, 4, 3.333, 3.333, 3.667, 2.667, 3.333}
	if r.Means != want {
		t.Errorf("means %v, want %v", r.Means, want)
	}
	if r.Index != 3.3333 || r.Score != 83.33 || r.Grade != "B" {
		t.Errorf("IKM %v, converted %v, grade %q; want 3.3333, 83.33, B", r.Index, r.Score, r.Grade)
	}
	if r.Responses != 3 || r.MinSample != 36 || r.Enough || r.Short() != 33 {
		t.Errorf("sample %d of %d (enough %v, short %d); want 3 of 36, short 33", r.Responses, r.MinSample, r.Enough, r.Short())
	}
	// All fours is 100, all ones 25: the ends of the regulation's scale.
	if r := aduan.ComputeSKM([][9]int{{4, 4, 4, 4, 4, 4, 4, 4, 4}}, 1); r.Score != 100 || r.Grade != "A" || !r.Enough {
		t.Errorf("all 4: %+v", r)
	}
	if r := aduan.ComputeSKM([][9]int{{1, 1, 1, 1, 1, 1, 1, 1, 1}}, 1); r.Score != 25 || r.Grade != "D" {
		t.Errorf("all 1: %+v", r)
	}
	if r := aduan.ComputeSKM(nil, 6); r.Grade != "" || r.Score != 0 || r.MinSample != 6 || r.Enough {
		t.Errorf("no answers: %+v", r)
	}
}

// TestSKMGradeIntervals: the regulation's intervals, on both sides of each
// boundary.
func TestSKMGradeIntervals(t *testing.T) {
	for score, want := range map[float64]string{100: "A", 88.31: "A", 88.30: "B", 76.61: "B", 76.60: "C", 65.00: "C", 64.99: "D", 25: "D"} {
		if got := aduan.SKMGrade(score); got != want {
			t.Errorf("SKMGrade(%v) = %q, want %q", score, got, want)
		}
	}
}

// TestSKMMinSample: rows of the Krejcie-Morgan table, a population between
// rows (the larger row, never more than the population), the small and
// the huge.
func TestSKMMinSample(t *testing.T) {
	for pop, want := range map[int]int{0: 0, 5: 5, 10: 10, 12: 12, 15: 14, 100: 80, 101: 86, 1000: 278, 2500: 335, 1000000: 384, 5000000: 384} {
		if got := aduan.SKMMinSample(pop); got != want {
			t.Errorf("SKMMinSample(%d) = %d, want %d", pop, got, want)
		}
	}
}

// TestSKMAnswerValidate: every unsur must be scored 1–4; the details are
// optional but from their lists.
func TestSKMAnswerValidate(t *testing.T) {
	ok := aduan.SKMAnswer{Scores: [9]int{4, 4, 4, 4, 4, 4, 4, 4, 4}, Age: 34, Sex: "p", Education: "sma", Job: "wirausaha"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	bad := aduan.SKMAnswer{Scores: [9]int{4, 0, 4, 5, 4, 4, 4, 4, 4}, Age: 3, Sex: "x"}
	err := bad.Validate()
	e, _ := aduan.AsError(err)
	if e == nil || e.Code != aduan.EINVALID {
		t.Fatalf("err = %v", err)
	}
	fields := map[string]bool{}
	for _, f := range e.Fields {
		fields[f.Field] = true
	}
	for _, f := range []string{"u2", "u4", "umur", "jenis_kelamin"} {
		if !fields[f] {
			t.Errorf("no field error on %s: %v", f, e.Fields)
		}
	}
	if fields["u1"] || fields["pendidikan"] {
		t.Errorf("field errors on good fields: %v", e.Fields)
	}
}
