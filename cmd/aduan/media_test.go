package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"math"
	"net"
	"net/http"
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
	"github.com/kotakita/aduan/internal/channel/whatsapp"
	"github.com/kotakita/aduan/internal/channel/whatsapp/wafake"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// startWith runs the service on 127.0.0.1:0 on dialect d with quick job
// polling and retries, after set has adjusted the messaging settings.
func startWith(t *testing.T, d store.Dialect, set func(mc *MessagingConfig)) *Main {
	t.Helper()
	return startLogged(t, d, nil, set)
}

// startLogged is startWith with the service's log written to log (info
// and above), for tests that read it.
func startLogged(t *testing.T, d store.Dialect, log io.Writer, set func(mc *MessagingConfig)) *Main {
	t.Helper()
	return startConfigured(t, d, log, func(cfg *Config) { set(&cfg.Messaging) })
}

// startConfigured is startLogged with the whole configuration to adjust.
func startConfigured(t *testing.T, d store.Dialect, log io.Writer, set func(cfg *Config)) *Main {
	t.Helper()
	cfg, _, err := parseConfig("serve", nil, func(string) string { return "" }, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Addr, cfg.DataDir, cfg.AccessLog, cfg.LogLevel = "127.0.0.1:0", t.TempDir(), false, "error"
	if d == store.Postgres {
		cfg.DatabaseURL = dbtest.MigratedURL(t)
	}
	mc := &cfg.Messaging
	mc.JobPoll = 20 * time.Millisecond
	mc.RetryBase, mc.RetryMax = 50*time.Millisecond, 200*time.Millisecond
	set(cfg)
	m := &Main{Config: cfg, Out: &bytes.Buffer{}}
	if log != nil {
		m.Log = slog.New(slog.NewTextHandler(log, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	noReceipts(t, m.Store)
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
	t.Parallel()
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
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Jalan berlubang di Jl. Sawangan.",
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

const waSecret = "rahasia-aplikasi-meta"

// startWithWhatsApp runs the service with WhatsApp through the fake Cloud
// API f.
func startWithWhatsApp(t *testing.T, d store.Dialect, f *wafake.Server, log io.Writer, set func(mc *MessagingConfig)) *Main {
	t.Helper()
	return startLogged(t, d, log, func(mc *MessagingConfig) {
		mc.WAToken, mc.WAPhoneID, mc.WAAppSecret, mc.WAAPIURL = f.Token, f.PhoneNumberID, waSecret, f.URL+"/v21.0"
		if set != nil {
			set(mc)
		}
	})
}

// waMedia is the webhook Meta sends for an incoming image or document
// (one message in one change), as documented.
func waMedia(wamid, from, typ, mediaID, mime, caption, filename string) []byte {
	md := map[string]any{"id": mediaID, "mime_type": mime, "sha256": "ignored-here"}
	if caption != "" {
		md["caption"] = caption
	}
	if filename != "" {
		md["filename"] = filename
	}
	body, _ := json.Marshal(map[string]any{"object": "whatsapp_business_account", "entry": []any{map[string]any{"id": "102290129340398",
		"changes": []any{map[string]any{"field": "messages", "value": map[string]any{"messaging_product": "whatsapp",
			"metadata": map[string]any{"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
			"contacts": []any{map[string]any{"profile": map[string]any{"name": "Warga"}, "wa_id": from}},
			"messages": []any{map[string]any{"from": from, "id": wamid, "timestamp": fmt.Sprint(time.Now().Unix()), "type": typ, typ: md}}}}}}}})
	return body
}

// postWebhook delivers a signed webhook and checks it was taken.
func postWebhook(t *testing.T, m *Main, body []byte) {
	t.Helper()
	c := apitest.New(t, "http://"+m.Addr())
	req, err := http.NewRequest("POST", c.Base+"/api/v1/channels/whatsapp/webhook", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Hub-Signature-256", whatsapp.Sign(waSecret, body))
	c.Send(req).Must(t, 200)
}

func complaintPath(cmp map[string]any) string {
	return fmt.Sprintf("/api/v1/complaints/%d", apitest.Num(cmp, "id"))
}

func countPrefix(xs []string, prefix string) int {
	n := 0
	for _, x := range xs {
		if strings.HasPrefix(x, prefix) {
			n++
		}
	}
	return n
}

// TestWhatsAppPhotoLandsOnTheComplaint: a citizen asked for photos sends
// one by WhatsApp. The webhook carries only a media ID; a job fetches the
// file from the (fake) Cloud API in its two documented steps, with the
// token and the configured version, and the photo lands on that citizen's
// complaint, not on another's: stored without its EXIF, with a thumbnail,
// its GPS position in the complaint's location, the wait for photos ended.
// The same webhook delivered again stores one message and one attachment
// and downloads nothing again.
func TestWhatsAppPhotoLandsOnTheComplaint(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := wafake.Start(t)
		m := startWithWhatsApp(t, d, f, nil, nil)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		other := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Saluran air mampet di Jl. Raya Bogor.",
			"citizen": map[string]any{"name": "Budi", "phone": "081377771111"}}).Must(t, 201)
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Pohon tumbang menutup jalan di Cinere.",
			"citizen": map[string]any{"name": "Ani", "phone": "081377772222"}}).Must(t, 201)
		cmp = act(t, op, cmp, "request_photos", nil)

		jpeg := attachtest.JPEGWithGPS(1200, 900, -6.351111, 106.781234)
		f.AddMedia("1045207366221290", "image/jpeg", jpeg)
		hook := waMedia("wamid.HBgNNjI4MTM3Nzc3MjIyMhUCABIYFjNFQjBDMjU1", "6281377772222", "image", "1045207366221290", "image/jpeg", "ini fotonya", "")
		postWebhook(t, m, hook)
		waitUntil(t, "the photo on the complaint", 30*time.Second, func() bool {
			return apitest.Str(op.Do("GET", complaintPath(cmp), nil).Must(t, 200), "status") == "recorded"
		})
		postWebhook(t, m, hook) // Meta delivers again

		files := apitest.Items(op.Do("GET", complaintPath(cmp)+"/attachments", nil).Must(t, 200))
		if len(files) != 1 {
			t.Fatalf("attachments: %v", files)
		}
		a := files[0]
		if apitest.Str(a, "content_type") != "image/jpeg" || apitest.Num(a, "width") != 1200 || apitest.Str(a, "filename") != "whatsapp-image.jpg" {
			t.Errorf("attachment: %v", a)
		}
		c := op.Do("GET", complaintPath(cmp), nil).Must(t, 200)
		lat, _ := c["lat"].(float64)
		lng, _ := c["lng"].(float64)
		if math.Abs(lat+6.351111) > 1e-6 || math.Abs(lng-106.781234) > 1e-6 {
			t.Errorf("complaint location %v %v, want the photo's", c["lat"], c["lng"])
		}
		stored := op.Do("GET", fmt.Sprintf("/api/v1/attachments/%d", apitest.Num(a, "id")), nil)
		if stored.Status != 200 || attach.HasMetadata(stored.Raw) || bytes.Contains(stored.Raw, []byte("Nokia")) || len(stored.Raw) >= len(jpeg) {
			t.Errorf("stored photo: %d, %d bytes, EXIF left: %v", stored.Status, len(stored.Raw), attach.HasMetadata(stored.Raw))
		}
		if th := op.Do("GET", fmt.Sprintf("/api/v1/attachments/%d?thumb=1", apitest.Num(a, "id")), nil); th.Status != 200 || len(th.Raw) == 0 {
			t.Errorf("thumbnail: %d", th.Status)
		}
		if got := apitest.Items(op.Do("GET", complaintPath(other)+"/attachments", nil).Must(t, 200)); len(got) != 0 {
			t.Errorf("the other citizen's complaint got %d attachments", len(got))
		}

		time.Sleep(300 * time.Millisecond) // a second download or message would show now
		ms := messagesOf(t, op, cmp)
		in := 0
		for _, msg := range ms {
			if apitest.Str(msg, "direction") == "in" {
				in++
				if apitest.Str(msg, "body") != "[image] ini fotonya" || apitest.Str(msg, "channel") != "whatsapp" {
					t.Errorf("incoming message: %v", msg)
				}
			}
		}
		if in != 1 {
			t.Errorf("%d incoming messages on the complaint, want 1", in)
		}
		if got := len(apitest.Items(op.Do("GET", complaintPath(cmp)+"/attachments", nil).Must(t, 200))); got != 1 {
			t.Errorf("%d attachments after the second delivery", got)
		}
		reqs := f.MediaRequests()
		if countPrefix(reqs, "info 1045207366221290") != 1 || countPrefix(reqs, "download 1045207366221290") != 1 {
			t.Errorf("media requests: %v", reqs)
		}
	})
}

// TestWhatsAppMediaRefused: a PDF sent as a document and a photo declared
// larger than the limit are not kept; each message's text is still
// recorded on the sender's complaint with a note saying why the file was
// refused, and the reason is in the log. The oversize file is never
// downloaded.
func TestWhatsAppMediaRefused(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := wafake.Start(t)
		var log safeBuffer
		m := startWithWhatsApp(t, d, f, &log, func(mc *MessagingConfig) { mc.AttachMaxBytes = 1 << 20 })
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Lampu PJU mati di Jl. Juanda.",
			"citizen": map[string]any{"name": "Ani", "phone": "081377773333"}}).Must(t, 201)

		f.AddMedia("2001", "application/pdf", []byte("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n"))
		f.AddMediaOfSize("2002", "image/jpeg", attachtest.JPEG(64, 64), 25<<20)
		postWebhook(t, m, waMedia("wamid.DOC1", "6281377773333", "document", "2001", "application/pdf", "surat RT", "surat-rt.pdf"))
		postWebhook(t, m, waMedia("wamid.BIG1", "6281377773333", "image", "2002", "image/jpeg", "foto besar", ""))
		var doc, big map[string]any
		waitUntil(t, "both messages handled", 30*time.Second, func() bool {
			doc, big = nil, nil
			for _, msg := range messagesOf(t, op, cmp) {
				switch apitest.Str(msg, "body") {
				case "[document] surat RT":
					doc = msg
				case "[image] foto besar":
					big = msg
				}
			}
			return doc != nil && big != nil && apitest.Str(doc, "status") == "processed" && apitest.Str(big, "status") == "processed"
		})
		if n := apitest.Str(doc, "note"); !strings.Contains(n, "surat-rt.pdf: not a JPEG or PNG image") {
			t.Errorf("note of the PDF: %q", n)
		}
		if n := apitest.Str(big, "note"); !strings.Contains(n, "whatsapp-image.jpg") || !strings.Contains(n, "file too large") {
			t.Errorf("note of the oversize photo: %q", n)
		}
		if got := apitest.Items(op.Do("GET", complaintPath(cmp)+"/attachments", nil).Must(t, 200)); len(got) != 0 {
			t.Errorf("refused files were kept: %v", got)
		}
		if r := f.MediaRequests(); countPrefix(r, "download 2002") != 0 || countPrefix(r, "download 2001") != 1 {
			t.Errorf("media requests: %v", r)
		}
		logged := log.String()
		if !strings.Contains(logged, "inbound attachment refused") || !strings.Contains(logged, "not a JPEG or PNG image") ||
			!strings.Contains(logged, "file too large") {
			t.Errorf("log has no reasons:\n%s", logged)
		}
	})
}

// TestWhatsAppMediaDownloadRetries: while Meta answers 500 (to the URL
// lookup or to the download) the job is tried again with backoff, asking
// for a fresh URL each time, and the photo lands once Meta answers;
// a file that still cannot be fetched at the last attempt leaves its
// message recorded and matched, with a note that says so.
func TestWhatsAppMediaDownloadRetries(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := wafake.Start(t)
		f.MediaFail = func(step, id string, n int) int {
			// 3001: two failed lookups, then a failed download (the
			// next try asks for a fresh URL), then success.
			if id == "3002" || (id == "3001" && (n <= 2 || n == 4)) {
				return 500
			}
			return 0
		}
		m := startWithWhatsApp(t, d, f, nil, func(mc *MessagingConfig) { mc.MaxAttempts = 4 })
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Jalan amblas di Jl. Tole Iskandar.",
			"citizen": map[string]any{"name": "Ani", "phone": "081377774444"}}).Must(t, 201)
		f.AddMedia("3001", "image/jpeg", attachtest.JPEGWithGPS(320, 240, -6.40, 106.83))
		f.AddMedia("3002", "image/jpeg", attachtest.JPEG(32, 32))
		postWebhook(t, m, waMedia("wamid.RETRY1", "6281377774444", "image", "3001", "image/jpeg", "", ""))
		postWebhook(t, m, waMedia("wamid.LOST1", "6281377774444", "image", "3002", "image/jpeg", "kedua", ""))
		waitUntil(t, "the photo after retries", 30*time.Second, func() bool {
			return len(apitest.Items(op.Do("GET", complaintPath(cmp)+"/attachments", nil).Must(t, 200))) == 1
		})
		var lost map[string]any
		waitUntil(t, "the message whose file never came", 30*time.Second, func() bool {
			for _, msg := range messagesOf(t, op, cmp) {
				if apitest.Str(msg, "body") == "[image] kedua" && apitest.Str(msg, "status") == "processed" {
					lost = msg
					return true
				}
			}
			return false
		})
		if n := apitest.Str(lost, "note"); !strings.Contains(n, "not fetched after 4 attempts") || !strings.Contains(n, "500") {
			t.Errorf("note of the message whose file never came: %q", n)
		}
		r := f.MediaRequests()
		if countPrefix(r, "info 3001") != 4 || countPrefix(r, "download 3001") != 2 || countPrefix(r, "info 3002") != 4 {
			t.Errorf("media requests: %v", r)
		}
	})
}
