package server_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestAuditLogInWords: the coordinator reads the audit log as sentences
// with the complaint's number linked ("mencatat pengaduan ADU-…"), not
// action codes, and narrows it with pickers: the person, the kind of
// action in words, the days.
func TestAuditLogInWords(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		b := newBrowserish(t, e)
		c := e.newComplaint(t, "081355550001", nil)
		id, number := apitest.Num(c, "id"), c["number"].(string)
		link := fmt.Sprintf(`mencatat pengaduan <a href="/complaints/%d">%s</a>`, id, number)
		_, page := b.get(KO, "/audit")
		if !strings.Contains(page, link) {
			t.Errorf("the log does not say %q", link)
		}
		if strings.Contains(page, "<code>complaint.create</code>") {
			t.Error("the log shows the action's code")
		}
		if !strings.Contains(page, `<option value="complaint.create">mencatat pengaduan</option>`) || !strings.Contains(page, `<select name="user">`) {
			t.Error("no pickers for the kind of action and the person")
		}
		op, ad := e.users[OP].ID, e.users[AD].ID
		today := time.Now().In(time.FixedZone("WIB", 7*3600))
		for _, tc := range []struct {
			query string
			shown bool
		}{
			{fmt.Sprintf("?user=%d&action=complaint.create", op), true},
			{fmt.Sprintf("?user=%d", ad), false},
			{"?action=user.update", false},
			{"?from=" + today.AddDate(0, 0, -1).Format("2006-01-02") + "&to=" + today.Format("2006-01-02"), true},
			{"?from=" + today.AddDate(0, 0, 2).Format("2006-01-02"), false},
		} {
			_, page := b.get(KO, "/audit"+tc.query)
			if strings.Contains(page, link) != tc.shown {
				t.Errorf("/audit%s: shows the complaint's record %v, want %v", tc.query, !tc.shown, tc.shown)
			}
		}
	})
}
