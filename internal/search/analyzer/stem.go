package analyzer

import "strings"

// maxStemBytes mirrors PostgreSQL's dict_snowball, which hands words longer
// than 1000 bytes back lower-cased but unstemmed (such "words" are base64
// blobs or similar, never language). Matching it keeps Stem identical to
// ts_lexize('indonesian_stem', w) even on pathological input.
const maxStemBytes = 1000

// Prefix classes recorded while stripping, used by the suffix conditions.
// The numbering follows the Snowball Indonesian algorithm so the code can be
// checked against its description line by line.
const (
	prefixNone = 0 // nothing removed yet
	prefixDi   = 1 // di-, ter-, meng- and its variants me-/men-/mem-/meny-
	prefixPer  = 2 // per-, pe-
	prefixKe   = 3 // ke-, peng- and its variants pen-/pem-/peny-
	prefixBer  = 4 // ber-, be-, bel(ajar)
)

// Stem returns the Snowball Indonesian stem of word (the algorithm of
// Fadillah Z. Tala, "A Study of Stemming Effects on Information Retrieval in
// Bahasa Indonesia", as revised on snowballstem.org). It is a from-scratch Go
// rendering of that algorithm whose output is identical to PostgreSQL's
// ts_lexize('indonesian_stem', word): the differential test in this package
// checks that on thousands of words.
//
// The word is lower-cased first, because PostgreSQL does the same before
// stemming. Only the ASCII vowels a, e, i, o, u count towards the measure,
// again as in libstemmer; any other character (including accented letters)
// behaves as a consonant.
func Stem(word string) string {
	w := toLower(word)
	if len(w) > maxStemBytes {
		return w
	}
	return stemLower(w)
}

// toLower lower-cases like strings.ToLower but skips the call, and so the
// scan for a Unicode fast path, for the common all-lowercase ASCII word.
func toLower(s string) string {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || ('A' <= c && c <= 'Z') {
			return strings.ToLower(s)
		}
	}
	return s
}

func isVowel(c byte) bool {
	return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'
}

// countVowels is the algorithm's "measure": the paper approximates the
// number of syllables by the number of vowels, and refuses to strip
// anything that would leave fewer than two syllables.
func countVowels(w string) int {
	n := 0
	for i := 0; i < len(w); i++ {
		if isVowel(w[i]) {
			n++
		}
	}
	return n
}

// stemLower stems an already lower-cased word. The control flow follows the
// Snowball "stem" routine exactly, including the places where it stops early
// once the measure drops to two, because those early stops are what make,
// e.g., "bukulah" end as "buku" rather than losing more.
func stemLower(w string) string {
	measure := countVowels(w)
	if measure <= 2 {
		return w
	}

	// Inflectional particles, then possessive pronouns.
	if hasAnySuffix(w, "kah", "lah", "pun") {
		w = w[:len(w)-3]
		measure--
	}
	if measure <= 2 {
		return w
	}
	if strings.HasSuffix(w, "nya") {
		w = w[:len(w)-3]
		measure--
	} else if hasAnySuffix(w, "ku", "mu") {
		w = w[:len(w)-2]
		measure--
	}
	if measure <= 2 {
		return w
	}

	// Derivational affixes. Either a first-order prefix is removed, then a
	// suffix, then a second-order prefix; or (no first-order prefix) a
	// second-order prefix is removed and then a suffix. The order matters
	// because the suffix rules depend on which prefix was seen.
	if r, ok := removeFirstOrderPrefix(w); ok {
		w, measure = r.word, measure-1
		if measure <= 2 {
			return w
		}
		// A second-order prefix is only looked for when a suffix came off
		// first: Snowball runs the two as one sequence, so "diperangkat"
		// keeps its per- while "memperbaiki" loses it.
		s, ok := removeSuffix(w, r.cursor, r.prefix)
		if !ok {
			return w
		}
		w, measure = s, measure-1
		if measure > 2 {
			// The cursor is not at the start of the word when the prefix
			// was replaced by "s" or "p"; Snowball then looks for the
			// second-order prefix at that position, which in practice never
			// matches because a vowel always follows. We keep the same
			// semantics rather than "simplify" them.
			if p, ok := removeSecondOrderPrefix(w, r.cursor); ok {
				w = p.word
			}
		}
		return w
	}

	prefix := prefixNone
	cursor := 0
	if s, ok := removeSecondOrderPrefix(w, 0); ok {
		w, measure = s.word, measure-1
		cursor = s.cursor
		if s.prefix != prefixNone {
			prefix = s.prefix
		}
	}
	if measure > 2 {
		if s, ok := removeSuffix(w, cursor, prefix); ok {
			w = s
		}
	}
	return w
}

func hasAnySuffix(w string, suffixes ...string) bool {
	for _, s := range suffixes {
		if strings.HasSuffix(w, s) {
			return true
		}
	}
	return false
}

// prefixResult describes a prefix removal: the new word, the prefix class
// it establishes (prefixNone when the rule leaves the class unchanged) and
// where Snowball's cursor ends up, which bounds later suffix matching.
type prefixResult struct {
	word   string
	prefix int
	cursor int
}

// removeFirstOrderPrefix strips di-, ter-, ke- and the meng-/peng- families.
// Snowball's "among" picks the longest listed prefix whose condition holds,
// so "meny" is tried before "men" before "me". meny-/peny- before a vowel
// and mem-/pem- before a vowel stand for a dropped initial s/p of the root
// (menyapu → sapu, memakan → pakan), so that letter is put back.
func removeFirstOrderPrefix(w string) (prefixResult, bool) {
	nextIsVowel := func(i int) bool { return i < len(w) && isVowel(w[i]) }
	switch {
	case strings.HasPrefix(w, "meny") && nextIsVowel(4):
		return prefixResult{"s" + w[4:], prefixDi, 1}, true
	case strings.HasPrefix(w, "peny") && nextIsVowel(4):
		return prefixResult{"s" + w[4:], prefixKe, 1}, true
	case strings.HasPrefix(w, "meng"):
		return prefixResult{w[4:], prefixDi, 0}, true
	case strings.HasPrefix(w, "peng"):
		return prefixResult{w[4:], prefixKe, 0}, true
	case strings.HasPrefix(w, "mem"):
		if nextIsVowel(3) {
			return prefixResult{"p" + w[3:], prefixDi, 1}, true
		}
		return prefixResult{w[3:], prefixDi, 0}, true
	case strings.HasPrefix(w, "pem"):
		if nextIsVowel(3) {
			return prefixResult{"p" + w[3:], prefixKe, 1}, true
		}
		return prefixResult{w[3:], prefixKe, 0}, true
	case strings.HasPrefix(w, "men"), strings.HasPrefix(w, "ter"):
		return prefixResult{w[3:], prefixDi, 0}, true
	case strings.HasPrefix(w, "pen"):
		return prefixResult{w[3:], prefixKe, 0}, true
	case strings.HasPrefix(w, "me"), strings.HasPrefix(w, "di"):
		return prefixResult{w[2:], prefixDi, 0}, true
	case strings.HasPrefix(w, "ke"):
		return prefixResult{w[2:], prefixKe, 0}, true
	}
	return prefixResult{}, false
}

// removeSecondOrderPrefix strips ber-/be-/per-/pe- starting at byte offset
// at. "belajar"/"pelajar" are special-cased to "ajar" because there the l
// belongs to the prefix (bel-, pel-), not to the root. be- is only a prefix
// before consonant+"er" (bekerja → kerja), otherwise words such as "besar"
// would be damaged.
func removeSecondOrderPrefix(w string, at int) (prefixResult, bool) {
	head, rest := w[:at], w[at:]
	switch {
	case strings.HasPrefix(rest, "pelajar"):
		// Snowball does not touch the prefix class here, so a later "kan"
		// is still allowed (the paper's pelajar rule predates the class).
		return prefixResult{head + "ajar" + rest[7:], prefixNone, at + 4}, true
	case strings.HasPrefix(rest, "belajar"):
		return prefixResult{head + "ajar" + rest[7:], prefixBer, at + 4}, true
	case strings.HasPrefix(rest, "per"):
		return prefixResult{head + rest[3:], prefixPer, at}, true
	case strings.HasPrefix(rest, "pe"):
		return prefixResult{head + rest[2:], prefixPer, at}, true
	case strings.HasPrefix(rest, "ber"):
		return prefixResult{head + rest[3:], prefixBer, at}, true
	case strings.HasPrefix(rest, "be") && consonantThenEr(rest[2:]):
		return prefixResult{head + rest[2:], prefixBer, at}, true
	}
	return prefixResult{}, false
}

// consonantThenEr reports whether s starts with one non-vowel character
// (a whole UTF-8 sequence, as libstemmer steps by character) followed by
// "er".
func consonantThenEr(s string) bool {
	if s == "" || isVowel(s[0]) {
		return false
	}
	n := 1
	if s[0] >= 0x80 {
		n = utf8SeqLen(s)
	}
	return strings.HasPrefix(s[n:], "er")
}

// utf8SeqLen returns the byte length of the character at the start of s,
// treating an invalid byte as one character as libstemmer does.
func utf8SeqLen(s string) int {
	c := s[0]
	n := 1
	switch {
	case c >= 0xF0:
		n = 4
	case c >= 0xE0:
		n = 3
	case c >= 0xC0:
		n = 2
	}
	if n > len(s) {
		return len(s)
	}
	for i := 1; i < n; i++ {
		if s[i]&0xC0 != 0x80 {
			return i
		}
	}
	return n
}

// removeSuffix strips -kan, -an or -i, whichever is longest and allowed:
//   - -kan not after ke-/peng- or per- (those take -an: "pelayanan"),
//   - -an not after di-/meng-/ter- (those verbs take -kan or -i),
//   - -i only after no prefix, di-/meng-/ter- or per-, and not after "s",
//     which protects loanwords such as "televisi" or "organisasi".
//
// The suffix must lie at or after lb, the position of Snowball's cursor
// after prefix removal.
func removeSuffix(w string, lb, prefix int) (string, bool) {
	n := len(w)
	if strings.HasSuffix(w, "kan") && n-3 >= lb && prefix != prefixKe && prefix != prefixPer {
		return w[:n-3], true
	}
	if strings.HasSuffix(w, "an") && n-2 >= lb && prefix != prefixDi {
		return w[:n-2], true
	}
	if strings.HasSuffix(w, "i") && n-1 >= lb && prefix <= prefixPer {
		if !(n-2 >= lb && w[n-2] == 's') {
			return w[:n-1], true
		}
	}
	return w, false
}
