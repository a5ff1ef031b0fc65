package open311_test

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// postKeyed POSTs a form with an Idempotency-Key. query, if not empty,
// goes in the URL. It returns an error rather than failing, for goroutines.
func (e *env) postKeyed(path, query string, form url.Values, key string) (response, error) {
	u := e.url + path
	if query != "" {
		u += "?" + query
	}
	req, _ := http.NewRequest("POST", u, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
	req.Header.Set("Idempotency-Key", key)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return response{}, err
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return response{res.StatusCode, res.Header.Get("Content-Type"), b, res.Header}, nil
}

func (e *env) keyed(path, query string, form url.Values, key string) response {
	e.t.Helper()
	r, err := e.postKeyed(path, query, form, key)
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

func (e *env) complaints() int {
	e.t.Helper()
	var n int
	if err := e.st.DB().QueryRow(`SELECT COUNT(*) FROM complaints`).Scan(&n); err != nil {
		e.t.Fatal(err)
	}
	return n
}

// TestIdempotencyKeyOnOpen311: an Open311 client (FixMyStreet, the
// SP4N-LAPOR! bridge) that sends POST requests again with its
// Idempotency-Key gets the first answer back, in its format, and makes no
// second complaint — also with its parameters in another order and the
// api_key moved from the form to the query. The key with another request
// (another description, or the other format) is a 422 in the standard's
// error shape; keys are per Open311 client; a malformed key is a 400 that
// names the header; six sent at once make one complaint. SQLite and
// PostgreSQL.
func TestIdempotencyKeyOnOpen311(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		fields := func(desc string) url.Values {
			return form("service_code", "PJU", "address_string", "Jl. Juanda 12", "description", desc, "first_name", "Ani", "phone", "081234567890")
		}
		withKey := func(v url.Values, key string) url.Values {
			out := url.Values{"api_key": {key}}
			for k, vs := range v {
				out[k] = vs
			}
			return out
		}
		first := e.keyed("/open311/v2/requests.xml", "", withKey(fields("Lampu jalan mati sejak kemarin."), e.key), "laporan-1").check(t, "xml", 200)
		if first.header.Get("Idempotent-Replayed") != "" {
			t.Error("the first answer says it is a replay")
		}
		n := e.complaints()
		// Again, with api_key in the query and the form in another order.
		again := e.keyed("/open311/v2/requests.xml", "api_key="+url.QueryEscape(e.key), fields("Lampu jalan mati sejak kemarin."), "laporan-1").check(t, "xml", 200)
		if !bytes.Equal(again.body, first.body) || again.header.Get("Idempotent-Replayed") != "true" {
			t.Errorf("the retry:\n%s\n(replayed %q), the first:\n%s", again.body, again.header.Get("Idempotent-Replayed"), first.body)
		}
		if got := e.complaints(); got != n {
			t.Errorf("%d complaints after the retry, were %d", got, n)
		}

		// The key with another request.
		other := e.keyed("/open311/v2/requests.xml", "", withKey(fields("Jalan berlubang."), e.key), "laporan-1").check(t, "xml", 422)
		if msg := errorsOf(t, other, "xml"); !strings.Contains(msg[0], "Idempotency-Key") {
			t.Errorf("the key with another description: %v", msg)
		}
		json := e.keyed("/open311/v2/requests.json", "", withKey(fields("Lampu jalan mati sejak kemarin."), e.key), "laporan-1").check(t, "json", 422)
		errorsOf(t, json, "json")
		if got := e.complaints(); got != n {
			t.Errorf("%d complaints after the refused reuses, were %d", got, n)
		}

		// Another client, the same key: its own complaint.
		key2, _, err := e.st.Open311().CreateOpen311Key(ctx, aduan.System, "SP4N-LAPOR!", 0)
		if err != nil {
			t.Fatal(err)
		}
		e.keyed("/open311/v2/requests.xml", "", withKey(fields("Lampu jalan mati sejak kemarin."), key2), "laporan-1").check(t, "xml", 200)
		if got := e.complaints(); got != n+1 {
			t.Errorf("%d complaints after another client's request with the same key, want %d", got, n+1)
		}

		// A malformed key.
		bad := e.keyed("/open311/v2/requests.json", "", withKey(fields("Kunci rusak."), e.key), strings.Repeat("x", 256)).check(t, "json", 400)
		if msg := errorsOf(t, bad, "json"); !strings.Contains(msg[0], "Idempotency-Key") {
			t.Errorf("a malformed key: %v", msg)
		}

		// Six at once.
		n = e.complaints()
		answers := make([]response, 6)
		var wg sync.WaitGroup
		for i := range answers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r, err := e.postKeyed("/open311/v2/requests.json", "", withKey(fields("Sampah menumpuk di pasar."), e.key), "serentak")
				if err != nil {
					t.Error(err)
				}
				answers[i] = r
			}()
		}
		wg.Wait()
		for i, r := range answers {
			if r.status != 200 || !bytes.Equal(r.body, answers[0].body) {
				t.Errorf("request %d of six: %d %s", i, r.status, r.body)
			}
		}
		if got := e.complaints(); got != n+1 {
			t.Errorf("six requests with one key made %d complaints", got-n)
		}
	})
}
