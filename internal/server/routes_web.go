package server

// webRoutes: the HTML console and agency portal (issue: web console).
func (s *Server) webRoutes() []Route {
	return nil
}
