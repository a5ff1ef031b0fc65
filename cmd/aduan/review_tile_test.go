package main

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/channel/sms"
	"github.com/kotakita/aduan/internal/channel/whatsapp/wafake"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/kanneltest"
	"github.com/kotakita/aduan/internal/store"
)

// TestDashboardShowsReviewQueue: a send cut short (flagged review, as after
// a crash) shows on the dashboard of the koordinator, and of the others who
// can act on the messages list, as a count that links to that list; not
// on the dashboard of a role that cannot.
func TestDashboardShowsReviewQueue(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		dbURL := ""
		if d == store.Postgres {
			dbURL = dbtest.MigratedURL(t)
		}
		m := startOn(t, t.TempDir(), dbURL)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		koord := login(t, m, "dewi", aduan.RoleKoordinatorCC, "")
		kasi := login(t, m, "agus", aduan.RoleKasiKabid, "")
		tile := regexp.MustCompile(`id="review-tile"><a href="/messages#failed"><span class="n">(\d+)</span>`)
		count := func(c *apitest.Client) string {
			t.Helper()
			r := c.Do("GET", "/dashboard", nil)
			if r.Status != 200 {
				t.Fatalf("dashboard: %d", r.Status)
			}
			if m := tile.FindSubmatch(r.Raw); m != nil {
				return string(m[1])
			}
			return "none"
		}
		if got := count(koord); got != "0" {
			t.Errorf("koordinator's review tile with nothing to review: %s", got)
		}
		c := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Lampu jalan mati di Jl. Juanda.", "channel": "telepon",
			"citizen": map[string]any{"phone": "081377770031"}}).Must(t, 201)
		op.Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/request_identity", apitest.Num(c, "id")), map[string]any{"version": apitest.Num(c, "version")}).Must(t, 200)
		var id int64
		var via string
		waitUntil(t, "the SMS sent", 20*time.Second, func() bool {
			return m.Store.DB().QueryRow(`SELECT id, via FROM messages WHERE direction = 'out' AND status = 'sent'`).Scan(&id, &via) == nil
		})
		// As the next process finds a send its predecessor was killed in.
		if _, err := m.Store.DB().Exec(`UPDATE messages SET status = 'sending' WHERE id = $1`, id); err != nil {
			t.Fatal(err)
		}
		if err := m.Store.Messages().MarkUnsent(context.Background(), id, via, channel.StatusReview, "msg.interrupted"); err != nil {
			t.Fatal(err)
		}
		if got := count(koord); got != "1" {
			t.Errorf("koordinator's review tile: %s, want 1", got)
		}
		if got := count(op); got != "1" {
			t.Errorf("operator's review tile: %s, want 1", got)
		}
		if got := count(kasi); got != "none" {
			t.Errorf("the review tile on the dashboard of a role that cannot act on it: %s", got)
		}
	})
}

// TestReviewSettledByKannel: where the gateway can tell, a send flagged
// review is settled without a person. A process killed while handing an
// SMS to Kannel leaves it under review (it cannot know whether Kannel took
// it); if Kannel did take it, Kannel's delivery report — whose URL carries
// our own message ID, not Kannel's — reaches the next process and marks
// the message delivered, and it leaves the review list and the dashboard's
// count. Real Kannel with its fake SMSC.
func TestReviewSettledByKannel(t *testing.T) {
	t.Parallel()
	kanneltest.Require(t)
	addr := freeAddr(t)
	k := startKannel(t, addr)
	m := startWithKannel(t, store.SQLite, addr, k, t.TempDir(), "")
	op := login(t, m, "siti", aduan.RoleOperatorCC, "")
	cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Sampah tidak diangkut seminggu di Jl. Kembang.",
		"citizen": map[string]any{"phone": "0812-1111-3333"}}).Must(t, 201)
	act(t, op, cmp, "request_identity", map[string]any{"missing": []string{"name"}})
	waitUntil(t, "the first SMS delivered", 30*time.Second, func() bool {
		ms := messagesOf(t, op, cmp)
		return len(ms) == 1 && apitest.Str(ms[0], "status") == "delivered"
	})
	id := int64(apitest.Num(messagesOf(t, op, cmp)[0], "id"))
	// The state a killed process leaves: its send under review, nothing
	// recorded of the gateway.
	if _, err := m.Store.DB().Exec(`UPDATE messages SET status = 'review', sent_at = NULL, delivered_at = NULL WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	if n, err := m.Store.Messages().ReviewCount(context.Background(), aduan.System); err != nil || n != 1 {
		t.Fatalf("under review: %d %v", n, err)
	}
	// What the killed process had sent: the same message, with the
	// service's delivery-report URL, through the same Kannel.
	msg, err := m.Store.Messages().Message(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	kn, err := sms.NewKannel(sms.Config{URL: k.SendURL(), Username: k.User, Password: k.Password, From: "1500", MaxParts: 6,
		DLRURL: func(id int64) string {
			return "http://" + addr + "/api/v1/channels/kannel/dlr?secret=" + kannelSecret + "&id=" + strconv.FormatInt(id, 10) + "&type=%d"
		}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := kn.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the delivery report to settle the review", 30*time.Second, func() bool {
		ms := messagesOf(t, op, cmp)
		return len(ms) == 1 && apitest.Str(ms[0], "status") == "delivered"
	})
	if n, err := m.Store.Messages().ReviewCount(context.Background(), aduan.System); err != nil || n != 0 {
		t.Errorf("still under review after the report: %d %v", n, err)
	}
}

// TestReviewSettledByWhatsApp: a WhatsApp send whose answer was lost (a
// crash after Meta took it) has no wamid recorded and is under review;
// Meta's status webhooks carry the biz_opaque_callback_data we sent with
// it, our own message ID, so the first status settles the review, and the
// wamid is learnt for the statuses after. A status whose wamid belongs to
// another message is not taken for this one.
func TestReviewSettledByWhatsApp(t *testing.T) {
	t.Parallel()
	f := wafake.Start(t)
	m := startWithWhatsApp(t, store.SQLite, f, nil, nil)
	onlyOperatorWhatsApp(t, m, "DPUPR")
	op := login(t, m, "siti", aduan.RoleOperatorCC, "")
	rina := &aduan.User{Username: "rina", Name: "Rina", Role: aduan.RoleOperatorPD, AgencyID: agencyID(t, m, "DPUPR"), Phone: "081399990001", Active: true}
	if err := m.Store.Users().CreateUser(context.Background(), aduan.System, rina, "kata-sandi-uji-123"); err != nil {
		t.Fatal(err)
	}
	cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Jalan berlubang di Jl. Raya Sawangan.",
		"citizen": map[string]any{"name": "Budi", "phone": "081277771234", "address": "Jl. Sawangan 12"}}).Must(t, 201)
	act(t, op, cmp, "forward", map[string]any{"agency_id": rina.AgencyID})
	waitUntil(t, "the forward marked sent", 20*time.Second, func() bool {
		ms := messagesOf(t, op, cmp)
		return len(ms) == 1 && apitest.Str(ms[0], "status") == "sent"
	})
	if n := len(f.Requests()); n != 1 || f.Requests()[0].BizOpaqueCallbackData == "" {
		t.Fatalf("the send to Meta: %d requests, %+v", n, f.Requests())
	}
	id := int64(apitest.Num(messagesOf(t, op, cmp)[0], "id"))
	// What a crash between Meta's answer and its record leaves.
	if _, err := m.Store.DB().Exec(`UPDATE messages SET status = 'review', gateway_id = NULL, sent_at = NULL WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	status := func(wamid, st, ours string) []byte {
		var b map[string]any
		json.Unmarshal(waStatus(wamid, st), &b)
		s := b["entry"].([]any)[0].(map[string]any)["changes"].([]any)[0].(map[string]any)["value"].(map[string]any)["statuses"].([]any)[0].(map[string]any)
		s["biz_opaque_callback_data"] = ours
		out, _ := json.Marshal(b)
		return out
	}
	postWebhook(t, m, status("wamid.LOST1", "delivered", fmt.Sprintf("aduan:%d", id)))
	ms := messagesOf(t, op, cmp)
	if apitest.Str(ms[0], "status") != "delivered" {
		t.Fatalf("after Meta's status with our ID: %v", ms[0])
	}
	if n, _ := m.Store.Messages().ReviewCount(context.Background(), aduan.System); n != 0 {
		t.Errorf("still %d under review", n)
	}
	// The wamid was learnt: a later status without our ID finds it.
	postWebhook(t, m, waStatus("wamid.LOST1", "read"))
	if got := apitest.Str(messagesOf(t, op, cmp)[0], "status"); got != "read" {
		t.Errorf("a later status by the wamid alone: %s", got)
	}
	// Our ID with another message's wamid is not this message's.
	if _, err := m.Store.DB().Exec(`UPDATE messages SET status = 'review' WHERE id = $1`, id); err != nil {
		t.Fatal(err)
	}
	postWebhook(t, m, status("wamid.OTHER", "delivered", fmt.Sprintf("aduan:%d", id)))
	if got := apitest.Str(messagesOf(t, op, cmp)[0], "status"); got != "review" {
		t.Errorf("a status with another wamid settled it: %s", got)
	}
}
