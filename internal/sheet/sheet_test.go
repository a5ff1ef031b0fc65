package sheet

import (
	"strings"
	"testing"
)

func TestNeutralize(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Jalan rusak", "Jalan rusak"},
		{"=HYPERLINK(\"http://evil.example\",\"klik\")", "'=HYPERLINK(\"http://evil.example\",\"klik\")"},
		{"+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"},
		{"-2+3", "'-2+3"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"\n=1+1", "'\n=1+1"},
		{"  =1+1", "'  =1+1"},
		{"+6281234567890", "+6281234567890"},
		{"+", "'+"},
		{"+62 812", "'+62 812"},
		{"'=1+1", "''=1+1"},
		{"'biasa", "'biasa"},
		{"a=1", "a=1"},
		{"–", "–"},
	} {
		if got := Neutralize(tc.in); got != tc.want {
			t.Errorf("Neutralize(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := Restore(Neutralize(tc.in)); got != tc.in {
			t.Errorf("Restore(Neutralize(%q)) = %q", tc.in, got)
		}
	}
}

func FuzzRoundTrip(f *testing.F) {
	for _, s := range []string{"=1", "'=1", "''=1", "+62", " -x", "'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Neutralize(s)
		if Restore(n) != s {
			t.Fatalf("Restore(Neutralize(%q)) = %q", s, Restore(n))
		}
		// What a spreadsheet sees first is an apostrophe, or a value that
		// cannot start a formula.
		if h := strings.TrimLeft(n, " "); h != "" && n[0] != '\'' && strings.ContainsAny(h[:1], "=-@\t\r\n") {
			t.Fatalf("Neutralize(%q) = %q starts a formula", s, n)
		}
	})
}
