// Package msgsvc is what the message surfaces share beyond the store: the
// job queue that sends, the attachment storage and the gateways' webhook
// secrets. The JSON API, the console and main all hold the same one.
package msgsvc

import (
	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/jobs"
)

// Messaging is what the message handlers need beyond the store: the job
// queue, the attachment storage and the gateways' webhook secrets.
type Messaging struct {
	Queue *jobs.Queue
	Files attach.Storage
	// KannelSecret is the secret query parameter Kannel's delivery-report
	// and incoming-SMS URLs carry; empty refuses them all.
	KannelSecret string
	// WhatsAppAppSecret verifies the X-Hub-Signature-256 of webhooks;
	// WhatsAppVerifyToken answers Meta's subscription handshake. Empty
	// refuses them.
	WhatsAppAppSecret   string
	WhatsAppVerifyToken string
}

// Jobs is the queue, or EUNAVAILABLE when messaging is off (m nil or
// without a queue).
func (m *Messaging) Jobs() (*jobs.Queue, error) {
	if m == nil || m.Queue == nil {
		return nil, aduan.Errorf(aduan.EUNAVAILABLE, "err.messaging_off")
	}
	return m.Queue, nil
}

// Storage is the attachment storage, nil when there is none.
func (m *Messaging) Storage() attach.Storage {
	if m == nil {
		return nil
	}
	return m.Files
}
