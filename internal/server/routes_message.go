package server

// messageRoutes: SMS, WhatsApp and e-mail: messages on complaints, the
// failed-messages list with retry, templates, notifications, attachments,
// and the gateways' webhooks. The webhooks are public routes: each checks
// its gateway's secret or signature itself.
func (s *Server) messageRoutes() []Route {
	a := s.api
	return append([]Route{
		{Method: "GET", Pattern: "/api/v1/complaints/{id}/messages", Auth: true, Handler: a.ComplaintMessages},
		{Method: "GET", Pattern: "/api/v1/complaints/{id}/attachments", Auth: true, Handler: a.ComplaintAttachments},
		{Method: "GET", Pattern: "/api/v1/attachments/{id}", Auth: true, Handler: a.GetAttachment},
		{Method: "GET", Pattern: "/api/v1/messages", Auth: true, Handler: a.ListMessages},
		{Method: "POST", Pattern: "/api/v1/messages/{id}/retry", Auth: true, Handler: a.RetryMessage},
		{Method: "POST", Pattern: "/api/v1/sms/count", Auth: true, Handler: a.SMSCount},
		{Method: "GET", Pattern: "/api/v1/templates", Auth: true, Handler: a.ListTemplates},
		{Method: "GET", Pattern: "/api/v1/templates/{key}", Auth: true, Handler: a.GetTemplate},
		{Method: "PUT", Pattern: "/api/v1/templates/{key}", Auth: true, Handler: a.PutTemplate},
		{Method: "GET", Pattern: "/api/v1/notifications", Auth: true, Handler: a.ListNotifications},
		{Method: "POST", Pattern: "/api/v1/notifications/{id}/read", Auth: true, Handler: a.ReadNotification},

		{Method: "GET", Pattern: "/api/v1/channels/kannel/dlr", Auth: false, Handler: a.KannelDLR},
		{Method: "GET", Pattern: "/api/v1/channels/kannel/mo", Auth: false, Handler: a.KannelMO},
		{Method: "GET", Pattern: "/api/v1/channels/whatsapp/webhook", Auth: false, Handler: a.WhatsAppVerify},
		{Method: "POST", Pattern: "/api/v1/channels/whatsapp/webhook", Auth: false, Handler: a.WhatsAppWebhook},
	}, s.messageWebRoutes()...)
}
