package store_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// Calls recorded at the same moment, several from one new number with
// different names given: every one is recorded (none fails on the unique
// phone or on the citizen's version), all under one citizen, with gapless
// numbers and an event and audit record each.
func TestConcurrentIntakeOfOneCaller(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		const n = 24
		errs := make([]error, n)
		ids := make([]int64, n)
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				phone := "081299990000"
				if i%3 == 2 {
					phone = fmt.Sprintf("0812999901%02d", i)
				}
				c, err := f.st.Complaints().CreateComplaint(ctx, f.op, aduan.NewComplaint{
					Text: fmt.Sprintf("Lampu jalan mati di gang %d.", i), KelurahanCode: f.kel,
					Citizen: &aduan.CitizenInput{Name: fmt.Sprintf("Penelepon %d", i), Phone: phone},
				})
				errs[i] = err
				if err == nil {
					ids[i] = c.CitizenID
				}
			}()
		}
		wg.Wait()
		shared := map[int64]bool{}
		for i, err := range errs {
			if err != nil {
				t.Fatalf("call %d: %v", i, err)
			}
			if i%3 != 2 {
				shared[ids[i]] = true
			}
		}
		if len(shared) != 1 {
			t.Errorf("one number became %d citizens", len(shared))
		}
		if got := count(t, f.st, "citizens"); got != 1+n/3 {
			t.Errorf("%d citizens, want %d", got, 1+n/3)
		}
		if got := count(t, f.st, "complaints"); got != n {
			t.Errorf("%d complaints", got)
		}
		var events, audits, maxNumber int
		f.st.DB().QueryRow(`SELECT COUNT(*) FROM complaint_events WHERE action = 'create'`).Scan(&events)
		f.st.DB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'complaint.create'`).Scan(&audits)
		f.st.DB().QueryRow(`SELECT MAX(last) FROM complaint_numbers`).Scan(&maxNumber)
		if events != n || audits != n || maxNumber != n {
			t.Errorf("%d events, %d audit records, last number %d; want %d each", events, audits, maxNumber, n)
		}
	})
}
