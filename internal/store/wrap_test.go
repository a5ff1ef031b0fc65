package store_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestStoreErrorsNameTheOperation: a failure that is not the domain's (here
// a request that gave up while in the database) reaches the log with the
// store operation and the ID it worked on, on *Store and on the aggregate
// stores, and still matches what it wraps; a domain error (not found) comes
// out unchanged, so that surfaces read its code and key as before.
func TestStoreErrorsNameTheOperation(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		st := dbtest.Open(t, d)
		gone, cancel := context.WithCancel(ctx)
		cancel()
		for _, tc := range []struct {
			prefix string
			call   func() error
		}{
			{"Message(42): ", func() error { _, err := st.Messages().Message(gone, 42); return err }},
			{"Agency(43): ", func() error { _, err := st.RefData().Agency(gone, 43); return err }},
			{"PPID.Request(44): ", func() error { _, err := st.PPID().Request(gone, aduan.System, 44); return err }},
		} {
			err := tc.call()
			if err == nil || !strings.HasPrefix(err.Error(), tc.prefix) || !errors.Is(err, context.Canceled) {
				t.Errorf("want %q… wrapping context.Canceled, got %v", tc.prefix, err)
			}
		}

		_, err := st.Messages().Message(ctx, 987654)
		de, ok := err.(*aduan.Error) // as it left the store's own code, not wrapped
		if !ok {
			t.Fatalf("a missing message: want the domain's *aduan.Error itself, got %T %v", err, err)
		}
		if de.Code != aduan.ENOTFOUND || err.Error() != "aduan: not_found: err.not_found.message" {
			t.Errorf("the domain error changed: %v", err)
		}
		var as *aduan.Error
		if !errors.As(err, &as) || as != de {
			t.Errorf("errors.As: %v", as)
		}
	})
}
