package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// pdfText is the text of a PDF as pdftotext reads it.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	dir := t.TempDir()
	in := filepath.Join(dir, "notice.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-layout", in, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// publicPost sends the public form (no session).
func (e *env) publicPost(t *testing.T, form url.Values) (int, string, http.Header) {
	t.Helper()
	res, err := http.PostForm(e.url+"/informasi", form)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var b strings.Builder
	buf := make([]byte, 32<<10)
	for {
		n, err := res.Body.Read(buf)
		b.Write(buf[:n])
		if err != nil {
			break
		}
	}
	return res.StatusCode, b.String(), res.Header
}

// TestPPIDEndToEnd is the "done when", on both databases, through
// the console and the public pages as people use them:
//   - a request from the desk, assigned to a PPID Pembantu, extended once,
//     granted with the document; its written notice (PDF) read back with
//     pdftotext: number, date, decision, document, the right to object;
//   - a refused request with its art. 17 ground, objected to online by the
//     requester, answered by the atasan PPID (a named user);
//   - a request that misses its deadline in the PPID's overdue list and in
//     the year's annual report, made final (submitted, initialled) with it.
func TestPPIDEndToEnd(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		if err := e.st.RefData().SetSettings(ctx, aduan.System, map[string]string{aduan.SettingPPIDAtasan: fmt.Sprintf("user:%d", e.users[KA].ID),
			"public_base_url": "https://ppid.depok.example"}); err != nil {
			t.Fatal(err)
		}
		received := time.Now().In(aduan.WIB).Add(-time.Minute).Format("2006-01-02T15:04")
		register := func(name, phone, info string) string {
			t.Helper()
			status, _, loc := e.postPage(t, OP, "/ppid", url.Values{"name": {name}, "phone": {phone}, "address": {"Jl. Kartini 7, Depok"},
				"id_number": {"3276014404880003"}, "information": {info}, "purpose": {"Kajian"}, "medium": {"softcopy"}, "delivery": {"email"},
				"email": {"warga@example.org"}, "channel": {"telepon"}, "received_at": {received}, "from_desk": {"1"}})
			if status != 303 {
				t.Fatalf("register %s: %d", name, status)
			}
			return strings.SplitN(loc, "?", 2)[0]
		}
		act := func(r aduan.Role, path string, form url.Values) {
			t.Helper()
			if status, body, _ := e.postPage(t, r, path, form); status != 303 {
				t.Fatalf("%s %s as %s: %d %s", form.Get("action"), path, r, status, body[:min(len(body), 400)])
			}
		}

		// 1. Granted after one extension.
		granted := register("Dewi Lestari", "0812-9000-1111", "Anggaran pemeliharaan jalan kota 2026 per kecamatan")
		act(PU, granted, url.Values{"action": {"assign"}, "agency_id": {fmt.Sprint(e.dpupr.ID)}})
		act(PP, granted, url.Values{"action": {"extend"}, "reason": {"Rincian per kecamatan dihimpun dari UPT"}})
		if status, body, _ := e.postPage(t, PP, granted, url.Values{"action": {"extend"}, "reason": {"Lagi"}}); status < 400 || !strings.Contains(body, "hanya dapat diperpanjang satu kali") && status != 403 && status != 422 {
			t.Errorf("second extension: %d", status)
		}
		act(PP, granted, url.Values{"action": {"decide"}, "decision": {"granted"}, "answer": {"Terlampir rincian anggaran pemeliharaan jalan 2026."},
			"document_url": {"https://ppid.depok.example/dok/anggaran-jalan-2026.pdf"}, "document_name": {"Rincian Anggaran Pemeliharaan Jalan 2026"}})
		status, pdf := e.page(t, PU, granted+"/surat/decision.pdf")
		if status != 200 || !strings.HasPrefix(pdf, "%PDF") {
			t.Fatalf("notice: %d", status)
		}
		text := pdfText(t, []byte(pdf))
		number := strings.TrimPrefix(strings.Fields(text[strings.Index(text, "PPID-"):])[0], "")
		number = strings.SplitN(number, "/", 2)[0]
		for _, want := range []string{"SURAT PEMBERITAHUAN TERTULIS", "Nomor: " + number + "/SPT", "Tanggal: ", "Dewi Lestari", "Dikabulkan seluruhnya",
			"Rincian Anggaran Pemeliharaan Jalan 2026", "keberatan kepada atasan PPID", "https://ppid.depok.example/informasi?nomor=" + number} {
			if !strings.Contains(text, want) {
				t.Errorf("the notice lacks %q:\n%s", want, text)
			}
		}
		if status, ext := e.page(t, PP, granted+"/surat/extension.pdf"); status != 200 || !strings.Contains(pdfText(t, []byte(ext)), "diperpanjang 7 hari kerja") {
			t.Errorf("extension notice: %d", status)
		}
		// The kasi reads the request as the public does: no notice.
		if status, _ := e.page(t, KA, granted+"/surat/decision.pdf"); status != 404 {
			t.Errorf("the kasi got the notice: %d", status)
		}
		// The requester sees the decision with their number and phone
		// digits, and downloads the same notice.
		status, body, _ := e.publicPost(t, url.Values{"nomor": {number}, "hp4": {"1111"}})
		if status != 200 || !strings.Contains(body, "Dikabulkan seluruhnya") || strings.Contains(body, "Dewi Lestari") {
			t.Errorf("public view: %d", status)
		}
		if status, _, _ := e.publicPost(t, url.Values{"nomor": {number}, "hp4": {"2222"}}); status != 404 {
			t.Errorf("wrong digits: %d", status)
		}
		status, body, h := e.publicPost(t, url.Values{"nomor": {number}, "hp4": {"1111"}, "surat": {"decision"}})
		if status != 200 || h.Get("Content-Type") != "application/pdf" || !strings.Contains(pdfText(t, []byte(body)), number+"/SPT") {
			t.Errorf("public notice: %d %s", status, h.Get("Content-Type"))
		}

		// 2. Refused, objected to online, answered by the atasan.
		refused := register("Agus Salim", "0812-9000-2222", "Daftar nama dan NIK penerima bansos Kelurahan Depok")
		if status, body, _ := e.postPage(t, PU, refused, url.Values{"action": {"decide"}, "decision": {"refused"}, "answer": {"Tidak dapat diberikan"}}); status != 422 || !strings.Contains(body, "Pasal 17") {
			t.Errorf("refusal without ground: %d", status)
		}
		act(PU, refused, url.Values{"action": {"decide"}, "decision": {"refused"}, "answer": {"Data memuat NIK penerima."}, "ground": {"h"},
			"consequence_test": {"Membuka NIK penerima mengungkap data pribadi (Pasal 17 huruf h)."}})
		rnum := ""
		if _, page := e.page(t, PU, refused); strings.Contains(page, "PPID-") {
			i := strings.Index(page, "PPID-")
			rnum = page[i : i+16]
		}
		status, body, _ = e.publicPost(t, url.Values{"nomor": {rnum}, "hp4": {"2222"}, "keberatan": {"1"}, "objection_reason": {"refused"},
			"reason": {"Saya hanya meminta jumlah penerima, bukan nama."}})
		if status != 200 || !strings.Contains(body, "Keberatan Anda tercatat") {
			t.Fatalf("online objection: %d", status)
		}
		if status, _, _ := e.postPage(t, PU, refused, url.Values{"action": {"answer_objection"}, "answer": {"Ditolak"}}); status != 403 {
			t.Errorf("the PPID answered the objection: %d", status)
		}
		act(KA, refused, url.Values{"action": {"answer_objection"}, "answer": {"Keberatan diterima: jumlah penerima per RW diberikan."}, "upheld": {"1"}})
		if _, page := e.page(t, PU, "/ppid?view=objections"); !strings.Contains(page, rnum) {
			t.Errorf("the objection is not in the register of objections")
		}
		status, body, _ = e.publicPost(t, url.Values{"nomor": {rnum}, "hp4": {"2222"}})
		if status != 200 || !strings.Contains(body, "Keberatan diterima") {
			t.Errorf("the requester does not see the answer: %d", status)
		}

		// The registers: the objection in the register of objections (CSV),
		// both requests in the register of requests (PDF, XLSX).
		if status, csv := e.page(t, PU, "/ppid/buku/keberatan/unduh/register.csv"); status != 200 || !strings.Contains(csv, rnum) || !strings.Contains(csv, "Keberatan diterima") || strings.Contains(csv, number) {
			t.Errorf("register of objections: %d\n%s", status, csv)
		}
		if status, pdf := e.page(t, PU, "/ppid/buku/permohonan/unduh/register.pdf"); status != 200 {
			t.Errorf("register PDF: %d", status)
		} else if text := pdfText(t, []byte(pdf)); !strings.Contains(text, "BUKU REGISTER PERMOHONAN") || !strings.Contains(text, number) || !strings.Contains(text, rnum) {
			t.Errorf("register PDF:\n%s", text)
		}
		if status, x := e.page(t, PU, "/ppid/buku/permohonan/unduh/register.xlsx"); status != 200 || !strings.HasPrefix(x, "PK") {
			t.Errorf("register XLSX: %d", status)
		}

		// 3. A request that misses its deadline.
		base := time.Now()
		late := e.newInfoRequest(t, true)
		e.st.Now = func() time.Time { return base.AddDate(0, 0, 30) }
		defer func() { e.st.Now = time.Now }()
		_, page := e.page(t, PU, "/ppid?view=overdue")
		if !strings.Contains(page, fmt.Sprintf("/ppid/%d", late)) || !strings.Contains(page, "terlambat") {
			t.Errorf("the late request is not in the overdue list")
		}
		if strings.Contains(page, granted) {
			t.Errorf("the answered request is in the overdue list")
		}
		// ... and in the annual report, with the year's figures.
		lr, _ := e.st.PPID().Request(ctx, aduan.System, late)
		year := base.In(aduan.WIB).Year()
		status, page = e.page(t, PU, fmt.Sprintf("/ppid/laporan/%d", year))
		if status != 200 || !strings.Contains(page, lr.Number) || !strings.Contains(page, "Belum diputus dan terlambat") {
			t.Errorf("annual report: %d, late request %s missing", status, lr.Number)
		}
		a, err := e.st.PPID().Annual(ctx, e.users[PU].Actor(), year)
		if err != nil || a.Received != 3 || a.Decided != 2 || a.Overdue != 1 || a.Extended != 1 || a.Objections != 1 || a.Upheld != 1 || a.ByGround["h"] != 1 {
			t.Errorf("annual figures: %v %+v", err, a)
		}
		// Made final once the year is over, as the monthly report
		// (TestPPIDAnnualReportFinal goes through every step).
		e.st.Now = func() time.Time { return time.Date(year+1, 1, 10, 9, 0, 0, 0, aduan.WIB) }
		rid := e.finalAnnual(t, year, 0)
		frozen, _ := e.st.PPID().Annual(ctx, e.users[PU].Actor(), year)
		if frozen.ReportID != rid || frozen.SHA256 == "" || frozen.Overdue != 1 || frozen.OverdueList[0] != lr.Number {
			t.Fatalf("final: %+v", frozen)
		}
		if status, pdf := e.page(t, PU, fmt.Sprintf("/ppid/laporan/%d/unduh/laporan.pdf", year)); status != 200 || !strings.Contains(pdfText(t, []byte(pdf)), frozen.SHA256) || !strings.Contains(pdfText(t, []byte(pdf)), lr.Number) {
			t.Errorf("annual PDF without its hash or the late request: %d", status)
		}
		if status, _ := e.page(t, OP, fmt.Sprintf("/ppid/laporan/%d", year)); status != 403 {
			t.Errorf("the operator read the annual report: %d", status)
		}
	})
}
