package server_test

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/api"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// page fetches a console page (or a file the console serves) as role,
// with a session of its own, and returns the status and the body.
func (e *env) page(t *testing.T, r aduan.Role, path string) (int, string) {
	t.Helper()
	tok, err := e.st.CreateSession(ctx, e.users[r].ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", e.url+path, nil)
	req.AddCookie(&http.Cookie{Name: api.SessionCookie, Value: tok})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// TestOverlongSearchText: every surface that takes a search text answers
// one longer than aduan.MaxQueryLen with 400 and says why, in the user's
// language; a long one was a 500 on SQLite ("LIKE or GLOB pattern too
// complex").
func TestOverlongSearchText(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		e.newComplaint(t, nextPhone(), nil)
		q := url.QueryEscape(strings.Repeat("jalan rusak ", 5000))
		for _, path := range []string{"/api/v1/complaints?q=" + q, "/api/v1/exports/complaints/csv?q=" + q, "/api/v1/exports/complaints/xlsx?q=" + q} {
			res := e.as(OP).Do("GET", path, nil)
			if res.Status != 400 || !strings.Contains(res.ErrorMessage(), "Teks pencarian terlalu panjang (maksimum 200 karakter)") || res.FieldErrors()["q"] == "" {
				t.Errorf("%s: %d %s", path[:30], res.Status, res.Raw)
			}
		}
		for _, path := range []string{"/queue?q=" + q, "/queue/export/csv?q=" + q} {
			status, body := e.page(t, OP, path)
			if status != 400 || !strings.Contains(body, "Teks pencarian terlalu panjang (maksimum 200 karakter)") {
				t.Errorf("%s: %d", path[:20], status)
			}
		}
		// Within the limit the search runs.
		e.as(OP).Do("GET", "/api/v1/complaints?q="+url.QueryEscape(strings.Repeat("%_", 100)), nil).Must(t, 200)
	})
}
