package store_test

import (
	"sort"
	"sync"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestInfoRequestNumbersConcurrent: requests registered at the same moment
// (the desk and the public form together) each get a number of their own,
// gapless, and none fails. Numbering by MAX(seq) + 1 failed here on
// PostgreSQL with a duplicate key, which the requester saw as a 500.
func TestInfoRequestNumbersConcurrent(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newPPIDFixture(t, d)
		p := f.st.PPID()
		// One registered before: the counter starts after it.
		if _, err := p.Register(ctx, f.op, goodInfoRequest(), nil); err != nil {
			t.Fatal(err)
		}
		const n = 16
		var wg sync.WaitGroup
		numbers := make(chan string, n)
		errs := make(chan error, n)
		start := make(chan struct{})
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				r, err := p.Register(ctx, f.op, goodInfoRequest(), nil)
				if err != nil {
					errs <- err
					return
				}
				numbers <- r.Number
			}()
		}
		close(start)
		wg.Wait()
		close(numbers)
		close(errs)
		for err := range errs {
			t.Errorf("registered at once: %v", err)
		}
		var got []string
		for s := range numbers {
			got = append(got, s)
		}
		sort.Strings(got)
		for i, s := range got {
			if want := aduan.FormatInfoNumber(2026, int64(i+2)); s != want {
				t.Fatalf("numbers %v: #%d is %s, want %s", got, i, s, want)
			}
		}
		if len(got) != n {
			t.Fatalf("%d of %d registered", len(got), n)
		}
	})
}
