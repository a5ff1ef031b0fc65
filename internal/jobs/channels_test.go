package jobs_test

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"
	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/attach/attachtest"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/channel/email"
	"github.com/kotakita/aduan/internal/channel/whatsapp"
	"github.com/kotakita/aduan/internal/channel/whatsapp/wafake"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/store"
)

// TestForwardThroughWhatsAppCloudAPI: the forward to the agency goes as the
// approved template to start the conversation; after the agency operator
// writes, the next message goes as free text; status webhooks move the
// message to delivered and read.
func TestForwardThroughWhatsAppCloudAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		fake := wafake.Start(t)
		wa, err := whatsapp.New(whatsapp.Config{BaseURL: fake.URL, Version: "v21.0", PhoneNumberID: fake.PhoneNumberID, Token: fake.Token})
		if err != nil {
			t.Fatal(err)
		}
		f := newFixture(t, d, func(c *jobs.Config) { c.Senders[channel.WhatsApp] = wa })
		// Only the operator's number (the seed gives DPUPR's call center
		// WhatsApp too), so that the one request is theirs.
		a := *f.dpupr
		a.WhatsApp = ""
		if err := f.st.RefData().SaveAgency(ctx, aduan.System, &a); err != nil {
			t.Fatal(err)
		}
		c := f.complaint(t, "081211112222", "")
		c = f.act(t, f.op, c, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
		ms := f.settled(t, c, 1)
		if ms[0].Status != channel.StatusSent || ms[0].Via != "whatsapp" || ms[0].GatewayID != "wamid.FAKE1" {
			t.Fatalf("forward: %+v", ms[0])
		}
		req := fake.Requests()[0]
		if req.Type != "template" || req.Template.Name != "aduan_teruskan" || req.To != "6281377778888" ||
			req.Template.Components[0].Parameters[0].Text != c.Number {
			t.Errorf("request: %+v", req)
		}
		for _, st := range []channel.Status{channel.StatusDelivered, channel.StatusSent, channel.StatusRead} {
			if _, err := f.q.Receipt(ctx, channel.WhatsApp, 0, "wamid.FAKE1", st, time.Time{}, ""); err != nil {
				t.Fatal(err)
			}
		}
		m, _ := f.st.Messages().Message(ctx, ms[0].ID)
		if m.Status != channel.StatusRead || m.Delivered == nil || m.ReadAt == nil {
			t.Errorf("after status webhooks (delivered, a late sent, read): %+v", m)
		}
		// The operator writes back: the 24-hour window opens.
		f.receive(t, &channel.Message{Channel: channel.WhatsApp, From: "+6281377778888", Body: "Siap, kami cek " + c.Number, GatewayID: "wamid.IN1"})
		if err := f.q.Send(ctx, &channel.Message{ComplaintID: c.ID, Channel: channel.WhatsApp, To: "+6281377778888", Body: "Terima kasih.", WATemplate: "aduan_teruskan"}); err != nil {
			t.Fatal(err)
		}
		f.settled(t, c, 3)
		reqs := fake.Requests()
		if last := reqs[len(reqs)-1]; last.Type != "text" || last.Text.Body != "Terima kasih." {
			t.Errorf("inside the window: %+v", last)
		}
	})
}

// smtpServer is go-smtp's server collecting what it receives.
type smtpServer struct {
	mu    sync.Mutex
	mails []smtpMail
}

type smtpMail struct {
	from, to string
	data     []byte
}

type smtpSession struct {
	s        *smtpServer
	from, to string
}

func (s *smtpServer) NewSession(*smtp.Conn) (smtp.Session, error) { return &smtpSession{s: s}, nil }
func (ss *smtpSession) AuthMechanisms() []string                  { return []string{sasl.Plain} }
func (ss *smtpSession) Auth(string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, user, pass string) error {
		if user != "cc" || pass != "sandi" {
			return errors.New("bad credentials")
		}
		return nil
	}), nil
}
func (ss *smtpSession) Mail(from string, _ *smtp.MailOptions) error { ss.from = from; return nil }
func (ss *smtpSession) Rcpt(to string, _ *smtp.RcptOptions) error {
	if strings.HasSuffix(to, "@tidak-ada.example") {
		return &smtp.SMTPError{Code: 550, Message: "no such user"}
	}
	ss.to = to
	return nil
}
func (ss *smtpSession) Data(r io.Reader) error {
	b, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	ss.s.mu.Lock()
	defer ss.s.mu.Unlock()
	ss.s.mails = append(ss.s.mails, smtpMail{ss.from, ss.to, b})
	return nil
}
func (ss *smtpSession) Reset()        {}
func (ss *smtpSession) Logout() error { return nil }

func startSMTP(t *testing.T) (*smtpServer, string) {
	backend := &smtpServer{}
	srv := smtp.NewServer(backend)
	srv.Domain, srv.AllowInsecureAuth = "localhost", true
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return backend, ln.Addr().String()
}

// TestPhotoRequestAndForwardByEmail: the photo request and the agency's
// notice go out through a real SMTP server (go-smtp's), in UTF-8, with a
// stable Message-ID; an address the server refuses fails at once.
func TestPhotoRequestAndForwardByEmail(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		srv, addr := startSMTP(t)
		smtpSender, err := email.NewSMTP(email.SMTPConfig{Addr: addr, Username: "cc", Password: "sandi", From: "callcenter@depok.go.id", Security: "none"})
		if err != nil {
			t.Fatal(err)
		}
		f := newFixture(t, d, func(c *jobs.Config) { c.Senders[channel.Email] = smtpSender })
		c := f.complaint(t, "081211112222", "ani@example.org")
		c = f.act(t, f.op, c, aduan.ActionRequestPhotos, aduan.ActionInput{})
		ms := f.settled(t, c, 2)
		var mail *channel.Message
		for _, m := range ms {
			if m.Channel == channel.Email {
				mail = m
			}
		}
		if mail == nil || mail.Status != channel.StatusSent || mail.Via != "smtp" || !strings.HasPrefix(mail.GatewayID, "<aduan.") {
			t.Fatalf("mail: %+v", mail)
		}
		srv.mu.Lock()
		got := srv.mails
		srv.mu.Unlock()
		if len(got) != 1 || got[0].from != "callcenter@depok.go.id" || got[0].to != "ani@example.org" {
			t.Fatalf("server got %+v", got)
		}
		raw := string(got[0].data)
		for _, want := range []string{"Subject: Permintaan foto untuk pengaduan " + c.Number, "Message-ID: " + mail.GatewayID, "charset=utf-8"} {
			if !strings.Contains(raw, want) {
				t.Errorf("mail lacks %q:\n%s", want, raw)
			}
		}
		if err := f.st.RefData().SaveAgency(ctx, aduan.System, withContacts(f.dpupr, "", "pengaduan@tidak-ada.example")); err != nil {
			t.Fatal(err)
		}
		c, _ = f.st.Complaints().Complaint(ctx, aduan.System, c.ID)
		c = f.act(t, f.op, c, aduan.ActionPhotosReceived, aduan.ActionInput{})
		c = f.act(t, f.op, c, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
		ms = f.settled(t, c, 4)
		for _, m := range ms[2:] {
			if m.Channel == channel.Email && (m.Status != channel.StatusFailed || m.Attempts != 1 || !strings.Contains(m.Error, "550")) {
				t.Errorf("refused address: %+v", m)
			}
		}
	})
}

// imapServer is go-imap's in-memory server with the call center's mailbox.
func imapServer(t *testing.T) (*imapmemserver.User, string) {
	mem := imapmemserver.New()
	user := imapmemserver.NewUser("callcenter", "sandi")
	if err := user.Create("INBOX", nil); err != nil {
		t.Fatal(err)
	}
	mem.AddUser(user)
	srv := imapserver.New(&imapserver.Options{
		NewSession: func(*imapserver.Conn) (imapserver.Session, *imapserver.GreetingData, error) {
			return mem.NewSession(), nil, nil
		},
		Caps:         imap.CapSet{imap.CapIMAP4rev1: {}, imap.CapIMAP4rev2: {}},
		InsecureAuth: true,
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return user, ln.Addr().String()
}

func appendMail(t *testing.T, addr string, raw []byte) {
	t.Helper()
	c, err := imapclient.DialInsecure(addr, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.Login("callcenter", "sandi").Wait(); err != nil {
		t.Fatal(err)
	}
	cmd := c.Append("INBOX", int64(len(raw)), nil)
	cmd.Write(raw)
	cmd.Close()
	if _, err := cmd.Wait(); err != nil {
		t.Fatal(err)
	}
}

// photoMail is a citizen's mail with a camera JPEG (GPS in its EXIF) and a
// PDF that is not a photo.
func photoMail(from, subject, msgID string, jpeg []byte) []byte {
	b64 := func(b []byte) string {
		s := base64.StdEncoding.EncodeToString(b)
		var out strings.Builder
		for len(s) > 76 {
			out.WriteString(s[:76] + "\r\n")
			s = s[76:]
		}
		return out.String() + s
	}
	return []byte(fmt.Sprintf("From: Ani <%s>\r\nTo: callcenter@depok.go.id\r\nSubject: %s\r\nMessage-ID: %s\r\nDate: Mon, 2 Nov 2026 10:00:00 +0700\r\n"+
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"+
		"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBerikut foto lubangnya.\r\n"+
		"--b1\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"IMG_0001.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n"+
		"--b1\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"bukan-foto.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n"+
		"--b1--\r\n", from, subject, msgID, b64(jpeg), b64([]byte("%PDF-1.4 not an image"))))
}

// TestEmailedPhotosLandOnTheComplaint: a mail in the IMAP mailbox with the
// complaint number in its subject lands on the complaint: the photo is
// stored with a thumbnail and without its EXIF, its GPS position fills the
// complaint's location, the wait for photos ends, and the file that is no
// image is refused with a note. Polling again imports nothing twice.
func TestEmailedPhotosLandOnTheComplaint(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		_, addr := imapServer(t)
		box, err := email.NewIMAP(email.IMAPConfig{Addr: addr, Username: "callcenter", Password: "sandi", Security: "none"})
		if err != nil {
			t.Fatal(err)
		}
		f := newFixture(t, d)
		c, err := f.st.Complaints().CreateComplaint(ctx, f.op, aduan.NewComplaint{Text: "Jalan berlubang di Jl. Sawangan.",
			Citizen: &aduan.CitizenInput{Name: "Ani", Phone: "081211112222", Email: "ani@example.org"}})
		if err != nil {
			t.Fatal(err)
		}
		c = f.act(t, f.op, c, aduan.ActionRequestPhotos, aduan.ActionInput{})
		jpeg := attachtest.JPEGWithGPS(800, 600, -6.402484, 106.794243)
		appendMail(t, addr, photoMail("ani@example.org", "Foto "+c.Number, "<foto-1@example.org>", jpeg))

		if err := f.q.PollMail(ctx, box); err != nil {
			t.Fatal(err)
		}
		eventually(t, "photos handled", func() bool {
			list, _, _ := f.st.Messages().ListMessages(ctx, f.adm, store.MessageFilter{Channel: channel.Email, Direction: channel.In})
			return len(list) == 1 && list[0].Processed != nil
		})
		after, _ := f.st.Complaints().Complaint(ctx, aduan.System, c.ID)
		if after.Status != aduan.StatusRecorded || after.Lat == nil {
			t.Fatalf("complaint after the photos: %s %v", after.Status, after.Lat)
		}
		if math.Abs(*after.Lat+6.402484) > 1e-6 || math.Abs(*after.Lng-106.794243) > 1e-6 {
			t.Errorf("location %v %v", *after.Lat, *after.Lng)
		}
		files, err := f.st.Attachments().Attachments(ctx, f.op, c.ID)
		if err != nil || len(files) != 1 {
			t.Fatalf("attachments: %+v %v", files, err)
		}
		a := files[0]
		if a.Filename != "IMG_0001.jpg" || a.ContentType != "image/jpeg" || a.Width != 800 || a.Lat == nil {
			t.Errorf("attachment: %+v", a)
		}
		stored := read(t, f.files, a.Key)
		if attach.HasMetadata(stored) || bytes.Contains(stored, []byte("Nokia")) || len(stored) >= len(jpeg) {
			t.Error("the stored photo still carries its EXIF")
		}
		if th := read(t, f.files, a.ThumbKey); len(th) == 0 {
			t.Error("no thumbnail")
		}
		var in *channel.Message
		for _, m := range f.messages(t, c) {
			if m.Direction == channel.In {
				in = m
			}
		}
		if in == nil || !strings.Contains(in.Note, "bukan-foto.jpg") || !strings.Contains(in.Note, "not a JPEG or PNG") ||
			!strings.Contains(in.Note, "photos received") || in.GatewayID != "<foto-1@example.org>" {
			t.Errorf("incoming mail: %+v", in)
		}

		// Polling again, and a crash after fetching but before committing
		// (simulated: the mailbox's place is lost), import nothing twice.
		if err := f.q.PollMail(ctx, box); err != nil {
			t.Fatal(err)
		}
		if _, err := f.st.DB().Exec("DELETE FROM imap_state"); err != nil {
			t.Fatal(err)
		}
		if err := f.q.PollMail(ctx, box); err != nil {
			t.Fatal(err)
		}
		all, _, _ := f.st.Messages().ListMessages(ctx, f.adm, store.MessageFilter{Channel: channel.Email, Direction: channel.In})
		if len(all) != 1 {
			t.Errorf("%d mails imported, want 1", len(all))
		}

		// A mail with no number from an unknown sender opens a complaint
		// for triage; a mail without text or images is kept, unmatched.
		appendMail(t, addr, photoMail("warga@example.net", "Pohon tumbang", "<pohon@example.net>", attachtest.JPEG(64, 64)))
		appendMail(t, addr, []byte("From: x@example.net\r\nSubject: \r\nMessage-ID: <kosong@example.net>\r\n\r\n"))
		if err := f.q.PollMail(ctx, box); err != nil {
			t.Fatal(err)
		}
		eventually(t, "new mails handled", func() bool {
			list, _, _ := f.st.Messages().ListMessages(ctx, f.adm, store.MessageFilter{Channel: channel.Email, Direction: channel.In})
			for _, m := range list {
				if m.Processed == nil {
					return false
				}
			}
			return len(list) == 3
		})
		list, _, _ := f.st.Messages().ListMessages(ctx, f.adm, store.MessageFilter{Channel: channel.Email, Direction: channel.In})
		for _, m := range list {
			switch m.GatewayID {
			case "<pohon@example.net>":
				nc, err := f.st.Complaints().Complaint(ctx, aduan.System, m.ComplaintID)
				if err != nil || nc.Channel != aduan.ChannelEmail || !strings.Contains(nc.Text, "Pohon tumbang") || nc.Citizen.Email != "warga@example.net" {
					t.Errorf("new complaint from mail: %+v %v", nc, err)
				}
			case "<kosong@example.net>":
				if m.Status != channel.StatusIgnored || m.ComplaintID != 0 {
					t.Errorf("empty mail: %+v", m)
				}
			}
		}
	})
}

func read(t *testing.T, s attach.Storage, key string) []byte {
	t.Helper()
	r, err := s.Get(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, _ := io.ReadAll(r)
	return b
}
