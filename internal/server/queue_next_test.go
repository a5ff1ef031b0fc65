package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestQueueTakeNext: "Ambil berikutnya" opens the most urgent open
// complaint (a darurat one days late before a newer ordinary one); with
// nothing open it says so on the queue. The Kasi, who may not see who
// filed an ordinary complaint, is told it is their role, not that the
// complaint is anonymous.
func TestQueueTakeNext(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		next := func() string {
			tok, err := e.st.Users().CreateSession(ctx, e.users[OP].ID, time.Hour)
			if err != nil {
				t.Fatal(err)
			}
			req, _ := http.NewRequest("GET", e.url+"/queue/next", nil)
			req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: tok})
			res, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			return res.Header.Get("Location")
		}
		if loc := next(); loc != "/queue?ok=web.ok.queue_empty" {
			t.Errorf("empty queue: to %q", loc)
		}
		mk := func(text, priority string, deadline time.Time) int64 {
			c := e.as(OP).Do("POST", "/api/v1/complaints", map[string]any{"text": text, "priority": priority,
				"citizen": map[string]any{"name": "Warga Uji", "phone": "081234560099"}}).Must(t, 201)
			id := int64(apitest.Num(c, "id"))
			if _, err := e.st.DB().Exec(fmt.Sprintf("UPDATE complaints SET deadline_at = %d WHERE id = %d", deadline.UnixMilli(), id)); err != nil {
				t.Fatal(err)
			}
			return id
		}
		tree := mk("Pohon tumbang menutup Jl. Margonda.", "darurat", time.Now().Add(-5*24*time.Hour))
		mk("Suara bising dari bengkel tiap malam.", "sedang", time.Now().Add(2*time.Hour))
		if loc, want := next(), fmt.Sprintf("/complaints/%d", tree); loc != want {
			t.Errorf("Ambil berikutnya: to %q, want the late darurat %s", loc, want)
		}
		if _, body := e.page(t, OP, "/queue"); !strings.Contains(body, `href="/queue/next"`) || !strings.Contains(body, "Ambil berikutnya") {
			t.Error("the queue has no 'Ambil berikutnya'")
		}
		if _, body := e.page(t, KA, fmt.Sprintf("/complaints/%d", tree)); strings.Contains(body, "pengaduan anonim") || !strings.Contains(body, "untuk peran Anda") {
			t.Errorf("the Kasi is told the wrong reason:\n%s", excerpt(body, "Identitas pelapor"))
		}
	})
}
