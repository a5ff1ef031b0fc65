package main

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

var refreshRe = regexp.MustCompile(`id="messages" data-refresh="([^"]+)"`)

// refreshURL is the address the messages section names for its live
// refresh, from a page or from the section itself.
func refreshURL(t *testing.T, html []byte) string {
	t.Helper()
	m := refreshRe.FindSubmatch(html)
	if m == nil {
		t.Fatalf("no messages section with a refresh address in %.300s", html)
	}
	return strings.ReplaceAll(string(m[1]), "&amp;", "&")
}

// TestMessagesRefreshOfAConfidentialComplaint: the complaint page of a
// rahasia complaint is one audited read (one row, though the page shows
// the messages and the photos too); its messages section, fetched again
// and again by the page as delivery reports come, adds no row, shows the
// messages and names the same page view for next time. A refresh that is
// not this user's audited page view (another user's address, none at all,
// or one a shift old) is a read of its own: audited once, and the section
// it returns names the new view, so its own refreshes add nothing more.
// Those who may not read the complaint's content get the error page and
// leave no row. On both databases.
func TestMessagesRefreshOfAConfidentialComplaint(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, clock := start(t, d, false)
		ctx := context.Background()
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		pd := login(t, m, "rina", aduan.RoleOperatorPD, "DPUPR")
		other := login(t, m, "andi", aduan.RoleOperatorPD, "DISHUB")
		kasi := login(t, m, "kasi", aduan.RoleKasiKabid, "")
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Saya diancam petugas saat melapor pungli di Jl. Raya Sawangan.",
			"confidentiality": "rahasia", "citizen": map[string]any{"name": "Budi", "phone": "081277771234", "address": "Jl. Sawangan 12"}}).Must(t, 201)
		act(t, op, cmp, "forward", map[string]any{"agency_id": agencyID(t, m, "DPUPR")})
		id := int64(apitest.Num(cmp, "id"))
		waitUntil(t, "the agency's notice recorded", 10*time.Second, func() bool { return len(messagesOf(t, op, cmp)) > 0 })

		reads := func() int {
			t.Helper()
			rows, err := m.Store.Audit(ctx, aduan.System, aduan.AuditFilter{Entity: "complaint", EntityID: fmt.Sprint(id),
				Action: "complaint.read_confidential", Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			return len(rows)
		}
		get := func(c *apitest.Client, path string, want int) []byte {
			t.Helper()
			res := c.Do("GET", path, nil)
			if res.Status != want {
				t.Fatalf("GET %s: %d, want %d: %.300s", path, res.Status, want, res.Raw)
			}
			return res.Raw
		}
		section := func(c *apitest.Client, path string) string {
			t.Helper()
			body := get(c, path, 200)
			s := string(body)
			if !strings.HasPrefix(strings.TrimSpace(s), `<section class="card" id="messages"`) || strings.Contains(s, "<html") {
				t.Fatalf("%s is not the messages section alone: %.300s", path, s)
			}
			if !strings.Contains(s, `class="msg out"`) {
				t.Errorf("%s lacks the message: %.600s", path, s)
			}
			return refreshURL(t, body)
		}

		n := reads()
		page := get(op, fmt.Sprintf("/complaints/%d", id), 200)
		if got := reads() - n; got != 1 {
			t.Fatalf("opening the page audited %d reads, want 1", got)
		}
		refresh := refreshURL(t, page)
		if !strings.HasPrefix(refresh, fmt.Sprintf("/complaints/%d/messages?view=", id)) {
			t.Fatalf("refresh address %q", refresh)
		}
		for i := 0; i < 3; i++ {
			if next := section(op, refresh); next != refresh {
				t.Errorf("refresh %d names %q, want the same page view %q", i, next, refresh)
			}
		}
		if got := reads() - n; got != 1 {
			t.Errorf("three live refreshes added %d audit rows", got-1)
		}

		// The agency's operator with the call center's address: their own
		// read, once; then their own view.
		n = reads()
		theirs := section(pd, refresh)
		if theirs == refresh || reads()-n != 1 {
			t.Errorf("another user's view: %d rows, next %q", reads()-n, theirs)
		}
		section(pd, theirs)
		if reads()-n != 1 {
			t.Errorf("the agency's own refresh audited again")
		}
		// No view at all: a read on its own.
		n = reads()
		section(op, fmt.Sprintf("/complaints/%d/messages", id))
		if reads()-n != 1 {
			t.Errorf("a section fetched on its own: %d rows, want 1", reads()-n)
		}
		// Not for those who may not read it: the error page, no row.
		n = reads()
		for who, c := range map[string]*apitest.Client{"kasi/kabid (no content of a rahasia complaint)": kasi, "another agency": other} {
			res := c.Do("GET", refresh, nil)
			if (res.Status != 403 && res.Status != 404) || !strings.Contains(string(res.Raw), "Tidak dapat ditampilkan") || strings.Contains(string(res.Raw), `id="messages"`) {
				t.Errorf("%s: %d %.300s", who, res.Status, res.Raw)
			}
		}
		if reads() != n {
			t.Errorf("refused refreshes audited %d reads", reads()-n)
		}
		// A page left open past a shift (logged in again meanwhile, as a
		// log-in lasts no longer by default): audited again once.
		clock.Add(store.ViewSpan + time.Minute)
		op.Do("POST", "/api/v1/auth/login", map[string]any{"username": "siti", "password": "kata-sandi-uji-123"}).Must(t, 200)
		n = reads()
		later := section(op, refresh)
		section(op, later)
		if later == refresh || reads()-n != 1 {
			t.Errorf("a stale page view: %d rows, next %q", reads()-n, later)
		}

	})
}
