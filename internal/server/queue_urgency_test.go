package server_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestQueuePageByUrgency: the operator's queue opens in urgency order, a
// darurat complaint 5 days overdue above a newer ordinary one (by arrival,
// as before, the newer one came first), each row with its priority chip;
// "Hanya darurat" leaves the ordinary one out; ?sort=new is by arrival.
func TestQueuePageByUrgency(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		mk := func(text, priority string, deadline time.Time) string {
			c := e.as(aduan.RoleOperatorCC).Do("POST", "/api/v1/complaints", map[string]any{"text": text, "priority": priority,
				"citizen": map[string]any{"name": "Warga Uji", "phone": "081234560099"}}).Must(t, 201)
			if _, err := e.st.DB().Exec(fmt.Sprintf("UPDATE complaints SET deadline_at = %d WHERE id = %d", deadline.UnixMilli(), int64(apitest.Num(c, "id")))); err != nil {
				t.Fatal(err)
			}
			return apitest.Str(c, "number")
		}
		now := time.Now()
		tree := mk("Pohon tumbang menutup Jl. Margonda.", "darurat", now.Add(-5*24*time.Hour))
		noise := mk("Suara bising dari bengkel tiap malam.", "sedang", now.Add(2*time.Hour))
		before := func(body, a, b string) bool {
			i, j := strings.Index(body, a), strings.Index(body, b)
			return i >= 0 && j >= 0 && i < j
		}
		code, body := e.page(t, aduan.RoleOperatorCC, "/queue")
		if code != 200 || !before(body, tree, noise) {
			t.Errorf("/queue: %d, the overdue darurat %s is not above the newer %s", code, tree, noise)
		}
		if !strings.Contains(body, `class="chip priority-darurat">Darurat<`) || !strings.Contains(body, `class="chip priority-sedang">Sedang<`) {
			t.Errorf("/queue: no priority chips")
		}
		if _, body := e.page(t, aduan.RoleOperatorCC, "/queue?priority=darurat"); !strings.Contains(body, tree) || strings.Contains(body, noise) {
			t.Errorf("darurat filter: ordinary complaint listed or darurat missing")
		}
		if _, body := e.page(t, aduan.RoleOperatorCC, "/queue?sort=new"); !before(body, noise, tree) {
			t.Errorf("?sort=new is not by arrival")
		}
	})
}
