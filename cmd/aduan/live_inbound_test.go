package main

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/channel/whatsapp/wafake"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// waText is the webhook Meta sends for an incoming text message.
func waText(wamid, from, text string) []byte {
	body, _ := json.Marshal(map[string]any{"object": "whatsapp_business_account", "entry": []any{map[string]any{"id": "102290129340398",
		"changes": []any{map[string]any{"field": "messages", "value": map[string]any{"messaging_product": "whatsapp",
			"metadata": map[string]any{"display_phone_number": "15550783881", "phone_number_id": "106540352242922"},
			"contacts": []any{map[string]any{"profile": map[string]any{"name": "Warga"}, "wa_id": from}},
			"messages": []any{map[string]any{"from": from, "id": wamid, "timestamp": fmt.Sprint(time.Now().Unix()), "type": "text",
				"text": map[string]any{"body": text}}}}}}}}})
	return body
}

// TestInboundAndRequeuedOnTheEventStream: on both databases, the event
// stream tells the call center and the agency handling a complaint (and
// nobody else) of
//   - a send that failed and waits for another attempt ("queued", the
//     WhatsApp gateway answering 500), one refused for good ("failed"),
//     the same message queued again by the one-click retry ("queued") and
//     then sent ("sent");
//   - the citizen's replies landing on the complaint, by WhatsApp and by SMS
//     (Kannel's MO callback): "processed", direction "in", which the
//     console takes to refresh the complaint's messages and the lists.
func TestInboundAndRequeuedOnTheEventStream(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := wafake.Start(t)
		f.Fail = func(_ wafake.Request, n int) (int, int) {
			switch n {
			case 1:
				return 500, 131000 // a hiccup at Meta: try again
			case 2:
				return 400, 131026 // undeliverable: no more attempts
			}
			return 0, 0
		}
		m := startWithWhatsApp(t, d, f, nil, func(mc *MessagingConfig) { mc.KannelSecret = kannelSecret })
		onlyOperatorWhatsApp(t, m, "DPUPR")
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		rina := &aduan.User{Username: "rina", Name: "Rina", Role: aduan.RoleOperatorPD, AgencyID: agencyID(t, m, "DPUPR"), Phone: "081399990001", Active: true}
		if err := m.Store.Users().CreateUser(context.Background(), aduan.System, rina, "kata-sandi-uji-123"); err != nil {
			t.Fatal(err)
		}
		pd := apitest.New(t, "http://"+m.Addr())
		pd.Do("POST", "/api/v1/auth/login", map[string]any{"username": "rina", "password": "kata-sandi-uji-123"}).Must(t, 200)
		other := login(t, m, "andi", aduan.RoleOperatorPD, "DISHUB")
		streams := map[string]<-chan map[string]any{"operator": eventStream(t, op), "DPUPR": eventStream(t, pd), "DISHUB": eventStream(t, other)}
		waitUntil(t, "three listeners", 10*time.Second, func() bool { return m.Hub.Subscribers() == 3 })

		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Saluran air tersumbat di Jl. Raya Sawangan.",
			"citizen": map[string]any{"name": "Budi", "phone": "081277771234", "address": "Jl. Sawangan 12"}}).Must(t, 201)
		act(t, op, cmp, "forward", map[string]any{"agency_id": rina.AgencyID})
		var msgID int64
		waitUntil(t, "the forward failed for good", 20*time.Second, func() bool {
			ms := messagesOf(t, op, cmp)
			if len(ms) == 1 && apitest.Str(ms[0], "status") == "failed" {
				msgID = apitest.Num(ms[0], "id")
				return true
			}
			return false
		})
		op.Do("POST", fmt.Sprintf("/api/v1/messages/%d/retry", msgID), nil).Must(t, 200)
		waitUntil(t, "the retried forward sent", 20*time.Second, func() bool {
			ms := messagesOf(t, op, cmp)
			return len(ms) == 1 && apitest.Str(ms[0], "status") == "sent"
		})

		// The citizen answers, by WhatsApp and by SMS.
		postWebhook(t, m, waText("wamid.IN1", "6281277771234", "Saluran di depan rumah saya, nomor 12, airnya sudah meluap."))
		q := url.Values{"secret": {kannelSecret}, "from": {"+6281277771234"}, "to": {"1500"}, "id": {"mo-1"},
			"text": {apitest.Str(cmp, "number") + " tolong segera, sudah masuk ke rumah"}}
		op.Do("GET", "/api/v1/channels/kannel/mo?"+q.Encode(), nil).Must(t, 200)
		waitUntil(t, "both replies on the complaint", 20*time.Second, func() bool {
			n := 0
			for _, msg := range messagesOf(t, op, cmp) {
				if apitest.Str(msg, "direction") == "in" && apitest.Str(msg, "status") == "processed" {
					n++
				}
			}
			return n == 2
		})

		want := "[out:queued out:failed out:queued out:sent in:processed in:processed]"
		for _, who := range []string{"operator", "DPUPR"} {
			var got []string
			timeout := time.After(10 * time.Second)
			for len(got) < 6 {
				select {
				case ev := <-streams[who]:
					if apitest.Num(ev, "complaint_id") != apitest.Num(cmp, "id") || apitest.Str(ev, "number") != apitest.Str(cmp, "number") {
						t.Errorf("%s: event %v", who, ev)
					}
					got = append(got, apitest.Str(ev, "direction")+":"+apitest.Str(ev, "status"))
				case <-timeout:
					t.Fatalf("%s heard %v, want %s", who, got, want)
				}
			}
			if fmt.Sprint(got) != want {
				t.Errorf("%s heard %v, want %s", who, got, want)
			}
		}
		select {
		case ev := <-streams["DISHUB"]:
			t.Errorf("another agency's operator heard %v", ev)
		case ev := <-streams["operator"]:
			t.Errorf("an event too many: %v", ev)
		case <-time.After(300 * time.Millisecond):
		}
	})
}
