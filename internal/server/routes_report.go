package server

// reportRoutes: daily and monthly reports, review and paraf, exports (issue: reports).
func (s *Server) reportRoutes() []Route {
	a := s.api
	return []Route{
		{"GET", "/api/v1/reports", true, a.ListReports},
		{"POST", "/api/v1/reports", true, a.CreateReport},
		{"GET", "/api/v1/reports/daily-status", true, a.DailyReportStatus},
		{"GET", "/api/v1/reports/preview/daily", true, a.PreviewDaily},
		{"GET", "/api/v1/reports/preview/monthly", true, a.PreviewMonthly},
		{"GET", "/api/v1/reports/{id}", true, a.GetReport},
		{"PATCH", "/api/v1/reports/{id}", true, a.EditReport},
		{"POST", "/api/v1/reports/{id}/actions/{action}", true, a.ReportAction},
		{"GET", "/api/v1/reports/{id}/files/{format}", true, a.ReportFile},
		// Anyone holding a copy may check it, and anyone may read the
		// public figures: no log-in.
		{"GET", "/api/v1/reports/verify", false, a.VerifyReport},
		{"POST", "/api/v1/reports/verify", false, a.VerifyReport},
		{"GET", "/public/figures", false, a.PublicFigures},

		{"GET", "/api/v1/exports/complaints/{format}", true, a.ExportComplaints},
		{"GET", "/api/v1/exports/progress/{id}", true, a.ExportProgress},
	}
}
