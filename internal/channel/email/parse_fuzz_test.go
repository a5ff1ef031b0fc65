package email

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/emersion/go-message/mail"

	"github.com/kotakita/aduan/internal/channel"
)

// compose writes a mail as a mail program would: the sender, a subject,
// a text body (base64, so that its bytes come back exactly) and an image.
func compose(t *testing.T, from, subject, body string, image []byte) []byte {
	t.Helper()
	var h mail.Header
	h.SetDate(time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC))
	h.SetAddressList("From", []*mail.Address{{Name: "Warga", Address: from}})
	h.SetAddressList("To", []*mail.Address{{Address: "callcenter@depok.go.id"}})
	h.SetSubject(subject)
	h.SetMessageID("fuzz-1@example.org")
	var buf bytes.Buffer
	w, err := mail.CreateWriter(&buf, h)
	if err != nil {
		t.Fatal(err)
	}
	var th mail.InlineHeader
	th.SetContentType("text/plain", map[string]string{"charset": "utf-8"})
	th.Set("Content-Transfer-Encoding", "base64")
	tw, err := w.CreateSingleInline(th)
	if err != nil {
		t.Fatal(err)
	}
	tw.Write([]byte(body))
	tw.Close()
	var ah mail.AttachmentHeader
	ah.SetContentType("image/jpeg", nil)
	ah.SetFilename("foto.jpg")
	aw, err := w.CreateAttachment(ah)
	if err != nil {
		t.Fatal(err)
	}
	aw.Write(image)
	aw.Close()
	w.Close()
	return buf.Bytes()
}

// printable: a header value a mail program writes as it is (valid UTF-8,
// no control characters, no surrounding or doubled spaces that folding
// may change).
func printable(s string) bool {
	if !utf8.ValidString(s) || s != strings.TrimSpace(s) || strings.Contains(s, "  ") || strings.Contains(s, "=?") {
		return false
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f {
			return false
		}
	}
	return true
}

// FuzzParseMail: any bytes from the mailbox give an incoming e-mail, never
// a panic, with no attached file over the limit and a body within it; a
// mail composed as a mail program does comes back with its sender (in
// lower case: what matching compares with the citizen's address), subject,
// text and image.
func FuzzParseMail(f *testing.F) {
	f.Add([]byte("From: Ani <ANI@example.org>\r\nSubject: ADU-2026-000123\r\nMessage-ID: <a@x>\r\n\r\nFoto menyusul.\r\n"), "ani", "Foto ADU-2026-000123", "Berikut fotonya.", []byte{0xff, 0xd8, 0xff})
	f.Add([]byte("From: x\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/html\r\n\r\n<p>Halo <b>dunia</b></p>\r\n--b--\r\n"), "budi.santoso", "Re: pengaduan", "Nama: Budi\nAlamat: Jl. Melati 5", []byte("PNG"))
	f.Add([]byte("Subject: =?utf-8?q?=E2=82=AC?=\r\nContent-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\nJalan rusak =E9"), "a", "Jalan rusak — €", "", []byte{})
	f.Add([]byte("\x00\xff"), "x", "", "\xff", []byte{0})
	f.Fuzz(func(t *testing.T, raw []byte, local, subject, body string, image []byte) {
		const max = 1 << 12
		m := Parse(raw, max)
		if m == nil || m.Channel != channel.Email || m.Direction != channel.In {
			t.Fatalf("not an incoming e-mail: %+v", m)
		}
		for _, f := range m.Files {
			if len(f.Data) > max+1 {
				t.Fatalf("file %q of %d bytes kept whole", f.Name, len(f.Data))
			}
		}
		if !strings.HasPrefix(m.Note, "mail could not be parsed") && len(m.Body) > max {
			t.Fatalf("body of %d bytes", len(m.Body))
		}

		local = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' {
				return r
			}
			return -1
		}, local)
		local = strings.Trim(local, ".")
		if local == "" || strings.Contains(local, "..") || len(body) > max || len(image) > max {
			return
		}
		from := local + "@Example.ORG"
		got := Parse(compose(t, from, subject, body, image), max)
		if got.From != strings.ToLower(from) || got.GatewayID != "<fuzz-1@example.org>" || got.Note != "" {
			t.Fatalf("from %q: got %q, id %q, note %q", from, got.From, got.GatewayID, got.Note)
		}
		if printable(subject) && got.Subject != subject {
			t.Fatalf("subject %q came back %q", subject, got.Subject)
		}
		if utf8.ValidString(body) && got.Body != body {
			t.Fatalf("body %q came back %q", body, got.Body)
		}
		if len(got.Files) != 1 || !bytes.Equal(got.Files[0].Data, image) || got.Files[0].Name != "foto.jpg" {
			t.Fatalf("image: %+v", got.Files)
		}
	})
}
