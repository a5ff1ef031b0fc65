package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
)

// PostgreSQL over a network that can fail. A database that refuses
// connections or resets them is noticed at once; one behind a partition
// (packets dropped) answers nothing, and without bounds of its own every
// request waited for the whole request deadline and ended as a 500. So:
//
//   - connecting (dial, TLS, start-up, authentication) has its own
//     timeout, and the TCP connection keepalives and a TCP_USER_TIMEOUT, so
//     that the kernel gives up on a peer that acknowledges nothing;
//   - every query has a deadline of its own (QueryTimeout), well under the
//     request's; long work that must not be cut (migrations, rebuilding
//     the search index) opts out with LongQuery;
//   - a query that fails for the network, or runs out of its time, makes
//     the store check the database on a fresh connection; if that fails
//     too the database is "away": new connections fail at once, idle ones
//     are dropped, Ping (/readyz) says so without waiting, and every
//     request answers 503 at once instead of waiting out its own time. A
//     probe tries again every ProbeInterval and, when the database
//     answers, ends the away state without a restart.

// Defaults for the bounds above (Config's zero values).
const (
	defaultQueryTimeout   = 10 * time.Second
	defaultConnectTimeout = 5 * time.Second
	defaultProbeInterval  = time.Second
)

// errDatabaseAway is what a connection asked for while the database is
// known to be away fails with, at once.
var errDatabaseAway = errors.New("the database did not answer its last check; not trying again before the next")

type longQueryKey struct{}

// LongQuery marks ctx for work whose queries may run longer than the
// query timeout (migrations, rebuilding an index): only ctx's own
// deadline bounds them.
func LongQuery(ctx context.Context) context.Context {
	return context.WithValue(ctx, longQueryKey{}, true)
}

// pgLink is the state of the connection to PostgreSQL shared by the pools
// of one Store.
type pgLink struct {
	queryTimeout  time.Duration
	probeInterval time.Duration
	// probeCfg connects the probe: the same server, without the gate.
	probeCfg *pgconn.Config
	// away is the Unix ns since when the database has been away; 0: not.
	away atomic.Int64
	// pools are the pools to empty of idle connections when the database
	// goes away (their connections are likely dead).
	pools []*sql.DB
	// probing is set while a probe runs.
	probing atomic.Bool
	mu      sync.Mutex
	quit    chan struct{}
	wg      sync.WaitGroup
	// now is the clock, for tests.
	now func() time.Time
}

func newPGLink(cfg Config) *pgLink {
	l := &pgLink{queryTimeout: cfg.QueryTimeout, probeInterval: cfg.ProbeInterval, quit: make(chan struct{}), now: time.Now}
	if l.queryTimeout <= 0 {
		l.queryTimeout = defaultQueryTimeout
	}
	if l.probeInterval <= 0 {
		l.probeInterval = defaultProbeInterval
	}
	return l
}

// openPG opens a pool on url with the link's bounds. params are run-time
// parameters to set on its sessions.
func (l *pgLink) openPG(url string, connectTimeout time.Duration, params map[string]string) (*sql.DB, error) {
	cc, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	if connectTimeout <= 0 {
		connectTimeout = defaultConnectTimeout
	}
	// A connect_timeout in the URL wins.
	if cc.ConnectTimeout == 0 {
		cc.ConnectTimeout = connectTimeout
	}
	dialer := tcpDialer(cc.ConnectTimeout, l.queryTimeout)
	if l.probeCfg == nil {
		p := cc.Config.Copy()
		p.DialFunc = dialer.DialContext
		l.probeCfg = p
	}
	cc.DialFunc = func(ctx context.Context, network, addr string) (net.Conn, error) {
		if l.isAway() {
			return nil, errDatabaseAway
		}
		return dialer.DialContext(ctx, network, addr)
	}
	for k, v := range params {
		cc.RuntimeParams[k] = v
	}
	cc.Tracer = l
	db := stdlib.OpenDB(*cc, stdlib.OptionShouldPing(l.shouldPing))
	l.pools = append(l.pools, db)
	return db, nil
}

// tcpDialer dials with keepalives and, where the system has it, a
// TCP_USER_TIMEOUT of userTimeout: data the peer has not acknowledged by
// then fails the connection (a partition), instead of the kernel's
// retransmissions for a quarter of an hour.
func tcpDialer(timeout, userTimeout time.Duration) *net.Dialer {
	return &net.Dialer{
		Timeout:         timeout,
		KeepAliveConfig: net.KeepAliveConfig{Enable: true, Idle: 5 * time.Second, Interval: 2 * time.Second, Count: 3},
		Control:         userTimeoutControl(userTimeout),
	}
}

// shouldPing replaces the driver's check of a connection idle for over a
// second: the driver pings with the request's context, which behind a
// partition waited for the whole request. This pings within the query
// timeout; a connection that fails it is closed, and the driver (told to
// ping it) finds it closed and takes another.
func (l *pgLink) shouldPing(ctx context.Context, p stdlib.ShouldPingParams) bool {
	if l.isAway() {
		p.Conn.Close(context.Background())
		return true
	}
	if p.IdleDuration <= time.Second {
		return false
	}
	pctx, cancel := context.WithTimeout(ctx, l.queryTimeout)
	defer cancel()
	if err := p.Conn.PgConn().Ping(pctx); err != nil {
		p.Conn.Close(context.Background())
		if ctx.Err() == nil {
			l.check()
		}
		return true
	}
	return false
}

type queryCancelKey struct{}

// TraceQueryStart gives the query its own deadline (pgx runs the query
// under the context returned here, and hands it to TraceQueryEnd, where it
// is released).
func (l *pgLink) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	if ctx.Value(longQueryKey{}) != nil {
		return ctx
	}
	ctx, cancel := context.WithTimeout(ctx, l.queryTimeout)
	return context.WithValue(ctx, queryCancelKey{}, cancel)
}

// TraceQueryEnd releases the query's deadline, and checks the database
// when the query failed for the network or ran out of its own time (not
// the caller's: a request that gave up says nothing of the database).
func (l *pgLink) TraceQueryEnd(ctx context.Context, _ *pgx.Conn, data pgx.TraceQueryEndData) {
	cancel, _ := ctx.Value(queryCancelKey{}).(context.CancelFunc)
	if cancel == nil {
		return
	}
	cancel()
	if data.Err == nil {
		return
	}
	var pe *pgconn.PgError
	if errors.As(data.Err, &pe) {
		return // the server answered
	}
	if errors.Is(data.Err, context.Canceled) {
		return
	}
	if pgconn.Timeout(data.Err) || errors.Is(data.Err, context.DeadlineExceeded) || isConnErr(data.Err) {
		l.check()
	}
}

func (l *pgLink) isAway() bool { return l.away.Load() != 0 }

// check probes the database on a fresh connection, in the background;
// while it is away, until it answers.
func (l *pgLink) check() {
	if !l.probing.CompareAndSwap(false, true) {
		return
	}
	l.mu.Lock()
	select {
	case <-l.quit:
		l.mu.Unlock()
		l.probing.Store(false)
		return
	default:
	}
	l.wg.Add(1)
	l.mu.Unlock()
	go func() {
		defer l.wg.Done()
		defer l.probing.Store(false)
		for {
			if l.probe() {
				l.away.Store(0)
				return
			}
			if l.away.CompareAndSwap(0, l.now().UnixNano()) {
				// Idle connections are likely dead: drop them, so that
				// no request waits on one.
				for _, db := range l.pools {
					n := db.Stats().MaxOpenConnections
					db.SetMaxIdleConns(0)
					db.SetMaxIdleConns(n)
				}
			}
			select {
			case <-l.quit:
				return
			case <-time.After(l.probeInterval):
			}
		}
	}()
}

// probe connects anew and pings, within the connect timeout.
func (l *pgLink) probe() bool {
	if l.probeCfg == nil {
		return false
	}
	ctx, cancel := context.WithTimeout(context.Background(), l.probeCfg.ConnectTimeout+l.queryTimeout)
	defer cancel()
	go func() {
		select {
		case <-l.quit: // the store closes
			cancel()
		case <-ctx.Done():
		}
	}()
	c, err := pgconn.ConnectConfig(ctx, l.probeCfg)
	if err != nil {
		return false
	}
	defer c.Close(context.Background())
	return c.Ping(ctx) == nil
}

// stop ends the probe, if one runs.
func (l *pgLink) stop() {
	l.mu.Lock()
	select {
	case <-l.quit:
	default:
		close(l.quit)
	}
	l.mu.Unlock()
	l.wg.Wait()
}
