package routing

import (
	"regexp"
	"regexp/syntax"
	"strings"
)

// A suggestion runs some forty rule expressions over the text, and most
// of them cannot match it: none of their words is there. Go's regexp finds
// that out by running the whole expression (the rules were 43 % of a
// suggestion's CPU). rx first asks whether the text holds one of the
// literals every match must contain, read from the expression itself.

// rx is a regular expression with the literals one of which any match
// contains (nil: no such set is known, the expression always runs).
type rx struct {
	*regexp.Regexp
	lits []string
}

// newRx compiles s, as regexp.MustCompile does, with its literals.
func newRx(s string) *rx {
	x := &rx{Regexp: regexp.MustCompile(s)}
	if t, err := syntax.Parse(s, syntax.Perl); err == nil {
		x.lits = required(t.Simplify())
	}
	return x
}

// MatchString reports whether s matches, skipping the expression when s
// holds none of its literals.
func (x *rx) MatchString(s string) bool {
	if x.lits != nil && !containsAny(s, x.lits) {
		return false
	}
	return x.Regexp.MatchString(s)
}

func containsAny(s string, lits []string) bool {
	for _, l := range lits {
		if strings.Contains(s, l) {
			return true
		}
	}
	return false
}

// maxLits bounds a literal set: beyond it, testing each costs more than
// the expression.
const maxLits = 64

// required returns a set of literals one of which every match of t
// contains, or nil when it cannot tell.
func required(t *syntax.Regexp) []string {
	switch t.Op {
	case syntax.OpLiteral:
		if t.Flags&syntax.FoldCase != 0 || len(t.Rune) == 0 {
			return nil
		}
		return []string{string(t.Rune)}
	case syntax.OpCapture:
		return required(t.Sub[0])
	case syntax.OpPlus:
		return required(t.Sub[0])
	case syntax.OpRepeat:
		if t.Min >= 1 {
			return required(t.Sub[0])
		}
		return nil
	case syntax.OpConcat:
		// Any sub's set will do; the one whose shortest literal is
		// longest filters best.
		var best []string
		bestLen := 0
		for _, s := range t.Sub {
			l := required(s)
			if l == nil {
				continue
			}
			if m := shortest(l); m > bestLen {
				best, bestLen = l, m
			}
		}
		return best
	case syntax.OpAlternate:
		var out []string
		for _, s := range t.Sub {
			l := required(s)
			if l == nil {
				return nil
			}
			out = append(out, l...)
			if len(out) > maxLits {
				return nil
			}
		}
		return out
	}
	return nil
}

func shortest(l []string) int {
	m := len(l[0])
	for _, s := range l[1:] {
		m = min(m, len(s))
	}
	return m
}
