// Package search is the call center's search over the answer library and
// past answered complaints (SOP step 6), the duplicate suggestion, and the
// library's import and export formats.
//
// Ranking is BM25, computed in Go from integer impacts that the store keeps
// per posting (see internal/search/index): SQLite and PostgreSQL therefore
// return the same results in the same order for the same data. For each
// query term the best postings (by impact) are fetched, their documents
// scored, and the scores of the best candidates completed with the terms
// they were not fetched for, so a query stays fast as the operator types
// even when a word occurs in most of a million complaints.
package search

import (
	"context"
	"math"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/search/analyzer"
	"github.com/kotakita/aduan/internal/search/index"
	"github.com/kotakita/aduan/internal/store"
)

// Tuning of the candidate search. A term with more postings than
// postingsPerTerm contributes only its best ones to the candidates; the
// best completeTop candidates then get their full scores.
const (
	postingsPerTerm = 300
	completeTop     = 50
	maxQueryTerms   = 16
	maxRankedSlots  = 8
	parallelLookups = 4
	prefixExpansion = 3
	minPrefixRunes  = 3
	DefaultLimit    = 10
	MaxLimit        = 50
)

// Searcher searches the index kept by the store.
type Searcher struct {
	Store *store.Store
	// PostingsPerTerm and CompleteTop tune the candidate search (tests
	// set them small to exercise it on little data).
	PostingsPerTerm int
	CompleteTop     int
	// CacheFor is how long a read of the index is kept for the next
	// keystrokes (cache.go); 0 keeps none.
	CacheFor time.Duration
	an       *analyzer.Analyzer
	cache    readCache
	analyses analysisCache
}

// New returns a Searcher over st.
func New(st *store.Store) *Searcher {
	return &Searcher{Store: st, PostingsPerTerm: postingsPerTerm, CompleteTop: completeTop, CacheFor: cacheFor, an: analyzer.New()}
}

// Analyzer returns the analyzer the searcher (and the index) uses.
func (s *Searcher) Analyzer() *analyzer.Analyzer { return s.an }

// Query is what the operator typed, with filters.
type Query struct {
	Text       string
	AgencyID   int64
	CategoryID int64
	// IncludeExpired also returns library entries outside their validity.
	IncludeExpired bool
	// Limit per section (default 10, at most 50).
	Limit int
	// Sections to search; both when neither is set.
	Library, Complaints bool
	// Complete treats the last word as finished; otherwise, while the
	// operator is still typing, it also matches words it begins.
	Complete bool
}

// LibraryHit is a library entry that matched.
type LibraryHit struct {
	Entry   *aduan.LibraryEntry
	Score   float64
	Expired bool
	// HTML with the matching words in <mark>, everything else escaped.
	TitleHTML     string
	QuestionsHTML []string
	AnswerHTML    string
}

// ComplaintHit is a past answered complaint that matched.
type ComplaintHit struct {
	Complaint  *aduan.Complaint
	Score      float64
	TextHTML   string // a snippet of what the citizen said
	AnswerHTML string
}

// Results are both sections, best first.
type Results struct {
	// Terms are the analysed terms searched for, with the completions of
	// a word still being typed.
	Terms      []string
	Library    []LibraryHit
	Complaints []ComplaintHit
}

// Search runs q for actor, who must be allowed to read the library (and,
// for past complaints, complaints).
func (s *Searcher) Search(ctx context.Context, actor aduan.Actor, q Query) (*Results, error) {
	if err := actor.Require(aduan.PermLibraryRead); err != nil {
		return nil, err
	}
	if q.Limit <= 0 {
		q.Limit = DefaultLimit
	}
	if q.Limit > MaxLimit {
		q.Limit = MaxLimit
	}
	if !q.Library && !q.Complaints {
		q.Library, q.Complaints = true, true
	}
	if q.Complaints && !actor.Can(aduan.PermComplaintRead) {
		q.Complaints = false
	}
	res := &Results{Terms: []string{}, Library: []LibraryHit{}, Complaints: []ComplaintHit{}}
	words := s.queryWords(q.Text, q.Complete)
	if len(words) == 0 {
		return res, nil
	}
	today := s.Store.Now().In(aduan.WIB).Format("2006-01-02")
	// The two sections are independent: search them side by side, each on
	// its own connection of the read pool.
	var libTerms, compTerms map[string]bool
	var libErr, compErr error
	var wg sync.WaitGroup
	if q.Library {
		wg.Add(1)
		go func() {
			defer wg.Done()
			res.Library, libTerms, libErr = s.searchLibrary(ctx, words, q, today)
		}()
	}
	if q.Complaints {
		res.Complaints, compTerms, compErr = s.searchComplaints(ctx, actor, words, q)
	}
	wg.Wait()
	if libErr != nil {
		return nil, libErr
	}
	if compErr != nil {
		return nil, compErr
	}
	searched := map[string]bool{}
	for t := range libTerms {
		searched[t] = true
	}
	for t := range compTerms {
		searched[t] = true
	}
	for _, w := range words {
		for _, t := range w.terms {
			searched[t] = true
		}
	}
	for t := range searched {
		res.Terms = append(res.Terms, t)
	}
	sort.Strings(res.Terms)
	return res, nil
}

func round3(f float64) float64 { return math.Round(f*1000) / 1000 }

func (s *Searcher) searchLibrary(ctx context.Context, words []queryWord, q Query, today string) ([]LibraryHit, map[string]bool, error) {
	f := store.SearchFilter{AgencyID: q.AgencyID, CategoryID: q.CategoryID}
	if !q.IncludeExpired {
		f.ValidOn = today
	}
	hits, terms, err := s.rank(ctx, index.Library, words, f, q.Limit)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.doc
	}
	entries, err := s.Store.Library().LibraryEntriesByID(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	out := []LibraryHit{}
	for _, h := range hits {
		e := entries[h.doc]
		// An entry taken out of the library since its postings were
		// cached (cache.go) is not offered.
		if e == nil || !e.Active {
			continue
		}
		hit := LibraryHit{Entry: e, Score: round3(h.score), Expired: e.Expired(today),
			TitleHTML: Mark(e.Title, Matches(s.an, e.Title, terms)), AnswerHTML: Mark(e.Answer, Matches(s.an, e.Answer, terms)),
			QuestionsHTML: []string{}}
		for _, qn := range e.Questions {
			hit.QuestionsHTML = append(hit.QuestionsHTML, Mark(qn, Matches(s.an, qn, terms)))
		}
		out = append(out, hit)
	}
	return out, terms, nil
}

func (s *Searcher) searchComplaints(ctx context.Context, actor aduan.Actor, words []queryWord, q Query) ([]ComplaintHit, map[string]bool, error) {
	f := store.SearchFilter{AgencyID: q.AgencyID, CategoryID: q.CategoryID}
	hits, terms, err := s.rank(ctx, index.Complaint, words, f, q.Limit)
	if err != nil {
		return nil, nil, err
	}
	ids := make([]int64, len(hits))
	for i, h := range hits {
		ids[i] = h.doc
	}
	cs, err := s.Store.Complaints().ComplaintsByID(ctx, ids)
	if err != nil {
		return nil, nil, err
	}
	out := []ComplaintHit{}
	for _, h := range hits {
		c := cs[h.doc]
		if c == nil || !actor.CanSeeContent(c) {
			continue
		}
		out = append(out, ComplaintHit{Complaint: c, Score: round3(h.score),
			TextHTML:   Snippet(s.an, c.Text, Matches(s.an, c.Text, terms), 280),
			AnswerHTML: Mark(c.Answer, Matches(s.an, c.Answer, terms))})
	}
	// Confidential complaints are not indexed, but one indexed before it
	// was made confidential and not yet taken out would be read here.
	shown := make([]*aduan.Complaint, len(out))
	for i, h := range out {
		shown[i] = h.Complaint
	}
	if err := s.Store.Complaints().AuditContentReads(ctx, actor, shown); err != nil {
		return nil, nil, err
	}
	return out, terms, nil
}

// queryWord is one slot of a query: a term, or for the word being typed its
// term and the prefix to complete.
type queryWord struct {
	terms  []string
	prefix []string // prefixes to expand, for the last word while typing
}

// queryWords analyses the query text into slots, one per distinct term.
func (s *Searcher) queryWords(text string, complete bool) []queryWord {
	toks := s.an.Tokens(text)
	var out []queryWord
	seen := map[string]bool{}
	for _, t := range toks {
		if t.Term == "" || seen[t.Term] {
			continue
		}
		seen[t.Term] = true
		out = append(out, queryWord{terms: []string{t.Term}})
		if len(out) == maxQueryTerms {
			break
		}
	}
	if complete || len(toks) == 0 {
		return out
	}
	last := toks[len(toks)-1]
	r, _ := utf8.DecodeLastRuneInString(text)
	if last.End != len(text) || !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
		return out // the text ends between words: the last one is finished
	}
	raw := strings.ToLower(text[last.Start:last.End])
	if utf8.RuneCountInString(raw) < minPrefixRunes {
		return out
	}
	// Expanded words ("rs" → rumah sakit) are complete by definition.
	n := 0
	for _, t := range toks {
		if t.Start == last.Start {
			n++
		}
	}
	if n != 1 {
		return out
	}
	prefixes := []string{raw}
	if last.Term != "" && last.Term != raw {
		prefixes = append(prefixes, last.Term)
	}
	for i := range out {
		if out[i].terms[0] == last.Term {
			out[i].prefix = prefixes
			return out
		}
	}
	// The word so far is a stop word ("yan" is not, "untu" is not, but a
	// finished stop word may still be the start of another word).
	if len(out) < maxQueryTerms {
		out = append(out, queryWord{prefix: prefixes})
	}
	return out
}

type scored struct {
	doc   int64
	score float64
}

// rank scores the documents of kind for the query words and returns the
// best limit, with the set of terms searched (for highlighting).
func (s *Searcher) rank(ctx context.Context, kind index.Kind, words []queryWord, f store.SearchFilter, limit int) ([]scored, map[string]bool, error) {
	// Each slot's alternatives: its term and the completions of a prefix.
	slots := make([][]string, len(words))
	all := map[string]bool{}
	for i, w := range words {
		alts := append([]string(nil), w.terms...)
		expand := func(prefixes []string) error {
			for _, p := range prefixes {
				more, err := s.termsWithPrefix(ctx, kind, p, prefixExpansion)
				if err != nil {
					return err
				}
				for _, t := range more {
					if !contains(alts, t) {
						alts = append(alts, t)
					}
				}
			}
			return nil
		}
		if err := expand(w.prefix); err != nil {
			return nil, nil, err
		}
		// Stems can be shorter than the word ("sekolah" is indexed as
		// "seko"), so "sekol" begins no term: one letter less finds it.
		if len(w.prefix) > 0 && len(alts) == len(w.terms) {
			r := []rune(w.prefix[0])
			if len(r) > minPrefixRunes {
				if err := expand([]string{string(r[:len(r)-1])}); err != nil {
					return nil, nil, err
				}
			}
		}
		slots[i] = alts
		for _, t := range alts {
			all[t] = true
		}
	}
	termList := make([]string, 0, len(all))
	for t := range all {
		termList = append(termList, t)
	}
	sort.Strings(termList)
	n, df, err := s.searchStats(ctx, kind, termList)
	if err != nil {
		return nil, nil, err
	}
	idf := map[string]float64{}
	for t, d := range df {
		idf[t] = index.IDF(n, d)
	}
	// A long query (the operator typing the whole complaint) is ranked on
	// its rarest words: common ones hardly change the order but each costs
	// a look-up.
	if len(slots) > maxRankedSlots {
		weight := func(alts []string) float64 {
			w := 0.0
			for _, t := range alts {
				w = math.Max(w, idf[t])
			}
			return w
		}
		order := make([]int, len(slots))
		for i := range order {
			order[i] = i
		}
		sort.SliceStable(order, func(a, b int) bool { return weight(slots[order[a]]) > weight(slots[order[b]]) })
		keep := order[:maxRankedSlots]
		sort.Ints(keep)
		kept := make([][]string, 0, len(keep))
		all = map[string]bool{}
		for _, i := range keep {
			kept = append(kept, slots[i])
			for _, t := range slots[i] {
				all[t] = true
			}
		}
		slots = kept
	}
	// contrib[doc][slot] is the best weight of any alternative of the slot.
	contrib := map[int64][]float64{}
	add := func(doc int64, slot int, w float64) {
		c := contrib[doc]
		if c == nil {
			c = make([]float64, len(slots))
			contrib[doc] = c
		}
		if w > c[slot] {
			c[slot] = w
		}
	}
	// Fetch each term's best postings, a few look-ups at a time (each on
	// its own connection), then add them up in a fixed order so that the
	// floating-point sums are the same on every run and database.
	type job struct {
		slot int
		term string
		ps   []store.SearchPosting
		err  error
	}
	var jobs []*job
	for i, alts := range slots {
		for _, t := range alts {
			if df[t] > 0 {
				jobs = append(jobs, &job{slot: i, term: t})
			}
		}
	}
	var wg sync.WaitGroup
	sem := make(chan struct{}, parallelLookups)
	for _, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func(j *job) {
			defer func() { <-sem; wg.Done() }()
			j.ps, j.err = s.postings(ctx, kind, j.term, f, s.PostingsPerTerm)
		}(j)
	}
	wg.Wait()
	var truncated []string
	for _, j := range jobs {
		if j.err != nil {
			return nil, nil, j.err
		}
		if len(j.ps) == s.PostingsPerTerm && !contains(truncated, j.term) {
			truncated = append(truncated, j.term)
		}
		for _, p := range j.ps {
			add(p.DocID, j.slot, idf[j.term]*float64(p.Impact)/index.Scale)
		}
	}
	total := func(c []float64) float64 {
		sum := 0.0
		for _, v := range c {
			sum += v
		}
		return sum
	}
	cands := make([]scored, 0, len(contrib))
	for d, c := range contrib {
		cands = append(cands, scored{d, total(c)})
	}
	byScore(cands)
	if len(truncated) > 0 && len(cands) > 0 {
		top := cands[:min(len(cands), s.CompleteTop)]
		ids := make([]int64, len(top))
		for i, c := range top {
			ids[i] = c.doc
		}
		sort.Strings(truncated)
		ps, err := s.impacts(ctx, kind, ids, truncated)
		if err != nil {
			return nil, nil, err
		}
		// Sort for a deterministic order of additions (floating point).
		sort.Slice(ps, func(i, j int) bool {
			if ps[i].DocID != ps[j].DocID {
				return ps[i].DocID < ps[j].DocID
			}
			return ps[i].Term < ps[j].Term
		})
		for _, p := range ps {
			for i, alts := range slots {
				if contains(alts, p.Term) {
					add(p.DocID, i, idf[p.Term]*float64(p.Impact)/index.Scale)
				}
			}
		}
		for i := range top {
			top[i].score = total(contrib[top[i].doc])
		}
		cands = top
		byScore(cands)
	}
	if len(cands) > limit {
		cands = cands[:limit]
	}
	return cands, all, nil
}

// byScore sorts best first; ties go to the newer document, so the order is
// total and the same on every database.
func byScore(c []scored) {
	sort.Slice(c, func(i, j int) bool {
		if c[i].score != c[j].score {
			return c[i].score > c[j].score
		}
		return c[i].doc > c[j].doc
	})
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
