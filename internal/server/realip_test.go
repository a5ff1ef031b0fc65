package server_test

import (
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/server"
	"github.com/kotakita/aduan/internal/store"
)

// Behind a trusted reverse proxy the log-in limit counts each person's
// address (from X-Forwarded-For), not the proxy's: a call center whose
// operators all log in at the start of a shift is not locked out by one
// of them mistyping. A client cannot escape its limit by writing the
// header itself, and a peer that is not a trusted proxy cannot name
// another client.
func TestLoginLimitBehindProxy(t *testing.T) {
	st := dbtest.OpenSeeded(t, store.SQLite)
	proxies, err := server.ParseProxies("127.0.0.1, ::1, 10.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	// The limiter's windows follow the store's clock: it stands still.
	still := time.Now().Truncate(time.Hour).Add(90 * time.Second)
	st.Now = func() time.Time { return still }
	srv := server.New(server.Config{Store: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), TrustedProxies: proxies})
	// Each attempt names another user, so that only the per-address limit
	// (not an account's lock or back-off) is at work.
	n := 0
	login := func(peer, xff string) int {
		n++
		req := httptest.NewRequest("POST", "/api/v1/auth/login", strings.NewReader(fmt.Sprintf(`{"username":"nobody%d","password":"salah-sekali"}`, n)))
		req.Header.Set("Content-Type", "application/json")
		req.RemoteAddr = peer
		if xff != "" {
			req.Header.Set("X-Forwarded-For", xff)
		}
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, req)
		return w.Code
	}
	// One person uses up the limit (20 a minute) through the proxy, even
	// while writing a new address of their own in front each time.
	for i := 0; i < 20; i++ {
		if c := login("127.0.0.1:40000", "192.0.2."+string(rune('0'+i%10))+", 203.0.113.9"); c != http.StatusUnauthorized {
			t.Fatalf("attempt %d: %d", i+1, c)
		}
	}
	if c := login("127.0.0.1:40000", "198.51.100.1, 203.0.113.9"); c != http.StatusTooManyRequests {
		t.Errorf("21st attempt of the same person: %d, want 429", c)
	}
	// Another person behind the same proxy (through a second, inner one).
	if c := login("127.0.0.1:40001", "203.0.113.10, 10.1.2.3"); c != http.StatusUnauthorized {
		t.Errorf("another person through the proxy: %d, want 401", c)
	}
	// Over IPv6 loopback too.
	if c := login("[::1]:40002", "2001:db8::7"); c != http.StatusUnauthorized {
		t.Errorf("another person through the IPv6 proxy: %d, want 401", c)
	}
	// A peer that is not a trusted proxy is the client, whatever it writes:
	// naming the limited person does not touch their count...
	for i := 0; i < 20; i++ {
		login("198.51.100.77:1234", "203.0.113.10")
	}
	if c := login("127.0.0.1:40001", "203.0.113.10"); c != http.StatusUnauthorized {
		t.Errorf("a stranger's header used up someone else's limit: %d", c)
	}
	// ...and its own limit holds whatever it writes.
	if c := login("198.51.100.77:1234", "203.0.113.11"); c != http.StatusTooManyRequests {
		t.Errorf("an untrusted peer escaped its limit with a header: %d", c)
	}
}

func TestParseProxies(t *testing.T) {
	if _, err := server.ParseProxies("127.0.0.1, 10.0.0.0/8, ::1, fd00::/8"); err != nil {
		t.Error(err)
	}
	if p, err := server.ParseProxies(""); err != nil || len(p) != 0 {
		t.Errorf("empty: %v %v", p, err)
	}
	if _, err := server.ParseProxies("127.0.0.1, nginx"); err == nil {
		t.Error("a host name was accepted")
	}
}
