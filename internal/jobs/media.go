package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"github.com/kotakita/aduan/internal/errctx"
	"strings"

	"github.com/riverqueue/river"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
)

// MediaFetcher downloads a file that a gateway holds for an incoming
// message (the WhatsApp Cloud API sends a media ID, not the bytes). Errors
// marked channel.Permanent are not tried again.
type MediaFetcher interface {
	Media(ctx context.Context, id string, max int64) ([]byte, error)
}

// MediaRef is a file of an incoming message still at the gateway.
type MediaRef struct {
	Part int    `json:"part"`
	ID   string `json:"id"`
	Name string `json:"name"`
}

// FetchMediaArgs downloads the files of one incoming message, then queues
// its matching.
type FetchMediaArgs struct {
	MessageID int64      `json:"message_id"`
	Media     []MediaRef `json:"media"`
}

// Kind implements river.JobArgs.
func (FetchMediaArgs) Kind() string { return "aduan_fetch_media" }

// errAlreadyFetched rolls back a second run of a media job whose work was
// committed (the process died before River marked the job done).
var errAlreadyFetched = errors.New("media already fetched")

type mediaWorker struct {
	river.WorkerDefaults[FetchMediaArgs]
	q *Queue
}

// Work downloads each file with the queue's retries and backoff, passes it
// through the same checks and storage as an e-mailed photo (images only by
// content, the size limit, a thumbnail, the GPS position read and removed),
// and then queues the message's matching in the same transaction that
// records the files, so that the photo is on the message when it is
// matched (its location fills the complaint, it ends a wait for photos). A
// file that is refused, or still cannot be fetched at the last attempt,
// gets a note saying why; the message itself is always matched.
func (w *mediaWorker) Work(ctx context.Context, job *river.Job[FetchMediaArgs]) (err error) {
	defer errctx.Wrap(&err, "fetchMedia(message %d)", job.Args.MessageID)
	q := w.q
	m, err := q.st.Messages().Message(ctx, job.Args.MessageID)
	if err != nil {
		if aduan.ErrorCode(err) == aduan.ENOTFOUND {
			return river.JobCancel(err)
		}
		return err
	}
	if m.Processed != nil {
		return nil
	}
	type fetched struct {
		ref  MediaRef
		data []byte
	}
	var files []fetched
	var notes []string
	for _, ref := range job.Args.Media {
		name := cleanText(ref.Name, 200)
		if q.cfg.Media == nil {
			notes = append(notes, name+": not fetched (no media download for this channel)")
			continue
		}
		data, err := q.cfg.Media.Media(ctx, ref.ID, q.cfg.MaxFileBytes)
		switch {
		case err == nil:
			files = append(files, fetched{ref, data})
		case channel.IsPermanent(err):
			q.log.Info("inbound attachment refused", "message_id", m.ID, "file", name, "reason", err.Error())
			notes = append(notes, fmt.Sprintf("%s: %v", name, err))
		case job.Attempt < job.MaxAttempts:
			q.log.Info("media download failed; will retry", "message_id", m.ID, "file", name, "attempt", job.Attempt, "err", err.Error())
			return err
		default:
			q.log.Warn("media download failed at the last attempt", "message_id", m.ID, "file", name, "err", err.Error())
			notes = append(notes, fmt.Sprintf("%s: not fetched after %d attempts: %v", name, job.Attempt, err))
		}
	}
	err = q.st.WriteTx(ctx, func(tx *sql.Tx) error {
		res, err := q.client.InsertTx(ctx, tx, InboundArgs{MessageID: m.ID}, &river.InsertOpts{UniqueOpts: river.UniqueOpts{ByArgs: true}})
		if err != nil {
			return err
		}
		if res.UniqueSkippedAsDuplicate {
			return errAlreadyFetched
		}
		for _, f := range files {
			note, err := q.storeFile(ctx, tx, m.ID, f.ref.Part, channel.File{Name: f.ref.Name, Data: f.data})
			if err != nil {
				return err
			}
			if note != "" {
				notes = append(notes, note)
			}
		}
		if len(notes) == 0 {
			return nil
		}
		if m.Note != "" {
			notes = append([]string{m.Note}, notes...)
		}
		_, err = tx.ExecContext(ctx, `UPDATE messages SET note = $1 WHERE id = $2`, strings.Join(notes, "; "), m.ID)
		return err
	})
	if errors.Is(err, errAlreadyFetched) {
		return nil
	}
	return err
}
