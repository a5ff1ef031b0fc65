package main

import (
	"bytes"
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestVerifyUploadLimits: the public check of a report's copy (no log-in)
// takes a file of at most 5 MB, on the API (413 in its JSON shape) and on
// the console's /verify page (413 with the page saying so), and at most
// auth.VerifyPerHour posted checks an hour from one address, both surfaces
// counted together: past it a 429 with Retry-After and the minutes to
// wait, before the file is read. Before: 32 MB and no limit.
func TestVerifyUploadLimits(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, _ := start(t, d, false)
		anon := apitest.New(t, "http://"+m.Addr())
		big := bytes.Repeat([]byte("%PDF-1.4 "), 6<<20/9)
		res := anon.Do("POST", "/api/v1/reports/verify", big)
		if res.Status != http.StatusRequestEntityTooLarge || res.ErrorCode() != "too_large" || !strings.Contains(string(res.Raw), "terlalu besar") {
			t.Errorf("API, 6 MB: %d %s", res.Status, res.Raw)
		}
		res = postMultipart(t, anon, "/verify", nil, upload{"file", "laporan.pdf", big})
		if page := html.UnescapeString(string(res.Raw)); res.Status != http.StatusRequestEntityTooLarge || !strings.Contains(page, "Isi permintaan terlalu besar") {
			t.Errorf("/verify, 6 MB: %d", res.Status)
		}
		small := []byte("%PDF-1.4 bukan laporan")
		// Refused by their size before they were read, those two were
		// not counted.
		for i := range auth.VerifyPerHour {
			if res := anon.Do("POST", "/api/v1/reports/verify", small); res.Status != 200 {
				t.Fatalf("check %d: %d %s", i+1, res.Status, res.Raw)
			}
		}
		res = anon.Do("POST", "/api/v1/reports/verify", small)
		if res.Status != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" || !strings.Contains(string(res.Raw), "Terlalu banyak pemeriksaan berkas") {
			t.Errorf("API past the limit: %d %q %s", res.Status, res.Header.Get("Retry-After"), res.Raw)
		}
		res = postMultipart(t, anon, "/verify", nil, upload{"file", "laporan.pdf", small})
		if page := html.UnescapeString(string(res.Raw)); res.Status != http.StatusTooManyRequests || !strings.Contains(page, "Terlalu banyak pemeriksaan berkas dari alamat ini. Coba lagi dalam") {
			t.Errorf("/verify past the limit: %d", res.Status)
		}
		// Typing the printed code is not an upload: still answered.
		anon.Do("GET", "/api/v1/reports/verify?hash="+strings.Repeat("ab", 32), nil).Must(t, 200)
	})
}
