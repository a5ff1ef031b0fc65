package sms_test

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/channel/sms"
	"github.com/kotakita/aduan/internal/phone"
)

// FuzzParseMO: whatever Kannel's get-url brings, the incoming SMS is an
// inbound SMS with valid UTF-8 text; a sender that is a phone number is
// kept in E.164 (what matching compares with the citizen's number) and one
// that is not is flagged; a text that is valid UTF-8 arrives unchanged.
func FuzzParseMO(f *testing.F) {
	for _, s := range [][5]string{
		{"6281211112222", "1500", "STATUS ADU-2026-000123", "k-1", "0"},
		{"+62 812-1111-2222", "1500", "Nama: Budi, Alamat: Jl. Melati 5", "k-2", ""},
		{"081211112222", "1500", "\x00S\x00T\x00A", "k-3", "2"},
		{"TELKOMSEL", "1500", "Promo", "", "0"},
		{"", "", "\xff\xfe", "", "2"},
		{"6281211112222", "1500", "Jalan \xff rusak", "k-4", "0"},
	} {
		f.Add(s[0], s[1], s[2], s[3], s[4], "1765000000")
	}
	f.Fuzz(func(t *testing.T, from, to, text, id, coding, ts string) {
		q := url.Values{"from": {from}, "to": {to}, "text": {text}, "id": {id}, "coding": {coding}, "ts": {ts}}
		m, reason := sms.ParseMO(q)
		if m.Channel != channel.SMS || m.Direction != channel.In || m.Status != channel.StatusReceived {
			t.Fatalf("not an inbound SMS: %+v", m)
		}
		if !utf8.ValidString(m.Body) {
			t.Fatalf("body %q is not valid UTF-8", m.Body)
		}
		if p, err := phone.Normalize(strings.TrimSpace(from)); err == nil {
			if m.From != p || strings.Contains(reason, "sender") {
				t.Fatalf("sender %q kept as %q (%s), want %q", from, m.From, reason, p)
			}
		} else if strings.TrimSpace(from) != "" && !strings.Contains(reason, "sender") {
			t.Fatalf("sender %q not flagged", from)
		}
		if utf8.ValidString(text) && !strings.ContainsRune(text, 0) && m.Body != text {
			t.Fatalf("text %q arrived as %q", text, m.Body)
		}
		if !m.CreatedAt.IsZero() && m.CreatedAt.Unix() <= 0 {
			t.Fatalf("time %v", m.CreatedAt)
		}
	})
}
