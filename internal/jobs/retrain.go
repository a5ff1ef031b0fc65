package jobs

import (
	"github.com/kotakita/aduan/internal/errctx"

	"context"
	"time"

	"github.com/riverqueue/river"
)

// RetrainArgs trains the routing suggestion's model again on the city's
// finished complaints. It used to be a goroutine every instance ran on its
// own clock, unseen; as a periodic job it runs once a day across the
// cluster (River's leader enqueues it, the unique period refuses a second
// copy), stops with the queue, and the retrain it calls (Config.Retrain,
// libsvc.Service.Retrain as aduan.System) writes its audit record.
type RetrainArgs struct{}

// Kind implements river.JobArgs.
func (RetrainArgs) Kind() string { return "aduan_routing_retrain" }

// RetrainEvery is how often the model is trained again.
const RetrainEvery = 24 * time.Hour

// InsertOpts implements river.JobArgsWithInsertOpts: at most one a day.
func (RetrainArgs) InsertOpts() river.InsertOpts {
	return river.InsertOpts{UniqueOpts: river.UniqueOpts{ByPeriod: RetrainEvery}, MaxAttempts: 3}
}

func retrainPeriodic() *river.PeriodicJob {
	return river.NewPeriodicJob(river.PeriodicInterval(RetrainEvery), func() (river.JobArgs, *river.InsertOpts) { return RetrainArgs{}, nil }, nil)
}

type retrainWorker struct {
	river.WorkerDefaults[RetrainArgs]
	q *Queue
}

// Timeout: training reads every finished complaint.
func (w *retrainWorker) Timeout(*river.Job[RetrainArgs]) time.Duration { return 30 * time.Minute }

func (w *retrainWorker) Work(ctx context.Context, job *river.Job[RetrainArgs]) (err error) {
	defer errctx.Wrap(&err, "retrain()")
	if w.q.cfg.Retrain == nil {
		return nil
	}
	return w.q.cfg.Retrain(ctx)
}

// Retrain enqueues a retrain now (at most one a day across the cluster).
func (q *Queue) Retrain(ctx context.Context) (inserted bool, err error) {
	defer errctx.Wrap(&err, "Queue.Retrain()")
	res, err := q.client.Insert(ctx, RetrainArgs{}, nil)
	if err != nil {
		return false, err
	}
	return !res.UniqueSkippedAsDuplicate, nil
}
