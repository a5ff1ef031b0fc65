package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/kotakita/aduan"
)

// The limiter: counts of hits per bucket in fixed windows, kept in the
// database (rate_limits) so that every instance behind a load balancer
// shares them and a restart forgets nothing. It is the one limiter of the
// service: log-in attempts (per address, per account and address, per
// account), public tracking guesses (/lacak), the public form, Open311
// clients and SMS status requests all count here, each under its own
// bucket prefix.

// Hit counts one use of bucket in the current fixed window and reports
// whether it is within limit; when it is not, retry says how long until the
// window ends. The count lives in the database, so every instance behind a
// load balancer shares it.
func (ua *Users) Hit(ctx context.Context, bucket string, window time.Duration, limit int) (ok bool, retry time.Duration, err error) {
	s := ua.s
	defer wrap(&err, "Hit()")
	now := s.Now()
	w := window.Milliseconds()
	start := now.UnixMilli() / w * w
	var hits int
	err = s.tx(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1)
			ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits`, bucket, start).Scan(&hits); err != nil {
			return err
		}
		if hits == 1 {
			// A new window: forget windows of a day ago and more, so the
			// table stays small without a sweeper.
			_, err := tx.ExecContext(ctx, `DELETE FROM rate_limits WHERE bucket = $1 AND window_start < $2`, bucket, now.UnixMilli()-max(w, 24*3600*1000))
			return err
		}
		return nil
	})
	if err != nil {
		return false, 0, err
	}
	if hits > limit {
		return false, time.Duration(start+w-now.UnixMilli()) * time.Millisecond, nil
	}
	return true, 0, nil
}

// Peek reports how many hits bucket has in the current window, without
// counting one.
func (ua *Users) Peek(ctx context.Context, bucket string, window time.Duration) (_ int, err error) {
	s := ua.s
	defer wrap(&err, "Peek()")
	w := window.Milliseconds()
	start := s.Now().UnixMilli() / w * w
	var n int
	err = s.rdb.QueryRowContext(ctx, `SELECT hits FROM rate_limits WHERE bucket = $1 AND window_start = $2`, bucket, start).Scan(&n)
	if err == sql.ErrNoRows {
		return 0, nil
	}
	return n, mapErr(err)
}

// Full reports whether bucket already holds limit hits in the current
// window, without counting one, and how long until the window ends.
func (ua *Users) Full(ctx context.Context, bucket string, window time.Duration, limit int) (full bool, retry time.Duration, err error) {
	s := ua.s
	defer wrap(&err, "Full()")
	n, err := s.Users().Peek(ctx, bucket, window)
	if err != nil || n < limit {
		return false, 0, err
	}
	w := window.Milliseconds()
	now := s.Now().UnixMilli()
	return true, time.Duration(now/w*w+w-now) * time.Millisecond, nil
}

// Reset forgets bucket's counts (a log-in that succeeded clears its
// address's failures for the account).
func (ua *Users) Reset(ctx context.Context, bucket string) (err error) {
	s := ua.s
	defer wrap(&err, "Reset()")
	_, err = s.wdb.ExecContext(ctx, `DELETE FROM rate_limits WHERE bucket = $1`, bucket)
	return mapErr(err)
}

// RetryError is a refusal for now: the domain error to show, and how long
// the caller should wait (the Retry-After header).
type RetryError struct {
	Err   *aduan.Error
	After time.Duration
}

func (e *RetryError) Error() string { return fmt.Sprintf("%v (retry after %s)", e.Err, e.After) }

// Unwrap gives the domain error to aduan.AsError and ErrorCode.
func (e *RetryError) Unwrap() error { return e.Err }

// RetryAfterSeconds is After in whole seconds, at least one, for the
// Retry-After header.
func (e *RetryError) RetryAfterSeconds() int { return int(e.After.Seconds()) + 1 }

// Log-in limits. Attempts are counted per address (any account), failures
// per account and address (the lock) and per account from everywhere (the
// back-off). An account is never locked for everyone: a stranger who
// guesses wrong locks only their own address out of it, and the
// account-wide back-off makes everyone wait at most the rest of a minute.
// Accounts are named as typed, so a name that exists and one that does not
// are counted, refused and answered alike.
const (
	// LoginsPerAddress bounds attempts from one address per minute.
	LoginsPerAddress = 20
	// MaxFailedLogins wrong passwords for one account from one address
	// lock that address out of that account for the rest of LockDuration's
	// window.
	MaxFailedLogins = 5
	LockDuration    = 15 * time.Minute
	// AccountFailuresPerMinute wrong passwords for one account from all
	// addresses together make every address wait for the minute to end:
	// slow guessing from many addresses gets at most this many tries a
	// minute, and a flood cannot keep the owner out for longer than that.
	AccountFailuresPerMinute = 10
)

func loginBuckets(username, addr string) (perAddr, pair, account string) {
	return "login-ip:" + addr, "login-fail:" + username + "|" + addr, "login-acct:" + username
}

// loginGate counts an attempt from addr and refuses it when the address,
// or this account from this address, or the account as a whole is over
// its limit.
func (s *Store) loginGate(ctx context.Context, username, addr string) error {
	perAddr, pair, account := loginBuckets(username, addr)
	ok, retry, err := s.Users().Hit(ctx, perAddr, time.Minute, LoginsPerAddress)
	if err != nil {
		return err
	}
	if !ok {
		return &RetryError{Err: aduan.Errorf(aduan.ERATELIMIT, "err.rate_limited"), After: retry}
	}
	for _, l := range []struct {
		bucket string
		window time.Duration
		limit  int
	}{{pair, LockDuration, MaxFailedLogins}, {account, time.Minute, AccountFailuresPerMinute}} {
		full, retry, err := s.Users().Full(ctx, l.bucket, l.window, l.limit)
		if err != nil {
			return err
		}
		if full {
			return &RetryError{Err: aduan.Errorf(aduan.ERATELIMIT, "err.login_wait", int(retry.Seconds())+1), After: retry}
		}
	}
	return nil
}

// loginFailed counts a wrong password for the account from addr. The
// account's lock for this address is audited when it begins (for a user
// that exists).
func (s *Store) loginFailed(ctx context.Context, username, addr string, userID int64) error {
	_, pair, account := loginBuckets(username, addr)
	ok, _, err := s.Users().Hit(ctx, pair, LockDuration, MaxFailedLogins-1)
	if err != nil {
		return err
	}
	if !ok && userID != 0 {
		// The fifth failure: later attempts stop at the gate, so this is
		// when the lock begins.
		if err := s.tx(ctx, func(tx *sql.Tx) error {
			return s.audit(ctx, tx, aduan.System, "user.locked", "user", userID, nil, map[string]any{"address": addr})
		}); err != nil {
			return err
		}
	}
	_, _, err = s.Users().Hit(ctx, account, time.Minute, AccountFailuresPerMinute)
	return err
}

// forgetLoginFailures clears the log-in failures counted for a user's
// account, from every address (a new password was set).
func (s *Store) forgetLoginFailures(ctx context.Context, tx *sql.Tx, userID int64) error {
	var username string
	if err := tx.QueryRowContext(ctx, `SELECT username FROM users WHERE id = $1`, userID).Scan(&username); err != nil {
		return err
	}
	_, pairPrefix, account := loginBuckets(username, "")
	// The buckets of every address: those between "login-fail:NAME|" and
	// "login-fail:NAME}" ('}' follows '|'), without LIKE's wildcards.
	_, err := tx.ExecContext(ctx, `DELETE FROM rate_limits WHERE (bucket >= $1 AND bucket < $2) OR bucket = $3`,
		pairPrefix, strings.TrimSuffix(pairPrefix, "|")+"}", account)
	return err
}
