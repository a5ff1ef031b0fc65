package api

import (
	"context"

	"github.com/kotakita/aduan"
)

// AuditLog is what the audit log's handler needs of the store: the
// entries as the actor may read them (the store refuses the roles without
// audit.read).
type AuditLog interface {
	Audit(ctx context.Context, actor aduan.Actor, f aduan.AuditFilter) ([]aduan.AuditEntry, error)
}

// auditLog is a.AuditLog when set (tests), else the store.
func (a *API) auditLog() AuditLog {
	if a.AuditLog != nil {
		return a.AuditLog
	}
	return a.Store
}
