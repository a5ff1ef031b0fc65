package server_test

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

// reportPublicRoutes are the report area's routes that need no log-in: the
// check of a copy and the public figures.
var reportPublicRoutes = []string{"GET /api/v1/reports/verify", "POST /api/v1/reports/verify", "GET /public/figures"}

// reportMonthsBack gives each report the matrix makes a month of its own:
// only one report per period and scope can be final, and the matrix
// initials many.
var reportMonthsBack atomic.Int64

// monthlyReport makes a fresh monthly report of the coordinator, submitted
// or not, and returns the path under it. It is of a month that has ended
// (only such a period can be submitted and initialled), each time another.
func monthlyReport(submitted bool, suffix string, body any) func(*testing.T, *env, aduan.Role) (string, any) {
	return func(t *testing.T, e *env, r aduan.Role) (string, any) {
		t.Helper()
		ko := e.users[KO].Actor()
		// The paraf makes a final document, which prints a public address.
		if err := e.st.RefData().SetSettings(ctx, aduan.System, map[string]string{"public_base_url": "https://aduan.depok.go.id"}); err != nil {
			t.Fatal(err)
		}
		rep, err := e.st.Reports().CreateReport(ctx, ko, report.NewReport{Kind: report.Monthly, Month: monthsBack(e.st.Now(), int(reportMonthsBack.Add(1)))})
		if err != nil {
			t.Fatal(err)
		}
		if submitted {
			if rep, err = e.st.Reports().ReportAction(ctx, ko, rep.ID, rep.Version, report.ActionSubmit, "", nil); err != nil {
				t.Fatal(err)
			}
		}
		if m, ok := body.(map[string]any); ok {
			m["version"] = rep.Version
		}
		return fmt.Sprintf("/api/v1/reports/%d%s", rep.ID, suffix), body
	}
}

func exportProgress(t *testing.T, e *env, r aduan.Role) (string, any) {
	t.Helper()
	if err := e.st.Reports().SetExportProgress(ctx, e.users[r].ID, store.ExportProgress{ID: "matrix", Format: "csv", Total: 10, Done: 5}); err != nil {
		t.Fatal(err)
	}
	return "/api/v1/exports/progress/matrix", nil
}

// monthsBack names the month n months before now's (n ≥ 1), in the city's
// zone.
func monthsBack(now time.Time, n int) string {
	first := time.Date(now.In(aduan.WIB).Year(), now.In(aduan.WIB).Month(), 1, 0, 0, 0, 0, aduan.WIB)
	return first.AddDate(0, -n, 0).Format("2006-01")
}
