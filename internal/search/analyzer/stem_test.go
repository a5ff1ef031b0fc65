package analyzer

import (
	"strings"
	"testing"
)

// knownStems are Snowball Indonesian stems checked against PostgreSQL 15's
// ts_lexize('indonesian_stem', w). TestStemMatchesPostgres re-checks them
// whenever a database is available, so this table cannot drift from the
// reference. Comments note which rule each pair exercises.
var knownStems = []struct{ word, stem string }{
	{"membaca", "baca"},                        // mem- before consonant
	{"pembangunan", "bangun"},                  // pem- + -an
	{"kebersihannya", "bersih"},                // -nya, ke-, -an
	{"berlari", "lari"},                        // ber-; -i not allowed after ber-
	{"makanan", "makan"},                       // -an, no prefix
	{"perbaikan", "baik"},                      // per- blocks -kan, so -an goes
	{"ditemukan", "temu"},                      // di- + -kan
	{"bukunya", "buku"},                        // possessive only
	{"pertanian", "tani"},                      // per- + -an
	{"memperbaiki", "baik"},                    // mem- + -i + per-
	{"memakan", "pakan"},                       // mem- before vowel restores p
	{"menyapu", "sapu"},                        // meny- before vowel restores s
	{"menyxaaa", "yxaaa"},                      // meny- before consonant is men-
	{"penyapu", "sapu"},                        // peny- before vowel restores s
	{"mengajari", "ajar"},                      // meng- + -i
	{"mengatasi", "atasi"},                     // -i kept after s
	{"televisi", "televisi"},                   // -si loanword protected
	{"pelajaran", "ajar"},                      // pel(ajar) special case
	{"belajar", "ajar"},                        // bel(ajar) special case
	{"bekerja", "kerja"},                       // be- + consonant + er
	{"berhenti", "henti"},                      // ber-
	{"peledakan", "ledak"},                     // pe- blocks -kan
	{"kepada", "pada"},                         // ke-
	{"mempunyai", "punya"},                     // mem- + -i
	{"bukulah", "buku"},                        // particle, then measure stops
	{"sekolah", "seko"},                        // -lah taken as particle: Snowball's known weakness
	{"kemarin", "marin"},                       // ke- taken as prefix: likewise
	{"menulisi", "ulisi"},                      // men- (no t restoration) and -si
	{"mati", "mati"},                           // measure 2: untouched
	{"2", "2"},                                 // digits untouched
	{"ékonomi", "ékonom"},                      // é counts as a consonant
	{"beñerkan", "ñerkan"},                     // multibyte consonant in the be-KER rule
	{"dipertanggungjawabkan", "tanggungjawab"}, // di- + -kan, then per-
	{"diperangkat", "perangkat"},               // no suffix, so per- stays
}

func TestStemKnownPairs(t *testing.T) {
	for _, c := range knownStems {
		if got := Stem(c.word); got != c.stem {
			t.Errorf("Stem(%q) = %q, want %q", c.word, got, c.stem)
		}
	}
}

func TestStemLowercasesLikePostgres(t *testing.T) {
	if got := Stem("MEMBACA"); got != "baca" {
		t.Errorf("Stem(MEMBACA) = %q, want baca", got)
	}
}

// Words over 1000 bytes are returned unstemmed, as PostgreSQL does.
func TestStemLongWords(t *testing.T) {
	long := "me" + strings.Repeat("a", 996) + "nya"
	if got := Stem(long); got != long {
		t.Errorf("1001-byte word was stemmed to %d bytes", len(got))
	}
	limit := "me" + strings.Repeat("a", 995) + "nya"
	if got := Stem(limit); got != strings.Repeat("a", 995) {
		t.Errorf("1000-byte word stemmed to %d bytes, want 995", len(got))
	}
}

func TestStemNeverEmpty(t *testing.T) {
	for _, w := range readWordList(t) {
		if Stem(w) == "" {
			t.Errorf("Stem(%q) is empty", w)
		}
	}
}
