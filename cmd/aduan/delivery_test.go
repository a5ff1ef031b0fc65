package main

import (
	"context"
	"fmt"
	"github.com/kotakita/aduan/internal/dbtest"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/store"
)

// TestDemoAgenciesReachable: every agency the demo forwards to can be
// notified and has an operator, and the koordinator's page lists the
// agencies that cannot be reached and those without users (an operator
// may not see it).
func TestDemoAgenciesReachable(t *testing.T) {
	m, _ := start(t, store.SQLite, true)
	ctx := context.Background()
	koord := aduan.Actor{UserID: -1, Role: aduan.RoleKoordinatorCC}
	reach, err := m.Store.AgencyReaches(ctx, koord)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[int64]aduan.AgencyReach{}
	unreachable, noOps := 0, 0
	for _, r := range reach {
		byID[r.Agency.ID] = r
		if !r.Notifiable() {
			unreachable++
		}
		if r.Operators == 0 {
			noOps++
		}
	}
	list, _, err := m.Store.ListComplaints(ctx, koord, aduan.ComplaintFilter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	forwarded := 0
	for _, c := range list {
		if c.AgencyID == 0 {
			continue
		}
		forwarded++
		if r := byID[c.AgencyID]; !r.Notifiable() || r.Operators == 0 {
			t.Errorf("%s forwarded to %s, which cannot be reached: %+v", c.Number, r.Agency.Code, r)
		}
	}
	if forwarded == 0 || unreachable == 0 || noOps == 0 {
		t.Fatalf("forwarded %d, unreachable %d, without operators %d", forwarded, unreachable, noOps)
	}
	c := apitest.New(t, "http://"+m.Addr())
	c.Do("POST", "/api/v1/auth/login", map[string]any{"username": "koordinator", "password": "aduan-demo-2026"}).Must(t, 200)
	res := c.Do("GET", "/agencies/reach", nil)
	if res.Status != 200 {
		t.Fatalf("reach page: %d", res.Status)
	}
	page := string(res.Raw)
	for _, want := range []string{"Jangkauan PD", "Tidak dapat diberi tahu: ", "Tanpa operator: ", `data-code="SETWAN"`, `href="tel:&#43;62217711653"`} {
		if !strings.Contains(page, want) {
			t.Errorf("reach page lacks %q", want)
		}
	}
	if strings.Contains(page, `data-code="DPUPR"`) {
		t.Error("DPUPR is reachable and has operators, yet listed")
	}
	op := apitest.New(t, "http://"+m.Addr())
	op.Do("POST", "/api/v1/auth/login", map[string]any{"username": "operator", "password": "aduan-demo-2026"}).Must(t, 200)
	if res := op.Do("GET", "/agencies/reach", nil); res.Status != 403 {
		t.Errorf("operator: %d", res.Status)
	}
}

// TestFailedAgencyNotificationOnTheHeader: a forward whose notification
// reached nobody (the agency's one operator has no mobile, it has no
// WhatsApp or e-mail) says so at the top of the complaint page, naming the
// agency, with its office line to call; before the forward it does not.
func TestFailedAgencyNotificationOnTheHeader(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, _ := start(t, d, false)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		login(t, m, "andi", aduan.RoleOperatorPD, "DISHUB")
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"text": "Lampu PJU mati di Jl. Juanda.",
			"citizen": map[string]any{"name": "Budi", "phone": "081277771234", "address": "Jl. Juanda 3"}}).Must(t, 201)
		page := func() string {
			res := op.Do("GET", fmt.Sprintf("/complaints/%d", apitest.Num(cmp, "id")), nil)
			if res.Status != 200 {
				t.Fatalf("complaint page: %d", res.Status)
			}
			return string(res.Raw)
		}
		if strings.Contains(page(), "notify-failed") {
			t.Fatal("banner before any forward")
		}
		act(t, op, cmp, "forward", map[string]any{"agency_id": agencyID(t, m, "DISHUB")})
		p := page()
		head := p[:strings.Index(p, `<div class="cols">`)]
		for _, want := range []string{"notify-failed", "Pemberitahuan penerusan ke Dinas Perhubungan gagal terkirim", `href="tel:&#43;622129230770"`} {
			if !strings.Contains(head, want) {
				t.Errorf("header lacks %q:\n%s", want, head)
			}
		}
	})
}
