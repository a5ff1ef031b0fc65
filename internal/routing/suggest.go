package routing

import (
	"encoding/json"
	"regexp"
	"sort"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/search/analyzer"
)

// Choice is one suggested category or agency.
type Choice struct {
	ID         int64
	Code       string
	Name       string
	Confidence float64 // 0–1
}

// Suggestion is the best three categories and agencies for a text.
type Suggestion struct {
	Categories []Choice
	Agencies   []Choice
	// KecamatanCode is the kecamatan the kecamatan-office class was resolved
	// to (from the kelurahan, or a kecamatan or kelurahan the text names).
	KecamatanCode string
	// Manual: the best agency's confidence is below ManualBelow; the
	// panel asks the operator to pick instead of proposing.
	Manual bool
}

// Router is a trained model with the city's reference data: it turns class
// IDs into names and the kecamatan-office class into an agency.
type Router struct {
	Model *Model
	ref   *Reference
	an    *analyzer.Analyzer
	cats  map[int64]aduan.Category
	ags   map[int64]aduan.Agency
	// kecAgency is the agency of each kecamatan office, by kecamatan code.
	kecAgency map[string]int64
	kelKec    map[string]string
	// places finds where a text says it happened: a kecamatan or
	// kelurahan name after its kind or its head ("kel. Kukusan", "lurah
	// Gandul", "camat Beji"), one pass over the text.
	places *regexp.Regexp
	// placeKec: each kecamatan or kelurahan name, lower case, by the kind
	// of mention (kecPlace, kelPlace) → its kecamatan code.
	placeKec [2]map[string]string
	mentions *placeStripper
	names    *nameFinder
	// served: the agencies some active category goes to.
	served map[int64]bool
}

// The kinds of place mention; a named kecamatan beats a named kelurahan.
const (
	kelPlace = iota
	kecPlace
)

// NewRouter joins a model with the reference data.
func NewRouter(m *Model, ref *Reference) *Router {
	r := &Router{Model: m, ref: ref, an: analyzer.New(), cats: map[int64]aduan.Category{}, ags: map[int64]aduan.Agency{},
		kecAgency: map[string]int64{}, kelKec: map[string]string{}, mentions: ref.placeMentions(), names: newNameFinder(ref)}
	r.served = map[int64]bool{}
	for _, c := range ref.Categories {
		r.cats[c.ID] = c
		if c.Active {
			r.served[c.DefaultAgencyID] = true
			for _, id := range r.routes(c.ID) {
				r.served[id] = true
			}
		}
	}
	for _, a := range ref.Agencies {
		r.ags[a.ID] = a
	}
	// Kecamatan offices are agencies named "Kecamatan <name>".
	r.placeKec = [2]map[string]string{{}, {}}
	var names []string
	for _, k := range ref.Kecamatan {
		for _, a := range ref.Agencies {
			if a.Kind == "kecamatan" && a.Active && strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(a.Name, "Kecamatan")), k.Name) {
				r.kecAgency[k.Code] = a.ID
			}
		}
		name := strings.ToLower(k.Name)
		r.placeKec[kecPlace][name] = k.Code
		names = append(names, regexp.QuoteMeta(name))
	}
	for _, k := range ref.Kelurahan {
		r.kelKec[k.Code] = k.KecamatanCode
		name := strings.ToLower(k.Name)
		// A name two kecamatan share (Curug) stays with the first.
		if _, ok := r.placeKec[kelPlace][name]; !ok {
			r.placeKec[kelPlace][name] = k.KecamatanCode
		}
		names = append(names, regexp.QuoteMeta(name))
	}
	if len(names) > 0 {
		// Longest first, so "Sawangan Baru" wins over "Sawangan".
		sort.Slice(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
		r.places = regexp.MustCompile(`\b(kecamatan|kec|camat|kelurahan|kel|desa|lurah)\.?\s+(` + strings.Join(names, "|") + `)\b`)
	}
	return r
}

// kecamatanOf finds the kecamatan of a complaint: its kelurahan's, else one
// its text names.
func (r *Router) kecamatanOf(text, kelurahan string) string {
	if k := r.kelKec[kelurahan]; k != "" {
		return k
	}
	if r.places == nil {
		return ""
	}
	best, prio := "", -1
	for _, m := range r.places.FindAllStringSubmatch(strings.ToLower(text), -1) {
		kind := kelPlace
		switch m[1] {
		case "kecamatan", "kec", "camat":
			kind = kecPlace
		}
		if k := r.placeKec[kind][m[2]]; k != "" && kind > prio {
			best, prio = k, kind
		}
	}
	return best
}

// fromCategory is the share of an agency's confidence that comes from the
// categories: each category passes its confidence on to the agency
// responsible for it. The rest comes from the agency model, which knows
// what no category says (SMA/SMK are the province's, a JHT claim is BPJS
// Ketenagakerjaan's). Mixing the two keeps the agency from contradicting
// a category the model is sure of (a tree to prune is DLHK's, whatever the
// agency model thinks of "pohon"), while an agency the category model
// cannot name still comes through when the agency model is sure.
const fromCategory = 0.6

// namedWeight is what a named agency adds to its confidence before the
// scores are normalised again: a name the caller gives outweighs anything
// the words suggest. When a text names several ("pasien BPJS di RSUD"),
// each gets as much, and the words decide between them.
const namedWeight = 1.0

// Suggest returns the best k categories and agencies for text.
func (r *Router) Suggest(text, kelurahan string, k int) Suggestion {
	feats := Features(r.an, stripPlaces(r.mentions, text))
	low := strings.ToLower(text)
	var s Suggestion
	s.KecamatanCode = r.kecamatanOf(text, kelurahan)
	agencyP := map[int64]float64{}
	for _, c := range r.Model.Agencies.predict(feats) {
		id := c.class
		if id == KecamatanClass {
			id = r.kecAgency[s.KecamatanCode]
		}
		if a, ok := r.ags[id]; ok && a.Active {
			agencyP[id] += c.p
		}
	}
	score := map[int64]float64{}
	for id, p := range agencyP {
		score[id] += (1 - fromCategory) * p
		if !r.served[id] {
			// No category goes to it: it stands for its own category.
			score[id] += fromCategory * p
		}
	}
	for _, c := range r.Model.Categories.predict(feats) {
		cat, ok := r.cats[c.class]
		if !ok || !cat.Active {
			continue
		}
		s.Categories = append(s.Categories, Choice{ID: cat.ID, Code: cat.Code, Name: cat.Name, Confidence: round2(c.p)})
		r.shareCategory(score, cat, fromCategory*c.p, s.KecamatanCode, agencyP)
	}
	var named []string
	if !isConduct(low) {
		named = r.names.find(low)
	}
	for _, code := range named {
		if a, ok := r.agencyChoice(code); ok {
			score[a.ID] += namedWeight
		}
	}
	var sum float64
	for _, p := range score {
		sum += p
	}
	for id, p := range score {
		a := r.ags[id]
		s.Agencies = append(s.Agencies, Choice{ID: a.ID, Code: a.Code, Name: a.Name, Confidence: round2(p / sum)})
	}
	sort.Slice(s.Agencies, func(i, j int) bool {
		x, y := s.Agencies[i], s.Agencies[j]
		if x.Confidence != y.Confidence {
			return x.Confidence > y.Confidence
		}
		return x.Code < y.Code
	})
	r.applyRules(&s, low, named)
	if len(s.Categories) > k {
		s.Categories = s.Categories[:k]
	}
	if len(s.Agencies) > k {
		s.Agencies = s.Agencies[:k]
	}
	s.Manual = len(s.Agencies) == 0 || s.Agencies[0].Confidence < ManualBelow
	return s
}

// shareCategory passes p, a category's share of the agencies' confidence,
// to the agencies that handle it: its default agency and those the model
// learned it with, split as the agency model ranks them among themselves
// (the default keeps a floor, so a category the agency model knows
// nothing of still goes to its agency).
func (r *Router) shareCategory(score map[int64]float64, cat aduan.Category, p float64, kec string, agencyP map[int64]float64) {
	resolve := func(id int64) int64 {
		if id == KecamatanClass || id == 0 {
			return r.kecAgency[kec] // the kelurahan's own services
		}
		return id
	}
	def := resolve(cat.DefaultAgencyID)
	w := map[int64]float64{}
	if a, ok := r.ags[def]; ok && a.Active {
		w[def] = agencyP[def] + defaultFloor
	}
	for _, id := range r.routes(cat.ID) {
		id = resolve(id)
		if a, ok := r.ags[id]; ok && a.Active {
			w[id] = max(w[id], agencyP[id])
		}
	}
	var sum float64
	for _, x := range w {
		sum += x
	}
	for id, x := range w {
		score[id] += p * x / sum
	}
}

// routes are the agency classes the model learned a category with, but
// for those seen rarely with it (a misrouted complaint is no route).
func (r *Router) routes(cat int64) []int64 {
	var most float64
	for _, x := range r.Model.Pairs[cat] {
		most = max(most, x)
	}
	var out []int64
	for id, x := range r.Model.Pairs[cat] {
		if x >= most/10 {
			out = append(out, id)
		}
	}
	return out
}

// defaultFloor is what a category's default agency weighs among the
// category's agencies besides what the agency model gives it.
const defaultFloor = 0.05

// applyRules applies the rules of rules.go to the full ranking: an edge
// case sets both; otherwise the category follows an agency the text names.
func (r *Router) applyRules(s *Suggestion, low string, named []string) {
	if e := edgeCase(low); e != nil {
		if e.category != "" {
			s.Categories = promote(s.Categories, e.category, 0.9, r.categoryChoice)
		}
		agency := e.agency
		if agency == kecamatanOffice {
			// The kecamatan of the place; when the place is unknown the
			// model's ranking of the offices stays.
			agency = r.ags[r.kecAgency[s.KecamatanCode]].Code
		}
		if agency != "" {
			s.Agencies = promote(s.Agencies, agency, 0.9, r.agencyChoice)
		}
		return
	}
	if len(named) > 0 {
		// The category follows: the best-ranked one the named agency is
		// responsible for, when there is one.
		if a, ok := r.agencyChoice(named[0]); ok {
			r.categoryFollows(s, a.ID)
		}
		return
	}
	// The category follows the first agency too when the first category
	// is not one that agency handles: the agency already weighed every
	// category's evidence with its own, so a first agency that disagrees
	// with the first category had strong evidence of its own ("kantor
	// kecamatan ... tutup" is the kecamatan's, so its service, not a
	// levy).
	if len(s.Agencies) > 0 && len(s.Categories) > 0 && !r.handles(s.Categories[0].ID, s.Agencies[0].ID, s.KecamatanCode) {
		r.categoryFollows(s, s.Agencies[0].ID)
	}
}

// categoryFollows puts first the best-ranked category whose default
// agency is agency (a kecamatan office stands for the categories of "the
// location's office"), when one is ranked at all.
func (r *Router) categoryFollows(s *Suggestion, agency int64) {
	for _, c := range s.Categories {
		if r.defaultAgency(r.cats[c.ID], s.KecamatanCode) == agency {
			s.Categories = promote(s.Categories, c.Code, 0, r.categoryChoice)
			return
		}
	}
}

// defaultAgency is a category's responsible agency, the kecamatan office
// of kec for the location's office.
func (r *Router) defaultAgency(c aduan.Category, kec string) int64 {
	if c.DefaultAgencyID == 0 || r.ags[c.DefaultAgencyID].Kind == "kecamatan" {
		if id := r.kecAgency[kec]; id != 0 {
			return id
		}
		return KecamatanClass
	}
	return c.DefaultAgencyID
}

// handles says whether agency is one a category goes to: its default or
// one it was learned with.
func (r *Router) handles(cat, agency int64, kec string) bool {
	c := r.cats[cat]
	if r.defaultAgency(c, kec) == agency {
		return true
	}
	if r.ags[agency].Kind == "kecamatan" && r.defaultAgency(c, kec) == KecamatanClass {
		return true
	}
	for _, id := range r.routes(cat) {
		if id == agency || (id == KecamatanClass && r.ags[agency].Kind == "kecamatan") {
			return true
		}
	}
	return false
}

func (r *Router) categoryChoice(code string) (Choice, bool) {
	for _, c := range r.ref.Categories {
		if c.Code == code && c.Active {
			return Choice{ID: c.ID, Code: c.Code, Name: c.Name}, true
		}
	}
	return Choice{}, false
}

func (r *Router) agencyChoice(code string) (Choice, bool) {
	for _, a := range r.ref.Agencies {
		if a.Code == code && a.Active {
			return Choice{ID: a.ID, Code: a.Code, Name: a.Name}, true
		}
	}
	return Choice{}, false
}

func round2(p float64) float64 { return float64(int(p*100+0.5)) / 100 }

// Marshal serialises the model for the store.
func (m *Model) Marshal() (string, error) {
	b, err := json.Marshal(m)
	return string(b), err
}

// Unmarshal reads a model written by Marshal.
func Unmarshal(s string) (*Model, error) {
	var m Model
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, err
	}
	if m.Categories == nil || m.Agencies == nil {
		return nil, errBadModel
	}
	m.prepare()
	return &m, nil
}
