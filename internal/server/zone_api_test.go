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
		if err := e.st.SetSettings(ctx, aduan.System, map[string]string{"time_zone": "WITA"}); err != nil {
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
