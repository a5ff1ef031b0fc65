package api

import (
	"context"

	"github.com/kotakita/aduan/internal/store"
)

type credentialKey struct{}

// WithCredential stores what the request was authenticated with (its
// session or token), so that a password change can keep it and end the
// others.
func WithCredential(ctx context.Context, c store.Credential) context.Context {
	return context.WithValue(ctx, credentialKey{}, c)
}

// CredentialFrom returns the request's credential (zero when none).
func CredentialFrom(ctx context.Context) store.Credential {
	c, _ := ctx.Value(credentialKey{}).(store.Credential)
	return c
}
