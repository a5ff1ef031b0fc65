package web

import (
	"testing"

	"github.com/kotakita/aduan"
)

// TestAuditPageHandler checks the audit log's page with the stores
// replaced by fakes: only the roles with audit.read see it (the store's
// refusal, a 403 in Indonesian), entries in words with the complaint's
// number, and a citizen's details hidden from a role that may not read
// personal data.
func TestAuditPageHandler(t *testing.T) {
	entries := func(f *fakeStores) {
		f.audit = func(_ aduan.Actor, fl aduan.AuditFilter) ([]aduan.AuditEntry, error) {
			if fl.ActorID != 4 || fl.From == nil || fl.From.Format("2006-01-02") != "2026-03-01" {
				t.Errorf("filter %+v", fl)
			}
			return []aduan.AuditEntry{
				{ID: 2, At: pageNow, ActorID: 4, ActorName: "Siti Operator", ActorRole: aduan.RoleOperatorCC, Action: "complaint.forward",
					Entity: "complaint", EntityID: "7", After: `{"agency_id":2}`},
				{ID: 1, At: pageNow, ActorID: 4, ActorName: "Siti Operator", ActorRole: aduan.RoleOperatorCC, Action: "citizen.update",
					Entity: "citizen", EntityID: "9", Before: `{"name":"Ratna Dewi","phone":"+6281234567890"}`},
			}, nil
		}
	}
	routes := func(w *Web, _ *Public) map[string]HandlerFunc {
		return map[string]HandlerFunc{"GET /audit": w.Audit}
	}
	runPages(t, routes, []pageCase{
		{name: "the coordinator reads the log, a complaint named by its number, a citizen's change shown", method: "GET",
			path: "/audit?user=4&from=2026-03-01", role: aduan.RoleKoordinatorCC, fake: entries,
			status: 200, want: []string{"Siti Operator", `href="/complaints/7"`, "ADU-2026-000007", "Ratna Dewi"}},
		{name: "the admin reads the log without a citizen's details", method: "GET", path: "/audit?user=4&from=2026-03-01",
			role: aduan.RoleAdmin, fake: entries,
			status: 200, want: []string{"Siti Operator", "ADU-2026-000007"}, notWant: personal},
		{name: "an operator has no audit log", method: "GET", path: "/audit", role: aduan.RoleOperatorCC, fake: func(*fakeStores) {},
			status: 403, want: []string{"Peran Anda tidak berhak melakukan tindakan ini."}, notWant: []string{"Siti Operator"}},
		{name: "a kasi has no audit log", method: "GET", path: "/audit", role: aduan.RoleKasiKabid, fake: func(*fakeStores) {},
			status: 403, notWant: []string{"Siti Operator"}},
	})
}
