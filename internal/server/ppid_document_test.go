package server_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// postMultipart sends a console form with a file as role.
func (e *env) postMultipart(t *testing.T, role aduan.Role, path string, fields map[string]string, file, content string) (int, string) {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("document", file)
	fw.Write([]byte(content))
	mw.Close()
	return e.sendAs(t, role, "POST", path, mw.FormDataContentType(), &b)
}

func (e *env) sendAs(t *testing.T, role aduan.Role, method, path, ctype string, body io.Reader) (int, string) {
	t.Helper()
	tok, err := e.st.Users().CreateSession(ctx, e.users[role].ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest(method, e.url+path, body)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: tok})
	res, err := noRedirect.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(out)
}

// TestPPIDDocumentAttached: the PPID grants a request with the information
// as a file; the console's reader downloads it, and so does the requester
// from the public tracking page with the number and the last four digits
// (never with wrong digits); the written notice says where to download it.
// A refusal takes no file: the form says so and nothing is recorded.
func TestPPIDDocumentAttached(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		id := e.newInfoRequest(t, false)
		r, err := e.st.PPID().Request(ctx, e.users[PU].Actor(), id)
		if err != nil {
			t.Fatal(err)
		}
		last4 := string(r.Phone)[len(r.Phone)-4:]
		content := "kecamatan,penerima\nBeji,1204\nPancoran Mas,1650\n"
		status, page := e.postMultipart(t, PU, fmt.Sprintf("/ppid/%d", id), map[string]string{"action": "decide", "version": fmt.Sprint(r.Version),
			"decision": "granted", "answer": "Informasi diberikan seluruhnya; berkas terlampir."}, "rekap-hibah-2025.csv", content)
		if status != 303 {
			t.Fatalf("decide with the file: %d\n%s", status, page)
		}
		if r, _ = e.st.PPID().Request(ctx, e.users[PU].Actor(), id); !r.DocumentAttached || r.DocumentName != "rekap-hibah-2025.csv" {
			t.Fatalf("after the decision: attached %v, name %q", r.DocumentAttached, r.DocumentName)
		}
		if status, body := e.sendAs(t, PU, "GET", fmt.Sprintf("/ppid/%d/berkas/unduh", id), "", nil); status != 200 || body != content {
			t.Errorf("the PPID's download: %d %q", status, body)
		}
		if status, _ := e.sendAs(t, AD, "GET", fmt.Sprintf("/ppid/%d/berkas/unduh", id), "", nil); status != 403 && status != 404 {
			t.Errorf("IT staff downloaded it: %d", status)
		}
		status, page, _ = e.publicPost(t, url.Values{"nomor": {r.Number}, "hp4": {last4}})
		if status != 200 || !strings.Contains(page, "Unduh informasi: rekap-hibah-2025.csv") {
			t.Errorf("the tracking page offers no download: %d", status)
		}
		res, err := http.PostForm(e.url+"/informasi", url.Values{"nomor": {r.Number}, "hp4": {last4}, "berkas": {"1"}})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || string(got) != content || !strings.Contains(res.Header.Get("Content-Disposition"), "rekap-hibah-2025.csv") {
			t.Errorf("the requester's download: %d %q %v", res.StatusCode, got, res.Header)
		}
		wrong := "0000"
		if last4 == wrong {
			wrong = "1111"
		}
		if status, page, _ := e.publicPost(t, url.Values{"nomor": {r.Number}, "hp4": {wrong}, "berkas": {"1"}}); status != 404 || strings.Contains(page, "Pancoran Mas,1650") {
			t.Errorf("with wrong digits: %d", status)
		}
		res, err = http.PostForm(e.url+"/informasi", url.Values{"nomor": {r.Number}, "hp4": {last4}, "surat": {"decision"}})
		if err != nil {
			t.Fatal(err)
		}
		pdf, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if text := pdfText(t, pdf); !strings.Contains(text, "rekap-hibah-2025.csv — dapat diunduh di") || !strings.Contains(text, "/informasi?nomor="+r.Number) {
			t.Errorf("the notice does not say where to download it:\n%s", text)
		}

		// A refusal takes no file.
		id2 := e.newInfoRequest(t, false)
		r2, _ := e.st.PPID().Request(ctx, e.users[PU].Actor(), id2)
		status, page = e.postMultipart(t, PU, fmt.Sprintf("/ppid/%d", id2), map[string]string{"action": "decide", "version": fmt.Sprint(r2.Version),
			"decision": "refused", "answer": "Dikecualikan.", "ground": "h", "consequence_test": "Memuat data pribadi penerima."}, "data.csv", "nik,nama\n")
		if status != 422 || !strings.Contains(page, "hanya dilampirkan pada keputusan yang memberikan informasi") {
			t.Errorf("a refusal with a file: %d", status)
		}
		if r2, _ = e.st.PPID().Request(ctx, e.users[PU].Actor(), id2); r2.Decision != "" || r2.DocumentAttached {
			t.Errorf("the refused form changed the request: %s %v", r2.Decision, r2.DocumentAttached)
		}
	})
}
