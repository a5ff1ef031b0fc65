package main

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach/attachtest"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/channel/sms"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/store"
)

// reloadUntil reloads a page until an element shows: what the job queue
// does in the background (a message sent, a photo stored) is not pushed to
// the page.
func (s *session) reloadUntil(path, sel string) {
	s.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		s.go_(path)
		if s.count(sel) > 0 {
			return
		}
		if time.Now().After(deadline) {
			s.fail(fmt.Errorf("%s never showed %s", path, sel))
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// clear empties a text field (and tells the page, as typing would).
func (s *session) clear(sel string) {
	s.t.Helper()
	got := get(s, chromedp.Evaluate[string](fmt.Sprintf(`(function(){var e=document.querySelector(%q);e.value="";e.dispatchEvent(new Event("input",{bubbles:true}));return "v="+e.value})()`, sel)))
	if got != "v=" {
		s.fail(fmt.Errorf("clear %s: %q", sel, got))
	}
}

// smsCountText is what the console says of a text's length, counted by the
// server's rules: app.js must say the same.
func smsCountText(key, text string) string {
	c := sms.CountText(text)
	return i18n.T(i18n.ID, key, c.Parts, string(c.Encoding), c.Remaining)
}

// TestBrowserMessages: the messages a step sends show on the complaint
// with their delivery status; a message that failed waits on /messages
// until the coordinator retries it; the coordinator edits a template (a
// typo in a variable is refused beside the text, which stays); the SMS
// forms count parts as the operator types, as the server would; a
// citizen's e-mailed photo shows in the gallery and opens for the agency
// handling the complaint but not for another; the bell shows deadline
// notices.
func TestBrowserMessages(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	onlyOperatorWhatsApp(t, m, "DPUPR")
	m.Store.Now = time.Now
	base := "http://" + m.Addr()
	ctx := context.Background()
	siti := mkUser(t, m, "siti", "Siti Operator", aduan.RoleOperatorCC, "")
	mkUser(t, m, "dewi", "Dewi Koordinator", aduan.RoleKoordinatorCC, "")
	// Rina has a WhatsApp number: forwards to DPUPR reach her.
	rina := &aduan.User{Username: "rina", Name: "Rina DPUPR", Role: aduan.RoleOperatorPD, AgencyID: agencyID(t, m, "DPUPR"), Phone: "081399990001", Active: true}
	if err := m.Store.Users().CreateUser(ctx, aduan.System, rina, "kata-sandi-uji-123"); err != nil {
		t.Fatal(err)
	}
	mkUser(t, m, "andi", "Andi Dishub", aduan.RoleOperatorPD, "DISHUB")
	apply := func(c *aduan.Complaint, actor aduan.Actor, a aduan.Action, in aduan.ActionInput) *aduan.Complaint {
		t.Helper()
		if aduan.NeedsCategory(a) && c.CategoryID == 0 && in.CategoryID == 0 {
			in.CategoryID = deskCategory(t, m, "SAMPAH") // classified with the step, as the console asks
		}
		c, _, err := m.Store.Complaints().ApplyAction(ctx, actor, c.ID, c.Version, a, in)
		if err != nil {
			t.Fatalf("%s: %v", a, err)
		}
		return c
	}

	// A forwarded complaint: the WhatsApp message to the agency operator
	// shows with its status; no gateway is configured, so it went to the
	// outbox (recorded, not sent).
	fwd, err := m.Store.Complaints().CreateComplaint(ctx, siti.Actor(), aduan.NewComplaint{Text: "Jalan berlubang besar di Jl. Raya Sawangan depan SDN 2, sudah ada motor jatuh.",
		Citizen: &aduan.CitizenInput{Name: "Budi Hartono", Phone: "081277771234", Email: "budi.hartono@example.org", Address: "Jl. Sawangan 12"}})
	if err != nil {
		t.Fatal(err)
	}
	fwd = apply(fwd, siti.Actor(), aduan.ActionForward, aduan.ActionInput{AgencyID: agencyID(t, m, "DPUPR")})
	fwdPath := fmt.Sprintf("/complaints/%d", fwd.ID)
	op := newSession(t, root, base, "operator", 1366, 768, "siti", "kata-sandi-uji-123")
	op.reloadUntil(fwdPath, `.msg.out .msgstatus.st-outbox`)
	msg := op.text(`.messages .msg.out`)
	for _, want := range []string{"WhatsApp", "kepada 0813-9999-0001", "Penerusan ke Perangkat Daerah (SOP 7)", fwd.Number, "Terkirim (outbox"} {
		if !strings.Contains(msg, want) {
			t.Errorf("forward message lacks %q: %q", want, msg)
		}
	}
	if n := op.count(`.messages form.retry`); n != 0 {
		t.Errorf("a sent message offers a retry (%d)", n)
	}
	op.shot("complaint-messages")

	// Asking for identity with no number to send to: the form warns before
	// the step.
	noPhone, err := m.Store.Complaints().CreateComplaint(ctx, siti.Actor(), aduan.NewComplaint{Text: "Sampah menumpuk di TPS Pasar Agung sudah seminggu, bau sampai ke rumah warga."})
	if err != nil {
		t.Fatal(err)
	}
	noPhonePath := fmt.Sprintf("/complaints/%d", noPhone.ID)
	op.go_(noPhonePath)
	op.run(chromedp.Click(`#act-request_identity summary`), chromedp.WaitVisible(`#act-request_identity .smspreview`))
	if got := op.text(`#act-request_identity .smspreview`); !strings.Contains(got, noPhone.Number) || !strings.Contains(got, "nama, nomor HP, alamat") {
		t.Errorf("identity SMS preview: %q", got)
	}
	if got := op.text(`#act-request_identity .field-error`); !strings.Contains(got, "tidak punya nomor HP") {
		t.Errorf("no warning that the SMS has no number: %q", got)
	}
	preview, err := jobs.PreviewSMS(ctx, m.Store, noPhone, aduan.ActionRequestIdentity, []string{"name", "phone", "address"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := op.text(`#act-request_identity .smscount`), smsCountText("msg.web.sms_count", preview.Text); got != want {
		t.Errorf("identity SMS count %q, want %q", got, want)
	}
	// Taken anyway, the step is refused, naming what is missing: the
	// complaint stays recorded and nothing is sent (no message without a
	// recipient).
	op.run(chromedp.Click(`#act-request_identity button[type=submit]`))
	op.waitText(`.form-error`, "tidak punya nomor HP maupun e-mail")
	if st := op.status(); st != "Tercatat" {
		t.Errorf("after the refused identity request: %q", st)
	}
	if ms, err := m.Store.Messages().ComplaintMessages(ctx, siti.Actor(), noPhone.ID); err != nil || len(ms) != 0 {
		t.Errorf("messages of the refused step: %v %v", ms, err)
	}
	op.shot("complaint-no-recipient")
	ko := newSession(t, root, base, "coordinator", 1366, 768, "dewi", "kata-sandi-uji-123")

	// The template editor: a mistyped variable is refused next to the text,
	// which stays as typed; the corrected text is saved.
	ko.go_("/admin/templates")
	ko.run(chromedp.WaitVisible(`#tpl-relay-body`))
	bad := "Yth. {nama}, jawaban {nomer}: {jawaban}"
	ko.clear(`#tpl-relay-body`)
	ko.run(chromedp.SendKeys(`#tpl-relay-body`, bad), chromedp.Click(`#tpl-relay button[type=submit]`))
	ko.waitText(`#tpl-relay .field-error`, "Variabel {nomer} tidak dikenal")
	if v := ko.value(`#tpl-relay-body`); v != bad {
		t.Errorf("typed template lost: %q", v)
	}
	ko.shot("templates-error")
	good := "Yth. {nama}, jawaban atas pengaduan {nomor}: {jawaban}"
	ko.clear(`#tpl-relay-body`)
	ko.run(chromedp.SendKeys(`#tpl-relay-body`, good), chromedp.Click(`#tpl-relay button[type=submit]`))
	ko.waitText(`.flash`, i18n.T(i18n.ID, "web.ok.msg_template_saved"))
	if tpl, err := m.Store.Messages().Template(ctx, aduan.System, "relay"); err != nil || tpl.Body != good || tpl.UpdatedBy != "Dewi Koordinator" {
		t.Errorf("saved template: %+v %v", tpl, err)
	}
	// The counter follows the typing, by the server's rules: a long text
	// takes two parts; one emoji turns the whole SMS into UCS-2.
	long := "Mohon dibalas dengan nama lengkap dan alamat sesuai KTP agar pengaduan ini dapat segera kami teruskan ke Perangkat Daerah yang berwenang menangani. Terima kasih!"
	if sms.CountText(long).Parts != 2 || sms.CountText(long+" 🙏").Encoding != sms.UCS2 {
		t.Fatal("the sample texts no longer test what they should")
	}
	for _, text := range []string{long, long + " 🙏"} {
		ko.clear(`#tpl-request_identity-body`)
		ko.run(chromedp.SendKeys(`#tpl-request_identity-body`, text))
		want := smsCountText("msg.web.sms_count_sample", text)
		ko.waitText(`#tpl-request_identity .smscount`, want)
	}
	ko.shot("templates")

	// The relay form counts the SMS as it is typed: the whole message, the
	// template's words around the answer included.
	fwd, _ = m.Store.Complaints().Complaint(ctx, aduan.System, fwd.ID)
	fwd = apply(fwd, rina.Actor(), aduan.ActionAcknowledge, aduan.ActionInput{})
	fwd = apply(fwd, rina.Actor(), aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Lubang sudah ditambal oleh Satgas Jalan DPUPR Kec. Sawangan hari ini."})
	fwd = apply(fwd, siti.Actor(), aduan.ActionReceiveAnswer, aduan.ActionInput{})
	relay, err := jobs.PreviewSMS(ctx, m.Store, fwd, aduan.ActionRelay, nil)
	if err != nil {
		t.Fatal(err)
	}
	op.go_(fwdPath)
	op.run(chromedp.Click(`#act-relay summary`), chromedp.WaitVisible(`#relay-text`))
	get(op, chromedp.Evaluate[int](`(function(){var t=document.getElementById("relay-text");t.focus();t.setSelectionRange(t.value.length,t.value.length);return t.value.length})()`))
	op.run(chromedp.SendKeys(`#relay-text`, " Terima kasih atas laporannya; bila masih ada lubang lain mohon dilaporkan kembali ke 112 atau SMS 0811-1500-xxx."))
	typed := strings.ReplaceAll(op.value(`#relay-text`), "\n", "\r\n")
	op.waitText(`#act-relay .smscount`, smsCountText("msg.web.sms_count", strings.ReplaceAll(relay.Text, jobs.AnswerSlot, typed)))
	if !strings.Contains(op.text(`#act-relay .smscount`), "2 SMS") {
		t.Errorf("relay count: %q", op.text(`#act-relay .smscount`))
	}
	op.shot("complaint-relay-count")

	// A photo e-mailed by the citizen lands in the gallery; the thumbnail
	// opens the original for the agency handling the complaint, and for no
	// other agency.
	photo := &channel.Message{Channel: channel.Email, From: "budi.hartono@example.org", To: "callcenter@depok.go.id", Subject: "Foto " + fwd.Number,
		Body: "Berikut foto lubangnya.", GatewayID: "<foto-browser-1@example.org>",
		Files: []channel.File{{Name: "IMG_0042.jpg", ContentType: "image/jpeg", Data: attachtest.JPEGWithGPS(800, 600, -6.402484, 106.794243)}}}
	if _, err := m.Queue.Receive(ctx, photo, nil); err != nil {
		t.Fatal(err)
	}
	pd := newSession(t, root, base, "agency", 360, 740, "rina", "kata-sandi-uji-123")
	pd.reloadUntil(fwdPath, `.gallery a img`)
	pd.poll(`(function(){var i=document.querySelector(".gallery img");return !!i && i.complete && i.naturalWidth>0})()`)
	href := get(pd, chromedp.Evaluate[string](`document.querySelector(".gallery a").getAttribute("href")`))
	if !strings.HasPrefix(href, "/photos/") || strings.Contains(href, "messages/") {
		t.Errorf("photo link %q", href)
	}
	pd.shot("complaint-gallery-360")
	pd.go_(href)
	if ct := get(pd, chromedp.Evaluate[string](`document.contentType`)); ct != "image/jpeg" {
		t.Errorf("original opened as %q", ct)
	}
	other := newSession(t, root, base, "other-agency", 360, 740, "andi", "kata-sandi-uji-123")
	other.go_(href)
	if got := other.text(`main`); !strings.Contains(got, "Lampiran tidak ditemukan") {
		t.Errorf("another agency opened the photo: %q", got)
	}
	if st := get(other, chromedp.Evaluate[string](`document.contentType`)); st == "image/jpeg" {
		t.Error("another agency got the image")
	}

	// Deadline notices: the bell counts the unread ones; opening one goes
	// to its complaint and clears the count.
	due := time.Now().Add(20 * time.Minute)
	n := &store.Notification{UserID: siti.ID, ComplaintID: fwd.ID, Kind: "sla_warning", Step: aduan.StepRelay, DueAt: &due}
	if err := m.Store.WriteTx(ctx, func(tx *sql.Tx) error { _, err := m.Store.Messages().InsertNotification(ctx, tx, n); return err }); err != nil {
		t.Fatal(err)
	}
	op.go_("/desk")
	if got := op.text(`header .bell .badge`); got != "1" {
		t.Errorf("bell: %q", got)
	}
	op.run(chromedp.Click(`header .bell`), chromedp.WaitVisible(`.notes`))
	if got := op.text(`.notes .note.unread`); !strings.Contains(got, fwd.Number+" mendekati batas waktu") {
		t.Errorf("notification: %q", got)
	}
	op.shot("notifications")
	op.run(chromedp.Click(`.notes .note.unread form:first-of-type button`), chromedp.WaitVisible(`.head h1`))
	if !strings.HasSuffix(op.location(), fwdPath) || op.count(`header .bell .badge`) != 0 {
		t.Errorf("after opening the notice: %s, badge %d", op.location(), op.count(`header .bell .badge`))
	}
}
