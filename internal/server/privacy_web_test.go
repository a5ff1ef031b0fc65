package server_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

// TestPrivacyPagesByRole: each privacy page opens for the roles of the
// role table's permission and is refused to the others (403, nothing
// written); the menu shows the entry only to those who may open a tab.
func TestPrivacyPagesByRole(t *testing.T) {
	e := newEnv(t, store.SQLite)
	b := newBrowserish(t, e)
	pages := []struct {
		path    string
		allowed []aduan.Role
	}{
		{"/privacy/requests", []aduan.Role{KO}},
		{"/privacy/breaches", []aduan.Role{AD, KO}},
		{"/privacy/retention", []aduan.Role{AD, KO}},
		{"/privacy/record", []aduan.Role{AD, KO, PU}},
	}
	for _, r := range all {
		for _, p := range pages {
			res, body := b.get(r, p.path)
			want := 403
			for _, a := range p.allowed {
				if a == r {
					want = 200
				}
			}
			if res.StatusCode != want {
				t.Errorf("%s %s: %d, want %d", r, p.path, res.StatusCode, want)
			}
			if want == 403 && strings.Contains(body, `id="record-identity"`) {
				t.Errorf("%s sees the record", r)
			}
		}
		_, home := b.get(r, "/account")
		menu := strings.Contains(home, `href="/privacy"`)
		if want := r == AD || r == KO || r == PU; menu != want {
			t.Errorf("%s: privacy menu %v, want %v", r, menu, want)
		}
	}
	// Forms refuse too, and write nothing.
	form := url.Values{"title": {"x"}, "description": {"y"}, "discovered_at": {"2026-12-01T10:00"}}
	for _, r := range []aduan.Role{OP, KA, PD, PU} {
		if res, _ := b.post(r, "/privacy/breaches", form); res.StatusCode != 403 {
			t.Errorf("%s records a breach: %d", r, res.StatusCode)
		}
		if res, _ := b.post(r, "/privacy/requests", url.Values{"kind": {"access"}, "phone": {"081234567890"}, "requester": {"x"}, "received_at": {"2026-12-01T10:00"}}); res.StatusCode != 403 {
			t.Errorf("%s records a request: %d", r, res.StatusCode)
		}
	}
	if res, _ := b.post(AD, "/privacy/requests", url.Values{"kind": {"access"}, "phone": {"081234567890"}, "requester": {"x"}, "received_at": {"2026-12-01T10:00"}}); res.StatusCode != 403 {
		t.Errorf("admin (no personal data) records a request: %d", res.StatusCode)
	}
	if n := count(t, e.st, "privacy_breaches") + count(t, e.st, "privacy_requests"); n != 0 {
		t.Errorf("%d rows written by refused forms", n)
	}
}

func count(t *testing.T, st *store.Store, table string) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

var locationRe = regexp.MustCompile(`/privacy/(?:requests|breaches)/(\d+)`)

// TestPrivacyRequestsInTheConsole: a request typed with its reception time
// in WIB gets its deadline 3×24 hours later in WIB, and the list counts down
// to it; the subject's export holds their complaint and not another's, as
// JSON and as a printable page; an erasure keeps an open complaint and says
// why. A breach's notification deadlines are likewise 3×24 hours after its
// discovery, in WIB.
func TestPrivacyRequestsInTheConsole(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		b := newBrowserish(t, e)
		theirs := e.newComplaint(t, "081355550001", e.dpupr)
		other := e.newComplaint(t, "081355550002", e.dpupr)
		res, body := b.post(KO, "/privacy/requests", url.Values{"kind": {"erasure"}, "phone": {"0813-5555-0001"}, "requester": {"Warga Uji"},
			"via": {"surat"}, "received_at": {"2026-12-05T23:30"}})
		if res.StatusCode != 303 {
			t.Fatalf("record: %d %s", res.StatusCode, body)
		}
		id := locationRe.FindStringSubmatch(res.Header.Get("Location"))[1]
		_, list := b.get(KO, "/privacy/requests")
		// 23.30 WIB on the 5th plus 72 hours: 23.30 WIB on the 8th (read
		// as UTC it would be 06.30 on the 9th).
		if !strings.Contains(list, `datetime="2026-12-08T23:30:00+07:00" data-start="2026-12-05T23:30:00+07:00"`) {
			t.Errorf("the list's countdown:\n%s", excerpt(list, "class=\"due"))
		}
		_, page := b.get(KO, "/privacy/requests/"+id)
		if !strings.Contains(page, i18n.DateTime(i18n.ID, time.Date(2026, 12, 8, 23, 30, 0, 0, aduan.WIB))) || !strings.Contains(page, "8 Desember 2026 23.30 WIB") {
			t.Errorf("the page's deadline:\n%s", excerpt(page, "Batas"))
		}
		num, otherNum := apitest.Str(theirs, "number"), apitest.Str(other, "number")
		if !strings.Contains(page, num) || strings.Contains(page, otherNum) {
			t.Errorf("the look-up: theirs %v, the other's %v", strings.Contains(page, num), strings.Contains(page, otherNum))
		}
		res, js := b.get(KO, "/privacy/requests/"+id+"/export.json")
		var exp struct {
			Complaints []struct{ Number string } `json:"complaints"`
			Citizens   []struct{ Phone string }  `json:"citizens"`
		}
		if err := json.Unmarshal([]byte(js), &exp); err != nil || res.StatusCode != 200 {
			t.Fatalf("export.json: %d %v", res.StatusCode, err)
		}
		if len(exp.Complaints) != 1 || exp.Complaints[0].Number != num || len(exp.Citizens) != 1 || exp.Citizens[0].Phone != "+6281355550001" || strings.Contains(js, otherNum) || strings.Contains(js, "81355550002") {
			t.Errorf("export.json: %s", js)
		}
		res, html := b.get(KO, "/privacy/requests/"+id+"/export.html")
		if res.StatusCode != 200 || !strings.Contains(html, "Data pribadi yang kami simpan tentang Anda") || !strings.Contains(html, num) ||
			strings.Contains(html, otherNum) || strings.Contains(html, `<nav`) || !strings.Contains(html, `/static/app.css`) {
			t.Errorf("export.html: %d\n%s", res.StatusCode, html)
		}
		if res, _ := b.get(OP, "/privacy/requests/"+id+"/export.json"); res.StatusCode != 403 {
			t.Errorf("an operator exports a person: %d", res.StatusCode)
		}
		// Erasure: the complaint is still open, so it and the identity stay.
		ver := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(page)[1]
		res, _ = b.post(KO, "/privacy/requests/"+id, url.Values{"do": {"erase"}, "version": {ver}})
		if res.StatusCode != 303 {
			t.Fatalf("erase: %d", res.StatusCode)
		}
		_, page = b.get(KO, "/privacy/requests/"+id)
		if !strings.Contains(page, "Disimpan: "+num) || !strings.Contains(page, "pengaduan masih ditangani") {
			t.Errorf("the outcome does not say what was kept and why:\n%s", excerpt(page, "Hasil"))
		}
		if cz, err := e.st.Citizens().CitizenByPhone(ctx, aduan.System, "081355550001"); err != nil || cz.Name == "" {
			t.Errorf("the identity of an open complaint went: %v", err)
		}

		res, body = b.post(AD, "/privacy/breaches", url.Values{"title": {"Ekspor CSV terkirim ke alamat salah"}, "description": {"Satu file ekspor pengaduan terkirim ke e-mail yang salah."},
			"discovered_at": {"2026-12-06T08:15"}, "affected_count": {"1200"}, "data_kinds": {"name", "phone"}})
		if res.StatusCode != 303 {
			t.Fatalf("breach: %d %s", res.StatusCode, excerpt(body, "form-error"))
		}
		bid := locationRe.FindStringSubmatch(res.Header.Get("Location"))[1]
		_, list = b.get(KO, "/privacy/breaches")
		if strings.Count(list, `datetime="2026-12-09T08:15:00+07:00" data-start="2026-12-06T08:15:00+07:00"`) != 2 || !strings.Contains(list, "1.200 orang") {
			t.Errorf("the breach's countdowns:\n%s", excerpt(list, "Ekspor CSV"))
		}
		_, form := b.get(AD, "/privacy/breaches/"+bid)
		bver := regexp.MustCompile(`name="version" value="(\d+)"`).FindStringSubmatch(form)[1]
		res, _ = b.post(AD, "/privacy/breaches/"+bid, url.Values{"version": {bver}, "title": {"Ekspor CSV terkirim ke alamat salah"}, "description": {"x"},
			"discovered_at": {"2026-12-06T08:15"}, "subjects_notified_at": {"2026-12-07T09:00"}, "subjects_notice": {"SMS"}})
		if res.StatusCode != 303 {
			t.Fatalf("notified: %d", res.StatusCode)
		}
		_, list = b.get(AD, "/privacy/breaches")
		if !strings.Contains(list, "ditanggapi 7 Desember 2026 09.00 WIB") || strings.Count(list, `datetime="2026-12-09T08:15:00+07:00"`) != 1 {
			t.Errorf("after notifying the subjects:\n%s", excerpt(list, "Ekspor CSV"))
		}
		e2, _ := e.st.Audit(ctx, aduan.System, aduan.AuditFilter{Entity: "breach"})
		if len(e2) != 2 {
			t.Errorf("breach audit: %d records", len(e2))
		}
	})
}

// TestPrivacyRetentionAndRecordPages: the dry run's counts and periods,
// and the processing record made from the role table and the settings.
func TestPrivacyRetentionAndRecordPages(t *testing.T) {
	e := newEnv(t, store.SQLite)
	b := newBrowserish(t, e)
	if err := e.st.RefData().SetSettings(ctx, aduan.System, map[string]string{"retention_photos_days": "90"}); err != nil {
		t.Fatal(err)
	}
	_, page := b.get(KO, "/privacy/retention")
	if !strings.Contains(page, "Uji coba per") || !strings.Contains(page, "setelah 90 hari") || !strings.Contains(page, "warga dianonimkan: 0") {
		t.Errorf("retention page:\n%s", excerpt(page, "retention"))
	}
	if res, _ := b.post(KO, "/privacy/retention", nil); res.StatusCode != 303 || !strings.Contains(res.Header.Get("Location"), "privacy_retention_queued") {
		t.Errorf("run now: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	if res, _ := b.post(KO, "/privacy/retention", nil); !strings.Contains(res.Header.Get("Location"), "privacy_retention_today") {
		t.Errorf("run twice a day: %s", res.Header.Get("Location"))
	}
	if res, _ := b.post(OP, "/privacy/retention", nil); res.StatusCode != 403 {
		t.Errorf("an operator runs retention: %d", res.StatusCode)
	}
	_, rec := b.get(PU, "/privacy/record")
	row := excerpt(rec, `id="record-identity"`)
	for _, r := range aduan.Roles {
		label := i18n.T(i18n.ID, "role."+string(r))
		if in := strings.Contains(row, label+",") || strings.Contains(row, label+"<"); in != r.Can(aduan.PermCitizenRead) {
			t.Errorf("identity row: %s listed %v, role table says %v\n%s", label, in, r.Can(aduan.PermCitizenRead), row)
		}
	}
	if !strings.Contains(excerpt(rec, `id="record-photos"`), "90 hari") || !strings.Contains(row, "730 hari") {
		t.Errorf("record's periods:\n%s", rec)
	}
}

func excerpt(s, near string) string {
	i := strings.Index(s, near)
	if i < 0 {
		return fmt.Sprintf("(%q not found)", near)
	}
	end := strings.Index(s[i:], "</tr>")
	if end < 0 || end > 3000 {
		end = min(len(s)-i, 1500)
	}
	return s[max(0, i-300) : i+end]
}
