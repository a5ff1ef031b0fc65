package main

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

var libraryBoxRe = regexp.MustCompile(`id="library-box" hx-get="([^"]+)"`)

// TestLibraryBoxOfAConfidentialComplaint: the complaint page of an open
// rahasia complaint loads the answer library's box after it (the open
// complaints it may repeat, the library's answers). The page and its box
// are one page view, so one audited read: the box names the page view and
// adds no row, though it looks for similar complaints and answers. A box
// fetched on its own (no view), and the API's similar complaints, are a
// read of their own, audited once; one
// for someone who may not read the content is empty and leaves no row. On
// both databases.
func TestLibraryBoxOfAConfidentialComplaint(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, _ := start(t, d, false)
		ctx := context.Background()
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		kasi := login(t, m, "kasi", aduan.RoleKasiKabid, "")
		text := "Lampu penerangan jalan mati total di Jl. Raya Sawangan dekat masjid, sudah seminggu gelap."
		earlier := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": text, "address": "Jl. Raya Sawangan",
			"citizen": map[string]any{"name": "Ani", "phone": "081277775678"}}).Must(t, 201)
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": text + " Saya takut dirampok.", "address": "Jl. Raya Sawangan",
			"confidentiality": "rahasia", "citizen": map[string]any{"name": "Budi", "phone": "081277771234"}}).Must(t, 201)
		id := int64(apitest.Num(cmp, "id"))

		reads := func() int {
			t.Helper()
			rows, err := m.Store.Audit(ctx, aduan.System, aduan.AuditFilter{Entity: "complaint", EntityID: fmt.Sprint(id),
				Action: "complaint.read_confidential", Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			return len(rows)
		}
		box := func(c *apitest.Client, path string) string {
			t.Helper()
			res := c.Do("GET", path, nil)
			s := string(res.Raw)
			if res.Status != 200 || !strings.HasPrefix(strings.TrimSpace(s), `<div id="library-box">`) || strings.Contains(s, "<html") {
				t.Fatalf("GET %s: %d, not the box alone: %.300s", path, res.Status, s)
			}
			return s
		}

		n := reads()
		page := op.Do("GET", fmt.Sprintf("/complaints/%d", id), nil)
		if page.Status != 200 {
			t.Fatalf("complaint page: %d", page.Status)
		}
		mm := libraryBoxRe.FindSubmatch(page.Raw)
		if mm == nil {
			t.Fatalf("no library box on the page")
		}
		boxURL := strings.ReplaceAll(string(mm[1]), "&amp;", "&")
		if !strings.HasPrefix(boxURL, fmt.Sprintf("/complaints/%d/library?view=", id)) || strings.HasSuffix(boxURL, "view=") {
			t.Fatalf("the box does not name the page view: %q", boxURL)
		}
		s := box(op, boxURL)
		if !strings.Contains(s, apitest.Str(earlier, "number")) {
			t.Errorf("the box does not offer the similar open complaint %s: %.600s", apitest.Str(earlier, "number"), s)
		}
		if got := reads() - n; got != 1 {
			t.Errorf("a page view and its library box audited %d reads, want 1", got)
		}

		// Fetched on its own: a read of its own.
		n = reads()
		box(op, fmt.Sprintf("/complaints/%d/library", id))
		if got := reads() - n; got != 1 {
			t.Errorf("a box fetched on its own audited %d reads, want 1", got)
		}
		// The API's similar complaints of it: one read, one row, and the
		// earlier complaint offered.
		n = reads()
		sim := op.Do("GET", fmt.Sprintf("/api/v1/complaints/%d/similar", id), nil)
		if sim.Status != 200 || !strings.Contains(string(sim.Raw), apitest.Str(earlier, "number")) {
			t.Errorf("similar over the API: %d %.300s", sim.Status, sim.Raw)
		}
		if got := reads() - n; got != 1 {
			t.Errorf("the API's similar complaints audited %d reads, want 1", got)
		}
		// Kasi/kabid see the complaint but not a rahasia complaint's
		// content: an empty box, no row.
		n = reads()
		if s := box(kasi, boxURL); strings.Contains(s, "<section") {
			t.Errorf("kasi/kabid's box is not empty: %.300s", s)
		}
		if got := reads() - n; got != 0 {
			t.Errorf("kasi/kabid's empty box audited %d reads", got)
		}
	})
}
