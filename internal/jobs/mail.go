package jobs

import (
	"context"

	"github.com/riverqueue/river"

	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/errctx"
)

// Mailbox is the call center's incoming mail (IMAP).
type Mailbox interface {
	// Name identifies the mailbox in the poller's saved place.
	Name() string
	// Poll calls deliver for each mail after lastUID, in UID order, when
	// the mailbox's UIDVALIDITY is still validity (else for every mail).
	// It stops at the first error deliver returns.
	Poll(ctx context.Context, validity, lastUID uint32, deliver func(validity, uid uint32, m *channel.Message) error) error
}

// pollWorker imports new mail. Each mail is stored with the mailbox place
// in one transaction, so a crash between fetching and committing fetches
// the same mail again next time and stores it once (its gateway ID, the
// Message-ID or mailbox:UIDVALIDITY:UID, is unique).
type pollWorker struct {
	river.WorkerDefaults[PollMailArgs]
	q *Queue
}

func (w *pollWorker) Work(ctx context.Context, job *river.Job[PollMailArgs]) error {
	q := w.q
	mb := q.cfg.Mailbox
	if mb == nil {
		return nil
	}
	return q.PollMail(ctx, mb)
}

// PollMail imports the new mail of mb now.
func (q *Queue) PollMail(ctx context.Context, mb Mailbox) (err error) {
	defer errctx.Wrap(&err, "Queue.PollMail()")
	validity, last, err := q.st.Attachments().IMAPState(ctx, mb.Name())
	if err != nil {
		return err
	}
	return mb.Poll(ctx, validity, last, func(v, uid uint32, m *channel.Message) error {
		fresh, err := q.Receive(ctx, m, &MailPlace{Mailbox: mb.Name(), Validity: v, UID: uid})
		if err == nil && !fresh {
			q.log.Info("mail already imported", "mailbox", mb.Name(), "uid", uid)
		}
		return err
	})
}
