package server

// open311Routes: Open311 GeoReport v2 and the citizens' public pages (issue: Open311).
func (s *Server) open311Routes() []Route {
	return nil
}
