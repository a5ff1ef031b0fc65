package server

// libraryRoutes: the answer library, search, routing and duplicate suggestions (issue: answer library).
func (s *Server) libraryRoutes() []Route {
	l := s.lib
	return []Route{
		{Method: "GET", Pattern: "/api/v1/library", Auth: true, Handler: l.ListLibrary},
		{Method: "POST", Pattern: "/api/v1/library", Auth: true, Handler: l.CreateLibrary},
		{Method: "GET", Pattern: "/api/v1/library/review-due", Auth: true, Handler: l.LibraryReviewDue},
		{Method: "GET", Pattern: "/api/v1/library/export", Auth: true, Handler: l.ExportLibrary},
		{Method: "POST", Pattern: "/api/v1/library/import", Auth: true, Handler: l.ImportLibrary},
		{Method: "POST", Pattern: "/api/v1/library/from-complaint/{id}", Auth: true, Handler: l.LibraryFromComplaint},
		{Method: "GET", Pattern: "/api/v1/library/{id}", Auth: true, Handler: l.GetLibrary},
		{Method: "PATCH", Pattern: "/api/v1/library/{id}", Auth: true, Handler: l.UpdateLibrary},
		{Method: "GET", Pattern: "/api/v1/library/{id}/history", Auth: true, Handler: l.LibraryHistory},
		{Method: "POST", Pattern: "/api/v1/library/{id}/actions/review", Auth: true, Handler: l.ReviewLibrary},
		{Method: "GET", Pattern: "/api/v1/search", Auth: true, Handler: l.Search},
		{Method: "GET", Pattern: "/api/v1/routing/suggest", Auth: true, Handler: l.RoutingSuggest},
		{Method: "POST", Pattern: "/api/v1/routing/retrain", Auth: true, Handler: l.RoutingRetrain},
		{Method: "GET", Pattern: "/api/v1/complaints/{id}/similar", Auth: true, Handler: l.SimilarComplaints},
	}
}
