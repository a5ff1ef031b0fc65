package search

import (
	"strings"
	"testing"

	"github.com/kotakita/aduan/internal/search/analyzer"
)

func TestMarkEscapesAndMarksWordsAsTyped(t *testing.T) {
	an := analyzer.New()
	terms := map[string]bool{"jalan": true, "rusak": true}
	text := `<b>jln</b> "rusak" & Jalan-jalan`
	got := Mark(text, Matches(an, text, terms))
	want := `&lt;b&gt;<mark>jln</mark>&lt;/b&gt; &#34;<mark>rusak</mark>&#34; &amp; <mark>Jalan</mark>-<mark>jalan</mark>`
	if got != want {
		t.Errorf("got  %s\nwant %s", got, want)
	}
}

func TestSnippetKeepsTheMatchesAndCutsAtWords(t *testing.T) {
	an := analyzer.New()
	long := strings.Repeat("warga mengeluhkan kondisi lingkungan yang kurang baik ", 12) + "lampu jalan mati total " + strings.Repeat("mohon segera ditindaklanjuti ", 10)
	terms := map[string]bool{"lampu": true, "mati": true}
	s := Snippet(an, long, Matches(an, long, terms), 120)
	if !strings.Contains(s, "<mark>lampu</mark> jalan <mark>mati</mark>") || !strings.HasPrefix(s, "… ") || !strings.HasSuffix(s, " …") {
		t.Errorf("snippet %q", s)
	}
	plain := strings.NewReplacer("<mark>", "", "</mark>", "", "… ", "", " …", "").Replace(s)
	if len(plain) > 120 || !strings.Contains(long, plain) {
		t.Errorf("snippet is not a whole-word piece of the text: %q", plain)
	}
}
