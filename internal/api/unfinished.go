package api

import (
	"context"
	"errors"
	"fmt"

	"github.com/kotakita/aduan"
)

// Unfinished says what an error means when the request's own deadline
// expired while it was being served: the work could not finish in time
// (the database slow or away), which the client may retry, never an
// internal error. err is returned as it is when it already says something
// to the user, or has nothing to do with a deadline. Every surface's error
// adapter calls it, so that an expired context is a 503 with Retry-After
// in that surface's shape, never a 500 (or, on Open311, a 400).
func Unfinished(ctx context.Context, err error) error {
	if err == nil || aduan.ErrorCode(err) != aduan.EINTERNAL {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w (%w)", aduan.Errorf(aduan.EUNAVAILABLE, "upload.err.deadline"), err)
	}
	return err
}
