package seed

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"
)

var placeholderRe = regexp.MustCompile(`\{[^}]*\}`)

func TestDemoTexts(t *testing.T) {
	d := load(t)
	texts := DemoTexts()
	codes := map[string]bool{}
	for _, c := range d.Categories {
		codes[c.Code] = true
		n := len(texts[c.Code])
		if n < 3 || n > 6 {
			t.Errorf("category %s has %d demo texts, want 3 to 6", c.Code, n)
		}
	}
	informal := 0
	for code, list := range texts {
		if !codes[code] {
			t.Errorf("demo texts for unknown category %s", code)
		}
		checkTexts(t, "text "+code, list, PlaceholderStreet, PlaceholderKelurahan)
		for _, s := range list {
			// SMS spellings: the analyzer and the demo should see them.
			for _, w := range []string{"udh", "gk", "bgt", "dkt", "jln", "sy ", "tolong dibenerin", "gmn"} {
				if strings.Contains(s, w) {
					informal++
					break
				}
			}
		}
	}
	if informal < 20 {
		t.Errorf("only %d informal texts", informal)
	}

	answers := DemoAnswers()
	if len(answers) < 10 {
		t.Errorf("answers for only %d categories", len(answers))
	}
	for code, list := range answers {
		if !codes[code] {
			t.Errorf("demo answers for unknown category %s", code)
		}
		if len(list) == 0 {
			t.Errorf("no answers for %s", code)
		}
		checkTexts(t, "answer "+code, list, PlaceholderStreet, PlaceholderKelurahan, PlaceholderKecamatan)
	}
}

func checkTexts(t *testing.T, what string, list []string, allowed ...string) {
	t.Helper()
	seen := map[string]bool{}
	for _, s := range list {
		if seen[s] {
			t.Errorf("%s: %q twice", what, s)
		}
		seen[s] = true
		if !utf8.ValidString(s) || strings.TrimSpace(s) != s || len(s) < 20 || utf8.RuneCountInString(s) > 1000 {
			t.Errorf("%s: bad text %q", what, s)
		}
		for _, p := range placeholderRe.FindAllString(s, -1) {
			ok := false
			for _, a := range allowed {
				ok = ok || p == a
			}
			if !ok {
				t.Errorf("%s: placeholder %s not allowed in %q", what, p, s)
			}
		}
		filled := Fill(s, "Jl. Kartini", "Depok Jaya", "Pancoran Mas")
		if strings.ContainsAny(filled, "{}") {
			t.Errorf("%s: Fill left braces in %q", what, filled)
		}
	}
}

func TestDemoNames(t *testing.T) {
	for _, tt := range []struct {
		what     string
		list     []string
		min, max int
	}{
		{"streets", StreetNames(), 30, 40},
		{"first names", FirstNames(), 60, 70},
		{"last names", LastNames(), 40, 50},
	} {
		if n := len(tt.list); n < tt.min || n > tt.max {
			t.Errorf("%s: %d, want %d to %d", tt.what, n, tt.min, tt.max)
		}
		seen := map[string]bool{}
		for _, s := range tt.list {
			if seen[s] || s == "" || strings.TrimSpace(s) != s {
				t.Errorf("%s: %q empty, untrimmed or twice", tt.what, s)
			}
			seen[s] = true
		}
	}
	for _, s := range StreetNames() {
		if !strings.HasPrefix(s, "Jl. ") {
			t.Errorf("street %q", s)
		}
	}
}

func TestDemoCopies(t *testing.T) {
	m := DemoTexts()
	m["JALAN_RUSAK"][0] = "changed"
	delete(m, "PJU")
	if n := DemoTexts(); n["JALAN_RUSAK"][0] == "changed" || len(n["PJU"]) == 0 {
		t.Error("DemoTexts shares its map")
	}
	a := DemoAnswers()
	a["PJU"][0] = "changed"
	if DemoAnswers()["PJU"][0] == "changed" {
		t.Error("DemoAnswers shares its map")
	}
	s := StreetNames()
	s[0] = "changed"
	if StreetNames()[0] == "changed" {
		t.Error("StreetNames shares its slice")
	}
	f, l := FirstNames(), LastNames()
	f[0], l[0] = "changed", "changed"
	if FirstNames()[0] == "changed" || LastNames()[0] == "changed" {
		t.Error("names share their slices")
	}
}

func TestFill(t *testing.T) {
	got := Fill("lubang di {jalan}, kel {kel}, kec {kec}; {jalan} lagi", "Jl. Kartini", "Depok", "Pancoran Mas")
	want := "lubang di Jl. Kartini, kel Depok, kec Pancoran Mas; Jl. Kartini lagi"
	if got != want {
		t.Errorf("Fill = %q, want %q", got, want)
	}
}
