package routing

import (
	"sort"
	"strings"
)

// placeStripper removes where a text says it happened ("Kelurahan
// Mekarjaya", "kec. Beji") before the words are read: such mentions say
// where, not what, and every kind of complaint has them, while the word
// "kelurahan" alone is also a keyword of complaints about the kelurahan
// office itself.
//
// It does what the regular expression
//
//	(?i)\b(?:kelurahan|kel|kecamatan|kec|desa)\b\.?\s*(?:NAME|…)\b
//
// replaced by a space did (names longest first), by hand: the expression
// was 18 % of a training's CPU, every complaint read passing through its
// alternation of 80 names. Matching is ASCII case-insensitive, as the
// names are ASCII; the expression's Unicode folding (the Kelvin sign for
// "k") is not kept.
type placeStripper struct {
	// names by their first byte (lower case), longest first.
	names [256][]string
}

// placeKinds are the words before a place name that make it a mention.
var placeKinds = []string{"kelurahan", "kel", "kecamatan", "kec", "desa"}

// placeMentions returns the stripper for the city's kecamatan and
// kelurahan names; nil when it has none.
func (r *Reference) placeMentions() *placeStripper {
	var names []string
	for _, k := range r.Kecamatan {
		names = append(names, strings.ToLower(k.Name))
	}
	for _, k := range r.Kelurahan {
		names = append(names, strings.ToLower(k.Name))
	}
	if len(names) == 0 {
		return nil
	}
	// Longest first, so "Sawangan Baru" wins over "Sawangan".
	sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	p := &placeStripper{}
	for _, n := range names {
		if n == "" {
			continue
		}
		p.names[n[0]] = append(p.names[n[0]], n)
	}
	return p
}

func isWordByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hasFold says whether s at i begins with w (lower-case ASCII), ignoring
// ASCII case, and ends there at a word boundary.
func hasFold(s string, i int, w string) bool {
	if len(s)-i < len(w) {
		return false
	}
	for j := 0; j < len(w); j++ {
		if lowerByte(s[i+j]) != w[j] {
			return false
		}
	}
	end := i + len(w)
	return end == len(s) || !isWordByte(s[end]) || !isWordByte(w[len(w)-1])
}

// match returns the end of a place mention starting at i, or -1.
func (p *placeStripper) match(s string, i int) int {
	for _, k := range placeKinds {
		if !hasFold(s, i, k) {
			continue
		}
		j := i + len(k)
		if j < len(s) && s[j] == '.' {
			j++
		}
		for j < len(s) && (s[j] == ' ' || s[j] == '\t' || s[j] == '\n' || s[j] == '\r' || s[j] == '\f') {
			j++
		}
		if j == len(s) {
			return -1
		}
		for _, n := range p.names[lowerByte(s[j])] {
			if hasFold(s, j, n) {
				return j + len(n)
			}
		}
		return -1 // the kinds cannot match at i but one at a time
	}
	return -1
}

// strip replaces each place mention of text by a space.
func (p *placeStripper) strip(text string) string {
	if p == nil {
		return text
	}
	var b *strings.Builder
	last := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		if (i > 0 && isWordByte(text[i-1])) || !isWordByte(c) {
			continue
		}
		switch lowerByte(c) {
		case 'k', 'd':
		default:
			continue
		}
		end := p.match(text, i)
		if end < 0 {
			continue
		}
		if b == nil {
			b = &strings.Builder{}
			b.Grow(len(text))
		}
		b.WriteString(text[last:i])
		b.WriteByte(' ')
		last = end
		i = end - 1
	}
	if b == nil {
		return text
	}
	b.WriteString(text[last:])
	return b.String()
}

func stripPlaces(p *placeStripper, text string) string { return p.strip(text) }
