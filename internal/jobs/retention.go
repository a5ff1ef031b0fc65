package jobs

import (
	"context"
	"time"

	"github.com/riverqueue/river"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/errctx"
)

// RetentionArgs runs the personal-data retention (UU 27/2022): citizens
// whose complaints are all done and old enough are anonymised, old message
// bodies and photos erased, old audit snapshots redacted, each by its own
// setting (see store.Privacy.Retention).
type RetentionArgs struct{}

// Kind implements river.JobArgs.
func (RetentionArgs) Kind() string { return "aduan_privacy_retention" }

// InsertOpts implements river.JobArgsWithInsertOpts: at most one run per
// day across the cluster. River's periodic jobs are enqueued by the elected
// leader only; the unique period (River counts it in whole UTC days, so the
// 02:00 WIB run, 19:00 UTC, and one asked for by hand the next WIB morning
// are apart) also holds when a run is asked for twice, or when leadership
// moves.
func (RetentionArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: 24 * time.Hour}, MaxAttempts: 3}
}

// RetentionHour is the hour of the day (WIB) the retention job runs: at
// night, when the call center is quiet.
const RetentionHour = 2

// nightly is the schedule of the retention job.
type nightly struct{}

// Next implements river.PeriodicSchedule.
func (nightly) Next(now time.Time) time.Time { return NextRetention(now) }

// NextRetention is when the retention job runs after now: every day at
// RetentionHour in the city's zone.
func NextRetention(now time.Time) time.Time {
	l := now.In(aduan.WIB)
	next := time.Date(l.Year(), l.Month(), l.Day(), RetentionHour, 0, 0, 0, aduan.WIB)
	if !next.After(now) {
		next = next.AddDate(0, 0, 1)
	}
	return next
}

func retentionPeriodic() *river.PeriodicJob {
	return river.NewPeriodicJob(nightly{}, func() (river.JobArgs, *river.InsertOpts) { return RetentionArgs{}, nil }, nil)
}

type retentionWorker struct {
	river.WorkerDefaults[RetentionArgs]
	q *Queue
}

// Timeout: a first run on years of data takes longer than a send.
func (w *retentionWorker) Timeout(*river.Job[RetentionArgs]) time.Duration { return time.Hour }

func (w *retentionWorker) Work(ctx context.Context, job *river.Job[RetentionArgs]) (err error) {
	defer errctx.Wrap(&err, "retention()")
	rep, err := w.q.st.Privacy().Retention(ctx, aduan.System, false, w.q.cfg.Files)
	if err != nil {
		return err
	}
	c := rep.Counts
	w.q.log.Info("retention", "citizens", c.Citizens, "complaints", c.Complaints, "messages", c.Messages,
		"photos", c.Photos, "audit", c.Audit, "files_left", rep.FilesLeft)
	if w.q.cfg.Files == nil {
		return nil
	}
	// Photos kept by public forms the citizen never sent again.
	n, err := w.q.st.Attachments().SweepKeptUploads(ctx, w.q.cfg.Files)
	if n > 0 {
		w.q.log.Info("retention: kept photos deleted", "files", n)
	}
	return err
}

// RunRetention enqueues a retention run now (once per period across the
// cluster: a run already queued or done today is not repeated).
func (q *Queue) RunRetention(ctx context.Context) (inserted bool, err error) {
	defer errctx.Wrap(&err, "Queue.RunRetention()")
	res, err := q.client.Insert(ctx, RetentionArgs{}, nil)
	if err != nil {
		return false, err
	}
	return !res.UniqueSkippedAsDuplicate, nil
}
