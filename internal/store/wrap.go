package store

import (
	"fmt"

	"github.com/kotakita/aduan"
)

// wrap names the operation an error came from, so that a log line says
// "ApplyAction(42, forward): database is locked" rather than the bare
// driver's words. Use it deferred on an exported method with a named
// error result:
//
//	defer wrap(&err, "ApplyAction(%d, %s)", id, act)
//
// A domain *aduan.Error (bad input, not found, a stale version...) passes
// through untouched: it already says what went wrong to the user, and
// surfaces compare its code and key.
func wrap(err *error, format string, args ...any) {
	if *err == nil {
		return
	}
	if _, ok := (*err).(*aduan.Error); ok {
		return
	}
	*err = fmt.Errorf(format+": %w", append(args, *err)...)
}
