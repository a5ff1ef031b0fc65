package server_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/store"
)

// newPrivacyRequest is the body of a request recorded through the API.
func newPrivacyRequest(t *testing.T, e *env, r aduan.Role) (string, any) {
	return "/api/v1/privacy/requests", map[string]any{"kind": "access", "phone": "081355550009", "requester": "Warga",
		"received_at": time.Now().Add(-time.Hour).Format(time.RFC3339)}
}

// privacyExport is the export of a fresh request's subject.
func privacyExport(t *testing.T, e *env, r aduan.Role) (string, any) {
	req, err := e.st.Privacy().CreateRequest(ctx, aduan.System, aduan.NewPrivacyRequest{Kind: aduan.RequestAccess, Phone: nextPhone(),
		Requester: "Warga", ReceivedAt: time.Now().Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("/api/v1/privacy/requests/%d/export", req.ID), nil
}

// TestPrivacyAPI: a request recorded through the API gets its deadline
// three days after its reception in WIB; its export holds the subject's
// complaint and not another's; bad input is a 400 naming the field and
// records nothing; the record lists the roles of the role table.
func TestPrivacyAPI(t *testing.T) {
	e := newEnv(t, store.SQLite)
	theirs := e.newComplaint(t, "081355550011", e.dpupr)
	other := e.newComplaint(t, "081355550012", e.dpupr)
	ko := e.as(KO)
	req := ko.Do("POST", "/api/v1/privacy/requests", map[string]any{"kind": "erasure", "phone": "0813-5555-0011", "requester": "Warga Uji",
		"received_at": "2026-12-05T16:30:00Z"}).Must(t, 201)
	if due := apitest.Str(req, "due_at"); due != "2026-12-08T23:30:00+07:00" {
		t.Errorf("due_at %s", due)
	}
	for _, bad := range []map[string]any{{"kind": "forget", "phone": "0813", "requester": "x", "received_at": "2026-12-05T16:30:00Z"}, {"kind": "access", "requester": "x", "received_at": "kemarin"}} {
		ko.Do("POST", "/api/v1/privacy/requests", bad).Must(t, 400)
	}
	if n := count(t, e.st, "privacy_requests"); n != 1 {
		t.Errorf("%d requests recorded", n)
	}
	exp := ko.Do("GET", fmt.Sprintf("/api/v1/privacy/requests/%d/export", int64(apitest.Num(req, "id"))), nil).Must(t, 200)
	cs, _ := exp["complaints"].([]any)
	if len(cs) != 1 || apitest.Str(cs[0].(map[string]any), "number") != apitest.Str(theirs, "number") {
		t.Errorf("export complaints %v, want only %s (not %s)", cs, apitest.Str(theirs, "number"), apitest.Str(other, "number"))
	}
	rec := e.as(PU).Do("GET", "/api/v1/privacy/record", nil).Must(t, 200)
	first := apitest.Items(rec)[0]
	roles, _ := first["roles"].([]any)
	if apitest.Str(first, "key") != "identity" || len(roles) != len(aduan.RolesWith(aduan.PermCitizenRead)) {
		t.Errorf("record: %v", first)
	}
}
