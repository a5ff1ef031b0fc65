package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"fmt"
	"io/fs"
	"math"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	"github.com/emersion/go-imap/v2/imapserver"
	"github.com/emersion/go-imap/v2/imapserver/imapmemserver"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/attach/attachtest"
	"github.com/kotakita/aduan/internal/attach/s3fake"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// startWith runs the service on 127.0.0.1:0 on dialect d with quick job
// polling and retries, after set has adjusted the messaging settings.
func startWith(t *testing.T, d store.Dialect, set func(mc *MessagingConfig)) *Main {
	t.Helper()
	cfg, _, err := parseConfig("serve", nil, func(string) string { return "" }, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Addr, cfg.DataDir, cfg.AccessLog, cfg.LogLevel = "127.0.0.1:0", t.TempDir(), false, "error"
	if d == store.Postgres {
		cfg.DatabaseURL = dbtest.PostgresURL(t)
	}
	mc := &cfg.Messaging
	mc.JobPoll = 20 * time.Millisecond
	mc.RetryBase, mc.RetryMax = 50*time.Millisecond, 200*time.Millisecond
	set(mc)
	m := &Main{Config: cfg, Out: &bytes.Buffer{}}
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	return m
}

// mailbox is go-imap's in-memory IMAP server holding the call center's
// INBOX; it returns its address.
func mailbox(t *testing.T) string {
	t.Helper()
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
	return ln.Addr().String()
}

func deliverMail(t *testing.T, addr string, raw []byte) {
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

// mailWithPhoto is a citizen's reply carrying a camera JPEG.
func mailWithPhoto(from, subject, msgID string, jpeg []byte) []byte {
	b64 := base64.StdEncoding.EncodeToString(jpeg)
	var body strings.Builder
	for len(b64) > 76 {
		body.WriteString(b64[:76] + "\r\n")
		b64 = b64[76:]
	}
	body.WriteString(b64)
	return []byte(fmt.Sprintf("From: Ani <%s>\r\nTo: callcenter@depok.go.id\r\nSubject: %s\r\nMessage-ID: %s\r\nDate: Mon, 2 Nov 2026 10:00:00 +0700\r\n"+
		"MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n"+
		"--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIni fotonya.\r\n"+
		"--b1\r\nContent-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"IMG_2001.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n%s\r\n"+
		"--b1--\r\n", from, subject, msgID, body.String()))
}

// TestEmailedPhotoStoredInS3: with the S3 settings pointing at an
// S3-compatible server that checks every request's signature, a photo
// e-mailed in reply to a photo request (read from a real IMAP server)
// lands on the complaint: the complaint takes the photo's GPS position and
// leaves the wait for photos, the original and its thumbnail are objects in
// the bucket under the configured prefix with their content types and no
// EXIF, nothing is written to the local attachment folder, and the API
// serves both from the bucket.
func TestEmailedPhotoStoredInS3(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		s3 := s3fake.Start(t)
		imapAddr := mailbox(t)
		localDir := t.TempDir()
		m := startWith(t, d, func(mc *MessagingConfig) {
			mc.IMAPAddr, mc.IMAPUser, mc.IMAPPassword, mc.IMAPSecurity, mc.IMAPInterval = imapAddr, "callcenter", "sandi", "none", 100*time.Millisecond
			mc.S3Endpoint, mc.S3Bucket, mc.S3AccessKey, mc.S3SecretKey, mc.S3Region, mc.S3Insecure = s3.Endpoint, s3.Bucket, s3.AccessKey, s3.SecretKey, s3.Region, true
			mc.S3Prefix = "depok/"
			mc.AttachDir = localDir
		})
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"text": "Jalan berlubang di Jl. Sawangan.",
			"citizen": map[string]any{"name": "Ani", "phone": "081211113333", "email": "ani@example.org"}}).Must(t, 201)
		cmp = act(t, op, cmp, "request_photos", nil)
		path := fmt.Sprintf("/api/v1/complaints/%d", apitest.Num(cmp, "id"))

		jpeg := attachtest.JPEGWithGPS(1024, 768, -6.391234, 106.822345)
		deliverMail(t, imapAddr, mailWithPhoto("ani@example.org", "Re: foto "+apitest.Str(cmp, "number"), "<s3-foto@example.org>", jpeg))
		waitUntil(t, "the photo on the complaint", 30*time.Second, func() bool {
			return len(apitest.Items(op.Do("GET", path+"/attachments", nil).Must(t, 200))) == 1 &&
				apitest.Str(op.Do("GET", path, nil).Must(t, 200), "status") == "recorded"
		})
		c := op.Do("GET", path, nil).Must(t, 200)
		lat, _ := c["lat"].(float64)
		lng, _ := c["lng"].(float64)
		if math.Abs(lat+6.391234) > 1e-6 || math.Abs(lng-106.822345) > 1e-6 {
			t.Errorf("complaint location %v %v, want the photo's", c["lat"], c["lng"])
		}
		a := apitest.Items(op.Do("GET", path+"/attachments", nil).Must(t, 200))[0]
		if apitest.Str(a, "content_type") != "image/jpeg" || apitest.Num(a, "width") != 1024 || apitest.Str(a, "filename") != "IMG_2001.jpg" {
			t.Errorf("attachment: %v", a)
		}

		keys := s3.Keys()
		if len(keys) != 2 {
			t.Fatalf("objects in the bucket: %v", keys)
		}
		var orig, thumb []byte
		for _, k := range keys {
			data, ct, _ := s3.Object(k)
			if !strings.HasPrefix(k, "depok/messages/") || ct != "image/jpeg" {
				t.Errorf("object %s with content type %q", k, ct)
			}
			if strings.HasSuffix(k, "-thumb.jpg") {
				thumb = data
			} else {
				orig = data
			}
		}
		if orig == nil || thumb == nil {
			t.Fatalf("original and thumbnail in the bucket: %v", keys)
		}
		if attach.HasMetadata(orig) || bytes.Contains(orig, []byte("Nokia")) || len(orig) >= len(jpeg) {
			t.Error("the photo in the bucket still carries its EXIF")
		}
		res := op.Do("GET", fmt.Sprintf("/api/v1/attachments/%d", apitest.Num(a, "id")), nil)
		if res.Status != 200 || res.Header.Get("Content-Type") != "image/jpeg" || !bytes.Equal(res.Raw, orig) {
			t.Errorf("photo served: %d %s %d bytes", res.Status, res.Header.Get("Content-Type"), len(res.Raw))
		}
		res = op.Do("GET", fmt.Sprintf("/api/v1/attachments/%d?thumb=1", apitest.Num(a, "id")), nil)
		if res.Status != 200 || !bytes.Equal(res.Raw, thumb) {
			t.Errorf("thumbnail served: %d %d bytes", res.Status, len(res.Raw))
		}
		if files := filesUnder(t, localDir); len(files) > 0 {
			t.Errorf("files written to the local folder with S3 configured: %v", files)
		}
		if r := s3.Refused(); len(r) > 0 {
			t.Errorf("requests the S3 server refused: %v", r)
		}
	})
}

func filesUnder(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			out = append(out, p)
		}
		return nil
	})
	return out
}
