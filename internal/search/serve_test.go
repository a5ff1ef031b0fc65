package search

import (
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/store"
)

// The console and the API hand out the same file: named for the city's
// date (16.30 UTC is the next day in a WITA city), never cached, in the
// format asked for.
func TestServeLibrary(t *testing.T) {
	now := time.Date(2026, 11, 30, 16, 30, 0, 0, time.UTC)
	recs := []store.LibraryRecord{{Entry: aduan.LibraryEntry{ID: 1, Title: "Syarat KTP-el", Answer: "Bawa KK."}}}
	for _, c := range []struct{ format, ctype, name string }{
		{FormatCSV, "text/csv; charset=utf-8", "folder-jawaban-20261201.csv"},
		{FormatJSON, "application/json; charset=utf-8", "folder-jawaban-20261201.json"},
	} {
		rec := httptest.NewRecorder()
		if err := ServeLibrary(rec, c.format, recs, now, aduan.WITA); err != nil {
			t.Fatal(err)
		}
		h := rec.Header()
		if h.Get("Content-Type") != c.ctype || !strings.Contains(h.Get("Content-Disposition"), c.name) || h.Get("Cache-Control") != "private, no-store" {
			t.Errorf("%s: headers %v", c.format, h)
		}
		if !strings.Contains(rec.Body.String(), "Syarat KTP-el") {
			t.Errorf("%s: body %q", c.format, rec.Body.String())
		}
	}
}
