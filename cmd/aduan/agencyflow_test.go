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

// TestAgencyAnswersByPhoneCitizenGetsSMS (issue 16, end to end, real
// Kannel): a complaint forwarded to DPUPR, whose answer comes by phone to
// the call center; the operator records it (steps 8 and 9), relays it, and
// the citizen's phone receives it through bearerbox and smsbox, delivered.
// Then a forward to an agency nobody can reach (no contact, no user) is
// refused until the operator records that they phoned it.
func TestAgencyAnswersByPhoneCitizenGetsSMS(t *testing.T) {
	t.Parallel()
	kanneltest.Require(t)
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		addr := freeAddr(t)
		k := startKannel(t, addr)
		dbURL := ""
		if d == store.Postgres {
			dbURL = dbtest.MigratedURL(t)
		}
		m := startWithKannel(t, d, addr, k, t.TempDir(), dbURL)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Jalan berlubang besar di Jl. Juanda dekat flyover.",
			"citizen": map[string]any{"name": "Ani Suryani", "phone": "0812-3333-4444", "address": "Jl. Kenanga 3"}}).Must(t, 201)
		cmp = act(t, op, cmp, "forward", map[string]any{"agency_id": agencyID(t, m, "DPUPR")})
		if got := actionsOf(cmp); !contains(got, "record_agency_answer") || !contains(got, "remind_agency") || !contains(got, "withdraw") {
			t.Fatalf("the call center's actions on a forward: %v", got)
		}
		answered := time.Now().Truncate(time.Second) // the agency phoned just now
		answer := "Lubang di Jl. Juanda ditambal tim DPUPR hari Kamis ini."
		cmp = act(t, op, cmp, "record_agency_answer", map[string]any{"answer": answer, "answered_by": "Pak Budi, Kasi Jalan DPUPR",
			"answered_at": answered.Format(time.RFC3339), "via": "phone"})
		if apitest.Str(cmp, "status") != "answer_received" || apitest.Str(cmp, "agency_answer") != answer {
			t.Fatalf("after recording the agency's answer: %v", cmp)
		}
		var step8, step9 map[string]any
		for _, e := range events(t, op, cmp) {
			switch apitest.Str(e, "step") {
			case "agency_answer":
				step8 = e
			case "answer_receive":
				step9 = e
			}
		}
		if step8 == nil || step9 == nil || !parseTime(t, apitest.Str(step8, "at")).Equal(answered) || step8["met"] != true || step9["met"] != true ||
			apitest.Str(apitest.Obj(step8, "details"), "answered_by") != "Pak Budi, Kasi Jalan DPUPR" {
			t.Fatalf("steps 8 and 9: %v / %v", step8, step9)
		}

		before := len(k.Received())
		cmp = act(t, op, cmp, "relay", nil)
		got, ok := k.WaitFor(30*time.Second, func(ms []kanneltest.MT) bool { return len(ms) > before })
		if !ok {
			t.Fatal("the relay never reached the fake SMSC")
		}
		var text strings.Builder
		for _, g := range got[before:] {
			if g.To == "6281233334444" {
				text.WriteString(g.Text)
			}
		}
		waitUntil(t, "the relay delivered", 20*time.Second, func() bool {
			for _, msg := range messagesOf(t, op, cmp) {
				if apitest.Str(msg, "purpose") == "relay" && apitest.Str(msg, "status") == "delivered" {
					return true
				}
			}
			return false
		})
		got, _ = k.WaitFor(10*time.Second, func(ms []kanneltest.MT) bool { return len(ms) > before })
		text.Reset()
		for _, g := range got[before:] {
			if g.To == "6281233334444" {
				text.WriteString(g.Text)
			}
		}
		if !strings.Contains(text.String(), "ditambal tim DPUPR") {
			t.Errorf("the citizen's phone got %q", text.String())
		}

		// An agency with no contact and no user: the forward is refused
		// until the operator phones it.
		c2 := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Pengemis di perempatan Ramanda setiap sore.",
			"citizen": map[string]any{"name": "Budi", "phone": "0812-5555-6666", "address": "Jl. Mawar 1"}}).Must(t, 201)
		dinsos := agencyID(t, m, "DINSOS")
		res := op.Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/forward", apitest.Num(c2, "id")),
			map[string]any{"version": apitest.Num(c2, "version"), "agency_id": dinsos})
		res.Must(t, 400)
		if fe := res.FieldErrors(); fe["reached_by"] == "" {
			t.Fatalf("forward to an unreachable agency: %v", fe)
		}
		if c := op.Do("GET", fmt.Sprintf("/api/v1/complaints/%d", apitest.Num(c2, "id")), nil).Must(t, 200); apitest.Str(c, "status") != "recorded" {
			t.Fatalf("the refused forward changed the complaint: %v", c)
		}
		c2 = act(t, op, c2, "forward", map[string]any{"agency_id": dinsos, "reached_by": "phone", "note": "Bu Rina, staf Linjamsos"})
		var fwd map[string]any
		for _, e := range events(t, op, c2) {
			if apitest.Str(e, "step") == "forward" {
				fwd = e
			}
		}
		if apitest.Str(c2, "status") != "forwarded" || fwd == nil || fwd["agency_reached"] != true || fwd["met"] != true {
			t.Errorf("forward after the call: %v, event %v", c2, fwd)
		}
	})
}

// actionsOf lists a complaint's allowed actions.
func actionsOf(cmp map[string]any) []string {
	var out []string
	for _, a := range cmp["allowed_actions"].([]any) {
		out = append(out, fmt.Sprint(a))
	}
	return out
}
