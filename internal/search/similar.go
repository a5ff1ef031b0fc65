package search

import (
	"context"
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/search/index"
	"github.com/kotakita/aduan/internal/store"
)

// Duplicate suggestion: a complaint that looks like an open one (similar
// words, same kelurahan or street, received within the city's window) is
// offered for linking, so that one agency answer reaches every citizen who
// reported the same problem.

// MinSimilarity is the least text similarity (cosine of idf-weighted
// terms, 0–1) for a complaint to be offered as a duplicate.
const MinSimilarity = 0.3

// SimilarHit is an open complaint that may be the same problem.
type SimilarHit struct {
	Complaint     *aduan.Complaint
	Score         float64 // text similarity, 0–1
	SameKelurahan bool
	SameStreet    bool
	Street        string // the street both mention, when SameStreet
}

// Similar returns the open complaints that complaint id may duplicate, most
// similar first. The actor must be one who can link them (the call center).
func (s *Searcher) Similar(ctx context.Context, actor aduan.Actor, id int64) ([]SimilarHit, error) {
	if err := actor.Require(aduan.PermComplaintEdit); err != nil {
		return nil, err
	}
	c, err := s.Store.Complaints().Complaint(ctx, actor, id)
	if err != nil {
		return nil, err
	}
	return s.similarTo(ctx, actor, c)
}

// SimilarOf is Similar for complaint c that the caller has read already
// (and, if it is confidential, audited): a part of a page that shows c must
// not read it again, which would audit one page view twice.
func (s *Searcher) SimilarOf(ctx context.Context, actor aduan.Actor, c *aduan.Complaint) ([]SimilarHit, error) {
	if err := actor.Require(aduan.PermComplaintEdit); err != nil {
		return nil, err
	}
	return s.similarTo(ctx, actor, c)
}

// SimilarDraft returns the open complaints that a complaint still being
// typed at the desk may duplicate (its text, place and kelurahan), as
// Similar does for a recorded one: the operator can link it before it is
// saved.
func (s *Searcher) SimilarDraft(ctx context.Context, actor aduan.Actor, text, address, kelurahan string) ([]SimilarHit, error) {
	if err := actor.Require(aduan.PermComplaintEdit); err != nil {
		return nil, err
	}
	c := &aduan.Complaint{Text: text, Address: address, KelurahanCode: kelurahan, ReceivedAt: s.Store.Now()}
	return s.similarTo(ctx, actor, c)
}

func (s *Searcher) similarTo(ctx context.Context, actor aduan.Actor, c *aduan.Complaint) ([]SimilarHit, error) {
	window, err := s.Store.Complaints().DuplicateWindow(ctx)
	if err != nil {
		return nil, err
	}
	streets := Streets(c.Address + "\n" + c.Text)
	var words []string
	for _, st := range streets {
		words = append(words, strings.Fields(st)...)
	}
	cands, err := s.Store.Complaints().DuplicateCandidateTexts(ctx, c, window, words, 300)
	if err != nil {
		return nil, err
	}
	if len(cands) == 0 {
		return []SimilarHit{}, nil
	}
	base := termCounts(s.an.Terms(c.Text))
	// Only the candidates in the same place and sharing a word with the
	// text can be offered: the others' words need no frequency.
	type kept struct {
		x             *store.DuplicateCandidate
		a             *analysed
		sameKelurahan bool
		street        string
	}
	var keep []kept
	need := map[string]bool{}
	for _, t := range base {
		need[t.term] = true
	}
	for i := range cands {
		x := &cands[i]
		// CanSeeComplaint decides on the agency (checked again below on
		// the complaint read in full).
		if !actor.CanSeeComplaint(&aduan.Complaint{ID: x.ID, AgencyID: x.AgencyID}) {
			continue
		}
		k := kept{x: x, a: s.analysed(x), sameKelurahan: c.KelurahanCode != "" && x.KelurahanCode == c.KelurahanCode}
		for _, st := range k.a.streets {
			if contains(streets, st) {
				k.street = st
				break
			}
		}
		if !k.sameKelurahan && k.street == "" || !shares(base, k.a.terms) {
			continue
		}
		keep = append(keep, k)
		for _, t := range k.a.terms {
			need[t.term] = true
		}
	}
	if len(keep) == 0 {
		return []SimilarHit{}, nil
	}
	terms := make([]string, 0, len(need))
	for t := range need {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	n, df, err := s.docFreqs(ctx, index.Complaint, terms)
	if err != nil {
		return nil, err
	}
	// Unknown words (not in any answered complaint) weigh as rare ones.
	idf := func(t string) float64 {
		if n == 0 {
			return 1
		}
		return index.IDF(n+1, df[t]+1)
	}
	type scoredCand struct {
		k     kept
		score float64
	}
	var best []scoredCand
	for _, k := range keep {
		score := cosine(base, k.a.terms, idf)
		if score < MinSimilarity {
			continue
		}
		best = append(best, scoredCand{k, round3(score)})
	}
	sort.Slice(best, func(i, j int) bool {
		if best[i].score != best[j].score {
			return best[i].score > best[j].score
		}
		return best[i].k.x.ID > best[j].k.x.ID
	})
	if len(best) > 5 {
		best = best[:5]
	}
	out := []SimilarHit{}
	if len(best) == 0 {
		return out, nil
	}
	ids := make([]int64, len(best))
	for i, b := range best {
		ids[i] = b.k.x.ID
	}
	full, err := s.Store.Complaints().ComplaintsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, b := range best {
		x := full[b.k.x.ID]
		if x == nil || !actor.CanSeeComplaint(x) {
			continue
		}
		out = append(out, SimilarHit{Complaint: x, Score: b.score, SameKelurahan: b.k.sameKelurahan,
			SameStreet: b.k.street != "", Street: b.k.street})
	}
	// The suggestions show what each complaint says: a confidential one's
	// read is audited like any other.
	shown := make([]*aduan.Complaint, len(out))
	for i, h := range out {
		shown[i] = h.Complaint
	}
	if err := s.Store.Complaints().AuditContentReads(ctx, actor, shown); err != nil {
		return nil, err
	}
	return out, nil
}

// termCount is a term of a text and how often it occurs there.
type termCount struct {
	term string
	n    int
}

// termCounts counts terms, in term order.
func termCounts(terms []string) []termCount {
	sort.Strings(terms)
	var out []termCount
	for _, t := range terms {
		if len(out) > 0 && out[len(out)-1].term == t {
			out[len(out)-1].n++
			continue
		}
		out = append(out, termCount{t, 1})
	}
	return out
}

// shares says whether two texts' terms (in term order) have one in common:
// without, their similarity is nil.
func shares(a, b []termCount) bool {
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].term == b[j].term:
			return true
		case a[i].term < b[j].term:
			i++
		default:
			j++
		}
	}
	return false
}

// cosine is the similarity of two texts' terms (in term order), each
// weighed by idf; the sums run in term order, so the score is the same on
// every run.
func cosine(a, b []termCount, idf func(string) float64) float64 {
	var dot, na, nb float64
	for i, j := 0, 0; i < len(a) || j < len(b); {
		switch {
		case j == len(b) || i < len(a) && a[i].term < b[j].term:
			w := float64(a[i].n) * idf(a[i].term)
			na += w * w
			i++
		case i == len(a) || b[j].term < a[i].term:
			w := float64(b[j].n) * idf(b[j].term)
			nb += w * w
			j++
		default:
			f := idf(a[i].term)
			wa, wb := float64(a[i].n)*f, float64(b[j].n)*f
			na += wa * wa
			nb += wb * wb
			dot += wa * wb
			i++
			j++
		}
	}
	if na == 0 || nb == 0 {
		return 0
	}
	return dot / math.Sqrt(na*nb)
}

// streetWords splits text into words and the punctuation that ends a
// street name.
var streetWords = regexp.MustCompile(`[\p{L}\p{N}]+|[,;:()\n]`)

// streetMarkers begin a street name: "Jl. Margonda Raya", "jln nusantara",
// "Gang Masjid 2", "gg. H. Asmawi".
var streetMarkers = map[string]bool{"jl": true, "jln": true, "jalan": true, "gg": true, "gang": true}

// streetStop ends or skips words after a street marker: "jalan" is as often
// a common noun ("jalan rusak dekat sekolah") as part of a name.
var streetStop = map[string]bool{
	"raya": true, "no": true, "nomor": true, "rt": true, "rw": true, "kav": true, "blok": true, "gg": true, "gang": true,
	"jl": true, "jln": true, "jalan": true, "h": true, "hj": true, "ir": true, "kh": true, "dr": true,
}

// streetEnd words end the name: what follows is no longer the street.
var streetEnd = map[string]bool{
	"rusak": true, "berlubang": true, "amblas": true, "gelap": true, "macet": true, "licin": true, "ditutup": true,
	"banjir": true, "tergenang": true, "utama": true, "lingkungan": true, "kampung": true, "setapak": true, "depan": true,
	"dekat": true, "dkt": true, "dpn": true, "di": true, "ke": true, "dari": true, "dr": true, "menuju": true, "masuk": true,
	"yang": true, "yg": true, "sudah": true, "udh": true, "sdh": true, "belum": true, "blm": true, "tidak": true, "gk": true,
	"ga": true, "mati": true, "sejak": true, "arah": true, "sebelah": true, "samping": true, "kel": true, "kelurahan": true,
	"kec": true, "kecamatan": true, "rumah": true, "sekolah": true, "pasar": true, "dan": true, "ada": true, "itu": true,
	"ini": true, "sana": true, "sini": true, "tersebut": true, "pak": true, "bu": true, "min": true, "mohon": true, "tolong": true,
	"sampai": true, "sampe": true, "lagi": true, "lg": true, "juga": true, "jg": true, "kemarin": true, "tadi": true, "sering": true,
	"bolong": true, "retak": true, "ambles": true, "becek": true, "sempit": true, "tertutup": true,
}

// Streets returns the streets named in text, as lower-case key words
// ("margonda", "nusantara"), without the generic words (Jalan, Raya, No.):
// up to four words after a street marker, ending at punctuation, a number,
// another marker or a word that is not part of a name.
func Streets(text string) []string {
	toks := streetWords.FindAllString(strings.ToLower(text), -1)
	var out []string
	for i, tok := range toks {
		if !streetMarkers[tok] {
			continue
		}
		var name []string
		for j := i + 1; j < len(toks) && j <= i+4; j++ {
			w := toks[j]
			if len(w) == 1 && strings.ContainsAny(w, ",;:()\n") || streetMarkers[w] || streetEnd[w] || isDigits(w) {
				break
			}
			if streetStop[w] || len(w) < 2 {
				continue
			}
			name = append(name, w)
		}
		if len(name) == 0 {
			continue
		}
		key := strings.Join(name, " ")
		if len(key) >= 3 && !contains(out, key) {
			out = append(out, key)
		}
	}
	return out
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
