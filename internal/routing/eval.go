package routing

import (
	"bufio"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/kotakita/aduan/internal/search/analyzer"
)

var errBadModel = errors.New("routing: stored model is incomplete")

// Labelled is one line of an evaluation file: a complaint text with the
// agency code (instansi) and category code (kategori) it should go to.
// kelurahan (a Kemendagri code) is optional.
type Labelled struct {
	Text      string `json:"teks"`
	Agency    string `json:"instansi"`
	Category  string `json:"kategori"`
	Kelurahan string `json:"kelurahan,omitempty"`
}

// ReadLabelled reads a JSON Lines evaluation file; blank lines are skipped.
func ReadLabelled(r io.Reader) ([]Labelled, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var out []Labelled
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var l Labelled
		dec := json.NewDecoder(strings.NewReader(line))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			return nil, fmt.Errorf("line %d: %v", n, err)
		}
		if strings.TrimSpace(l.Text) == "" {
			return nil, fmt.Errorf("line %d: empty teks", n)
		}
		l.Agency, l.Category = strings.ToUpper(strings.TrimSpace(l.Agency)), strings.ToUpper(strings.TrimSpace(l.Category))
		out = append(out, l)
	}
	return out, sc.Err()
}

// Metrics are top-1 and top-3 accuracies, as fractions.
type Metrics struct {
	N            int     `json:"n"`
	AgencyTop1   float64 `json:"instansi_top1"`
	AgencyTop3   float64 `json:"instansi_top3"`
	CategoryTop1 float64 `json:"kategori_top1"`
	CategoryTop3 float64 `json:"kategori_top3"`
}

// Suggester is anything that suggests: the model, or the keyword baseline.
type Suggester func(text, kelurahan string) Suggestion

// Evaluate runs s over the set. A line whose agency or category is empty
// is not counted for that target.
func Evaluate(s Suggester, set []Labelled) Metrics {
	var m Metrics
	var na, nc int
	for _, l := range set {
		sug := s(l.Text, l.Kelurahan)
		if l.Agency != "" {
			na++
			if rank := rankOf(sug.Agencies, l.Agency); rank == 0 {
				m.AgencyTop1++
				m.AgencyTop3++
			} else if rank > 0 && rank < 3 {
				m.AgencyTop3++
			}
		}
		if l.Category != "" {
			nc++
			if rank := rankOf(sug.Categories, l.Category); rank == 0 {
				m.CategoryTop1++
				m.CategoryTop3++
			} else if rank > 0 && rank < 3 {
				m.CategoryTop3++
			}
		}
	}
	m.N = len(set)
	frac := func(x float64, n int) float64 {
		if n == 0 {
			return 0
		}
		return float64(int(x/float64(n)*10000+0.5)) / 10000
	}
	m.AgencyTop1, m.AgencyTop3 = frac(m.AgencyTop1, na), frac(m.AgencyTop3, na)
	m.CategoryTop1, m.CategoryTop3 = frac(m.CategoryTop1, nc), frac(m.CategoryTop3, nc)
	return m
}

func rankOf(cs []Choice, code string) int {
	for i, c := range cs {
		if c.Code == code {
			return i
		}
	}
	return -1
}

// Baseline is the keyword-only router a model must beat: a category scores
// one point per keyword (from the reference data) whose words all appear
// in the text in order, and its default agency goes with it.
func Baseline(ref *Reference) Suggester {
	an := analyzer.New()
	type kw struct {
		cat   int
		terms []string
	}
	var kws []kw
	for i, c := range ref.Categories {
		for _, k := range append([]string{c.Name}, c.Keywords...) {
			if t := an.Terms(k); len(t) > 0 {
				kws = append(kws, kw{i, t})
			}
		}
	}
	return func(text, kelurahan string) Suggestion {
		terms := an.Terms(text)
		score := make([]int, len(ref.Categories))
		for _, k := range kws {
			if containsSeq(terms, k.terms) {
				score[k.cat]++
			}
		}
		idx := make([]int, 0, len(score))
		for i, s := range score {
			if s > 0 {
				idx = append(idx, i)
			}
		}
		sort.SliceStable(idx, func(a, b int) bool { return score[idx[a]] > score[idx[b]] })
		var s Suggestion
		seen := map[int64]bool{}
		for _, i := range idx {
			c := ref.Categories[i]
			if len(s.Categories) < 3 {
				s.Categories = append(s.Categories, Choice{ID: c.ID, Code: c.Code, Name: c.Name})
			}
			if c.DefaultAgencyID != 0 && !seen[c.DefaultAgencyID] && len(s.Agencies) < 3 {
				seen[c.DefaultAgencyID] = true
				for _, a := range ref.Agencies {
					if a.ID == c.DefaultAgencyID {
						s.Agencies = append(s.Agencies, Choice{ID: a.ID, Code: a.Code, Name: a.Name})
					}
				}
			}
		}
		return s
	}
}

// containsSeq reports whether the words of k occur in terms in order (not
// necessarily next to each other: "jalan di depan rumah berlubang" has
// "jalan berlubang").
func containsSeq(terms, k []string) bool {
	i := 0
	for _, t := range terms {
		if i < len(k) && t == k[i] {
			i++
		}
	}
	return i == len(k)
}
