package main

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/channel/sms"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/kanneltest"
	"github.com/kotakita/aduan/internal/store"
)

// reviewed puts an SMS or e-mail to the citizen of complaint cmp on
// record as a killed process leaves it: under review, nothing of the
// gateway recorded, no job. It returns the message's ID.
func reviewed(t *testing.T, m *Main, cmp map[string]any, ch channel.Kind, to, body string) int64 {
	t.Helper()
	msg := &channel.Message{ComplaintID: int64(apitest.Num(cmp, "id")), Channel: ch, Purpose: channel.PurposeAnswer,
		To: to, Body: body, Subject: "Pengaduan", Status: channel.StatusReview, Error: "msg.interrupted"}
	if err := m.Queue.Send(context.Background(), msg); err != nil {
		t.Fatal(err)
	}
	return msg.ID
}

// atPhone counts the SMS with text body that the fake SMSC received.
func atPhone(k *kanneltest.Kannel, body string) int {
	n := 0
	for _, mt := range k.Received() {
		if mt.Text == body {
			n++
		}
	}
	return n
}

func messageStatus(t *testing.T, m *Main, id int64) *channel.Message {
	t.Helper()
	msg, err := m.Store.Messages().Message(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return msg
}

// autoResends counts the system's automatic resends of message id in the
// audit log.
func autoResends(t *testing.T, m *Main, id int64) int {
	t.Helper()
	var n int
	if err := m.Store.DB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'message.auto_resend' AND entity_id = $1`, strconv.FormatInt(id, 10)).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestReviewNeverAtKannelIsResent: an SMS flagged review that never
// reached Kannel (Kannel holds nothing for the number and no report came
// within the settle window) is sent again by the service, with the same
// message ID, so that its delivery report settles it: the phone gets it
// exactly once, the resend is in the audit log, and it is never resent a
// second time. Real Kannel with its fake SMSC, both databases.
func TestReviewNeverAtKannelIsResent(t *testing.T) {
	t.Parallel()
	kanneltest.Require(t)
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		const window = time.Second
		m, k := kannelService(t, d, func(c *Config) { c.Messaging.ReviewSettle = window })
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"text": "Lampu jalan mati di Jl. Nusantara.",
			"citizen": map[string]any{"name": "Budi", "phone": "0812-1111-4444", "address": "Jl. Nusantara 3"}}).Must(t, 201)
		body := "Jawaban pengaduan " + apitest.Str(cmp, "number") + ": lampu sudah diganti."
		start := time.Now()
		id := reviewed(t, m, cmp, channel.SMS, "+6281211114444", body)
		// Delivered, and the gateway's answer to the resend recorded: the
		// delivery report can overtake Kannel's own HTTP answer (on a busy
		// machine it does), and only that answer clears the error the
		// interrupted send left. An error never cleared times out here.
		waitUntil(t, "the send under review resent, delivered and its error cleared", 30*time.Second, func() bool {
			msg := messageStatus(t, m, id)
			return msg.Status == channel.StatusDelivered && msg.Error == ""
		})
		if took := time.Since(start); took < window {
			t.Errorf("resent after %v, before the settle window of %v", took, window)
		}
		msg := messageStatus(t, m, id)
		if msg.ResentAt == nil || msg.Error != "" {
			t.Errorf("the resend is not recorded on the message: resent_at %v, error %q", msg.ResentAt, msg.Error)
		}
		if n := autoResends(t, m, id); n != 1 {
			t.Errorf("automatic resends in the audit log: %d, want 1", n)
		}
		for _, j := range messagesOf(t, op, cmp) {
			if int64(apitest.Num(j, "id")) == id && apitest.Str(j, "resent_at") == "" {
				t.Errorf("the API does not say the message was resent: %v", j)
			}
		}
		// Rounds of the settling job after: nothing more goes.
		time.Sleep(3 * window)
		if n := atPhone(k, body); n != 1 {
			t.Errorf("the phone got the answer %d times, want 1", n)
		}
		if n := autoResends(t, m, id); n != 1 {
			t.Errorf("automatic resends after more rounds: %d, want 1", n)
		}
	})
}

// TestReviewAtKannelNotResent: a send under review that did reach Kannel
// is never sent again. One whose delivery report comes is settled by it;
// one Kannel still holds (the operator's link is down, so no report yet)
// stays under review while Kannel's store lists a message for the number,
// and is delivered and settled when the link is back. Each time the
// phone gets exactly one SMS. Real Kannel with its fake SMSC, both
// databases.
func TestReviewAtKannelNotResent(t *testing.T) {
	kanneltest.Require(t)
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		// Longer than the delivery report takes on a loaded machine: the
		// window is what the service waits for a report.
		const window = 2 * time.Second
		m, k := kannelService(t, d, func(c *Config) { c.Messaging.ReviewSettle = window })
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"text": "Saluran air tersumbat di Jl. Merdeka.",
			"citizen": map[string]any{"name": "Ani", "phone": "0812-1111-5555", "address": "Jl. Merdeka 9"}}).Must(t, 201)
		// What the killed process had handed to Kannel: the message with
		// the service's delivery-report URL.
		kn, err := sms.NewKannel(sms.Config{URL: k.SendURL(), Username: k.User, Password: k.Password, From: "1500", MaxParts: 6,
			DLRURL: func(id int64) string {
				return "http://" + m.Addr() + "/api/v1/channels/kannel/dlr?secret=" + kannelSecret + "&id=" + strconv.FormatInt(id, 10) + "&type=%d"
			}})
		if err != nil {
			t.Fatal(err)
		}
		gone := func(id int64) {
			t.Helper()
			msg, err := m.Store.Messages().Message(context.Background(), id)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := kn.Send(context.Background(), msg); err != nil {
				t.Fatal(err)
			}
		}

		// Kannel had it, and its report comes.
		body := "Jawaban " + apitest.Str(cmp, "number") + ": saluran sudah dibersihkan."
		id := reviewed(t, m, cmp, channel.SMS, "+6281211115555", body)
		gone(id)
		waitUntil(t, "the delivery report to settle the review", 30*time.Second, func() bool {
			return messageStatus(t, m, id).Status == channel.StatusDelivered
		})
		time.Sleep(window + window/2)
		if n := atPhone(k, body); n != 1 {
			t.Errorf("reported by Kannel: the phone got it %d times, want 1", n)
		}
		if n := autoResends(t, m, id); n != 0 {
			t.Errorf("reported by Kannel, yet resent %d times", n)
		}

		// Kannel holds it: the operator's link is down.
		k.StopSMSC()
		held := "Jawaban " + apitest.Str(cmp, "number") + ": petugas datang besok."
		id = reviewed(t, m, cmp, channel.SMS, "+6281211115555", held)
		gone(id)
		time.Sleep(2*window + window/2)
		if msg := messageStatus(t, m, id); msg.Status != channel.StatusReview || msg.ResentAt != nil {
			t.Errorf("held by Kannel past the window: %s, resent at %v; want review, not resent", msg.Status, msg.ResentAt)
		}
		if n := autoResends(t, m, id); n != 0 {
			t.Errorf("held by Kannel, yet resent %d times", n)
		}
		k.StartSMSC()
		waitUntil(t, "the held SMS delivered once the link is back", 30*time.Second, func() bool {
			return messageStatus(t, m, id).Status == channel.StatusDelivered
		})
		time.Sleep(window)
		if n := atPhone(k, held); n != 1 {
			t.Errorf("held by Kannel: the phone got it %d times, want 1", n)
		}
	})
}

// TestReviewEmailLeftForPerson: an e-mail whose send was cut short cannot
// be asked after (the SMTP server's answer was lost), so after the settle
// window it stays under review with the reason, and the koordinator's
// dashboard counts it and lists it with that reason and the retry.
func TestReviewEmailLeftForPerson(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		dbURL := ""
		if d == store.Postgres {
			dbURL = dbtest.MigratedURL(t)
		}
		m := startOnWith(t, t.TempDir(), dbURL, func(c *Config) { c.Messaging.ReviewSettle = 300 * time.Millisecond })
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		koord := login(t, m, "dewi", aduan.RoleKoordinatorCC, "")
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"text": "Trotoar rusak di Jl. Margonda.", "channel": "email",
			"citizen": map[string]any{"name": "Rina", "email": "rina@example.id"}}).Must(t, 201)
		id := reviewed(t, m, cmp, channel.Email, "rina@example.id", "Jawaban atas pengaduan Anda.")
		waitUntil(t, "the settling job to leave the e-mail for a person", 20*time.Second, func() bool {
			return messageStatus(t, m, id).Error == "msg.review.email_unknown"
		})
		msg := messageStatus(t, m, id)
		if msg.Status != channel.StatusReview || msg.ResentAt != nil {
			t.Fatalf("e-mail in doubt: %s, resent at %v; want review, not resent", msg.Status, msg.ResentAt)
		}
		res := koord.Do("GET", "/dashboard", nil)
		if res.Status != 200 {
			t.Fatalf("dashboard: %d", res.Status)
		}
		page := string(res.Raw)
		if got := regexp.MustCompile(`id="review-tile"><a href="/messages#failed"><span class="n">(\d+)</span>`).FindStringSubmatch(page); got == nil || got[1] != "1" {
			t.Errorf("koordinator's review tile: %v, want 1", got)
		}
		row := regexp.MustCompile(`(?s)<tr id="review-` + strconv.FormatInt(id, 10) + `">(.*?)</tr>`).FindStringSubmatch(page)
		if row == nil {
			t.Fatalf("the e-mail is not listed on the koordinator's dashboard")
		}
		for _, want := range []string{apitest.Str(cmp, "number"), "Jawaban server e-mail hilang",
			fmt.Sprintf(`action="/messages/%d/retry"`, id), `name="back" value="/dashboard#review"`} {
			if !strings.Contains(row[1], want) {
				t.Errorf("the dashboard's row lacks %q: %s", want, row[1])
			}
		}
		if strings.Contains(row[1], "rina@example.id") {
			t.Errorf("the dashboard's row shows the citizen's address: %s", row[1])
		}
		if n := autoResends(t, m, id); n != 0 {
			t.Errorf("an e-mail in doubt was resent %d times", n)
		}
	})
}
