package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/channel/whatsapp/wafake"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// eventStream opens /events as c's user and sends each "msgstatus" event's
// data on the returned channel.
func eventStream(t *testing.T, c *apitest.Client) <-chan map[string]any {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", c.Base+"/events", nil)
	res, err := c.HTTP.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("/events: %d %s", res.StatusCode, res.Header.Get("Content-Type"))
	}
	out := make(chan map[string]any, 16)
	go func() {
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		kind := ""
		for sc.Scan() {
			line := sc.Text()
			if k, ok := strings.CutPrefix(line, "event: "); ok {
				kind = k
			}
			if d, ok := strings.CutPrefix(line, "data: "); ok && kind == "msgstatus" {
				var ev map[string]any
				if json.Unmarshal([]byte(d), &ev) == nil {
					out <- ev
				}
			}
		}
	}()
	return out
}

// TestMessageStatusOnTheEventStream: on both databases, the WhatsApp
// forward's statuses (sent by the worker, then delivered and read by Meta's
// webhooks) reach the event stream of the call-center operator and of the
// agency the complaint is with, as "msgstatus" events naming the complaint;
// another agency's operator hears nothing of them.
func TestMessageStatusOnTheEventStream(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := wafake.Start(t)
		m := startWithWhatsApp(t, d, f, nil, nil)
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

		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Jalan berlubang di Jl. Raya Sawangan.",
			"citizen": map[string]any{"name": "Budi", "phone": "081277771234", "address": "Jl. Sawangan 12"}}).Must(t, 201)
		act(t, op, cmp, "forward", map[string]any{"agency_id": rina.AgencyID})
		waitUntil(t, "the forward sent", 20*time.Second, func() bool { return len(f.Requests()) == 1 })
		waitUntil(t, "the forward marked sent", 20*time.Second, func() bool {
			ms := messagesOf(t, op, cmp)
			return len(ms) == 1 && apitest.Str(ms[0], "status") == "sent"
		})
		// "sent" is heard before the receipts are posted: its event
		// leaves after its own commit, and a receipt posted at once
		// could overtake it on the stream.
		heard := map[string][]string{}
		for _, who := range []string{"operator", "DPUPR"} {
			select {
			case ev := <-streams[who]:
				heard[who] = append(heard[who], apitest.Str(ev, "status"))
			case <-time.After(10 * time.Second):
				t.Fatalf("%s heard nothing of the forward's message", who)
			}
		}
		postWebhook(t, m, waStatus("wamid.FAKE1", "delivered"))
		postWebhook(t, m, waStatus("wamid.FAKE1", "read"))
		postWebhook(t, m, waStatus("wamid.FAKE1", "delivered")) // late and out of order: no change, no event

		for _, who := range []string{"operator", "DPUPR"} {
			got := heard[who]
			timeout := time.After(10 * time.Second)
			for len(got) < 3 {
				select {
				case ev := <-streams[who]:
					if apitest.Num(ev, "complaint_id") != apitest.Num(cmp, "id") || apitest.Str(ev, "number") != apitest.Str(cmp, "number") {
						t.Errorf("%s: event %v", who, ev)
					}
					got = append(got, apitest.Str(ev, "status"))
				case <-timeout:
					t.Fatalf("%s heard %v, want sent, delivered, read", who, got)
				}
			}
			if fmt.Sprint(got) != "[sent delivered read]" {
				t.Errorf("%s heard %v", who, got)
			}
		}
		select {
		case ev := <-streams["DISHUB"]:
			t.Errorf("another agency's operator heard %v", ev)
		case ev := <-streams["operator"]:
			t.Errorf("an event for a status that did not change: %v", ev)
		case <-time.After(300 * time.Millisecond):
		}
	})
}
