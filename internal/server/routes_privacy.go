package server

// privacyRoutes: the personal-data API and pages (UU 27/2022): data subjects'
// requests (look-up, export, correction, erasure), the breach log, the
// retention dry run and the processing record. Each handler asks the
// store, which checks the role table.
func (s *Server) privacyRoutes() []Route {
	a := s.api
	routes := []Route{
		{Method: "GET", Pattern: "/api/v1/privacy/requests", Auth: true, Handler: a.PrivacyRequests},
		{Method: "POST", Pattern: "/api/v1/privacy/requests", Auth: true, Handler: a.CreatePrivacyRequest},
		{Method: "GET", Pattern: "/api/v1/privacy/requests/{id}/export", Auth: true, Handler: a.PrivacyExport},
		{Method: "GET", Pattern: "/api/v1/privacy/retention", Auth: true, Handler: a.RetentionDryRun},
		{Method: "GET", Pattern: "/api/v1/privacy/breaches", Auth: true, Handler: a.Breaches},
		{Method: "GET", Pattern: "/api/v1/privacy/record", Auth: true, Handler: a.ProcessingRecord},
	}
	w := s.web
	if w == nil {
		return routes
	}
	return append(routes, []Route{
		{Method: "GET", Pattern: "/privacy", Auth: true, Handler: w.Privacy, HTML: true},
		{Method: "GET", Pattern: "/privacy/requests", Auth: true, Handler: w.PrivacyRequests, HTML: true},
		{Method: "POST", Pattern: "/privacy/requests", Auth: true, Handler: w.CreatePrivacyRequest, HTML: true},
		{Method: "GET", Pattern: "/privacy/requests/{id}", Auth: true, Handler: w.PrivacyRequestPage, HTML: true},
		{Method: "POST", Pattern: "/privacy/requests/{id}", Auth: true, Handler: w.PrivacyRequestAct, HTML: true},
		{Method: "GET", Pattern: "/privacy/requests/{id}/{format}", Auth: true, Handler: w.PrivacyExport, HTML: true},
		{Method: "GET", Pattern: "/privacy/breaches", Auth: true, Handler: w.Breaches, HTML: true},
		{Method: "POST", Pattern: "/privacy/breaches", Auth: true, Handler: w.SaveBreachForm, HTML: true},
		{Method: "GET", Pattern: "/privacy/breaches/{id}", Auth: true, Handler: w.BreachPage, HTML: true},
		{Method: "POST", Pattern: "/privacy/breaches/{id}", Auth: true, Handler: w.SaveBreachForm, HTML: true},
		{Method: "GET", Pattern: "/privacy/retention", Auth: true, Handler: w.Retention, HTML: true},
		{Method: "POST", Pattern: "/privacy/retention", Auth: true, Handler: w.RunRetentionForm, HTML: true},
		{Method: "GET", Pattern: "/privacy/record", Auth: true, Handler: w.ProcessingRecord, HTML: true},
	}...)
}
