package routing_test

import (
	"testing"

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
