package server

// deliveryRoutes: messages reaching their person (agencies reached,
// answers delivered, contacts logged).
func (s *Server) deliveryRoutes() []Route {
	w := s.web
	if w == nil {
		return nil
	}
	return []Route{
		{Method: "GET", Pattern: "/agencies/reach", Auth: true, Handler: w.Reach, HTML: true},
	}
}
