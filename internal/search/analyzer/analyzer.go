package analyzer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Analyzer turns Indonesian complaint text into search terms. It holds no
// state of its own (the word lists are package-level and read-only), so the
// zero value is ready to use and one Analyzer may be shared by any number of
// goroutines.
type Analyzer struct{}

// New returns an Analyzer. It exists so callers do not depend on the type
// being an empty struct, leaving room for options later.
func New() *Analyzer { return &Analyzer{} }

// Token is one analysed piece of the original text, for highlighting: the
// caller can mark text[Start:End] wherever Term is one of the query terms.
type Token struct {
	// Start and End are byte offsets of the source word in the text given
	// to Tokens, so text[Start:End] is the word exactly as the user typed it.
	Start, End int
	// Term is the analysed term, or "" when the word is a stop word. When a
	// word expands to several words ("rs" → "rumah sakit") each gets its own
	// Token with the same Start and End.
	Term string
}

// Tokens analyses text and returns one Token per analysed word, in order,
// including stop words (with an empty Term) so that a highlighter sees
// every word it might have to skip.
func (a *Analyzer) Tokens(text string) []Token {
	var toks []Token
	analyze(text, func(start, end int, term string) {
		toks = append(toks, Token{Start: start, End: end, Term: term})
	})
	return toks
}

// Terms returns the terms to index for text, in order and with repeats
// (FTS ranking uses term frequency): words are lower-cased, informal
// spellings normalised, stop words removed and the rest stemmed.
func (a *Analyzer) Terms(text string) []string {
	var terms []string
	analyze(text, func(_, _ int, term string) {
		if term != "" {
			terms = append(terms, term)
		}
	})
	return terms
}

// Query returns the terms of a search query, analysed exactly like indexed
// text so that both sides meet on the same stems, and deduplicated in order
// of first appearance because repeating a term in a query adds nothing.
func (a *Analyzer) Query(text string) []string {
	var terms []string
	seen := make(map[string]struct{})
	analyze(text, func(_, _ int, term string) {
		if term == "" {
			return
		}
		if _, dup := seen[term]; dup {
			return
		}
		seen[term] = struct{}{}
		terms = append(terms, term)
	})
	return terms
}

// Normalize returns the standard word(s) for a single word: lower-cased,
// SMS reduplication ("org2") reduced to its base, and informal spellings
// replaced from normalisasi.txt ("gk" → ["tidak"], "rs" → ["rumah",
// "sakit"]). Stop words are not removed and nothing is stemmed, so it shows
// what the later stages receive. A word that is not a single token (it
// contains spaces or punctuation) is only lower-cased.
func (a *Analyzer) Normalize(word string) []string {
	w := strings.ToLower(word)
	if !isPlainWord(w) {
		return []string{w}
	}
	w = dereduplicate(w)
	if _, ok := protectedTerms[w]; ok {
		return []string{w}
	}
	if forms, ok := normalForms[w]; ok {
		return append([]string(nil), forms...)
	}
	return []string{w}
}

// IsStopWord reports whether the standard (already normalised, lower-case)
// word is dropped as a stop word.
func IsStopWord(word string) bool {
	_, ok := stopWords[word]
	return ok
}

// analyze is the single pipeline behind Tokens, Terms and Query, so the
// three can never disagree. It calls emit for every word (or each part of
// an expanded word) with the source byte span and the term ("" for stop
// words).
func analyze(text string, emit func(start, end int, term string)) {
	i := 0
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		// A word starts at a letter or digit; a combining mark only
		// continues one. Invalid bytes decode as RuneError, which is not a
		// letter, so they simply separate words and never reach a term.
		if !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			i += size
			continue
		}
		start := i
		i += size
		for i < len(text) {
			r, size = utf8.DecodeRuneInString(text[i:])
			if !isWordRune(r) {
				break
			}
			i += size
		}
		analyzeWord(text[start:i], start, i, emit)
	}
}

// analyzeWord runs the per-word stages: lower-case, reduplication,
// protection, normalisation, stop words, stemming.
func analyzeWord(raw string, start, end int, emit func(start, end int, term string)) {
	w := dereduplicate(toLower(raw))
	if _, ok := protectedTerms[w]; ok {
		emit(start, end, w)
		return
	}
	forms, ok := normalForms[w]
	if !ok {
		emit(start, end, termFor(w))
		return
	}
	for _, f := range forms {
		emit(start, end, termFor(f))
	}
}

// termFor maps a standard word to its index term, "" for a stop word.
func termFor(w string) string {
	if _, stop := stopWords[w]; stop {
		return ""
	}
	return Stem(w)
}

// dereduplicate turns the SMS shorthand for reduplication, "anak2" for
// "anak-anak", into the base word. Only letters followed by a single "2"
// qualify, and the letters must contain a vowel and be at least two
// characters long, so codes such as "rw2", "b2" or "ps2" are left alone.
func dereduplicate(w string) string {
	if len(w) < 3 || w[len(w)-1] != '2' {
		return w
	}
	base := w[:len(w)-1]
	letters, vowel := 0, false
	for _, r := range base {
		if !unicode.IsLetter(r) {
			return w
		}
		letters++
		if r < utf8.RuneSelf && isVowel(byte(r)) {
			vowel = true
		}
	}
	if letters < 2 || !vowel {
		return w
	}
	return base
}
