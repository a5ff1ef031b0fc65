package server

// libraryRoutes: the answer library, search, routing and duplicate suggestions (issue: answer library).
func (s *Server) libraryRoutes() []Route {
	return nil
}
