package main

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// survey records a citizen's survey answer about a complaint as the SMS
// reply would: an invitation, then the score.
func survey(t *testing.T, m *Main, complaintID int64, phone string, score int) {
	t.Helper()
	ctx := context.Background()
	tx, err := m.Store.DB().BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Store.InviteSurveyTx(ctx, tx, complaintID, phone, m.Store.Now().Add(72*time.Hour)); err != nil {
		tx.Rollback()
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	inv, err := m.Store.PendingSurvey(ctx, phone)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := m.Store.AnswerSurvey(ctx, inv.ID, score, "sms", ""); err != nil || !ok {
		t.Fatalf("answer survey: %v %v", ok, err)
	}
}

var satFigRe = regexp.MustCompile(`data-fig="sat-avg">([^<]*)`)

// satTile reads the satisfaction tile of a dashboard: the average as
// shown, and the tile's whole text.
func satTile(t *testing.T, c *apitest.Client) (string, string) {
	t.Helper()
	res := c.Do("GET", "/dashboard", nil)
	if res.Status != 200 {
		t.Fatalf("dashboard: %d", res.Status)
	}
	body := string(res.Raw)
	i := strings.Index(body, `id="sat-tile"`)
	if i < 0 {
		t.Fatalf("the dashboard has no satisfaction tile")
	}
	tile := body[i:]
	tile = tile[:strings.Index(tile, "</div>")]
	m := satFigRe.FindStringSubmatch(tile)
	if m == nil {
		t.Fatalf("satisfaction tile without a figure: %s", tile)
	}
	return m[1], tile
}

// TestDashboardSatisfaction: the coordinator's dashboard shows the average
// survey score and the number of answers about this month's complaints,
// as the monthly report counts them (last month's answers are not in it),
// in Indonesian number format; an agency's head sees only their agency's.
func TestDashboardSatisfaction(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, clock := start(t, d, false)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		ko := login(t, m, "dewi", aduan.RoleKoordinatorCC, "")
		head := login(t, m, "kepala.dpupr", aduan.RolePimpinanPD, "DPUPR")
		if fig, tile := satTile(t, ko); fig != "–" || !strings.Contains(tile, "belum ada jawaban") {
			t.Errorf("no answers yet: %q %s", fig, tile)
		}
		complaint := func(i int) map[string]any {
			return op.Do("POST", "/api/v1/complaints", map[string]any{"channel": "telepon", "text": fmt.Sprintf("Lampu jalan mati di gang %d.", i),
				"citizen": map[string]any{"name": "Warga", "phone": fmt.Sprintf("08127770000%d", i)}}).Must(t, 201)
		}
		// Last month: a complaint rated 1, which this month's figure leaves out.
		now := clock.Now()
		clock.Add(-40 * 24 * time.Hour)
		old := complaint(9)
		survey(t, m, apitest.Num(old, "id"), "+628127770000"+"9", 1)
		clock.Add(40 * 24 * time.Hour)
		if !clock.Now().Equal(now) {
			t.Fatal("clock")
		}
		// This month: 5, 4 and 2; the 2 is about a complaint sent to DPUPR.
		for i, score := range []int{5, 4, 2} {
			c := complaint(i)
			if score == 2 {
				act(t, op, c, "forward", map[string]any{"agency_id": agencyID(t, m, "DPUPR"), "note": "Mohon ditindaklanjuti."})
			}
			survey(t, m, apitest.Num(c, "id"), fmt.Sprintf("+62812777000%02d", i), score)
		}
		fig, tile := satTile(t, ko)
		if fig != "3,66<small>/5</small>" && fig != "3,66" {
			t.Errorf("average %q, want 3,66 (11/3 as the monthly report rounds it)", fig)
		}
		if !strings.Contains(tile, "3 jawaban") {
			t.Errorf("answer count missing: %s", tile)
		}
		if fig, tile := satTile(t, head); fig != "2,00" || !strings.Contains(tile, "1 jawaban") {
			t.Errorf("agency head sees %q %s, want DPUPR's one answer of 2", fig, tile)
		}
	})
}
