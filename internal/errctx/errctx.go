// Package errctx names the operation an error came from, for the store, the
// jobs and the services alike, so that a log line says
// "ApplyAction(42, forward): database is locked" rather than the bare
// driver's words, and every package passes the domain's errors the same way.
package errctx

import (
	"fmt"

	"github.com/kotakita/aduan"
)

// Wrap prefixes *err with the operation. Use it deferred on an exported
// method with a named error result, with the IDs and keys it works on (never
// personal data: logs keep errors):
//
//	defer errctx.Wrap(&err, "ApplyAction(%d, %s)", id, act)
//
// A domain *aduan.Error (bad input, not found, a stale version...) passes
// through untouched: it already says what went wrong to the user, and
// surfaces compare its code and key. Anything else still matches what it
// wraps (errors.Is, errors.As).
func Wrap(err *error, format string, args ...any) {
	if *err == nil {
		return
	}
	if _, ok := (*err).(*aduan.Error); ok {
		return
	}
	*err = fmt.Errorf(format+": %w", append(args, *err)...)
}
