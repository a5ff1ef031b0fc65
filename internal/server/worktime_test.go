package server_test

import (
	"bytes"
	"fmt"
	"mime/multipart"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestStandardsPage: the koordinator sees the calendars, the standards with
// their footnotes (the cumulative 25 minutes explained) and the tiers, and
// saves the page as one: a page with one bad value changes nothing and
// names the field; a good one changes every part at once, with one audit
// record. The holiday tables import a year from CSV (a date outside the
// year refuses the file) and from the shipped JSON form, and the missing
// year's warning goes.
func TestStandardsPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		b := newBrowserish(t, e)
		e.st.Now = func() time.Time { return time.Date(2026, 10, 5, 9, 0, 0, 0, aduan.WIB) }
		res, page := b.get(KO, "/admin/standards")
		if res.StatusCode != 200 {
			t.Fatalf("standards page: %d", res.StatusCode)
		}
		for _, want := range []string{"lembar SOP menulis 5 menit untuk langkah 7", `name="office_hours" value="sen-kam 07:30-16:00; jum 07:30-16:30"`,
			`name="amount.standard.reforward" value="5"`, `name="amount.rule.agency_answer.tanpa_pengawasan.-" value="14"`,
			"Tabel hari libur tahun 2027 belum ada", "tidak dihitung dalam kepatuhan"} {
			if !strings.Contains(page, want) {
				t.Errorf("standards page lacks %q", want)
			}
		}
		cats, _ := e.st.RefData().Categories(ctx)
		var pbb aduan.Category
		for _, c := range cats {
			if c.Code == "PAJAK_DAERAH" {
				pbb = c
			}
		}
		form := url.Values{"time_zone": {"WITA"}, "call_center_hours": {"sen-jum 07:30-16:00; sab 07:30-12:00"}, "office_hours": {"sen-jum 07:30-16:00"},
			"amount.standard.relay": {"3"}, "unit.standard.relay": {"jam"},
			fmt.Sprintf("tier.%d", pbb.ID):      {"pemeriksaan"},
			fmt.Sprintf("hours.%d", e.dpupr.ID): {"setiap hari"}}
		audits := func() int {
			var n int
			if err := e.st.DB().QueryRowContext(ctx, `SELECT COUNT(*) FROM audit_log WHERE action = 'worktime.update'`).Scan(&n); err != nil {
				t.Fatal(err)
			}
			return n
		}
		res, page = b.post(KO, "/admin/standards", form)
		if res.StatusCode != 400 || !strings.Contains(page, "Jam kerja tidak terbaca") {
			t.Fatalf("bad agency hours: %d, want 400 naming the hours", res.StatusCode)
		}
		wt, _ := e.st.RefData().WorkTime(ctx)
		if wt.TimeZone != "WIB" || wt.Standards[aduan.StepRelay] != (aduan.Standard{Amount: 2, Unit: aduan.UnitHour}) || wt.Tiers[pbb.ID] != aduan.TierLight || audits() != 0 {
			t.Errorf("a refused page changed something: %+v", wt)
		}
		form.Set(fmt.Sprintf("hours.%d", e.dpupr.ID), "sen-jum 08:00-15:00")
		if res, _ = b.post(PD, "/admin/standards", form); res.StatusCode != 403 {
			t.Errorf("agency operator saved the standards: %d", res.StatusCode)
		}
		if res, _ = b.post(KO, "/admin/standards", form); res.StatusCode != 303 {
			t.Fatalf("save: %d", res.StatusCode)
		}
		wt, _ = e.st.RefData().WorkTime(ctx)
		if wt.TimeZone != "WITA" || wt.Office != "sen-jum 07:30-16:00" || wt.CallCenter != "sen-jum 07:30-16:00; sab 07:30-12:00" ||
			wt.Standards[aduan.StepRelay] != (aduan.Standard{Amount: 3, Unit: aduan.UnitHour}) || wt.Tiers[pbb.ID] != aduan.TierInvestigation ||
			wt.AgencyHrs[e.dpupr.ID] != "sen-jum 08:00-15:00" || audits() != 1 {
			t.Errorf("after the save: %+v, %d audit records", wt, audits())
		}

		// Holidays: a CSV for 2027 with a 2026 date is refused whole.
		csv := "tanggal,nama\n2027-01-01,Tahun Baru 2027 Masehi\n2026-12-31,Salah tahun\n"
		res, page = b.post(KO, "/admin/holidays", url.Values{"import": {"1"}, "year": {"2027"}, "text": {csv}})
		if res.StatusCode != 400 || !strings.Contains(page, "tidak jatuh pada tahun 2027") {
			t.Errorf("a file with a date outside its year: %d", res.StatusCode)
		}
		readyz := func() string {
			res, body := b.get(AD, "/readyz")
			if res.StatusCode != 200 {
				t.Errorf("/readyz %d", res.StatusCode)
			}
			return body
		}
		if !strings.Contains(readyz(), "no holiday table for 2027") {
			t.Errorf("/readyz in October 2026 without a 2027 table does not warn")
		}
		if _, dash := b.get(KO, "/dashboard"); !strings.Contains(dash, "Tabel hari libur tahun 2027 belum ada") {
			t.Errorf("dashboard in October 2026 without a 2027 table does not warn")
		}
		// The shipped JSON form, uploaded as a file.
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("import", "1")
		mw.WriteField("year", "2027")
		fw, _ := mw.CreateFormFile("file", "holidays_id_2027.json")
		fw.Write([]byte(`{"libur_nasional":[{"tanggal":"2027-01-01","nama":"Tahun Baru 2027 Masehi"},{"tanggal":"2027-08-17","nama":"Proklamasi"}],
			"cuti_bersama":[{"tanggal":"2027-12-24","nama":"Natal"}]}`))
		mw.Close()
		res, _ = b.send(KO, "POST", "/admin/holidays", &buf, mw.FormDataContentType())
		if res.StatusCode != 303 || !strings.Contains(res.Header.Get("Location"), "imported=2027:3") {
			t.Fatalf("import: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		if strings.Contains(readyz(), "holiday") {
			t.Errorf("/readyz still warns after importing 2027")
		}
		if _, dash := b.get(KO, "/dashboard"); strings.Contains(dash, "Tabel hari libur tahun") {
			t.Errorf("dashboard still warns after importing 2027")
		}
		_, page = b.get(KO, "/admin/holidays")
		if !strings.Contains(page, "Natal (cuti bersama)") || strings.Contains(page, "belum ada") {
			t.Errorf("holiday page after the import lacks the cuti bersama or still warns")
		}
	})
}

// TestCalendarsAndTiersAPI: the calendars and the categories' tiers are
// read and written over the API as on the standards page: a bad value is
// refused naming its field and changes nothing; a good one is saved and
// times what follows.
func TestCalendarsAndTiersAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		ko := e.as(KO)
		cal := ko.Do("GET", "/api/v1/calendars", nil).Must(t, 200)
		if cal["time_zone"] != "WIB" || cal["office_hours"] != aduan.DefaultOfficeHours || cal["call_center_hours"] != aduan.DefaultCallCenterHours {
			t.Errorf("calendars: %v", cal)
		}
		bad := ko.Do("PUT", "/api/v1/calendars", map[string]any{"time_zone": "WITA", "office_hours": "kapan saja"})
		if bad.Status != 400 || !strings.Contains(string(bad.Raw), "office_hours") {
			t.Fatalf("bad hours: %d %s", bad.Status, bad.Raw)
		}
		if cal := ko.Do("GET", "/api/v1/calendars", nil).Must(t, 200); cal["time_zone"] != "WIB" {
			t.Errorf("a refused change changed the zone: %v", cal)
		}
		cal = ko.Do("PUT", "/api/v1/calendars", map[string]any{"time_zone": "wita", "agency_hours": []map[string]any{{"agency_id": e.dpupr.ID, "hours": "sen-jum 08:00-15:00"}}}).Must(t, 200)
		hours, _ := cal["agency_hours"].([]any)
		if cal["time_zone"] != "WITA" || cal["office_hours"] != aduan.DefaultOfficeHours || len(hours) != 1 {
			t.Errorf("after the change: %v", cal)
		}
		cats, _ := e.st.RefData().Categories(ctx)
		tiers := ko.Do("PUT", fmt.Sprintf("/api/v1/tiers/%d", cats[0].ID), map[string]any{"tier": "pemeriksaan"}).Must(t, 200)
		found := false
		for _, c := range tiers["categories"].([]any) {
			m := c.(map[string]any)
			found = found || int64(m["category_id"].(float64)) == cats[0].ID && m["tier"] == "pemeriksaan"
		}
		if !found {
			t.Errorf("the category's tier was not saved: %v", tiers["categories"])
		}
		if r := ko.Do("PUT", fmt.Sprintf("/api/v1/tiers/%d", cats[0].ID), map[string]any{"tier": "kilat"}); r.Status != 400 {
			t.Errorf("an unknown tier: %d", r.Status)
		}
		if r := ko.Do("PUT", "/api/v1/tiers/999999", map[string]any{"tier": "ringan"}); r.Status != 404 {
			t.Errorf("an unknown category: %d", r.Status)
		}
		sc, err := e.st.RefData().StandardClock(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if sc.Loc() != aduan.WITA || sc.CategoryTiers[cats[0].ID] != aduan.TierInvestigation {
			t.Errorf("the clock: zone %v, tier %v", sc.Loc(), sc.CategoryTiers[cats[0].ID])
		}
	})
}

// TestStandardsSavedWhole: the standards form whose third value is wrong
// (a forward of "0 menit") is refused whole: the first two standards keep
// their values, and the page says in Indonesian what is wrong with the
// third (the allowed range, not a format verb left unfilled).
func TestStandardsSavedWhole(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		b := newBrowserish(t, e)
		before, err := e.st.RefData().WorkTime(ctx)
		if err != nil {
			t.Fatal(err)
		}
		form := url.Values{
			"amount.standard.relay": {"3"}, "unit.standard.relay": {"jam"},
			"amount.standard.reforward": {"9"}, "unit.standard.reforward": {"menit"},
			"amount.standard.forward": {"0"}, "unit.standard.forward": {"menit"},
		}
		res, page := b.post(KO, "/admin/standards", form)
		if res.StatusCode != 400 {
			t.Fatalf("a form with a bad third standard: %d, want 400", res.StatusCode)
		}
		if !strings.Contains(page, "Harus antara 1 dan 100000.") || strings.Contains(page, "MISSING") {
			t.Errorf("the page does not say clearly what is wrong with the third standard")
		}
		after, err := e.st.RefData().WorkTime(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range []aduan.StepKey{aduan.StepRelay, aduan.StepReforward, aduan.StepForward} {
			if after.Standards[k] != before.Standards[k] {
				t.Errorf("a refused form changed the %s standard: %+v, was %+v", k, after.Standards[k], before.Standards[k])
			}
		}
	})
}
