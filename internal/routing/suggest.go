package routing

import (
	"encoding/json"
	"regexp"
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
	places    []place
	mentions  *regexp.Regexp
}

// place is a kecamatan or kelurahan name as a text may mention it.
type place struct {
	re        *regexp.Regexp
	kecamatan string
	priority  int // a named kecamatan beats a named kelurahan
}

// NewRouter joins a model with the reference data.
func NewRouter(m *Model, ref *Reference) *Router {
	r := &Router{Model: m, ref: ref, an: analyzer.New(), cats: map[int64]aduan.Category{}, ags: map[int64]aduan.Agency{},
		kecAgency: map[string]int64{}, kelKec: map[string]string{}, mentions: ref.placeMentions()}
	for _, c := range ref.Categories {
		r.cats[c.ID] = c
	}
	for _, a := range ref.Agencies {
		r.ags[a.ID] = a
	}
	// Kecamatan offices are agencies named "Kecamatan <name>".
	for _, k := range ref.Kecamatan {
		for _, a := range ref.Agencies {
			if a.Kind == "kecamatan" && a.Active && strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(a.Name, "Kecamatan")), k.Name) {
				r.kecAgency[k.Code] = a.ID
			}
		}
		name := regexp.QuoteMeta(strings.ToLower(k.Name))
		r.places = append(r.places, place{regexp.MustCompile(`\b(?:kecamatan|kec)\.?\s+` + name + `\b`), k.Code, 2})
	}
	for _, k := range ref.Kelurahan {
		r.kelKec[k.Code] = k.KecamatanCode
		name := regexp.QuoteMeta(strings.ToLower(k.Name))
		r.places = append(r.places, place{regexp.MustCompile(`\b(?:kelurahan|kel|desa)\.?\s+` + name + `\b`), k.KecamatanCode, 1})
	}
	return r
}

// kecamatanOf finds the kecamatan of a complaint: its kelurahan's, else one
// its text names.
func (r *Router) kecamatanOf(text, kelurahan string) string {
	if k := r.kelKec[kelurahan]; k != "" {
		return k
	}
	low := strings.ToLower(text)
	best, prio := "", 0
	for _, p := range r.places {
		if p.priority > prio && p.re.MatchString(low) {
			best, prio = p.kecamatan, p.priority
		}
	}
	return best
}

// Suggest returns the best k categories and agencies for text.
func (r *Router) Suggest(text, kelurahan string, k int) Suggestion {
	feats := Features(r.an, stripPlaces(r.mentions, text))
	var s Suggestion
	for _, c := range r.Model.Categories.predict(feats) {
		cat, ok := r.cats[c.class]
		if !ok || !cat.Active {
			continue
		}
		s.Categories = append(s.Categories, Choice{ID: cat.ID, Code: cat.Code, Name: cat.Name, Confidence: round2(c.p)})
	}
	s.KecamatanCode = r.kecamatanOf(text, kelurahan)
	seen := map[int64]bool{}
	for _, c := range r.Model.Agencies.predict(feats) {
		id := c.class
		if id == KecamatanClass {
			id = r.kecAgency[s.KecamatanCode]
		}
		a, ok := r.ags[id]
		if !ok || !a.Active || seen[id] {
			continue
		}
		seen[id] = true
		s.Agencies = append(s.Agencies, Choice{ID: a.ID, Code: a.Code, Name: a.Name, Confidence: round2(c.p)})
	}
	r.applyRules(&s, text)
	if len(s.Categories) > k {
		s.Categories = s.Categories[:k]
	}
	if len(s.Agencies) > k {
		s.Agencies = s.Agencies[:k]
	}
	s.Manual = len(s.Agencies) == 0 || s.Agencies[0].Confidence < ManualBelow
	return s
}

// applyRules applies the rules of rules.go to the model's full ranking.
func (r *Router) applyRules(s *Suggestion, text string) {
	low := strings.ToLower(text)
	if e := edgeCase(low); e != nil {
		s.Categories = promote(s.Categories, e.category, 0.9, r.categoryChoice)
		s.Agencies = promote(s.Agencies, e.agency, 0.9, r.agencyChoice)
		return
	}
	if code := namedAgency(low); code != "" {
		s.Agencies = promote(s.Agencies, code, 0.85, r.agencyChoice)
		// The category follows: the best-ranked one the named agency is
		// responsible for, when there is one.
		if a, ok := r.agencyChoice(code); ok {
			for _, c := range s.Categories {
				if r.cats[c.ID].DefaultAgencyID == a.ID {
					s.Categories = promote(s.Categories, c.Code, 0, r.categoryChoice)
					break
				}
			}
		}
		return
	}
	if len(s.Categories) == 0 {
		return
	}
	top := s.Categories[0]
	ag := r.cats[top.ID].DefaultAgencyID
	if ag == 0 {
		ag = r.kecAgency[s.KecamatanCode] // the kelurahan's own services
	}
	a, ok := r.ags[ag]
	if !ok || !a.Active || len(s.Agencies) > 0 && s.Agencies[0].ID == ag {
		return
	}
	// Strong evidence against the category: the agency model is much
	// surer of another agency than the category model of its category.
	if len(s.Agencies) > 0 && s.Agencies[0].Confidence >= 0.8 && top.Confidence < 0.5 {
		return
	}
	s.Agencies = promote(s.Agencies, a.Code, top.Confidence, r.agencyChoice)
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
