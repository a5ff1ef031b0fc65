package server_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/api"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/live"
	"github.com/kotakita/aduan/internal/msgsvc"
	"github.com/kotakita/aduan/internal/server"
	"github.com/kotakita/aduan/internal/store"
	"github.com/kotakita/aduan/internal/web"
)

var ctx = context.Background()

// env is a running server with one user (and API token) per role.
type env struct {
	st     *store.Store
	srv    *server.Server
	url    string
	c      *apitest.Client
	tokens map[aduan.Role]string
	users  map[aduan.Role]*aduan.User
	dpupr  *aduan.Agency
	dishub *aduan.Agency
	msg    *msgsvc.Messaging
}

func newEnv(t *testing.T, d store.Dialect) *env {
	t.Helper()
	st := dbtest.OpenSeeded(t, d)
	msg := testMessaging(t, st)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	hub, _ := live.NewHub(nil)
	srv := server.New(server.Config{Store: st, Log: log, Messaging: msg, Console: &web.Config{Hub: hub}})
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	e := &env{st: st, srv: srv, url: ts.URL, c: apitest.New(t, ts.URL), tokens: map[aduan.Role]string{}, users: map[aduan.Role]*aduan.User{}, msg: msg}
	e.dpupr, _ = st.RefData().AgencyByCode(ctx, "DPUPR")
	e.dishub, _ = st.RefData().AgencyByCode(ctx, "DISHUB")
	for _, r := range aduan.Roles {
		u := &aduan.User{Username: strings.ReplaceAll(string(r), "_", "."), Name: "User " + string(r), Role: r, Active: true}
		if r.AgencyBound() {
			u.AgencyID = e.dpupr.ID
		}
		if err := st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-uji-123"); err != nil {
			t.Fatal(err)
		}
		tok, _, err := st.Users().CreateToken(ctx, aduan.System, u.ID, "test")
		if err != nil {
			t.Fatal(err)
		}
		e.tokens[r], e.users[r] = tok, u
	}
	// DISHUB has an operator too, so that complaints can be forwarded
	// there (an agency nobody can be reached at is refused a plain
	// forward).
	if err := st.Users().CreateUser(ctx, aduan.System, &aduan.User{Username: "operator.pd.dishub", Name: "Operator DISHUB", Role: aduan.RoleOperatorPD,
		AgencyID: e.dishub.ID, Active: true}, "kata-sandi-uji-123"); err != nil {
		t.Fatal(err)
	}
	return e
}

func (e *env) as(r aduan.Role) *apitest.Client { return e.c.As(e.tokens[r]) }

// categoryID is the ID of the seeded category with this code.
func (e *env) categoryID(t *testing.T, code string) int64 { return dbtest.CategoryID(t, e.st, code) }

// newComplaint records a complaint as the operator and moves it along.
func (e *env) newComplaint(t *testing.T, phone string, agency *aduan.Agency, steps ...string) map[string]any {
	t.Helper()
	c := e.as(aduan.RoleOperatorCC).Do("POST", "/api/v1/complaints", map[string]any{
		"text": "Lampu PJU mati di Jl. Nusantara sejak seminggu.", "kelurahan_code": "32.76.01.1007",
		"category_id": e.categoryID(t, "SAMPAH"), // classified: an answer or forward needs it; the default tier
		"citizen":     map[string]any{"name": "Warga Uji", "phone": phone, "address": "Jl. Nusantara 1"},
	}).Must(t, 201)
	for _, s := range steps {
		role := aduan.RoleOperatorCC
		body := map[string]any{"version": apitest.Num(c, "version")}
		switch s {
		case "forward":
			body["agency_id"] = agency.ID
		case "acknowledge":
			role = aduan.RoleOperatorPD
		}
		c = apitest.Obj(e.as(role).Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/%s", apitest.Num(c, "id"), s), body).Must(t, 200), "complaint")
	}
	return c
}

const (
	OP = aduan.RoleOperatorCC
	PD = aduan.RoleOperatorPD
	KO = aduan.RoleKoordinatorCC
	KA = aduan.RoleKasiKabid
	PI = aduan.RolePimpinanPD
	PU = aduan.RolePPIDUtama
	PP = aduan.RolePPIDPembantu
	AD = aduan.RoleAdmin
)

var all = []aduan.Role{OP, PD, KO, KA, PI, PU, PP, AD}

// matrixCase is one route with who may use it. prepare makes fresh data for
// each role and returns the path and body to send.
type matrixCase struct {
	method, pattern string
	allowed         []aduan.Role
	prepare         func(t *testing.T, e *env, r aduan.Role) (path string, body any)
}

func fixed(path string, body any) func(*testing.T, *env, aduan.Role) (string, any) {
	return func(*testing.T, *env, aduan.Role) (string, any) { return path, body }
}

var phoneSeq = 1000

func nextPhone() string { phoneSeq++; return fmt.Sprintf("08123456%04d", phoneSeq) }

func matrix() []matrixCase {
	complaintAt := func(agency func(*env) *aduan.Agency, steps ...string) func(*testing.T, *env, aduan.Role) (string, any) {
		return func(t *testing.T, e *env, r aduan.Role) (string, any) {
			c := e.newComplaint(t, nextPhone(), agency(e), steps...)
			return fmt.Sprintf("/api/v1/complaints/%d", apitest.Num(c, "id")), nil
		}
	}
	dpupr := func(e *env) *aduan.Agency { return e.dpupr }
	dishub := func(e *env) *aduan.Agency { return e.dishub }
	withSuffix := func(p func(*testing.T, *env, aduan.Role) (string, any), suffix string, body func(c map[string]any) any) func(*testing.T, *env, aduan.Role) (string, any) {
		return func(t *testing.T, e *env, r aduan.Role) (string, any) {
			path, _ := p(t, e, r)
			var c map[string]any
			if body != nil {
				c = e.as(OP).Do("GET", path, nil).Must(t, 200)
			}
			if body == nil {
				return path + suffix, nil
			}
			return path + suffix, body(c)
		}
	}
	version := func(extra map[string]any) func(c map[string]any) any {
		return func(c map[string]any) any {
			m := map[string]any{"version": apitest.Num(c, "version")}
			for k, v := range extra {
				m[k] = v
			}
			return m
		}
	}
	citizen := func(suffix string, body bool) func(*testing.T, *env, aduan.Role) (string, any) {
		return func(t *testing.T, e *env, r aduan.Role) (string, any) {
			c := e.newComplaint(t, nextPhone(), nil)
			cz := apitest.Obj(c, "citizen")
			if suffix == "?phone=" {
				return "/api/v1/citizens?phone=" + apitest.Str(cz, "phone"), nil
			}
			path := fmt.Sprintf("/api/v1/citizens/%d", apitest.Num(cz, "id"))
			if body {
				return path, map[string]any{"version": apitest.Num(cz, "version"), "name": "Nama Baru"}
			}
			return path, nil
		}
	}
	otherUser := func(suffix string, body any) func(*testing.T, *env, aduan.Role) (string, any) {
		return func(t *testing.T, e *env, r aduan.Role) (string, any) {
			// Another user than the caller, so that "self" rules do not apply.
			target := e.users[OP]
			if r == OP {
				target = e.users[KO]
			}
			return fmt.Sprintf("/api/v1/users/%d%s", target.ID, suffix), body
		}
	}
	ownToken := func(t *testing.T, e *env, r aduan.Role) (string, any) {
		_, tk, err := e.st.Users().CreateToken(ctx, e.users[r].Actor(), e.users[r].ID, "revoke me")
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("/api/v1/tokens/%d", tk.ID), nil
	}
	code := 0
	uniqueCode := func(prefix string) string { code++; return fmt.Sprintf("%s%d", prefix, code) }
	return []matrixCase{
		{"GET", "/api/v1/me", all, fixed("/api/v1/me", nil)},
		{"GET", "/api/v1/workflow", all, fixed("/api/v1/workflow", nil)},
		{"GET", "/api/v1/complaints", []aduan.Role{OP, PD, KO, KA, PI, PU, PP}, fixed("/api/v1/complaints", nil)},
		{"POST", "/api/v1/complaints", []aduan.Role{OP, KO}, func(*testing.T, *env, aduan.Role) (string, any) {
			return "/api/v1/complaints", map[string]any{"text": "Sampah menumpuk di TPS Pasar Depok Jaya."}
		}},
		{"GET", "/api/v1/complaints/{id}", []aduan.Role{OP, PD, KO, KA, PI, PU, PP}, complaintAt(dpupr, "forward")},
		// Another agency's complaint: the agency-bound roles (all of DPUPR here) may not open it.
		{"GET", "/api/v1/complaints/{id}#other-agency", []aduan.Role{OP, KO, KA, PU}, complaintAt(dishub, "forward")},
		{"PATCH", "/api/v1/complaints/{id}", []aduan.Role{OP, KO}, withSuffix(complaintAt(dpupr), "", version(map[string]any{"priority": "tinggi"}))},
		{"GET", "/api/v1/complaints/{id}/events", []aduan.Role{OP, PD, KO, KA, PI, PU, PP}, withSuffix(complaintAt(dpupr, "forward"), "/events", nil)},
		{"POST", "/api/v1/complaints/{id}/actions/{action}", []aduan.Role{OP, KO},
			withSuffix(complaintAt(dpupr), "/actions/answer", version(map[string]any{"answer": "Sudah kami catat dan teruskan ke petugas lapangan."}))},
		{"POST", "/api/v1/complaints/{id}/actions/{action}#agency", []aduan.Role{PD, PP},
			withSuffix(complaintAt(dpupr, "forward"), "/actions/acknowledge", version(nil))},
		{"GET", "/api/v1/citizens", []aduan.Role{OP, KO}, citizen("?phone=", false)},
		{"GET", "/api/v1/citizens/{id}", []aduan.Role{OP, KO}, citizen("", false)},
		{"PATCH", "/api/v1/citizens/{id}", []aduan.Role{OP, KO}, citizen("", true)},
		// A known caller's number typed on the public form with another
		// name: the call center settles the stated identity.
		{"POST", "/api/v1/complaints/{id}/stated_identity", []aduan.Role{OP, KO}, func(t *testing.T, e *env, r aduan.Role) (string, any) {
			phone := nextPhone()
			cz := apitest.Obj(e.newComplaint(t, phone, nil), "citizen")
			c, err := e.st.Complaints().CreateComplaint(ctx, aduan.Actor{System: true, Name: "web-publik"}, aduan.NewComplaint{Channel: aduan.ChannelWeb,
				Text: "Sampah menumpuk di TPS.", Citizen: &aduan.CitizenInput{Name: "Nama Lain", Phone: phone}})
			if err != nil {
				t.Fatal(err)
			}
			return fmt.Sprintf("/api/v1/complaints/%d/stated_identity", c.ID), map[string]any{"adopt": false, "version": apitest.Num(cz, "version")}
		}},
		{"GET", "/api/v1/agencies", all, fixed("/api/v1/agencies", nil)},
		{"POST", "/api/v1/agencies", []aduan.Role{AD}, func(*testing.T, *env, aduan.Role) (string, any) {
			return "/api/v1/agencies", map[string]any{"code": uniqueCode("UPT-"), "name": "UPT Baru"}
		}},
		{"GET", "/api/v1/agencies/{id}", all, func(t *testing.T, e *env, r aduan.Role) (string, any) {
			return fmt.Sprintf("/api/v1/agencies/%d", e.dpupr.ID), nil
		}},
		{"PATCH", "/api/v1/agencies/{id}", []aduan.Role{AD}, func(t *testing.T, e *env, r aduan.Role) (string, any) {
			return fmt.Sprintf("/api/v1/agencies/%d", e.dishub.ID), map[string]any{"whatsapp": "+6281111111111"}
		}},
		{"GET", "/api/v1/categories", all, fixed("/api/v1/categories", nil)},
		{"POST", "/api/v1/categories", []aduan.Role{AD, KO}, func(*testing.T, *env, aduan.Role) (string, any) {
			return "/api/v1/categories", map[string]any{"code": uniqueCode("KAT_"), "name": "Kategori baru"}
		}},
		{"GET", "/api/v1/categories/{id}", all, fixed("/api/v1/categories/1", nil)},
		{"PATCH", "/api/v1/categories/{id}", []aduan.Role{AD, KO}, fixed("/api/v1/categories/1", map[string]any{"notes": "diperbarui"})},
		{"GET", "/api/v1/kecamatan", all, fixed("/api/v1/kecamatan", nil)},
		{"GET", "/api/v1/kelurahan", all, fixed("/api/v1/kelurahan?kecamatan=32.76.01", nil)},
		{"GET", "/api/v1/users", []aduan.Role{AD, KO}, fixed("/api/v1/users", nil)},
		{"POST", "/api/v1/users", []aduan.Role{AD}, func(*testing.T, *env, aduan.Role) (string, any) {
			return "/api/v1/users", map[string]any{"username": uniqueCode("baru"), "name": "Pengguna Baru", "role": "operator_cc", "password": "kata-sandi-baru-1"}
		}},
		{"GET", "/api/v1/users/{id}", []aduan.Role{AD, KO}, otherUser("", nil)},
		{"PATCH", "/api/v1/users/{id}", []aduan.Role{AD}, otherUser("", map[string]any{"phone": "081200000000"})},
		// A user of its own: a reset ends the target's sessions and tokens.
		{"POST", "/api/v1/users/{id}/password", []aduan.Role{AD}, func(t *testing.T, e *env, r aduan.Role) (string, any) {
			u := &aduan.User{Username: uniqueCode("reset."), Name: "Direset", Role: aduan.RoleOperatorCC, Active: true}
			if err := e.st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-uji-123"); err != nil {
				t.Fatal(err)
			}
			return fmt.Sprintf("/api/v1/users/%d/password", u.ID), map[string]any{"password": "kata-sandi-uji-123"}
		}},
		{"GET", "/api/v1/tokens", all, fixed("/api/v1/tokens", nil)},
		{"POST", "/api/v1/tokens", all, fixed("/api/v1/tokens", map[string]any{"name": "integrasi"})},
		{"DELETE", "/api/v1/tokens/{id}", all, ownToken},
		{"GET", "/api/v1/settings", []aduan.Role{AD, KO, KA}, fixed("/api/v1/settings", nil)},
		{"PATCH", "/api/v1/settings", []aduan.Role{AD}, fixed("/api/v1/settings", map[string]any{"city_name": "Kota Depok"})},
		{"GET", "/api/v1/standards", []aduan.Role{AD, KO, KA}, fixed("/api/v1/standards", nil)},
		{"PUT", "/api/v1/standards/{step}", []aduan.Role{AD, KO}, fixed("/api/v1/standards/relay", map[string]any{"amount": 2, "unit": "jam"})},
		{"GET", "/api/v1/calendars", []aduan.Role{AD, KO, KA}, fixed("/api/v1/calendars", nil)},
		{"PUT", "/api/v1/calendars", []aduan.Role{AD, KO}, fixed("/api/v1/calendars", map[string]any{"office_hours": "sen-kam 07:30-16:00; jum 07:30-16:30"})},
		{"GET", "/api/v1/tiers", []aduan.Role{AD, KO, KA}, fixed("/api/v1/tiers", nil)},
		{"PUT", "/api/v1/tiers/{category_id}", []aduan.Role{AD, KO}, func(t *testing.T, e *env, r aduan.Role) (string, any) {
			cats, err := e.st.RefData().Categories(ctx)
			if err != nil || len(cats) == 0 {
				t.Fatal("no categories", err)
			}
			return fmt.Sprintf("/api/v1/tiers/%d", cats[0].ID), map[string]any{"tier": "ringan"}
		}},
		{"GET", "/api/v1/holidays", all, fixed("/api/v1/holidays", nil)},
		{"PUT", "/api/v1/holidays/{date}", []aduan.Role{AD, KO}, fixed("/api/v1/holidays/2026-12-31", map[string]any{"name": "Libur daerah"})},
		{"DELETE", "/api/v1/holidays/{date}", []aduan.Role{AD, KO}, func(t *testing.T, e *env, r aduan.Role) (string, any) {
			if err := e.st.RefData().SaveHoliday(ctx, aduan.System, aduan.Holiday{Date: "2026-12-30", Name: "Libur daerah"}); err != nil {
				t.Fatal(err)
			}
			return "/api/v1/holidays/2026-12-30", nil
		}},
		{"GET", "/api/v1/audit", []aduan.Role{AD, KO}, fixed("/api/v1/audit", nil)},
		{"POST", "/api/v1/calls", []aduan.Role{OP, KO, AD}, fixed("/api/v1/calls", map[string]any{"phone": "0812-3456-7890"})},
		{"POST", "/api/v1/contacts", []aduan.Role{OP, KO}, fixed("/api/v1/contacts", map[string]any{"kind": "prank", "duration_s": 20})},
		{"GET", "/api/v1/contacts/callbacks", []aduan.Role{OP, KO}, fixed("/api/v1/contacts/callbacks", nil)},
		{"POST", "/api/v1/complaints/{id}/notes", []aduan.Role{OP, KO}, withSuffix(complaintAt(dpupr, "forward"), "/notes", func(map[string]any) any { return map[string]any{"kind": "callback", "outcome": "busy"} })},
		{"GET", "/api/v1/complaints/{id}/messages", []aduan.Role{OP, PD, KO, KA, PI, PU, PP}, withSuffix(complaintAt(dpupr, "forward"), "/messages", nil)},
		{"GET", "/api/v1/complaints/{id}/attachments", []aduan.Role{OP, PD, KO, KA, PI, PU, PP}, withSuffix(complaintAt(dpupr, "forward"), "/attachments", nil)},
		{"GET", "/api/v1/attachments/{id}", []aduan.Role{OP, PD, KO, KA, PI, PU, PP}, attachmentPath},
		{"GET", "/api/v1/messages", []aduan.Role{OP, KO, AD}, fixed("/api/v1/messages?status=failed,review", nil)},
		{"POST", "/api/v1/messages/{id}/retry", []aduan.Role{OP, KO, AD}, failedMessagePath},
		{"POST", "/api/v1/sms/count", []aduan.Role{OP, KO}, fixed("/api/v1/sms/count", map[string]any{"text": "Halo"})},
		{"GET", "/api/v1/templates", []aduan.Role{KO, AD}, fixed("/api/v1/templates", nil)},
		{"GET", "/api/v1/templates/{key}", []aduan.Role{KO, AD}, fixed("/api/v1/templates/relay", nil)},
		{"PUT", "/api/v1/templates/{key}", []aduan.Role{KO, AD}, fixed("/api/v1/templates/relay", map[string]any{"body": "Yth. {nama}, jawaban {nomor}: {jawaban}"})},
		{"GET", "/api/v1/notifications", all, fixed("/api/v1/notifications", nil)},
		{"POST", "/api/v1/notifications/{id}/read", all, notificationPath},
		// Reports (SOP steps 11–14) and exports.
		{"GET", "/api/v1/reports", []aduan.Role{OP, KO, KA, PI, PU, PP}, fixed("/api/v1/reports", nil)},
		{"POST", "/api/v1/reports", []aduan.Role{OP, KO}, fixed("/api/v1/reports", map[string]any{"kind": "daily"})},
		{"GET", "/api/v1/reports/daily-status", []aduan.Role{OP, KO, KA}, fixed("/api/v1/reports/daily-status", nil)},
		{"GET", "/api/v1/reports/preview/daily", []aduan.Role{OP, KO, KA}, fixed("/api/v1/reports/preview/daily", nil)},
		{"GET", "/api/v1/reports/preview/monthly", []aduan.Role{KO, KA, PI, PU}, fixed("/api/v1/reports/preview/monthly", nil)},
		{"GET", "/api/v1/reports/{id}", []aduan.Role{KO, KA, PU}, monthlyReport(true, "", nil)},
		{"PATCH", "/api/v1/reports/{id}", []aduan.Role{KO}, monthlyReport(false, "", map[string]any{"narrative": "Uraian bulan ini."})},
		{"POST", "/api/v1/reports/{id}/actions/{action}", []aduan.Role{KA}, monthlyReport(true, "/actions/paraf", map[string]any{})},
		{"POST", "/api/v1/reports/{id}/actions/{action}#submit", []aduan.Role{KO}, monthlyReport(false, "/actions/submit", map[string]any{})},
		{"GET", "/api/v1/reports/{id}/files/{format}", []aduan.Role{KO, KA, PU}, monthlyReport(true, "/files/pdf", nil)},
		{"GET", "/api/v1/exports/complaints/{format}", []aduan.Role{OP, PD, KO, KA, PI, PU, PP}, fixed("/api/v1/exports/complaints/csv", nil)},
		{"GET", "/api/v1/exports/progress/{id}", []aduan.Role{OP, PD, KO, KA, PI, PU, PP}, exportProgress},
		// The answer library, search, routing and duplicate suggestions.
		{"GET", "/api/v1/library", []aduan.Role{OP, KO}, fixed("/api/v1/library", nil)},
		{"POST", "/api/v1/library", []aduan.Role{KO}, fixed("/api/v1/library", map[string]any{"title": "Syarat KTP-el", "answer": "Bawa KK ke Disdukcapil."})},
		{"GET", "/api/v1/library/review-due", []aduan.Role{KO}, fixed("/api/v1/library/review-due", nil)},
		{"GET", "/api/v1/library/export", []aduan.Role{OP, KO}, fixed("/api/v1/library/export?format=csv", nil)},
		{"POST", "/api/v1/library/import", []aduan.Role{KO}, fixed("/api/v1/library/import", []map[string]any{{"title": "Jadwal sampah", "answer": "Senin dan Kamis."}})},
		{"POST", "/api/v1/library/from-complaint/{id}", []aduan.Role{KO}, func(t *testing.T, e *env, r aduan.Role) (string, any) {
			c := e.newComplaint(t, nextPhone(), nil)
			e.as(OP).Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/answer", apitest.Num(c, "id")),
				map[string]any{"version": apitest.Num(c, "version"), "answer": "Lampu akan diganti minggu ini."}).Must(t, 200)
			return fmt.Sprintf("/api/v1/library/from-complaint/%d", apitest.Num(c, "id")), nil
		}},
		{"GET", "/api/v1/library/{id}", []aduan.Role{OP, KO}, libraryEntry("", false)},
		{"PATCH", "/api/v1/library/{id}", []aduan.Role{KO}, libraryEntry("", true)},
		{"GET", "/api/v1/library/{id}/history", []aduan.Role{OP, KO}, libraryEntry("/history", false)},
		{"POST", "/api/v1/library/{id}/actions/review", []aduan.Role{KO}, libraryEntry("/actions/review", true)},
		{"GET", "/api/v1/search", []aduan.Role{OP, KO}, fixed("/api/v1/search?q=lampu+jalan+mati", nil)},
		{"GET", "/api/v1/routing/suggest", []aduan.Role{OP, KO}, fixed("/api/v1/routing/suggest?text=lampu+jalan+mati", nil)},
		{"POST", "/api/v1/routing/retrain", []aduan.Role{KO, AD}, fixed("/api/v1/routing/retrain", nil)},
		{"GET", "/api/v1/complaints/{id}/similar", []aduan.Role{OP, KO}, withSuffix(complaintAt(dpupr, "forward"), "/similar", nil)},
		// Personal data (privacy_api_test.go).
		{"GET", "/api/v1/privacy/requests", []aduan.Role{KO}, fixed("/api/v1/privacy/requests", nil)},
		{"POST", "/api/v1/privacy/requests", []aduan.Role{KO}, newPrivacyRequest},
		{"GET", "/api/v1/privacy/requests/{id}/export", []aduan.Role{KO}, privacyExport},
		{"GET", "/api/v1/privacy/retention", []aduan.Role{AD, KO}, fixed("/api/v1/privacy/retention", nil)},
		{"GET", "/api/v1/privacy/breaches", []aduan.Role{AD, KO}, fixed("/api/v1/privacy/breaches", nil)},
		{"GET", "/api/v1/privacy/record", []aduan.Role{AD, KO, PU}, fixed("/api/v1/privacy/record", nil)},
	}
}

// libraryEntry makes a fresh library entry for each role and returns its
// path with suffix, and a body with its version for writes.
func libraryEntry(suffix string, write bool) func(*testing.T, *env, aduan.Role) (string, any) {
	return func(t *testing.T, e *env, r aduan.Role) (string, any) {
		en := &aduan.LibraryEntry{Title: "Jadwal pengangkutan sampah", Answer: "Senin, Rabu dan Jumat.", Active: true}
		if err := e.st.Library().CreateLibraryEntry(ctx, e.users[KO].Actor(), en); err != nil {
			t.Fatal(err)
		}
		path := fmt.Sprintf("/api/v1/library/%d%s", en.ID, suffix)
		if !write {
			return path, nil
		}
		if suffix == "" {
			return path, map[string]any{"version": en.Version, "answer": "Senin dan Kamis."}
		}
		return path, map[string]any{"version": en.Version}
	}
}

// TestRoleEndpointMatrix walks every route of the route table with every
// role: each allowed role gets a 2xx, each other role a 403 (or a 404 where
// the record is hidden from it), and nobody gets in without a credential.
func TestRoleEndpointMatrix(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		cases := append(append(matrix(), ppidMatrix()...), laporMatrix()...)
		covered := map[string]bool{}
		for _, mc := range cases {
			covered[mc.method+" "+strings.SplitN(mc.pattern, "#", 2)[0]] = true
		}
		public := map[string]bool{"GET /api/v1/openapi.json": true, "POST /api/v1/auth/login": true, "POST /api/v1/auth/logout": true}
		for _, k := range publicMessageRoutes {
			public[k] = true
		}
		for _, k := range reportPublicRoutes {
			public[k] = true
		}
		for _, k := range open311PublicRoutes {
			public[k] = true
		}
		for _, rt := range e.srv.Routes() {
			if rt.HTML {
				continue // pages: TestPagesByRole
			}
			key := rt.Method + " " + rt.Pattern
			if !covered[key] && !public[key] {
				t.Errorf("route %s is not in the role matrix", key)
			}
			if rt.Auth == public[key] {
				t.Errorf("route %s: Auth=%v, public=%v", key, rt.Auth, public[key])
			}
		}
		for _, mc := range cases {
			for _, r := range all {
				path, body := mc.prepare(t, e, r)
				res := e.as(r).Do(mc.method, path, body)
				allowed := false
				for _, a := range mc.allowed {
					allowed = allowed || a == r
				}
				if allowed && (res.Status < 200 || res.Status > 299) {
					t.Errorf("%s %s as %s: %d, want 2xx: %s", mc.method, mc.pattern, r, res.Status, res.Raw)
				}
				if !allowed && res.Status != 403 && res.Status != 404 {
					t.Errorf("%s %s as %s: %d, want 403/404: %s", mc.method, mc.pattern, r, res.Status, res.Raw)
				}
				if !allowed && res.Status == 404 && !strings.Contains(mc.pattern, "{id}") {
					t.Errorf("%s %s as %s: 404 on a collection, want 403", mc.method, mc.pattern, r)
				}
			}
			// No credential at all.
			path, body := mc.prepare(t, e, OP)
			if res := e.c.Do(mc.method, path, body); res.Status != 401 {
				t.Errorf("%s %s without credentials: %d", mc.method, mc.pattern, res.Status)
			}
		}
	})
}

func TestEveryRouteIsInTheOpenAPIDocument(t *testing.T) {
	e := newEnv(t, store.SQLite)
	doc := e.c.Do("GET", "/api/v1/openapi.json", nil).Must(t, 200)
	if apitest.Str(doc, "openapi") == "" {
		t.Fatal("not an OpenAPI document")
	}
	paths := apitest.Obj(doc, "paths")
	for _, rt := range e.srv.Routes() {
		if rt.HTML {
			continue
		}
		item := apitest.Obj(paths, rt.Pattern)
		if item == nil || item[strings.ToLower(rt.Method)] == nil {
			t.Errorf("%s %s is missing from openapi.json", rt.Method, rt.Pattern)
		}
		if !api.Documented(rt.Method, rt.Pattern) {
			t.Errorf("%s %s has no operation", rt.Method, rt.Pattern)
		}
	}
	// Every $ref resolves.
	schemas := apitest.Obj(apitest.Obj(doc, "components"), "schemas")
	for _, ref := range refs(doc) {
		if name := strings.TrimPrefix(ref, "#/components/schemas/"); schemas[name] == nil {
			t.Errorf("dangling $ref %s", ref)
		}
	}
}

func refs(v any) []string {
	var out []string
	switch x := v.(type) {
	case map[string]any:
		for k, y := range x {
			if s, ok := y.(string); ok && k == "$ref" {
				out = append(out, s)
			}
			out = append(out, refs(y)...)
		}
	case []any:
		for _, y := range x {
			out = append(out, refs(y)...)
		}
	}
	return out
}

func TestHealthReadyMetrics(t *testing.T) {
	e := newEnv(t, store.SQLite)
	e.newComplaint(t, nextPhone(), nil)
	if r := e.c.Do("GET", "/healthz", nil); r.Status != 200 {
		t.Errorf("healthz %d", r.Status)
	}
	if r := e.c.Do("GET", "/readyz", nil); r.Status != 200 {
		t.Errorf("readyz %d", r.Status)
	}
	// Not on the public listener without the token (see
	// TestMetricsNotPublic); the handler a listener of its own serves:
	if r := e.c.Do("GET", "/metrics", nil); r.Status != 404 {
		t.Errorf("/metrics without a token: %d", r.Status)
	}
	ms := httptest.NewServer(e.srv.Metrics())
	defer ms.Close()
	r := apitest.New(t, ms.URL).Do("GET", "/metrics", nil)
	for _, want := range []string{`aduan_complaints{status="recorded"} 1`, `aduan_http_requests_total{code="201",method="POST",route="POST /api/v1/complaints"} 1`, "aduan_http_request_duration_seconds_bucket"} {
		if !strings.Contains(string(r.Raw), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
	if r := e.c.Do("GET", "/healthz", nil); r.Header.Get("X-Request-ID") == "" {
		t.Error("no request ID")
	}
	e.st.Close()
	if r := e.c.Do("GET", "/readyz", nil); r.Status != 503 {
		t.Errorf("readyz with the database closed: %d", r.Status)
	}
}

func TestSessionLoginLogoutAndCSRF(t *testing.T) {
	e := newEnv(t, store.SQLite)
	c := apitest.New(t, e.url)
	if r := c.Do("POST", "/api/v1/auth/login", map[string]any{"username": "operator.cc", "password": "salah"}); r.Status != 401 || r.ErrorCode() != "unauthorized" {
		t.Errorf("wrong password: %d %s", r.Status, r.Raw)
	}
	r := c.Do("POST", "/api/v1/auth/login", map[string]any{"username": "operator.cc", "password": "kata-sandi-uji-123"})
	r.Must(t, 200)
	ck := r.Header.Get("Set-Cookie")
	for _, want := range []string{"HttpOnly", "SameSite=Lax", auth.SessionCookie} {
		if !strings.Contains(ck, want) {
			t.Errorf("cookie %q lacks %s", ck, want)
		}
	}
	c.Do("GET", "/api/v1/me", nil).Must(t, 200)
	// A form posted from another site is refused even with the cookie.
	req, _ := http.NewRequest("POST", e.url+"/api/v1/complaints", strings.NewReader(`{"text":"x"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Sec-Fetch-Site", "cross-site")
	req.Header.Set("Origin", "https://evil.example")
	if r := c.Send(req); r.Status != 403 {
		t.Errorf("cross-site POST: %d", r.Status)
	}
	c.Do("POST", "/api/v1/auth/logout", nil)
	if r := c.Do("GET", "/api/v1/me", nil); r.Status != 401 {
		t.Errorf("after logout: %d", r.Status)
	}
}

func TestLoginRateLimitPerAddress(t *testing.T) {
	e := newEnv(t, store.SQLite)
	// The limiter's windows are the store's clock's: it stands still.
	still := time.Now().Truncate(time.Hour).Add(90 * time.Second)
	e.st.Now = func() time.Time { return still }
	limited := false
	for i := 0; i < 25; i++ {
		r := e.c.Do("POST", "/api/v1/auth/login", map[string]any{"username": fmt.Sprintf("nobody%d", i), "password": "x"})
		if r.Status == 429 {
			limited = i == store.LoginsPerAddress && r.Header.Get("Retry-After") != ""
			break
		}
	}
	if !limited {
		t.Error("log-in attempts from one address were not limited after 20, with Retry-After")
	}
}

// TestPagesByRole: each console page opens for the roles that use it and
// is refused (or, for the agency inbox, redirected) for the others.
func TestPagesByRole(t *testing.T) {
	e := newEnv(t, store.SQLite)
	c := e.newComplaint(t, nextPhone(), e.dpupr, "forward")
	other := e.newComplaint(t, nextPhone(), e.dishub, "forward")
	// A rahasia complaint: its messages are for the call center and the
	// agency handling it, not for those who only see that it exists.
	secret := e.newComplaint(t, nextPhone(), e.dpupr, "forward")
	e.as(OP).Do("PATCH", fmt.Sprintf("/api/v1/complaints/%d", apitest.Num(secret, "id")),
		map[string]any{"version": apitest.Num(secret, "version"), "confidentiality": "rahasia"}).Must(t, 200)
	pages := []struct {
		path    string
		allowed []aduan.Role
	}{
		{"/desk", []aduan.Role{OP, KO}},
		{"/desk/call?phone=%2B6281234560001", []aduan.Role{OP, KO}}, // the incoming-call banner
		{"/queue", []aduan.Role{OP, PD, KO, KA, PI, PU, PP}},
		{"/dashboard", []aduan.Role{OP, KO, KA, PI, PU}},
		{"/admin/users", []aduan.Role{AD, KO}},
		{"/admin/agencies", []aduan.Role{AD}},
		{"/admin/standards", []aduan.Role{AD, KO, KA}},
		{"/admin/tokens", []aduan.Role{AD}},
		{"/admin/open311", []aduan.Role{AD}},
		{"/audit", []aduan.Role{AD, KO}},
		{"/pustaka", []aduan.Role{OP, KO}}, // the answer library: every page in TestLibraryPagesByRole
		{"/pustaka/review", []aduan.Role{KO}},
		{"/pustaka/model", []aduan.Role{KO, AD}},
		{"/account", all},
		{"/clocks", all},
		{fmt.Sprintf("/complaints/%d", apitest.Num(c, "id")), []aduan.Role{OP, PD, KO, KA, PI, PU, PP}},
		{fmt.Sprintf("/complaints/%d", apitest.Num(other, "id")), []aduan.Role{OP, KO, KA, PU}},
		// The messages section alone, the page's live refresh.
		{fmt.Sprintf("/complaints/%d/messages", apitest.Num(c, "id")), []aduan.Role{OP, PD, KO, KA, PI, PU, PP}},
		{fmt.Sprintf("/complaints/%d/messages", apitest.Num(other, "id")), []aduan.Role{OP, KO, KA, PU}},
		{fmt.Sprintf("/complaints/%d/messages", apitest.Num(secret, "id")), []aduan.Role{OP, PD, KO, PI, PP}},
	}
	// Every page of one complaint is in the list (its library box has its
	// own list, in TestLibraryPagesByRole).
	covered := map[string]bool{}
	for _, p := range pages {
		covered[regexp.MustCompile(`/\d+`).ReplaceAllString(p.path, "/{id}")] = true
	}
	for _, rt := range e.srv.Routes() {
		if rt.HTML && rt.Method == "GET" && strings.HasPrefix(rt.Pattern, "/complaints/") && !strings.HasSuffix(rt.Pattern, "/library") && !covered[rt.Pattern] {
			t.Errorf("page %s is not in the role list", rt.Pattern)
		}
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, r := range all {
		tok, err := e.st.Users().CreateSession(ctx, e.users[r].ID, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range pages {
			req, _ := http.NewRequest("GET", e.url+p.path, nil)
			req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: tok})
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			allowed := false
			for _, a := range p.allowed {
				allowed = allowed || a == r
			}
			if allowed && res.StatusCode != 200 {
				t.Errorf("%s as %s: %d, want 200", p.path, r, res.StatusCode)
			}
			if !allowed && res.StatusCode != 403 && res.StatusCode != 404 {
				t.Errorf("%s as %s: %d, want 403/404", p.path, r, res.StatusCode)
			}
			if !allowed && !strings.Contains(string(body), "Tidak dapat ditampilkan") {
				t.Errorf("%s as %s: the refusal is not the Indonesian error page", p.path, r)
			}
		}
		// The Pimpinan PD sees its agency's figures on the reports page
		// (issue 15; it was refused).
		if r == PI {
			req, _ := http.NewRequest("GET", e.url+"/reports", nil)
			req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: tok})
			res, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if res.StatusCode != 200 || !strings.Contains(string(body), `id="agency-figures"`) || !strings.Contains(string(body), `href="/reports"`) {
				t.Errorf("/reports as the Pimpinan PD: %d, its agency's figures or the menu entry missing", res.StatusCode)
			}
		}
	}
	// No session: every page sends to the log-in form and back.
	res, err := client.Get(e.url + "/queue?status=open")
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != 303 || res.Header.Get("Location") != "/login?next=%2Fqueue%3Fstatus%3Dopen" {
		t.Errorf("without a session: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
}
