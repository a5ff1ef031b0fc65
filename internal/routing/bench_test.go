package routing_test

import (
	"fmt"
	"runtime"
	"syscall"
	"testing"
	"time"

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
// (internal/benchdata; made once per machine), flat out as the eval
// command does and at the service's share of a core: ns/op is the wall
// time, cpu-ms the process's CPU over it (cpu-share their ratio), B/op
// and allocs/op a training's garbage, model-MB the live heap the trained
// model keeps once its raw counts are dropped (what it adds to the
// server's idle RSS).
func BenchmarkTrain100k(b *testing.B) {
	st := benchdata.Open(b, store.SQLite, 100000)
	ref, err := routing.LoadReference(ctx, st)
	if err != nil {
		b.Fatal(err)
	}
	for _, share := range []float64{1, routing.TrainShare} {
		b.Run(fmt.Sprintf("share=%.2f", share), func(b *testing.B) {
			b.ReportAllocs()
			cpu0 := cpuTime(b)
			start := time.Now()
			var m *routing.Model
			for i := 0; i < b.N; i++ {
				if m, err = routing.TrainAt(ctx, st, ref, routing.DefaultOptions(), share); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			cpu, wall := cpuTime(b)-cpu0, time.Since(start)
			b.ReportMetric(float64(cpu.Milliseconds())/float64(b.N), "cpu-ms")
			b.ReportMetric(float64(cpu)/float64(wall), "cpu-share")
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			m.Release()
			runtime.GC()
			runtime.ReadMemStats(&after)
			b.ReportMetric(float64(m.Examples), "examples")
			b.ReportMetric(float64(after.HeapAlloc)/(1<<20), "model-MB")
			b.ReportMetric(float64(before.HeapAlloc-after.HeapAlloc)/(1<<20), "counts-MB")
		})
	}
}

// cpuTime is the process's user and system CPU so far.
func cpuTime(b *testing.B) time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		b.Fatal(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
