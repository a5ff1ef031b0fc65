package main

import (
	"context"
	"fmt"
	"github.com/kotakita/aduan/internal/dbtest"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/store"
)

// TestDemoAgenciesReachable: every agency the demo forwards to can be
// notified and has an operator, and the koordinator's page lists the
// agencies that cannot be reached and those without users (an operator
// may not see it).
func TestDemoAgenciesReachable(t *testing.T) {
	t.Parallel()
	m, _ := start(t, store.SQLite, true)
	ctx := context.Background()
	koord := aduan.Actor{UserID: -1, Role: aduan.RoleKoordinatorCC}
	reach, err := m.Store.RefData().AgencyReaches(ctx, koord)
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
	list, _, err := m.Store.Complaints().ListComplaints(ctx, koord, aduan.ComplaintFilter{Limit: 1000})
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
// agency, with its office line to call, and rings the koordinator's bell;
// before the forward neither.
func TestFailedAgencyNotificationOnTheHeader(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, _ := start(t, d, false)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		login(t, m, "andi", aduan.RoleOperatorPD, "DISHUB")
		ko := login(t, m, "dewi", aduan.RoleKoordinatorCC, "")
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Lampu PJU mati di Jl. Juanda.",
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
		// The koordinator's bell rings, and the notice names the complaint.
		res := ko.Do("GET", "/notifications", nil)
		bell := string(res.Raw)
		for _, want := range []string{`id="unread">1<`, "Penerusan tidak sampai", apitest.Str(cmp, "number") + " diteruskan, tetapi pemberitahuan ke PD gagal terkirim"} {
			if res.Status != 200 || !strings.Contains(bell, want) {
				t.Errorf("koordinator's notifications (%d) lack %q", res.Status, want)
			}
		}
	})
}

// TestContactLog: on both databases, a prank call is logged without a
// complaint number (and one cannot be given to it), a missed call from the
// PBX's pop lands on the call-back list once however often it is reported,
// and an answered call is classified by its call ID; the counts by kind and
// channel see all three, and no complaint was made.
func TestContactLog(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, _ := start(t, d, false)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		prank := op.Do("POST", "/api/v1/contacts", map[string]any{"kind": "prank", "phone": "0812-7777-0001", "duration_s": 25, "note": "iseng"}).Must(t, 201)
		if apitest.Str(prank, "kind") != "prank" || prank["complaint_id"] != nil || apitest.Num(prank, "duration_s") != 25 || apitest.Str(prank, "operator") != "SITI" {
			t.Errorf("prank: %v", prank)
		}
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Jalan rusak di Jl. Bhakti.", "citizen": map[string]any{"phone": "081277770002"}}).Must(t, 201)
		res := op.Do("POST", "/api/v1/contacts", map[string]any{"kind": "prank", "complaint": apitest.Str(cmp, "number")})
		if res.Status != 400 || !strings.Contains(string(res.Raw), "complaint_id") {
			t.Errorf("a prank with a complaint number: %d %s", res.Status, res.Raw)
		}
		// The PBX reports a missed call, twice.
		var first int64
		for i := 0; i < 2; i++ {
			id := apitest.Num(op.Do("POST", "/api/v1/calls", map[string]any{"phone": "021-7720 0123", "missed": true, "call_id": "pbx-991"}).Must(t, 202), "contact_id")
			if i == 0 {
				first = id
			} else if id != first {
				t.Errorf("the missed call reported again was logged again: %d, %d", first, id)
			}
		}
		cb := apitest.Items(op.Do("GET", "/api/v1/contacts/callbacks", nil).Must(t, 200))
		if len(cb) != 1 || apitest.Str(cb[0], "phone") != "+622177200123" || apitest.Str(cb[0], "kind") != "missed" || apitest.Num(cb[0], "id") != first {
			t.Errorf("call-back list: %v", cb)
		}
		// An answered call, then what it was.
		popped := op.Do("POST", "/api/v1/calls", map[string]any{"phone": "0812-7777-0003", "call_id": "pbx-992"}).Must(t, 202)
		info := op.Do("POST", "/api/v1/contacts", map[string]any{"kind": "information", "call_id": "pbx-992", "duration_s": 90}).Must(t, 201)
		if apitest.Num(info, "id") != apitest.Num(popped, "contact_id") || apitest.Str(info, "kind") != "information" || apitest.Str(info, "phone") != "+6281277770003" {
			t.Errorf("classified call: %v", info)
		}
		counts, err := m.Store.Citizens().ContactCounts(context.Background(), aduan.Actor{UserID: -1, Role: aduan.RoleKoordinatorCC}, time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if counts[aduan.ContactPrank][aduan.ChannelPhone] != 1 || counts[aduan.ContactMissed][aduan.ChannelPhone] != 1 || counts[aduan.ContactInformation][aduan.ChannelPhone] != 1 || counts[aduan.ContactAnswered] != nil {
			t.Errorf("counts: %v", counts)
		}
		if n := len(apitest.Items(op.Do("GET", "/api/v1/complaints", nil).Must(t, 200))); n != 1 {
			t.Errorf("%d complaints, want the one recorded", n)
		}
	})
}
