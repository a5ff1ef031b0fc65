package live

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	mrand "math/rand/v2"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
)

// MaxPayload bounds one notification. PostgreSQL refuses payloads of 8000
// bytes or more (the default build); a margin keeps the JSON framing safe.
// Events carry ids and short fields only, never texts or personal data
// beyond a caller's number, so dozens fit in one notification.
const MaxPayload = 7900

// Channel is the LISTEN/NOTIFY channel the instances share.
const Channel = "aduan_live"

// PG carries events between instances that share one PostgreSQL database
// through LISTEN/NOTIFY. Each instance keeps two dedicated connections
// outside the store's pool: one that listens (a listening connection can do
// nothing else) and one that publishes. Both reconnect with backoff when the
// database goes away; events published meanwhile reach this instance's users
// only, which the consoles survive (each page refreshes on its next event).
//
// An instance delivers its own events at once, without the round trip
// through the database, and ignores its own notifications when they come
// back.
type PG struct {
	url    string
	log    *slog.Logger
	origin string
	out    chan Event

	deliver func(Event)
	ctx     context.Context
	cancel  context.CancelFunc
	wg      sync.WaitGroup

	listening atomic.Bool
	dropped   atomic.Int64
}

// NewPG returns a broker on the PostgreSQL database at url. It connects on
// Start.
func NewPG(url string, log *slog.Logger) *PG {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	b := make([]byte, 8)
	rand.Read(b)
	return &PG{url: url, log: log, origin: hex.EncodeToString(b), out: make(chan Event, 4096)}
}

// Start connects the listener and starts the publisher. It fails when the
// database cannot be reached at all, so that a wrong URL stops the service
// at start rather than silently leaving instances deaf to each other.
func (b *PG) Start(deliver func(Event)) error {
	b.deliver = deliver
	b.ctx, b.cancel = context.WithCancel(context.Background())
	ctx, cancel := context.WithTimeout(b.ctx, 15*time.Second)
	conn, err := b.listen(ctx)
	cancel()
	if err != nil {
		b.cancel()
		return fmt.Errorf("live updates: %w", err)
	}
	b.wg.Add(2)
	go b.listenLoop(conn)
	go b.publishLoop()
	return nil
}

// Publish delivers e to this instance's subscribers and queues it for the
// others. It never blocks a request: when the queue is full (the database
// is slow or away) the event reaches this instance only.
func (b *PG) Publish(e Event) error {
	b.deliver(e)
	select {
	case b.out <- e:
	default:
		if b.dropped.Add(1)%1000 == 1 {
			b.log.Warn("live updates: queue full, events reach this instance only", "dropped", b.dropped.Load())
		}
	}
	return nil
}

// Close stops both connections.
func (b *PG) Close() error {
	if b.cancel != nil {
		b.cancel()
		b.wg.Wait()
	}
	return nil
}

// Listening reports whether the listener is connected (for tests and
// readiness).
func (b *PG) Listening() bool { return b.listening.Load() }

// message is the payload of one notification: the sending instance and
// the events, in the order they were published.
type message struct {
	Origin string            `json:"o"`
	Events []json.RawMessage `json:"e"`
}

// pack splits events into payloads of at most MaxPayload bytes each, in
// order. An event that alone exceeds the limit is left out and reported.
func pack(origin string, events []Event) (payloads []string, skipped int) {
	head := `{"o":` + mustJSON(origin) + `,"e":[`
	cur := head
	n := 0
	for _, e := range events {
		j := mustJSON(e)
		if len(head)+len(j)+2 > MaxPayload {
			skipped++
			continue
		}
		if n > 0 && len(cur)+1+len(j)+2 > MaxPayload {
			payloads = append(payloads, cur+"]}")
			cur, n = head, 0
		}
		if n > 0 {
			cur += ","
		}
		cur += j
		n++
	}
	if n > 0 {
		payloads = append(payloads, cur+"]}")
	}
	return payloads, skipped
}

func mustJSON(v any) string {
	j, err := json.Marshal(v)
	if err != nil {
		panic(err) // Event and string always marshal
	}
	return string(j)
}

func (b *PG) connect(ctx context.Context, role string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(b.url)
	if err != nil {
		return nil, err
	}
	// Named so that an administrator sees them in pg_stat_activity.
	cfg.RuntimeParams["application_name"] = "aduan-live-" + role
	return pgx.ConnectConfig(ctx, cfg)
}

func (b *PG) listen(ctx context.Context) (*pgx.Conn, error) {
	conn, err := b.connect(ctx, "listen")
	if err != nil {
		return nil, err
	}
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{Channel}.Sanitize()); err != nil {
		conn.Close(context.Background())
		return nil, err
	}
	b.listening.Store(true)
	return conn, nil
}

// backoff waits before the attempt-th reconnection: 100 ms doubling up to
// 5 s, with jitter so that instances do not reconnect in step. It returns
// false when the broker is closing.
func (b *PG) backoff(attempt int) bool {
	d := 100 * time.Millisecond << min(attempt, 6)
	d = min(d, 5*time.Second)
	d = d/2 + mrand.N(d/2+1)
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-b.ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

func (b *PG) listenLoop(conn *pgx.Conn) {
	defer b.wg.Done()
	attempt := 0
	for {
		if conn == nil {
			if !b.backoff(attempt) {
				return
			}
			attempt++
			c, err := b.listen(b.ctx)
			if err != nil {
				if b.ctx.Err() == nil {
					b.log.Warn("live updates: listen", "err", err, "attempt", attempt)
				}
				continue
			}
			b.log.Info("live updates: listening again", "after_attempts", attempt)
			conn, attempt = c, 0
		}
		n, err := conn.WaitForNotification(b.ctx)
		if err != nil {
			b.listening.Store(false)
			conn.Close(context.Background())
			conn = nil
			if b.ctx.Err() != nil {
				return
			}
			b.log.Warn("live updates: listener lost its connection", "err", err)
			continue
		}
		var m message
		if err := json.Unmarshal([]byte(n.Payload), &m); err != nil {
			b.log.Warn("live updates: bad notification", "err", err)
			continue
		}
		if m.Origin == b.origin {
			continue // delivered locally when published
		}
		for _, raw := range m.Events {
			var e Event
			if err := json.Unmarshal(raw, &e); err == nil {
				b.deliver(e)
			}
		}
	}
}

func (b *PG) publishLoop() {
	defer b.wg.Done()
	var conn *pgx.Conn
	defer func() {
		if conn != nil {
			conn.Close(context.Background())
		}
	}()
	var batch []Event
	for {
		batch = batch[:0]
		select {
		case <-b.ctx.Done():
			return
		case e := <-b.out:
			batch = append(batch, e)
		}
		// Whatever queued up meanwhile goes in the same round trip: under
		// load, one notification carries many events.
	drain:
		for len(batch) < 1024 {
			select {
			case e := <-b.out:
				batch = append(batch, e)
			default:
				break drain
			}
		}
		payloads, skipped := pack(b.origin, batch)
		if skipped > 0 {
			b.log.Warn("live updates: event too large for a notification", "skipped", skipped)
		}
		// One retry on a fresh connection; after that the batch reached
		// this instance only.
		for attempt := 0; attempt < 2 && len(payloads) > 0; attempt++ {
			if conn == nil {
				c, err := b.connect(b.ctx, "notify")
				if err != nil {
					if b.ctx.Err() != nil {
						return
					}
					b.log.Warn("live updates: publisher cannot connect", "err", err)
					if !b.backoff(attempt) {
						return
					}
					continue
				}
				conn = c
			}
			if err := b.send(conn, payloads); err != nil {
				conn.Close(context.Background())
				conn = nil
				if b.ctx.Err() != nil {
					return
				}
				b.log.Warn("live updates: publish", "err", err)
				continue
			}
			break
		}
	}
}

func (b *PG) send(conn *pgx.Conn, payloads []string) error {
	ctx, cancel := context.WithTimeout(b.ctx, 10*time.Second)
	defer cancel()
	var batch pgx.Batch
	for _, p := range payloads {
		batch.Queue("SELECT pg_notify($1, $2)", Channel, p)
	}
	return conn.SendBatch(ctx, &batch).Close()
}
