package routing_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/routing"
	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
)

var ctx = context.Background()

func labelled(t *testing.T) []routing.Labelled {
	t.Helper()
	f, err := os.Open("testdata/eval_routing.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	set, err := routing.ReadLabelled(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(set) < 200 {
		t.Fatalf("the labelled set has %d complaints, want at least 200", len(set))
	}
	return set
}

// TestModelBeatsKeywordBaseline trains on the demo's finished complaints
// (a city with some history) and on nothing but the seeds (a new install),
// and checks both against the keyword-only baseline on the labelled set,
// which was written for this test and shares no text with the demo.
func TestModelBeatsKeywordBaseline(t *testing.T) {
	st := dbtest.OpenSeeded(t, store.SQLite)
	set := labelled(t)
	ref, err := routing.LoadReference(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	base := routing.Evaluate(routing.Baseline(ref), set)
	fresh, err := routing.Train(ctx, st, ref, routing.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	seedOnly := routing.Evaluate(suggester(fresh, ref), set)
	if _, err := setup.Demo(ctx, st, setup.DemoOptions{Complaints: 400, Seed: 7, Now: time.Now()}); err != nil {
		t.Fatal(err)
	}
	trained, err := routing.Train(ctx, st, ref, routing.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if trained.Examples == 0 {
		t.Fatal("the demo gave nothing to learn from")
	}
	learned := routing.Evaluate(suggester(trained, ref), set)
	t.Logf("baseline  %+v", base)
	t.Logf("seeds     %+v", seedOnly)
	t.Logf("learned   %+v (from %d complaints)", learned, trained.Examples)
	for name, m := range map[string]routing.Metrics{"seeds only": seedOnly, "learned": learned} {
		if m.AgencyTop1 <= base.AgencyTop1 || m.CategoryTop1 <= base.CategoryTop1 || m.AgencyTop3 <= base.AgencyTop3 || m.CategoryTop3 <= base.CategoryTop3 {
			t.Errorf("%s does not beat the keyword baseline: %+v vs %+v", name, m, base)
		}
	}
}

func suggester(m *routing.Model, ref *routing.Reference) routing.Suggester {
	r := routing.NewRouter(m, ref)
	return func(text, kel string) routing.Suggestion { return r.Suggest(text, kel, 3) }
}

// TestLearnsFromTheCitysComplaints trains without any seed on half of the
// labelled set, as if those were the city's finished complaints, and
// evaluates on the other half: what the model gets right there it learned.
func TestLearnsFromTheCitysComplaints(t *testing.T) {
	st := dbtest.OpenSeeded(t, store.SQLite)
	set := labelled(t)
	ref, err := routing.LoadReference(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	agency, category := map[string]int64{}, map[string]int64{}
	for _, a := range ref.Agencies {
		agency[a.Code] = a.ID
	}
	for _, c := range ref.Categories {
		category[c.Code] = c.ID
	}
	o := routing.DefaultOptions()
	o.NoSeeds = true
	tr, err := routing.NewTrainer(ref, o)
	if err != nil {
		t.Fatal(err)
	}
	var test []routing.Labelled
	for i, l := range set {
		if i%2 == 1 {
			test = append(test, l)
			continue
		}
		tr.Add(routing.Example{Text: l.Text, AgencyID: agency[l.Agency], CategoryID: category[l.Category]})
	}
	learned := routing.Evaluate(suggester(tr.Model(), ref), test)
	base := routing.Evaluate(routing.Baseline(ref), test)
	t.Logf("baseline %+v", base)
	t.Logf("learned  %+v", learned)
	if learned.AgencyTop3 <= base.AgencyTop3 || learned.CategoryTop3 <= base.CategoryTop3 {
		t.Errorf("a model learned from %d complaints does not beat the keywords: %+v vs %+v", len(set)-len(test), learned, base)
	}
}
