package aduan

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Channel is how a complaint reached the call center.
type Channel string

// The channels.
const (
	ChannelPhone    Channel = "telepon"
	ChannelSMS      Channel = "sms"
	ChannelWhatsApp Channel = "whatsapp"
	ChannelEmail    Channel = "email"
	ChannelWeb      Channel = "web"
	ChannelOpen311  Channel = "open311"
	// ChannelLapor: a report SP4N-LAPOR! (lapor.go.id) dispositioned to the
	// city, registered by its LAPOR! tracking ID.
	ChannelLapor Channel = "lapor"
)

// Channels lists every channel.
var Channels = []Channel{ChannelPhone, ChannelSMS, ChannelWhatsApp, ChannelEmail, ChannelWeb, ChannelOpen311, ChannelLapor}

// Valid reports whether c is a known channel.
func (c Channel) Valid() bool { return oneOf(c, Channels) }

// Priority of a complaint; categories carry a default.
type Priority string

// The priorities, lowest first.
const (
	PriorityLow       Priority = "rendah"
	PriorityNormal    Priority = "sedang"
	PriorityHigh      Priority = "tinggi"
	PriorityEmergency Priority = "darurat"
)

// Priorities lists every priority, lowest first.
var Priorities = []Priority{PriorityLow, PriorityNormal, PriorityHigh, PriorityEmergency}

// Valid reports whether p is a known priority.
func (p Priority) Valid() bool { return oneOf(p, Priorities) }

// Confidentiality says who may see what of a complaint.
type Confidentiality string

// The confidentiality levels.
const (
	// Public is the ordinary case.
	Public Confidentiality = "biasa"
	// Anonymous hides the citizen's identity from the agencies.
	Anonymous Confidentiality = "anonim"
	// Confidential restricts the content to the call center and the agency,
	// and every read of it is audited.
	Confidential Confidentiality = "rahasia"
)

// Confidentialities lists every level.
var Confidentialities = []Confidentiality{Public, Anonymous, Confidential}

// Valid reports whether c is a known level.
func (c Confidentiality) Valid() bool { return oneOf(c, Confidentialities) }

// Limits on free-text fields, in characters.
const (
	MaxTextLen    = 4000
	MaxAnswerLen  = 4000
	MaxNameLen    = 120
	MaxAddressLen = 300
	MaxReasonLen  = 1000
	MaxEmailLen   = 254
)

// Complaint is one complaint and where it stands in the SOP.
type Complaint struct {
	ID              int64
	Number          string // ADU-2026-000123, unique per year
	Channel         Channel
	Text            string
	Address         string
	KelurahanCode   string
	KecamatanCode   string
	Lat, Lng        *float64
	CategoryID      int64 // 0: not yet classified
	AgencyID        int64 // 0: not yet forwarded / suggested
	Priority        Priority
	Confidentiality Confidentiality
	Status          Status
	CitizenID       int64 // 0: unknown caller
	DuplicateOf     int64
	Answer          string // the answer the citizen got (direct or relayed)
	AnswerSource    AnswerSource
	AnswerRef       string // URL, library entry or complaint number that answered it
	AgencyAnswer    string
	ReturnReason    string
	ReceivedAt      time.Time // when the call (or message) came in: the clock's start
	CreatedAt       time.Time
	UpdatedAt       time.Time
	ClosedAt        *time.Time
	// PromisedBy is the day the agency promised to settle the complaint
	// by (status promised), midnight in the city's zone.
	PromisedBy *time.Time
	CreatedBy  int64
	Clock      Clock
	Version    int64 // optimistic concurrency: bumped on every change

	// Read-only names joined in for display; not stored on the complaint.
	CategoryName  string
	AgencyName    string
	KelurahanName string
	KecamatanName string
	// LaporTrackingID is the SP4N-LAPOR! tracking ID of a report LAPOR!
	// dispositioned to the city (channel lapor); "" for every other.
	LaporTrackingID string
	// Citizen is the caller, when loaded with the complaint.
	Citizen *Citizen
	// Asking: the agency asked the call center a question about it
	// (ask_clarification) that is not answered yet; set by the work
	// queue's list (Store.ListComplaintsByUrgency), false elsewhere.
	Asking bool
}

// Open reports whether the complaint still needs work.
func (c *Complaint) Open() bool { return c.Status.Open() }

// FormatPlace writes a place the one way every page and message writes it:
// "Jl. Margonda Raya 12, Kel. Beji, Kec. Beji". The kelurahan and the
// kecamatan are named as such, since a kelurahan often shares its
// kecamatan's name (", Beji, Beji" reads as a slip); empty parts are left
// out.
func FormatPlace(street, kelurahan, kecamatan string) string {
	var parts []string
	if s := strings.TrimSpace(street); s != "" {
		parts = append(parts, s)
	}
	if kelurahan != "" {
		parts = append(parts, "Kel. "+kelurahan)
	}
	if kecamatan != "" {
		parts = append(parts, "Kec. "+kecamatan)
	}
	return strings.Join(parts, ", ")
}

// Place is where the complaint is, written by FormatPlace.
func (c *Complaint) Place() string { return FormatPlace(c.Address, c.KelurahanName, c.KecamatanName) }

// FormatNumber renders a complaint number from its year and sequence.
func FormatNumber(year int, seq int64) string {
	return fmt.Sprintf("ADU-%04d-%06d", year, seq)
}

// ParseNumber reads a complaint number (case-insensitive) into its year and
// sequence; ok is false if s is not one.
func ParseNumber(s string) (year int, seq int64, ok bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	var y int
	var n int64
	if len(s) < 13 || !strings.HasPrefix(s, "ADU-") {
		return 0, 0, false
	}
	if _, err := fmt.Sscanf(s, "ADU-%4d-%d", &y, &n); err != nil || y < 2000 || n <= 0 {
		return 0, 0, false
	}
	if FormatNumber(y, n) != s {
		return 0, 0, false
	}
	return y, n, true
}

// NewComplaint is the input for recording a complaint (SOP steps 1–3).
type NewComplaint struct {
	Channel         Channel
	Text            string
	Address         string
	KelurahanCode   string
	Lat, Lng        *float64
	CategoryID      int64
	Priority        Priority
	Confidentiality Confidentiality
	ReceivedAt      *time.Time // call start; defaults to now
	Citizen         *CitizenInput
}

// Normalize trims the input and fills defaults.
func (n *NewComplaint) Normalize() {
	n.Text = strings.TrimSpace(n.Text)
	n.Address = strings.TrimSpace(n.Address)
	n.KelurahanCode = strings.TrimSpace(n.KelurahanCode)
	if n.Channel == "" {
		n.Channel = ChannelPhone
	}
	if n.Confidentiality == "" {
		n.Confidentiality = Public
	}
	if n.Citizen != nil {
		n.Citizen.Normalize()
	}
}

// Validate checks everything that needs no database; the store checks that
// the referenced kelurahan, category and agency exist.
func (n *NewComplaint) Validate(now time.Time) error {
	var v Validation
	n.validateInto(&v, now)
	return v.Err()
}

func (n *NewComplaint) validateInto(v *Validation, now time.Time) {
	checkText(v, "text", n.Text, MaxTextLen, true)
	checkText(v, "address", n.Address, MaxAddressLen, false)
	if !n.Channel.Valid() {
		v.Add("channel", "err.field.choice")
	}
	if n.Priority != "" && !n.Priority.Valid() {
		v.Add("priority", "err.field.choice")
	}
	if !n.Confidentiality.Valid() {
		v.Add("confidentiality", "err.field.choice")
	}
	if n.CategoryID < 0 {
		v.Add("category_id", "err.field.unknown")
	}
	if key := CheckLatLng(n.Lat, n.Lng); key != "" {
		v.Add("lat", key)
	}
	if n.ReceivedAt != nil {
		if n.ReceivedAt.After(now.Add(time.Minute)) {
			v.Add("received_at", "err.field.future")
		} else if now.Sub(*n.ReceivedAt) > 30*24*time.Hour {
			v.Add("received_at", "err.field.too_old")
		}
	}
	if n.Citizen != nil {
		n.Citizen.validateInto(v, "citizen.")
	}
}

// checkText validates a free-text field: valid UTF-8, no control characters
// other than newlines and tabs, within max runes, and present if required.
func checkText(v *Validation, field, s string, max int, required bool) {
	if !utf8.ValidString(s) {
		v.Add(field, "err.field.encoding")
		return
	}
	if required && strings.TrimSpace(s) == "" {
		v.Add(field, "err.field.required")
		return
	}
	if n := utf8.RuneCountInString(s); n > max {
		v.Add(field, "err.field.too_long", max)
		return
	}
	for _, r := range s {
		if r < 0x20 && r != '\n' && r != '\r' && r != '\t' || r == 0x7f {
			v.Add(field, "err.field.control_chars")
			return
		}
	}
}

// ComplaintPatch edits the classification of a complaint outside the
// workflow steps. Nil fields are left unchanged.
type ComplaintPatch struct {
	Text            *string
	Address         *string
	KelurahanCode   *string
	Lat, Lng        *float64
	CategoryID      *int64
	Priority        *Priority
	Confidentiality *Confidentiality
}

// Validate checks the patch without the database.
func (p *ComplaintPatch) Validate() error {
	var v Validation
	if p.Text != nil {
		*p.Text = strings.TrimSpace(*p.Text)
		checkText(&v, "text", *p.Text, MaxTextLen, true)
	}
	if p.Address != nil {
		*p.Address = strings.TrimSpace(*p.Address)
		checkText(&v, "address", *p.Address, MaxAddressLen, false)
	}
	if p.Priority != nil && !p.Priority.Valid() {
		v.Add("priority", "err.field.choice")
	}
	if p.Confidentiality != nil && !p.Confidentiality.Valid() {
		v.Add("confidentiality", "err.field.choice")
	}
	if key := CheckLatLng(p.Lat, p.Lng); key != "" {
		v.Add("lat", key)
	}
	if p.CategoryID != nil && *p.CategoryID < 0 {
		v.Add("category_id", "err.field.unknown")
	}
	return v.Err()
}

// Empty reports whether the patch changes nothing.
func (p *ComplaintPatch) Empty() bool {
	return p.Text == nil && p.Address == nil && p.KelurahanCode == nil && p.Lat == nil && p.Lng == nil &&
		p.CategoryID == nil && p.Priority == nil && p.Confidentiality == nil
}

// ComplaintFilter selects complaints for lists. Zero values mean "any".
type ComplaintFilter struct {
	Statuses      []Status
	Open          *bool
	AgencyID      int64
	CategoryID    int64
	KecamatanCode string
	KelurahanCode string
	Channel       Channel
	// CitizenID selects one caller's complaints; only for actors who see
	// every identity (Actor.SeesEveryIdentity), see Check.
	CitizenID int64
	From, To  *time.Time // on ReceivedAt, To exclusive
	// Query is a complaint number or words of the text and place, at most
	// MaxQueryLen characters.
	Query       string
	Overdue     bool
	DuplicateOf int64
	// Brief lists complaints for a surface that shows none of their
	// content (numbers and states only): the content of confidential
	// complaints is then left out, and no read of it recorded.
	Brief bool
	// View names the page view that this list refreshes (the queue's live
	// refresh): a confidential complaint whose read that view audited for
	// the same actor is not audited again (see the store's ViewSpan).
	View string
	// Priority selects one priority (the queue's darurat filter).
	Priority Priority
	// Paging: keyset on ID descending (newest first), so deep pages cost the
	// same as the first with a million rows.
	Before int64
	Limit  int
	// Urgent orders by urgency instead (Store.ListComplaintsByUrgency), paged
	// by Offset.
	Offset int
	// Sort orders that list by one column (QueueSorts) first, urgency
	// breaking ties; Desc reverses the column. Empty: urgency alone.
	Sort string
	Desc bool
}

// QueueSorts are the columns the work queue may be sorted by (the allow-
// list: a sort names one of these or nothing): the number (arrival order),
// when it was received, its deadline (lateness first), priority (darurat
// first), category and agency (by name).
var QueueSorts = []string{"number", "received", "due", "priority", "category", "agency"}

// MaxQueryLen bounds a search text, in characters: longer than any
// complaint number or phrase worth searching for, and well within what the
// databases' pattern matching takes (SQLite refuses LIKE patterns over
// 50,000 bytes).
const MaxQueryLen = 200

// Check refuses a filter the actor may not use, whatever the surface: a
// search text over MaxQueryLen (invalid, naming q), and one that selects by
// who filed the complaints, for an actor who may not see every identity
// (forbidden, naming the field). Refusing, rather than
// quietly dropping the condition, tells a client why it did not get what it
// asked for, and no list, count or export can differ from another.
func (f *ComplaintFilter) Check(a Actor) error {
	if utf8.RuneCountInString(f.Query) > MaxQueryLen {
		return &Error{Code: EINVALID, Key: "err.query.too_long", Args: []any{MaxQueryLen},
			Fields: []FieldError{{Field: "q", Key: "err.field.too_long", Args: []any{MaxQueryLen}}}}
	}
	if f.CitizenID != 0 && !a.SeesEveryIdentity() {
		return &Error{Code: EFORBIDDEN, Key: "err.filter.identity", Fields: []FieldError{{Field: "citizen_id", Key: "err.filter.identity"}}}
	}
	return nil
}

func oneOf[T comparable](x T, list []T) bool {
	for _, y := range list {
		if x == y {
			return true
		}
	}
	return false
}
