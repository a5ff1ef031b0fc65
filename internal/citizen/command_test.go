package citizen

import (
	"fmt"
	"strings"
	"testing"
	"unicode"

	"github.com/kotakita/aduan"
)

func TestParseCommand(t *testing.T) {
	for _, tc := range []struct {
		text string
		want Command
		ok   bool
	}{
		{"STATUS ADU-2026-000123", Command{Status: true, Number: "ADU-2026-000123"}, true},
		{"status: adu-2026-123", Command{Status: true, Number: "ADU-2026-000123"}, true},
		{"Status\nADU 2026 7 tolong", Command{Status: true, Number: "ADU-2026-000007"}, true},
		{"STATUS", Command{Status: true}, true},
		{"status ADU-1999-000001", Command{Status: true}, true},
		{"5", Command{Score: "5"}, true},
		{"Nilai 4/5, cepat", Command{Score: "4", Comment: "cepat"}, true},
		{"SURVEI 3 pelayanannya cepat", Command{Score: "3", Comment: "pelayanannya cepat"}, true},
		{"statusnya apa ADU-2026-000123", Command{}, false},
		{"Lampu mati di gang 5", Command{}, false},
	} {
		got, ok := ParseCommand(tc.text)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%q: %+v %v, want %+v %v", tc.text, got, ok, tc.want, tc.ok)
		}
	}
}

// FuzzParseCommand: a command's complaint number is one ParseNumber reads
// back; a score is digits only; any text that starts with the word STATUS
// is a STATUS command, and the number written right after it is the one
// taken, however the rest reads.
func FuzzParseCommand(f *testing.F) {
	for _, s := range []string{"STATUS ADU-2026-000123", "status", "5", "Nilai 4/5 ok", "SURVEI 3\n\nbagus", "4/5",
		"STATUS:ADU-2026-1", "statusADU-2026-1", "99999999999999999999", "nilai", " status \t adu2026000001", "Status ADU-2026-000000"} {
		f.Add(s, 2026, int64(123))
	}
	f.Fuzz(func(t *testing.T, text string, year int, seq int64) {
		cmd, ok := ParseCommand(text)
		if !ok && cmd != (Command{}) {
			t.Fatalf("%q: not a command, yet %+v", text, cmd)
		}
		if cmd.Number != "" {
			y, s, valid := aduan.ParseNumber(cmd.Number)
			if !cmd.Status || !valid || aduan.FormatNumber(y, s) != cmd.Number {
				t.Fatalf("%q: number %q does not round-trip", text, cmd.Number)
			}
		}
		if ok && !cmd.Status {
			if cmd.Score == "" || strings.IndexFunc(cmd.Score, func(r rune) bool { return !unicode.IsDigit(r) || r > unicode.MaxASCII }) >= 0 {
				t.Fatalf("%q: score %q", text, cmd.Score)
			}
		}
		if year < 2000 || year > 9999 || seq <= 0 || seq > 999999 {
			return
		}
		n := aduan.FormatNumber(year, seq)
		for _, prefix := range []string{"STATUS ", "status: ", "Status\n"} {
			in := prefix + strings.ToLower(n) + " " + text
			got, ok := ParseCommand(in)
			if !ok || !got.Status || got.Number != n {
				t.Fatalf("%q: %+v %v, want STATUS %s", in, got, ok, n)
			}
		}
		if got, ok := ParseCommand(fmt.Sprintf("STATUS %s", text)); !ok || !got.Status {
			t.Fatalf("STATUS %q: %+v %v", text, got, ok)
		}
	})
}
