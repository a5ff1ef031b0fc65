package server_test

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/server"
	"github.com/kotakita/aduan/internal/store"
)

// TestMetricsNotPublic: on the service's own (public) listener /metrics
// answers 404 to anyone without the metrics token, including a request
// that seems to come from the proxy's loopback address, and the figures
// with it.
func TestMetricsNotPublic(t *testing.T) {
	st := dbtest.OpenSeeded(t, store.SQLite)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	get := func(h http.Handler, auth string) (int, string) {
		req := httptest.NewRequest("GET", "/metrics", nil)
		req.RemoteAddr = "127.0.0.1:40000"
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		return rec.Code, rec.Body.String()
	}
	open := server.New(server.Config{Store: st, Log: log})
	if code, body := get(open, ""); code != 404 || strings.Contains(body, "aduan_") {
		t.Errorf("no token configured: %d", code)
	}
	if code, _ := get(open, "Bearer "); code != 404 {
		t.Errorf("no token configured, empty bearer: %d", code)
	}
	guarded := server.New(server.Config{Store: st, Log: log, MetricsToken: "rahasia-metrik-123"})
	for _, auth := range []string{"", "Bearer salah", "Basic cmFoYXNpYS1tZXRyaWstMTIz", "rahasia-metrik-123"} {
		if code, body := get(guarded, auth); code != 404 || strings.Contains(body, "aduan_") {
			t.Errorf("%q: %d", auth, code)
		}
	}
	if code, body := get(guarded, "Bearer rahasia-metrik-123"); code != 200 || !strings.Contains(body, "aduan_complaints") {
		t.Errorf("with the token: %d", code)
	}
	if code, body := get(guarded.Metrics(), ""); code != 200 || !strings.Contains(body, "go_goroutines") {
		t.Errorf("the private listener's handler: %d", code)
	}
}
