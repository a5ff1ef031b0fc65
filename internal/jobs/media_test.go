package jobs_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach/attachtest"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/store"
)

// gatedMedia serves one file, holding every download until released.
type gatedMedia struct {
	data  []byte
	calls atomic.Int32
	gate  chan struct{}
}

func (g *gatedMedia) Media(ctx context.Context, id string, max int64) ([]byte, error) {
	g.calls.Add(1)
	select {
	case <-g.gate:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	return g.data, nil
}

// TestMediaJobRunTwice: the media job of a message runs a second time
// while the first is still downloading (as when a process dies after the
// job's work is committed but before River marks it done, and the job is
// rescued). Both download; only one records the photo and queues the
// matching (one matching job), so the complaint gets one attachment, the
// message is matched once, and its note is not written twice.
func TestMediaJobRunTwice(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		g := &gatedMedia{data: attachtest.JPEGWithGPS(200, 150, -6.40, 106.80), gate: make(chan struct{})}
		f := newFixture(t, d, func(c *jobs.Config) { c.Media = g; c.Workers = 4 })
		c := f.complaint(t, "081211119999", "")
		m := &channel.Message{Channel: channel.WhatsApp, From: "+6281211119999", Body: "[image] fotonya", GatewayID: "wamid.TWICE",
			Via: "whatsapp", Files: []channel.File{{Name: "whatsapp-image.jpg", MediaID: "4001"}}}
		if _, err := f.q.Receive(ctx, m, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := f.q.Client().Insert(ctx, jobs.FetchMediaArgs{MessageID: m.ID, Media: []jobs.MediaRef{{Part: 0, ID: "4001", Name: "whatsapp-image.jpg"}}}, nil); err != nil {
			t.Fatal(err)
		}
		eventually(t, "both jobs downloading", func() bool { return g.calls.Load() == 2 })
		close(g.gate)
		eventually(t, "the message matched", func() bool {
			got, err := f.st.Messages().Message(ctx, m.ID)
			return err == nil && got.Processed != nil
		})
		files, err := f.st.Attachments().Attachments(ctx, f.op, c.ID)
		if err != nil || len(files) != 1 {
			t.Fatalf("attachments: %d %v", len(files), err)
		}
		got, _ := f.st.Messages().Message(ctx, m.ID)
		if got.ComplaintID != c.ID || strings.Count(got.Note, "photo(s) attached") != 1 {
			t.Errorf("message: complaint %d, note %q", got.ComplaintID, got.Note)
		}
		list, err := f.q.Client().JobList(ctx, river.NewJobListParams().Kinds(jobs.InboundArgs{}.Kind()).States(rivertype.JobStates()...).First(1000))
		if err != nil {
			t.Fatal(err)
		}
		matching := 0
		for _, j := range list.Jobs {
			var a jobs.InboundArgs
			if json.Unmarshal(j.EncodedArgs, &a) == nil && a.MessageID == m.ID {
				matching++
			}
		}
		if matching != 1 {
			t.Errorf("%d matching jobs queued for the message, want 1", matching)
		}
		after, _ := f.st.Complaints().Complaint(ctx, aduan.System, c.ID)
		if after.Lat == nil {
			t.Error("the photo's position did not reach the complaint")
		}
	})
}
