package routing_test

import (
	"runtime"
	"testing"

	"github.com/kotakita/aduan/internal/benchdata"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/routing"
	"github.com/kotakita/aduan/internal/store"
)

// BenchmarkSuggest is one suggestion as the desk panel asks for it (a new
// install's model, the rules after it), cycling over the labelled sets'
// texts.
func BenchmarkSuggest(b *testing.B) {
	st := dbtest.OpenSeeded(b, store.SQLite)
	ref, err := routing.LoadReference(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	tr, err := routing.NewTrainer(ref, routing.DefaultOptions())
	if err != nil {
		b.Fatal(err)
	}
	r := routing.NewRouter(tr.Model(), ref)
	var texts []string
	for _, name := range []string{"eval_routing.jsonl", "eval_routing_heldout.jsonl", "eval_routing_heldout2.jsonl", "eval_routing_heldout3.jsonl"} {
		for _, l := range readSet(b, name) {
			texts = append(texts, l.Text)
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r.Suggest(texts[i%len(texts)], "", 3)
	}
}

// BenchmarkTrain100k trains from the 100,000-complaint dataset
// (internal/benchdata; made once per machine) flat out, as the eval
// command does: its time and allocations are a training's CPU and
// garbage, model-MB the live heap the trained model keeps once its raw
// counts are dropped (what it adds to the server's idle RSS).
func BenchmarkTrain100k(b *testing.B) {
	st := benchdata.Open(b, store.SQLite, 100000)
	ref, err := routing.LoadReference(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var m *routing.Model
	for i := 0; i < b.N; i++ {
		if m, err = routing.Train(ctx, st, ref, routing.DefaultOptions()); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	m.Release()
	runtime.GC()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(m.Examples), "examples")
	b.ReportMetric(float64(after.HeapAlloc)/(1<<20), "model-MB")
	b.ReportMetric(float64(before.HeapAlloc-after.HeapAlloc)/(1<<20), "counts-MB")
}
