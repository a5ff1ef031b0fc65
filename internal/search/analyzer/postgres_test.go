package analyzer

import (
	"context"
	"database/sql"
	"math/rand/v2"
	"net/url"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

const defaultTestDatabaseURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// intendedDifferences lists words on which Stem deliberately disagrees with
// PostgreSQL's indonesian_stem dictionary, each with the reason. It is
// empty: Stem is meant to be a faithful port, and any difference found by
// TestStemMatchesPostgres is a bug unless it is argued for here.
var intendedDifferences = map[string]string{}

// openTestDB connects to the PostgreSQL named by ADUAN_TEST_DATABASE_URL.
// Developers without a database get a skip; CI (CI=true) must have one, so
// there an unreachable database is a failure rather than a silent pass.
func openTestDB(t *testing.T) *sql.DB {
	t.Helper()
	dsn := os.Getenv("ADUAN_TEST_DATABASE_URL")
	if dsn == "" {
		dsn = defaultTestDatabaseURL
	}
	// Never print a password into test logs.
	shown := "ADUAN_TEST_DATABASE_URL"
	if u, err := url.Parse(dsn); err == nil {
		shown = u.Redacted()
	}
	unavailable := func(err error) {
		t.Helper()
		if os.Getenv("CI") == "true" {
			t.Fatalf("PostgreSQL at %s is required in CI: %v", shown, err)
		}
		t.Skipf("PostgreSQL not reachable at %s (set ADUAN_TEST_DATABASE_URL): %v", shown, err)
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		unavailable(err)
	}
	t.Cleanup(func() { db.Close() })
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := db.PingContext(ctx); err != nil {
		unavailable(err)
	}
	return db
}

// pgStems asks PostgreSQL for the indonesian_stem lexeme of every word in
// one round trip. ts_lexize is used rather than to_tsvector because it
// applies the dictionary alone: no parser, no token-type routing, so the
// comparison is stem against stem. Multiple lexemes (never produced by a
// Snowball dictionary) are joined with "|" so they would show up as a
// mismatch instead of being silently dropped.
func pgStems(t *testing.T, db *sql.DB, words []string) map[string]string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	rows, err := db.QueryContext(ctx,
		`select w, coalesce(array_to_string(ts_lexize('indonesian_stem', w), '|'), '<null>')
		   from unnest($1::text[]) as t(w)`, words)
	if err != nil {
		t.Fatalf("query ts_lexize: %v", err)
	}
	defer rows.Close()
	got := make(map[string]string, len(words))
	for rows.Next() {
		var w, stem string
		if err := rows.Scan(&w, &stem); err != nil {
			t.Fatal(err)
		}
		got[w] = stem
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(words) {
		t.Fatalf("PostgreSQL returned %d stems for %d words", len(got), len(words))
	}
	return got
}

// TestStemMatchesPostgres is the differential test that makes the SQLite
// and PostgreSQL indexes agree: every word of testdata/words.txt, plus the
// stems asserted in TestStemKnownPairs and two words straddling
// PostgreSQL's 1000-byte stemming limit, must stem exactly as
// ts_lexize('indonesian_stem', w) does.
func TestStemMatchesPostgres(t *testing.T) {
	db := openTestDB(t)

	words := readWordList(t)
	for _, c := range knownStems {
		words = append(words, c.word)
	}
	words = append(words,
		"me"+strings.Repeat("a", 995)+"nya", // 1000 bytes: still stemmed
		"me"+strings.Repeat("a", 996)+"nya", // 1001 bytes: left alone
	)
	words = dedupe(words)

	// One query for everything: a few thousand short strings are well
	// within a single bind parameter and keep the test fast.
	want := pgStems(t, db, words)

	var unexpected []string
	seenIntended := 0
	for _, w := range words {
		got, exp := Stem(w), want[w]
		if got == exp {
			if _, ok := intendedDifferences[w]; ok {
				t.Errorf("%q is listed in intendedDifferences but now matches PostgreSQL (%q); remove it", w, got)
			}
			continue
		}
		if _, ok := intendedDifferences[w]; ok {
			seenIntended++
			continue
		}
		unexpected = append(unexpected, w)
		if len(unexpected) <= 50 {
			t.Errorf("Stem(%q) = %q, PostgreSQL says %q", shorten(w), shorten(got), shorten(exp))
		}
	}
	if len(unexpected) > 50 {
		t.Errorf("... and %d more differences", len(unexpected)-50)
	}
	t.Logf("compared %d words with PostgreSQL: %d unexpected differences, %d intended", len(words), len(unexpected), seenIntended)
}

// TestStemMatchesPostgresSynthetic complements the word list with words
// built at random (fixed seed, so runs are reproducible) from affix and
// syllable pieces. Real vocabulary rarely hits combinations such as
// "memperpelajarikah", but the stemmer must agree on them too, because
// users type anything.
func TestStemMatchesPostgresSynthetic(t *testing.T) {
	db := openTestDB(t)
	words := syntheticWords(20000)
	want := pgStems(t, db, words)
	bad := 0
	for _, w := range words {
		if got := Stem(w); got != want[w] {
			bad++
			if bad <= 30 {
				t.Errorf("Stem(%q) = %q, PostgreSQL says %q", w, got, want[w])
			}
		}
	}
	t.Logf("compared %d synthetic words with PostgreSQL: %d differences", len(words), bad)
}

// syntheticWords returns up to n distinct pseudo-words: optional prefixes,
// one to three syllables, optional suffix, possessive and particle.
func syntheticWords(n int) []string {
	r := rand.New(rand.NewPCG(2024, 7))
	pick := func(xs []string) string { return xs[r.IntN(len(xs))] }
	first := []string{"", "", "di", "ter", "ke", "me", "mem", "men", "meng", "meny", "pe", "pem", "pen", "peng", "peny", "se"}
	second := []string{"", "", "", "ber", "be", "per", "pe", "bel", "pel", "belajar", "pelajar"}
	onsets := []string{"", "b", "c", "d", "g", "h", "j", "k", "l", "m", "n", "ng", "ny", "p", "r", "s", "t", "w", "y", "ñ", "kr", "st", "ker", "ser"}
	vowels := []string{"a", "e", "i", "o", "u", "é"}
	codas := []string{"", "", "", "k", "n", "ng", "r", "s", "t", "h", "l"}
	endings := []string{"", "", "kan", "an", "i", "si"}
	possessives := []string{"", "", "", "nya", "ku", "mu"}
	particles := []string{"", "", "", "", "lah", "kah", "pun"}
	seen := make(map[string]struct{}, n)
	words := make([]string, 0, n)
	for tries := 0; len(words) < n && tries < 4*n; tries++ {
		var b strings.Builder
		b.WriteString(pick(first))
		b.WriteString(pick(second))
		for i := 1 + r.IntN(3); i > 0; i-- {
			b.WriteString(pick(onsets))
			b.WriteString(pick(vowels))
			b.WriteString(pick(codas))
		}
		b.WriteString(pick(endings))
		b.WriteString(pick(possessives))
		b.WriteString(pick(particles))
		w := b.String()
		if _, dup := seen[w]; dup {
			continue
		}
		seen[w] = struct{}{}
		words = append(words, w)
	}
	return words
}

// TestQueryTermsMatchPostgresStems checks the whole analyzer, not just Stem,
// against PostgreSQL for ordinary words: for a word that is neither a stop
// word, an informal spelling nor a protected acronym, the index term must be
// exactly PostgreSQL's lexeme.
func TestQueryTermsMatchPostgresStems(t *testing.T) {
	db := openTestDB(t)
	var words []string
	for _, w := range readWordList(t) {
		if _, stop := stopWords[w]; stop {
			continue
		}
		if _, ok := normalForms[dereduplicate(w)]; ok {
			continue
		}
		if _, ok := protectedTerms[w]; ok {
			continue
		}
		words = append(words, w)
	}
	want := pgStems(t, db, words)
	a := New()
	bad := 0
	for _, w := range words {
		terms := a.Terms(w)
		if len(terms) != 1 || terms[0] != want[w] {
			bad++
			if bad <= 20 {
				t.Errorf("Terms(%q) = %q, PostgreSQL lexeme %q", w, terms, want[w])
			}
		}
	}
}

func dedupe(words []string) []string {
	sort.Strings(words)
	out := words[:0]
	for i, w := range words {
		if i == 0 || w != words[i-1] {
			out = append(out, w)
		}
	}
	return out
}

func shorten(s string) string {
	if len(s) > 40 {
		return s[:20] + "…" + s[len(s)-10:]
	}
	return s
}
