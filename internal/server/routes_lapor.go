package server

import "net/http"

// laporRoutes: SP4N-LAPOR! reports (issue 20).
func (s *Server) laporRoutes() []Route {
	a := s.api
	return []Route{
		{Method: "GET", Pattern: "/api/v1/lapor/reports", Auth: true, Handler: a.ListLapor},
		{Method: "POST", Pattern: "/api/v1/lapor/reports", Auth: true, Handler: a.RegisterLapor},
		{Method: "GET", Pattern: "/api/v1/lapor/reports/{tracking_id}", Auth: true, Handler: a.GetLapor},
		{Method: "POST", Pattern: "/api/v1/lapor/import", Auth: true, Handler: a.ImportLapor},
		{Method: "GET", Pattern: "/api/v1/lapor/follow-ups", Auth: true, Handler: a.LaporFollowUps},
	}
}

// laporWebRoutes: the console's SP4N-LAPOR! page.
func (s *Server) laporWebRoutes() []Route {
	if s.web == nil {
		return nil
	}
	w := s.web
	page := func(method, pattern string, h func(rw http.ResponseWriter, r *http.Request) error) Route {
		return Route{Method: method, Pattern: pattern, Auth: true, Handler: h, HTML: true}
	}
	return []Route{
		page("GET", "/sp4n-lapor", w.LaporPage),
		page("POST", "/sp4n-lapor", w.RegisterLapor),
		page("POST", "/sp4n-lapor/import", w.ImportLapor),
		page("GET", "/sp4n-lapor/{tracking_id}", w.LaporReport),
	}
}
