package server

// identityRoutes: the call center's decision on an identity a caller typed
// through an unverified channel.
func (s *Server) identityRoutes() []Route {
	return []Route{
		{Method: "POST", Pattern: "/api/v1/complaints/{id}/stated_identity", Auth: true, Handler: s.api.SettleStatedIdentity},
	}
}
