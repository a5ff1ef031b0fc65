package main

import (
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

// Browser tests drive the console in real headless Chromium, as people
// would: three sessions (operator, agency operator on a phone-sized screen,
// coordinator) each in its own browser context with its own cookies.

// browserSlots bounds the Chromiums running at once. The browser tests
// run in parallel with the package's other tests, but a browser renders
// and runs the pages' scripts on the machine's two cores: more than two
// at once would only stretch each browser action towards its 30-second
// deadline.
var browserSlots = make(chan struct{}, 2)

// chromium starts one headless browser for the test and returns its
// allocator context; each session is a new browser context within it. It
// waits for a free browser slot first; the slot is freed when the test
// ends, after its browser is closed.
func chromium(t *testing.T) context.Context {
	t.Helper()
	path, err := exec.LookPath("chromium")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("chromium is not installed; CI must install it (scripts/test does)")
		}
		t.Skip("chromium not installed")
	}
	browserSlots <- struct{}{}
	t.Cleanup(func() { <-browserSlots })
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.DisableGPU,
		chromedp.NoSandbox,
	)
	alloc, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	// The first context starts the browser process.
	root, cancelRoot := chromedp.NewContext(alloc)
	t.Cleanup(cancelRoot)
	if err := chromedp.Do(root); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return root
}

// session is one person at one browser window.
type session struct {
	t    *testing.T
	ctx  context.Context
	base string
	name string
}

// newSession opens an isolated browser context (own cookies) with a window
// of the given size, and logs in.
func newSession(t *testing.T, root context.Context, base, name string, w, h int64, username, password string) *session {
	t.Helper()
	ctx, cancel := chromedp.NewContext(root, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	s := &session{t: t, ctx: ctx, base: base, name: name}
	// The first action on a chromedp context opens its tab and ties the
	// tab's life to the context it ran with: run it on the session's own
	// context, never on one with a deadline.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open %s: %v", name, err)
	}
	var vopts []chromedp.EmulateViewportOption
	if w < 600 {
		vopts = append(vopts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	s.run(chromedp.EmulateViewport(w, h, vopts...))
	s.run(chromedp.Navigate(base+"/login"),
		chromedp.WaitVisible(`input[name=username]`),
		chromedp.SendKeys(`input[name=username]`, username),
		chromedp.SendKeys(`input[name=password]`, password),
		chromedp.Submit(`input[name=password]`),
		chromedp.WaitVisible(`header nav`),
	)
	return s
}

// run runs browser actions with a deadline, failing the test on error.
func (s *session) run(actions ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 30*time.Second)
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		s.fail(err)
	}
}

func (s *session) fail(err error) {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 5*time.Second)
	defer cancel()
	url, _ := chromedp.Run(ctx, chromedp.Location())
	// The screenshot goes with the test's temporary folder unless
	// $ADUAN_SCREENSHOTS is set: the page's title and what it says in its
	// alerts and status lines go into the failure itself, so that a
	// failure under load can be read from the log alone.
	said, _ := chromedp.Run(ctx, chromedp.Evaluate[string](`document.title + " | " + Array.from(document.querySelectorAll('[role=alert], [role=status], .form-error, .notice, output')).map(e => e.innerText.trim()).filter(Boolean).join(" | ").slice(0, 600)`))
	s.shot("failure-" + s.name)
	s.t.Fatalf("%s at %s (page: %s): %v", s.name, url, said, err)
}

// get runs one action that returns a value.
func get[T any](s *session, a chromedp.Action[T]) T {
	s.t.Helper()
	ctx, cancel := context.WithTimeout(s.ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		s.fail(err)
	}
	return v
}

func (s *session) go_(path string) {
	s.t.Helper()
	s.run(chromedp.Navigate(s.base+path), chromedp.WaitReady("body"))
}

func (s *session) text(sel string) string {
	s.t.Helper()
	return get(s, chromedp.Text(sel, chromedp.NodeVisible))
}

func (s *session) value(sel string) string {
	s.t.Helper()
	return get(s, chromedp.Value(sel))
}

func (s *session) location() string {
	s.t.Helper()
	return get(s, chromedp.Location())
}

// poll waits until the JavaScript expression is true. It asks again and
// again from Go rather than polling in the page, because the page may
// navigate in between (a form posted, the call pop), which ends any script
// running in it.
func (s *session) poll(expr string) {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	var lastErr error
	for time.Now().Before(deadline) {
		ctx, cancel := context.WithTimeout(s.ctx, 2*time.Second)
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool](expr))
		cancel()
		if err == nil && ok {
			return
		}
		lastErr = err
		time.Sleep(50 * time.Millisecond)
	}
	s.fail(fmt.Errorf("waiting for %s: %v", expr, lastErr))
}

// waitText waits until the element's text contains want.
func (s *session) waitText(sel, want string) {
	s.t.Helper()
	s.poll(fmt.Sprintf(`(function(){var e=document.querySelector(%q);return !!e && e.innerText.indexOf(%q)>=0})()`, sel, want))
}

// shot writes a screenshot of the whole page to $ADUAN_SCREENSHOTS (the
// README's pictures come from there) or to the test's temporary folder.
func (s *session) shot(name string) {
	dir := os.Getenv("ADUAN_SCREENSHOTS")
	if dir == "" {
		dir = s.t.TempDir()
	}
	ctx, cancel := context.WithTimeout(s.ctx, 15*time.Second)
	defer cancel()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		s.t.Logf("screenshot %s: %v", name, err)
		return
	}
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
		s.t.Logf("screenshot %s: %v", name, err)
	}
}

// act takes a workflow step from the complaint page: it opens the step's
// form, lets fill type into it, submits, and waits for the step's own
// confirmation (a leftover message from the step before would not do).
func (s *session) act(action string, fill ...chromedp.Action[chromedp.Void]) {
	s.t.Helper()
	sel := "#act-" + action
	s.run(chromedp.WaitVisible(sel + " summary"))
	if s.count(sel+"[open]") == 0 {
		s.run(chromedp.Click(sel + " summary"))
	}
	s.run(fill...)
	s.run(chromedp.Click(sel + ` button[type=submit]`))
	s.waitText(".flash", i18n.T(i18n.ID, "web.ok.done."+action))
}

// status reads the status badge of the complaint page.
func (s *session) status() string {
	return strings.TrimSpace(s.text(`.head h1 .status`))
}

// TestBrowserWholeSOP: an operator takes a call, asks for the missing
// identity, forwards; the agency operator answers on a phone; the operator
// relays and closes; the coordinator's dashboard shows it.
func TestBrowserWholeSOP(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	m.Store.Now = time.Now
	base := "http://" + m.Addr()
	mkUser(t, m, "siti", "Siti Operator", aduan.RoleOperatorCC, "")
	mkUser(t, m, "rina", "Rina DPUPR", aduan.RoleOperatorPD, "DPUPR")
	mkUser(t, m, "dewi", "Dewi Koordinator", aduan.RoleKoordinatorCC, "")

	op := newSession(t, root, base, "operator", 1366, 768, "siti", "kata-sandi-uji-123")
	op.go_("/desk")
	op.shot("desk-empty")
	op.run(
		chromedp.SendKeys(`#f-phone`, "0812 7777 1234"),
		chromedp.WaitVisible(`.new-caller`),
		chromedp.SendKeys(`input[name=name]`, "Budi Hartono"),
		chromedp.SendKeys(`#f-text`, "Lampu PJU di Jl. Nusantara depan masjid mati sudah 3 malam, jalan jadi gelap."),
		chromedp.SendKeys(`input[name=place]`, "Jl. Nusantara depan Masjid Al-Ikhlas"),
		chromedp.SetValue(`select[name=kelurahan]`, "32.76.01.1007"),
		chromedp.SetValue(`select[name=category]`, fmt.Sprint(deskCategory(t, m, "PJU"))),
	)
	// The address is missing: the form says so.
	if n := op.count(`input[name=address].missing`); n != 1 {
		t.Errorf("missing address not highlighted (%d)", n)
	}
	op.shot("desk-typed")
	// Saved: a fresh desk for the next call, its toast linking the
	// complaint.
	op.run(chromedp.Click(`button[value=identity]`), chromedp.WaitVisible(`#saved-toast a`))
	if !strings.Contains(op.text(`#saved-toast`), "SMS") {
		t.Errorf("toast: %q", op.text(`#saved-toast`))
	}
	op.run(chromedp.Click(`#saved-toast a`), chromedp.WaitVisible(`.head h1`))
	if st := op.status(); st != "Menunggu identitas" {
		t.Fatalf("after save & ask identity: %q", st)
	}
	op.shot("complaint-awaiting-identity")
	path := strings.TrimPrefix(op.location(), base)
	number := strings.Fields(op.text(`.head h1`))[0]

	// The citizen's SMS reply came back: the operator fills the address.
	op.act("provide_identity", chromedp.SendKeys(`#act-provide_identity input[name=address]`, "Jl. Nusantara Gg. Melati 4"))
	if st := op.status(); st != "Tercatat" {
		t.Fatalf("after identity: %q", st)
	}
	// Forward with the keyboard: Alt+T opens the forward form.
	op.run(
		chromedp.KeyEvent("t", chromedp.KeyModifiers(chromedp.ModifierAlt)),
		chromedp.WaitVisible(`#act-forward select[name=agency_id]`),
	)
	op.act("forward", chromedp.SetValue(`#act-forward select[name=agency_id]`, fmt.Sprint(agencyID(t, m, "DPUPR"))))
	if st := op.status(); st != "Diteruskan ke PD" {
		t.Fatalf("after forward: %q", st)
	}

	// The agency operator, on a 360-px phone.
	pd := newSession(t, root, base, "agency", 360, 740, "rina", "kata-sandi-uji-123")
	pd.go_("/pd")
	pd.waitText(`.inbox`, number)
	pd.shot("agency-inbox-360")
	pd.run(chromedp.Click(`a.inbox-card`), chromedp.WaitVisible(`.head h1`))
	if got := pd.text(`.citizen`); !strings.Contains(got, "Budi Hartono") {
		t.Errorf("agency does not see the caller: %q", got)
	}
	pd.act("acknowledge")
	if st := pd.status(); st != "Diterima PD" {
		t.Fatalf("after acknowledge: %q", st)
	}
	photo := filepath.Join(t.TempDir(), "lampu-baru.jpg")
	writeJPEG(t, photo)
	pd.run(
		chromedp.Click(`#act-agency_answer summary`),
		chromedp.SendKeys(`#act-agency_answer textarea`, "Lampu PJU sudah diganti oleh UPT PJU Dishub hari ini pukul 15.00."),
		chromedp.SetUploadFiles(`#act-agency_answer input[type=file]`, []string{photo}),
	)
	pd.shot("agency-answer-360")
	pd.run(chromedp.Click(`#act-agency_answer button[type=submit]`))
	pd.waitText(".flash", i18n.T(i18n.ID, "web.ok.done.agency_answer"))
	pd.run(chromedp.WaitVisible(`.inbox`))

	// Back at the call center: receive, relay, close.
	op.go_(path)
	// The agency's photo came with its answer.
	if n := op.count(`.gallery img`); n != 1 {
		t.Errorf("gallery shows %d photos after the agency's answer with one", n)
	}
	op.act("receive_answer")
	op.run(chromedp.Click(`#act-relay summary`), chromedp.WaitVisible(`#act-relay textarea`))
	if v := op.value(`#act-relay textarea`); !strings.Contains(v, "UPT PJU") {
		t.Errorf("relay text not pre-filled with the agency's answer: %q", v)
	}
	op.act("relay")
	op.act("close")
	if st := op.status(); st != "Selesai" {
		t.Fatalf("after close: %q", st)
	}
	timeline := op.text(`.timeline`)
	for _, want := range []string{"Pengaduan dicatat", "Identitas diminta via SMS", "Identitas dilengkapi", "Diteruskan ke PD", "Diterima PD", "Dijawab PD", "Jawaban PD diterima", "Jawaban disampaikan via SMS", "Diselesaikan", "Rina DPUPR"} {
		if !strings.Contains(timeline, want) {
			t.Errorf("timeline lacks %q", want)
		}
	}
	op.shot("complaint-closed")

	// The coordinator's dashboard counts it.
	ko := newSession(t, root, base, "coordinator", 1366, 768, "dewi", "kata-sandi-uji-123")
	ko.go_("/dashboard")
	if got := ko.text(`.tiles .tile:first-child .n`); got != "1" {
		t.Errorf("today's complaints on the dashboard: %q", got)
	}
	if got := ko.text(`.dash`); !strings.Contains(got, "Diteruskan ke PD (SOP 7)") || !strings.Contains(got, "Dijawab PD (SOP 8)") {
		t.Errorf("dashboard compliance lacks the steps: %q", got)
	}
	ko.shot("dashboard")
}

func (s *session) count(sel string) int {
	s.t.Helper()
	return get(s, chromedp.Evaluate[int](fmt.Sprintf(`document.querySelectorAll(%q).length`, sel)))
}

func mkUser(t *testing.T, m *Main, username, name string, role aduan.Role, agency string) *aduan.User {
	t.Helper()
	u := &aduan.User{Username: username, Name: name, Role: role, Active: true}
	if agency != "" {
		u.AgencyID = agencyID(t, m, agency)
	}
	if err := m.Store.Users().CreateUser(context.Background(), aduan.System, u, "kata-sandi-uji-123"); err != nil {
		t.Fatal(err)
	}
	return u
}

// TestBrowserDeskHelpsTheOperator: a returning caller is recognised; the
// incoming-call pop opens the form; a new complaint by another operator
// appears in the queue without reloading; bad input is shown next to its
// field with the typing kept; an agency cannot open another agency's
// complaint by editing the URL.
func TestBrowserDeskHelpsTheOperator(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	m.Store.Now = time.Now
	base := "http://" + m.Addr()
	ctx := context.Background()
	siti := mkUser(t, m, "siti", "Siti Operator", aduan.RoleOperatorCC, "")
	mkUser(t, m, "budi", "Budi Operator", aduan.RoleOperatorCC, "")
	mkUser(t, m, "rina", "Rina DPUPR", aduan.RoleOperatorPD, "DPUPR")
	// A caller who called before, and a complaint at DISHUB.
	first, err := m.Store.Complaints().CreateComplaint(ctx, siti.Actor(), aduan.NewComplaint{Text: "Sampah belum diangkut 4 hari di TPS Pasar Cisalak.",
		Citizen: &aduan.CitizenInput{Name: "Ani Lestari", Phone: "081355550001", Address: "Jl. Cisalak 2"}})
	if err != nil {
		t.Fatal(err)
	}
	other, _ := m.Store.Complaints().CreateComplaint(ctx, siti.Actor(), aduan.NewComplaint{Text: "Lampu lalu lintas mati di simpang Juanda.", CategoryID: deskCategory(t, m, "LALU_LINTAS"), Citizen: &aduan.CitizenInput{Phone: "081355550002"}})
	if _, _, err := m.Store.Complaints().ApplyAction(ctx, siti.Actor(), other.ID, other.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: agencyID(t, m, "DISHUB"), ReachedBy: aduan.ReachedByPhone}); err != nil {
		t.Fatal(err)
	}

	op := newSession(t, root, base, "operator", 1366, 768, "siti", "kata-sandi-uji-123")

	// Returning caller: typing the number brings their details and history.
	op.go_("/desk")
	op.run(chromedp.SendKeys(`#f-phone`, "0813-5555-0001"), chromedp.WaitVisible(`.known-caller`))
	if v := op.value(`input[name=name]`); v != "Ani Lestari" {
		t.Errorf("returning caller's name not filled: %q", v)
	}
	op.waitText(`#history`, first.Number)
	op.shot("desk-returning-caller")

	// Bad input: an impossible number; the error sits by the field and the
	// complaint text stays.
	op.go_("/desk")
	op.run(
		chromedp.SendKeys(`#f-phone`, "0812-34"),
		chromedp.SendKeys(`#f-text`, "Jalan berlubang di depan SDN Sukmajaya 3."),
		chromedp.Click(`button[value=save]`),
		chromedp.WaitVisible(`.field-error`),
	)
	if got := op.text(`label.phone .field-error`); !strings.Contains(got, "Nomor telepon tidak valid") {
		t.Errorf("phone error: %q", got)
	}
	if v := op.value(`#f-text`); v != "Jalan berlubang di depan SDN Sukmajaya 3." {
		t.Errorf("typed text lost: %q", v)
	}
	op.shot("desk-bad-input")

	// Live queue: another operator records a complaint; it appears here.
	op.go_("/queue")
	budi := apitest.New(t, base)
	budi.Do("POST", "/api/v1/auth/login", map[string]any{"username": "budi", "password": "kata-sandi-uji-123"}).Must(t, 200)
	created := budi.Do("POST", "/api/v1/complaints", map[string]any{"text": "Pohon tumbang menutup Jl. Margonda arah UI.", "citizen": map[string]any{"phone": "081355550003"}}).Must(t, 201)
	op.waitText(`#queue-rows`, apitest.Str(created, "number"))
	op.shot("queue")

	// The incoming-call pop: the PBX posts the caller's number; the desk
	// opens with it.
	op.go_("/desk")
	op.poll(`document.body.getAttribute("data-live-open") === "1"`) // the page's event stream is open
	tok, _, err := m.Store.Users().CreateToken(ctx, aduan.System, siti.ID, "PBX")
	if err != nil {
		t.Fatal(err)
	}
	pbx := apitest.New(t, base).As(tok)
	pbx.Do("POST", "/api/v1/calls", map[string]any{"phone": "0813 5555 0001", "operator": "siti"}).Must(t, 202)
	op.poll(`location.search.indexOf("call=")>=0 && !!document.querySelector("#f-phone") && document.querySelector("#f-phone").value.indexOf("6281355550001")>=0`)
	op.run(chromedp.WaitVisible(`.known-caller`))
	op.shot("desk-incoming-call")

	// An agency operator edits the URL to another agency's complaint.
	pd := newSession(t, root, base, "agency", 360, 740, "rina", "kata-sandi-uji-123")
	pd.go_(fmt.Sprintf("/complaints/%d", other.ID))
	if got := pd.text(`main`); !strings.Contains(got, "Pengaduan tidak ditemukan") || strings.Contains(got, "Juanda") {
		t.Errorf("agency opened another agency's complaint: %q", got)
	}
}

// TestBrowserScreenshotsOfTheDemo opens the main pages of the demo as each
// role sees them; with ADUAN_SCREENSHOTS=docs/screenshots it refreshes the
// README's pictures. Every page must render without an error.
func TestBrowserScreenshotsOfTheDemo(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, true)
	m.Store.Now = time.Now
	base := "http://" + m.Addr()
	pw := "aduan-demo-2026"
	check := func(s *session, page string) {
		t.Helper()
		if n := s.count(".error-message"); n > 0 {
			t.Errorf("%s shows an error: %s", page, s.text(".error-message"))
		}
	}
	op := newSession(t, root, base, "operator", 1366, 768, "operator", pw)
	var id int64
	m.Store.DB().QueryRow(`SELECT id FROM complaints WHERE status = 'relayed' OR status = 'agency_answered' ORDER BY id DESC LIMIT 1`).Scan(&id)
	var phone string
	m.Store.DB().QueryRow(`SELECT cz.phone FROM complaints c JOIN citizens cz ON cz.id = c.citizen_id GROUP BY cz.phone ORDER BY COUNT(*) DESC LIMIT 1`).Scan(&phone)
	op.go_("/desk?phone=" + phone)
	op.run(chromedp.SendKeys(`#f-text`, "lampu pju mati di jln nusantara udh 3 malam, gelap bgt"))
	// The picture shows the panel filled: the suggested category and
	// agency, and answers from the library and past complaints.
	op.run(chromedp.WaitVisible(`#routing li`), chromedp.WaitVisible(`#panel li.hit`))
	check(op, "desk")
	op.shot("1-operator-desk")
	op.go_("/queue")
	check(op, "queue")
	op.shot("2-queue")
	op.go_(fmt.Sprintf("/complaints/%d", id))
	check(op, "complaint")
	op.shot("3-complaint")
	pd := newSession(t, root, base, "agency", 360, 740, "pd.dpupr", pw)
	pd.go_("/pd")
	check(pd, "inbox")
	pd.shot("4-agency-inbox-phone")
	ko := newSession(t, root, base, "coordinator", 1366, 768, "koordinator", pw)
	ko.go_("/dashboard")
	check(ko, "dashboard")
	ko.shot("5-dashboard")
	ad := newSession(t, root, base, "admin", 1366, 768, "admin", pw)
	ad.go_("/admin/standards")
	check(ad, "admin")
	ad.shot("6-admin-standards")
}

// writeJPEG writes a small real JPEG, as a phone camera would send.
func writeJPEG(t *testing.T, path string) {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for x := 0; x < 64; x++ {
		for y := 0; y < 48; y++ {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 5), 120, 255})
		}
	}
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := jpeg.Encode(f, img, nil); err != nil {
		t.Fatal(err)
	}
}
