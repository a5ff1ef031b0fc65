package search

import (
	"context"
	"hash/maphash"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kotakita/aduan/internal/search/index"
	"github.com/kotakita/aduan/internal/store"
)

// The index's reads, kept between keystrokes (issue 21, fifth session).
// Search as you type asks the same terms again on every key: the words
// already typed, their completions, their best postings and the impacts
// of the best candidates. Read from the database each time they were half
// of the suggestion panel's CPU. A cached read is used while both hold:
//
//   - the index generation of this process (store.SearchGeneration) is
//     the one it was read under: any change this process makes to the
//     index (a complaint recorded or answered, a library entry edited)
//     drops every cached read at once;
//   - it is younger than cacheFor. Other instances on the same database
//     change the index without moving this process's generation: their
//     changes are seen here within cacheFor. The panel's results are
//     suggestions, and what they show is read afresh by ID (the entry's
//     current text, whether it is still active, the complaint's current
//     state and who may see it), so the lag is a past complaint or a new
//     entry joining or leaving the ranking a few seconds late, never
//     stale text or a result the reader may not see.
const (
	cacheFor     = 3 * time.Second
	cacheEntries = 50_000
)

type readCache struct {
	mu      sync.Mutex
	gen     uint64
	entries map[string]cached
}

type cached struct {
	at time.Time
	v  any
}

// cachedRead returns the value kept for key, or reads it with read and
// keeps it; s.CacheFor 0 reads every time.
func cachedRead[T any](s *Searcher, key string, read func() (T, error)) (T, error) {
	if s.CacheFor <= 0 {
		return read()
	}
	gen := s.Store.Library().SearchGeneration()
	now := time.Now()
	c := &s.cache
	c.mu.Lock()
	if c.gen != gen || c.entries == nil {
		c.gen, c.entries = gen, map[string]cached{}
	}
	e, ok := c.entries[key]
	c.mu.Unlock()
	if ok && now.Sub(e.at) < s.CacheFor {
		return e.v.(T), nil
	}
	v, err := read()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	// Kept only if the index did not change during the read.
	if c.gen == gen && s.Store.Library().SearchGeneration() == gen {
		if len(c.entries) >= cacheEntries {
			// Simplest bound: start again (a full cache is a busy
			// minute's reads, read again within seconds).
			c.entries = map[string]cached{}
		}
		c.entries[key] = cached{at: now, v: v}
	}
	c.mu.Unlock()
	return v, nil
}

func cacheKey(op byte, kind index.Kind, parts ...string) string {
	var b strings.Builder
	b.WriteByte(op)
	b.WriteString(strconv.Itoa(int(kind)))
	for _, p := range parts {
		b.WriteByte(0)
		b.WriteString(p)
	}
	return b.String()
}

func (s *Searcher) termsWithPrefix(ctx context.Context, kind index.Kind, prefix string, limit int) ([]string, error) {
	return cachedRead(s, cacheKey('p', kind, prefix, strconv.Itoa(limit)), func() ([]string, error) {
		return s.Store.Library().SearchTermsWithPrefix(ctx, kind, prefix, limit)
	})
}

type stats struct {
	n  int64
	df map[string]int64
}

// searchStats is the kind's document count and the terms' document
// frequencies; the callers only read the map.
func (s *Searcher) searchStats(ctx context.Context, kind index.Kind, terms []string) (int64, map[string]int64, error) {
	st, err := cachedRead(s, cacheKey('s', kind, terms...), func() (stats, error) {
		n, df, err := s.Store.Library().SearchStats(ctx, kind, terms)
		return stats{n, df}, err
	})
	return st.n, st.df, err
}

func filterKey(f store.SearchFilter) string {
	return strconv.FormatInt(f.AgencyID, 10) + "/" + strconv.FormatInt(f.CategoryID, 10) + "/" + f.ValidOn
}

// postings is a term's best postings; the callers only read the slice.
func (s *Searcher) postings(ctx context.Context, kind index.Kind, term string, f store.SearchFilter, limit int) ([]store.SearchPosting, error) {
	return cachedRead(s, cacheKey('t', kind, term, filterKey(f), strconv.Itoa(limit)), func() ([]store.SearchPosting, error) {
		return s.Store.Library().SearchPostings(ctx, kind, term, f, limit)
	})
}

// impacts is the postings of terms in docs, in a new slice each time (the
// caller sorts it).
func (s *Searcher) impacts(ctx context.Context, kind index.Kind, docs []int64, terms []string) ([]store.SearchPosting, error) {
	parts := make([]string, 0, len(docs)+len(terms)+1)
	for _, d := range docs {
		parts = append(parts, strconv.FormatInt(d, 10))
	}
	parts = append(parts, "|")
	parts = append(parts, terms...)
	ps, err := cachedRead(s, cacheKey('i', kind, parts...), func() ([]store.SearchPosting, error) {
		return s.Store.Library().SearchImpacts(ctx, kind, docs, terms)
	})
	return append([]store.SearchPosting(nil), ps...), err
}

// docFreqs is searchStats for a long list of terms that differs from one
// call to the next (the words of the duplicate candidates): each term's
// frequency is kept on its own, under the rules of cachedRead, and only
// the ones not kept are read.
func (s *Searcher) docFreqs(ctx context.Context, kind index.Kind, terms []string) (int64, map[string]int64, error) {
	if s.CacheFor <= 0 {
		return s.Store.Library().SearchStats(ctx, kind, terms)
	}
	gen := s.Store.Library().SearchGeneration()
	now := time.Now()
	c := &s.cache
	df := make(map[string]int64, len(terms))
	var missing []string
	nKey := cacheKey('n', kind)
	c.mu.Lock()
	if c.gen != gen || c.entries == nil {
		c.gen, c.entries = gen, map[string]cached{}
	}
	fresh := func(key string) (any, bool) {
		e, ok := c.entries[key]
		if !ok || now.Sub(e.at) >= s.CacheFor {
			return nil, false
		}
		return e.v, true
	}
	var n int64
	v, haveN := fresh(nKey)
	if haveN {
		n = v.(int64)
	}
	for _, t := range terms {
		if v, ok := fresh(cacheKey('d', kind, t)); ok {
			if d := v.(int64); d > 0 {
				df[t] = d
			}
			continue
		}
		missing = append(missing, t)
	}
	c.mu.Unlock()
	if haveN && len(missing) == 0 {
		return n, df, nil
	}
	n, read, err := s.Store.Library().SearchStats(ctx, kind, missing)
	if err != nil {
		return 0, nil, err
	}
	for t, d := range read {
		df[t] = d
	}
	c.mu.Lock()
	// Kept only if the index did not change during the read.
	if c.gen == gen && s.Store.Library().SearchGeneration() == gen {
		if len(c.entries)+len(missing)+1 > cacheEntries {
			c.entries = map[string]cached{}
		}
		c.entries[nKey] = cached{at: now, v: n}
		for _, t := range missing {
			c.entries[cacheKey('d', kind, t)] = cached{at: now, v: read[t]}
		}
	}
	c.mu.Unlock()
	return n, df, nil
}

// analysed is what the duplicate suggestion compares of a complaint: its
// terms (in term order, counted) and the streets it names.
type analysed struct {
	sum     uint64 // of the text and address it was made from
	terms   []termCount
	streets []string
}

// analysedEntries bounds the analyses kept: the open complaints of a
// duplicate window (at a million complaints, a few thousand per week).
const analysedEntries = 16_384

// analysisCache keeps the analysis of the open complaints the duplicate
// suggestion compares with every draft: the same few hundred per place,
// asked at every keystroke. An entry is a function of the text and
// address it was made from, so it is used while they are unchanged, with
// no generation or age.
type analysisCache struct {
	mu      sync.Mutex
	seed    maphash.Seed
	entries map[int64]*analysed
}

// analysed returns x's analysis, from the cache while its text and
// address are the same.
func (s *Searcher) analysed(x *store.DuplicateCandidate) *analysed {
	c := &s.analyses
	c.mu.Lock()
	if c.entries == nil {
		c.seed, c.entries = maphash.MakeSeed(), map[int64]*analysed{}
	}
	seed := c.seed
	e := c.entries[x.ID]
	c.mu.Unlock()
	var h maphash.Hash
	h.SetSeed(seed)
	h.WriteString(x.Text)
	h.WriteByte(0)
	h.WriteString(x.Address)
	sum := h.Sum64()
	if e != nil && e.sum == sum {
		return e
	}
	e = &analysed{sum: sum, terms: termCounts(s.an.Terms(x.Text)), streets: Streets(x.Address + "\n" + x.Text)}
	c.mu.Lock()
	if len(c.entries) >= analysedEntries {
		c.entries = map[int64]*analysed{}
	}
	c.entries[x.ID] = e
	c.mu.Unlock()
	return e
}
