package setup_test

import (
	"context"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
)

// TestDemoShowsTheAgencySide: the demo tells the truth about issue 16's
// agency side: some agencies' answers were recorded by the call center
// from a phone call (steps 8 and 9), some agencies promised a date, posted
// progress and completed.
func TestDemoShowsTheAgencySide(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := setup.Demo(ctx, st, setup.DemoOptions{Complaints: 150, Seed: 7, Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	cs, _, err := st.Complaints().ListComplaints(ctx, aduan.System, aduan.ComplaintFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	seen := map[aduan.Action]int{}
	for _, c := range cs {
		evs, err := st.Complaints().Events(ctx, aduan.System, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range evs {
			seen[e.Action]++
		}
	}
	for _, a := range []aduan.Action{aduan.ActionRecordAgencyAnswer, aduan.ActionAgencyPromise, aduan.ActionAgencyProgress} {
		if seen[a] == 0 {
			t.Errorf("the demo has no %s (%v)", a, seen)
		}
	}
}
