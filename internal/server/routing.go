package server

import (
	"github.com/kotakita/aduan/internal/libsvc"
	"github.com/kotakita/aduan/internal/routing"
)

// Routing is the process's one routing suggestion service, for the owner to
// start at launch (loading the stored model, training in the background)
// and close at shutdown.
func (s *Server) Routing() *routing.Service { return s.lib.Lib.Routing }

// Library is the library service the server's surfaces share (the queue's
// daily retrain goes through it, audited).
func (s *Server) Library() *libsvc.Service { return s.lib.Lib }
