package server_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/live"
	"github.com/kotakita/aduan/internal/store"
)

// TestEventStreamsCappedPerUser: one session opening stream after stream
// gets a 429 with Retry-After and a message past the cap; another user
// still gets theirs, and a closed stream frees its place.
func TestEventStreamsCappedPerUser(t *testing.T) {
	e := newEnv(t, store.SQLite)
	session := func(user string) *apitest.Client {
		c := apitest.New(t, e.url)
		c.Do("POST", "/api/v1/auth/login", map[string]any{"username": user, "password": "kata-sandi-uji-123"}).Must(t, 200)
		return c
	}
	open := func(c *apitest.Client) (*http.Response, context.CancelFunc) {
		ctx, cancel := context.WithCancel(context.Background())
		req, _ := http.NewRequestWithContext(ctx, "GET", e.url+"/events", nil)
		res, err := c.HTTP.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		return res, func() { cancel(); res.Body.Close() }
	}
	op := session("operator.cc")
	var closers []context.CancelFunc
	defer func() {
		for _, c := range closers {
			c()
		}
	}()
	for i := 0; i < live.MaxStreamsPerUser; i++ {
		res, stop := open(op)
		closers = append(closers, stop)
		if res.StatusCode != 200 {
			t.Fatalf("stream %d: %d", i+1, res.StatusCode)
		}
	}
	res, stop := open(op)
	buf := make([]byte, 4096)
	n, _ := res.Body.Read(buf)
	stop()
	if res.StatusCode != 429 || res.Header.Get("Retry-After") == "" || !strings.Contains(string(buf[:n]), "paling banyak 8") {
		t.Errorf("over the cap: %d %q %q", res.StatusCode, res.Header.Get("Retry-After"), buf[:n])
	}
	other, stopOther := open(session("koordinator.cc"))
	closers = append(closers, stopOther)
	if other.StatusCode != 200 {
		t.Errorf("another user's stream: %d", other.StatusCode)
	}
}
