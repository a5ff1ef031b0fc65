package server

// libraryWebRoutes: the console's pages of the answer library (/pustaka:
// list and search, entries with their history, the form, the review list,
// import and export, the routing model) and its box on a complaint's page.
// The desk's suggestions are served by /desk/search (routes_web.go).
func (s *Server) libraryWebRoutes() []Route {
	w := s.web
	if w == nil {
		return nil
	}
	return []Route{
		{Method: "GET", Pattern: "/pustaka", Auth: true, Handler: w.LibraryList, HTML: true},
		{Method: "GET", Pattern: "/pustaka/review", Auth: true, Handler: w.LibraryReviewDue, HTML: true},
		{Method: "GET", Pattern: "/pustaka/new", Auth: true, Handler: w.LibraryNew, HTML: true},
		{Method: "POST", Pattern: "/pustaka/new", Auth: true, Handler: w.LibraryCreate, HTML: true},
		{Method: "GET", Pattern: "/pustaka/import", Auth: true, Handler: w.LibraryImportPage, HTML: true},
		{Method: "POST", Pattern: "/pustaka/import", Auth: true, Handler: w.LibraryImport, HTML: true},
		{Method: "GET", Pattern: "/pustaka/export", Auth: true, Handler: w.LibraryExport, HTML: true},
		{Method: "GET", Pattern: "/pustaka/model", Auth: true, Handler: w.RoutingModelPage, HTML: true},
		{Method: "POST", Pattern: "/pustaka/model/retrain", Auth: true, Handler: w.RoutingRetrain, HTML: true},
		{Method: "GET", Pattern: "/pustaka/{ref}", Auth: true, Handler: w.LibraryEntryPage, HTML: true},
		{Method: "GET", Pattern: "/pustaka/{ref}/edit", Auth: true, Handler: w.LibraryEdit, HTML: true},
		{Method: "POST", Pattern: "/pustaka/{ref}/edit", Auth: true, Handler: w.LibrarySave, HTML: true},
		{Method: "POST", Pattern: "/pustaka/{ref}/review", Auth: true, Handler: w.LibraryReview, HTML: true},
		{Method: "GET", Pattern: "/complaints/{id}/library", Auth: true, Handler: w.ComplaintLibraryBox, HTML: true},
	}
}
