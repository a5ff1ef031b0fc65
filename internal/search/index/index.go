// Package index turns a document's text into the postings the search index
// stores: analysed terms with a weighted term frequency and a precomputed
// BM25 term weight ("impact"). It has no database code, so that the store
// (which writes postings in the same transaction as the change that causes
// them) and the searcher (which ranks) share one definition of the numbers.
//
// Why impacts: ranking must give the same order on SQLite and PostgreSQL.
// Neither database's native ranking is used (FTS5's bm25() and PostgreSQL's
// ts_rank differ); instead every posting carries an integer impact computed
// here in Go, so both databases store identical integers, and the searcher
// adds them up in Go with the same idf. Integers also sort identically in
// both databases, so "the best postings of a term" (ORDER BY impact DESC,
// doc_id DESC) picks the same candidates on both.
//
// The impact is the BM25 term-frequency part with a fixed pivot length per
// kind of document rather than the corpus's running average, so that a
// posting never changes once written and the same data indexed in any order
// gives the same numbers.
package index

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"sort"
	"strconv"

	"github.com/kotakita/aduan/internal/search/analyzer"
)

// Kind is what a document is. It is stored as a small integer.
type Kind int16

// The kinds of indexed documents.
const (
	Library   Kind = 1 // an answer-library entry
	Complaint Kind = 2 // a past answered complaint
)

// BM25 parameters (the usual defaults) and the scale of stored impacts.
const (
	K1    = 1.2
	B     = 0.75
	Scale = 1000
	// MaxTermBytes: longer "words" are base64, URLs run together or noise;
	// they are not indexed.
	MaxTermBytes = 64
)

// pivot is the typical weighted length of a document of the kind, the
// point where length normalisation is neutral.
func (k Kind) pivot() float64 {
	if k == Library {
		return 90
	}
	return 45
}

// Field is one piece of a document's text with its weight: a term in a
// library entry's title counts more than one in its answer.
type Field struct {
	Text   string
	Weight int
}

// Posting is one term of a document.
type Posting struct {
	Term   string
	TF     int // weighted term frequency
	Impact int // BM25 term weight × Scale, without the idf
}

// Doc is an analysed document.
type Doc struct {
	Len      int       // weighted length in terms
	Postings []Posting // one per distinct term, sorted by term
	Hash     string    // digest of the postings, to skip re-indexing unchanged text
}

// Build analyses the fields of a document of the given kind.
func Build(an *analyzer.Analyzer, kind Kind, fields ...Field) Doc {
	tf := map[string]int{}
	length := 0
	for _, f := range fields {
		w := f.Weight
		if w <= 0 {
			w = 1
		}
		for _, t := range an.Terms(f.Text) {
			if len(t) > MaxTermBytes {
				continue
			}
			tf[t] += w
			length += w
		}
	}
	d := Doc{Len: length, Postings: make([]Posting, 0, len(tf))}
	for t, n := range tf {
		d.Postings = append(d.Postings, Posting{Term: t, TF: n, Impact: Impact(kind, n, length)})
	}
	sort.Slice(d.Postings, func(i, j int) bool { return d.Postings[i].Term < d.Postings[j].Term })
	h := sha256.New()
	h.Write([]byte(strconv.Itoa(int(kind))))
	for _, p := range d.Postings {
		h.Write([]byte{0})
		h.Write([]byte(p.Term))
		h.Write([]byte{1})
		h.Write([]byte(strconv.Itoa(p.TF)))
	}
	d.Hash = hex.EncodeToString(h.Sum(nil))[:24]
	return d
}

// Impact is the BM25 weight of a term that occurs tf times (weighted) in a
// document of the given weighted length, scaled to an integer.
func Impact(kind Kind, tf, length int) int {
	if tf <= 0 {
		return 0
	}
	norm := K1 * (1 - B + B*float64(length)/kind.pivot())
	v := float64(tf) * (K1 + 1) / (float64(tf) + norm)
	return int(math.Round(v * Scale))
}

// IDF is BM25's inverse document frequency for a term found in df of n
// documents, in the non-negative form (Lucene's) so that a term in most
// documents still counts a little rather than negatively.
func IDF(n, df int64) float64 {
	if df <= 0 || n <= 0 {
		return 0
	}
	if df > n {
		df = n
	}
	return math.Log(1 + (float64(n)-float64(df)+0.5)/(float64(df)+0.5))
}
