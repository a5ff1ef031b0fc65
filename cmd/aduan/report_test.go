package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestReportsOverHTTP runs SOP steps 11–14 as the office would: an
// operator's daily report, the monthly report returned once and initialled,
// the documents downloaded and checked (by upload and with `aduan report
// verify`), and a complaint export with its progress.
func TestReportsOverHTTP(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, clock := start(t, d, false)
		// The three complaints below are twelve minutes of the operator's
		// day: near midnight in the city they would fall on two days, and
		// the daily report counts one day's.
		if wib := clock.Now().In(aduan.WIB); wib.Hour() == 23 && wib.Minute() >= 30 {
			clock.Add(time.Hour)
		}
		// Final reports print their verification address from it.
		if err := m.Store.RefData().SetSettings(context.Background(), aduan.System, map[string]string{"public_base_url": "https://aduan.depok.go.id"}); err != nil {
			t.Fatal(err)
		}
		op := login(t, m, "operator1", aduan.RoleOperatorCC, "")
		op2 := login(t, m, "operator2", aduan.RoleOperatorCC, "")
		ko := login(t, m, "koordinator", aduan.RoleKoordinatorCC, "")
		ka := login(t, m, "kasi", aduan.RoleKasiKabid, "")
		anon := apitest.New(t, "http://"+m.Addr())

		for i := 0; i < 3; i++ {
			c := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": fmt.Sprintf("Lampu jalan mati nomor %d.", i), "channel": "telepon",
				"kelurahan_code": "32.76.01.1007", "citizen": map[string]any{"name": "Warga", "phone": fmt.Sprintf("08129990000%d", i)}}).Must(t, 201)
			clock.Add(4 * time.Minute)
			act(t, op, c, "answer", map[string]any{"answer": "Sudah kami teruskan ke petugas PJU."})
		}

		// The operator's daily report: only theirs, final once submitted.
		daily := op.Do("POST", "/api/v1/reports", map[string]any{"kind": "daily", "narrative": "Tiga pengaduan PJU."}).Must(t, 201)
		id := apitest.Num(daily, "id")
		if op2.Do("GET", fmt.Sprintf("/api/v1/reports/%d", id), nil).Status != 404 {
			t.Error("another operator opened the daily report")
		}
		if n := len(apitest.Items(op2.Do("GET", "/api/v1/reports", nil).Must(t, 200))); n != 0 {
			t.Errorf("another operator lists %d reports", n)
		}
		data := apitest.Obj(op.Do("GET", fmt.Sprintf("/api/v1/reports/%d", id), nil).Must(t, 200), "data")
		if apitest.Num(data, "recorded") != 3 || apitest.Num(data, "answered_direct") != 3 {
			t.Errorf("live daily figures: %v", data)
		}
		daily = op.Do("POST", fmt.Sprintf("/api/v1/reports/%d/actions/submit", id), map[string]any{"version": apitest.Num(daily, "version")}).Must(t, 200)
		if apitest.Str(daily, "status") != "submitted" || daily["frozen"] != true || apitest.Str(daily, "daily_state") != "on_time" {
			t.Errorf("after submit: %v", daily)
		}
		if r := op.Do("PATCH", fmt.Sprintf("/api/v1/reports/%d", id), map[string]any{"version": apitest.Num(daily, "version"), "narrative": "ubah"}); r.Status != 409 || r.ErrorCode() != "transition" {
			t.Errorf("edit after submit: %d %s", r.Status, r.Raw)
		}

		// This month's report is a preview: it cannot be handed over for
		// the paraf while the month runs.
		now := clock.Now().In(aduan.WIB)
		running := ko.Do("POST", "/api/v1/reports", map[string]any{"kind": "monthly", "month": now.Format("2006-01")}).Must(t, 201)
		r := ko.Do("POST", fmt.Sprintf("/api/v1/reports/%d/actions/submit", apitest.Num(running, "id")), map[string]any{"version": apitest.Num(running, "version")})
		if r.Status != 409 || r.ErrorCode() != aduan.ETRANSITION || !strings.Contains(r.ErrorMessage(), "sementara") {
			t.Errorf("a running month submitted: %d %s", r.Status, r.Raw)
		}

		// Last month's report: submit, return, revise, resubmit, paraf.
		month := now.AddDate(0, 0, -now.Day()).Format("2006-01")
		rep := ko.Do("POST", "/api/v1/reports", map[string]any{"kind": "monthly", "month": month}).Must(t, 201)
		rid := apitest.Num(rep, "id")
		path := fmt.Sprintf("/api/v1/reports/%d", rid)
		rep = ko.Do("PATCH", path, map[string]any{"version": apitest.Num(rep, "version"), "narrative": "Bulan yang tenang."}).Must(t, 200)
		rep = ko.Do("POST", path+"/actions/submit", map[string]any{"version": apitest.Num(rep, "version")}).Must(t, 200)
		if r := ko.Do("POST", path+"/actions/paraf", map[string]any{"version": apitest.Num(rep, "version")}); r.Status != 403 {
			t.Errorf("the coordinator initialled: %d", r.Status)
		}
		if r := ka.Do("POST", path+"/actions/return", map[string]any{"version": apitest.Num(rep, "version")}); r.Status != 400 || r.FieldErrors()["comment"] == "" {
			t.Errorf("return without a comment: %d %s", r.Status, r.Raw)
		}
		rep = ka.Do("POST", path+"/actions/return", map[string]any{"version": apitest.Num(rep, "version"), "comment": "Sebutkan jumlah PJU."}).Must(t, 200)
		rep = ko.Do("PATCH", path, map[string]any{"version": apitest.Num(rep, "version"), "narrative": "Tiga pengaduan PJU, semua dijawab langsung."}).Must(t, 200)
		rep = ko.Do("POST", path+"/actions/submit", map[string]any{"version": apitest.Num(rep, "version")}).Must(t, 200)
		clock.Add(30 * time.Minute)
		rep = ka.Do("POST", path+"/actions/paraf", map[string]any{"version": apitest.Num(rep, "version"), "comment": "OK"}).Must(t, 200)
		hist := rep["history"].([]any)
		if apitest.Str(rep, "status") != "complete" || len(hist) != 2 || apitest.Str(hist[0].(map[string]any), "review_comment") != "Sebutkan jumlah PJU." {
			t.Fatalf("after paraf: %s", rep)
		}
		if r := ko.Do("PATCH", path, map[string]any{"version": apitest.Num(rep, "version"), "narrative": "ubah"}); r.Status != 409 {
			t.Errorf("edit after paraf: %d", r.Status)
		}

		// Download and check the documents.
		pdf := ka.Do("GET", path+"/files/pdf", nil)
		if pdf.Status != 200 || !bytes.HasPrefix(pdf.Raw, []byte("%PDF-")) || pdf.Header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("pdf: %d %q", pdf.Status, pdf.Header)
		}
		xraw := ko.Do("GET", path+"/files/xlsx", nil).Raw
		if v := anon.Do("POST", "/api/v1/reports/verify", pdf.Raw).Must(t, 200); v["match"] != true || apitest.Num(apitest.Obj(v, "report"), "id") != rid || apitest.Str(v, "format") != "pdf" {
			t.Errorf("verify pdf: %v", v)
		}
		// A form upload, as a verify page would send it.
		var form bytes.Buffer
		mw := multipart.NewWriter(&form)
		fw, _ := mw.CreateFormFile("file", "laporan.xlsx")
		fw.Write(xraw)
		mw.Close()
		req, _ := http.NewRequest("POST", anon.Base+"/api/v1/reports/verify", &form)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		if v := anon.Send(req).Must(t, 200); v["match"] != true || apitest.Str(v, "format") != "xlsx" {
			t.Errorf("verify xlsx: %v", v)
		}
		tampered := append([]byte(nil), pdf.Raw...)
		tampered[len(tampered)/3] ^= 0x20
		if v := anon.Do("POST", "/api/v1/reports/verify", tampered).Must(t, 200); v["match"] != false || !strings.Contains(apitest.Str(v, "message"), "TIDAK cocok") {
			t.Errorf("verify tampered: %v", v)
		}
		if v := anon.Do("GET", "/api/v1/reports/verify?hash="+apitest.Str(rep, "content_hash"), nil).Must(t, 200); v["match"] != true {
			t.Errorf("verify by code: %v", v)
		}
		// The same checks from the command line.
		dir := t.TempDir()
		good, bad := filepath.Join(dir, "laporan.pdf"), filepath.Join(dir, "palsu.pdf")
		os.WriteFile(good, pdf.Raw, 0o644)
		os.WriteFile(bad, tampered, 0o644)
		// The install's data directory on both databases: with PostgreSQL
		// it still holds secret.keys, which would otherwise be made in
		// ./data, the package's folder.
		db := []string{"--data", m.Config.DataDir}
		if d == store.Postgres {
			db = append(db, "--database-url", m.Config.DatabaseURL)
		}
		var out, errOut bytes.Buffer
		if err := run(context.Background(), append(append([]string{"report", "verify"}, db...), good), func(string) string { return "" }, &out, &errOut); err != nil {
			t.Errorf("report verify: %v %s", err, errOut.String())
		}
		if !strings.Contains(out.String(), "COCOK") || !strings.Contains(out.String(), "KASI") {
			t.Errorf("report verify said %q", out.String())
		}
		out.Reset()
		if err := run(context.Background(), append(append([]string{"report", "verify"}, db...), bad), func(string) string { return "" }, &out, &errOut); err == nil || !strings.Contains(out.String(), "TIDAK COCOK") {
			t.Errorf("report verify of a tampered file: %v %q", err, out.String())
		}

		// A complaint export with its progress.
		ex := ko.Do("GET", "/api/v1/exports/complaints/csv?channel=telepon&progress=ekspor-1", nil)
		if ex.Status != 200 || ex.Header.Get("X-Export-Total") != "3" || !strings.HasPrefix(ex.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("export: %d %v", ex.Status, ex.Header)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(ex.Raw, []byte("\ufeff")))).ReadAll()
		if err != nil || len(rows) != 4 {
			t.Fatalf("export rows: %d %v", len(rows), err)
		}
		pr := ko.Do("GET", "/api/v1/exports/progress/ekspor-1", nil).Must(t, 200)
		if pr["finished"] != true || apitest.Num(pr, "done") != 3 || apitest.Num(pr, "total") != 3 {
			t.Errorf("progress: %v", pr)
		}
		if r := op.Do("GET", "/api/v1/exports/progress/ekspor-1", nil); r.Status != 404 {
			t.Errorf("another user's export progress: %d", r.Status)
		}
		if r := ko.Do("GET", "/api/v1/exports/complaints/csv?channel=merpati", nil); r.Status != 400 {
			t.Errorf("bad filter: %d", r.Status)
		}

		// Public figures, for anyone.
		fig := anon.Do("GET", "/public/figures", nil).Must(t, 200)
		if ms := fig["months"].([]any); len(ms) != 12 {
			t.Errorf("public figures: %v", fig)
		}
		if strings.Contains(string(anon.Do("GET", "/public/figures", nil).Raw), "Warga") {
			t.Error("the public figures show personal data")
		}
	})
}
