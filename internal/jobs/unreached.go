package jobs

import (
	"context"
	"database/sql"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/store"
)

// KindAgencyNotNotified is the bell's notice that a forward's notification
// reached nobody at the agency.
const KindAgencyNotNotified = "agency_not_notified"

// notifyUnreached rings the koordinators' bell, in the forward's own
// transaction, when every message of a forward failed before it was sent
// (the agency has no contact a message can go to): nobody at the agency
// knows, and the call center must phone it. One notice per forward (its
// time is the notice's key).
func (q *Queue) notifyUnreached(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, msgs []*channel.Message) error {
	n := 0
	for _, m := range msgs {
		if m.Purpose != channel.PurposeForward {
			continue
		}
		if m.Status != channel.StatusFailed {
			return nil
		}
		n++
	}
	if n == 0 {
		return nil
	}
	ks, err := q.st.Users().UsersTx(ctx, tx, aduan.RoleKoordinatorCC, 0)
	if err != nil {
		return err
	}
	at := q.st.Now()
	for _, u := range ks {
		if _, err := q.st.Messages().InsertNotification(ctx, tx, &store.Notification{UserID: u.ID, ComplaintID: c.ID, Kind: KindAgencyNotNotified,
			Step: aduan.StepForward, DueAt: &at}); err != nil {
			return err
		}
	}
	return nil
}
