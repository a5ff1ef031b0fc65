package api

// messageOperations documents the message area's routes of /api/v1.
var messageOperations = []op{
	{"get", "/api/v1/complaints/{id}/messages", "The complaint's messages in and out (SMS, WhatsApp, e-mail) with their delivery status; addresses and text hidden from roles that may not see who complained", nil, list[MessageJSON]{}, 200, false, nil},
	{"get", "/api/v1/complaints/{id}/attachments", "The complaint's photos (EXIF location removed; GPS kept as lat/lng)", nil, list[AttachmentJSON]{}, 200, false, nil},
	{"get", "/api/v1/attachments/{id}", "A stored photo (image/jpeg or image/png); thumb=1 for its thumbnail", nil, nil, 200, false, []string{"thumb"}},
	{"get", "/api/v1/messages", "Messages across complaints, newest first: status=failed,review for the ones that need a person; direction=in&status=ignored for unmatched replies", nil, Page[MessageJSON]{}, 200, false,
		[]string{"status", "channel", "direction", "complaint_id", "cursor", "limit"}},
	{"post", "/api/v1/messages/{id}/retry", "Put a failed or doubtful message back in the queue (one-click retry)", nil, MessageJSON{}, 200, false, nil},
	{"post", "/api/v1/sms/count", "Count the SMS parts a text takes (GSM-7: 160/153 per part; UCS-2: 70/67) and whether the setting allows it", smsCountBody{}, SMSCountJSON{}, 200, false, nil},
	{"get", "/api/v1/templates", "Message templates (variables {nomor}, {nama}, {jawaban}, {tautan}, {instansi}, …)", nil, list[TemplateJSON]{}, 200, false, nil},
	{"get", "/api/v1/templates/{key}", "One message template", nil, TemplateJSON{}, 200, false, nil},
	{"put", "/api/v1/templates/{key}", "Change a message template", templateBody{}, TemplateJSON{}, 200, false, nil},
	{"get", "/api/v1/notifications", "The caller's notifications (SLA warnings and breaches, monthly reports awaiting paraf, objections awaiting the atasan PPID), newest first, each naming what it is about (complaint, report or information request)", nil, list[NotificationJSON]{}, 200, false, []string{"unread", "limit"}},
	{"post", "/api/v1/notifications/{id}/read", "Mark a notification read", nil, nil, 204, false, nil},
	{"get", "/api/v1/channels/kannel/dlr", "Kannel delivery report (dlr-url); authenticated by the secret parameter", nil, nil, 200, true, []string{"secret", "id", "type"}},
	{"get", "/api/v1/channels/kannel/mo", "Incoming SMS from Kannel's sms-service get-url; authenticated by the secret parameter", nil, nil, 200, true, []string{"secret", "from", "to", "text", "id", "coding", "ts"}},
	{"get", "/api/v1/channels/whatsapp/webhook", "WhatsApp webhook subscription handshake (hub.verify_token)", nil, nil, 200, true, []string{"hub.mode", "hub.verify_token", "hub.challenge"}},
	{"post", "/api/v1/channels/whatsapp/webhook", "WhatsApp webhook: message statuses and incoming messages; signed with X-Hub-Signature-256", map[string]any{}, nil, 200, true, nil},
}
