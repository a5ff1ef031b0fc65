package server

// reportRoutes: daily and monthly reports, review and paraf, exports (issue: reports).
func (s *Server) reportRoutes() []Route {
	return nil
}
