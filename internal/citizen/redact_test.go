package citizen

import (
	"strings"
	"testing"

	"github.com/kotakita/aduan"
)

// TestRedactPhoneForms: every way an Indonesian number is written
// (shared/data/phone_formats.json: 08…, +628…, 628…, 8… without its 0, with
// spaces, dashes, dots, slashes and parentheses; fixed lines of Depok) is
// removed whole, no trailing digits left; dates, times, house numbers,
// RT/RW and prices are not numbers.
func TestRedactPhoneForms(t *testing.T) {
	numbers := []string{
		"0812-3456-7890", "0812 3456 7890", "0812.3456.7890", "081234567890", "08123456789",
		"+6281234567890", "+62 812 3456 7890", "+62-812-3456-7890", "62-812-3456-7890", "62 812 3456 7890", "6281234567890",
		"+62 (812) 3456-7890", "(+62) 812 3456 7890", "(+62)812-3456-7890", "+62 (0) 812 3456 7890", "+62.812.3456.7890",
		"812 3456 7890", "812-3456-7890", "0812/3456/7890", "0812 - 3456 - 7890", "08 1234 567 890",
		"(021) 7777-1234", "021 7777 1234", "+62 21 7777 1234", "(0251) 861-234", "0895-1234-5678",
	}
	for _, n := range numbers {
		for _, text := range []string{n, "Hubungi " + n + ".", "HP:" + n + ", terima kasih", "nomor " + n + " atau 0813 1111 2222 (WA)"} {
			got := Redact(text, nil)
			if strings.ContainsAny(strings.ReplaceAll(got, Redacted, ""), "0123456789") {
				t.Errorf("Redact(%q) = %q: digits left", text, got)
			}
		}
	}
	kept := []string{
		"Jl. Margonda Raya No. 12 RT 03/RW 05", "pada 12-12-2026 pukul 14.05", "tanggal 08/12/2026", "Rp 2.500.000",
		"jam 08.00-10.00", "sejak 2 minggu", "NIK-nya tidak kami minta", "kode pos 16424",
	}
	for _, text := range kept {
		if got := Redact(text, nil); got != text {
			t.Errorf("Redact(%q) = %q: not a number", text, got)
		}
	}
	if got := Redact("KTP 3276012345678901 atas nama pelapor", nil); strings.Contains(got, "3276") {
		t.Errorf("NIK kept: %q", got)
	}
}

// TestRedactTheCitizen: with the complaint's citizen known, their name
// (whole or by its words), address, e-mail address and number in any form
// go, even when the text writes them differently from the record.
func TestRedactTheCitizen(t *testing.T) {
	cz := &aduan.Citizen{Name: "Ani Lestari", Phone: "+6281277770002", Email: "Ani.Lestari@Example.org", Address: "Jl. Kenanga 7"}
	text := "Kepada Ibu ANI, warga Jl. Kenanga 7 (ani.lestari@example.org, 62-812-7777-0002, +62 (812) 7777 0002): " +
		"laporan Bu Lestari sudah ditindaklanjuti."
	got := Redact(text, cz)
	for _, bad := range []string{"ANI", "Lestari", "Kenanga", "ani.lestari", "7777", "0002"} {
		if strings.Contains(got, bad) {
			t.Errorf("%q left in %q", bad, got)
		}
	}
	if !strings.Contains(got, "sudah ditindaklanjuti") {
		t.Errorf("the rest went too: %q", got)
	}
}
