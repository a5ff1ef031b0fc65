package server_test

import (
	"fmt"
	"io"
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

// postPage sends a console form as role and returns the status, the body
// and where it redirects.
func (e *env) postPage(t *testing.T, r aduan.Role, path string, form url.Values) (int, string, string) {
	t.Helper()
	tok, err := e.st.Users().CreateSession(ctx, e.users[r].ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("POST", e.url+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: tok})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body), res.Header.Get("Location")
}

// TestPPIDPagesByRole: the PPID's pages open for every role of the city's
// staff but IT; the requester's identity shows to the PPID Utama, the
// agency's PPID Pembantu and the call center (its ID number masked), never
// to the others; the register form is for the call center and the PPIDs.
func TestPPIDPagesByRole(t *testing.T) {
	e := newEnv(t, store.SQLite)
	id := e.newInfoRequest(t, true)
	for _, r := range all {
		allowed := r != AD
		for _, path := range []string{"/ppid", "/ppid?view=overdue", "/ppid?view=objections", fmt.Sprintf("/ppid/%d", id)} {
			status, body := e.page(t, r, path)
			if allowed != (status == 200) {
				t.Errorf("%s as %s: %d", path, r, status)
			}
			if !allowed || !strings.HasPrefix(path, "/ppid/") {
				continue
			}
			name, full, masked := strings.Contains(body, "Siti Rahma"), strings.Contains(body, "3276015508900002"), strings.Contains(body, "••••0002")
			switch r {
			case PU, PP:
				if !name || !full {
					t.Errorf("%s does not see the requester on the page", r)
				}
			case OP, KO:
				if !name || full || !masked {
					t.Errorf("%s: name %v, full ID %v, masked %v", r, name, full, masked)
				}
			default:
				if name || full || masked {
					t.Errorf("%s sees the requester", r)
				}
			}
		}
		status, _ := e.page(t, r, "/ppid/new")
		if want := r == OP || r == KO || r == PU || r == PP; want != (status == 200) {
			t.Errorf("/ppid/new as %s: %d", r, status)
		}
	}
}

// TestPPIDFromTheDesk: the operator types a caller on the desk, finds it
// is a request for information, and presses "Permintaan informasi": the
// register form opens with what was typed; sent without the ID number it
// says so and stores nothing; sent whole it logs the call as an
// info_request contact and the request names it; the PPID Utama assigns
// it from its page and the agency's PPID Pembantu extends it.
func TestPPIDFromTheDesk(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		status, body, _ := e.postPage(t, OP, "/ppid/new", url.Values{"name": {"Rudi Hartono"}, "phone": {"0813-1111-2222"},
			"address": {"Jl. Juanda 5"}, "text": {"Minta data jumlah sekolah negeri per kecamatan"}, "channel": {"telepon"}})
		if status != 200 || !strings.Contains(body, `value="Rudi Hartono"`) || !strings.Contains(body, "Minta data jumlah sekolah") {
			t.Fatalf("prefilled form: %d", status)
		}
		form := url.Values{"name": {"Rudi Hartono"}, "phone": {"0813-1111-2222"}, "address": {"Jl. Juanda 5"}, "channel": {"telepon"},
			"information": {"Jumlah sekolah negeri per kecamatan 2026"}, "purpose": {"Memilih sekolah anak"}, "medium": {"softcopy"},
			"delivery": {"collect"}, "received_at": {time.Now().In(aduan.WIB).Add(-time.Minute).Format("2006-01-02T15:04")}, "from_desk": {"1"}}
		status, body, _ = e.postPage(t, OP, "/ppid", form)
		if status != 422 || !strings.Contains(body, "Wajib diisi") {
			t.Fatalf("without ID number: %d", status)
		}
		if n := count(t, e.st, "info_requests") + count(t, e.st, "contacts"); n != 0 {
			t.Fatalf("%d rows stored after a refusal", n)
		}
		form.Set("id_number", "3276011203850009")
		status, _, loc := e.postPage(t, OP, "/ppid", form)
		if status != 303 || !strings.HasPrefix(loc, "/ppid/") {
			t.Fatalf("register: %d %s", status, loc)
		}
		var kind string
		var contact int64
		e.st.DB().QueryRow(`SELECT c.kind, c.id FROM info_requests r JOIN contacts c ON c.id = r.contact_id`).Scan(&kind, &contact)
		if kind != "info_request" || contact == 0 {
			t.Fatalf("the desk's contact: %q %d", kind, contact)
		}
		path := strings.SplitN(loc, "?", 2)[0]
		status, body = e.page(t, PU, path)
		if status != 200 || !strings.Contains(body, fmt.Sprintf("dari kontak #%d", contact)) || !strings.Contains(body, `name="agency_id"`) {
			t.Fatalf("PPID Utama's page: %d", status)
		}
		if status, _, _ := e.postPage(t, PU, path, url.Values{"action": {"assign"}, "agency_id": {fmt.Sprint(e.dpupr.ID)}}); status != 303 {
			t.Fatalf("assign: %d", status)
		}
		if status, body, _ := e.postPage(t, PP, path, url.Values{"action": {"extend"}}); status != 422 || !strings.Contains(body, "Wajib diisi") {
			t.Errorf("extension without reason: %d", status)
		}
		if status, _, _ := e.postPage(t, PP, path, url.Values{"action": {"extend"}, "reason": {"Data dari 11 kecamatan"}}); status != 303 {
			t.Fatalf("extend: %d", status)
		}
		// The receipt and the extension's notice went to the requester's
		// phone through the outbox, and the page shows them.
		var sms int
		e.st.DB().QueryRow(`SELECT COUNT(*) FROM messages m JOIN info_request_messages im ON im.message_id = m.id WHERE m.to_addr = '+6281311112222' AND m.channel = 'sms'`).Scan(&sms)
		if sms != 2 {
			t.Errorf("%d SMS to the requester, want the receipt and the extension's notice", sms)
		}
		status, body = e.page(t, PP, path)
		if strings.Contains(body, "Belum ada pesan yang dikirim") {
			t.Errorf("the page shows no message to the requester")
		}
		if status != 200 || !strings.Contains(body, "diperpanjang") || strings.Contains(body, `value="extend"`) {
			t.Errorf("after the extension: %d, extend still offered %v", status, strings.Contains(body, `value="extend"`))
		}
	})
}
