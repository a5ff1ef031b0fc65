// Package routing suggests the category and the responsible agency of a
// complaint from its text (and its kelurahan, when known): the best three
// of each with a confidence, so the operator forwards to the right agency
// the first time.
//
// The model is a multinomial Naive Bayes classifier per target (category,
// agency) over the words and word pairs of the shared Indonesian analyzer
// (so "jln rusak" and "jalan rusak" are one thing), counting each feature
// once per complaint. It learns from the city's own finished complaints and
// is seeded, for a new install, from the categories' keywords in the
// reference data and the phrases in seeds.txt. Agencies that are "the
// kecamatan office of the place" are learned as one class and resolved to
// the kecamatan of the complaint's kelurahan, so what one kecamatan's
// complaints teach helps all of them.
package routing

import (
	_ "embed"
	"fmt"
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/search/analyzer"
)

//go:embed seeds.txt
var seedsTxt string

// KecamatanClass is the agency class "the kecamatan office of the
// complaint's location".
const KecamatanClass int64 = -1

// Options tune training.
type Options struct {
	// Alpha is the additive smoothing of feature counts.
	Alpha float64
	// SeedWeight is how many complaints one seed phrase counts as.
	SeedWeight float64
	// PriorWeight scales the log prior of each class (0: ignore how common
	// a class is; 1: plain Naive Bayes).
	PriorWeight float64
	// NoSeeds trains on the complaints alone (for evaluation).
	NoSeeds bool
}

// DefaultOptions are the options used by the service.
func DefaultOptions() Options {
	return Options{Alpha: 0.1, SeedWeight: 2, PriorWeight: 0.3}
}

// Example is one labelled text to learn from; 0 labels are unknown.
type Example struct {
	Text       string
	CategoryID int64
	AgencyID   int64 // an agency ID, or KecamatanClass
	Weight     float64
}

// classifier is one multinomial Naive Bayes model.
type classifier struct {
	Classes []int64              `json:"classes"`
	Docs    []float64            `json:"docs"`   // weighted examples per class
	Counts  []map[string]float64 `json:"counts"` // feature counts per class
	Totals  []float64            `json:"totals"` // sum of counts per class
	Vocab   map[string]struct{}  `json:"-"`
	index   map[int64]int        `json:"-"`
	logLik  []map[string]float64 `json:"-"`
	logMiss []float64            `json:"-"`
	logPri  []float64            `json:"-"`
}

func newClassifier() *classifier {
	return &classifier{Vocab: map[string]struct{}{}, index: map[int64]int{}}
}

func (c *classifier) add(class int64, feats []string, w float64) {
	i, ok := c.index[class]
	if !ok {
		i = len(c.Classes)
		c.index[class] = i
		c.Classes = append(c.Classes, class)
		c.Docs = append(c.Docs, 0)
		c.Counts = append(c.Counts, map[string]float64{})
		c.Totals = append(c.Totals, 0)
	}
	c.Docs[i] += w
	counts := c.Counts[i]
	for _, f := range feats {
		counts[f] += w
	}
	c.Totals[i] += w * float64(len(feats))
	// The vocabulary is read from the counts once, in prepare: keeping it
	// here was a third of the map writes of a training.
}

// prepare computes the log probabilities once, after training or loading.
func (c *classifier) prepare(o Options) {
	c.index = map[int64]int{}
	if len(c.Vocab) == 0 {
		c.Vocab = map[string]struct{}{}
		for _, m := range c.Counts {
			for f := range m {
				c.Vocab[f] = struct{}{}
			}
		}
	}
	v := float64(len(c.Vocab))
	var all float64
	for _, d := range c.Docs {
		all += d
	}
	n := len(c.Classes)
	c.logLik = make([]map[string]float64, n)
	c.logMiss = make([]float64, n)
	c.logPri = make([]float64, n)
	for i, class := range c.Classes {
		c.index[class] = i
		den := c.Totals[i] + o.Alpha*v
		c.logMiss[i] = math.Log(o.Alpha / den)
		m := make(map[string]float64, len(c.Counts[i]))
		for f, x := range c.Counts[i] {
			m[f] = math.Log((x + o.Alpha) / den)
		}
		c.logLik[i] = m
		c.logPri[i] = o.PriorWeight * math.Log((c.Docs[i]+1)/(all+float64(n)))
	}
}

// scored is a class with its confidence.
type scored struct {
	class int64
	p     float64
}

// predict returns every class with a confidence, best first; nil when no
// feature of the text was ever seen (the model has nothing to go on).
func (c *classifier) predict(feats []string) []scored {
	var known []string
	for _, f := range feats {
		if _, ok := c.Vocab[f]; ok {
			known = append(known, f)
		}
	}
	if len(known) == 0 || len(c.Classes) == 0 {
		return nil
	}
	logs := make([]float64, len(c.Classes))
	best := math.Inf(-1)
	for i := range c.Classes {
		s := c.logPri[i]
		for _, f := range known {
			if l, ok := c.logLik[i][f]; ok {
				s += l
			} else {
				s += c.logMiss[i]
			}
		}
		logs[i] = s
		best = math.Max(best, s)
	}
	// Naive Bayes is overconfident: the features of one text are far from
	// independent. Flattening by the square root of their number gives
	// confidences an operator can read as such.
	temp := math.Sqrt(float64(len(known)))
	out := make([]scored, len(c.Classes))
	var sum float64
	for i := range c.Classes {
		p := math.Exp((logs[i] - best) / temp)
		out[i] = scored{c.Classes[i], p}
		sum += p
	}
	for i := range out {
		out[i].p /= sum
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].p != out[j].p {
			return out[i].p > out[j].p
		}
		return out[i].class < out[j].class
	})
	return out
}

// Model suggests categories and agencies.
type Model struct {
	Categories *classifier `json:"categories"`
	Agencies   *classifier `json:"agencies"`
	Examples   int64       `json:"examples"` // complaints learned from (seeds not counted)
	Options    Options     `json:"options"`
	// Pairs weighs how often each agency (class) handled each category,
	// by category ID: the agencies a category can go to besides its
	// default one (PENDIDIKAN goes to the province for SMA/SMK).
	Pairs map[int64]map[int64]float64 `json:"pairs"`
}

// Features are the analysed words of a text and each pair of neighbouring
// words ("mati lampu" is not "lampu jalan ... mati"), once each.
func Features(an *analyzer.Analyzer, text string) []string {
	return appendFeatures(nil, map[string]struct{}{}, an.Terms(text))
}

// appendFeatures appends the features of terms to out, once each; seen is
// scratch (emptied first), so that a training reuses one map for all its
// examples.
func appendFeatures(out []string, seen map[string]struct{}, terms []string) []string {
	clear(seen)
	add := func(f string) {
		if _, ok := seen[f]; !ok {
			seen[f] = struct{}{}
			out = append(out, f)
		}
	}
	for i, t := range terms {
		add(t)
		if i > 0 {
			add(terms[i-1] + "_" + t)
		}
	}
	return out
}

// Reference is what the model needs to know about the city.
type Reference struct {
	Categories []aduan.Category
	Agencies   []aduan.Agency
	Kecamatan  []aduan.Kecamatan
	Kelurahan  []aduan.Kelurahan
	// Aliases are the other names of each agency (the reference data's
	// alias column), by agency code, for reading names in a text.
	Aliases map[string][]string
}

// agencyClass maps an agency to the class it is learned as.
func (r *Reference) agencyClass(id int64) int64 {
	for _, a := range r.Agencies {
		if a.ID == id && a.Kind == "kecamatan" {
			return KecamatanClass
		}
	}
	return id
}

// Seeds are the phrases a new install learns from: each category's name and
// keywords (for its default agency), and seeds.txt.
func Seeds(ref *Reference) ([]Example, error) {
	var out []Example
	agencyByCode := map[string]int64{}
	for _, a := range ref.Agencies {
		agencyByCode[a.Code] = a.ID
	}
	catByCode := map[string]*aduan.Category{}
	for i := range ref.Categories {
		c := &ref.Categories[i]
		catByCode[c.Code] = c
		if !c.Active {
			continue
		}
		ag := ref.agencyClass(c.DefaultAgencyID)
		if c.DefaultAgencyID == 0 {
			ag = KecamatanClass // "the kelurahan of the location" (LAYANAN_WILAYAH)
		}
		out = append(out, Example{Text: c.Name, CategoryID: c.ID, AgencyID: ag, Weight: 1})
		for _, k := range c.Keywords {
			out = append(out, Example{Text: k, CategoryID: c.ID, AgencyID: ag, Weight: 1})
		}
	}
	// An agency no category goes to learns from its own name and the
	// reference data's notes on what it handles ("musrenbang", "kepegawaian
	// ASN/P3K"), so that it can be suggested at all.
	served := map[int64]bool{}
	for _, c := range ref.Categories {
		if c.Active {
			served[c.DefaultAgencyID] = true
		}
	}
	for _, a := range ref.Agencies {
		if !a.Active || served[a.ID] || a.Kind == "kecamatan" {
			continue
		}
		out = append(out, Example{Text: a.Name, AgencyID: a.ID, Weight: 1})
		for _, p := range notePhrases.Split(parenthetical.ReplaceAllString(a.Notes, " "), -1) {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, Example{Text: p, AgencyID: a.ID, Weight: 1})
			}
		}
	}
	for n, line := range strings.Split(seedsTxt, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		head, phrases, ok := strings.Cut(line, "|")
		f := strings.Fields(head)
		if !ok || len(f) != 2 {
			return nil, fmt.Errorf("seeds.txt:%d: want CATEGORY AGENCY | phrases", n+1)
		}
		if f[0] == "-" {
			// An agency no category goes to (BKPSDM, Bappeda): its
			// callers' words, for the agency model alone.
			id, ok := agencyByCode[f[1]]
			if !ok {
				continue
			}
			for _, p := range strings.Split(phrases, ";") {
				if p = strings.TrimSpace(p); p != "" {
					out = append(out, Example{Text: p, AgencyID: ref.agencyClass(id), Weight: 1})
				}
			}
			continue
		}
		c := catByCode[f[0]]
		if c == nil {
			continue // a city that has no such category
		}
		ag := ref.agencyClass(c.DefaultAgencyID)
		switch f[1] {
		case "-":
			if c.DefaultAgencyID == 0 {
				ag = KecamatanClass
			}
		case "KECAMATAN":
			ag = KecamatanClass
		default:
			id, ok := agencyByCode[f[1]]
			if !ok {
				continue
			}
			ag = ref.agencyClass(id)
		}
		for _, p := range strings.Split(phrases, ";") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, Example{Text: p, CategoryID: c.ID, AgencyID: ag, Weight: 1})
			}
		}
	}
	return out, nil
}

// notePhrases splits an agency's notes into phrases.
var notePhrases = regexp.MustCompile(`[,;:]|\s--\s|\s&\s`)

// Trainer builds a model example by example.
type Trainer struct {
	an     *analyzer.Analyzer
	places *placeStripper
	ref    *Reference
	opt    Options
	m      *Model
	cats   map[int64]bool
	ags    map[int64]bool
	// seen and feats are scratch for one example's features.
	seen  map[string]struct{}
	feats []string
}

// NewTrainer starts a model for the city, with the seeds unless opt.NoSeeds.
func NewTrainer(ref *Reference, opt Options) (*Trainer, error) {
	t := &Trainer{an: analyzer.New(), places: ref.placeMentions(), ref: ref, opt: opt, cats: map[int64]bool{}, ags: map[int64]bool{KecamatanClass: true}, seen: map[string]struct{}{},
		m: &Model{Categories: newClassifier(), Agencies: newClassifier(), Options: opt, Pairs: map[int64]map[int64]float64{}}}
	for _, c := range ref.Categories {
		if c.Active {
			t.cats[c.ID] = true
		}
	}
	for _, a := range ref.Agencies {
		if a.Active {
			t.ags[a.ID] = true
		}
	}
	if !opt.NoSeeds {
		seeds, err := Seeds(ref)
		if err != nil {
			return nil, err
		}
		for _, s := range seeds {
			t.add(s, opt.SeedWeight)
		}
	}
	return t, nil
}

func (t *Trainer) add(ex Example, w float64) {
	t.feats = appendFeatures(t.feats[:0], t.seen, t.an.Terms(stripPlaces(t.places, ex.Text)))
	feats := t.feats
	if len(feats) == 0 {
		return
	}
	if ex.CategoryID != 0 && t.cats[ex.CategoryID] {
		t.m.Categories.add(ex.CategoryID, feats, w)
	}
	if ex.AgencyID != 0 && t.ags[ex.AgencyID] {
		t.m.Agencies.add(ex.AgencyID, feats, w)
	}
	if ex.CategoryID != 0 && t.cats[ex.CategoryID] && ex.AgencyID != 0 && t.ags[ex.AgencyID] {
		if t.m.Pairs[ex.CategoryID] == nil {
			t.m.Pairs[ex.CategoryID] = map[int64]float64{}
		}
		t.m.Pairs[ex.CategoryID][ex.AgencyID] += w
	}
}

// Add learns from one finished complaint; its agency may be a kecamatan
// office, which is learned as KecamatanClass.
func (t *Trainer) Add(ex Example) {
	if ex.Weight == 0 {
		ex.Weight = 1
	}
	if ex.AgencyID > 0 {
		ex.AgencyID = t.ref.agencyClass(ex.AgencyID)
	}
	t.add(ex, ex.Weight)
	t.m.Examples++
}

// Model finishes training.
func (t *Trainer) Model() *Model {
	t.m.prepare()
	return t.m
}

// release drops what only training and Marshal need (the raw counts),
// once the model is stored: the log probabilities answer suggestions, and
// a model of a million complaints holds its features twice otherwise.
func (m *Model) release() {
	for _, c := range []*classifier{m.Categories, m.Agencies} {
		c.Counts = nil
	}
}

func (m *Model) prepare() {
	m.Categories.prepare(m.Options)
	m.Agencies.prepare(m.Options)
}
