package server

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
