package jobs_test

import (
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/store"
)

func TestRetentionJobAnonymisesOncePerDay(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		now := f.clock.Now()
		f.clock.Add(-3 * 365 * 24 * time.Hour)
		c := f.complaint(t, "081234567890", "")
		c = f.act(t, f.op, c, aduan.ActionAnswer, aduan.ActionInput{Answer: "Sudah kami catat.", Source: aduan.SourceDirect})
		f.act(t, f.op, c, aduan.ActionClose, aduan.ActionInput{})
		f.clock.Add(now.Sub(f.clock.Now()))
		ran, err := f.q.RunRetention(ctx)
		if err != nil || !ran {
			t.Fatalf("run: %v %v", ran, err)
		}
		eventually(t, "the caller anonymised", func() bool {
			_, err := f.st.Citizens().CitizenByPhone(ctx, f.op, "081234567890")
			return aduan.ErrorCode(err) == aduan.ENOTFOUND
		})
		eventually(t, "the run audited", func() bool {
			e, err := f.st.Audit(ctx, f.koord, aduan.AuditFilter{Action: "privacy.retention"})
			return err == nil && len(e) == 1 && e[0].ActorName == aduan.System.Name
		})
		// Asked again the same day: not queued a second time.
		if ran, err := f.q.RunRetention(ctx); err != nil || ran {
			t.Errorf("second run the same day queued: %v %v", ran, err)
		}
	})
}

func TestRetentionRunsNightlyInTheCitysZone(t *testing.T) {
	for _, tc := range []struct{ now, want string }{
		{"2026-12-07T01:00:00+07:00", "2026-12-07T02:00:00+07:00"},
		{"2026-12-07T02:00:00+07:00", "2026-12-08T02:00:00+07:00"},
		// 19:30 UTC is already 02:30 the next day in Depok.
		{"2026-12-06T19:30:00Z", "2026-12-08T02:00:00+07:00"},
		{"2026-12-06T18:30:00Z", "2026-12-07T02:00:00+07:00"},
	} {
		now, _ := time.Parse(time.RFC3339, tc.now)
		want, _ := time.Parse(time.RFC3339, tc.want)
		if got := jobs.NextRetention(now); !got.Equal(want) {
			t.Errorf("after %s: %s, want %s", tc.now, got.In(aduan.WIB), tc.want)
		}
	}
}
