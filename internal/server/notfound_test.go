package server_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/store"
)

// TestUnknownPathPage: an unknown address gets the console's error page in
// the reader's language (it was Go's plain "404 page not found"), to a
// citizen and to a logged-in user alike, who keeps the menu; the API and
// Open311 keep their own error shapes, and a path that exists for another
// method still says 405.
func TestUnknownPathPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t, store.SQLite)
	get := func(method, path string) (*http.Response, string) {
		req, _ := http.NewRequest(method, e.url+path, nil)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res, string(b)
	}
	for _, tc := range []struct{ path, want string }{
		{"/lacakk", "Halaman ini tidak ada"},
		{"/lapor/terkirim/lagi", "Halaman ini tidak ada"},
		{"/tidak-ada?lang=en", "This page does not exist"},
	} {
		res, body := get("GET", tc.path)
		if res.StatusCode != 404 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") || !strings.Contains(body, tc.want) ||
			!strings.Contains(body, `href="/static/`) || strings.Contains(body, "404 page not found") {
			t.Errorf("GET %s: %d %s, not the styled page saying %q", tc.path, res.StatusCode, res.Header.Get("Content-Type"), tc.want)
		}
	}
	// /metrics without its token reads as any unknown path, so that
	// nothing tells it is there (it was the mux's plain text beside the
	// styled page).
	if res, body := get("GET", "/metrics"); res.StatusCode != 404 || !strings.Contains(body, "Halaman ini tidak ada") {
		t.Errorf("GET /metrics: %d, not the page every unknown path gets", res.StatusCode)
	}
	code, body := e.page(t, aduan.RoleOperatorCC, "/antrian-lama")
	if code != 404 || !strings.Contains(body, "Halaman ini tidak ada") || !strings.Contains(body, "User operator_cc") {
		t.Errorf("logged in: %d, not the error page with the user's menu", code)
	}
	if res, body := get("GET", "/api/v1/tidak-ada"); res.StatusCode != 404 || !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") || !strings.Contains(body, `"error"`) {
		t.Errorf("API: %d %s %s", res.StatusCode, res.Header.Get("Content-Type"), body)
	}
	if res, body := get("GET", "/open311/v2/tidak/ada"); res.StatusCode != 404 || !strings.Contains(body, "<errors>") {
		t.Errorf("Open311: %d %s", res.StatusCode, body)
	}
	if res, _ := get("DELETE", "/lacak"); res.StatusCode != 405 || !strings.Contains(res.Header.Get("Allow"), "GET") {
		t.Errorf("DELETE /lacak: %d, Allow %q", res.StatusCode, res.Header.Get("Allow"))
	}
}
