package server

// ppidRoutes: public-information requests (UU 14/2008), the PPID's track
// beside complaints. Each handler asks the store, which checks the
// procedure's table (inforequest.go).
func (s *Server) ppidRoutes() []Route {
	a := s.api
	return []Route{
		{Method: "GET", Pattern: "/api/v1/ppid/requests", Auth: true, Handler: a.InfoRequests},
		{Method: "POST", Pattern: "/api/v1/ppid/requests", Auth: true, Handler: a.CreateInfoRequest},
		{Method: "GET", Pattern: "/api/v1/ppid/requests/{id}", Auth: true, Handler: a.GetInfoRequest},
		{Method: "POST", Pattern: "/api/v1/ppid/requests/{id}/actions/{action}", Auth: true, Handler: a.InfoRequestAction},
	}
}
