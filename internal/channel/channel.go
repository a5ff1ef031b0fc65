// Package channel is what the system says to people outside the office and
// what they say back: SMS (Kannel), WhatsApp (Cloud API) and e-mail (SMTP out,
// IMAP in), plus the outbox that only records. It holds the message record
// every channel shares, the Sender interface the job queue drives, the error
// classes that decide whether a failed send is retried, and the message
// templates with their variables. The gateways live in the sub-packages; this
// package knows nothing of HTTP or SQL.
package channel

import (
	"context"
	"errors"
	"time"
)

// Kind is the medium a message travels on.
type Kind string

// The kinds.
const (
	SMS      Kind = "sms"
	WhatsApp Kind = "whatsapp"
	Email    Kind = "email"
)

// Kinds lists every kind.
var Kinds = []Kind{SMS, WhatsApp, Email}

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k == SMS || k == WhatsApp || k == Email }

// Direction says whether the office sent or received a message.
type Direction string

// The directions.
const (
	Out Direction = "out"
	In  Direction = "in"
)

// Status is where a message stands. Outgoing messages move
// queued → sending → sent → delivered → read, or end in failed; review marks
// a send whose outcome is unknown (the process died while the gateway had
// it) so that it is never sent twice blindly: the gateway's report settles
// it, the service resends it once where the gateway proves it never had it
// (jobs.SettleReviews), and a person decides the rest.
// Incoming messages are received, then processed (matched to a complaint)
// or ignored (kept, with the reason, for a person to look at).
type Status string

// The statuses.
const (
	StatusQueued    Status = "queued"
	StatusSending   Status = "sending"
	StatusSent      Status = "sent"
	StatusDelivered Status = "delivered"
	StatusRead      Status = "read"
	StatusFailed    Status = "failed"
	StatusReview    Status = "review"
	StatusReceived  Status = "received"
	StatusProcessed Status = "processed"
	StatusIgnored   Status = "ignored"
)

// Statuses lists every status.
var Statuses = []Status{StatusQueued, StatusSending, StatusSent, StatusDelivered, StatusRead,
	StatusFailed, StatusReview, StatusReceived, StatusProcessed, StatusIgnored}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, x := range Statuses {
		if x == s {
			return true
		}
	}
	return false
}

// Rank orders the outgoing statuses that delivery reports may set, so that a
// late "sent" report never undoes "delivered". Failed ranks with delivered:
// a failure report after delivery is ignored, one before it wins.
func (s Status) Rank() int {
	switch s {
	case StatusQueued:
		return 0
	case StatusSending:
		return 1
	case StatusSent:
		return 2
	case StatusDelivered, StatusFailed:
		return 3
	case StatusRead:
		return 4
	}
	return -1
}

// Purpose says why a message was sent or what it was taken for.
type Purpose string

// The purposes: one per SOP step that messages, plus warnings and replies.
const (
	PurposeRequestIdentity Purpose = "request_identity" // SOP step 3
	PurposeRequestPhotos   Purpose = "request_photos"   // SOP step 5
	PurposeForward         Purpose = "forward"          // SOP step 7
	PurposeRelay           Purpose = "relay"            // SOP step 10
	PurposeAnswer          Purpose = "answer"           // SOP steps 4 and 6: the call center's own answer
	PurposeReceipt         Purpose = "receipt"          // at intake: the complaint's number and how to follow it
	PurposeSLAWarning      Purpose = "sla_warning"      // a step nears its standard time
	PurposeInbound         Purpose = "inbound"          // from a citizen or an agency
	// PurposeNewComplaint marks an incoming message that matched no
	// complaint and opened one, for an operator to triage.
	PurposeNewComplaint Purpose = "new_complaint"
	// PurposePPIDNotice: to the requester of public information (UU
	// 14/2008): the receipt and the written notices of the PPID.
	PurposePPIDNotice Purpose = "ppid_notice"
)

// Message is one message in or out, as recorded on its complaint.
type Message struct {
	ID          int64
	ComplaintID int64 // 0: not (yet) matched to a complaint
	Channel     Kind
	Direction   Direction
	Purpose     Purpose
	Template    string // the template key it was rendered from
	To, From    string // E.164 numbers or e-mail addresses
	Subject     string // e-mail only
	Body        string
	// Params are the values of the template's variables in order of
	// appearance: the parameters of an approved WhatsApp template.
	Params []string
	// WATemplate is the name of the approved WhatsApp template that starts
	// a conversation; FreeText asks for plain text instead (inside the
	// 24-hour window after the recipient last wrote).
	WATemplate string
	FreeText   bool
	Status     Status
	Via        string // the sender that handled it: kannel, whatsapp, smtp, outbox, imap
	GatewayID  string
	Parts      int // SMS parts
	Attempts   int
	Error      string
	Note       string // incoming: how it was matched, or why not
	UserID     int64  // recipient user, for messages to staff
	AgencyID   int64  // recipient agency
	CreatedAt  time.Time
	UpdatedAt  time.Time
	SentAt     *time.Time
	Delivered  *time.Time
	ReadAt     *time.Time
	FailedAt   *time.Time
	Processed  *time.Time
	// ResentAt is when the service sent a doubtful message again by itself
	// (its gateway proved it never had it); it does so at most once.
	ResentAt *time.Time
	// ComplaintNumber is joined in for display.
	ComplaintNumber string
	// Attachments of an incoming e-mail, before they are stored.
	Files []File
}

// File is an attachment of an incoming message.
type File struct {
	Name        string
	ContentType string // as declared by the sender; never trusted
	Data        []byte
	// MediaID, with Data empty, names a file the gateway still holds (a
	// WhatsApp media ID): a job fetches it after the message is stored,
	// never inside the webhook's request.
	MediaID string
}

// Receipt is what a gateway says when it accepts a message.
type Receipt struct {
	GatewayID string // the gateway's own ID, if it gives one
	Parts     int
}

// Sender hands messages to a gateway.
type Sender interface {
	// Name is recorded on each message as the way it went.
	Name() string
	// Send delivers m to the gateway. Its error says whether to try again:
	// see Permanent and Unsure; any other error means the gateway surely
	// did not take the message and a retry is safe.
	Send(ctx context.Context, m *Message) (Receipt, error)
}

type permanent struct{ error }

func (e permanent) Unwrap() error { return e.error }

// Permanent marks an error that retrying cannot fix: a number the gateway
// rejects, a template it does not know, bad credentials.
func Permanent(err error) error {
	if err == nil {
		return nil
	}
	return permanent{err}
}

// IsPermanent reports whether err was marked Permanent.
func IsPermanent(err error) bool {
	var p permanent
	return errors.As(err, &p)
}

type unsure struct{ error }

func (e unsure) Unwrap() error { return e.error }

// Unsure marks an error after which the gateway may have taken the message
// all the same (a timeout after the request was written). Such a message is
// flagged for review rather than sent again.
func Unsure(err error) error {
	if err == nil {
		return nil
	}
	return unsure{err}
}

// IsUnsure reports whether err was marked Unsure.
func IsUnsure(err error) bool {
	var u unsure
	return errors.As(err, &u)
}

// ErrCannotTell is what a gateway answers when asked whether it had a
// message and it has no way to know (no store to look in, no ID to look
// up): such a send stays under review for a person.
var ErrCannotTell = errors.New("the gateway cannot tell whether it had the message")
