package store

import "context"

type stepExtraKey struct{}

// WithinStep tags ctx so that ApplyAction runs fn inside the step's
// transaction, after its event and audit record: what comes with a step
// (the photos of an agency's answer) commits with it or not at all. A hook
// already on ctx runs first, as with WithinCreate.
func WithinStep(ctx context.Context, fn TxHook) context.Context {
	if prev := stepExtraOf(ctx); prev != nil {
		fn = ChainTx(prev, fn)
	}
	return context.WithValue(ctx, stepExtraKey{}, fn)
}

func stepExtraOf(ctx context.Context) TxHook {
	fn, _ := ctx.Value(stepExtraKey{}).(TxHook)
	return fn
}
