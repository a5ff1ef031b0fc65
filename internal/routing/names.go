package routing

import (
	"regexp"
	"sort"
	"strings"
)

// callerNames are the forms callers use for an agency that its code, short
// name, name and the reference data's aliases do not already give: the
// office people actually go to ("polsek", "KUA"), the old or everyday name
// ("PDAM", "jamsostek"). Names only: words that describe a problem
// ("madrasah", "JHT") are the model's business, not a naming.
var callerNames = map[string][]string{
	"POLRES":        {"polsek", "polisi", "kepolisian", "polda"},
	"TIRTA-ASASTA":  {"pdam"},
	"KEMENAG":       {"kua", "kantor urusan agama", "kementerian agama", "kemenag"},
	"DISDIK-JABAR":  {"disdik provinsi", "dinas pendidikan provinsi", "dinas pendidikan jawa barat", "dinas pendidikan jabar", "kcd", "cabang dinas"},
	"BPJS-TK":       {"bpjs ketenagakerjaan", "bpjs naker", "bpjs tk", "bpjamsostek", "jamsostek"},
	"BPJS-KES":      {"bpjs kesehatan", "bpjs kes"},
	"SATPOLPP":      {"satpol", "satpolpp", "polpp", "pol pp"},
	"DISDUKCAPIL":   {"dukcapil", "capil", "disdukcapil"},
	"DLHK":          {"dinas kebersihan", "dinas lingkungan hidup"},
	"RSUD":          {"rs daerah", "rumah sakit daerah", "rumah sakit umum daerah", "rsud"},
	"DISKOMINFO":    {"kominfo"},
	"DP3AP2KB":      {"p2tp2a", "uptd ppa"},
	"DPMPTSP":       {"mal pelayanan publik", "dpmptsp"},
	"BKD":           {"bapenda"},
	"DISKARPUS":     {"perpustakaan daerah", "perpusda", "dinas perpustakaan", "dinas kearsipan"},
	"DISDAMKAR":     {"pemadam kebakaran", "damkar"},
	"PLN-UP3-DEPOK": {"pln"},
}

// negatedBefore: a name right after these is not the agency the caller
// means ("bukan urusan PLN", "selain polisi").
var negatedBefore = regexp.MustCompile(`\b(bukan|bkn|selain|tanpa)\s+(urusan\s+|dari\s+|ke\s+|lapor\s+ke\s+)?$`)

// notTheAgency: a name followed by these is not the agency either ("polisi
// tidur" is a speed bump, "polisi ga ada" says nobody came), nor is a name
// the caller asks about ("ini urusan PLN?", "ke PLN ya?", "PLN atau
// siapa"): the caller does not know whose it is, which is what the
// operator is for.
var notTheAgency = regexp.MustCompile(`^\s*((tidur|(ga|gak|nggak|tidak|tdk|gk)\s+(ada|datang|dateng))\b|(ya|yah|kah|bukan|bkn|kan)?\s*\?|atau\b|ato\b)`)

// nameFinder finds the agencies a text names, from the city's reference
// data (each agency's code, short name, name and aliases) and callerNames.
type nameFinder struct {
	codes map[string]string // a matched form, lower case → agency code
	// byFirst: the forms by their first word (the run of ASCII letters,
	// digits and '_' they begin with), longest first. A form matches at a
	// word's start, as the expression \b(?:form|…)\b would, but only the
	// forms of that word are tried (the expression was a quarter of a
	// suggestion's CPU).
	byFirst map[string][]string
}

// newNameFinder builds the finder for the active agencies of ref. A
// kecamatan office is named only as its office or its head ("kantor
// kecamatan Beji", "camat Beji"): "kecamatan Beji" alone says where, not
// who.
func newNameFinder(ref *Reference) *nameFinder {
	f := &nameFinder{codes: map[string]string{}}
	add := func(code, form string) {
		form = strings.ToLower(strings.TrimSpace(parenthetical.ReplaceAllString(form, "")))
		form = strings.Join(strings.Fields(strings.NewReplacer("-", " ", "_", " ", "(persero)", " ", ".", " ").Replace(form)), " ")
		for _, suffix := range []string{" kota depok", " depok"} {
			if s := strings.TrimSuffix(form, suffix); s != form && len(s) >= 3 {
				f.add(code, s)
			}
		}
		if len(form) >= 3 {
			f.add(code, form)
		}
	}
	// An alias that begins another agency's code names neither for sure
	// ("BPJS" is an alias of BPJS Kesehatan, but BPJS-TK begins with it).
	leads := map[string]int{}
	for _, a := range ref.Agencies {
		w := strings.Fields(strings.ToLower(strings.NewReplacer("-", " ", "_", " ").Replace(a.Code)))
		if len(w) > 1 {
			leads[w[0]]++
		}
	}
	for _, a := range ref.Agencies {
		if !a.Active {
			continue
		}
		if a.Kind == "kecamatan" {
			place := strings.TrimSpace(strings.TrimPrefix(a.Name, "Kecamatan"))
			add(a.Code, "kantor kecamatan "+place)
			add(a.Code, "kantor kec "+place)
			add(a.Code, "camat "+place)
			continue
		}
		add(a.Code, a.Code)
		add(a.Code, a.ShortName)
		add(a.Code, strings.TrimPrefix(a.Name, "PT "))
		for _, al := range ref.Aliases[a.Code] {
			if leads[strings.ToLower(strings.TrimSpace(al))] > 0 {
				continue
			}
			add(a.Code, al)
		}
		for _, n := range callerNames[a.Code] {
			add(a.Code, n)
		}
	}
	f.byFirst = map[string][]string{}
	for form := range f.codes {
		w := firstWord(form, 0)
		if w == "" {
			continue // a form must begin a word
		}
		f.byFirst[w] = append(f.byFirst[w], form)
	}
	for _, forms := range f.byFirst {
		// Longest first, so "bpjs ketenagakerjaan" wins over "bpjs".
		sort.Slice(forms, func(i, j int) bool {
			if len(forms[i]) != len(forms[j]) {
				return len(forms[i]) > len(forms[j])
			}
			return forms[i] < forms[j]
		})
	}
	return f
}

// firstWord is the run of word bytes (as \w: ASCII letters, digits, '_')
// at s[i:].
func firstWord(s string, i int) string {
	j := i
	for j < len(s) && isWordByte(s[j]) {
		j++
	}
	return s[i:j]
}

// next finds the first form named in s at or after i: its start and end,
// or -1.
func (f *nameFinder) next(s string, i int) (int, int) {
	for ; i < len(s); i++ {
		if !isWordByte(s[i]) || (i > 0 && isWordByte(s[i-1])) {
			continue
		}
		w := firstWord(s, i)
		for _, form := range f.byFirst[w] {
			end := i + len(form)
			if strings.HasPrefix(s[i:], form) && (end == len(s) || !isWordByte(s[end]) || !isWordByte(form[len(form)-1])) {
				return i, end
			}
		}
		i += len(w) - 1
	}
	return -1, -1
}

var findReplacer = strings.NewReplacer("-", " ", ".", " ", ",", " , ")

var parenthetical = regexp.MustCompile(`\([^)]*\)`)

func (f *nameFinder) add(code, form string) {
	// A form two agencies share (an alias like "BPJS") stays with the
	// first, the agency that lists it.
	if _, ok := f.codes[form]; !ok {
		f.codes[form] = code
	}
}

// find returns the codes of the agencies low (a lower-case text) names, in
// the order it names them, leaving out negated mentions.
func (f *nameFinder) find(low string) []string {
	if len(f.byFirst) == 0 {
		return nil
	}
	norm := strings.Join(strings.Fields(findReplacer.Replace(low)), " ")
	var out []string
	seen := map[string]bool{}
	for i := 0; ; {
		start, end := f.next(norm, i)
		if start < 0 {
			break
		}
		i = end
		code := f.codes[norm[start:end]]
		if code == "" || seen[code] || negatedBefore.MatchString(norm[:start]) || notTheAgency.MatchString(norm[end:]) {
			continue
		}
		seen[code] = true
		out = append(out, code)
	}
	return out
}
