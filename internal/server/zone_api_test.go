package server_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestTimesInCityZone: in a WITA city (the time_zone setting) the API
// writes its times at +08:00 (a complaint, its events, a user) and the
// complaint export's times are WITA wall-clock times, one hour after WIB.
func TestTimesInCityZone(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		if err := e.st.RefData().SetSettings(ctx, aduan.System, map[string]string{"time_zone": "WITA"}); err != nil {
			t.Fatal(err)
		}
		c := e.newComplaint(t, "081200000555", e.dpupr, "forward")
		id := int64(apitest.Num(c, "id"))
		got := e.as(KO).Do("GET", fmt.Sprintf("/api/v1/complaints/%d", id), nil).Must(t, 200)
		for _, k := range []string{"received_at", "created_at", "updated_at"} {
			if v := apitest.Str(got, k); !strings.HasSuffix(v, "+08:00") {
				t.Errorf("complaint %s = %q, want +08:00", k, v)
			}
		}
		evs := e.as(KO).Do("GET", fmt.Sprintf("/api/v1/complaints/%d/events", id), nil)
		if raw := string(evs.Raw); evs.Status != 200 || strings.Contains(raw, "+07:00") || !strings.Contains(raw, "+08:00") {
			t.Errorf("events are not at +08:00: %.300s", raw)
		}
		me := e.as(KO).Do("GET", "/api/v1/me", nil).Must(t, 200)
		if v := apitest.Str(me, "created_at"); !strings.HasSuffix(v, "+08:00") {
			t.Errorf("me.created_at = %q, want +08:00", v)
		}

		res := e.as(KO).Do("GET", "/api/v1/exports/complaints/csv", nil)
		if res.Status != 200 {
			t.Fatalf("export: %d", res.Status)
		}
		rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(res.Raw, []byte("\ufeff")))).ReadAll()
		if err != nil || len(rows) != 2 {
			t.Fatalf("export rows: %d (%v)", len(rows), err)
		}
		recv, err := time.Parse(time.RFC3339, apitest.Str(got, "received_at"))
		if err != nil {
			t.Fatal(err)
		}
		wita := recv.In(time.FixedZone("WITA", 8*3600)).Format("2006-01-02 15:04")
		if rows[1][1] != wita {
			t.Errorf("export received %q, want the WITA time %q", rows[1][1], wita)
		}
	})
}

// TestCityZoneBoundaries: in a WITA city the consoles and Open311 count
// days from WITA midnight and write times at +08:00. A complaint received
// at 00:30 WITA on 1 November (still 31 October in WIB) is in the queue,
// the API list and Open311 from 2026-11-01, and one received at 23:30 WITA
// on 31 October is not; Open311's requested_datetime and the complaint
// page's clock carry +08:00.
func TestCityZoneBoundaries(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		if err := e.st.RefData().SetSettings(ctx, aduan.System, map[string]string{"time_zone": "WITA"}); err != nil {
			t.Fatal(err)
		}
		at := func(ts time.Time) map[string]any {
			e.st.Now = func() time.Time { return ts }
			return e.newComplaint(t, nextPhone(), e.dpupr, "forward")
		}
		before := at(time.Date(2026, 10, 31, 15, 30, 0, 0, time.UTC)) // 23:30 WITA, 31 Oct
		after := at(time.Date(2026, 10, 31, 16, 30, 0, 0, time.UTC))  // 00:30 WITA, 1 Nov; 23:30 WIB, 31 Oct
		e.st.Now = func() time.Time { return time.Date(2026, 11, 2, 2, 0, 0, 0, time.UTC) }
		in, out := apitest.Str(after, "number"), apitest.Str(before, "number")

		if st, body := e.page(t, KO, "/queue?status=all&from=2026-11-01"); st != 200 || !strings.Contains(body, in) || strings.Contains(body, out) {
			t.Errorf("queue from 2026-11-01 (WITA): %d, has %s %v, has %s %v; want only the first", st, in, strings.Contains(body, in), out, strings.Contains(body, out))
		}
		list := e.as(KO).Do("GET", "/api/v1/complaints?from=2026-11-01", nil)
		if raw := string(list.Raw); list.Status != 200 || !strings.Contains(raw, in) || strings.Contains(raw, out) {
			t.Errorf("API list from 2026-11-01 (WITA) has %s %v, %s %v; want only the first", in, strings.Contains(raw, in), out, strings.Contains(raw, out))
		}

		res := e.c.Do("GET", "/open311/v2/requests/"+in+".json", nil)
		if !strings.Contains(strings.ReplaceAll(string(res.Raw), " ", ""), `"requested_datetime":"2026-11-01T00:30:00+08:00"`) {
			t.Errorf("Open311 request not at +08:00: %d %.400s", res.Status, res.Raw)
		}
		res = e.c.Do("GET", "/open311/v2/requests.json?start_date=2026-11-01&end_date=2026-11-01", nil)
		if raw := string(res.Raw); res.Status != 200 || !strings.Contains(raw, in) || strings.Contains(raw, out) {
			t.Errorf("Open311 start_date=2026-11-01 (WITA): %d %.400s", res.Status, raw)
		}

		st, body := e.page(t, KO, fmt.Sprintf("/complaints/%d", int64(apitest.Num(after, "id"))))
		if st != 200 || !strings.Contains(body, `data-start="2026-11-01T00:30:00+08:00"`) {
			t.Errorf("complaint page clock: %d, no data-start at +08:00", st)
		}
	})
}

// TestCityZoneFaultIsSeen: when the city's zone cannot be read (here a
// holiday table gone from under the store), every
// surface answers with the fault: the console, Open311, the API and the
// export alike. None shows its times at WIB as if that were the city's.
func TestCityZoneFaultIsSeen(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		b := newBrowserish(t, e)
		c := e.newComplaint(t, "081200000556", e.dpupr, "forward")
		if _, err := e.st.DB().ExecContext(ctx, `ALTER TABLE holidays RENAME TO holidays_away`); err != nil {
			t.Fatal(err)
		}
		if _, err := e.st.DB().ExecContext(ctx, `UPDATE ref_version SET v = v + 1 WHERE id = 1`); err != nil {
			t.Fatal(err)
		}
		for _, path := range []string{"/queue", "/dashboard", fmt.Sprintf("/complaints/%d", int64(apitest.Num(c, "id")))} {
			if res, page := b.get(KO, path); res.StatusCode < 400 || strings.Contains(page, "+07:00") {
				t.Errorf("console %s with an unreadable zone: %d, want an error", path, res.StatusCode)
			}
		}
		for _, path := range []string{"/open311/v2/requests.json", "/open311/v2/requests/" + apitest.Str(c, "number") + ".json"} {
			if res := e.c.Do("GET", path, nil); res.Status < 400 || strings.Contains(string(res.Raw), "+07:00") {
				t.Errorf("Open311 %s with an unreadable zone: %d, want an error", path, res.Status)
			}
		}
		for _, path := range []string{"/api/v1/complaints", "/api/v1/exports/complaints/csv"} {
			if res := e.as(KO).Do("GET", path, nil); res.Status < 400 {
				t.Errorf("API %s with an unreadable zone: %d, want an error", path, res.Status)
			}
		}
	})
}
