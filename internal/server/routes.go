package server

import (
	"github.com/kotakita/aduan/internal/api"
)

// Route is one entry of the route table.
type Route struct {
	Method  string
	Pattern string
	// Auth: the caller must be logged in (session or token). Permissions
	// are checked by the handler and the store, per role and per record.
	Auth    bool
	Handler api.HandlerFunc
}

// routeTable is every route of the service. The core routes are listed
// here; each area (web console, messages, answer library, reports, Open311)
// lists its own in routes_<area>.go, and all are joined here.
func (s *Server) routeTable() []Route {
	var all []Route
	for _, part := range [][]Route{s.coreRoutes(), s.webRoutes(), s.messageRoutes(), s.libraryRoutes(), s.reportRoutes(), s.open311Routes()} {
		all = append(all, part...)
	}
	return all
}

func (s *Server) coreRoutes() []Route {
	a := s.api
	return []Route{
		{"GET", "/api/v1/openapi.json", false, a.OpenAPI},
		{"POST", "/api/v1/auth/login", false, a.Login},
		{"POST", "/api/v1/auth/logout", false, a.Logout},
		{"GET", "/api/v1/me", true, a.Me},

		{"GET", "/api/v1/workflow", true, a.Workflow},
		{"GET", "/api/v1/complaints", true, a.ListComplaints},
		{"POST", "/api/v1/complaints", true, a.CreateComplaint},
		{"GET", "/api/v1/complaints/{id}", true, a.GetComplaint},
		{"PATCH", "/api/v1/complaints/{id}", true, a.EditComplaint},
		{"GET", "/api/v1/complaints/{id}/events", true, a.ComplaintEvents},
		{"POST", "/api/v1/complaints/{id}/actions/{action}", true, a.ComplaintAction},

		{"GET", "/api/v1/citizens", true, a.FindCitizen},
		{"GET", "/api/v1/citizens/{id}", true, a.GetCitizen},
		{"PATCH", "/api/v1/citizens/{id}", true, a.UpdateCitizen},

		{"GET", "/api/v1/agencies", true, a.ListAgencies},
		{"POST", "/api/v1/agencies", true, a.CreateAgency},
		{"GET", "/api/v1/agencies/{id}", true, a.GetAgency},
		{"PATCH", "/api/v1/agencies/{id}", true, a.UpdateAgency},
		{"GET", "/api/v1/categories", true, a.ListCategories},
		{"POST", "/api/v1/categories", true, a.CreateCategory},
		{"GET", "/api/v1/categories/{id}", true, a.GetCategory},
		{"PATCH", "/api/v1/categories/{id}", true, a.UpdateCategory},
		{"GET", "/api/v1/kecamatan", true, a.ListKecamatan},
		{"GET", "/api/v1/kelurahan", true, a.ListKelurahan},

		{"GET", "/api/v1/users", true, a.ListUsers},
		{"POST", "/api/v1/users", true, a.CreateUser},
		{"GET", "/api/v1/users/{id}", true, a.GetUser},
		{"PATCH", "/api/v1/users/{id}", true, a.UpdateUser},
		{"POST", "/api/v1/users/{id}/password", true, a.SetPassword},
		{"GET", "/api/v1/tokens", true, a.ListTokens},
		{"POST", "/api/v1/tokens", true, a.CreateToken},
		{"DELETE", "/api/v1/tokens/{id}", true, a.RevokeToken},

		{"GET", "/api/v1/settings", true, a.GetSettings},
		{"PATCH", "/api/v1/settings", true, a.PatchSettings},
		{"GET", "/api/v1/standards", true, a.ListStandards},
		{"PUT", "/api/v1/standards/{step}", true, a.PutStandard},
		{"GET", "/api/v1/holidays", true, a.ListHolidays},
		{"PUT", "/api/v1/holidays/{date}", true, a.PutHoliday},
		{"DELETE", "/api/v1/holidays/{date}", true, a.DeleteHoliday},
		{"GET", "/api/v1/audit", true, a.ListAudit},
	}
}
