package server

import "github.com/kotakita/aduan/internal/reqctx"

// Route is one entry of the route table. Write it with keyed fields.
type Route struct {
	Method  string
	Pattern string
	// Auth: the caller must be logged in (session or token). Permissions
	// are checked by the handler and the store, per role and per record.
	Auth    bool
	Handler reqctx.HandlerFunc
	// HTML routes are pages: errors render as a page, and a missing session
	// redirects to the log-in form instead of answering 401.
	HTML bool
	// Stream routes (Server-Sent Events) run without the request timeout.
	Stream bool
}

// routeTable is every route of the service. The core routes are listed
// here; each area (web console, messages, answer library, reports, Open311)
// lists its own in routes_<area>.go, and all are joined here.
func (s *Server) routeTable() []Route {
	var all []Route
	for _, part := range [][]Route{s.coreRoutes(), s.webRoutes(), s.messageRoutes(), s.libraryRoutes(), s.libraryWebRoutes(), s.reportRoutes(), s.reportWebRoutes(), s.open311Routes(), s.deliveryRoutes(), s.privacyRoutes(), s.worktimeWebRoutes(), s.identityRoutes(), s.ppidRoutes(), s.laporRoutes(), s.laporWebRoutes()} {
		all = append(all, part...)
	}
	return all
}

func (s *Server) coreRoutes() []Route {
	a := s.api
	return []Route{
		{Method: "GET", Pattern: "/api/v1/openapi.json", Auth: false, Handler: a.OpenAPI},
		{Method: "POST", Pattern: "/api/v1/auth/login", Auth: false, Handler: a.Login},
		{Method: "POST", Pattern: "/api/v1/auth/logout", Auth: false, Handler: a.Logout},
		{Method: "GET", Pattern: "/api/v1/me", Auth: true, Handler: a.Me},

		{Method: "GET", Pattern: "/api/v1/workflow", Auth: true, Handler: a.Workflow},
		{Method: "GET", Pattern: "/api/v1/complaints", Auth: true, Handler: a.ListComplaints},
		{Method: "POST", Pattern: "/api/v1/complaints", Auth: true, Handler: a.CreateComplaint},
		{Method: "GET", Pattern: "/api/v1/complaints/{id}", Auth: true, Handler: a.GetComplaint},
		{Method: "PATCH", Pattern: "/api/v1/complaints/{id}", Auth: true, Handler: a.EditComplaint},
		{Method: "GET", Pattern: "/api/v1/complaints/{id}/events", Auth: true, Handler: a.ComplaintEvents},
		{Method: "POST", Pattern: "/api/v1/complaints/{id}/actions/{action}", Auth: true, Handler: a.ComplaintAction},

		{Method: "GET", Pattern: "/api/v1/citizens", Auth: true, Handler: a.FindCitizen},
		{Method: "GET", Pattern: "/api/v1/citizens/{id}", Auth: true, Handler: a.GetCitizen},
		{Method: "PATCH", Pattern: "/api/v1/citizens/{id}", Auth: true, Handler: a.UpdateCitizen},

		{Method: "GET", Pattern: "/api/v1/agencies", Auth: true, Handler: a.ListAgencies},
		{Method: "POST", Pattern: "/api/v1/agencies", Auth: true, Handler: a.CreateAgency},
		{Method: "GET", Pattern: "/api/v1/agencies/{id}", Auth: true, Handler: a.GetAgency},
		{Method: "PATCH", Pattern: "/api/v1/agencies/{id}", Auth: true, Handler: a.UpdateAgency},
		{Method: "GET", Pattern: "/api/v1/categories", Auth: true, Handler: a.ListCategories},
		{Method: "POST", Pattern: "/api/v1/categories", Auth: true, Handler: a.CreateCategory},
		{Method: "GET", Pattern: "/api/v1/categories/{id}", Auth: true, Handler: a.GetCategory},
		{Method: "PATCH", Pattern: "/api/v1/categories/{id}", Auth: true, Handler: a.UpdateCategory},
		{Method: "GET", Pattern: "/api/v1/kecamatan", Auth: true, Handler: a.ListKecamatan},
		{Method: "GET", Pattern: "/api/v1/kelurahan", Auth: true, Handler: a.ListKelurahan},

		{Method: "GET", Pattern: "/api/v1/users", Auth: true, Handler: a.ListUsers},
		{Method: "POST", Pattern: "/api/v1/users", Auth: true, Handler: a.CreateUser},
		{Method: "GET", Pattern: "/api/v1/users/{id}", Auth: true, Handler: a.GetUser},
		{Method: "PATCH", Pattern: "/api/v1/users/{id}", Auth: true, Handler: a.UpdateUser},
		{Method: "POST", Pattern: "/api/v1/users/{id}/password", Auth: true, Handler: a.SetPassword},
		{Method: "GET", Pattern: "/api/v1/tokens", Auth: true, Handler: a.ListTokens},
		{Method: "POST", Pattern: "/api/v1/tokens", Auth: true, Handler: a.CreateToken},
		{Method: "DELETE", Pattern: "/api/v1/tokens/{id}", Auth: true, Handler: a.RevokeToken},

		{Method: "GET", Pattern: "/api/v1/settings", Auth: true, Handler: a.GetSettings},
		{Method: "PATCH", Pattern: "/api/v1/settings", Auth: true, Handler: a.PatchSettings},
		{Method: "GET", Pattern: "/api/v1/standards", Auth: true, Handler: a.ListStandards},
		{Method: "PUT", Pattern: "/api/v1/standards/{step}", Auth: true, Handler: a.PutStandard},
		{Method: "GET", Pattern: "/api/v1/calendars", Auth: true, Handler: a.GetCalendars},
		{Method: "PUT", Pattern: "/api/v1/calendars", Auth: true, Handler: a.PutCalendars},
		{Method: "GET", Pattern: "/api/v1/tiers", Auth: true, Handler: a.GetTiers},
		{Method: "PUT", Pattern: "/api/v1/tiers/{category_id}", Auth: true, Handler: a.PutCategoryTier},
		{Method: "GET", Pattern: "/api/v1/holidays", Auth: true, Handler: a.ListHolidays},
		{Method: "PUT", Pattern: "/api/v1/holidays/{date}", Auth: true, Handler: a.PutHoliday},
		{Method: "DELETE", Pattern: "/api/v1/holidays/{date}", Auth: true, Handler: a.DeleteHoliday},
		{Method: "GET", Pattern: "/api/v1/audit", Auth: true, Handler: a.ListAudit},
	}
}
