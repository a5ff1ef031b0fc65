package server_test

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"html"
	"image"
	"image/jpeg"
	"io"
	"log/slog"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/api"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/channel/whatsapp"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/live"
	"github.com/kotakita/aduan/internal/server"
	"github.com/kotakita/aduan/internal/store"
	"github.com/kotakita/aduan/internal/web"
)

// bodyEnv is a running server with short deadlines (the work's as given,
// a body cut after 1 s without a byte, or under 1 KB/s on average after
// 3 s), the public form and photos, an operator's and a coordinator's
// tokens.
type bodyEnv struct {
	st     *store.Store
	url    string
	c      *apitest.Client
	op, ko string
	opUser *aduan.User
	files  string
	clock  *fakeClock
}

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time      { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Add(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

func newBodyEnv(t *testing.T, d store.Dialect, timeout time.Duration) *bodyEnv {
	t.Helper()
	st := dbtest.OpenSeeded(t, d)
	clock := &fakeClock{t: time.Now()}
	st.Now = clock.Now
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	hub, _ := live.NewHub(nil)
	dir := t.TempDir()
	srv := server.New(server.Config{Store: st, Log: log, Messaging: testMessaging(t, st), Console: &web.Config{Hub: hub},
		Public:         &web.Public{Files: &attach.Local{Dir: dir}},
		RequestTimeout: timeout, BodyIdle: time.Second, BodyGrace: 3 * time.Second, BodyMinRate: 1024})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	e := &bodyEnv{st: st, url: ts.URL, c: apitest.New(t, ts.URL), files: dir, clock: clock}
	for _, r := range []aduan.Role{aduan.RoleOperatorCC, aduan.RoleKoordinatorCC} {
		u := &aduan.User{Username: dbtest.Name("body"), Name: "User " + string(r), Role: r, Active: true}
		if err := st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-uji-123"); err != nil {
			t.Fatal(err)
		}
		tok, _, err := st.Users().CreateToken(ctx, aduan.System, u.ID, "test")
		if err != nil {
			t.Fatal(err)
		}
		if r == aduan.RoleOperatorCC {
			e.op, e.opUser = tok, u
		} else {
			e.ko = tok
		}
	}
	return e
}

// trickle is a request body that arrives slowly: size bytes in pieces of
// step every pause, or, with stallAt > 0, that many bytes and then
// nothing until the test ends.
type trickle struct {
	data    []byte
	step    int
	pause   time.Duration
	stallAt int
	stop    chan struct{}
	done    int
}

func (tr *trickle) Read(p []byte) (int, error) {
	if len(tr.data) == 0 {
		return 0, io.EOF
	}
	if tr.stallAt > 0 && tr.stallAt <= tr.done {
		// Silent until the test ends, or for longer than the client waits
		// (its transport waits for the body's writer before it gives up).
		select {
		case <-tr.stop:
		case <-time.After(20 * time.Second):
		}
		return 0, io.ErrUnexpectedEOF
	}
	time.Sleep(tr.pause)
	n := min(tr.step, len(tr.data), len(p))
	if tr.stallAt > 0 {
		n = min(n, tr.stallAt-tr.done)
	}
	copy(p, tr.data[:n])
	tr.data = tr.data[n:]
	tr.done += n
	return n, nil
}

// answer is what a post got back.
type answer struct {
	status int
	header http.Header
	body   string
	err    error
}

// post sends body slowly (as tr says) with its full length announced.
func (e *bodyEnv) post(path, ctype string, body []byte, tr trickle, header map[string]string) answer {
	tr.data, tr.stop = body, make(chan struct{})
	defer close(tr.stop)
	req, _ := http.NewRequest("POST", e.url+path, &tr)
	req.ContentLength = int64(len(body))
	req.Header.Set("Content-Type", ctype)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	// A bound on the whole exchange: a stalled body not cut by the
	// server fails the test here instead of hanging it.
	client := &http.Client{Timeout: 15 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		return answer{err: err}
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return answer{status: res.StatusCode, header: res.Header, body: string(b)}
}

// send is post on the test's goroutine, failing it if no answer came.
func (e *bodyEnv) send(t *testing.T, path, ctype string, body []byte, tr trickle, header map[string]string) (*http.Response, string) {
	t.Helper()
	a := e.post(path, ctype, body, tr, header)
	if a.err != nil {
		t.Fatalf("POST %s: %v", path, a.err)
	}
	return &http.Response{StatusCode: a.status, Header: a.header}, a.body
}

var lapTokenRe = regexp.MustCompile(`name="token" value="([^"]+)"`)

// lapor is the public form's body: a complaint with a photo of about
// 180 KB, as a phone sends it.
func (e *bodyEnv) lapor(t *testing.T, text string) ([]byte, string) {
	t.Helper()
	res := e.c.Do("GET", "/lapor", nil)
	m := lapTokenRe.FindSubmatch(res.Raw)
	if m == nil {
		t.Fatalf("/lapor: %d, no form token", res.Status)
	}
	e.clock.Add(10 * time.Second)
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range map[string]string{"text": text, "phone": "081298765432", "name": "Ani", "consent": "1", "token": string(m[1])} {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("photo", "jalan.jpg")
	fw.Write(noisyJPEG(500, 380))
	mw.Close()
	return b.Bytes(), mw.FormDataContentType()
}

// noisyJPEG is a photo that compresses as little as a real one: a
// camera's noise rather than a smooth gradient.
func noisyJPEG(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = uint8(rnd.IntN(256))
	}
	var b bytes.Buffer
	jpeg.Encode(&b, img, &jpeg.Options{Quality: 80})
	return b.Bytes()
}

func (e *bodyEnv) complaints(t *testing.T) int {
	t.Helper()
	items := apitest.Items(e.c.As(e.ko).Do("GET", "/api/v1/complaints?limit=100", nil).Must(t, 200))
	return len(items)
}

// TestSlowBodyStored: a weak mobile link sends its request far slower
// than the work's deadline allows (1 s here; 30 s in service), each over
// about 2 s, at once: the public form with a photo of ~180 KB, the JSON
// API's new complaint, Open311's and the WhatsApp webhook. Each is
// stored: the body has its own deadline, and the work's counts from when
// it is in. Before, each was a 500 (the public form's typed complaint
// lost) or, on Open311, a 400.
func TestSlowBodyStored(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newBodyEnv(t, d, time.Second)
		before := e.complaints(t)
		slowly := func(b []byte) trickle { return trickle{step: len(b)/20 + 1, pause: 100 * time.Millisecond} }

		lapor, ctype := e.lapor(t, "Jalan berlubang di depan SDN Mekarjaya 3, dikirim dari sinyal lemah.")
		if len(lapor) < 100<<10 {
			t.Fatalf("the form is only %d bytes", len(lapor))
		}
		j, _ := json.Marshal(map[string]any{"text": "Saluran air tersumbat di Jl. Mawar, dikirim dari sinyal lemah.",
			"citizen": map[string]any{"name": "Budi", "phone": "081377771111"}})
		form := []byte("api_key=" + e.open311Key(t) + "&service_code=PJU&description=Lampu+jalan+mati+di+Jl.+Juanda+sejak+seminggu&lat=-6.4&long=106.8&phone=081377772222")
		wa := []byte(`{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
		"messaging_product":"whatsapp","metadata":{"display_phone_number":"6281100000000","phone_number_id":"PNID"},
		"contacts":[{"profile":{"name":"Rina"},"wa_id":"6281377778888"}],
		"messages":[{"from":"6281377778888","id":"wamid.SLOW1","timestamp":"1790000000","type":"text","text":{"body":"Lampu jalan mati, sinyal lemah"}}]}}]}]}`)
		posts := []struct {
			name, path, ctype string
			body              []byte
			header            map[string]string
			want              int
		}{
			{"/lapor", "/lapor", ctype, lapor, nil, http.StatusSeeOther},
			{"API", "/api/v1/complaints", "application/json", j, map[string]string{"Authorization": "Bearer " + e.op}, http.StatusCreated},
			{"Open311", "/open311/v2/requests.json", "application/x-www-form-urlencoded", form, nil, http.StatusOK},
			{"WhatsApp webhook", "/api/v1/channels/whatsapp/webhook", "application/json", wa, map[string]string{"X-Hub-Signature-256": whatsapp.Sign(testAppSecret, wa)}, http.StatusOK},
		}
		answers := make([]answer, len(posts))
		var wg sync.WaitGroup
		for i, p := range posts {
			wg.Go(func() { answers[i] = e.post(p.path, p.ctype, p.body, slowly(p.body), p.header) })
		}
		wg.Wait()
		for i, p := range posts {
			if a := answers[i]; a.err != nil || a.status != p.want {
				t.Errorf("%s, slowly: %d %v, want %d\n%s", p.name, a.status, a.err, p.want, a.body)
			}
		}
		if loc := answers[0].header.Get("Location"); !strings.HasPrefix(loc, "/lapor/terkirim?nomor=") {
			t.Errorf("/lapor led to %q", loc)
		}
		if files := filesIn(t, e.files); len(files) != 2 {
			t.Errorf("the photo and its thumbnail: %v", files)
		}
		msgs := apitest.Items(e.c.As(e.ko).Do("GET", "/api/v1/messages", nil).Must(t, 200))
		if len(msgs) != 1 || !strings.Contains(apitest.Str(msgs[0], "body"), "sinyal lemah") {
			t.Errorf("the webhook's message: %v", msgs)
		}
		if n := e.complaints(t); n != before+3 {
			t.Errorf("complaints %d -> %d, want 3 more", before, n)
		}
	})
}

func (e *bodyEnv) open311Key(t *testing.T) string {
	t.Helper()
	secret, _, err := e.st.Open311().CreateOpen311Key(ctx, aduan.System, "Aplikasi uji", 100)
	if err != nil {
		t.Fatal(err)
	}
	return secret
}

// TestStalledBodyCut: a client that announces a body, sends half of it
// and goes silent is cut once no byte came for the idle bound (1 s here;
// 20 s in service), not held: each surface answers 408 in its own shape
// (the HTML page, the API's JSON error, Open311's error list, never a
// 400), and nothing is stored. The client here gives up after 15 s, so a
// body that is not cut fails the test.
func TestStalledBodyCut(t *testing.T) {
	e := newBodyEnv(t, store.SQLite, 400*time.Millisecond)
	before := e.complaints(t)
	stall := func(body []byte) trickle { return trickle{step: 64 << 10, stallAt: len(body) / 2} }

	body, ctype := e.lapor(t, "Pohon tumbang di Jl. Margonda.")
	res, page := e.send(t, "/lapor", ctype, body, stall(body), nil)
	if res.StatusCode != http.StatusRequestTimeout || !strings.Contains(html.UnescapeString(page), "Kiriman terputus atau terlalu lambat sampai") {
		t.Errorf("/lapor, stalled: %d\n%s", res.StatusCode, page)
	}

	j, _ := json.Marshal(map[string]any{"text": "Saluran air tersumbat di Jl. Mawar.", "citizen": map[string]any{"name": "Budi", "phone": "081377771111"}})
	res, out := e.send(t, "/api/v1/complaints", "application/json", j, stall(j), map[string]string{"Authorization": "Bearer " + e.op})
	var eb api.ErrorBody
	json.Unmarshal([]byte(out), &eb)
	if res.StatusCode != http.StatusRequestTimeout || eb.Error.Code != aduan.ETIMEOUT || !strings.Contains(eb.Error.Message, "Kiriman terputus") {
		t.Errorf("API, stalled: %d %s", res.StatusCode, out)
	}

	form := []byte("api_key=" + e.open311Key(t) + "&service_code=PJU&description=Lampu+jalan+mati+di+Jl.+Juanda&lat=-6.4&long=106.8")
	res, out = e.send(t, "/open311/v2/requests.xml", "application/x-www-form-urlencoded", form, stall(form), nil)
	var xe struct {
		Errors []struct {
			Code int    `xml:"code"`
			Desc string `xml:"description"`
		} `xml:"error"`
	}
	if err := xml.Unmarshal([]byte(out), &xe); err != nil || res.StatusCode != http.StatusRequestTimeout || len(xe.Errors) != 1 || xe.Errors[0].Code != 408 {
		t.Errorf("Open311, stalled: %d %s (%v)", res.StatusCode, out, err)
	}
	if n := e.complaints(t); n != before {
		t.Errorf("complaints %d -> %d", before, n)
	}
}

// TestBodyOverLimit: a body over its route's limit is a 413 in the route's
// shape before it is read: 1 MiB on the API (JSON), the public form's
// photo limit and a megabyte, Open311 (its error list).
func TestBodyOverLimit(t *testing.T) {
	e := newBodyEnv(t, store.SQLite, 5*time.Second)
	big := bytes.Repeat([]byte("a"), 12<<20)
	res, out := e.send(t, "/api/v1/complaints", "application/json", big[:2<<20], trickle{step: 1 << 20}, map[string]string{"Authorization": "Bearer " + e.op})
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(out, `"code":"too_large"`) {
		t.Errorf("API, 2 MiB: %d %s", res.StatusCode, out)
	}
	res, out = e.send(t, "/lapor", "multipart/form-data; boundary=x", big, trickle{step: 1 << 20}, nil)
	if res.StatusCode != http.StatusRequestEntityTooLarge || !strings.Contains(html.UnescapeString(out), "Isi permintaan terlalu besar") {
		t.Errorf("/lapor, 12 MiB: %d", res.StatusCode)
	}
	res, out = e.send(t, "/open311/v2/requests.json", "application/x-www-form-urlencoded", big[:2<<20], trickle{step: 1 << 20}, nil)
	if res.StatusCode != http.StatusRequestEntityTooLarge || !regexp.MustCompile(`"code":\s*413`).MatchString(out) {
		t.Errorf("Open311, 2 MiB: %d %s", res.StatusCode, out)
	}
}

// TestExpiredDeadlineNotA500: work that cannot finish within its deadline
// (1.5 s here; PostgreSQL with the table it needs locked by another
// transaction) is answered with a status a client retries — 503 with
// Retry-After — in each surface's shape: the API's JSON error, Open311's
// error list (never a 400), the console's page, and the public form back
// with what was typed. Never a 500.
func TestExpiredDeadlineNotA500(t *testing.T) {
	if !slices.Contains(dbtest.Dialects, store.Postgres) {
		t.Skip("PostgreSQL is not available")
	}
	e := newBodyEnv(t, store.Postgres, 1500*time.Millisecond)
	body, ctype := e.lapor(t, "Sampah menumpuk di Jl. Melati sejak Senin, belum diangkut.")
	session, err := e.st.Users().CreateSession(ctx, e.opUser.ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	lock := func(tables string) func() {
		tx, err := e.st.DB().BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := tx.ExecContext(ctx, "LOCK TABLE "+tables+" IN ACCESS EXCLUSIVE MODE"); err != nil {
			t.Fatal(err)
		}
		return func() { tx.Rollback() }
	}

	unlock := lock("complaints")
	res := e.c.As(e.op).Do("GET", "/api/v1/complaints", nil)
	if res.Status != http.StatusServiceUnavailable || res.ErrorCode() != aduan.EUNAVAILABLE || res.Header.Get("Retry-After") == "" {
		t.Errorf("API: %d %s", res.Status, res.Raw)
	}
	req, _ := http.NewRequest("GET", e.url+"/queue", nil)
	req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: session})
	if res := e.c.Send(req); res.Status != http.StatusServiceUnavailable || res.Header.Get("Retry-After") == "" {
		t.Errorf("console: %d", res.Status)
	}
	hr, page := e.send(t, "/lapor", ctype, body, trickle{step: 64 << 10}, nil)
	page = html.UnescapeString(page)
	if hr.StatusCode != http.StatusServiceUnavailable || hr.Header.Get("Retry-After") == "" || !strings.Contains(page, "Sampah menumpuk di Jl. Melati sejak Senin") ||
		!strings.Contains(page, `name="token"`) {
		t.Errorf("/lapor: %d, the form with what was typed and a token?\n%s", hr.StatusCode, page)
	}
	unlock()

	unlock = lock("categories")
	res = e.c.Do("GET", "/open311/v2/services.json", nil)
	if res.Status != http.StatusServiceUnavailable || !regexp.MustCompile(`"code":\s*503`).Match(res.Raw) || res.Header.Get("Retry-After") == "" {
		t.Errorf("Open311: %d %s", res.Status, res.Raw)
	}
	unlock()
	if n := e.complaints(t); n != 0 {
		t.Errorf("%d complaints stored", n)
	}
}

func filesIn(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	var walk func(string)
	walk = func(d string) {
		entries, _ := os.ReadDir(d)
		for _, en := range entries {
			if en.IsDir() {
				walk(d + "/" + en.Name())
			} else {
				out = append(out, d+"/"+en.Name())
			}
		}
	}
	walk(dir)
	return out
}
