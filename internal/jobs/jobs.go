// Package jobs is the durable work of the service on River: every message
// to a citizen or an agency is a job enqueued in the same transaction as the
// complaint change that causes it (so a crash never loses one), sent with
// retries and backoff, and marked failed for a person after the last
// attempt; incoming messages are stored first and matched by a job; SLA
// timers are scheduled jobs that warn before a step's standard time runs out
// and record breaches; the IMAP mailbox is polled by a periodic job that
// runs on one instance only.
//
// River runs on SQLite (riversqlite, over the store's one-connection write
// pool) and on PostgreSQL (riverdatabasesql over the store's pool, polling
// for work), so jobs share the store's transactions on both.
package jobs

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverdatabasesql"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"

	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/channel/outbox"
	"github.com/kotakita/aduan/internal/errctx"
	"github.com/kotakita/aduan/internal/store"
)

// Config configures the queue. Zero values take the defaults noted.
type Config struct {
	Store *store.Store
	Log   *slog.Logger
	// Senders per channel; a channel without one uses the outbox.
	Senders map[channel.Kind]channel.Sender
	// Files keeps e-mailed photos; nil refuses attachments (they are
	// still recorded on the message).
	Files attach.Storage
	// MaxFileBytes bounds one attachment (default 10 MiB).
	MaxFileBytes int64
	// Media downloads the files of incoming WhatsApp messages; nil notes
	// them on the message without fetching them.
	Media MediaFetcher
	// Mailbox is polled for incoming e-mail every MailInterval (default
	// 1 min); nil: no polling.
	Mailbox      Mailbox
	MailInterval time.Duration
	// PollInterval is how often idle workers look for due jobs (default
	// 200 ms).
	PollInterval time.Duration
	// Workers is how many jobs run at once (default 4).
	Workers int
	// MaxAttempts per message before it is marked failed (default 8).
	MaxAttempts int
	// RetryBase and RetryMax shape the backoff: base·2^(attempt-1), at
	// most max, ±10 % jitter (defaults 15 s and 15 min: eight attempts
	// span about half an hour).
	RetryBase, RetryMax time.Duration
	// JobTimeout bounds one attempt (default 60 s); RescueAfter is when a
	// job left running by a dead process is tried again (default 5 min).
	JobTimeout, RescueAfter time.Duration
	// WarnAt is the fraction of a step's standard time after which the
	// responsible people are warned (default 0.8).
	WarnAt float64
	// InsertOnly builds a queue that only enqueues (no workers), for tools
	// and tests of the API alone.
	InsertOnly bool
	// Changed, if set, is told after a message of a complaint changes
	// status (sent, queued again after a failed attempt or a retry,
	// failed, under review, delivered, read) or an incoming one has been
	// matched to its complaint (processed), once the change is committed:
	// the consoles refresh the complaint's messages.
	Changed func(ctx context.Context, m *channel.Message)
	// Command, if set, sees each incoming message before it is matched to
	// a complaint, and answers those that are commands (see command.go).
	Command CommandFunc
	// ReviewSettle is how long a send under review waits for its
	// gateway's report before the service judges it (SettleReviews;
	// default 10 min): longer than the gateway may take to report a
	// message it has, retries of that report included.
	ReviewSettle time.Duration
	// Retrain, if set, trains the routing model; the queue runs it once a
	// day across the cluster (RetrainArgs).
	Retrain func(ctx context.Context) error
}

// Queue is the job queue.
type Queue struct {
	cfg     Config
	st      *store.Store
	log     *slog.Logger
	client  *river.Client[*sql.Tx]
	senders map[channel.Kind]channel.Sender
}

// Job kinds.
type (
	// SendArgs sends one outgoing message.
	SendArgs struct {
		MessageID int64 `json:"message_id"`
	}
	// InboundArgs matches one incoming message to its complaint.
	InboundArgs struct {
		MessageID int64 `json:"message_id"`
	}
	// SLAArgs checks a step's clock: a warning before its standard time
	// runs out, or a breach after.
	SLAArgs struct {
		ComplaintID int64  `json:"complaint_id"`
		Step        string `json:"step"`
		WindowStart int64  `json:"window_start"` // Unix ms: identifies the step window
		What        string `json:"what"`         // warn or breach
	}
	// PollMailArgs polls the mailbox.
	PollMailArgs struct{}
)

// Kind implements river.JobArgs.
func (SendArgs) Kind() string { return "aduan_send_message" }

// Kind implements river.JobArgs.
func (InboundArgs) Kind() string { return "aduan_inbound_message" }

// Kind implements river.JobArgs.
func (SLAArgs) Kind() string { return "aduan_sla_check" }

// Kind implements river.JobArgs.
func (PollMailArgs) Kind() string { return "aduan_poll_mail" }

// New migrates River's tables and builds the queue (not yet started).
func New(ctx context.Context, cfg Config) (_ *Queue, err error) {
	defer errctx.Wrap(&err, "New()")
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&cfg.MailInterval, time.Minute)
	def(&cfg.PollInterval, 200*time.Millisecond)
	def(&cfg.RetryBase, 15*time.Second)
	def(&cfg.RetryMax, 15*time.Minute)
	def(&cfg.JobTimeout, 60*time.Second)
	def(&cfg.RescueAfter, 5*time.Minute)
	def(&cfg.ReviewSettle, 10*time.Minute)
	// River rescues a running job only after it could have timed out.
	cfg.JobTimeout = min(cfg.JobTimeout, cfg.RescueAfter)
	if cfg.Workers <= 0 {
		cfg.Workers = 4
	}
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 8
	}
	if cfg.MaxFileBytes <= 0 {
		cfg.MaxFileBytes = 10 << 20
	}
	if cfg.WarnAt <= 0 || cfg.WarnAt >= 1 {
		cfg.WarnAt = 0.8
	}
	q := &Queue{cfg: cfg, st: cfg.Store, log: cfg.Log, senders: map[channel.Kind]channel.Sender{}}
	for _, k := range channel.Kinds {
		q.senders[k] = &outbox.Outbox{Log: cfg.Log}
		if s := cfg.Senders[k]; s != nil {
			q.senders[k] = s
		}
	}
	var driver riverdriver.Driver[*sql.Tx]
	switch cfg.Store.Dialect() {
	case store.SQLite:
		driver = riversqlite.New(cfg.Store.DB())
	default:
		driver = riverdatabasesql.New(cfg.Store.DB())
	}
	mig, err := rivermigrate.New(driver, &rivermigrate.Config{Logger: quiet(cfg.Log)})
	if err != nil {
		return nil, fmt.Errorf("river migrations: %w", err)
	}
	if _, err := mig.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return nil, fmt.Errorf("river migrations: %w", err)
	}
	rc := &river.Config{
		Logger:               quiet(cfg.Log),
		MaxAttempts:          cfg.MaxAttempts,
		RetryPolicy:          backoff{base: cfg.RetryBase, max: cfg.RetryMax},
		JobTimeout:           cfg.JobTimeout,
		RescueStuckJobsAfter: cfg.RescueAfter,
		PollOnly:             true,
		FetchPollInterval:    cfg.PollInterval,
		FetchCooldown:        min(cfg.PollInterval/4, 20*time.Millisecond),
		ReindexerIndexNames:  reindexIndexes(cfg.Store.Dialect()),
	}
	if !cfg.InsertOnly {
		workers := river.NewWorkers()
		river.AddWorker(workers, &sendWorker{q: q})
		river.AddWorker(workers, &inboundWorker{q: q})
		river.AddWorker(workers, &mediaWorker{q: q})
		river.AddWorker(workers, &slaWorker{q: q})
		river.AddWorker(workers, &pollWorker{q: q})
		river.AddWorker(workers, &retentionWorker{q: q})
		river.AddWorker(workers, &retrainWorker{q: q})
		river.AddWorker(workers, &reviewWorker{q: q})
		river.AddWorker(workers, &ppidRemindWorker{q: q})
		rc.Workers = workers
		rc.Queues = map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: cfg.Workers}}
		if cfg.Mailbox != nil {
			rc.PeriodicJobs = []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(cfg.MailInterval),
				func() (river.JobArgs, *river.InsertOpts) { return PollMailArgs{}, nil }, &river.PeriodicJobOpts{RunOnStart: true})}
		}
		rc.PeriodicJobs = append(rc.PeriodicJobs, retentionPeriodic(), reviewPeriodic(min(time.Minute, max(cfg.ReviewSettle/2, 100*time.Millisecond))), ppidRemindPeriodic())
		if cfg.Retrain != nil {
			rc.PeriodicJobs = append(rc.PeriodicJobs, retrainPeriodic())
		}
	}
	client, err := river.NewClient(driver, rc)
	if err != nil {
		return nil, fmt.Errorf("river client: %w", err)
	}
	q.client = client
	return q, nil
}

// reindexIndexes names the indexes of River's tables that its midnight
// reindexer rebuilds. River's default list is PostgreSQL's, where an
// index bloats under the churn of jobs (MVCC leaves dead entries behind)
// and REINDEX CONCURRENTLY rebuilds it without blocking. On SQLite three
// of those indexes do not exist (the GIN indexes, and the primary key is
// the table's rowid), so River warned every night; and SQLite's B-trees
// reuse their free pages, so rebuilding the others would only hold the
// one writer for nothing. An empty list, not nil: nil means the default.
func reindexIndexes(d store.Dialect) []string {
	if d == store.SQLite {
		return []string{}
	}
	return river.ReindexerIndexNamesDefault()
}

// quiet lowers River's own logging to warnings: its per-job info lines
// would drown the service's log.
func quiet(l *slog.Logger) *slog.Logger {
	return slog.New(levelFilter{l.Handler(), slog.LevelWarn})
}

type levelFilter struct {
	slog.Handler
	min slog.Level
}

func (f levelFilter) Enabled(ctx context.Context, l slog.Level) bool {
	return l >= f.min && f.Handler.Enabled(ctx, l)
}

func (f levelFilter) WithAttrs(a []slog.Attr) slog.Handler {
	return levelFilter{f.Handler.WithAttrs(a), f.min}
}

func (f levelFilter) WithGroup(n string) slog.Handler {
	return levelFilter{f.Handler.WithGroup(n), f.min}
}

// Start starts working jobs.
func (q *Queue) Start(ctx context.Context) (err error) {
	defer errctx.Wrap(&err, "Queue.Start()")
	if q.cfg.InsertOnly {
		return nil
	}
	return q.client.Start(ctx)
}

// Stop lets running jobs finish (within ctx) and stops.
func (q *Queue) Stop(ctx context.Context) (err error) {
	defer errctx.Wrap(&err, "Queue.Stop()")
	if q.cfg.InsertOnly {
		return nil
	}
	err = q.client.Stop(ctx)
	if errors.Is(err, context.DeadlineExceeded) {
		return q.client.StopAndCancel(context.Background())
	}
	return err
}

// Client is the River client, for tests and tools.
func (q *Queue) Client() *river.Client[*sql.Tx] { return q.client }

// Store is the store the queue works on.
func (q *Queue) Store() *store.Store { return q.st }

// backoff is exponential with jitter, capped.
type backoff struct{ base, max time.Duration }

// NextRetry implements river.ClientRetryPolicy.
func (b backoff) NextRetry(job *rivertype.JobRow) time.Time {
	n := max(job.Attempt, 1)
	d := b.base
	for i := 1; i < n && d < b.max; i++ {
		d *= 2
	}
	d = min(d, b.max)
	jitter := time.Duration(float64(d) * 0.1 * (2*rand.Float64() - 1))
	return time.Now().Add(d + jitter)
}

// Delay is how long after failing attempt n the next one starts (without
// jitter), for documentation and the console.
func (q *Queue) Delay(n int) time.Duration {
	d := q.cfg.RetryBase
	for i := 1; i < n && d < q.cfg.RetryMax; i++ {
		d *= 2
	}
	return min(d, q.cfg.RetryMax)
}
