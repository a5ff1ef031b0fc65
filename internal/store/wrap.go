package store

import "github.com/kotakita/aduan/internal/errctx"

// wrap names the operation an error came from (errctx.Wrap), deferred on
// every exported method with a named error result:
//
//	defer wrap(&err, "ApplyAction(%d, %s)", id, act)
//
// A domain *aduan.Error passes through untouched.
func wrap(err *error, format string, args ...any) { errctx.Wrap(err, format, args...) }
