package whatsapp_test

import (
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/channel/whatsapp"
	"github.com/kotakita/aduan/internal/phone"
)

// webhookText is the webhook Meta sends for one incoming text message.
func webhookText(from, id, ts, body string) []byte {
	msg := map[string]any{"from": from, "id": id, "timestamp": ts, "type": "text", "text": map[string]any{"body": body}}
	b, _ := json.Marshal(map[string]any{"object": "whatsapp_business_account", "entry": []any{map[string]any{
		"changes": []any{map[string]any{"field": "messages", "value": map[string]any{
			"metadata": map[string]any{"phone_number_id": "1500"}, "messages": []any{msg}}}}}}})
	return b
}

// FuzzParseWebhook: any body either is refused or gives inbound WhatsApp
// messages with valid UTF-8 text and known statuses; a text message built
// as Meta documents it comes back as sent, its sender in E.164 when it is
// a phone number (what matching compares), its ID kept (what makes a
// webhook delivered twice one message).
func FuzzParseWebhook(f *testing.F) {
	f.Add(webhookText("6281211112222", "wamid.1", "1765000000", "STATUS ADU-2026-000123"), "6281211112222", "wamid.1", "Nama: Budi")
	f.Add([]byte(`{"object":"whatsapp_business_account","entry":[{"changes":[{"field":"messages","value":{"statuses":[{"id":"wamid.X","status":"delivered","timestamp":"1765000000"},{"id":"wamid.Y","status":"failed","errors":[{"code":131026,"title":"undeliverable"}]}]}}]}]}`), "", "", "")
	f.Add([]byte(`{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"from":"628","id":"w","type":"image","image":{"id":"m1","mime_type":"image/jpeg","caption":"foto"}},{"from":"x","type":"sticker"}]}}]}]}`), "x", "", "\xff")
	f.Add([]byte(`{"object":"page"}`), "+62 812 1111 2222", "id", "")
	f.Add([]byte(`[]`), "", "", "")
	f.Fuzz(func(t *testing.T, body []byte, from, id, text string) {
		check := func(w *whatsapp.Webhook) {
			for _, m := range w.Messages {
				if m.Channel != channel.WhatsApp || m.Direction != channel.In || !utf8.ValidString(m.Body) {
					t.Fatalf("message %+v", m)
				}
				for _, f := range m.Files {
					if f.MediaID == "" || len(f.Data) != 0 {
						t.Fatalf("file %+v: only media IDs come in a webhook", f)
					}
				}
			}
			for _, s := range w.Statuses {
				if s.Status.Rank() < 0 {
					t.Fatalf("status %+v", s)
				}
			}
		}
		if w, err := whatsapp.ParseWebhook(body); err == nil {
			check(w)
		}
		w, err := whatsapp.ParseWebhook(webhookText(from, id, "1765000000", text))
		if err != nil {
			t.Fatalf("a documented webhook refused: %v", err)
		}
		check(w)
		if len(w.Messages) != 1 {
			t.Fatalf("%d messages", len(w.Messages))
		}
		m := w.Messages[0]
		// JSON carries text as valid UTF-8: what Meta would send for it.
		var sent string
		b, _ := json.Marshal(text)
		json.Unmarshal(b, &sent)
		var sentID string
		b, _ = json.Marshal(id)
		json.Unmarshal(b, &sentID)
		if m.GatewayID != sentID || m.Body != sent || m.To != "1500" {
			t.Fatalf("message %+v from (%q, %q, %q)", m, from, id, text)
		}
		if p, err := phone.Normalize("+" + strings.TrimPrefix(from, "+")); err == nil && m.From != p {
			t.Fatalf("sender %q kept as %q, want %q", from, m.From, p)
		}
	})
}
