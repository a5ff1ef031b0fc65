package aduan

import (
	"math"
	"sort"
	"strings"
	"time"
)

// The Survei Kepuasan Masyarakat (SKM) of PermenPANRB 14/2017: the
// official measure of a public service's quality, beside the quick 1–5
// rating a citizen gives by SMS. A respondent scores nine elements
// (unsur) from 1 to 4; each unsur's mean (nilai rata-rata, NRR) is
// weighted equally (1/9); their weighted sum is the index (IKM, 1–4),
// converted to 25–100 by × 25 and graded A–D. How many answers a period
// needs is the Krejcie-Morgan table the regulation adopts, by the period's
// population of service users (here: the complaints received).

// SKMUnsur is one of the nine elements the regulation measures.
type SKMUnsur string

// The nine unsur, in the regulation's order (U1–U9).
const (
	UnsurPersyaratan SKMUnsur = "persyaratan" // requirements
	UnsurProsedur    SKMUnsur = "prosedur"    // system, mechanism and procedure
	UnsurWaktu       SKMUnsur = "waktu"       // time to completion
	UnsurBiaya       SKMUnsur = "biaya"       // cost/fee
	UnsurProduk      SKMUnsur = "produk"      // the product as the service standard specifies it
	UnsurKompetensi  SKMUnsur = "kompetensi"  // the staff's competence
	UnsurPerilaku    SKMUnsur = "perilaku"    // the staff's behaviour
	UnsurPengaduan   SKMUnsur = "pengaduan"   // handling of complaints, suggestions and input
	UnsurSarana      SKMUnsur = "sarana"      // facilities
)

// SKMUnsurs are the nine unsur in the regulation's order; an answer's
// scores are in this order.
var SKMUnsurs = [9]SKMUnsur{UnsurPersyaratan, UnsurProsedur, UnsurWaktu, UnsurBiaya, UnsurProduk,
	UnsurKompetensi, UnsurPerilaku, UnsurPengaduan, UnsurSarana}

// SKMAnswer is one respondent's answer: a score of 1–4 for every unsur
// and the optional respondent details the regulation's questionnaire asks
// (empty or 0 where not given).
type SKMAnswer struct {
	Scores    [9]int
	Age       int    // umur, years
	Sex       string // jenis kelamin: SKMSexes
	Education string // pendidikan: SKMEducations
	Job       string // pekerjaan: SKMJobs
	Comment   string // saran
}

// The respondent details' choices, as the regulation's questionnaire lists
// them (their labels are in the catalogue as skm.sex.*, skm.edu.*,
// skm.job.*).
var (
	SKMSexes      = []string{"l", "p"}
	SKMEducations = []string{"sd", "smp", "sma", "diploma", "s1", "s2", "s3"}
	SKMJobs       = []string{"pns", "tni", "polri", "swasta", "wirausaha", "lainnya"}
)

// Validate checks an answer: every unsur scored 1–4, the details from
// their lists. Field errors name the form's fields (u1…u9, umur,
// jenis_kelamin, pendidikan, pekerjaan, saran).
func (a *SKMAnswer) Validate() error {
	var v Validation
	for i, s := range a.Scores {
		if s < 1 || s > 4 {
			v.Add(SKMField(i), "err.skm.unsur_required")
		}
	}
	if a.Age != 0 && (a.Age < 10 || a.Age > 110) {
		v.Add("umur", "err.skm.age")
	}
	if a.Sex != "" && !oneOf(a.Sex, SKMSexes) {
		v.Add("jenis_kelamin", "err.field.choice")
	}
	if a.Education != "" && !oneOf(a.Education, SKMEducations) {
		v.Add("pendidikan", "err.field.choice")
	}
	if a.Job != "" && !oneOf(a.Job, SKMJobs) {
		v.Add("pekerjaan", "err.field.choice")
	}
	a.Comment = strings.TrimSpace(a.Comment)
	if len([]rune(a.Comment)) > 1000 {
		v.Add("saran", "err.field.too_long", 1000)
	}
	return v.Err()
}

// SKMField is the form field of the i-th unsur (0-based): "u1" … "u9".
func SKMField(i int) string { return "u" + string(rune('1'+i)) }

// SKMResult is a period's survey, computed as the regulation says.
type SKMResult struct {
	Responses int `json:"responses"`
	// Means are the nine unsur's mean scores (NRR, 1–4), in SKMUnsurs'
	// order, three decimals.
	Means [9]float64 `json:"means"`
	// Index is the weighted sum of the means (IKM, 1–4), four decimals;
	// Score is it × 25 (25–100), two decimals, which the grade reads.
	Index float64 `json:"index"`
	Score float64 `json:"score"`
	Grade string  `json:"grade"` // A, B, C, D; "" without answers
	// Population is the period's service users (complaints received);
	// MinSample the answers the Krejcie-Morgan table asks of it, and
	// Enough whether Responses reach it.
	Population int  `json:"population"`
	MinSample  int  `json:"min_sample"`
	Enough     bool `json:"enough"`
}

// ComputeSKM computes the IKM of answers for a period of population
// service users: each unsur's mean, weighted 1/9, summed, × 25, graded.
func ComputeSKM(answers [][9]int, population int) SKMResult {
	var sums [9]int
	for _, a := range answers {
		for i, s := range a {
			sums[i] += s
		}
	}
	return SKMFromSums(sums, len(answers), population)
}

// SKMFromSums is ComputeSKM from each unsur's sum of scores over n
// answers (what a database sums for it).
func SKMFromSums(sums [9]int, n, population int) SKMResult {
	r := SKMResult{Responses: n, Population: population, MinSample: SKMMinSample(population)}
	r.Enough = n > 0 && n >= r.MinSample
	if n == 0 {
		return r
	}
	return skmFromSums(r, sums)
}

func skmFromSums(r SKMResult, sums [9]int) SKMResult {
	const weight = 1.0 / 9
	idx := 0.0
	for i, s := range sums {
		mean := float64(s) / float64(r.Responses)
		r.Means[i] = round(mean, 3)
		idx += mean * weight
	}
	r.Index = round(idx, 4)
	r.Score = round(idx*25, 2)
	r.Grade = SKMGrade(r.Score)
	return r
}

func round(x float64, places int) float64 {
	p := math.Pow(10, float64(places))
	return math.Round(x*p) / p
}

// SKMGrade is the quality grade (mutu pelayanan) of a converted IKM
// (25–100, two decimals): A 88,31–100 (sangat baik), B 76,61–88,30
// (baik), C 65,00–76,60 (kurang baik), D 25,00–64,99 (tidak baik).
func SKMGrade(score float64) string {
	switch s := round(score, 2); {
	case s >= 88.31:
		return "A"
	case s >= 76.61:
		return "B"
	case s >= 65.00:
		return "C"
	default:
		return "D"
	}
}

// krejcieMorgan is the table of Krejcie and Morgan (1970) that the
// regulation adopts: a population up to N needs a sample of S.
var krejcieMorgan = [][2]int{
	{10, 10}, {15, 14}, {20, 19}, {25, 24}, {30, 28}, {35, 32}, {40, 36}, {45, 40}, {50, 44}, {55, 48},
	{60, 52}, {65, 56}, {70, 59}, {75, 63}, {80, 66}, {85, 70}, {90, 73}, {95, 76}, {100, 80}, {110, 86},
	{120, 92}, {130, 97}, {140, 103}, {150, 108}, {160, 113}, {170, 118}, {180, 123}, {190, 127}, {200, 132}, {210, 136},
	{220, 140}, {230, 144}, {240, 148}, {250, 152}, {260, 155}, {270, 159}, {280, 162}, {290, 165}, {300, 169}, {320, 175},
	{340, 181}, {360, 186}, {380, 191}, {400, 196}, {420, 201}, {440, 205}, {460, 210}, {480, 214}, {500, 217}, {550, 226},
	{600, 234}, {650, 242}, {700, 248}, {750, 254}, {800, 260}, {850, 265}, {900, 269}, {950, 274}, {1000, 278}, {1100, 285},
	{1200, 291}, {1300, 297}, {1400, 302}, {1500, 306}, {1600, 310}, {1700, 313}, {1800, 317}, {1900, 320}, {2000, 322}, {2200, 327},
	{2400, 331}, {2600, 335}, {2800, 338}, {3000, 341}, {3500, 346}, {4000, 351}, {4500, 354}, {5000, 357}, {6000, 361}, {7000, 364},
	{8000, 367}, {9000, 368}, {10000, 370}, {15000, 375}, {20000, 377}, {30000, 379}, {40000, 380}, {50000, 381}, {75000, 382}, {1000000, 384},
}

// SKMMinSample is the least number of answers the regulation asks for a
// population: the table's row for the population, or the next larger
// one between rows (the safe side); a population under 10 is asked of
// everyone, one past the table 384; never more than the population.
func SKMMinSample(population int) int {
	if population <= 0 {
		return 0
	}
	if population < 10 {
		return population
	}
	i := sort.Search(len(krejcieMorgan), func(i int) bool { return krejcieMorgan[i][0] >= population })
	if i == len(krejcieMorgan) {
		return 384
	}
	return min(krejcieMorgan[i][1], population)
}

// SKMUnsurMean is one unsur's mean, for a table.
type SKMUnsurMean struct {
	N     int // 1–9
	Unsur SKMUnsur
	Mean  float64
}

// Rows are the nine unsur with their means, in the regulation's order.
func (r *SKMResult) Rows() []SKMUnsurMean {
	out := make([]SKMUnsurMean, len(SKMUnsurs))
	for i, u := range SKMUnsurs {
		out[i] = SKMUnsurMean{N: i + 1, Unsur: u, Mean: r.Means[i]}
	}
	return out
}

// Short is how many answers the sample lacks of the regulation's minimum
// (0 when it reaches it).
func (r *SKMResult) Short() int { return max(r.MinSample-r.Responses, 0) }

// SKMLinkFor is how long a survey link can be answered: the month of the
// close and the next, so that the answer counts in the report it belongs
// to without the link lasting for ever.
const SKMLinkFor = 30 * 24 * time.Hour

// SKMURL is the survey form's address for a token.
func SKMURL(base, token string) string {
	return strings.TrimRight(base, "/") + "/survei/" + token
}
