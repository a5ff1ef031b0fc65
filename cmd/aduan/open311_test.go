package main

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/store"
)

// TestOpen311KeyCommand: `aduan open311 key add NAME` prints the key once
// (only its hash is kept), list shows it by prefix, revoke ends it.
func TestOpen311KeyCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := func(k string) string {
		if k == "ADUAN_DATA_DIR" {
			return dir
		}
		return ""
	}
	ctx := context.Background()
	var out, errb bytes.Buffer
	if err := run(ctx, []string{"open311", "key", "add", "FixMyStreet Depok", "--per-hour", "120"}, env, &out, &errb); err != nil {
		t.Fatalf("add: %v %s", err, errb.String())
	}
	key := strings.TrimSpace(out.String())
	if !strings.HasPrefix(key, "o311_") || strings.Contains(key, "\n") || !strings.Contains(errb.String(), "FixMyStreet Depok") {
		t.Fatalf("add printed %q / %q", out.String(), errb.String())
	}
	out.Reset()
	if err := run(ctx, []string{"open311", "key", "list"}, env, &out, &errb); err != nil {
		t.Fatal(err)
	}
	if got := out.String(); !strings.Contains(got, key[:10]+"…") || strings.Contains(got, key) || !strings.Contains(got, "120/h") {
		t.Errorf("list: %q", got)
	}
	out.Reset()
	if err := run(ctx, []string{"open311", "key", "revoke", "1"}, env, &out, &errb); err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(ctx, store.Config{DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Open311().Open311KeyBySecret(ctx, key); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
		t.Errorf("revoked key: %v", err)
	}
	if err := run(ctx, []string{"open311", "key", "add"}, env, &out, &errb); err != errUsage {
		t.Errorf("add without a name: %v", err)
	}
}

// TestBrowserOpen311Keys: IT staff add a key in the console (shown once),
// the client files a request with it, and revoking it shuts the client out.
func TestBrowserOpen311Keys(t *testing.T) {
	t.Parallel()
	root := chromium(t)
	m, _ := start(t, store.SQLite, false)
	base := "http://" + m.Addr()
	mkUser(t, m, "budi.it", "Budi IT", aduan.RoleAdmin, "")
	s := newSession(t, root, base, "admin", 1366, 768, "budi.it", "kata-sandi-uji-123")
	s.go_("/admin/users")
	s.run(chromedp.Click(`a[href="/admin/open311"]`), chromedp.WaitVisible(`input[name=name]`))
	s.run(chromedp.SendKeys(`input[name=name]`, "Dasbor Kota"), chromedp.Click(`form[action="/admin/open311"] button[type=submit]`), chromedp.WaitVisible(`#new-key code`))
	key := strings.TrimSpace(s.text(`#new-key code`))
	s.shot("admin-open311-key")
	post := func() int {
		res, err := http.PostForm(base+"/open311/v2/requests.json", url.Values{"api_key": {key}, "service_code": {"PJU"},
			"address_string": {"Jl. Juanda"}, "description": {"Lampu mati."}})
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := post(); got != 200 {
		t.Fatalf("request with the new key: %d", got)
	}
	s.go_("/admin/open311")
	if got := s.text(`table`); !strings.Contains(got, "Dasbor Kota") || strings.Contains(got, key) {
		t.Errorf("key list: %q", got)
	}
	s.run(chromedp.Click(`form[action$="/revoke"] button`))
	s.waitText(`.flash`, "Kunci dicabut")
	if got := post(); got != 403 {
		t.Errorf("request with a revoked key: %d", got)
	}
	if got := s.text(`table`); !strings.Contains(got, "Dicabut") {
		t.Errorf("revoked key not shown so: %q", fmt.Sprint(got))
	}
}
