package server_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestPPIDBooksAPI: the registers and the annual report through the API
// give what the console gives. The register's rows carry the requester for
// the PPID Utama and not for the kasi; its csv and pdf are the console's
// files; an unknown book is a 404. The annual report of the running year
// is provisional and counts the request, its PDF is a PDF; the running
// year cannot be frozen, last year can, once, and its hash is then known
// to the public check.
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
		if res := e.as(PU).Do("POST", fmt.Sprintf("/api/v1/ppid/annual/%d/freeze", year), nil); res.Status != 400 {
			t.Errorf("freezing the running year: %d %s", res.Status, res.Raw)
		}
		frozen := e.as(PU).Do("POST", fmt.Sprintf("/api/v1/ppid/annual/%d/freeze", year-1), nil).Must(t, 200)
		sha := apitest.Str(frozen, "sha256")
		if len(sha) != 64 || apitest.Obj(frozen, "report")["frozen_at"] == nil {
			t.Fatalf("frozen: %v", frozen)
		}
		if again := e.as(PU).Do("GET", fmt.Sprintf("/api/v1/ppid/annual/%d", year-1), nil).Must(t, 200); apitest.Str(again, "sha256") != sha {
			t.Errorf("read after freezing: %v", again)
		}
		if res := e.as(PU).Do("POST", fmt.Sprintf("/api/v1/ppid/annual/%d/freeze", year-1), nil); res.Status < 400 {
			t.Errorf("frozen twice: %d", res.Status)
		}
		res, err := http.Get(e.url + "/informasi/verifikasi?sha=" + sha)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != 200 {
			t.Errorf("the public check of the frozen hash: %d", res.StatusCode)
		}
	})
}
