package server

// messageRoutes: SMS, WhatsApp and e-mail: webhooks, delivery reports, failed messages (issue: messages).
func (s *Server) messageRoutes() []Route {
	return nil
}
