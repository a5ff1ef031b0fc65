// Package outbox is the sender used when no gateway is configured: it sends
// nothing and only lets the message be recorded as sent "via outbox", so
// that `aduan serve` works with no SMS, WhatsApp or mail server and a
// developer can read on each complaint what would have gone out.
package outbox

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/kotakita/aduan/internal/channel"
)

// Outbox records instead of sending.
type Outbox struct {
	Log *slog.Logger
}

// Name implements channel.Sender.
func (o *Outbox) Name() string { return "outbox" }

// Send implements channel.Sender: it logs the message (without its body,
// which is personal data) and accepts it.
func (o *Outbox) Send(ctx context.Context, m *channel.Message) (channel.Receipt, error) {
	if o.Log != nil {
		o.Log.Info("outbox: message recorded, not sent", "message_id", m.ID, "channel", string(m.Channel), "purpose", string(m.Purpose))
	}
	return channel.Receipt{GatewayID: fmt.Sprintf("outbox-%d", m.ID), Parts: 1}, nil
}
