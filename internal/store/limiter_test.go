package store_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// stillClock stands still one minute into a quarter hour, so that no
// limiter window turns over during a test; advance moves it.
type stillClock struct{ t time.Time }

func newStillClock() *stillClock {
	return &stillClock{time.Now().Truncate(time.Hour).Add(time.Minute + 30*time.Second)}
}
func (c *stillClock) now() time.Time          { return c.t }
func (c *stillClock) advance(d time.Duration) { c.t = c.t.Add(d) }

// TestLoginLockByAccountAndAddress: wrong passwords lock the address that
// typed them out of that account, not the account for everyone; unknown
// user names are counted and answered exactly like known ones; the
// account-wide back-off makes everyone wait at most the rest of a minute.
func TestLoginLockByAccountAndAddress(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		clk := newStillClock()
		f.st.Now = clk.now
		type answer struct{ code, key string }
		try := func(user, pw, addr string) (answer, error) {
			_, err := f.st.Users().Authenticate(ctx, user, pw, addr)
			if err == nil {
				return answer{}, nil
			}
			e, ok := aduan.AsError(err)
			if !ok {
				t.Fatalf("%s from %s: %v", user, addr, err)
			}
			return answer{e.Code, e.Key}, err
		}
		// Five wrong passwords for op2 and for a name that does not exist,
		// from one address: the same answers throughout.
		for i := 0; i < store.MaxFailedLogins; i++ {
			known, _ := try("op2", "salah", "10.0.0.1")
			unknown, _ := try("tidak.ada", "salah", "10.0.0.1")
			if known != (answer{aduan.EUNAUTHORIZED, "err.login_failed"}) || unknown != known {
				t.Fatalf("attempt %d: known %v, unknown %v", i+1, known, unknown)
			}
		}
		known, err := try("op2", "kata-sandi-rahasia", "10.0.0.1")
		unknown, _ := try("tidak.ada", "kata-sandi-rahasia", "10.0.0.1")
		if known != (answer{aduan.ERATELIMIT, "err.login_wait"}) || unknown != known {
			t.Errorf("locked: known %v, unknown %v", known, unknown)
		}
		var re *store.RetryError
		if !errors.As(err, &re) || re.After <= 0 || re.After > store.LockDuration {
			t.Errorf("no Retry-After for the lock: %v", err)
		}
		// The owner, from their own address, is not locked out.
		if a, err := try("op2", "kata-sandi-rahasia", "10.0.0.2"); a != (answer{}) {
			t.Errorf("owner from another address: %v", err)
		}
		audit, _ := f.st.Audit(ctx, f.admin, aduan.AuditFilter{Action: "user.locked"})
		if len(audit) != 1 || audit[0].EntityID != fmt.Sprint(f.op2.UserID) {
			t.Errorf("lock audit: %+v", audit)
		}
		// An admin's reset lifts it at once.
		if err := f.st.Users().SetPassword(ctx, f.admin, f.op2.UserID, "", "kata-sandi-reset-1", store.Credential{}); err != nil {
			t.Fatal(err)
		}
		if a, err := try("op2", "kata-sandi-reset-1", "10.0.0.1"); a != (answer{}) {
			t.Errorf("after the reset: %v", err)
		}
		for i := 0; i < store.MaxFailedLogins; i++ {
			try("op2", "salah", "10.0.0.1")
		}
		// The lock ends with its window.
		clk.advance(store.LockDuration)
		if a, err := try("op2", "kata-sandi-reset-1", "10.0.0.1"); a != (answer{}) {
			t.Errorf("after the lock: %v", err)
		}

		// Many addresses, a few wrong guesses each: after ten a minute the
		// account makes everyone wait for the minute to end, no longer.
		for i := 0; i < store.AccountFailuresPerMinute; i++ {
			try("op1", "salah", fmt.Sprintf("10.1.0.%d", i))
		}
		if a, _ := try("op1", "kata-sandi-rahasia", "10.2.0.1"); a != (answer{aduan.ERATELIMIT, "err.login_wait"}) {
			t.Errorf("account back-off: %v", a)
		}
		clk.advance(time.Minute)
		if a, err := try("op1", "kata-sandi-rahasia", "10.2.0.1"); a != (answer{}) {
			t.Errorf("after the back-off: %v", err)
		}

		// One address, many names: twenty attempts a minute.
		clk.advance(time.Minute)
		for i := 0; i < store.LoginsPerAddress; i++ {
			if a, _ := try(fmt.Sprintf("nama%d", i), "salah", "10.3.0.1"); a.code != aduan.EUNAUTHORIZED {
				t.Fatalf("attempt %d: %v", i+1, a)
			}
		}
		if a, _ := try("op1", "kata-sandi-rahasia", "10.3.0.1"); a != (answer{aduan.ERATELIMIT, "err.rate_limited"}) {
			t.Errorf("per address: %v", a)
		}
	})
}

// TestLimiterSharedBetweenInstances: two store instances on one database
// (two service instances behind a load balancer) count in the same
// buckets, for log-in, tracking guesses and the public form alike.
func TestLimiterSharedBetweenInstances(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		cfg := store.Config{DataDir: t.TempDir()}
		if d == store.Postgres {
			cfg = store.Config{URL: dbtest.PostgresURL(t)}
		}
		clk := newStillClock()
		open := func() *store.Store {
			st, err := store.Open(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			st.Now = clk.now
			return st
		}
		a, b := open(), open()
		for i := 0; i < 3; i++ {
			for _, st := range []*store.Store{a, b} {
				if ok, _, err := st.Users().Hit(ctx, "track-ip:10.9.0.1", time.Hour, 6); err != nil || !ok {
					t.Fatalf("hit %d: %v %v", i, ok, err)
				}
			}
		}
		for _, st := range []*store.Store{a, b} {
			if n, err := st.Users().Peek(ctx, "track-ip:10.9.0.1", time.Hour); err != nil || n != 6 {
				t.Errorf("count seen: %d %v", n, err)
			}
		}
		if ok, retry, _ := b.Users().Hit(ctx, "track-ip:10.9.0.1", time.Hour, 6); ok || retry <= 0 {
			t.Errorf("the seventh hit on the other instance: ok %v retry %v", ok, retry)
		}
		// Log-in: failures on one instance lock the address on the other.
		for i := 0; i < store.MaxFailedLogins; i++ {
			st := []*store.Store{a, b}[i%2]
			if _, err := st.Users().Authenticate(ctx, "siapa", "salah", "10.9.0.2"); aduan.ErrorCode(err) != aduan.EUNAUTHORIZED {
				t.Fatalf("attempt %d: %v", i+1, err)
			}
		}
		for _, st := range []*store.Store{a, b} {
			if _, err := st.Users().Authenticate(ctx, "siapa", "salah", "10.9.0.2"); aduan.ErrorCode(err) != aduan.ERATELIMIT {
				t.Errorf("after five failures across instances: %v", err)
			}
		}
	})
}
