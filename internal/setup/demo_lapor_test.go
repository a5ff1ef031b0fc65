package setup_test

import (
	"context"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
)

// TestDemoHasLaporReports: the demo shows the LAPOR! page working: reports
// of the lapor channel, one sent on in time and answered with tindak
// lanjut ready, one sent on late, one waiting, one imported.
func TestDemoHasLaporReports(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st := dbtest.Open(t, d)
		now := time.Now()
		if _, err := setup.Demo(ctx, st, setup.DemoOptions{Complaints: 5, Seed: 5, Now: now}); err != nil {
			t.Fatal(err)
		}
		ko := aduan.Actor{UserID: -1, Role: aduan.RoleKoordinatorCC}
		list, err := st.Lapor().Reports(ctx, ko)
		if err != nil || len(list) != 4 {
			t.Fatalf("%d LAPOR! reports, %v", len(list), err)
		}
		by := map[string]store.LaporReport{}
		for _, r := range list {
			by[r.TrackingID] = r
		}
		if m := by["5123401"].Deadlines.VerifyMet(now); m == nil || !*m || by["5123401"].Deadlines.FollowedAt == nil {
			t.Errorf("the answered report: %+v", by["5123401"].Deadlines)
		}
		if m := by["5123402"].Deadlines.VerifyMet(now); m == nil || *m {
			t.Errorf("the late report is not late: %+v", by["5123402"].Deadlines)
		}
		if by["5123403"].Deadlines.VerifiedAt != nil || by["5123404"].Source != "import:ekspor-lapor.csv" {
			t.Errorf("waiting %+v, imported %q", by["5123403"].Deadlines, by["5123404"].Source)
		}
		fus, err := st.Lapor().FollowUps(ctx, ko, time.Unix(0, 0), now.Add(time.Minute), by["5123401"].ComplaintID)
		if err != nil || len(fus) < 4 {
			t.Errorf("the answered report's tindak lanjut: %d, %v", len(fus), err)
		}
	})
}
