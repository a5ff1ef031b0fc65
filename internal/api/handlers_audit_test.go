package api

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/reqctx"
)

// auditFake is the audit log's store: it refuses, as the store does, the
// roles without audit.read; list is nil where a case must not read.
type auditFake struct {
	t    *testing.T
	list func(f aduan.AuditFilter) ([]aduan.AuditEntry, error)
}

func (f *auditFake) Audit(_ context.Context, actor aduan.Actor, fl aduan.AuditFilter) ([]aduan.AuditEntry, error) {
	if err := actor.Require(aduan.PermAuditRead); err != nil {
		return nil, err
	}
	if f.list == nil {
		f.t.Fatalf("the handler read the audit log, which this case must not")
	}
	return f.list(fl)
}

// auditEntries are a citizen's change and a complaint's, each holding
// what only the roles that may read citizens and complaints may see.
func auditEntries() []aduan.AuditEntry {
	return []aduan.AuditEntry{
		{ID: 41, At: handlerNow, ActorID: 5, ActorName: "Siti", ActorRole: aduan.RoleOperatorCC, Action: "citizen.update", Entity: "citizen",
			EntityID: "9", Before: `{"phone":"+6281234567890"}`, After: `{"phone":"+6281299990000"}`},
		{ID: 40, At: handlerNow.Add(-time.Hour), ActorID: 5, ActorName: "Siti", ActorRole: aduan.RoleOperatorCC, Action: "complaint.edit",
			Entity: "complaint", EntityID: "7", Before: `{"text":"Lampu PJU mati di Jl. Kenari"}`, After: `{"text":"Lampu PJU mati di Jl. Kenari 3"}`},
	}
}

// TestAuditAndOpenAPIHandlers checks GET /api/v1/audit over a fake: the
// koordinator reads what changed, the admin that a change happened but
// not the citizen's phone or the complaint's words, an operator nothing;
// a bad filter is named; a store fault tells nothing. And GET
// /api/v1/openapi.json serves the document clients generate from.
func TestAuditAndOpenAPIHandlers(t *testing.T) {
	koordinator := &aduan.User{ID: 2, Name: "Rina", Role: aduan.RoleKoordinatorCC, Active: true}
	admin := &aduan.User{ID: 1, Name: "Admin", Role: aduan.RoleAdmin, Active: true}
	operator := &aduan.User{ID: 5, Name: "Siti", Role: aduan.RoleOperatorCC, Active: true}
	personal := []string{"81234567890", "81299990000", "Kenari"}
	cases := []struct {
		name, path    string
		as            *aduan.User
		list          func(t *testing.T) func(f aduan.AuditFilter) ([]aduan.AuditEntry, error)
		status        int
		want, notWant []string
	}{
		{name: "the koordinator reads the changes with their times in the city's zone and the filter passed on", path: "/api/v1/audit?entity=citizen&actor_id=5&limit=2&from=2026-03-01",
			as: koordinator, list: func(t *testing.T) func(aduan.AuditFilter) ([]aduan.AuditEntry, error) {
				return func(f aduan.AuditFilter) ([]aduan.AuditEntry, error) {
					if f.Entity != "citizen" || f.ActorID != 5 || f.Limit != 2 || !f.From.Equal(time.Date(2026, 3, 1, 0, 0, 0, 0, aduan.WIB)) {
						t.Errorf("filter %+v", f)
					}
					return auditEntries(), nil
				}
			},
			status: 200, want: []string{`"citizen.update"`, "81299990000", "Kenari 3", `"2026-03-02T09:00:00+07:00"`, `"next_cursor":"40"`}},
		{name: "the admin sees that a citizen and a complaint changed, not what", path: "/api/v1/audit", as: admin,
			list: func(*testing.T) func(aduan.AuditFilter) ([]aduan.AuditEntry, error) {
				return func(aduan.AuditFilter) ([]aduan.AuditEntry, error) { return auditEntries(), nil }
			},
			status: 200, want: []string{`"citizen.update"`, `"complaint.edit"`, "[hidden]"}, notWant: append(personal, `"next_cursor"`)},
		{name: "an operator may not read the audit log", path: "/api/v1/audit", as: operator,
			status: 403, want: []string{`"forbidden"`}, notWant: personal},
		{name: "a date that is no date is named and nothing is read", path: "/api/v1/audit?from=kemarin", as: koordinator,
			status: 400, want: []string{`"from"`}},
		{name: "a store fault is a 500 that tells nothing", path: "/api/v1/audit", as: koordinator,
			list: func(*testing.T) func(aduan.AuditFilter) ([]aduan.AuditEntry, error) {
				return func(aduan.AuditFilter) ([]aduan.AuditEntry, error) {
					return nil, errors.New(`pq: relation "audit_log" does not exist`)
				}
			},
			status: 500, want: []string{`"internal"`}, notWant: []string{"pq:", "relation"}},
		{name: "the OpenAPI document is served to anyone", path: "/api/v1/openapi.json",
			status: 200, want: []string{`"openapi":"3.`, `"/api/v1/complaints"`, `"/api/v1/audit"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := &auditFake{t: t}
			if tc.list != nil {
				f.list = tc.list(t)
			}
			a := &API{Complaints: &fakeComplaints{t: t}, AuditLog: f, Clock: func() time.Time { return handlerNow }, Log: slog.New(slog.DiscardHandler)}
			mux := http.NewServeMux()
			mux.Handle("GET /api/v1/audit", a.Handle(a.ListAudit))
			mux.Handle("GET /api/v1/openapi.json", a.Handle(a.OpenAPI))
			sep := "?"
			if strings.Contains(tc.path, "?") {
				sep = "&"
			}
			r := httptest.NewRequest("GET", tc.path+sep+"lang=en", nil)
			if tc.as != nil {
				r = r.WithContext(reqctx.WithUser(r.Context(), tc.as))
			}
			rw := httptest.NewRecorder()
			mux.ServeHTTP(rw, r)
			b, _ := io.ReadAll(rw.Body)
			body := string(b)
			if rw.Code != tc.status {
				t.Fatalf("status %d, want %d: %s", rw.Code, tc.status, body)
			}
			for _, s := range tc.want {
				if !strings.Contains(body, s) {
					t.Errorf("missing %s in %s", s, body)
				}
			}
			for _, s := range tc.notWant {
				if strings.Contains(body, s) {
					t.Errorf("%s should not be in %s", s, body)
				}
			}
		})
	}
}
