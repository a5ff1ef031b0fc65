package routing

import (
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/kotakita/aduan/internal/seed"
)

// TestRulePrefilterChangesNoAnswer: each rule expression, with its
// literal prefilter, matches exactly the texts the expression alone
// matches (the four labelled sets' texts and those of the rules' tests),
// and the prefilter does skip most of them.
func TestRulePrefilterChangesNoAnswer(t *testing.T) {
	var all []*rx
	for _, r := range edgeRules {
		for _, x := range []*rx{r.re, r.and, r.not} {
			if x != nil {
				all = append(all, x)
			}
		}
	}
	all = append(all, smaRe, conductRe, askedMoneyRe, kelurahanServiceRe)
	texts := labelledTexts(t)
	var skipped, ran, withLits int
	for _, x := range all {
		if x.lits != nil {
			withLits++
		}
		for _, s := range texts {
			low := strings.ToLower(s)
			want := x.Regexp.MatchString(low)
			if got := x.MatchString(low); got != want {
				t.Errorf("%s on %q: %v with the prefilter, %v without (literals %q)", x, low, got, want, x.lits)
			}
			if x.lits != nil && !containsAny(low, x.lits) {
				skipped++
			} else {
				ran++
			}
		}
	}
	if withLits < len(all)*3/4 || skipped < 4*ran {
		t.Errorf("%d of %d expressions have literals; %d runs skipped, %d ran: the prefilter spares little", withLits, len(all), skipped, ran)
	}
}

// TestNameFinderAsTheRegexp: the names found word by word are those the
// alternation of every form it replaced found, on the labelled sets'
// texts and names written to test its edges (a longer form sharing the
// first word, a form running into a word, punctuation around).
func TestNameFinderAsTheRegexp(t *testing.T) {
	d, err := seed.Load()
	if err != nil {
		t.Fatal(err)
	}
	f := newNameFinder(&Reference{Agencies: d.Agencies, Aliases: d.AgencyAliases})
	forms := make([]string, 0, len(f.codes))
	for form := range f.codes {
		forms = append(forms, regexp.QuoteMeta(form))
	}
	sort.Slice(forms, func(i, j int) bool {
		if len(forms[i]) != len(forms[j]) {
			return len(forms[i]) > len(forms[j])
		}
		return forms[i] < forms[j]
	})
	old := regexp.MustCompile(`\b(?:` + strings.Join(forms, "|") + `)\b`)
	texts := append(labelledTexts(t),
		"bpjs ketenagakerjaan, bpjs kesehatan dan bpjs", "bpjsx pln2 (pln) pln/pdam", "ke dinsos.", "satpol pp, polpp dan pol pp",
		"rsud rs daerah rumah sakit daerah", "kantor kecamatan beji camat limo", "dpuprx dpupr_ _dpupr")
	var found int
	for _, s := range texts {
		norm := strings.Join(strings.Fields(findReplacer.Replace(strings.ToLower(s))), " ")
		var want, got []string
		for _, loc := range old.FindAllStringIndex(norm, -1) {
			want = append(want, norm[loc[0]:loc[1]])
		}
		for i := 0; ; {
			start, end := f.next(norm, i)
			if start < 0 {
				break
			}
			got = append(got, norm[start:end])
			i = end
		}
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%q: found %q, the expression %q", norm, got, want)
		}
		found += len(want)
	}
	if found < 100 {
		t.Errorf("only %d names in the texts: the check proves little", found)
	}
}
