package search

import (
	"strings"
	"testing"
)

func TestStreets(t *testing.T) {
	for text, want := range map[string]string{
		"Jl. Margonda Raya No. 5, RT 02":                      "margonda",
		"jln rusak dkt sekolah di Jl. Nusantara, udh 2 mgg":   "nusantara",
		"Jl. Ir. H. Juanda depan ruko":                        "juanda",
		"Gg. Melati 2, Kel. Depok Jaya":                       "melati",
		"di jalan arif rahman hakim arah terminal":            "arif rahman hakim",
		"jalan berlubang di depan rumah":                      "",
		"Lampu PJU mati di Jl. Raya Sawangan dan Jl. Kartini": "sawangan,kartini",
	} {
		if got := strings.Join(Streets(text), ","); got != want {
			t.Errorf("Streets(%q) = %q, want %q", text, got, want)
		}
	}
}
