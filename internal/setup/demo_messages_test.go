package setup_test

import (
	"context"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
)

// TestDemoHasMessageHistory: the demo's complaints carry the messages
// their steps sent (receipts, forwards, relays, the survey after the
// close), in their final states (delivered, a forward read, one or two
// failed), and nothing waits to be sent when the service starts. The
// survey was answered: the month's report shows a believable IKM beside
// the citizens' ratings.
func TestDemoHasMessageHistory(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, store.Config{DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	now := time.Date(2026, 11, 27, 15, 0, 0, 0, aduan.WIB)
	if _, err := setup.Demo(ctx, st, setup.DemoOptions{Complaints: 150, Seed: 7, Now: now}); err != nil {
		t.Fatal(err)
	}
	cs, _, err := st.Complaints().ListComplaints(ctx, aduan.System, aduan.ComplaintFilter{Limit: 500})
	if err != nil {
		t.Fatal(err)
	}
	byPurpose, byStatus := map[channel.Purpose]int{}, map[channel.Status]int{}
	withMessages := 0
	for _, c := range cs {
		ms, err := st.Messages().ComplaintMessages(ctx, aduan.System, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) > 0 {
			withMessages++
		}
		for _, m := range ms {
			byPurpose[m.Purpose]++
			byStatus[m.Status]++
			if m.Status == channel.StatusFailed && m.Error == "" {
				t.Errorf("a failed message without its reason: %+v", m)
			}
			if m.Status == channel.StatusDelivered && (m.SentAt == nil || m.Delivered == nil) {
				t.Errorf("a delivered message without its times: %+v", m)
			}
		}
	}
	if withMessages < len(cs)*2/3 {
		t.Errorf("%d of %d demo complaints have messages", withMessages, len(cs))
	}
	for _, p := range []channel.Purpose{channel.PurposeReceipt, channel.PurposeForward, channel.PurposeRelay, "survey"} {
		if byPurpose[p] == 0 {
			t.Errorf("no %s message in the demo: %v", p, byPurpose)
		}
	}
	if byStatus[channel.StatusFailed] == 0 || byStatus[channel.StatusFailed] > byStatus[channel.StatusDelivered]/10 {
		t.Errorf("failed messages: %v", byStatus)
	}
	if byStatus[channel.StatusQueued]+byStatus[channel.StatusSending] != 0 || byStatus[channel.StatusRead] == 0 {
		t.Errorf("statuses: %v (nothing may wait to be sent; forwards are read)", byStatus)
	}

	from, to, _ := report.MonthRange("2026-11", aduan.WIB)
	m, err := st.Reports().MonthlyData(ctx, aduan.Actor{UserID: -1, Role: aduan.RoleKoordinatorCC}, from, to, report.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	k := m.SKM
	if k == nil || k.Responses < 10 || k.Score < 65 || k.Score > 95 || k.Grade == "" || k.Population != m.Volume.Total {
		t.Errorf("the demo's IKM: %+v", k)
	}
	if !m.Satisfaction.Collected || m.Satisfaction.Responses < 5 {
		t.Errorf("the demo's ratings: %+v", m.Satisfaction)
	}
	t.Logf("demo November: IKM %.2f (%s), %d answers of a minimum %d for %d complaints; ratings %d, mean %.2f; messages %v",
		k.Score, k.Grade, k.Responses, k.MinSample, k.Population, m.Satisfaction.Responses, m.Satisfaction.Average, byStatus)
}
