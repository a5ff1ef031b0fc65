package server

// messageWebRoutes: the console's pages of the messages area: failed and
// unmatched messages with retry and assignment, the template editor, the
// notifications, and the photos of a complaint, served only to those who
// may see its content (the storage key never leaves the server).
func (s *Server) messageWebRoutes() []Route {
	w := s.web
	if w == nil {
		return nil
	}
	return []Route{
		{Method: "GET", Pattern: "/messages", Auth: true, Handler: w.Messages, HTML: true},
		{Method: "POST", Pattern: "/messages/{id}/retry", Auth: true, Handler: w.RetryMessage, HTML: true},
		{Method: "POST", Pattern: "/messages/{id}/assign", Auth: true, Handler: w.AssignMessage, HTML: true},
		{Method: "GET", Pattern: "/admin/templates", Auth: true, Handler: w.Templates, HTML: true},
		{Method: "POST", Pattern: "/admin/templates/switches", Auth: true, Handler: w.SaveMessageSwitches, HTML: true},
		{Method: "POST", Pattern: "/admin/templates/{key}", Auth: true, Handler: w.SaveTemplate, HTML: true},
		{Method: "GET", Pattern: "/notifications", Auth: true, Handler: w.Notifications, HTML: true},
		{Method: "POST", Pattern: "/notifications/read", Auth: true, Handler: w.ReadAllNotifications, HTML: true},
		{Method: "POST", Pattern: "/notifications/{id}/read", Auth: true, Handler: w.ReadNotification, HTML: true},
		{Method: "GET", Pattern: "/photos/{id}", Auth: true, Handler: s.api.GetAttachment, HTML: true},
	}
}
