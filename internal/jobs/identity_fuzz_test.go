package jobs_test

import (
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/jobs"
)

// keep keeps the runes of s that ok allows, with single spaces.
func keep(s string, ok func(rune) bool) string {
	return strings.Join(strings.Fields(strings.Map(func(r rune) rune {
		if ok(r) {
			return r
		}
		return ' '
	}, s)), " ")
}

// FuzzParseIdentity: any reply reads without a panic into trimmed fields
// that hold no complaint number, valid UTF-8 for valid text; a labelled
// reply "Nama: …, Alamat: …" (in either order, with a complaint number
// anywhere around it) gives back exactly the name and address written.
func FuzzParseIdentity(f *testing.F) {
	for _, s := range []string{"Nama: Budi Santoso, Alamat: Jl. Melati 5 RT 02/03", "alamat=Jl. Kenanga 3; nama = Siti", "Budi",
		"ADU-2026-000001 Nama: ADU-2026-000002", "nama:\nalmt:", "email: ANI@Example.org", ":::", "Nama: Nama: Alamat:"} {
		f.Add(s, "Siti Aminah", "Jl. Kenanga 3 No. 7", true)
	}
	f.Fuzz(func(t *testing.T, reply, name, address string, nameFirst bool) {
		for _, missing := range [][]string{nil, {"name", "address"}, {"address"}} {
			in := jobs.ParseIdentity(reply, missing)
			for _, v := range []string{in.Name, in.Address, in.Email} {
				if v != strings.Trim(strings.TrimSpace(v), " ,;.\n\t") {
					t.Fatalf("%q: field %q not trimmed", reply, v)
				}
				if len(aduan.FindNumbers(v, 0)) > 0 && len(aduan.FindNumbers(aduan.RemoveNumbers(reply), 0)) == 0 {
					t.Fatalf("%q: field %q holds a complaint number", reply, v)
				}
				if utf8.ValidString(reply) && !utf8.ValidString(v) {
					t.Fatalf("%q: field %q", reply, v)
				}
			}
		}
		name = keep(name, unicode.IsLetter)
		address = keep(address, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '/' })
		if name == "" || address == "" || len(aduan.FindNumbers(name+" "+address, 0)) > 0 {
			return
		}
		written := "Nama: " + name + ", Alamat: " + address
		if !nameFirst {
			written = "alamat = " + address + "; NAMA=" + name
		}
		written = "ADU-2026-000123 " + written + "\nADU-2026-000123"
		in := jobs.ParseIdentity(written, []string{"name"})
		if in.Name != name || in.Address != address {
			t.Fatalf("%q: name %q address %q", written, in.Name, in.Address)
		}
	})
}
