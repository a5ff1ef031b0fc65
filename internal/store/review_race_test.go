package store_test

import (
	"database/sql"
	"testing"
	"time"

	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestResendReviewNeverOvertakesAReport: the service resends a send under
// review (the gateway proved it never had it) while the gateway's late
// report of that very send arrives. Whatever order the two commit in, the
// message ends "sent", never back in the queue over the report (from
// where the send job would text the citizen a second time): the resend
// holds the row and judges it as it stands. 30 rounds per database, the
// two at once; once more with the report first, which leaves nothing to
// resend, and once with a message resent already, which is never resent
// again.
func TestResendReviewNeverOvertakesAReport(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		st := dbtest.Open(t, d)
		review := func() *channel.Message {
			t.Helper()
			return outSMS(t, st, channel.StatusReview)
		}
		resend := func(id int64) bool {
			var ok bool
			err := st.WriteTx(ctx, func(tx *sql.Tx) error {
				var err error
				_, ok, err = st.Messages().ResendReview(ctx, tx, id, time.Now().Add(time.Hour))
				return err
			})
			if err != nil {
				t.Error(err)
			}
			return ok
		}
		for i := 0; i < 30; i++ {
			m := review()
			atOnce(func() { resend(m.ID) }, func() {
				if _, _, err := st.Messages().ApplyReceipt(ctx, channel.SMS, m.ID, "", channel.StatusSent, time.Now(), ""); err != nil {
					t.Error(err)
				}
			})
			got, err := st.Messages().Message(ctx, m.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Status != channel.StatusSent {
				t.Fatalf("round %d: a resend and the report at once left the message %s (resent at %v)", i, got.Status, got.ResentAt)
			}
		}
		m := review()
		if _, _, err := st.Messages().ApplyReceipt(ctx, channel.SMS, m.ID, "", channel.StatusSent, time.Now(), ""); err != nil {
			t.Fatal(err)
		}
		if resend(m.ID) {
			t.Error("resent after the gateway's report")
		}
		m = review()
		if !resend(m.ID) {
			t.Fatal("a message under review with no report was not resent")
		}
		if _, err := st.DB().Exec(`UPDATE messages SET status = 'review' WHERE id = $1`, m.ID); err != nil {
			t.Fatal(err)
		}
		if resend(m.ID) {
			t.Error("resent a second time")
		}
	})
}
