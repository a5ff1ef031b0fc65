package sms

import (
	"net/url"
	"strings"
	"testing"
)

func TestCountText(t *testing.T) {
	for _, tc := range []struct {
		name  string
		text  string
		enc   Encoding
		units int
		parts int
	}{
		{"empty", "", GSM7, 0, 1},
		{"160 GSM", strings.Repeat("a", 160), GSM7, 160, 1},
		{"161 GSM", strings.Repeat("a", 161), GSM7, 161, 2},
		{"306 GSM", strings.Repeat("a", 306), GSM7, 306, 2},
		{"307 GSM", strings.Repeat("a", 307), GSM7, 307, 3},
		{"basic accents", "àèéùìòÇØøÅåÆæßÉÄÖÑÜäöñü§¿¡£¥", GSM7, 28, 1},
		{"extension counts two", "{}[]~^|\\€", GSM7, 18, 1},
		{"80 euro signs", strings.Repeat("€", 80), GSM7, 160, 1},
		{"81 euro signs", strings.Repeat("€", 81), GSM7, 162, 2},
		// An escape pair never straddles parts: 152 a's then € needs a
		// second part even though 154 septets would fit 153+1.
		{"escape at the edge", strings.Repeat("a", 152) + "€" + strings.Repeat("a", 10), GSM7, 164, 2},
		{"70 UCS-2", strings.Repeat("ā", 70), UCS2, 70, 1},
		{"71 UCS-2", strings.Repeat("ā", 71), UCS2, 71, 2},
		{"134 UCS-2", strings.Repeat("ā", 134), UCS2, 134, 2},
		{"135 UCS-2", strings.Repeat("ā", 135), UCS2, 135, 3},
		{"emoji is two units", "Terima kasih 🙏", UCS2, 15, 1},
		{"one non-GSM char makes all UCS-2", strings.Repeat("a", 69) + "ç", UCS2, 70, 1},
		{"surrogate pair at the edge", strings.Repeat("ā", 66) + "🙏" + strings.Repeat("ā", 66), UCS2, 134, 3},
	} {
		c := CountText(tc.text)
		if c.Encoding != tc.enc || c.Units != tc.units || c.Parts != tc.parts {
			t.Errorf("%s: %+v, want %s %d units %d parts", tc.name, c, tc.enc, tc.units, tc.parts)
		}
	}
}

func TestParseMO(t *testing.T) {
	m, reason := ParseMO(url.Values{"from": {"6281211112222"}, "to": {"1500"}, "text": {"Nama: Budi"}, "id": {"abc"}, "ts": {"1790000000"}})
	if reason != "" || m.From != "+6281211112222" || m.Body != "Nama: Budi" || m.GatewayID != "abc" || m.CreatedAt.Unix() != 1790000000 {
		t.Errorf("%+v %q", m, reason)
	}
	// UCS-2 bytes from the SMSC, and invalid UTF-8.
	m, reason = ParseMO(url.Values{"from": {"081211112222"}, "text": {"\x00H\x00a\x01\x01"}, "coding": {"2"}})
	if reason != "" || m.Body != "Haā" {
		t.Errorf("ucs2: %q %q", m.Body, reason)
	}
	m, reason = ParseMO(url.Values{"from": {"TELKOMSEL"}, "text": {"a\xffb"}})
	if reason == "" || m.Body != "a\uFFFDb" || m.From != "TELKOMSEL" {
		t.Errorf("bad input: %+v %q", m, reason)
	}
}

func TestDLRStatus(t *testing.T) {
	for typ, want := range map[int]string{1: "delivered", 2: "failed", 4: "sent", 8: "sent", 16: "failed"} {
		if st, ok := DLRStatus(typ); !ok || string(st) != want {
			t.Errorf("type %d: %s", typ, st)
		}
	}
	if _, ok := DLRStatus(3); ok {
		t.Error("type 3 understood")
	}
}
