package store

import "context"

type stepExtraKey struct{}

// WithinStep tags ctx so that ApplyAction runs fn inside the step's
// transaction, after its event and audit record: what comes with a step
// (the photos of an agency's answer) commits with it or not at all.
func WithinStep(ctx context.Context, fn TxHook) context.Context {
	return context.WithValue(ctx, stepExtraKey{}, fn)
}

func stepExtraOf(ctx context.Context) TxHook {
	fn, _ := ctx.Value(stepExtraKey{}).(TxHook)
	return fn
}
