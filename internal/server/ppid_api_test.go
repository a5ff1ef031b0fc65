package server_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

// infoRequestBody is a request with the identity the law requires.
func infoRequestBody() map[string]any {
	return map[string]any{"name": "Siti Rahma", "address": "Jl. Margonda Raya 100", "phone": nextPhone(), "id_number": "3276015508900002",
		"information": "Daftar penerima hibah RT/RW 2025", "purpose": "Pengawasan warga", "medium": "softcopy", "delivery": "collect"}
}

// newInfoRequest registers a request as the PPID Utama and, when agency,
// assigns it to DPUPR (the env's agency-bound users belong there).
func (e *env) newInfoRequest(t *testing.T, assign bool) int64 {
	t.Helper()
	pu := e.users[PU].Actor()
	n := aduan.NewInfoRequest{Name: "Siti Rahma", Address: "Jl. Margonda Raya 100", Phone: nextPhone(), IDNumber: "3276015508900002",
		Information: "Daftar penerima hibah RT/RW 2025", Purpose: "Pengawasan warga", Medium: "softcopy", Delivery: "collect"}
	r, err := e.st.PPID().Register(ctx, pu, n, nil)
	if err != nil {
		t.Fatal(err)
	}
	if assign {
		if _, _, err := e.st.PPID().Act(ctx, pu, r.ID, 0, aduan.InfoActAssign, aduan.InfoInput{AgencyID: e.dpupr.ID}, nil); err != nil {
			t.Fatal(err)
		}
	}
	return r.ID
}

// annualYear counts down the years of the annual reports the matrix makes:
// one year has one final report, and each case initials one.
var annualYear = 2025

// submittedAnnual is an annual report of a past year, submitted by the
// PPID Utama for the kasi's paraf.
func (e *env) submittedAnnual(t *testing.T) *report.Report {
	t.Helper()
	if err := e.st.RefData().SetSettings(ctx, aduan.System, map[string]string{"public_base_url": "https://ppid.depok.example"}); err != nil {
		t.Fatal(err)
	}
	if annualYear--; annualYear < 2001 {
		annualYear = 2025 // fewer cases a database than years: none repeats
	}
	pu := e.users[PU].Actor()
	r, err := e.st.Reports().CreateReport(ctx, pu, report.NewReport{Kind: report.Annual, Year: annualYear})
	if err != nil {
		t.Fatal(err)
	}
	if r, err = e.st.Reports().ReportAction(ctx, pu, r.ID, r.Version, report.ActionSubmit, "", nil); err != nil {
		t.Fatal(err)
	}
	return r
}

// ppidMatrix: who may use each public-information route.
func ppidMatrix() []matrixCase {
	staff := []aduan.Role{OP, PD, KO, KA, PI, PU, PP}
	at := func(assign bool, suffix string, body func(e *env) any) func(*testing.T, *env, aduan.Role) (string, any) {
		return func(t *testing.T, e *env, r aduan.Role) (string, any) {
			id := e.newInfoRequest(t, assign)
			var b any
			if body != nil {
				b = body(e)
			}
			return fmt.Sprintf("/api/v1/ppid/requests/%d%s", id, suffix), b
		}
	}
	return []matrixCase{
		{"GET", "/api/v1/ppid/requests", staff, fixed("/api/v1/ppid/requests", nil)},
		{"POST", "/api/v1/ppid/requests", []aduan.Role{OP, KO, PU, PP}, func(*testing.T, *env, aduan.Role) (string, any) {
			return "/api/v1/ppid/requests", infoRequestBody()
		}},
		{"GET", "/api/v1/ppid/requests/{id}", staff, at(true, "", nil)},
		{"POST", "/api/v1/ppid/requests/{id}/actions/{action}#assign", []aduan.Role{PU}, at(false, "/actions/assign", func(e *env) any {
			return map[string]any{"agency_id": e.dpupr.ID}
		})},
		{"POST", "/api/v1/ppid/requests/{id}/actions/{action}#extend", []aduan.Role{PU, PP}, at(true, "/actions/extend", func(e *env) any {
			return map[string]any{"reason": "Data dihimpun dari sebelas kecamatan"}
		})},
		{"GET", "/api/v1/ppid/registers/{book}", staff, fixed("/api/v1/ppid/registers/permohonan", nil)},
		{"GET", "/api/v1/ppid/registers/{book}#xlsx", staff, fixed("/api/v1/ppid/registers/keberatan?format=xlsx", nil)},
		{"GET", "/api/v1/ppid/annual/{year}", []aduan.Role{KO, KA, PU, PP}, func(_ *testing.T, e *env, _ aduan.Role) (string, any) {
			return fmt.Sprintf("/api/v1/ppid/annual/%d", e.st.Now().Year()), nil
		}},
		{"GET", "/api/v1/ppid/annual/{year}#pdf", []aduan.Role{KO, KA, PU, PP}, func(_ *testing.T, e *env, _ aduan.Role) (string, any) {
			return fmt.Sprintf("/api/v1/ppid/annual/%d?format=pdf", e.st.Now().Year()), nil
		}},
		// The year's annual report, submitted: read by those who read the
		// PPID's figures, initialled by the kasi alone.
		{"GET", "/api/v1/reports/{id}#info_annual", []aduan.Role{KO, KA, PU, PP}, func(t *testing.T, e *env, _ aduan.Role) (string, any) {
			return fmt.Sprintf("/api/v1/reports/%d", e.submittedAnnual(t).ID), nil
		}},
		{"POST", "/api/v1/reports/{id}/actions/{action}#info_annual_paraf", []aduan.Role{KA}, func(t *testing.T, e *env, _ aduan.Role) (string, any) {
			r := e.submittedAnnual(t)
			return fmt.Sprintf("/api/v1/reports/%d/actions/paraf", r.ID), map[string]any{"version": r.Version}
		}},
		// The year's report is started by the PPID Utama alone, through
		// the reports API.
		{"POST", "/api/v1/reports#info_annual", []aduan.Role{PU}, func(_ *testing.T, e *env, _ aduan.Role) (string, any) {
			return "/api/v1/reports", map[string]any{"kind": "info_annual", "year": e.st.Now().Year() - 1}
		}},
	}
}

// TestPPIDAPI: a request from the desk's contact is registered through the
// API and linked to it; bad input names its fields and stores nothing; the
// caller sees the requester as its role may; a refusal without ground is a
// 400 that leaves the request as it was.
func TestPPIDAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		op := e.as(OP)
		contact := op.Do("POST", "/api/v1/contacts", map[string]any{"kind": "info_request", "phone": "0812-7777-1234", "duration_s": 240}).Must(t, 201)
		res := op.Do("POST", "/api/v1/ppid/requests", map[string]any{"information": "Data bansos", "purpose": "x", "medium": "view", "delivery": "collect"})
		if res.Status != 400 || !strings.Contains(string(res.Raw), `"id_number"`) || !strings.Contains(string(res.Raw), `"name"`) {
			t.Fatalf("no identity: %d %s", res.Status, res.Raw)
		}
		if n := count(t, e.st, "info_requests"); n != 0 {
			t.Fatalf("%d stored", n)
		}
		body := infoRequestBody()
		body["contact_id"] = apitest.Num(contact, "id")
		body["phone"] = "0812-7777-1234"
		req := op.Do("POST", "/api/v1/ppid/requests", body).Must(t, 201)
		if apitest.Str(req, "number") != "PPID-2026-000001" && !strings.HasPrefix(apitest.Str(req, "number"), "PPID-") {
			t.Errorf("number %q", apitest.Str(req, "number"))
		}
		if apitest.Num(req, "contact_id") != apitest.Num(contact, "id") || apitest.Str(req, "id_number") != "••••••••••••0002" {
			t.Errorf("desk request: %v", req)
		}
		id := int64(apitest.Num(req, "id"))
		path := fmt.Sprintf("/api/v1/ppid/requests/%d", id)
		full := apitest.Obj(e.as(PU).Do("GET", path, nil).Must(t, 200), "request")
		if apitest.Str(full, "id_number") != "3276015508900002" || apitest.Str(full, "name") != "Siti Rahma" {
			t.Errorf("PPID Utama's view: %v", full)
		}
		pub := apitest.Obj(e.as(KA).Do("GET", path, nil).Must(t, 200), "request")
		if pub["name"] != nil || pub["phone"] != nil || pub["id_number"] != nil || apitest.Str(pub, "information") == "" {
			t.Errorf("kasi's view shows the requester: %v", pub)
		}
		bad := e.as(PU).Do("POST", path+"/actions/decide", map[string]any{"decision": "refused", "answer": "Dikecualikan"})
		if bad.Status != 400 || !strings.Contains(string(bad.Raw), "Pasal 17") {
			t.Errorf("refusal without ground: %d %s", bad.Status, bad.Raw)
		}
		after := apitest.Obj(e.as(PU).Do("GET", path, nil).Must(t, 200), "request")
		if apitest.Str(after, "status") != "received" || apitest.Num(after, "version") != apitest.Num(full, "version") {
			t.Errorf("the refused step changed the request: %v", after)
		}
	})
}
