package server

import (
	"context"
	"errors"
	"runtime"
	"testing"
	"time"
)

// TestWorkCtx: the work's deadline is stopped while a body arrives and
// started afresh after; contexts derived from it (each query's) end with
// it as DeadlineExceeded, without a goroutine each; the client going away
// ends it as Canceled.
func TestWorkCtx(t *testing.T) {
	parent, cancel := context.WithCancel(context.Background())
	defer cancel()
	wc := newWorkCtx(parent, 50*time.Millisecond)
	defer wc.release()
	if !wc.pause() {
		t.Fatal("paused when done")
	}
	if _, ok := wc.Deadline(); ok {
		t.Error("a deadline while paused")
	}
	time.Sleep(100 * time.Millisecond) // longer than the deadline: paused, nothing happens
	if wc.Err() != nil {
		t.Fatalf("ended while paused: %v", wc.Err())
	}
	before := runtime.NumGoroutine()
	children := make([]context.Context, 50)
	for i := range children {
		var stop context.CancelFunc
		children[i], stop = context.WithTimeout(wc, time.Hour)
		defer stop()
	}
	if n := runtime.NumGoroutine() - before; n > 5 {
		t.Errorf("%d goroutines for 50 derived contexts", n)
	}
	wc.restart()
	if at, ok := wc.Deadline(); !ok || time.Until(at) > 50*time.Millisecond {
		t.Errorf("deadline after restart: %v %v", at, ok)
	}
	for _, c := range children {
		<-c.Done()
		if !errors.Is(c.Err(), context.DeadlineExceeded) {
			t.Fatalf("a derived context ended with %v", c.Err())
		}
	}
	if !errors.Is(wc.Err(), context.DeadlineExceeded) {
		t.Errorf("ended with %v", wc.Err())
	}
	if wc.pause() {
		t.Error("paused once done")
	}

	gone := newWorkCtx(parent, time.Hour)
	defer gone.release()
	cancel()
	<-gone.Done()
	if !errors.Is(gone.Err(), context.Canceled) {
		t.Errorf("the client gone: %v", gone.Err())
	}
}
