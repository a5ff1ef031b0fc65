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
	// ID names the line in --details (optional, a string or a number).
	ID string `json:"id,omitempty"`
}

// ReadLabelled reads a JSON Lines evaluation file; blank lines are skipped,
// fields other than teks, instansi, kategori, kelurahan and id ignored.
func ReadLabelled(r io.Reader) ([]Labelled, error) {
	set, _, err := ReadLabelledFields(r)
	return set, err
}

// ReadLabelledFields is ReadLabelled that also returns the names of the
// fields it ignored (sorted), so that a city's own file with its extra
// columns (source, date, notes) can be used as it is, with one warning.
func ReadLabelledFields(r io.Reader) ([]Labelled, []string, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var out []Labelled
	extra := map[string]bool{}
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var raw map[string]json.RawMessage
		if err := json.Unmarshal([]byte(line), &raw); err != nil {
			return nil, nil, fmt.Errorf("line %d: %v", n, err)
		}
		var l Labelled
		for k, v := range raw {
			var err error
			switch k {
			case "teks":
				err = json.Unmarshal(v, &l.Text)
			case "instansi":
				err = json.Unmarshal(v, &l.Agency)
			case "kategori":
				err = json.Unmarshal(v, &l.Category)
			case "kelurahan":
				err = json.Unmarshal(v, &l.Kelurahan)
			case "id":
				// A number or a string: kept as written.
				l.ID = strings.Trim(string(v), `"`)
			default:
				extra[k] = true
			}
			if err != nil {
				return nil, nil, fmt.Errorf("line %d: %s: %v", n, k, err)
			}
		}
		if strings.TrimSpace(l.Text) == "" {
			return nil, nil, fmt.Errorf("line %d: empty teks", n)
		}
		l.Agency, l.Category = strings.ToUpper(strings.TrimSpace(l.Agency)), strings.ToUpper(strings.TrimSpace(l.Category))
		out = append(out, l)
	}
	var names []string
	for k := range extra {
		names = append(names, k)
	}
	sort.Strings(names)
	return out, names, sc.Err()
}

// Miss is one line whose gold agency was not the first suggested.
type Miss struct {
	ID         string
	Text       string
	Gold       string   // the gold agency code
	Top        []string // the suggested agency codes, best first (at most 3)
	Confidence float64  // of the first suggestion
}

// Misses lists the lines of set whose agency was not suggested first,
// and the confusion by agency: for each gold agency, how often each
// other agency was suggested first instead.
func Misses(s Suggester, set []Labelled) ([]Miss, map[string]map[string]int) {
	var out []Miss
	conf := map[string]map[string]int{}
	for _, l := range set {
		if l.Agency == "" {
			continue
		}
		sug := s(l.Text, l.Kelurahan)
		if rankOf(sug.Agencies, l.Agency) == 0 {
			continue
		}
		m := Miss{ID: l.ID, Text: l.Text, Gold: l.Agency}
		for i, c := range sug.Agencies {
			if i == 3 {
				break
			}
			m.Top = append(m.Top, c.Code)
		}
		first := "-"
		if len(sug.Agencies) > 0 {
			m.Confidence = sug.Agencies[0].Confidence
			first = sug.Agencies[0].Code
		}
		if conf[l.Agency] == nil {
			conf[l.Agency] = map[string]int{}
		}
		conf[l.Agency][first]++
		out = append(out, m)
	}
	return out, conf
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
