package analyzer

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestTermsComplaintExamples(t *testing.T) {
	a := New()
	cases := []struct {
		text string
		want []string
	}{
		{
			// "sekolah" → "seko" is Snowball's (and PostgreSQL's) stem;
			// "dibenerin" is normalised to "diperbaiki" → "baik".
			"jln rusak dkt sekolah, udh 2 mgg gk dibenerin",
			[]string{"jalan", "rusak", "dekat", "seko", "sudah", "2", "minggu", "tidak", "baik"},
		},
		{
			// "di" and "sejak" are stop words; PJU is a protected acronym;
			// "kemarin" → "marin" again follows Snowball.
			"Lampu PJU di Jl. Margonda mati sejak kemarin",
			[]string{"lampu", "pju", "jalan", "margonda", "mati", "marin"},
		},
		{
			// men- never restores a dropped t, so "menumpuk" → "umpuk"
			// (as in PostgreSQL); "tumpuk" and "menumpuk" do not meet.
			"Mohon segera ditindaklanjuti, sampah menumpuk di TPS dekat pasar!!",
			[]string{"tindaklanjut", "sampah", "umpuk", "tps", "dekat", "pasar"},
		},
		{
			// "dicek" has only two vowels, below the stemmer's minimum.
			"air PDAM gak ngalir udah 3 hari, tlg dicek",
			[]string{"air", "pdam", "tidak", "ngalir", "sudah", "3", "hari", "dicek"},
		},
		{"", nil},
		{"yang dan di ke dari", nil},
	}
	for _, c := range cases {
		if got := a.Terms(c.text); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Terms(%q)\n got %q\nwant %q", c.text, got, c.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	a := New()
	cases := map[string][]string{
		"jln":     {"jalan"},
		"Jl":      {"jalan"},
		"GK":      {"tidak"},
		"nggak":   {"tidak"},
		"enggak":  {"tidak"},
		"tdk":     {"tidak"},
		"yg":      {"yang"},
		"udh":     {"sudah"},
		"blm":     {"belum"},
		"dgn":     {"dengan"},
		"tlg":     {"tolong"},
		"mgg":     {"minggu"},
		"dkt":     {"dekat"},
		"krn":     {"karena"},
		"u":       {"untuk"},
		"gw":      {"saya"},
		"kmrn":    {"kemarin"},
		"skrg":    {"sekarang"},
		"bnjr":    {"banjir"},
		"rs":      {"rumah", "sakit"},
		"dll":     {"dan", "lain", "lain"},
		"org2":    {"orang"}, // reduplication first, then normalisation
		"anak2":   {"anak"},
		"rw2":     {"rw2"}, // no vowel: an address code, not reduplication
		"KK":      {"kk"},  // protected acronym, not slang for "kakak"
		"membaca": {"membaca"},
		"a b":     {"a b"}, // not a single token: only lower-cased
	}
	for in, want := range cases {
		if got := a.Normalize(in); !reflect.DeepEqual(got, want) {
			t.Errorf("Normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// The brief's minimum normalisation table, checked entry by entry so that
// an edit of normalisasi.txt cannot silently drop one.
func TestNormalisationCoversRequiredEntries(t *testing.T) {
	required := map[string]string{
		"jln": "jalan", "jl": "jalan",
		"gk": "tidak", "ga": "tidak", "gak": "tidak", "nggak": "tidak", "ngga": "tidak",
		"engga": "tidak", "enggak": "tidak", "tdk": "tidak", "tak": "tidak",
		"yg": "yang", "udh": "sudah", "sdh": "sudah", "udah": "sudah",
		"blm": "belum", "blum": "belum", "dgn": "dengan", "dg": "dengan",
		"tlg": "tolong", "mgg": "minggu", "dkt": "dekat", "bgt": "banget",
		"krn": "karena", "karna": "karena", "trs": "terus", "sm": "sama",
		"utk": "untuk", "u": "untuk", "tuk": "untuk", "bs": "bisa", "jg": "juga",
		"org": "orang", "kmrn": "kemarin", "skrg": "sekarang", "hr": "hari",
		"bln": "bulan", "thn": "tahun", "rmh": "rumah", "sklh": "sekolah",
		"lmp": "lampu", "dr": "dari", "kl": "kalau", "klo": "kalau", "kalo": "kalau",
		"gmn": "bagaimana", "gimana": "bagaimana", "knp": "kenapa", "byk": "banyak",
		"sy": "saya", "aku": "saya", "gw": "saya", "gue": "saya", "ak": "saya",
		"bpk": "bapak", "mhn": "mohon", "dpt": "dapat", "tgl": "tanggal",
		"lg": "lagi", "aja": "saja", "bnjr": "banjir", "smpah": "sampah",
	}
	for informal, formal := range required {
		if got := normalForms[informal]; len(got) != 1 || got[0] != formal {
			t.Errorf("normalisasi.txt: %q → %q, want %q", informal, got, formal)
		}
	}
	if n := len(normalForms); n < 150 {
		t.Errorf("only %d normalisation entries, want about 150 or more", n)
	}
}

func TestProtectedAcronyms(t *testing.T) {
	a := New()
	for _, acr := range strings.Fields("PJU PDAM KTP KK BPJS DTKS PPDB SPMB TPS PKL ODGJ DBD KDRT") {
		if got := a.Terms(acr); !reflect.DeepEqual(got, []string{strings.ToLower(acr)}) {
			t.Errorf("Terms(%q) = %q, want it kept as one lower-case term", acr, got)
		}
	}
}

func TestStopWords(t *testing.T) {
	for _, w := range strings.Fields("yang dan di ke dari itu ini ada dengan untuk saya sih dong") {
		if !IsStopWord(w) {
			t.Errorf("%q should be a stop word", w)
		}
	}
	// Documented decision: negation and status words carry meaning in
	// complaints ("belum diperbaiki" vs "sudah diperbaiki").
	for _, w := range strings.Fields("tidak bukan jangan tanpa belum sudah telah masih jalan lampu kemarin") {
		if IsStopWord(w) {
			t.Errorf("%q must not be a stop word", w)
		}
	}
	if n := len(stopWords); n < 200 || n > 350 {
		t.Errorf("stop list has %d words, want 200–350", n)
	}
}

// Word-list consistency: entries that can never take effect are mistakes.
func TestListsConsistent(t *testing.T) {
	for informal := range normalForms {
		if IsStopWord(informal) {
			t.Errorf("%q is both a normalisation key and a stop word; the stop entry is never consulted", informal)
		}
		if _, ok := protectedTerms[informal]; ok {
			t.Errorf("%q is both protected and normalised", informal)
		}
	}
	for p := range protectedTerms {
		if IsStopWord(p) {
			t.Errorf("protected term %q is also a stop word", p)
		}
	}
	// Informal forms must not map onto other informal forms: the mapping is
	// applied once, so a chain would leave slang in the index.
	for informal, forms := range normalForms {
		for _, f := range forms {
			if _, ok := normalForms[f]; ok {
				t.Errorf("%q → %q, which is itself an informal key", informal, f)
			}
		}
	}
}

func TestListParsersRejectBadInput(t *testing.T) {
	bad := []string{"Jln jalan", "jl. jalan", "gk tidak\ngk tidak", "ab C"}
	for _, src := range bad {
		if _, _, err := parseNormalisasi(src); err == nil {
			t.Errorf("parseNormalisasi(%q) accepted bad input", src)
		}
	}
	for _, src := range []string{"yang dan", "Yang", "yang\nyang"} {
		if _, err := parseStopwords(src); err == nil {
			t.Errorf("parseStopwords(%q) accepted bad input", src)
		}
	}
	forms, prot, err := parseNormalisasi("# c\n\njln\tjalan # komentar\npju\nx x\n")
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(forms, map[string][]string{"jln": {"jalan"}}) {
		t.Errorf("forms = %v", forms)
	}
	if _, ok := prot["pju"]; !ok {
		t.Error("single-word line should be protected")
	}
	if _, ok := prot["x"]; !ok {
		t.Error("identity mapping should be protected")
	}
}

func TestTokensOffsets(t *testing.T) {
	a := New()
	text := "Lampu PJU di Jl. Margonda mati, RS tutup"
	want := []struct {
		src, term string
	}{
		{"Lampu", "lampu"},
		{"PJU", "pju"},
		{"di", ""},
		{"Jl", "jalan"},
		{"Margonda", "margonda"},
		{"mati", "mati"},
		{"RS", "rumah"},
		{"RS", "sakit"},
		{"tutup", "tutup"},
	}
	toks := a.Tokens(text)
	if len(toks) != len(want) {
		t.Fatalf("Tokens: got %d tokens %v, want %d", len(toks), toks, len(want))
	}
	for i, tok := range toks {
		if src := text[tok.Start:tok.End]; src != want[i].src || tok.Term != want[i].term {
			t.Errorf("token %d = %q/%q, want %q/%q", i, src, tok.Term, want[i].src, want[i].term)
		}
	}
}

// Offsets are byte offsets into the original text even when lower-casing
// changes byte lengths (Ⱥ is 2 bytes, its lower case ⱥ is 3).
func TestTokensOffsetsNonASCII(t *testing.T) {
	a := New()
	text := "«ȺȺȺ» café\u0301 Ékonomi"
	toks := a.Tokens(text)
	var srcs []string
	for _, tok := range toks {
		srcs = append(srcs, text[tok.Start:tok.End])
	}
	if want := []string{"ȺȺȺ", "café\u0301", "Ékonomi"}; !reflect.DeepEqual(srcs, want) {
		t.Errorf("token sources %q, want %q", srcs, want)
	}
	if got := toks[2].Term; got != "ékonom" {
		t.Errorf("Ékonomi → %q, want ékonom", got)
	}
}

func TestTermsInvalidUTF8(t *testing.T) {
	a := New()
	got := a.Terms("jalan\xffrusak \xe2\x28\xa1 lampu\xc3")
	if want := []string{"jalan", "rusak", "lampu"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Terms = %q, want %q", got, want)
	}
}

func TestTermsDigitsAndMixed(t *testing.T) {
	a := New()
	got := a.Terms("RT 05 RW 2, no 17B, jalan2 rusak")
	want := []string{"rt", "05", "rw", "2", "nomor", "17b", "jalan", "rusak"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Terms = %q, want %q", got, want)
	}
}

func TestQueryDeduplicates(t *testing.T) {
	a := New()
	got := a.Query("jalan jln JALAN yang rusak, jl rusak")
	if want := []string{"jalan", "rusak"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Query = %q, want %q", got, want)
	}
}

// Index and query sides must meet: informal and formal spellings of the
// same complaint produce the same terms.
func TestInformalAndFormalAgree(t *testing.T) {
	a := New()
	informal := a.Query("lmp jln dkt rmh sy udh 2 mgg gk nyala")
	formal := a.Query("lampu jalan dekat rumah saya sudah 2 minggu tidak nyala")
	if !reflect.DeepEqual(informal, formal) {
		t.Errorf("informal %q != formal %q", informal, formal)
	}
}

func TestZeroValueUsable(t *testing.T) {
	var a Analyzer
	if got := a.Terms("Jalan rusak"); !reflect.DeepEqual(got, []string{"jalan", "rusak"}) {
		t.Errorf("zero Analyzer: %q", got)
	}
}

func FuzzTerms(f *testing.F) {
	for _, s := range []string{
		"jln rusak dkt sekolah, udh 2 mgg gk dibenerin",
		"Lampu PJU di Jl. Margonda mati sejak kemarin",
		"\xff\xfe memperbaiki\xc3",
		"İSTANBUL ǅ ß ﬁ café\u0301",
	} {
		f.Add(s)
	}
	a := New()
	f.Fuzz(func(t *testing.T, text string) {
		terms := a.Terms(text)
		for _, term := range terms {
			if term == "" {
				t.Fatalf("empty term from %q", text)
			}
			if !utf8.ValidString(term) {
				t.Fatalf("invalid UTF-8 term %q from %q", term, text)
			}
			if strings.ToLower(term) != term {
				t.Fatalf("term %q from %q is not lower case", term, text)
			}
		}
		// Tokens must agree with Terms and point inside the text, in order.
		toks := a.Tokens(text)
		var fromTokens []string
		prevStart := 0
		for _, tok := range toks {
			if tok.Start < prevStart || tok.Start >= tok.End || tok.End > len(text) {
				t.Fatalf("bad token span %d:%d in %d-byte text %q", tok.Start, tok.End, len(text), text)
			}
			prevStart = tok.Start
			if tok.Term != "" {
				fromTokens = append(fromTokens, tok.Term)
			}
		}
		if !reflect.DeepEqual(fromTokens, terms) {
			t.Fatalf("Tokens terms %q != Terms %q for %q", fromTokens, terms, text)
		}
	})
}

// A typical complaint of about 200 characters, mixing formal words, SMS
// spellings, acronyms and punctuation.
const benchComplaint = "Selamat siang min, mau lapor lampu PJU di jln Margonda Raya dkt sekolah " +
	"SDN 3 udh mati hampir 2 mgg. Kalo malam gelap bgt, rawan kecelakaan & " +
	"pengendara motor sering jatuh. Mohon segera diperbaiki ya, trims."

func BenchmarkTerms(b *testing.B) {
	a := New()
	if n := len(benchComplaint); n < 190 || n > 210 {
		b.Fatalf("benchmark text is %d bytes, meant to be about 200", n)
	}
	b.SetBytes(int64(len(benchComplaint)))
	b.ReportAllocs()
	for b.Loop() {
		a.Terms(benchComplaint)
	}
}
