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
	if _, err := m.Store.Open311().InviteSurveyTx(ctx, tx, complaintID, phone, m.Store.Now().Add(72*time.Hour)); err != nil {
		tx.Rollback()
		t.Fatal(err)
	}
	if err := tx.Commit(); err != nil {
		t.Fatal(err)
	}
	inv, err := m.Store.Open311().PendingSurvey(ctx, phone)
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := m.Store.Open311().AnswerSurvey(ctx, inv.ID, score, "sms", ""); err != nil || !ok {
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
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, clock := start(t, d, false)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		ko := login(t, m, "dewi", aduan.RoleKoordinatorCC, "")
		head := login(t, m, "kepala.dpupr", aduan.RolePimpinanPD, "DPUPR")
		if fig, tile := satTile(t, ko); fig != "–" || !strings.Contains(tile, "belum ada penilaian") {
			t.Errorf("no answers yet: %q %s", fig, tile)
		}
		complaint := func(i int) map[string]any {
			return op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "channel": "telepon", "text": fmt.Sprintf("Lampu jalan mati di gang %d.", i),
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
		if !strings.Contains(tile, "3 penilaian") {
			t.Errorf("answer count missing: %s", tile)
		}
		if fig, tile := satTile(t, head); (fig != "2,00" && fig != "2,00<small>/5</small>") || !strings.Contains(tile, "1 penilaian") {
			t.Errorf("agency head sees %q %s, want DPUPR's one answer of 2", fig, tile)
		}
	})
}

// TestPublicFiguresPage: anyone opens /angka without logging in and sees
// the year's complaints per month and the agencies' compliance with the
// service standards, in Indonesian formats, with charts drawn on the
// server; nothing of the citizens (names, phones, addresses, complaint
// text) is in the page although their complaints are counted. The figures
// are kept five minutes, by the instance and by caches.
func TestPublicFiguresPage(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, clock := start(t, d, false)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		pd := login(t, m, "rina.dpupr", aduan.RoleOperatorPD, "DPUPR")
		minuteAgency(t, m)
		anon := apitest.New(t, "http://"+m.Addr())
		private := []string{"Rahmawati Kusuma", "081299887766", "+6281299887766", "0812-9988-7766", "Jl. Melati No. 7", "Gang Kelinci", "lubang menganga"}
		for i := 0; i < 3; i++ {
			c := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "channel": "telepon", "text": fmt.Sprintf("Jalan lubang menganga nomor %d di Gang Kelinci.", i),
				"address": "Gang Kelinci 4", "kelurahan_code": "32.76.05.1001",
				"citizen": map[string]any{"name": "Rahmawati Kusuma", "phone": "081299887766", "address": "Jl. Melati No. 7 RT 03/RW 05"}}).Must(t, 201)
			if i < 2 {
				clock.Add(5 * time.Minute)
				c = act(t, op, c, "forward", map[string]any{"agency_id": agencyID(t, m, "DPUPR"), "note": "Mohon ditindaklanjuti."})
				clock.Add(time.Duration(1+i*300) * time.Minute) // the second is acknowledged late
				act(t, pd, c, "acknowledge", nil)
			}
		}
		year := clock.Now().In(aduan.WIB).Year()
		res := anon.Do("GET", "/angka", nil)
		body := string(res.Raw)
		if res.Status != 200 {
			t.Fatalf("/angka: %d %s", res.Status, body)
		}
		if cc := res.Header.Get("Cache-Control"); cc != "public, max-age=300" {
			t.Errorf("Cache-Control %q", cc)
		}
		for _, want := range []string{fmt.Sprintf("Angka pengaduan %d", year), `data-fig="received">3<`, "Dinas Pekerjaan Umum dan Penataan Ruang",
			`<svg class="chart columns"`, `<svg class="chart bars stacked"`, "Desember", "50,0%", "Mutu Baku"} {
			if !strings.Contains(body, want) {
				t.Errorf("/angka lacks %q", want)
			}
		}
		for _, p := range private {
			if strings.Contains(body, p) {
				t.Errorf("/angka shows personal data or complaint text: %q", p)
			}
		}
		// Kept for five minutes: a new complaint shows after that.
		op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "channel": "sms", "text": "Sampah menumpuk.", "citizen": map[string]any{"phone": "081299887700"}}).Must(t, 201)
		if body := string(anon.Do("GET", "/angka", nil).Raw); !strings.Contains(body, `data-fig="received">3<`) {
			t.Error("the figures were computed again within five minutes")
		}
		clock.Add(6 * time.Minute)
		if body := string(anon.Do("GET", "/angka", nil).Raw); !strings.Contains(body, `data-fig="received">4<`) {
			t.Error("the figures were not refreshed after five minutes")
		}
		// In English on request; a year out of range is a clear error.
		if body := string(anon.Do("GET", "/angka?lang=en", nil).Raw); !strings.Contains(body, fmt.Sprintf("Complaint figures %d", year)) || !strings.Contains(body, "December") {
			t.Error("/angka?lang=en is not in English")
		}
		if res := anon.Do("GET", "/angka?tahun=1999", nil); res.Status != 400 || !strings.Contains(string(res.Raw), fmt.Sprintf("Tahun harus antara 2000 dan %d", year)) {
			t.Errorf("/angka?tahun=1999: %d", res.Status)
		}
		// The citizens' pages link to it.
		for _, page := range []string{"/lacak", "/lapor"} {
			if !strings.Contains(string(anon.Do("GET", page, nil).Raw), `href="/angka"`) {
				t.Errorf("%s has no link to /angka", page)
			}
		}
	})
}
