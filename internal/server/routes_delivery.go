package server

// deliveryRoutes: messages reaching their person (agencies reached,
// answers delivered, contacts logged).
func (s *Server) deliveryRoutes() []Route {
	a := s.api
	out := []Route{
		{Method: "POST", Pattern: "/api/v1/contacts", Auth: true, Handler: a.LogContact},
		{Method: "GET", Pattern: "/api/v1/contacts/callbacks", Auth: true, Handler: a.Callbacks},
		{Method: "POST", Pattern: "/api/v1/complaints/{id}/notes", Auth: true, Handler: a.AddNote},
	}
	if w := s.web; w != nil {
		out = append(out, Route{Method: "GET", Pattern: "/agencies/reach", Auth: true, Handler: w.Reach, HTML: true},
			Route{Method: "POST", Pattern: "/complaints/{id}/notes", Auth: true, Handler: w.Note, HTML: true})
	}
	return out
}
