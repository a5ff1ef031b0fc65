package search

import (
	"context"
	"math"
	"regexp"
	"sort"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/search/index"
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
	cands, err := s.Store.Complaints().DuplicateCandidates(ctx, c, window, words, 300)
	if err != nil {
		return nil, err
	}
	if len(cands) == 0 {
		return []SimilarHit{}, nil
	}
	vec := func(text string) map[string]int {
		m := map[string]int{}
		for _, t := range s.an.Terms(text) {
			m[t]++
		}
		return m
	}
	base := vec(c.Text)
	vecs := make([]map[string]int, len(cands))
	all := map[string]bool{}
	for t := range base {
		all[t] = true
	}
	for i, x := range cands {
		vecs[i] = vec(x.Text)
		for t := range vecs[i] {
			all[t] = true
		}
	}
	terms := make([]string, 0, len(all))
	for t := range all {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	n, df, err := s.Store.Library().SearchStats(ctx, index.Complaint, terms)
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
	out := []SimilarHit{}
	for i, x := range cands {
		if !actor.CanSeeComplaint(x) {
			continue
		}
		score := cosine(base, vecs[i], idf)
		if score < MinSimilarity {
			continue
		}
		h := SimilarHit{Complaint: x, Score: round3(score), SameKelurahan: c.KelurahanCode != "" && x.KelurahanCode == c.KelurahanCode}
		for _, st := range Streets(x.Address + "\n" + x.Text) {
			if contains(streets, st) {
				h.SameStreet, h.Street = true, st
				break
			}
		}
		if !h.SameKelurahan && !h.SameStreet {
			continue
		}
		out = append(out, h)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Complaint.ID > out[j].Complaint.ID
	})
	if len(out) > 5 {
		out = out[:5]
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

func cosine(a, b map[string]int, idf func(string) float64) float64 {
	var dot, na, nb float64
	for t, x := range a {
		w := float64(x) * idf(t)
		na += w * w
		if y, ok := b[t]; ok {
			dot += w * float64(y) * idf(t)
		}
	}
	for t, y := range b {
		w := float64(y) * idf(t)
		nb += w * w
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
