package server

// worktimeWebRoutes: the console's standards page (standards, tiers and
// calendars, saved as one) and holiday tables (by year, with import). More
// specific than /admin/{tab}, so they take those two tabs.
func (s *Server) worktimeWebRoutes() []Route {
	w := s.web
	if w == nil {
		return nil
	}
	return []Route{
		{Method: "GET", Pattern: "/admin/standards", Auth: true, Handler: w.Standards, HTML: true},
		{Method: "POST", Pattern: "/admin/standards", Auth: true, Handler: w.SaveStandards, HTML: true},
		{Method: "GET", Pattern: "/admin/holidays", Auth: true, Handler: w.Holidays, HTML: true},
		{Method: "POST", Pattern: "/admin/holidays", Auth: true, Handler: w.SaveHolidays, HTML: true},
	}
}
