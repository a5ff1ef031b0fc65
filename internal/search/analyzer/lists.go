package analyzer

import (
	_ "embed"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The word lists live in plain text files so that call-center staff and
// reviewers can maintain them without touching Go code; they are embedded
// so the binary, and therefore every database it indexes, always uses the
// exact lists it was built with.

//go:embed normalisasi.txt
var normalisasiTxt string

//go:embed stopwords.txt
var stopwordsTxt string

var (
	// normalForms maps an informal spelling to its standard word(s).
	normalForms map[string][]string
	// protectedTerms are kept verbatim: no normalisation, no stop-word
	// removal, no stemming. They are service acronyms whose exact spelling
	// is what users search for.
	protectedTerms map[string]struct{}
	// stopWords are dropped from the index and from queries.
	stopWords map[string]struct{}
)

func init() {
	var err error
	normalForms, protectedTerms, err = parseNormalisasi(normalisasiTxt)
	if err != nil {
		// The file is embedded, so this can only happen on a bad edit;
		// every test in the package fails loudly when it does.
		panic(err)
	}
	stopWords, err = parseStopwords(stopwordsTxt)
	if err != nil {
		panic(err)
	}
}

// stripComment removes a trailing "# ..." comment and surrounding space.
func stripComment(line string) string {
	if i := strings.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	return strings.TrimSpace(line)
}

// isPlainWord reports whether w could be produced by the tokenizer as a
// single lower-case token, i.e. whether a list entry can ever match.
func isPlainWord(w string) bool {
	if w == "" || !utf8.ValidString(w) || strings.ToLower(w) != w {
		return false
	}
	for _, r := range w {
		if !isWordRune(r) {
			return false
		}
	}
	return true
}

func parseNormalisasi(src string) (map[string][]string, map[string]struct{}, error) {
	forms := make(map[string][]string)
	protected := make(map[string]struct{})
	for n, line := range strings.Split(src, "\n") {
		fields := strings.Fields(stripComment(line))
		if len(fields) == 0 {
			continue
		}
		for _, f := range fields {
			if !isPlainWord(f) {
				return nil, nil, fmt.Errorf("normalisasi.txt:%d: %q is not a lower-case word", n+1, f)
			}
		}
		key := fields[0]
		_, dupForm := forms[key]
		_, dupProt := protected[key]
		if dupForm || dupProt {
			return nil, nil, fmt.Errorf("normalisasi.txt:%d: duplicate entry %q", n+1, key)
		}
		if len(fields) == 1 || (len(fields) == 2 && fields[1] == key) {
			protected[key] = struct{}{}
			continue
		}
		forms[key] = fields[1:]
	}
	return forms, protected, nil
}

func parseStopwords(src string) (map[string]struct{}, error) {
	words := make(map[string]struct{})
	for n, line := range strings.Split(src, "\n") {
		fields := strings.Fields(stripComment(line))
		if len(fields) == 0 {
			continue
		}
		if len(fields) != 1 || !isPlainWord(fields[0]) {
			return nil, fmt.Errorf("stopwords.txt:%d: want one lower-case word, got %q", n+1, line)
		}
		if _, dup := words[fields[0]]; dup {
			return nil, fmt.Errorf("stopwords.txt:%d: duplicate %q", n+1, fields[0])
		}
		words[fields[0]] = struct{}{}
	}
	return words, nil
}

// isWordRune is the tokenizer's notion of a word character: any Unicode
// letter or decimal digit. Combining marks are accepted too so that a word
// typed with a decomposed accent ("e" + U+0301) stays in one piece.
func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.M, r)
}
