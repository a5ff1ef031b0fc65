package server_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestPPIDNotificationsAPI: the atasan PPID's reminder of an objection,
// read through the API, names the request it is about (its id, to open it
// at /api/v1/ppid/requests/{id}, and its number) and says the number in
// its text, as the console's bell does.
func TestPPIDNotificationsAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		if err := e.st.RefData().SetSettings(ctx, aduan.System, map[string]string{aduan.SettingPPIDAtasan: fmt.Sprintf("user:%d", e.users[KA].ID)}); err != nil {
			t.Fatal(err)
		}
		id := e.newInfoRequest(t, false)
		p := e.st.PPID()
		if _, _, err := p.Act(ctx, e.users[PU].Actor(), id, 0, aduan.InfoActDecide, aduan.InfoInput{Decision: aduan.InfoGranted, Answer: "Terlampir."}, nil); err != nil {
			t.Fatal(err)
		}
		r, _, err := p.Act(ctx, aduan.System, id, 0, aduan.InfoActObject, aduan.InfoInput{ObjectionReason: "not_as_asked", Reason: "Bukan data yang saya minta."}, nil)
		if err != nil {
			t.Fatal(err)
		}
		// The reminder job runs two to three working days before the
		// objection's deadline; the clock goes back before the API call,
		// so that the session stays valid.
		due := *r.ObjectionDueAt
		e.st.Now = func() time.Time { return due.Add(-50 * time.Hour) }
		n, err := p.RemindObjections(ctx, nil)
		e.st.Now = time.Now
		if err != nil || n != 1 {
			t.Fatalf("reminders: %d, %v", n, err)
		}
		items := apitest.Items(e.as(KA).Do("GET", "/api/v1/notifications", nil).Must(t, 200))
		if len(items) != 1 {
			t.Fatalf("notifications: %v", items)
		}
		got := items[0]
		if apitest.Str(got, "kind") != store.NoticeObjectionWarning || apitest.Num(got, "info_request_id") != id || apitest.Str(got, "info_number") != r.Number {
			t.Errorf("the notice does not name its request %d %s: %v", id, r.Number, got)
		}
		if text := apitest.Str(got, "text"); !strings.Contains(text, "permohonan "+r.Number+" ") {
			t.Errorf("the notice's text lacks the request's number: %q", text)
		}
		// The id opens the request.
		req := apitest.Obj(e.as(KA).Do("GET", fmt.Sprintf("/api/v1/ppid/requests/%d", apitest.Num(got, "info_request_id")), nil).Must(t, 200), "request")
		if apitest.Str(req, "number") != r.Number {
			t.Errorf("the notice's request: %v", req)
		}
	})
}
