package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/kanneltest"
	"github.com/kotakita/aduan/internal/store"
)

const kannelSecret = "rahasia-uji-kannel"

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// startKannel runs a real Kannel whose incoming SMS go to the service that
// will listen on addr.
func startKannel(t *testing.T, addr string) *kanneltest.Kannel {
	t.Helper()
	mo := "http://" + addr + "/api/v1/channels/kannel/mo?secret=" + kannelSecret + "&from=%p&to=%P&text=%a&id=%I&coding=%c&ts=%T"
	return kanneltest.Start(t, mo)
}

// startWithKannel runs the service on addr with SMS through k.
func startWithKannel(t *testing.T, d store.Dialect, addr string, k *kanneltest.Kannel, dataDir, dbURL string) *Main {
	t.Helper()
	return startWithKannelTweak(t, addr, k, dataDir, dbURL, nil)
}

// startWithKannelTweak is startWithKannel with the configuration changed
// by tweak.
func startWithKannelTweak(t *testing.T, addr string, k *kanneltest.Kannel, dataDir, dbURL string, tweak func(*Config)) *Main {
	t.Helper()
	cfg, _, err := parseConfig("serve", nil, func(string) string { return "" }, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Addr, cfg.DataDir, cfg.AccessLog, cfg.LogLevel = addr, dataDir, false, "error"
	cfg.DatabaseURL = dbURL
	mc := &cfg.Messaging
	mc.KannelURL, mc.KannelUser, mc.KannelPassword, mc.KannelFrom, mc.KannelSecret = k.SendURL(), k.User, k.Password, "1500", kannelSecret
	mc.JobPoll = 20 * time.Millisecond
	mc.RetryBase, mc.RetryMax = 100*time.Millisecond, 500*time.Millisecond
	// Quick retries would use up the default 8 attempts in about three
	// seconds, less than smsbox may take to come back on a loaded machine:
	// the tests here want messages that wait for the gateway, not failures.
	mc.MaxAttempts = 1000
	mc.KannelAdmin, mc.KannelAdminPwd = k.AdminURL(), kanneltest.AdminPassword
	if tweak != nil {
		tweak(cfg)
	}
	m := &Main{Config: cfg, Out: &bytes.Buffer{}}
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	noReceipts(t, m.Store)
	return m
}

// kannelService runs a real Kannel and the service with SMS through it, on
// database d (a fresh PostgreSQL database for Postgres), with the
// configuration changed by tweak, if given.
func kannelService(t *testing.T, d store.Dialect, tweak ...func(*Config)) (*Main, *kanneltest.Kannel) {
	t.Helper()
	addr := freeAddr(t)
	k := startKannel(t, addr)
	dbURL := ""
	if d == store.Postgres {
		dbURL = dbtest.MigratedURL(t)
	}
	var tw func(*Config)
	if len(tweak) > 0 {
		tw = tweak[0]
	}
	return startWithKannelTweak(t, addr, k, t.TempDir(), dbURL, tw), k
}

func messagesOf(t *testing.T, c *apitest.Client, cmp map[string]any) []map[string]any {
	t.Helper()
	return apitest.Items(c.Do("GET", fmt.Sprintf("/api/v1/complaints/%d/messages", apitest.Num(cmp, "id")), nil).Must(t, 200))
}

func waitUntil(t *testing.T, what string, timeout time.Duration, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

// TestRealKannel: an identity request (SOP step 3) reaches the fake SMSC
// through bearerbox and smsbox, its delivery report marks it delivered on
// the complaint, and the citizen's SMS reply comes back through Kannel onto
// the same complaint, fills the identity and resumes the clock.
func TestRealKannel(t *testing.T) {
	t.Parallel()
	kanneltest.Require(t)
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		addr := freeAddr(t)
		k := startKannel(t, addr)
		dbURL := ""
		if d == store.Postgres {
			dbURL = dbtest.MigratedURL(t)
		}
		m := startWithKannel(t, d, addr, k, t.TempDir(), dbURL)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Lampu PJU mati di Jl. Nusantara.",
			"citizen": map[string]any{"phone": "0812-1111-2222"}}).Must(t, 201)
		cmp = act(t, op, cmp, "request_identity", map[string]any{"missing": []string{"name", "address"}})
		number := apitest.Str(cmp, "number")

		if _, ok := k.WaitFor(30*time.Second, func(ms []kanneltest.MT) bool { return len(ms) >= 1 }); !ok {
			t.Fatal("no SMS reached the fake SMSC")
		}
		waitUntil(t, "delivery report", 20*time.Second, func() bool {
			ms := messagesOf(t, op, cmp)
			return len(ms) == 1 && apitest.Str(ms[0], "status") == "delivered"
		})
		msg := messagesOf(t, op, cmp)[0]
		got, _ := k.WaitFor(10*time.Second, func(ms []kanneltest.MT) bool { return len(ms) >= int(apitest.Num(msg, "parts")) })
		var text strings.Builder
		for _, g := range got {
			if g.To != "6281211112222" || g.From != "1500" {
				t.Errorf("SMS at the SMSC: %+v", g)
			}
			text.WriteString(g.Text)
		}
		if len(got) != int(apitest.Num(msg, "parts")) || !strings.Contains(text.String(), number) {
			t.Fatalf("SMS at the SMSC: %+v (%v parts recorded)", got, msg["parts"])
		}
		if ms := messagesOf(t, op, cmp); apitest.Str(ms[0], "via") != "kannel" || apitest.Num(ms[0], "attempts") != 1 {
			t.Errorf("message on the complaint: %v", ms[0])
		}

		k.Inject("6281211112222", "1500", "Nama: Budi Santoso, Alamat: Jl. Melati 5")
		waitUntil(t, "reply on the complaint", 20*time.Second, func() bool {
			c := op.Do("GET", fmt.Sprintf("/api/v1/complaints/%d", apitest.Num(cmp, "id")), nil).Must(t, 200)
			return apitest.Str(c, "status") == "recorded"
		})
		c := op.Do("GET", fmt.Sprintf("/api/v1/complaints/%d", apitest.Num(cmp, "id")), nil).Must(t, 200)
		cz := apitest.Obj(c, "citizen")
		if apitest.Str(cz, "name") != "Budi Santoso" || apitest.Str(cz, "address") != "Jl. Melati 5" {
			t.Errorf("citizen after the reply: %v", cz)
		}
		ms := messagesOf(t, op, cmp)
		if len(ms) != 2 || apitest.Str(ms[1], "direction") != "in" || apitest.Str(ms[1], "from") != "+6281211112222" {
			t.Errorf("messages: %v", ms)
		}
	})
}

// TestGatewayDownThenBack: with smsbox down every send is refused and
// retried; once it is back every message arrives, none twice.
func TestGatewayDownThenBack(t *testing.T) {
	t.Parallel()
	kanneltest.Require(t)
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		addr := freeAddr(t)
		k := startKannel(t, addr)
		dbURL := ""
		if d == store.Postgres {
			dbURL = dbtest.MigratedURL(t)
		}
		m := startWithKannel(t, d, addr, k, t.TempDir(), dbURL)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		k.StopSmsbox()
		const n = 6
		var numbers []string
		for i := 0; i < n; i++ {
			cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": fmt.Sprintf("Sampah menumpuk di titik %d.", i),
				"citizen": map[string]any{"phone": fmt.Sprintf("08121111%04d", i)}}).Must(t, 201)
			act(t, op, cmp, "request_identity", nil)
			numbers = append(numbers, apitest.Str(cmp, "number"))
		}
		// Every message is tried and refused at least once while down.
		waitUntil(t, "refused attempts", 20*time.Second, func() bool {
			items := apitest.Items(op.Do("GET", "/api/v1/messages?status=queued", nil).Must(t, 200))
			refused := 0
			for _, it := range items {
				if apitest.Num(it, "attempts") >= 1 && strings.Contains(apitest.Str(it, "error"), "connection refused") {
					refused++
				}
			}
			return refused == n
		})
		k.StartSmsbox()
		// A long SMS arrives as its parts: count those.
		parts := 0
		waitUntil(t, "all sent", 60*time.Second, func() bool {
			items := apitest.Items(op.Do("GET", "/api/v1/messages?direction=out", nil).Must(t, 200))
			parts = 0
			for _, it := range items {
				if s := apitest.Str(it, "status"); s != "sent" && s != "delivered" {
					return false
				}
				parts += int(apitest.Num(it, "parts"))
			}
			return len(items) == n
		})
		got, ok := k.WaitFor(60*time.Second, func(ms []kanneltest.MT) bool { return len(ms) >= parts })
		if !ok {
			t.Fatalf("%d of %d SMS parts arrived after the gateway came back", len(got), parts)
		}
		time.Sleep(time.Second) // a duplicate would arrive now
		got = k.Received()
		seen := map[string]int{}
		for _, g := range got {
			for _, num := range numbers {
				if strings.Contains(g.Text, num) {
					seen[num]++
				}
			}
		}
		for _, num := range numbers {
			if seen[num] != 1 {
				t.Errorf("%s arrived %d times", num, seen[num])
			}
		}
		if len(got) != parts {
			t.Errorf("%d SMS parts at the SMSC, want %d", len(got), parts)
		}
	})
}

// BenchmarkStepToSMSC measures the time from a workflow step (the HTTP call
// that takes it) to its SMS reaching the fake SMSC through the real Kannel,
// on each database (sub-benchmarks sqlite and postgres); it reports p50 and
// p99 over b.N steps. The service and Kannel are started once per database.
func BenchmarkStepToSMSC(b *testing.B) {
	kanneltest.Require(b)
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		benchStepToSMSC(b, d)
	}
}

func benchStepToSMSC(b *testing.B, d store.Dialect) {
	addr := freeAddrB(b)
	mo := "http://" + addr + "/api/v1/channels/kannel/mo?secret=" + kannelSecret + "&from=%p&to=%P&text=%a&id=%I"
	k := kanneltest.Start(b, mo)
	cfg, _, err := parseConfig("serve", nil, func(string) string { return "" }, &bytes.Buffer{})
	if err != nil {
		b.Fatal(err)
	}
	cfg.Addr, cfg.DataDir, cfg.AccessLog, cfg.LogLevel = addr, b.TempDir(), false, "error"
	if d == store.Postgres {
		cfg.DatabaseURL = dbtest.MigratedURL(b)
	}
	mc := &cfg.Messaging
	mc.KannelURL, mc.KannelUser, mc.KannelPassword, mc.KannelFrom, mc.KannelSecret = k.SendURL(), k.User, k.Password, "1500", kannelSecret
	m := &Main{Config: cfg, Out: &bytes.Buffer{}}
	if err := m.Run(context.Background()); err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	u := &aduan.User{Username: "bench", Name: "Bench", Role: aduan.RoleOperatorCC, Active: true}
	if err := m.Store.Users().CreateUser(context.Background(), aduan.System, u, "kata-sandi-uji-123"); err != nil {
		b.Fatal(err)
	}
	tok, _, err := m.Store.Users().CreateToken(context.Background(), aduan.System, u.ID, "bench")
	if err != nil {
		b.Fatal(err)
	}
	c := apitest.New(b, "http://"+addr).As(tok)
	seq := 0
	b.Run(string(d), func(b *testing.B) {
		lat := make([]time.Duration, 0, b.N)
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			seq++
			cmp := c.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(b, c), "text": "Lampu jalan mati.", "citizen": map[string]any{"phone": fmt.Sprintf("0813%08d", seq)}}).Must(b, 201)
			before := len(k.Received())
			b.StartTimer()
			start := time.Now()
			c.Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/request_identity", apitest.Num(cmp, "id")), map[string]any{"version": apitest.Num(cmp, "version")}).Must(b, 200)
			got, ok := k.WaitFor(30*time.Second, func(ms []kanneltest.MT) bool { return len(ms) > before })
			if !ok {
				b.Fatal("SMS never arrived")
			}
			lat = append(lat, got[len(got)-1].At.Sub(start))
		}
		b.StopTimer()
		sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
		b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
		b.ReportMetric(float64(lat[min(len(lat)-1, len(lat)*99/100)].Microseconds())/1000, "p99-ms")
	})
}

func freeAddrB(b *testing.B) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// BenchmarkInboundSMS measures incoming SMS handled per second on each
// database (sub-benchmarks sqlite and postgres): each is a Kannel MO
// request to the HTTP endpoint (stored and queued), then matched by a job;
// half reply to an open complaint by its number, half open a new
// complaint. The clock runs until the last is processed.
func BenchmarkInboundSMS(b *testing.B) {
	for _, d := range []store.Dialect{store.SQLite, store.Postgres} {
		benchInboundSMS(b, d)
	}
}

func benchInboundSMS(b *testing.B, d store.Dialect) {
	cfg, _, err := parseConfig("serve", nil, func(string) string { return "" }, &bytes.Buffer{})
	if err != nil {
		b.Fatal(err)
	}
	cfg.Addr, cfg.DataDir, cfg.AccessLog, cfg.LogLevel = "127.0.0.1:0", b.TempDir(), false, "error"
	if d == store.Postgres {
		cfg.DatabaseURL = dbtest.MigratedURL(b)
	}
	cfg.Messaging.KannelSecret, cfg.Messaging.JobPoll = kannelSecret, 20*time.Millisecond
	m := &Main{Config: cfg, Out: &bytes.Buffer{}}
	if err := m.Run(context.Background()); err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	ctx := context.Background()
	c, err := m.Store.Complaints().CreateComplaint(ctx, aduan.System, aduan.NewComplaint{Text: "Lampu jalan mati.", Citizen: &aduan.CitizenInput{Phone: "081299990000"}})
	if err != nil {
		b.Fatal(err)
	}
	client := &http.Client{}
	base := "http://" + m.Addr() + "/api/v1/channels/kannel/mo?"
	seq := 0
	b.Run(string(d), func(b *testing.B) {
		b.ResetTimer()
		start := time.Now()
		for i := 0; i < b.N; i++ {
			seq++
			text := fmt.Sprintf("Keluhan baru nomor %d di Jl. Margonda", seq)
			if i%2 == 0 {
				text = c.Number + " belum ditangani " + fmt.Sprint(seq)
			}
			q := url.Values{"secret": {kannelSecret}, "from": {fmt.Sprintf("62813%08d", seq)}, "to": {"1500"}, "text": {text}, "id": {fmt.Sprintf("bench-%d", seq)}}
			res, err := client.Get(base + q.Encode())
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, res.Body)
			res.Body.Close()
			if res.StatusCode != 200 {
				b.Fatalf("status %d", res.StatusCode)
			}
		}
		for {
			var left int
			if err := m.Store.DB().QueryRow(`SELECT COUNT(*) FROM messages WHERE direction = 'in' AND processed_at IS NULL`).Scan(&left); err != nil {
				b.Fatal(err)
			}
			if left == 0 {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		b.StopTimer()
		b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "sms/s")
	})
}
