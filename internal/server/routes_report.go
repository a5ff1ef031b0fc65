package server

// reportRoutes: daily and monthly reports, review and paraf, exports (issue: reports).
func (s *Server) reportRoutes() []Route {
	a := s.api
	return []Route{
		{Method: "GET", Pattern: "/api/v1/reports", Auth: true, Handler: a.ListReports},
		{Method: "POST", Pattern: "/api/v1/reports", Auth: true, Handler: a.CreateReport},
		{Method: "GET", Pattern: "/api/v1/reports/daily-status", Auth: true, Handler: a.DailyReportStatus},
		{Method: "GET", Pattern: "/api/v1/reports/preview/daily", Auth: true, Handler: a.PreviewDaily},
		{Method: "GET", Pattern: "/api/v1/reports/preview/monthly", Auth: true, Handler: a.PreviewMonthly},
		{Method: "GET", Pattern: "/api/v1/reports/{id}", Auth: true, Handler: a.GetReport},
		{Method: "PATCH", Pattern: "/api/v1/reports/{id}", Auth: true, Handler: a.EditReport},
		{Method: "POST", Pattern: "/api/v1/reports/{id}/actions/{action}", Auth: true, Handler: a.ReportAction},
		{Method: "GET", Pattern: "/api/v1/reports/{id}/files/{format}", Auth: true, Handler: a.ReportFile},
		// Anyone holding a copy may check it, and anyone may read the
		// public figures: no log-in.
		{Method: "GET", Pattern: "/api/v1/reports/verify", Auth: false, Handler: a.VerifyReport},
		{Method: "POST", Pattern: "/api/v1/reports/verify", Auth: false, Handler: a.VerifyReport},
		{Method: "GET", Pattern: "/public/figures", Auth: false, Handler: a.PublicFigures},

		{Method: "GET", Pattern: "/api/v1/exports/complaints/{format}", Auth: true, Handler: a.ExportComplaints},
		{Method: "GET", Pattern: "/api/v1/exports/progress/{id}", Auth: true, Handler: a.ExportProgress},
	}
}
