package jobs_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestQueueErrorsNameTheOperation: a queue operation that fails for a reason
// not the domain's (the request gave up) says which operation on which
// message, and still matches what it wraps; a domain error (no such
// message) comes out as the store gave it, for the console to word.
func TestQueueErrorsNameTheOperation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		gone, cancel := context.WithCancel(ctx)
		cancel()
		_, err := f.q.Retry(gone, f.adm, 42)
		if err == nil || !strings.HasPrefix(err.Error(), "Queue.Retry(42): ") || !errors.Is(err, context.Canceled) {
			t.Errorf("want Queue.Retry(42): … wrapping context.Canceled, got %v", err)
		}
		_, err = f.q.Retry(ctx, f.adm, 987654)
		if de, ok := err.(*aduan.Error); !ok || de.Code != aduan.ENOTFOUND || err.Error() != "aduan: not_found: err.not_found.message" {
			t.Errorf("a missing message: want the store's *aduan.Error unchanged, got %T %v", err, err)
		}
	})
}
