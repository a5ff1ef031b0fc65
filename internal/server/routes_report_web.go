package server

// reportWebRoutes: the console's pages of the reports area: the operator's
// daily report, the overview of daily and monthly reports, the monthly
// draft, one report with its review and paraf, its documents, the public
// check of a copy, and the queue's exports.
func (s *Server) reportWebRoutes() []Route {
	w := s.web
	if w == nil {
		return nil
	}
	return []Route{
		{Method: "GET", Pattern: "/reports", Auth: true, Handler: w.Reports, HTML: true},
		{Method: "GET", Pattern: "/reports/daily", Auth: true, Handler: w.DailyReport, HTML: true},
		{Method: "POST", Pattern: "/reports/daily", Auth: true, Handler: w.SubmitDaily, HTML: true},
		{Method: "GET", Pattern: "/reports/monthly/new", Auth: true, Handler: w.NewMonthly, HTML: true},
		{Method: "POST", Pattern: "/reports/monthly/new", Auth: true, Handler: w.CreateMonthly, HTML: true},
		{Method: "GET", Pattern: "/reports/{id}", Auth: true, Handler: w.ReportPage, HTML: true},
		{Method: "POST", Pattern: "/reports/{id}/action", Auth: true, Handler: w.ReportActionForm, HTML: true},
		{Method: "GET", Pattern: "/reports/{id}/files/{format}", Auth: true, Handler: s.api.ReportFile, HTML: true},
		{Method: "GET", Pattern: "/queue/export/{format}", Auth: true, Handler: w.ExportQueue, HTML: true, Stream: true},
		// Anyone holding a copy may check it: no log-in.
		{Method: "GET", Pattern: "/verify", Auth: false, Handler: w.Verify, HTML: true},
		{Method: "POST", Pattern: "/verify", Auth: false, Handler: w.Verify, HTML: true},
		// The public figures: anyone, no personal data.
		{Method: "GET", Pattern: "/angka", Auth: false, Handler: s.public.Figures, HTML: true},
	}
}
