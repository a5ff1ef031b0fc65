package server

import (
	"net/http"

	"github.com/kotakita/aduan/internal/reqctx"
)

// webRoutes: the HTML console and agency portal, and the incoming-call pop.
func (s *Server) webRoutes() []Route {
	w := s.web
	if w == nil {
		return nil
	}
	page := func(method, pattern string, auth bool, h func(rw http.ResponseWriter, r *http.Request) error) Route {
		return Route{Method: method, Pattern: pattern, Auth: auth, Handler: h, HTML: true}
	}
	return []Route{
		page("GET", "/{$}", true, w.Home),
		page("GET", "/login", false, w.LoginPage),
		page("POST", "/login", false, w.Login),
		page("POST", "/logout", false, w.Logout),
		page("GET", "/desk", true, w.Desk),
		page("POST", "/desk", true, w.Intake),
		page("GET", "/desk/citizen", true, w.DeskCitizen),
		page("GET", "/desk/search", true, w.DeskSearch),
		page("GET", "/desk/call", true, w.DeskCall),
		page("GET", "/queue", true, w.Queue),
		page("GET", "/queue/next", true, w.QueueNext),
		page("GET", "/pd", true, w.Inbox),
		page("GET", "/complaints/{id}", true, w.Complaint),
		page("POST", "/complaints/{id}/act", true, w.Act),
		page("POST", "/complaints/{id}/identity", true, w.SettleIdentity),
		page("GET", "/complaints/{id}/messages", true, w.ComplaintMessages),
		page("GET", "/dashboard", true, w.Dashboard),
		page("GET", "/clocks", true, w.Clocks),
		page("GET", "/audit", true, w.Audit),
		page("GET", "/admin", true, w.Admin),
		page("GET", "/admin/{tab}", true, w.Admin),
		page("POST", "/admin/logo", true, w.SaveLogo),
		page("GET", "/logo", false, w.Logo),
		page("POST", "/admin/users", true, w.SaveUser),
		page("POST", "/admin/users/{id}/password", true, w.ResetPassword),
		page("POST", "/admin/agencies", true, w.SaveAgency),
		page("POST", "/admin/categories", true, w.SaveCategory),
		page("POST", "/admin/settings", true, w.SaveSettings),
		page("POST", "/admin/tokens", true, w.CreateServiceToken),
		page("GET", "/account", true, w.Account),
		page("GET", "/account/password", true, w.Account),
		page("POST", "/account/password", true, w.ChangePassword),
		page("POST", "/account/lang", true, w.SetLanguage),
		page("POST", "/account/tokens", true, w.CreateToken),
		page("POST", "/account/tokens/{id}/revoke", true, w.RevokeToken),
		{Method: "GET", Pattern: "/events", Auth: true, Handler: w.Events, HTML: true, Stream: true},
		{Method: "POST", Pattern: "/api/v1/calls", Auth: true, Handler: reqctx.HandlerFunc(w.Call)},
	}
}
