package routing_test

import (
	"reflect"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/routing"
	"github.com/kotakita/aduan/internal/store"
)

// TestFirstSuggestionDoesNotWaitForTraining: on a fresh install the first
// suggestion is the keyword baseline, answered while the background
// training is held back (a request that trained would block on it); once
// the training is let go the model answers, and a restart loads the stored
// model without training again.
func TestFirstSuggestionDoesNotWaitForTraining(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		st := dbtest.OpenSeeded(t, d)
		ref, err := routing.LoadReference(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		const text = "lampu jalan di gang kami mati sudah seminggu"

		svc := routing.NewService(st, nil)
		var trainings atomic.Int32
		release := make(chan struct{})
		svc.BeforeTrain = func() {
			trainings.Add(1)
			<-release
		}
		svc.Start()
		defer svc.Close()

		type answer struct {
			s    routing.Suggestion
			info routing.Info
			err  error
		}
		got := make(chan answer, 1)
		go func() {
			s, info, err := svc.Suggest(ctx, text, "")
			got <- answer{s, info, err}
		}()
		var first answer
		select {
		case first = <-got:
		case <-time.After(20 * time.Second): // a deadlock guard, not a speed check
			close(release)
			t.Fatal("the first suggestion waited for the training")
		}
		if first.err != nil {
			t.Fatal(first.err)
		}
		if want := routing.Baseline(ref)(text, ""); !first.info.TrainedAt.IsZero() || !reflect.DeepEqual(first.s, want) {
			t.Errorf("first suggestion %+v (model %+v), want the keyword baseline %+v", first.s, first.info, want)
		}
		if len(first.s.Agencies) == 0 || first.s.Agencies[0].Code != "DISHUB" {
			t.Errorf("baseline agencies %+v", first.s.Agencies)
		}

		close(release)
		<-svc.Ready()
		s, info, err := svc.Suggest(ctx, text, "")
		if err != nil {
			t.Fatal(err)
		}
		if info.TrainedAt.IsZero() || len(s.Agencies) == 0 || s.Agencies[0].Confidence == 0 {
			t.Errorf("after training: %+v (model %+v)", s, info)
		}
		if n := trainings.Load(); n != 1 {
			t.Errorf("%d trainings, want 1 (in the background)", n)
		}
		svc.Close()

		// A restart loads the stored model at once and trains nothing.
		again := routing.NewService(st, nil)
		again.BeforeTrain = func() { t.Error("a restart trained instead of loading the stored model") }
		again.Start()
		defer again.Close()
		<-again.Ready()
		s2, info2, err := again.Suggest(ctx, text, "")
		if err != nil {
			t.Fatal(err)
		}
		if !info2.TrainedAt.Equal(info.TrainedAt) || !reflect.DeepEqual(s2, s) {
			t.Errorf("after restart: %+v (model %+v), want %+v (model %+v)", s2, info2, s, info)
		}
	})
}

// TestStaleStoredModelAnswersWhileTheNextTrains: a stored model trained
// with other seeds or reference data (another fingerprint: an upgrade)
// answers at once after a start, not the keyword baseline, while its
// successor trains in the background; the new one then replaces it.
func TestStaleStoredModelAnswersWhileTheNextTrains(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		st := dbtest.OpenSeeded(t, d)
		ref, err := routing.LoadReference(ctx, st)
		if err != nil {
			t.Fatal(err)
		}
		m, err := routing.Train(ctx, st, ref, routing.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		data, err := m.Marshal()
		if err != nil {
			t.Fatal(err)
		}
		old := &store.RoutingModel{TrainedAt: st.Now().Add(-48 * time.Hour).Truncate(time.Millisecond), Fingerprint: "before-the-upgrade", Data: data}
		if err := st.Library().SaveRoutingModel(ctx, old); err != nil {
			t.Fatal(err)
		}

		svc := routing.NewService(st, nil)
		release := make(chan struct{})
		svc.BeforeTrain = func() { <-release }
		svc.Start()
		defer svc.Close()
		select {
		case <-svc.Ready():
		case <-time.After(20 * time.Second): // a deadlock guard, not a speed check
			close(release)
			t.Fatal("no model answered until the training ended")
		}
		const text = "lampu jalan di gang kami mati sudah seminggu"
		s, info, err := svc.Suggest(ctx, text, "")
		if err != nil {
			t.Fatal(err)
		}
		if !info.TrainedAt.Equal(old.TrainedAt) || len(s.Agencies) == 0 || s.Agencies[0].Code != "DISHUB" {
			t.Errorf("during the training: %+v from the model of %v, want DISHUB from the stored one of %v", s.Agencies, info.TrainedAt, old.TrainedAt)
		}
		close(release)
		for deadline := time.Now().Add(20 * time.Second); ; time.Sleep(10 * time.Millisecond) {
			if _, info, _ = svc.Suggest(ctx, text, ""); !info.TrainedAt.Equal(old.TrainedAt) {
				break
			}
			if time.Now().After(deadline) { // a deadlock guard
				t.Fatal("the new model never replaced the stale one")
			}
		}
	})
}
