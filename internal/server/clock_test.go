package server_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

// TestClocksOneFormatOwnRole: every clock is worded alike (minutes, words,
// "terlambat" once passed; no "lewat", no ticking seconds), and each role
// sees its own clock only: once the agency has answered, the call center's
// countdown to receive the answer shows on the operator's page and not in
// the agency's inbox nor on its view of the complaint.
func TestClocksOneFormatOwnRole(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		c := e.newComplaint(t, nextPhone(), e.dpupr, "forward", "acknowledge")
		id := int64(apitest.Num(c, "id"))
		page := fmt.Sprintf("/complaints/%d", id)
		// The agency sees its own clock (to answer) while it is theirs.
		if _, body := e.page(t, PD, "/pd"); !strings.Contains(body, `class="due`) || !strings.Contains(body, "batas ") {
			t.Errorf("agency inbox: no clock of its own step:\n%s", excerpt(body, apitest.Str(c, "number")))
		}
		e.as(PD).Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/agency_answer", id),
			map[string]any{"version": apitest.Num(c, "version"), "answer": "Sudah diperbaiki hari ini."}).Must(t, 200)
		// Late by a day and a half: the operator's clock says so in words.
		if _, err := e.st.DB().Exec(fmt.Sprintf("UPDATE complaints SET deadline_at = %d WHERE id = %d", time.Now().Add(-36*time.Hour-90*time.Second).UnixMilli(), id)); err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{page, "/queue"} {
			_, body := e.page(t, OP, p)
			if !strings.Contains(body, "terlambat 1 hari 12 jam") || strings.Contains(body, ">lewat ") || strings.Contains(body, "lewat Mutu Baku") {
				t.Errorf("operator %s: clock not in words:\n%s", p, excerpt(body, `class="due`))
			}
		}
		for _, p := range []string{"/pd", page} {
			if _, body := e.page(t, PD, p); strings.Contains(body, `class="due`) {
				t.Errorf("agency %s shows the call center's clock:\n%s", p, excerpt(body, `class="due`))
			}
		}
		// The script's minute refresh: the same words from the server.
		due := time.Now().Add(23*time.Minute + 30*time.Second)
		q := url.Values{"d": {due.Format(time.RFC3339), "nonsense"}, "s": {time.Now().Add(-time.Hour).Format(time.RFC3339), ""}}
		code, body := e.page(t, OP, "/clocks?"+q.Encode())
		var got []*struct{ Text, Class string }
		if err := json.Unmarshal([]byte(body), &got); code != 200 || err != nil || len(got) != 2 || got[0] == nil || got[1] != nil {
			t.Fatalf("/clocks: %d %s (%v)", code, body, err)
		}
		want, _ := i18n.Due(i18n.ID, due, time.Now())
		if got[0].Text != want || !strings.Contains(want, "sisa 23 menit") || got[0].Class != "ok" {
			t.Errorf("/clocks: %+v, want %q ok", got[0], want)
		}
	})
}
