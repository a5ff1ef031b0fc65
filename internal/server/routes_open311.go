package server

import (
	"net/http"
)

// open311Routes: Open311 GeoReport v2 and the citizens' public pages
// (tracking, the public complaint form), and the administration of the
// Open311 clients' keys. Open311 and the public pages need no log-in: the
// Open311 methods that need a key check the api_key themselves.
func (s *Server) open311Routes() []Route {
	var out []Route
	for _, rt := range s.open311.Routes() {
		out = append(out, Route{Method: rt.Method, Pattern: rt.Pattern, Auth: false, Handler: rt.Handler})
	}
	if s.web == nil {
		return out
	}
	page := func(method, pattern string, auth bool, h func(rw http.ResponseWriter, r *http.Request) error) Route {
		return Route{Method: method, Pattern: pattern, Auth: auth, Handler: h, HTML: true}
	}
	p, w := s.public, s.web
	return append(out,
		page("GET", "/lacak", false, p.TrackPage),
		page("POST", "/lacak", false, p.Track),
		page("GET", "/lapor", false, p.ReportPage),
		page("POST", "/lapor", false, p.Report),
		page("GET", "/lapor/terkirim", false, p.ReportSent),
		// The Survei Kepuasan Masyarakat: the link in the SMS after a
		// complaint is closed, no log-in; the token is the key.
		page("GET", "/survei/{token}", false, p.SurveyPage),
		page("POST", "/survei/{token}", false, p.Survey),
		page("GET", "/admin/open311", true, w.Open311Keys),
		page("POST", "/admin/open311", true, w.CreateOpen311Key),
		page("POST", "/admin/open311/{id}/revoke", true, w.RevokeOpen311Key),
		page("GET", "/admin/open311-services", true, w.Open311Services),
		page("POST", "/admin/open311-services/{code}", true, w.SaveOpen311Service),
	)
}
