package store_test

import (
	"database/sql"
	"sync"
	"testing"
	"time"

	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestReceiptsOnlyMoveForward: Kannel sends two delivery reports for one
// SMS, "sent" and "delivered", and they can arrive together. Whatever order
// their transactions commit in, the message ends delivered: the "sent"
// report must never put it back (before the row was held, the relay of
// TestAgencyAnswersByPhoneCitizenGetsSMS sometimes stayed "sent" on
// PostgreSQL).
func TestReceiptsOnlyMoveForward(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		st := dbtest.Open(t, d)
		for i := 0; i < 40; i++ {
			m := outSMS(t, st, channel.StatusSending)
			report := func(s channel.Status) func() {
				return func() {
					if _, _, err := st.Messages().ApplyReceipt(ctx, channel.SMS, m.ID, "", s, time.Now(), ""); err != nil {
						t.Error(err)
					}
				}
			}
			atOnce(report(channel.StatusSent), report(channel.StatusDelivered))
			got, err := st.Messages().Message(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != channel.StatusDelivered {
				t.Fatalf("round %d: after a sent and a delivered report the message is %s", i, got.Status)
			}
		}
	})
}

// outSMS records an outgoing SMS with status st, as a send leaves it.
func outSMS(t *testing.T, st *store.Store, status channel.Status) *channel.Message {
	t.Helper()
	m := &channel.Message{Channel: channel.SMS, Direction: channel.Out, Purpose: channel.Purpose("relay"), To: "6281200000001",
		Body: "uji", Status: status}
	if err := st.WriteTx(ctx, func(tx *sql.Tx) error { _, err := st.Messages().InsertMessage(ctx, tx, m); return err }); err != nil {
		t.Fatal(err)
	}
	return m
}

// atOnce runs fns together, each in its own goroutine, released at one
// moment, and waits for them all.
func atOnce(fns ...func()) {
	var wg sync.WaitGroup
	start := make(chan struct{})
	for _, f := range fns {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-start
			f()
		}()
	}
	close(start)
	wg.Wait()
}
