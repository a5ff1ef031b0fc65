package server_test

import (
	"bytes"
	"database/sql"
	"fmt"
	"image"
	"image/png"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/channel/whatsapp"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/msgsvc"
	"github.com/kotakita/aduan/internal/store"
)

// The gateways' public endpoints (each checks its own secret or signature).
var publicMessageRoutes = []string{
	"GET /api/v1/channels/kannel/dlr", "GET /api/v1/channels/kannel/mo",
	"GET /api/v1/channels/whatsapp/webhook", "POST /api/v1/channels/whatsapp/webhook",
}

const (
	testKannelSecret = "rahasia-kannel"
	testAppSecret    = "rahasia-meta"
	testVerifyToken  = "token-verifikasi"
)

// testMessaging is an insert-only queue (nothing is sent in these tests)
// with local attachment storage.
func testMessaging(t *testing.T, st *store.Store) *msgsvc.Messaging {
	t.Helper()
	q, err := jobs.New(ctx, jobs.Config{Store: st, InsertOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	return &msgsvc.Messaging{Queue: q, Files: &attach.Local{Dir: t.TempDir()}, KannelSecret: testKannelSecret,
		WhatsAppAppSecret: testAppSecret, WhatsAppVerifyToken: testVerifyToken}
}

// attachmentPath stores a photo on a complaint forwarded to DPUPR.
func attachmentPath(t *testing.T, e *env, r aduan.Role) (string, any) {
	c := e.newComplaint(t, nextPhone(), e.dpupr, "forward")
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, 4, 4)))
	ms := e.msgs(t)
	if err := ms.Files.Put(ctx, "messages/0/x.png", "image/png", buf.Bytes()); err != nil {
		t.Fatal(err)
	}
	a := &attach.Attachment{ComplaintID: int64(apitest.Num(c, "id")), Part: 0, ContentType: "image/png", Size: int64(buf.Len()),
		Key: "messages/0/x.png", ThumbKey: "messages/0/x.png"}
	if err := e.st.WriteTx(ctx, func(tx *sql.Tx) error { _, err := e.st.Attachments().InsertAttachment(ctx, tx, a); return err }); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("/api/v1/attachments/%d", a.ID), nil
}

// failedMessagePath records a failed message to retry.
func failedMessagePath(t *testing.T, e *env, r aduan.Role) (string, any) {
	c := e.newComplaint(t, nextPhone(), nil)
	m := &channel.Message{ComplaintID: int64(apitest.Num(c, "id")), Channel: channel.SMS, Direction: channel.Out, To: "+6281211112222",
		Body: "x", Status: channel.StatusFailed, Error: "msg.no_phone"}
	if err := e.st.WriteTx(ctx, func(tx *sql.Tx) error { _, err := e.st.Messages().InsertMessage(ctx, tx, m); return err }); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("/api/v1/messages/%d/retry", m.ID), nil
}

// notificationPath gives the caller a notification to mark read.
func notificationPath(t *testing.T, e *env, r aduan.Role) (string, any) {
	phoneSeq++
	due := e.st.Now().Add(time.Duration(phoneSeq) * time.Minute)
	n := &store.Notification{UserID: e.users[r].ID, Kind: "sla_warning", Step: aduan.StepForward, DueAt: &due}
	if err := e.st.WriteTx(ctx, func(tx *sql.Tx) error { _, err := e.st.Messages().InsertNotification(ctx, tx, n); return err }); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("/api/v1/notifications/%d/read", n.ID), nil
}

func (e *env) msgs(t *testing.T) *msgsvc.Messaging {
	t.Helper()
	if e.msg == nil {
		t.Fatal("no messaging")
	}
	return e.msg
}

// TestKannelEndpointsNeedTheSecret: delivery reports and incoming SMS with
// a wrong secret are refused and store nothing; with the right one an SMS
// is stored once however often Kannel delivers it.
func TestKannelEndpointsNeedTheSecret(t *testing.T) {
	e := newEnv(t, store.SQLite)
	mo := func(secret string) string {
		q := url.Values{"secret": {secret}, "from": {"6281211112222"}, "to": {"1500"}, "text": {"Lampu mati"}, "id": {"uuid-1"}, "ts": {"1790000000"}}
		return "/api/v1/channels/kannel/mo?" + q.Encode()
	}
	if r := e.c.Do("GET", mo("salah"), nil); r.Status != 403 {
		t.Errorf("wrong secret: %d", r.Status)
	}
	if r := e.c.Do("GET", "/api/v1/channels/kannel/dlr?secret=salah&id=1&type=1", nil); r.Status != 403 {
		t.Errorf("wrong secret on a report: %d", r.Status)
	}
	for i := 0; i < 3; i++ {
		if r := e.c.Do("GET", mo(testKannelSecret), nil); r.Status != 200 {
			t.Fatalf("incoming SMS: %d %s", r.Status, r.Raw)
		}
	}
	list := e.as(KO).Do("GET", "/api/v1/messages?direction=in", nil).Must(t, 200)
	items := apitest.Items(list)
	if len(items) != 1 || apitest.Str(items[0], "body") != "Lampu mati" || apitest.Str(items[0], "from") != "+6281211112222" {
		t.Fatalf("stored: %v", items)
	}
	// IT staff see that it came, not from whom or what.
	adm := apitest.Items(e.as(AD).Do("GET", "/api/v1/messages?direction=in", nil).Must(t, 200))
	if apitest.Str(adm[0], "body") != "" || apitest.Str(adm[0], "from") != "…" {
		t.Errorf("admin sees %v", adm[0])
	}
	// A report for a message that is not ours is accepted and ignored.
	if r := e.c.Do("GET", "/api/v1/channels/kannel/dlr?secret="+testKannelSecret+"&id=999999&type=1", nil); r.Status != 200 {
		t.Errorf("report for an unknown message: %d", r.Status)
	}
}

// TestWhatsAppWebhookSignature: the handshake echoes the challenge only for
// the right token; a body with a bad signature is refused (401) and stores
// nothing; a signed one delivered twice stores one message.
func TestWhatsAppWebhookSignature(t *testing.T) {
	e := newEnv(t, store.SQLite)
	hs := "/api/v1/channels/whatsapp/webhook?hub.mode=subscribe&hub.challenge=12345&hub.verify_token="
	if r := e.c.Do("GET", hs+testVerifyToken, nil); r.Status != 200 || string(r.Raw) != "12345" {
		t.Errorf("handshake: %d %q", r.Status, r.Raw)
	}
	if r := e.c.Do("GET", hs+"salah", nil); r.Status != 403 {
		t.Errorf("handshake with a wrong token: %d", r.Status)
	}
	body := []byte(`{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{
		"messaging_product":"whatsapp","metadata":{"display_phone_number":"6281100000000","phone_number_id":"PNID"},
		"contacts":[{"profile":{"name":"Rina"},"wa_id":"6281377778888"}],
		"messages":[{"from":"6281377778888","id":"wamid.IN1","timestamp":"1790000000","type":"text","text":{"body":"Sudah kami tangani"}}]}}]}]}`)
	post := func(sig string) int {
		req, _ := http.NewRequest("POST", e.url+"/api/v1/channels/whatsapp/webhook", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if sig != "" {
			req.Header.Set("X-Hub-Signature-256", sig)
		}
		return e.c.Send(req).Status
	}
	for _, sig := range []string{"", "sha256=00", whatsapp.Sign("kunci-lain", body)} {
		if st := post(sig); st != 401 {
			t.Errorf("signature %q: %d", sig, st)
		}
	}
	if items := apitest.Items(e.as(KO).Do("GET", "/api/v1/messages", nil).Must(t, 200)); len(items) != 0 {
		t.Fatalf("stored from an unsigned webhook: %v", items)
	}
	for i := 0; i < 2; i++ {
		if st := post(whatsapp.Sign(testAppSecret, body)); st != 200 {
			t.Fatalf("signed webhook: %d", st)
		}
	}
	items := apitest.Items(e.as(KO).Do("GET", "/api/v1/messages", nil).Must(t, 200))
	if len(items) != 1 || apitest.Str(items[0], "channel") != "whatsapp" || !strings.Contains(apitest.Str(items[0], "body"), "tangani") {
		t.Errorf("stored: %v", items)
	}
	// Malformed but signed: refused as bad input, nothing stored.
	body = []byte(`{"object":`)
	if st := post(whatsapp.Sign(testAppSecret, body)); st != 400 {
		t.Errorf("malformed webhook: %d", st)
	}
}

// TestSMSCountAndTemplates: the operator sees the part count; the
// coordinator edits a template, and an unknown variable is refused.
func TestSMSCountAndTemplates(t *testing.T) {
	e := newEnv(t, store.SQLite)
	r := e.as(OP).Do("POST", "/api/v1/sms/count", map[string]any{"text": strings.Repeat("a", 161)}).Must(t, 200)
	if apitest.Num(r, "parts") != 2 || apitest.Str(r, "encoding") != "GSM-7" || r["allowed"] != true {
		t.Errorf("count: %v", r)
	}
	r = e.as(OP).Do("POST", "/api/v1/sms/count", map[string]any{"text": "Terima kasih 🙏"}).Must(t, 200)
	if apitest.Str(r, "encoding") != "UCS-2" || apitest.Num(r, "units") != 15 {
		t.Errorf("count: %v", r)
	}
	bad := e.as(KO).Do("PUT", "/api/v1/templates/relay", map[string]any{"body": "Yth. {nma}: {jawaban}"})
	if bad.Status != 400 || !strings.Contains(string(bad.Raw), "{nma}") {
		t.Errorf("unknown variable: %d %s", bad.Status, bad.Raw)
	}
	e.as(KO).Do("PUT", "/api/v1/templates/relay", map[string]any{"body": "Jawaban {nomor}: {jawaban}", "wa_template": "aduan_jawaban"}).Must(t, 200)
	got := e.as(AD).Do("GET", "/api/v1/templates/relay", nil).Must(t, 200)
	if apitest.Str(got, "body") != "Jawaban {nomor}: {jawaban}" || apitest.Str(got, "updated_by") == "" {
		t.Errorf("template: %v", got)
	}
}

// TestMessagePagesByRole: the console's message pages open for the roles
// that use them and are refused for the others; a photo is served only to
// those who may see its complaint's content; IT staff see the failed list
// without the number or the text; forms change what they say.
func TestMessagePagesByRole(t *testing.T) {
	e := newEnv(t, store.SQLite)
	photo, _ := attachmentPath(t, e, OP)
	photo = strings.Replace(photo, "/api/v1/attachments/", "/photos/", 1)
	retry, _ := failedMessagePath(t, e, OP)
	msgID := strings.TrimSuffix(strings.TrimPrefix(retry, "/api/v1/messages/"), "/retry")
	pages := []struct {
		method, path string
		form         url.Values
		allowed      []aduan.Role
	}{
		{"GET", "/messages", nil, []aduan.Role{OP, KO, AD}},
		{"GET", "/admin/templates", nil, []aduan.Role{KO, AD}},
		{"GET", "/notifications", nil, all},
		{"GET", photo, nil, []aduan.Role{OP, PD, KO, KA, PI, PU, PP}},
		{"GET", photo + "?thumb=1", nil, []aduan.Role{OP, PD, KO, KA, PI, PU, PP}},
		{"POST", "/notifications/read", url.Values{}, all},
		{"POST", "/admin/templates/relay", url.Values{"body": {"Yth. {nama}, jawaban {nomor}: {jawaban}"}}, []aduan.Role{KO, AD}},
		{"POST", "/messages/" + msgID + "/retry", url.Values{"back": {"/messages"}}, []aduan.Role{OP, KO, AD}},
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	do := func(r aduan.Role, method, path string, form url.Values) (*http.Response, string) {
		t.Helper()
		tok, err := e.st.Users().CreateSession(ctx, e.users[r].ID, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		var req *http.Request
		if form != nil {
			req, _ = http.NewRequest(method, e.url+path, strings.NewReader(form.Encode()))
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		} else {
			req, _ = http.NewRequest(method, e.url+path, nil)
		}
		req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: tok})
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var b strings.Builder
		io.Copy(&b, res.Body)
		return res, b.String()
	}
	for _, p := range pages {
		for _, r := range all {
			if p.method == "POST" && strings.Contains(p.path, "/retry") {
				// Each retry needs a failed message of its own.
				again, _ := failedMessagePath(t, e, OP)
				p.path = "/messages/" + strings.TrimSuffix(strings.TrimPrefix(again, "/api/v1/messages/"), "/retry") + "/retry"
			}
			res, body := do(r, p.method, p.path, p.form)
			allowed := false
			for _, a := range p.allowed {
				allowed = allowed || a == r
			}
			ok := res.StatusCode == 200 || (p.method == "POST" && res.StatusCode == 303)
			if allowed && !ok {
				t.Errorf("%s %s as %s: %d, want 200/303", p.method, p.path, r, res.StatusCode)
			}
			if !allowed && res.StatusCode != 403 && res.StatusCode != 404 {
				t.Errorf("%s %s as %s: %d, want 403/404", p.method, p.path, r, res.StatusCode)
			}
			if !allowed && !strings.Contains(body, "Tidak dapat ditampilkan") {
				t.Errorf("%s %s as %s: the refusal is not the Indonesian error page", p.method, p.path, r)
			}
			if allowed && strings.HasPrefix(p.path, "/photos/") && res.Header.Get("Content-Type") != "image/png" && !strings.Contains(p.path, "thumb") {
				t.Errorf("%s as %s: %s", p.path, r, res.Header.Get("Content-Type"))
			}
		}
	}

	// The failed list: the coordinator sees to whom; IT staff that there is
	// a number, none of its digits (the last four track a complaint on
	// /lacak), and never the text.
	extra := &channel.Message{Channel: channel.SMS, Direction: channel.Out, To: "+6281233334444", Body: "Yth. Warga Rahasia",
		Status: channel.StatusFailed, Error: "msg.no_phone", Purpose: channel.PurposeRelay}
	if err := e.st.WriteTx(ctx, func(tx *sql.Tx) error { _, err := e.st.Messages().InsertMessage(ctx, tx, extra); return err }); err != nil {
		t.Fatal(err)
	}
	_, ko := do(KO, "GET", "/messages", nil)
	if !strings.Contains(ko, "0812-3333-4444") || !strings.Contains(ko, "Yth. Warga Rahasia") || !strings.Contains(ko, "Kirim ulang") {
		t.Errorf("coordinator's failed list lacks the message")
	}
	_, ad := do(AD, "GET", "/messages", nil)
	if strings.Contains(ad, "3333") || strings.Contains(ad, "4444") || strings.Contains(ad, "Warga Rahasia") || !strings.Contains(ad, "…") {
		t.Errorf("admin's failed list shows personal data")
	}

	// A template with an unknown variable: refused, the reason beside the
	// text, the text kept; nothing saved.
	res, body := do(KO, "POST", "/admin/templates/relay", url.Values{"body": {"Yth. {nma}: {jawaban}"}})
	if res.StatusCode != 400 || !strings.Contains(body, "Variabel {nma} tidak dikenal") || !strings.Contains(body, "Yth. {nma}: {jawaban}") {
		t.Errorf("bad template: %d", res.StatusCode)
	}
	if tpl, _ := e.st.Messages().Template(ctx, aduan.System, "relay"); strings.Contains(tpl.Body, "{nma}") {
		t.Error("the bad template was saved")
	}

	// Assigning an unmatched message: a wrong number is said next to the
	// field, with what was typed kept.
	in := &channel.Message{Channel: channel.SMS, Direction: channel.In, From: "+6285700001111", Body: "Nama: Budi", Status: channel.StatusIgnored}
	if err := e.st.WriteTx(ctx, func(tx *sql.Tx) error { _, err := e.st.Messages().InsertMessage(ctx, tx, in); return err }); err != nil {
		t.Fatal(err)
	}
	res, body = do(OP, "POST", fmt.Sprintf("/messages/%d/assign", in.ID), url.Values{"number": {"ADU-1999-000001"}})
	if res.StatusCode != 400 || !strings.Contains(body, "Tidak ada pengaduan dengan nomor ini") || !strings.Contains(body, `value="ADU-1999-000001"`) {
		t.Errorf("assign to a wrong number: %d", res.StatusCode)
	}
	c := e.newComplaint(t, nextPhone(), nil)
	res, _ = do(OP, "POST", fmt.Sprintf("/messages/%d/assign", in.ID), url.Values{"number": {apitest.Str(c, "number")}})
	if res.StatusCode != 303 || res.Header.Get("Location") != fmt.Sprintf("/complaints/%d?ok=web.ok.msg_assigned", int64(apitest.Num(c, "id"))) {
		t.Errorf("assign: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if m, _ := e.st.Messages().Message(ctx, in.ID); m.ComplaintID != int64(apitest.Num(c, "id")) || m.Status != channel.StatusReceived {
		t.Errorf("assigned message: %+v", m)
	}
	// Not twice.
	if res, _ := do(OP, "POST", fmt.Sprintf("/messages/%d/assign", in.ID), url.Values{"number": {apitest.Str(c, "number")}}); res.StatusCode != 409 {
		t.Errorf("assigned twice: %d", res.StatusCode)
	}

	// The bell counts the user's unread notices; reading them clears it.
	n := &store.Notification{UserID: e.users[KO].ID, Kind: "sla_breach", Step: aduan.StepForward, ComplaintID: int64(apitest.Num(c, "id"))}
	if err := e.st.WriteTx(ctx, func(tx *sql.Tx) error { _, err := e.st.Messages().InsertNotification(ctx, tx, n); return err }); err != nil {
		t.Fatal(err)
	}
	if _, body := do(KO, "GET", "/notifications", nil); !strings.Contains(body, `id="unread">1<`) || !strings.Contains(body, apitest.Str(c, "number")+" melewati batas waktu") {
		t.Errorf("notification not shown")
	}
	do(KO, "POST", fmt.Sprintf("/notifications/%d/read", n.ID), url.Values{})
	if _, body := do(KO, "GET", "/notifications", nil); strings.Contains(body, `id="unread"`) {
		t.Errorf("bell still counts a read notice")
	}
}
