package web

import (
	"context"

	"github.com/kotakita/aduan"
)

// Calls is what the incoming-call pop (Call) reads and writes: the
// operator the PBX names, and the call's line in the contact log.
type Calls interface {
	UserByUsername(ctx context.Context, name string) (*aduan.User, error)
	LogContact(ctx context.Context, actor aduan.Actor, c *aduan.Contact) error
}

// storeCalls is Calls over the store's users and citizens.
type storeCalls struct {
	users interface {
		UserByUsername(ctx context.Context, name string) (*aduan.User, error)
	}
	citizens interface {
		LogContact(ctx context.Context, actor aduan.Actor, c *aduan.Contact) error
	}
}

func (c storeCalls) UserByUsername(ctx context.Context, name string) (*aduan.User, error) {
	return c.users.UserByUsername(ctx, name)
}

func (c storeCalls) LogContact(ctx context.Context, actor aduan.Actor, ct *aduan.Contact) error {
	return c.citizens.LogContact(ctx, actor, ct)
}
