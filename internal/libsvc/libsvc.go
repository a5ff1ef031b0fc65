// Package libsvc is the answer library's service shared by the console
// and the JSON API: search over the library and past answered complaints,
// the duplicate suggestion and the routing suggestion, over one store and
// one routing model per process.
package libsvc

import (
	"context"
	"log/slog"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/routing"
	"github.com/kotakita/aduan/internal/search"
	"github.com/kotakita/aduan/internal/store"
)

// Service holds the searcher and the routing model.
type Service struct {
	Store    *store.Store
	Searcher *search.Searcher
	Routing  *routing.Service
}

// New builds the service over st.
func New(st *store.Store, log *slog.Logger) *Service {
	return &Service{Store: st, Searcher: search.New(st), Routing: routing.NewService(st, log)}
}

// Retrain trains the routing model now on the city's finished complaints,
// for act (a person with the routing permission, or aduan.System on the
// schedule), and records it in the audit either way: the one place the
// retrain's rule and its record live, whoever asks.
func (s *Service) Retrain(ctx context.Context, act aduan.Actor) (routing.Info, error) {
	if err := act.Require(aduan.PermRoutingTrain); err != nil {
		return routing.Info{}, err
	}
	info, err := s.Routing.Retrain(ctx)
	if err != nil {
		return info, err
	}
	return info, s.Store.AuditEvent(ctx, act, "routing.retrain", "routing_model", 0, map[string]any{"examples": info.Examples})
}
