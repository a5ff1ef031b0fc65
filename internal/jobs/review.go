package jobs

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/riverqueue/river"

	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/errctx"
)

// ReviewArgs settles the sends under review that a gateway can judge: a
// periodic job, on one instance of the cluster.
type ReviewArgs struct{}

// Kind implements river.JobArgs.
func (ReviewArgs) Kind() string { return "aduan_settle_reviews" }

// gatewayAsker is a sender that can be asked whether it still holds a
// message it took and has not passed on (Kannel's store). It answers
// channel.ErrCannotTell when it has no way to know.
type gatewayAsker interface {
	Holds(ctx context.Context, m *channel.Message) (bool, error)
}

// The reasons a send stays under review for a person, shown on the list
// and the dashboard (i18n keys).
const (
	reviewSMSUnknown      = "msg.review.sms_unknown"
	reviewWhatsAppUnknown = "msg.review.whatsapp_unknown"
	reviewEmailUnknown    = "msg.review.email_unknown"
	reviewResentOnce      = "msg.review.resent_once"
)

// reviewPeriodic runs the settling every interval, the first time one
// interval after the start (not at once: an interval is short beside the
// window, and a start stays free of the extra write).
func reviewPeriodic(every time.Duration) *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(every),
		func() (river.JobArgs, *river.InsertOpts) { return ReviewArgs{}, nil }, nil)
}

type reviewWorker struct {
	river.WorkerDefaults[ReviewArgs]
	q *Queue
}

func (w *reviewWorker) Work(ctx context.Context, _ *river.Job[ReviewArgs]) error {
	return w.q.SettleReviews(ctx)
}

// SettleReviews looks at every send under review that has waited the
// settle window (Config.ReviewSettle) with no report from its gateway.
// Those that reached the gateway were settled before this by the gateway's
// own report, which carries our message ID (Kannel's delivery report,
// WhatsApp's status). For the rest:
//
//   - SMS through Kannel: Kannel is asked whether it still holds a message
//     for the number (its store); if it does, the SMSC's report will come
//     and the message waits. If it does not, the message never reached
//     Kannel (one it had would be held, or acknowledged by the SMSC with a
//     report to us), and it is put back in the queue once, with the same
//     message ID, so that a report after all still finds it.
//   - What no gateway can tell (a Kannel without a store or admin access,
//     WhatsApp with no message ID recorded, e-mail whose SMTP answer was
//     lost, a message already resent once) waits for a person, with the
//     reason on the list.
func (q *Queue) SettleReviews(ctx context.Context) (err error) {
	defer errctx.Wrap(&err, "Queue.SettleReviews()")
	before := q.st.Now().Add(-q.cfg.ReviewSettle)
	list, err := q.st.Messages().ReviewsToSettle(ctx, before, 200, reviewSMSUnknown, reviewWhatsAppUnknown, reviewEmailUnknown, reviewResentOnce)
	if err != nil {
		return err
	}
	for _, m := range list {
		if err := ctx.Err(); err != nil {
			return err
		}
		reason, err := q.settleReview(ctx, m, before)
		if err != nil {
			q.log.Warn("review not settled", "message_id", m.ID, "err", err)
			continue
		}
		if reason != "" && m.Error != reason {
			if err := q.st.Messages().LeaveReview(ctx, m.ID, reason); err != nil {
				return err
			}
			q.log.Info("send left under review for a person", "message_id", m.ID, "channel", string(m.Channel), "reason", reason)
		}
	}
	return nil
}

// settleReview judges one message: a reason when it is for a person, ""
// when it was resent or waits for its gateway's report.
func (q *Queue) settleReview(ctx context.Context, m *channel.Message, before time.Time) (string, error) {
	if m.ResentAt != nil {
		return reviewResentOnce, nil
	}
	switch m.Channel {
	case channel.WhatsApp:
		return reviewWhatsAppUnknown, nil
	case channel.Email:
		return reviewEmailUnknown, nil
	case channel.SMS:
	default:
		return reviewSMSUnknown, nil
	}
	asker, ok := q.senders[channel.SMS].(gatewayAsker)
	if !ok {
		return reviewSMSUnknown, nil
	}
	held, err := asker.Holds(ctx, m)
	switch {
	case errors.Is(err, channel.ErrCannotTell):
		return reviewSMSUnknown, nil
	case err != nil:
		return "", err // asked again at the next round
	case held:
		q.log.Info("send under review: the gateway still holds a message for the number; waiting for its report", "message_id", m.ID)
		return "", nil
	}
	var again *channel.Message
	err = q.st.WriteTx(ctx, func(tx *sql.Tx) error {
		r, ok, err := q.st.Messages().ResendReview(ctx, tx, m.ID, before)
		if err != nil || !ok {
			return err
		}
		if _, err := q.client.InsertTx(ctx, tx, SendArgs{MessageID: m.ID}, nil); err != nil {
			return err
		}
		again = r
		return nil
	})
	if err != nil {
		return "", err
	}
	if again != nil {
		q.log.Warn("send under review never reached the gateway; sent again with the same ID", "message_id", m.ID)
		q.changed(ctx, again)
	}
	return "", nil
}
