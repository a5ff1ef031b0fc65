package aduan

import (
	"strings"
	"time"
)

// ContactKind is what a contact with the call center turned out to be. Only
// a complaint gets a complaint number; every contact is logged, so that the
// figures count the call center's work and not only its complaints.
type ContactKind string

// The kinds of contact.
const (
	ContactComplaint   ContactKind = "complaint"   // recorded as a complaint (ComplaintID)
	ContactInformation ContactKind = "information" // a question answered on the spot
	ContactAspiration  ContactKind = "aspiration"  // a suggestion or an opinion
	// ContactInfoRequest is a request for public information (UU 14/2008):
	// it becomes a request of the PPID's track (inforequest.go), which
	// names this contact, never a complaint.
	ContactInfoRequest ContactKind = "info_request"
	ContactFollowUp    ContactKind = "follow_up" // about an existing complaint (ComplaintID)
	ContactWrongNumber ContactKind = "wrong_number"
	ContactPrank       ContactKind = "prank"
	ContactSilent      ContactKind = "silent" // silent or dropped
	ContactMissed      ContactKind = "missed" // not answered: a call back is due
	// ContactAnswered is a call the PBX reported answered, until the
	// operator says what it was (logging it again with its call ID).
	ContactAnswered ContactKind = "answered"
)

// ContactKinds lists every kind, complaints first.
var ContactKinds = []ContactKind{ContactComplaint, ContactInformation, ContactInfoRequest, ContactAspiration, ContactFollowUp,
	ContactWrongNumber, ContactPrank, ContactSilent, ContactMissed, ContactAnswered}

// Valid reports whether k is a known kind.
func (k ContactKind) Valid() bool { return oneOf(k, ContactKinds) }

// MaxContactDuration bounds a contact's recorded duration: a longer one is
// a clock or a PBX error.
const MaxContactDuration = 6 * time.Hour

// Contact is one contact with the call center: a call (answered or
// missed), a message, a visit.
type Contact struct {
	ID          int64
	Kind        ContactKind
	Channel     Channel
	Phone       Phone // the caller's number, when known (landlines too)
	OperatorID  int64 // who handled it; 0 for a missed call
	Operator    string
	StartedAt   time.Time
	Duration    time.Duration
	ComplaintID int64 // for a complaint or a follow-up
	Note        string
	CallID      string // the PBX/CTI's own ID, when it reported the call
	// CalledBackAt: when a missed call was returned (nil: still due).
	CalledBackAt *time.Time
	CreatedAt    time.Time
}

// Validate checks a contact before it is stored.
func (c *Contact) Validate() error {
	var v Validation
	c.Note = strings.TrimSpace(c.Note)
	c.CallID = strings.TrimSpace(c.CallID)
	if !c.Kind.Valid() {
		v.Add("kind", "err.field.choice")
	}
	if c.Channel == "" {
		c.Channel = ChannelPhone
	}
	if !c.Channel.Valid() {
		v.Add("channel", "err.field.choice")
	}
	if c.StartedAt.IsZero() {
		v.Add("started_at", "err.field.required")
	}
	if c.Duration < 0 || c.Duration > MaxContactDuration {
		v.Add("duration_s", "err.field.range", 0, int(MaxContactDuration.Seconds()))
	}
	switch c.Kind {
	case ContactComplaint, ContactFollowUp:
		if c.ComplaintID <= 0 {
			v.Add("complaint_id", "err.field.required")
		}
	default:
		// Only complaints carry a complaint number: a prank or a wrong
		// number never gets one.
		if c.ComplaintID != 0 {
			v.Add("complaint_id", "err.field.contact_not_complaint")
		}
	}
	if c.Kind == ContactMissed && c.Phone == "" {
		v.Add("phone", "err.field.required")
	}
	checkText(&v, "note", c.Note, MaxReasonLen, false)
	checkText(&v, "call_id", c.CallID, 100, false)
	return v.Err()
}
