package main

import (
	"context"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestSafeDuplicateLink: on both databases, linking a complaint to an
// answered original three weeks older and of another category is refused
// without a confirmation, the refusal listing why and the answer the
// caller will get, and nothing changes; confirmed, the caller is sent the
// original's answer at once, and their tracking page shows the original's
// progress and that answer, not just "Duplikat". A link within the window
// to an open original of the same category needs no confirmation.
func TestSafeDuplicateLink(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, clock := start(t, d, false)
		old := clock.Now().Add(-21 * 24 * time.Hour).Format(time.RFC3339)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		cats, err := m.Store.RefData().Categories(context.Background())
		if err != nil || len(cats) < 2 {
			t.Fatalf("categories: %v", err)
		}
		answer := "Pedagang di trotoar Jl. Margonda sudah ditertibkan Satpol PP pada 3 Desember."
		orig := op.Do("POST", "/api/v1/complaints", map[string]any{"text": "PKL menutup trotoar Jl. Margonda.", "category_id": cats[0].ID, "received_at": old,
			"citizen": map[string]any{"name": "Ani", "phone": "081277700001"}}).Must(t, 201)
		orig = act(t, op, orig, "answer", map[string]any{"answer": answer})
		dup := op.Do("POST", "/api/v1/complaints", map[string]any{"text": "Lampu jalan mati di Jl. Margonda.", "category_id": cats[1].ID,
			"citizen": map[string]any{"name": "Budi", "phone": "081277700002"}}).Must(t, 201)
		path := fmt.Sprintf("/api/v1/complaints/%d/actions/mark_duplicate", apitest.Num(dup, "id"))
		body := map[string]any{"version": apitest.Num(dup, "version"), "duplicate_of": apitest.Str(orig, "number")}
		res := op.Do("POST", path, body)
		raw := string(res.Raw)
		if res.Status != 400 {
			t.Fatalf("unconfirmed link: %d %s", res.Status, raw)
		}
		for _, want := range []string{"perlu konfirmasi", `"confirm.window"`, "di luar jendela duplikat (14 hari)", `"confirm.category"`,
			`"confirm.answer"`, answer, `"confirm"`} {
			if !strings.Contains(raw, want) {
				t.Errorf("refusal lacks %q: %s", want, raw)
			}
		}
		if got := op.Do("GET", fmt.Sprintf("/api/v1/complaints/%d", apitest.Num(dup, "id")), nil).Must(t, 200); apitest.Str(got, "status") != "recorded" ||
			apitest.Num(got, "version") != apitest.Num(dup, "version") {
			t.Errorf("refused, yet %v v%v", got["status"], got["version"])
		}
		if ms := messagesOf(t, op, dup); len(ms) != 0 {
			t.Errorf("refused, yet messages: %v", ms)
		}
		// Confirmed: linked, and the caller is sent the original's answer.
		body["confirm"] = true
		op.Do("POST", path, body).Must(t, 200)
		ms := messagesOf(t, op, dup)
		if len(ms) != 1 || apitest.Str(ms[0], "to") != "+6281277700002" || !strings.Contains(apitest.Str(ms[0], "body"), answer) ||
			!strings.Contains(apitest.Str(ms[0], "body"), apitest.Str(dup, "number")) {
			t.Errorf("the duplicate's caller: %v", ms)
		}
		// Their tracking page: the original's progress and the answer.
		form := url.Values{"nomor": {apitest.Str(dup, "number")}, "hp4": {"0002"}}
		tr, err := http.PostForm("http://"+m.Addr()+"/lacak", form)
		if err != nil {
			t.Fatal(err)
		}
		page := readAll(t, tr)
		for _, want := range []string{"digabung dengan pengaduan " + apitest.Str(orig, "number"), html.EscapeString(answer), `id="merged"`} {
			if tr.StatusCode != 200 || !strings.Contains(page, want) {
				t.Errorf("tracking page (%d) lacks %q", tr.StatusCode, want)
			}
		}
		if strings.Contains(page, "Ani") {
			t.Error("the original's citizen shows on the duplicate's tracking page")
		}
		// Within the window, to an open original of the same category: no
		// confirmation needed.
		open := op.Do("POST", "/api/v1/complaints", map[string]any{"text": "Sampah di Jl. Kenanga.", "category_id": cats[0].ID}).Must(t, 201)
		again := op.Do("POST", "/api/v1/complaints", map[string]any{"text": "Sampah menumpuk di Jl. Kenanga.", "category_id": cats[0].ID}).Must(t, 201)
		act(t, op, again, "mark_duplicate", map[string]any{"duplicate_of": apitest.Str(open, "number")})
	})
}

func readAll(t *testing.T, res *http.Response) string {
	t.Helper()
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
