package main

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/kanneltest"
	"github.com/kotakita/aduan/internal/store"
)

// TestSMSStatusAndSurvey through a real Kannel: a citizen texting STATUS
// with their complaint number gets its status back by SMS (and a stranger
// texting the same number learns nothing); neither opens a complaint.
// After the complaint is closed the citizen is asked to rate it 1–5; their
// reply is recorded against the complaint and thanked, and does not reopen
// it.
func TestSMSStatusAndSurvey(t *testing.T) {
	kanneltest.Require(t)
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		addr := freeAddr(t)
		k := startKannel(t, addr)
		dbURL := ""
		if d == store.Postgres {
			dbURL = dbtest.PostgresURL(t)
		}
		m := startWithKannel(t, d, addr, k, t.TempDir(), dbURL)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"text": "Lampu PJU mati di Jl. Nusantara.",
			"citizen": map[string]any{"name": "Budi", "phone": "0812-2222-3333", "address": "Jl. Melati 5"}}).Must(t, 201)
		number := apitest.Str(cmp, "number")
		complaints := func() int {
			return len(apitest.Items(op.Do("GET", "/api/v1/complaints?limit=100", nil).Must(t, 200)))
		}
		// waitSMS waits for the n-th SMS at the SMSC and returns it whole
		// (its parts joined).
		seen := 0
		waitSMS := func(to, want string) string {
			t.Helper()
			var text string
			got, ok := k.WaitFor(30*time.Second, func(ms []kanneltest.MT) bool {
				text = ""
				for _, mt := range ms[min(seen, len(ms)):] {
					if mt.To == to {
						text += mt.Text
					}
				}
				return strings.Contains(text, want)
			})
			if !ok {
				t.Fatalf("no SMS to %s saying %q; the SMSC has %+v", to, want, got[min(seen, len(got)):])
			}
			seen = len(got)
			return text
		}

		k.Inject("6281222223333", "1500", "status "+number)
		reply := waitSMS("6281222223333", number)
		if !strings.Contains(reply, "Tercatat") || !strings.Contains(reply, "/lacak?nomor="+number) {
			t.Errorf("STATUS reply: %q", reply)
		}
		k.Inject("6281299998888", "1500", "STATUS "+number)
		if reply := waitSMS("6281299998888", "tidak ditemukan"); strings.Contains(reply, "Tercatat") {
			t.Errorf("a stranger learned the status: %q", reply)
		}
		k.Inject("6281222223333", "1500", "STATUS")
		waitSMS("6281222223333", "STATUS ADU-")
		if n := complaints(); n != 1 {
			t.Errorf("STATUS commands opened complaints: %d", n)
		}

		// Answered and closed: the survey goes out.
		cmp = act(t, op, cmp, "answer", map[string]any{"answer": "Sudah kami laporkan ke UPT PJU; perbaikan hari ini."})
		cmp = act(t, op, cmp, "close", nil)
		waitSMS("6281222223333", "1 (sangat tidak puas) sampai 5")
		k.Inject("6281222223333", "1500", "5 petugasnya cepat")
		waitSMS("6281222223333", "Terima kasih atas penilaian")
		waitUntil(t, "score recorded", 20*time.Second, func() bool {
			s, _ := m.Store.SurveyScores(t.Context(), int64(apitest.Num(cmp, "id")))
			return len(s) == 1 && s[0] == 5
		})
		c := op.Do("GET", fmt.Sprintf("/api/v1/complaints/%d", int64(apitest.Num(cmp, "id"))), nil).Must(t, 200)
		if apitest.Str(c, "status") != "closed" || complaints() != 1 {
			t.Errorf("the score reopened or opened a complaint: %s, %d complaints", apitest.Str(c, "status"), complaints())
		}
		// The messages are on the complaint, the command replies too.
		purposes := map[string]int{}
		for _, msg := range messagesOf(t, op, cmp) {
			purposes[apitest.Str(msg, "purpose")]++
		}
		if purposes["status_reply"] != 1 || purposes["survey"] != 1 || purposes["survey_reply"] != 1 {
			t.Errorf("messages on the complaint by purpose: %v", purposes)
		}
	})
}
