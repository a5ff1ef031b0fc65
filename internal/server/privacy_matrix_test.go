package server_test

import (
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/api"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/phone"
	"github.com/kotakita/aduan/internal/store"
)

// page fetches a console page (or a file the console serves) as role,
// with a session of its own, and returns the status and the body.
func (e *env) page(t *testing.T, r aduan.Role, path string) (int, string) {
	t.Helper()
	tok, err := e.st.CreateSession(ctx, e.users[r].ID, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	req, _ := http.NewRequest("GET", e.url+path, nil)
	req.AddCookie(&http.Cookie{Name: api.SessionCookie, Value: tok})
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(body)
}

// TestOverlongSearchText: every surface that takes a search text answers
// one longer than aduan.MaxQueryLen with 400 and says why, in the user's
// language; a long one was a 500 on SQLite ("LIKE or GLOB pattern too
// complex").
func TestOverlongSearchText(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		e.newComplaint(t, nextPhone(), nil)
		q := url.QueryEscape(strings.Repeat("jalan rusak ", 5000))
		for _, path := range []string{"/api/v1/complaints?q=" + q, "/api/v1/exports/complaints/csv?q=" + q, "/api/v1/exports/complaints/xlsx?q=" + q} {
			res := e.as(OP).Do("GET", path, nil)
			if res.Status != 400 || !strings.Contains(res.ErrorMessage(), "Teks pencarian terlalu panjang (maksimum 200 karakter)") || res.FieldErrors()["q"] == "" {
				t.Errorf("%s: %d %s", path[:30], res.Status, res.Raw)
			}
		}
		for _, path := range []string{"/queue?q=" + q, "/queue/export/csv?q=" + q} {
			status, body := e.page(t, OP, path)
			if status != 400 || !strings.Contains(body, "Teks pencarian terlalu panjang (maksimum 200 karakter)") {
				t.Errorf("%s: %d", path[:20], status)
			}
		}
		// Within the limit the search runs.
		e.as(OP).Do("GET", "/api/v1/complaints?q="+url.QueryEscape(strings.Repeat("%_", 100)), nil).Must(t, 200)
	})
}

// secretComplaint records a rahasia complaint from phone, forwarded to
// DPUPR and answered by the agency, with an SMS to the caller on it (as
// the identity request or the relay would send), and returns it.
func (e *env) secretComplaint(t *testing.T, ph, text string) map[string]any {
	t.Helper()
	c := e.as(OP).Do("POST", "/api/v1/complaints", map[string]any{
		"text": text, "kelurahan_code": "32.76.01.1007", "confidentiality": "rahasia",
		"citizen": map[string]any{"name": "Sekar Pertiwi", "phone": ph, "address": "Jl. Anggrek 12", "email": "sekar.pertiwi@contoh.id"},
	}).Must(t, 201)
	id := apitest.Num(c, "id")
	c = apitest.Obj(e.as(OP).Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/forward", id),
		map[string]any{"version": apitest.Num(c, "version"), "agency_id": e.dpupr.ID}).Must(t, 200), "complaint")
	to, err := phone.Normalize(ph)
	if err != nil {
		t.Fatal(err)
	}
	m := &channel.Message{ComplaintID: id, Channel: channel.SMS, Direction: channel.Out, To: to, Body: "Yth. Sekar Pertiwi, pengaduan Anda kami terima.",
		Status: channel.StatusFailed, Error: "msg.no_phone", Purpose: channel.PurposeRelay}
	if err := e.st.WriteTx(ctx, func(tx *sql.Tx) error { _, err := e.st.InsertMessage(ctx, tx, m); return err }); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestTrackingSecretNeverShown: the last four digits of the phone a
// complaint was filed from are its public tracking secret (/lacak shows the
// answer for the number and those digits). kasi, the PPID and IT staff, who
// may not read a rahasia complaint, must find them nowhere: not in the
// complaint's messages (masked parties showed them), the messages lists,
// the audit log (the citizen's record held the whole number) or the
// complaint page. The call center and the agency still see the number.
func TestTrackingSecretNeverShown(t *testing.T) {
	e := newEnv(t, store.SQLite)
	c := e.secretComplaint(t, "0812-5555-7391", "Dugaan pungli oleh petugas parkir di Pasar Kemiri.")
	id := apitest.Num(c, "id")
	paths := []string{fmt.Sprintf("/api/v1/complaints/%d", id), fmt.Sprintf("/api/v1/complaints/%d/messages", id),
		"/api/v1/messages?status=failed", "/api/v1/audit?limit=500", fmt.Sprintf("/api/v1/complaints/%d/events", id)}
	pages := []string{fmt.Sprintf("/complaints/%d", id), "/messages", "/audit", "/queue?status=all"}
	for _, r := range []aduan.Role{KA, PU, AD} {
		for _, p := range paths {
			if res := e.as(r).Do("GET", p, nil); strings.Contains(string(res.Raw), "7391") {
				t.Errorf("%s reads the tracking digits at %s", r, p)
			}
		}
		for _, p := range pages {
			if _, body := e.page(t, r, p); strings.Contains(body, "7391") {
				t.Errorf("%s reads the tracking digits on %s", r, p)
			}
		}
	}
	for _, r := range []aduan.Role{OP, KO, PD} {
		if res := e.as(r).Do("GET", fmt.Sprintf("/api/v1/complaints/%d/messages", id), nil); !strings.Contains(string(res.Raw), "+6281255557391") {
			t.Errorf("%s does not see the caller's number: %s", r, res.Raw)
		}
	}
	// The coordinator's audit log keeps the citizen's record whole.
	if res := e.as(KO).Do("GET", "/api/v1/audit?entity=citizen", nil); !strings.Contains(string(res.Raw), "7391") {
		t.Errorf("the coordinator's audit log lost the citizen's record")
	}
}
