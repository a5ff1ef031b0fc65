package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel/whatsapp/wafake"
	"github.com/kotakita/aduan/internal/kanneltest"
	"github.com/kotakita/aduan/internal/store"
)

// waStatus is the status webhook Meta sends for an outgoing message.
func waStatus(wamid, status string) []byte {
	body, _ := json.Marshal(map[string]any{"object": "whatsapp_business_account", "entry": []any{map[string]any{"id": "102290129340398",
		"changes": []any{map[string]any{"field": "messages", "value": map[string]any{"messaging_product": "whatsapp",
			"metadata": map[string]any{"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
			"statuses": []any{map[string]any{"id": wamid, "status": status, "timestamp": fmt.Sprint(time.Now().Unix()), "recipient_id": "6281399990001"}}}}}}}})
	return body
}

// TestBrowserMessagesRefreshLive: with a complaint's page open, its
// messages follow their delivery without a reload: an identity request's
// SMS appears, goes through the real Kannel and turns "delivered" when
// Kannel's delivery report comes; a WhatsApp forward turns "delivered",
// then "read", as Meta's status webhooks arrive. A marker set in the page
// at the start proves it was never reloaded.
func TestBrowserMessagesRefreshLive(t *testing.T) {
	t.Parallel()
	kanneltest.Require(t)
	root := chromium(t)
	addr := freeAddr(t)
	k := startKannel(t, addr)
	f := wafake.Start(t)
	m := startConfigured(t, store.SQLite, nil, func(cfg *Config) {
		cfg.Addr = addr
		mc := &cfg.Messaging
		mc.KannelURL, mc.KannelUser, mc.KannelPassword, mc.KannelFrom, mc.KannelSecret = k.SendURL(), k.User, k.Password, "1500", kannelSecret
		mc.WAToken, mc.WAPhoneID, mc.WAAppSecret, mc.WAAPIURL = f.Token, f.PhoneNumberID, waSecret, f.URL+"/v21.0"
		mc.MaxAttempts = 1000 // wait for smsbox however long it takes to start
	})
	ctx := context.Background()
	onlyOperatorWhatsApp(t, m, "DPUPR")
	siti := mkUser(t, m, "siti", "Siti Operator", aduan.RoleOperatorCC, "")
	rina := &aduan.User{Username: "rina", Name: "Rina DPUPR", Role: aduan.RoleOperatorPD, AgencyID: agencyID(t, m, "DPUPR"), Phone: "081399990001", Active: true}
	if err := m.Store.Users().CreateUser(ctx, aduan.System, rina, "kata-sandi-uji-123"); err != nil {
		t.Fatal(err)
	}
	c, err := m.Store.Complaints().CreateComplaint(ctx, siti.Actor(), aduan.NewComplaint{Text: "Lampu PJU mati sepanjang Jl. Nusantara sejak tiga hari.",
		Citizen: &aduan.CitizenInput{Phone: "081211115555"}})
	if err != nil {
		t.Fatal(err)
	}
	op := newSession(t, root, "http://"+addr, "operator", 1366, 900, "siti", "kata-sandi-uji-123")
	op.go_(fmt.Sprintf("/complaints/%d", c.ID))
	op.run(chromedp.WaitVisible(`#messages`))
	if n := op.count(`#messages .msg`); n != 0 {
		t.Fatalf("%d messages before any step", n)
	}
	op.run(chromedp.Evaluate[chromedp.Void](`window.notReloaded = true`))
	// The SSE stream must be open before the step, or the first event is
	// missed (the page would still be right after a reload, not live).
	waitUntil(t, "the page's event stream", 10*time.Second, func() bool { return m.Hub.Subscribers() > 0 })

	// SMS: the identity request goes through Kannel; its report arrives.
	if _, _, err := m.Store.Complaints().ApplyAction(ctx, siti.Actor(), c.ID, c.Version, aduan.ActionRequestIdentity, aduan.ActionInput{Missing: []string{"name", "address"}}); err != nil {
		t.Fatal(err)
	}
	op.poll(`!!document.querySelector("#messages .msg.out .msgstatus.st-delivered") && window.notReloaded === true`)
	if got := op.text(`#messages .msg.out`); !strings.Contains(got, c.Number) || !strings.Contains(got, "SMS") {
		t.Errorf("SMS on the page: %q", got)
	}
	if _, ok := k.WaitFor(10*time.Second, func(ms []kanneltest.MT) bool { return len(ms) >= 1 }); !ok {
		t.Error("the SMS never reached the fake SMSC")
	}

	// WhatsApp: the forward to the agency's operator, then Meta's reports.
	fwd, err := m.Store.Complaints().CreateComplaint(ctx, siti.Actor(), aduan.NewComplaint{Text: "Jalan berlubang besar di Jl. Raya Sawangan depan SDN 2.", CategoryID: deskCategory(t, m, "JALAN_RUSAK"),
		Citizen: &aduan.CitizenInput{Name: "Budi Hartono", Phone: "081277771234", Address: "Jl. Sawangan 12"}})
	if err != nil {
		t.Fatal(err)
	}
	op.go_(fmt.Sprintf("/complaints/%d", fwd.ID))
	op.run(chromedp.Evaluate[chromedp.Void](`window.notReloaded = true`))
	waitUntil(t, "the page's event stream", 10*time.Second, func() bool { return m.Hub.Subscribers() > 0 })
	if _, _, err := m.Store.Complaints().ApplyAction(ctx, siti.Actor(), fwd.ID, fwd.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: rina.AgencyID}); err != nil {
		t.Fatal(err)
	}
	op.poll(`!!document.querySelector("#messages .msg.out .msgstatus.st-sent") && window.notReloaded === true`)
	reqs := f.Requests()
	if len(reqs) != 1 {
		t.Fatalf("WhatsApp requests: %+v", reqs)
	}
	postWebhook(t, m, waStatus("wamid.FAKE1", "delivered"))
	op.poll(`!!document.querySelector("#messages .msg.out .msgstatus.st-delivered") && window.notReloaded === true`)
	postWebhook(t, m, waStatus("wamid.FAKE1", "read"))
	op.poll(`!!document.querySelector("#messages .msg.out .msgstatus.st-read") && window.notReloaded === true`)
	op.shot("complaint-messages-live")
}
