package whatsapp_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/channel/whatsapp"
	"github.com/kotakita/aduan/internal/channel/whatsapp/wafake"
)

func client(t *testing.T, f *wafake.Server) *whatsapp.Client {
	c, err := whatsapp.New(whatsapp.Config{BaseURL: f.URL, Version: "v21.0", PhoneNumberID: f.PhoneNumberID, Token: f.Token})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestSendInTheDocumentedFormat: a template message with its parameters
// and a free-text message, both accepted by the fake that checks Meta's
// format, with the gateway's message ID kept.
func TestSendInTheDocumentedFormat(t *testing.T) {
	f := wafake.Start(t)
	c := client(t, f)
	m := &channel.Message{ID: 7, To: "+6281377778888", WATemplate: "aduan_teruskan",
		Params: []string{"ADU-2026-000001", "DPUPR", "Jalan berlubang\ndi depan    SDN", "http://x/complaints/1"}, Body: "…"}
	r, err := c.Send(context.Background(), m)
	if err != nil || r.GatewayID != "wamid.FAKE1" {
		t.Fatalf("template: %+v %v", r, err)
	}
	m.FreeText = true
	if _, err := c.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	reqs := f.Requests()
	if len(reqs) != 2 || reqs[0].Type != "template" || reqs[0].To != "6281377778888" || reqs[0].Template.Language.Code != "id" ||
		len(reqs[0].Template.Components[0].Parameters) != 4 || reqs[0].Template.Components[0].Parameters[2].Text != "Jalan berlubang di depan SDN" ||
		reqs[0].BizOpaqueCallbackData != "aduan:7" {
		t.Errorf("template request: %+v", reqs[0])
	}
	if reqs[1].Type != "text" || reqs[1].Text.Body != "…" {
		t.Errorf("text request: %+v", reqs[1])
	}
}

// TestErrorsSortedForRetry: throttling and Meta's hiccups are retried; a
// bad token or an undeliverable number is not.
func TestErrorsSortedForRetry(t *testing.T) {
	f := wafake.Start(t)
	c := client(t, f)
	m := &channel.Message{ID: 1, To: "+6281377778888", Body: "halo"}
	for _, tc := range []struct {
		status, code int
		permanent    bool
	}{{429, 130429, false}, {500, 1, false}, {400, 131026, true}, {400, 132001, true}} {
		f.Fail = func(wafake.Request, int) (int, int) { return tc.status, tc.code }
		_, err := c.Send(context.Background(), m)
		if err == nil || channel.IsPermanent(err) != tc.permanent {
			t.Errorf("%d/%d: %v (permanent %v)", tc.status, tc.code, err, channel.IsPermanent(err))
		}
	}
	f.Fail = nil
	bad, _ := whatsapp.New(whatsapp.Config{BaseURL: f.URL, PhoneNumberID: f.PhoneNumberID, Token: "wrong"})
	if _, err := bad.Send(context.Background(), m); !channel.IsPermanent(err) {
		t.Errorf("bad token: %v", err)
	}
	m.To = "0211234567"
	if _, err := c.Send(context.Background(), m); !channel.IsPermanent(err) || !strings.Contains(err.Error(), "recipient") {
		t.Errorf("fixed line: %v", err)
	}
}

func TestParseWebhook(t *testing.T) {
	body := []byte(`{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
		"metadata":{"display_phone_number":"15550000000","phone_number_id":"PNID"},
		"statuses":[{"id":"wamid.A","status":"delivered","timestamp":"1790000000","recipient_id":"6281377778888"},
		            {"id":"wamid.B","status":"failed","timestamp":"1790000001","recipient_id":"6281377778888","errors":[{"code":131026,"title":"Message undeliverable"}]},
		            {"id":"wamid.C","status":"deleted","timestamp":"1790000002"}],
		"messages":[{"from":"6281377778888","id":"wamid.IN","timestamp":"1790000003","type":"image","image":{"caption":"foto lokasi"}}]}}]}]}`)
	w, err := whatsapp.ParseWebhook(body)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Statuses) != 2 || w.Statuses[0].Status != channel.StatusDelivered || w.Statuses[1].Status != channel.StatusFailed ||
		!strings.Contains(w.Statuses[1].Error, "131026") {
		t.Errorf("statuses: %+v", w.Statuses)
	}
	if len(w.Messages) != 1 || w.Messages[0].From != "+6281377778888" || w.Messages[0].Body != "[image] foto lokasi" || w.Messages[0].GatewayID != "wamid.IN" {
		t.Errorf("messages: %+v", w.Messages)
	}
	for _, bad := range []string{`{`, `{"object":"page"}`, `[]`} {
		if _, err := whatsapp.ParseWebhook([]byte(bad)); err == nil {
			t.Errorf("%s accepted", bad)
		}
	}
	if !whatsapp.VerifySignature("s", body, whatsapp.Sign("s", body)) || whatsapp.VerifySignature("s", body, whatsapp.Sign("t", body)) ||
		whatsapp.VerifySignature("", body, whatsapp.Sign("", body)) {
		t.Error("signature check")
	}
}

// TestMediaInTwoSteps: an incoming image's webhook carries its media ID;
// the client asks the versioned Graph path for the URL and downloads it,
// both with the token (the fake checks each request). A missing media ID
// and a bad token are permanent; Meta's 500 is worth a retry; a file whose
// declared size is over the limit is refused before it is downloaded.
func TestMediaInTwoSteps(t *testing.T) {
	f := wafake.Start(t)
	c := client(t, f)
	ctx := context.Background()
	body := []byte(`{"object":"whatsapp_business_account","entry":[{"id":"1","changes":[{"field":"messages","value":{"messaging_product":"whatsapp",
		"metadata":{"phone_number_id":"PNID"},
		"messages":[{"from":"6281377778888","id":"wamid.IMG","timestamp":"1790000003","type":"image",
		              "image":{"caption":"foto lokasi","mime_type":"image/jpeg","sha256":"x","id":"1301"}},
		            {"from":"6281377778888","id":"wamid.DOC","timestamp":"1790000004","type":"document",
		              "document":{"filename":"surat.pdf","mime_type":"application/pdf","sha256":"y","id":"1302"}},
		            {"from":"6281377778888","id":"wamid.AUD","timestamp":"1790000005","type":"audio","audio":{"id":"1303"}}]}}]}]}`)
	w, err := whatsapp.ParseWebhook(body)
	if err != nil {
		t.Fatal(err)
	}
	if len(w.Messages) != 3 {
		t.Fatalf("messages: %+v", w.Messages)
	}
	img, doc, aud := w.Messages[0], w.Messages[1], w.Messages[2]
	if img.Body != "[image] foto lokasi" || len(img.Files) != 1 || img.Files[0].MediaID != "1301" || img.Files[0].Name != "whatsapp-image.jpg" ||
		img.Files[0].Data != nil {
		t.Errorf("image message: %+v", img)
	}
	if doc.Body != "[document]" || len(doc.Files) != 1 || doc.Files[0].MediaID != "1302" || doc.Files[0].Name != "surat.pdf" {
		t.Errorf("document message: %+v", doc)
	}
	if aud.Body != "[audio]" || len(aud.Files) != 0 {
		t.Errorf("audio message: %+v", aud)
	}

	photo := []byte("\xff\xd8\xff\xe0 not really a jpeg, but bytes to carry")
	f.AddMedia("1301", "image/jpeg", photo)
	got, err := c.Media(ctx, "1301", 1<<20)
	if err != nil || string(got) != string(photo) {
		t.Fatalf("media: %q %v", got, err)
	}
	if r := f.MediaRequests(); len(r) != 2 || r[0] != "info 1301" || r[1] != "download 1301" {
		t.Errorf("media requests: %v", r)
	}
	if _, err := c.Media(ctx, "1309", 1<<20); !channel.IsPermanent(err) {
		t.Errorf("unknown media: %v", err)
	}
	bad, _ := whatsapp.New(whatsapp.Config{BaseURL: f.URL, PhoneNumberID: f.PhoneNumberID, Token: "wrong"})
	if _, err := bad.Media(ctx, "1301", 1<<20); !channel.IsPermanent(err) {
		t.Errorf("bad token: %v", err)
	}
	f.MediaFail = func(step, id string, n int) int {
		if step == "download" {
			return 500
		}
		return 0
	}
	if _, err := c.Media(ctx, "1301", 1<<20); err == nil || channel.IsPermanent(err) {
		t.Errorf("download failing with 500: %v", err)
	}
	f.MediaFail = nil
	f.AddMediaOfSize("1304", "image/jpeg", photo, 50<<20)
	before := len(f.MediaRequests())
	if _, err := c.Media(ctx, "1304", 10<<20); !channel.IsPermanent(err) || !errors.Is(err, attach.ErrTooLarge) {
		t.Errorf("too large: %v", err)
	}
	if r := f.MediaRequests()[before:]; len(r) != 1 {
		t.Errorf("a file declared too large was downloaded: %v", r)
	}
	if _, err := c.Media(ctx, "1301", 10); !errors.Is(err, attach.ErrTooLarge) {
		t.Errorf("longer than the limit while reading: %v", err)
	}
}
