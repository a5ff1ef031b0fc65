package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

// TestPPIDBooksAPI: the registers and the annual report through the API
// give what the console gives. The register's rows carry the requester for
// the PPID Utama and not for the kasi; its csv and pdf are the console's
// files; an unknown book is a 404. The annual report of the running year
// is provisional and counts the request, its PDF is a PDF; through the
// reports API (kind info_annual) the running year cannot be submitted,
// last year is submitted by the PPID Utama and initialled by the kasi
// alone, and its hash (and its PDF's) is then known to the public check.
func TestPPIDBooksAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		id := e.newInfoRequest(t, false)
		year := e.st.Now().Year()
		rows := apitest.Items(e.as(PU).Do("GET", "/api/v1/ppid/registers/permohonan", nil).Must(t, 200))
		if len(rows) != 1 || apitest.Num(rows[0], "id") != id || apitest.Str(rows[0], "name") != "Siti Rahma" {
			t.Fatalf("the register for the PPID Utama: %v", rows)
		}
		if rows := apitest.Items(e.as(KA).Do("GET", "/api/v1/ppid/registers/permohonan", nil).Must(t, 200)); len(rows) != 1 || apitest.Str(rows[0], "name") != "" {
			t.Errorf("the register for the kasi shows the requester: %v", rows)
		}
		if rows := apitest.Items(e.as(PU).Do("GET", "/api/v1/ppid/registers/keberatan", nil).Must(t, 200)); len(rows) != 0 {
			t.Errorf("objections without any: %v", rows)
		}
		csv := e.as(PU).Do("GET", fmt.Sprintf("/api/v1/ppid/registers/permohonan?year=%d&format=csv", year), nil)
		if csv.Status != 200 || !strings.HasPrefix(csv.Header.Get("Content-Type"), "text/csv") || !strings.Contains(string(csv.Raw), "Siti Rahma") ||
			!strings.Contains(csv.Header.Get("Content-Disposition"), fmt.Sprintf("register-permohonan-%d.csv", year)) {
			t.Errorf("csv: %d %v\n%s", csv.Status, csv.Header, csv.Raw)
		}
		if pdf := e.as(PU).Do("GET", "/api/v1/ppid/registers/permohonan?format=pdf", nil); pdf.Status != 200 || !strings.Contains(pdfText(t, pdf.Raw), "Siti Rahma") {
			t.Errorf("pdf: %d", pdf.Status)
		}
		if res := e.as(PU).Do("GET", "/api/v1/ppid/registers/lainnya", nil); res.Status != 404 {
			t.Errorf("an unknown book: %d", res.Status)
		}

		a := e.as(PU).Do("GET", fmt.Sprintf("/api/v1/ppid/annual/%d", year), nil).Must(t, 200)
		rep := apitest.Obj(a, "report")
		if rep["provisional"] != true || apitest.Num(rep, "received") != 1 || apitest.Str(a, "sha256") != "" {
			t.Errorf("this year's report: %v", a)
		}
		if pdf := e.as(KO).Do("GET", fmt.Sprintf("/api/v1/ppid/annual/%d?format=pdf", year), nil); pdf.Status != 200 || !strings.HasPrefix(string(pdf.Raw), "%PDF") {
			t.Errorf("the report's pdf: %d", pdf.Status)
		}
		// The year's report is made final through the reports API, as
		// the monthly report: the running year cannot be submitted; last
		// year is submitted by the PPID Utama and initialled by the kasi,
		// and its hash is then known to the public check.
		if err := e.st.RefData().SetSettings(ctx, aduan.System, map[string]string{"public_base_url": "https://ppid.depok.example"}); err != nil {
			t.Fatal(err)
		}
		running := e.as(PU).Do("POST", "/api/v1/reports", map[string]any{"kind": "info_annual", "year": year}).Must(t, 201)
		if res := e.as(PU).Do("POST", fmt.Sprintf("/api/v1/reports/%d/actions/submit", apitest.Num(running, "id")), map[string]any{"version": apitest.Num(running, "version")}); res.Status < 400 {
			t.Errorf("submitted the running year: %d %s", res.Status, res.Raw)
		}
		if res := e.as(KO).Do("POST", "/api/v1/reports", map[string]any{"kind": "info_annual", "year": year - 1}); res.Status != 403 {
			t.Errorf("the coordinator started the PPID's report: %d", res.Status)
		}
		last := e.as(PU).Do("POST", "/api/v1/reports", map[string]any{"kind": "info_annual", "year": year - 1}).Must(t, 201)
		rid := apitest.Num(last, "id")
		last = e.as(PU).Do("POST", fmt.Sprintf("/api/v1/reports/%d/actions/submit", rid), map[string]any{"version": apitest.Num(last, "version")}).Must(t, 200)
		if res := e.as(PU).Do("POST", fmt.Sprintf("/api/v1/reports/%d/actions/paraf", rid), map[string]any{"version": apitest.Num(last, "version")}); res.Status != 403 {
			t.Errorf("the PPID Utama initialled its own report: %d", res.Status)
		}
		final := e.as(KA).Do("POST", fmt.Sprintf("/api/v1/reports/%d/actions/paraf", rid), map[string]any{"version": apitest.Num(last, "version")}).Must(t, 200)
		sha := apitest.Str(final, "content_hash")
		if len(sha) != 64 || apitest.Str(final, "status") != "complete" {
			t.Fatalf("final: %v", final)
		}
		again := e.as(PU).Do("GET", fmt.Sprintf("/api/v1/ppid/annual/%d", year-1), nil).Must(t, 200)
		if apitest.Str(again, "sha256") != sha || apitest.Num(apitest.Obj(again, "report"), "report_id") != rid {
			t.Errorf("the annual report after the paraf: %v", again)
		}
		pdf := e.as(PU).Do("GET", fmt.Sprintf("/api/v1/ppid/annual/%d?format=pdf", year-1), nil)
		if pdf.Status != 200 || !strings.Contains(pdfText(t, pdf.Raw), sha) {
			t.Errorf("the final PDF lacks its hash: %d", pdf.Status)
		}
		for _, h := range []string{sha, report.HashBytes(pdf.Raw)} {
			v := apitest.New(t, e.url).Do("GET", "/api/v1/reports/verify?hash="+h, nil).Must(t, 200)
			if v["match"] != true || apitest.Num(apitest.Obj(v, "report"), "id") != rid || apitest.Str(apitest.Obj(v, "report"), "kind") != "info_annual" {
				t.Errorf("the public check of %s: %v", h, v)
			}
		}
		// The old address of the check leads to the common one.
		res, err := http.Get(e.url + "/informasi/verifikasi?sha=" + sha)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 || res.Request.URL.Path != "/verify" {
			t.Errorf("the old public check: %d %s", res.StatusCode, res.Request.URL)
		}
	})
}
