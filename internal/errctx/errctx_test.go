package errctx

import (
	"errors"
	"testing"

	"github.com/kotakita/aduan"
)

// TestWrapKeepsDomainErrors: a domain error comes out of a store or job
// method as it went in (surfaces read its code, key and fields); any other error
// names the operation and still matches what it wraps.
func TestWrapKeepsDomainErrors(t *testing.T) {
	op := func(in error) (err error) {
		defer Wrap(&err, "ApplyAction(%d, %s)", int64(42), aduan.ActionForward)
		return in
	}
	domain := aduan.Errorf(aduan.ECONFLICT, "err.stale")
	if got := op(domain); got != domain {
		t.Errorf("a domain error was changed: %v", got)
	}
	locked := errors.New("database is locked")
	got := op(locked)
	if !errors.Is(got, locked) || got.Error() != "ApplyAction(42, forward): database is locked" {
		t.Errorf("got %q", got)
	}
	if op(nil) != nil {
		t.Error("nil became an error")
	}
}
