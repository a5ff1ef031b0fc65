package server

// privacyRoutes: the personal-data pages (UU 27/2022): data subjects'
// requests (look-up, export, correction, erasure), the breach log, the
// retention dry run and the processing record. Each handler asks the
// store, which checks the role table.
func (s *Server) privacyRoutes() []Route {
	w := s.web
	if w == nil {
		return nil
	}
	return []Route{
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
	}
}
