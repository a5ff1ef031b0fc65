package search

import (
	"html"
	"strings"

	"github.com/kotakita/aduan/internal/search/analyzer"
)

// Span is a byte range of a text whose word matched the query.
type Span struct {
	Start, End int
}

// Matches returns the spans of the words of text whose analysed terms are
// in terms: the words exactly as they were typed, so "jln" is marked for a
// search for "jalan" and "diperbaiki" for "perbaikan".
func Matches(an *analyzer.Analyzer, text string, terms map[string]bool) []Span {
	var out []Span
	for _, t := range an.Tokens(text) {
		if t.Term == "" || !terms[t.Term] {
			continue
		}
		// An expanded word ("rs" → rumah sakit) yields several tokens
		// with one span; mark it once.
		if n := len(out); n > 0 && out[n-1].Start == t.Start {
			continue
		}
		out = append(out, Span{t.Start, t.End})
	}
	return out
}

// Mark returns text as HTML with the spans wrapped in <mark>; everything
// else is escaped.
func Mark(text string, spans []Span) string {
	return markRange(text, spans, 0, len(text))
}

func markRange(text string, spans []Span, from, to int) string {
	var b strings.Builder
	at := from
	for _, s := range spans {
		if s.Start < at || s.End > to {
			continue
		}
		b.WriteString(html.EscapeString(text[at:s.Start]))
		b.WriteString("<mark>")
		b.WriteString(html.EscapeString(text[s.Start:s.End]))
		b.WriteString("</mark>")
		at = s.End
	}
	b.WriteString(html.EscapeString(text[at:to]))
	return b.String()
}

// Snippet returns about max bytes of text around its matches, as HTML with
// the matches marked and "…" where text was cut. The window is the one
// that holds the most matches; it starts and ends between words.
func Snippet(an *analyzer.Analyzer, text string, spans []Span, max int) string {
	if len(text) <= max {
		return Mark(text, spans)
	}
	toks := an.Tokens(text)
	from := 0
	if len(spans) > 0 {
		best, bestN := 0, -1
		for i := range spans {
			n := 0
			for j := i; j < len(spans) && spans[j].End-spans[i].Start <= max; j++ {
				n++
			}
			if n > bestN {
				best, bestN = i, n
			}
		}
		// Some context before the first match of the window.
		from = spans[best].Start - max/5
		if from < 0 {
			from = 0
		}
	}
	// Snap to the start of a word, and the end to the end of one.
	start, end := 0, len(text)
	for _, t := range toks {
		if t.Start <= from {
			start = t.Start
		}
	}
	if from == 0 {
		start = 0
	}
	for _, t := range toks {
		if t.End <= start+max {
			end = t.End
		} else {
			break
		}
	}
	if end <= start {
		end = min(len(text), start+max)
		for end < len(text) && !isBoundary(text, end) {
			end++
		}
	}
	var b strings.Builder
	if start > 0 {
		b.WriteString("… ")
	}
	b.WriteString(markRange(text, spans, start, end))
	if end < len(text) {
		b.WriteString(" …")
	}
	return b.String()
}

// isBoundary: i starts a UTF-8 character.
func isBoundary(s string, i int) bool { return i >= len(s) || s[i]&0xC0 != 0x80 }
