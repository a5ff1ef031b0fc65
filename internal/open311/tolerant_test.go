package open311_test

import (
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/open311"
	"github.com/kotakita/aduan/internal/store"
)

// TestUpdatesNewestFirstPaged: servicerequestupdates without dates gives
// the newest updates first, page_size at a time, with a cursor (and a Link)
// to the next page that new updates arriving meanwhile do not shift; page
// pages too; a cursor beside dates is refused.
func TestUpdatesNewestFirstPaged(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		now := time.Now()
		var numbers []string
		for i := range 3 {
			c := e.complaint("Sampah belum diangkut di blok "+strconv.Itoa(i)+".", aduan.Public, "SAMPAH", now.Add(-time.Hour), "08127777000"+strconv.Itoa(i))
			if _, _, err := e.st.Complaints().ApplyAction(ctx, e.op, c.ID, c.Version, aduan.ActionAnswer, aduan.ActionInput{Answer: "Diangkut besok pagi."}); err != nil {
				t.Fatal(err)
			}
			numbers = append(numbers, c.Number)
		}
		// Six updates: each complaint's create and answer. The newest is the
		// last complaint's answer.
		base := "/open311/v2/servicerequestupdates.json?api_key=" + url.QueryEscape(e.key)
		r := e.get(base+"&page_size=4").check(t, "json", 200)
		first := list(t, r.body)
		if len(first) != 4 || first[0]["service_request_id"] != numbers[2] || first[0]["status"] != "action_scheduled" {
			t.Fatalf("the newest page: %s", r.body)
		}
		ids := func(l []map[string]any) []int {
			var out []int
			for _, u := range l {
				n, _ := strconv.Atoi(u["update_id"].(string))
				out = append(out, n)
			}
			return out
		}
		got := ids(first)
		for i := 1; i < len(got); i++ {
			if got[i] >= got[i-1] {
				t.Errorf("not newest first: %v", got)
			}
		}
		cursor := r.header.Get("X-Next-Cursor")
		if cursor == "" || !strings.Contains(r.header.Get("Link"), "cursor="+cursor) || strings.Contains(r.header.Get("Link"), e.key) {
			t.Fatalf("no next cursor or a key in the link: %q %q", cursor, r.header.Get("Link"))
		}
		// A new update arrives before the client asks for the next page.
		e.complaint("Lampu mati.", aduan.Public, "SAMPAH", now, "081277779999")
		r = e.get(base+"&page_size=4&cursor="+cursor).check(t, "json", 200)
		second := ids(list(t, r.body))
		if len(second) != 2 || second[0] >= got[3] || r.header.Get("X-Next-Cursor") != "" {
			t.Errorf("the next page after %v: %v (next %q)", got, second, r.header.Get("X-Next-Cursor"))
		}
		r = e.get(base+"&page_size=2&page=2").check(t, "json", 200)
		if p2 := ids(list(t, r.body)); len(p2) != 2 || !strings.Contains(r.header.Get("Link"), "page=3") {
			t.Errorf("page 2: %v, link %q", p2, r.header.Get("Link"))
		}
		span := "&start_date=" + url.QueryEscape(open311.Time(aduan.WIB, now.Add(-2*time.Hour)))
		for _, bad := range []string{"&cursor=abc", "&cursor=5" + span, "&page_size=0"} {
			e.get(base+bad).check(t, "json", 400)
		}
		// With dates: oldest first, as before.
		old := ids(list(t, e.get(base+span).check(t, "json", 200).body))
		if len(old) != 7 || old[0] > old[1] {
			t.Errorf("dated updates: %v", old)
		}
	})
}

// TestTolerantInputs: what clients commonly get wrong is read, not
// refused. A "+" of an offset that came as a space, a date without a
// time, lower-case t and z; a description that looks like HTML is kept
// as text; one longer than a complaint's text is taken up to
// MaxDescription, the rest following as notes, in order. The answer's
// notice names no number for a blackbox service and promises no SMS to a
// caller without a phone.
func TestTolerantInputs(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		file := func(kv ...string) map[string]any {
			t.Helper()
			f := form("api_key", e.key, "service_code", "PJU", "address_string", "Jl. Juanda")
			for i := 0; i < len(kv); i += 2 {
				f.Set(kv[i], kv[i+1])
			}
			return list(t, e.post("/open311/v2/requests.json", f).check(t, "json", 200).body)[0]
		}
		html := "Kabel <PLN> putus di depan rumah no. 5 & menjuntai ke jalan."
		out := file("description", html)
		c, err := e.st.Complaints().ComplaintByNumber(ctx, aduan.System, out["service_request_id"].(string))
		if err != nil || c.Text != html {
			t.Fatalf("an HTML-looking description: %q, %v", c.Text, err)
		}
		if n := out["service_notice"].(string); !strings.Contains(n, c.Number) || strings.Contains(n, "disampaikan melalui SMS") {
			t.Errorf("a realtime answer without a phone: %q", n)
		}
		if n := file("description", "Lampu mati.", "phone", "081277771234")["service_notice"].(string); !strings.Contains(n, "disampaikan melalui SMS") {
			t.Errorf("a realtime answer with a phone: %q", n)
		}

		var long strings.Builder
		for i := 0; long.Len() < 9000; i++ {
			long.WriteString("Kalimat ke-" + strconv.Itoa(i) + " dari laporan panjang tentang lampu jalan. ")
		}
		out = file("description", long.String())
		c, _ = e.st.Complaints().ComplaintByNumber(ctx, aduan.System, out["service_request_id"].(string))
		evs, _ := e.st.Complaints().Events(ctx, aduan.System, c.ID)
		whole := strings.TrimSuffix(c.Text, "\n\n[Deskripsi berlanjut di 2 catatan berikut.]")
		if whole == c.Text {
			t.Errorf("the text does not say it goes on: …%s", c.Text[len(c.Text)-80:])
		}
		for _, ev := range evs {
			if ev.Action == aduan.ActionNote && ev.Details["source"] == "open311_description" {
				whole += " " + ev.Details["note"]
			}
		}
		if whole != strings.TrimSpace(long.String()) {
			t.Errorf("the long description did not arrive whole: %d of %d characters", len(whole), long.Len())
		}
		r := e.post("/open311/v2/requests.json", form("api_key", e.key, "service_code", "PJU", "address_string", "Jl. Juanda",
			"description", strings.Repeat("a", open311.MaxDescription+1))).check(t, "json", 400)
		if msg := strings.Join(errorsOf(t, r, "json"), " "); !strings.Contains(msg, "20000") {
			t.Errorf("too long: %s", msg)
		}

		if err := e.st.Open311().SetOpen311Service(ctx, aduan.System, "PARKIR_LIAR", "blackbox", "", nil); err != nil {
			t.Fatal(err)
		}
		out = file("service_code", "PARKIR_LIAR", "description", "Parkir liar di trotoar.")
		if out["service_request_id"] != nil || strings.Contains(out["service_notice"].(string), "ADU-") || strings.Contains(out["service_notice"].(string), "disampaikan melalui SMS") {
			t.Errorf("a blackbox answer without a phone: %v", out)
		}

		// Dates as clients send them: the request just filed is found by
		// each form of today.
		today := time.Now().In(aduan.WIB)
		stamp := today.Add(-time.Hour).Format("2006-01-02T15:04:05") + " 07:00" // "+07:00" with its + decoded as a space
		for _, q := range []string{
			"start_date=" + strings.ReplaceAll(stamp, " ", "+"), // a raw + in the query is a space
			"start_date=" + today.Format("2006-01-02") + "&end_date=" + today.Format("2006-01-02"),
			"start_date=" + strings.ToLower(today.Add(-time.Hour).UTC().Format("2006-01-02T15:04:05Z")),
		} {
			r := e.get("/open311/v2/requests.json?"+q).check(t, "json", 200)
			if !strings.Contains(string(r.body), c.Number) {
				t.Errorf("%s does not find today's request", q)
			}
		}
	})
}

// TestMethodNotAllowedAndPreflight: a method a path does not take is a
// 405 in the standard's error shape (XML or JSON by the URL) with Allow;
// a CORS preflight from a configured origin allows POST with an
// Idempotency-Key, and one from elsewhere is refused with its reason.
//
// The class is every Open311 path: a POST to a GET-only file
// (services.xml, discovery.json) was once taken by the POST route and
// answered 404 "no such resource".
func TestMethodNotAllowedAndPreflight(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		testMethodNotAllowedAndPreflight(t, d)
	})
}

func testMethodNotAllowedAndPreflight(t *testing.T, d store.Dialect) {
	e := newEnv(t, d, func(h *open311.Handler) { h.CORSOrigins = []string{"https://lapor.depok.go.id"} })
	type call struct{ method, path, format, allow string }
	calls := []call{
		{"PUT", "/open311/v2/requests.json", "json", "GET, POST"},
		{"DELETE", "/open311/v2/services.xml", "xml", "GET"},
		{"PATCH", "/open311/v2/servicerequestupdates.xml", "xml", "GET, POST"},
	}
	// Every GET-only path, in both formats, POSTed.
	for _, p := range []string{"discovery", "services", "services/PJU", "requests/ADU-2026-000001", "tokens/abc123"} {
		for _, f := range []string{"xml", "json"} {
			calls = append(calls, call{"POST", "/open311/v2/" + p + "." + f, f, "GET"})
		}
	}
	for _, tc := range calls {
		req, _ := http.NewRequest(tc.method, e.url+tc.path, strings.NewReader("api_key="+e.key))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		r := e.do(req).check(t, tc.format, 405)
		if r.header.Get("Allow") != tc.allow || !strings.Contains(strings.Join(errorsOf(t, r, tc.format), " "), tc.method) {
			t.Errorf("%s %s: Allow %q, %s", tc.method, tc.path, r.header.Get("Allow"), r.body)
		}
	}
	// A file no method knows stays a missing resource.
	req, _ := http.NewRequest("POST", e.url+"/open311/v2/nothing.xml", nil)
	e.do(req).check(t, "xml", 404)
	pre := func(origin string) response {
		req, _ := http.NewRequest("OPTIONS", e.url+"/open311/v2/requests.json", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "idempotency-key, content-type")
		return e.do(req)
	}
	r := pre("https://lapor.depok.go.id")
	if r.status != 204 || r.header.Get("Access-Control-Allow-Origin") != "https://lapor.depok.go.id" ||
		!strings.Contains(r.header.Get("Access-Control-Allow-Headers"), "Idempotency-Key") || !strings.Contains(r.header.Get("Access-Control-Allow-Methods"), "POST") {
		t.Errorf("preflight from the city's site: %d %v", r.status, r.header)
	}
	if r := pre("https://contoh.example"); r.status != 403 || r.header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from elsewhere: %d %v", r.status, r.header)
	}
}

// TestDiscoveryUsesPublicURL: while the city has set no public_base_url,
// the discovery names the endpoint at --public-url; the start-up warning
// speaks while that address is a loopback one, and not once it is public.
func TestDiscoveryUsesPublicURL(t *testing.T) {
	var logged strings.Builder
	e := newEnv(t, store.SQLite, func(h *open311.Handler) {
		h.PublicURL = "https://aduan.kota.example/"
		h.Log = slog.New(slog.NewTextHandler(&logged, nil))
	})
	if err := e.st.RefData().SetSettings(ctx, aduan.System, map[string]string{"public_base_url": ""}); err != nil {
		t.Fatal(err)
	}
	r := e.get("/open311/v2/discovery.json").check(t, "json", 200)
	if !strings.Contains(string(r.body), `"url":"https://aduan.kota.example/open311/v2"`) && !strings.Contains(string(r.body), `"url": "https://aduan.kota.example/open311/v2"`) {
		t.Errorf("discovery: %s", r.body)
	}
	e.h.WarnIfLoopback(ctx)
	if logged.Len() != 0 {
		t.Errorf("a warning for a public address: %s", logged.String())
	}
	e.h.PublicURL = "http://127.0.0.1:8080"
	e.h.WarnIfLoopback(ctx)
	if !strings.Contains(logged.String(), "loopback") {
		t.Error("no warning while the address is loopback")
	}
}
