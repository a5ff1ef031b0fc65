package aduan

import (
	"fmt"
	"strings"
	"testing"
)

func TestFindNumbers(t *testing.T) {
	for _, tc := range []struct {
		text string
		want string
	}{
		{"STATUS ADU-2026-000123", "[ADU-2026-000123]"},
		{"status adu-2026-123, dan adu 2026 000124", "[ADU-2026-000123 ADU-2026-000124]"},
		{"ADU2026000125 ADU-2026-000125", "[ADU-2026-000125]"},
		{"ADU-1999-000001 ADU-2026-000000 ADU-2026-0000001 XADU-2026-1", "[]"},
		{"nomor: ADU-2026-7.", "[ADU-2026-000007]"},
	} {
		if got := fmt.Sprint(FindNumbers(tc.text, 3)); got != tc.want {
			t.Errorf("%q: %s, want %s", tc.text, got, tc.want)
		}
	}
}

// FuzzFindNumbers: every number found is one a complaint can have, written
// as FormatNumber writes it (ParseNumber round-trips it) and present in the
// text; a number written at the start of any text, in any case, is found
// first.
func FuzzFindNumbers(f *testing.F) {
	for _, s := range []string{"STATUS ADU-2026-000123", "adu 2026 12 belum", "ADU-2026-000001ADU-2026-000002", "Nama: Budi\nADU-2027-999999",
		"ADU--2026-1", "ADU-2026- 5", "ADU-0000-000001", "ADU-2026-000000", "ADU-9999-999999 ADU-9999-999999", "ａｄｕ-2026-1"} {
		f.Add(s, 2026, int64(123))
	}
	f.Fuzz(func(t *testing.T, text string, year int, seq int64) {
		found := FindNumbers(text, 0)
		for _, n := range found {
			y, s, ok := ParseNumber(n)
			if !ok || FormatNumber(y, s) != n {
				t.Fatalf("found %q in %q, which ParseNumber does not read back", n, text)
			}
		}
		if len(FindNumbers(text, 1)) > 1 {
			t.Fatalf("more than max")
		}
		if year < 2000 || year > 9999 || seq <= 0 || seq > 999999 {
			return
		}
		n := FormatNumber(year, seq)
		for _, written := range []string{n, strings.ToLower(n), fmt.Sprintf("adu %d %d", year, seq)} {
			got := FindNumbers(written+" "+text, 1)
			if len(got) != 1 || got[0] != n {
				t.Fatalf("%q written first in %q: found %v", written, text, got)
			}
		}
	})
}

func TestReadNumber(t *testing.T) {
	for _, tc := range []struct {
		typed string
		want  string // "" when the input is not a number
	}{
		{"ADU-2026-000308", "ADU-2026-000308"},
		{"adu2026000308", "ADU-2026-000308"},
		{"ADU 2026 308", "ADU-2026-000308"},
		{"ADU-2026-308", "ADU-2026-000308"},
		{"  adu - 2026 - 0308 ", "ADU-2026-000308"},
		{"Adu.2026/308", "ADU-2026-000308"},
		{"2026-308", "ADU-2026-000308"},
		{"2026000308", "ADU-2026-000308"},
		{"308", "ADU-2025-000308"}, // the year passed in is implied
		{"000308", "ADU-2025-000308"},
		{"ADU 308", "ADU-2025-000308"},
		{"ADU-2024-000001", "ADU-2024-000001"},
		{"", ""},
		{"ADU", ""},
		{"0", ""},
		{"ADU-2026-000000", ""},
		{"ADU-1999-000001", ""},
		{"ADU-2026-0000308", ""}, // seven-digit sequence
		{"20260000308", ""},      // too long to be year and sequence
		{"ADU-26-308", ""},
		{"ADU-2026-308-1", ""},
		{"ADU-2026-3O8", ""},
		{"XADU-2026-308", ""},
		{"３０８", ""},
	} {
		got, ok := ReadNumber(tc.typed, 2025)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("ReadNumber(%q) = %q, %v; want %q", tc.typed, got, ok, tc.want)
		}
	}
}
