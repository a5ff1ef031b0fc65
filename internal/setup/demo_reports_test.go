package setup_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
)

// TestDemoHasCorrectedReport: the demo's last whole month has a final
// monthly report and a correction that supersedes it, made through the
// office's steps; the correction counts the complaint recorded late, both
// verify, and the demo's public address setting is left as it was.
func TestDemoHasCorrectedReport(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st := dbtest.Open(t, d)
		now := time.Date(2026, 12, 7, 10, 0, 0, 0, aduan.WIB)
		if _, err := setup.Demo(ctx, st, setup.DemoOptions{Complaints: 8, Days: 40, Seed: 3, Now: now}); err != nil {
			t.Fatal(err)
		}
		ka := aduan.Actor{UserID: -1, Role: aduan.RoleKasiKabid}
		list, _, err := st.Reports().Reports(ctx, ka, store.ReportFilter{Kind: report.Monthly})
		if err != nil || len(list) != 2 {
			t.Fatalf("%d monthly reports (%v), want the final one and its correction", len(list), err)
		}
		var old, fix *report.Report
		for i := range list {
			r, err := st.Reports().Report(ctx, ka, list[i].ID)
			if err != nil {
				t.Fatal(err)
			}
			if r.CorrectsID != 0 {
				fix = r
			} else {
				old = r
			}
		}
		if old == nil || fix == nil || fix.CorrectsID != old.ID || old.SupersededBy != fix.ID ||
			old.Status != report.StatusComplete || fix.Status != report.StatusComplete {
			t.Fatalf("reports: %+v / %+v; want November final, superseded by its initialled correction", old, fix)
		}
		if from := old.From.In(aduan.WIB); from.Month() != time.November || from.Year() != 2026 {
			t.Errorf("the corrected report is of %s, want November 2026", from)
		}
		if a, b := volume(t, old), volume(t, fix); b != a+1 {
			t.Errorf("received: %d in the report, %d in its correction; want one more", a, b)
		}
		for _, r := range []*report.Report{old, fix} {
			if m, err := st.Reports().VerifyReport(ctx, r.ContentHash); err != nil || m.Report.ID != r.ID {
				t.Errorf("report %d does not verify: %v", r.ID, err)
			}
		}
		set, err := st.RefData().Settings(ctx)
		if err != nil || store.PublicURLProblem(set["public_base_url"]) == false {
			t.Errorf("public_base_url after the demo: %q; want the demo's own (loopback) address back", set["public_base_url"])
		}
	})
}

func volume(t *testing.T, r *report.Report) int {
	t.Helper()
	var m report.MonthlyData
	if err := json.Unmarshal(r.Current().Data, &m); err != nil {
		t.Fatal(err)
	}
	return m.Volume.Total
}
