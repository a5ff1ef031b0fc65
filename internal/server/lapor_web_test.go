package server_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestLaporConsole, on both databases: the operator registers a LAPOR!
// report on the SP4N-LAPOR! page and lands on its page, with LAPOR!'s
// deadlines; the same tracking ID again is refused on the form, naming
// the complaint; an XLSX-less CSV import shows each row's outcome; the
// tracking ID is found by the search box; an agency's user has no page.
func TestLaporConsole(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		b := newBrowserish(t, e)
		form := url.Values{"tracking_id": {"#4440001"}, "category": {"Lingkungan Hidup dan Kehutanan > Pengelolaan Sampah"},
			"text": {"Sampah di TPS Jl. Kartini belum diangkut tiga hari."}, "name": {"Dewi"}, "dispositioned_at": {e.st.Now().In(aduan.WIB).AddDate(0, 0, -12).Format("2006-01-02T15:04")}}
		res, _ := b.post(OP, "/sp4n-lapor", form)
		if res.StatusCode != 303 || !strings.HasPrefix(res.Header.Get("Location"), "/sp4n-lapor/4440001") {
			_, page := b.post(OP, "/sp4n-lapor", form)
			i := strings.Index(page, "form-error")
			t.Fatalf("register: %d %s %.300s", res.StatusCode, res.Header.Get("Location"), page[max(i, 0):])
		}
		_, page := b.get(OP, "/sp4n-lapor/4440001")
		for _, want := range []string{"4440001", "LINGKUNGAN HIDUP DAN KEHUTANAN &gt; PENGELOLAAN SAMPAH", "Batas verifikasi", "terlambat"} {
			if !strings.Contains(page, want) {
				t.Errorf("the report's page lacks %q", want)
			}
		}
		// The complaint's own page names its tracking ID and LAPOR!'s
		// deadlines, for everyone who handles it.
		lr, err := e.st.Lapor().ByTrackingID(ctx, e.users[OP].Actor(), "4440001")
		if err != nil {
			t.Fatal(err)
		}
		if _, page = b.get(OP, fmt.Sprintf("/complaints/%d", lr.ComplaintID)); !strings.Contains(page, "<code>4440001</code>") || !strings.Contains(page, "Batas tindak lanjut") {
			t.Error("the complaint's page does not show its LAPOR! tracking ID")
		}
		res, page = b.post(OP, "/sp4n-lapor", form)
		if res.StatusCode != 400 || !strings.Contains(page, "sudah terdaftar sebagai pengaduan ADU-") {
			t.Errorf("a duplicate on the form: %d", res.StatusCode)
		}

		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		fw, _ := mw.CreateFormFile("file", "ekspor.csv")
		fw.Write([]byte("No. Tracking,Isi Laporan,Kategori,Tanggal Disposisi\n4440002,Trotoar rusak di Jl. Nusantara,," + e.st.Now().In(aduan.WIB).AddDate(0, 0, -1).Format("02/01/2006 15:04") + "\n4440001,Lagi,,06/01/2026 10:00\n"))
		mw.Close()
		res, page = b.send(OP, "POST", "/sp4n-lapor/import", &body, mw.FormDataContentType())
		if res.StatusCode != 200 || !strings.Contains(page, "1 laporan dicatat, 1 ditolak") || !strings.Contains(page, "sudah terdaftar") {
			t.Errorf("import: %d", res.StatusCode)
		}
		res, _ = b.get(OP, "/sp4n-lapor?q=%234440002")
		if res.StatusCode != 303 || res.Header.Get("Location") != "/sp4n-lapor/4440002" {
			t.Errorf("search by tracking ID: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		// This month's LAPOR! reports, apart, with LAPOR!'s deadlines, on the
		// dashboard and the LAPOR! page.
		b.post(OP, "/sp4n-lapor", url.Values{"tracking_id": {"4440003"}, "text": {"Drainase tersumbat di Jl. Tole Iskandar."}})
		for _, path := range []string{"/dashboard", "/sp4n-lapor"} {
			if _, page := b.get(KO, path); !strings.Contains(page, "SP4N-LAPOR! bulan ini") || !strings.Contains(page, "berjalan") {
				t.Errorf("%s does not show this month's LAPOR! compliance", path)
			}
		}
		if res, _ = b.get(PD, "/sp4n-lapor"); res.StatusCode != 403 {
			t.Errorf("an agency's operator: %d", res.StatusCode)
		}
	})
}
