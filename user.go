package aduan

import (
	"regexp"
	"strings"
	"time"
)

// User is a person who logs in.
type User struct {
	ID       int64
	Username string
	Name     string
	Role     Role
	AgencyID int64 // required for agency-bound roles
	Phone    Phone // a mobile: WhatsApp notifications go to it
	Email    string
	Lang     string // "id" or "en"
	// NIP is the civil servant's 18-digit number (Nomor Induk Pegawai),
	// printed under the name where the user signs or initials a report;
	// empty for staff who have none (contract operators).
	NIP          string
	Active       bool
	MustChangePW bool
	// Service marks a service account: an integration (the PBX/CTI that
	// pops calls), not a person. It uses API tokens only, never a password,
	// and is the only kind of user an admin may make tokens for. Set when
	// the account is made, never changed.
	Service   bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Actor returns the actor that this user acts as.
func (u *User) Actor() Actor {
	return Actor{UserID: u.ID, Name: u.Name, Role: u.Role, AgencyID: u.AgencyID}
}

var usernameRe = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{2,39}$`)

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 10

// Validate checks a user before it is stored.
func (u *User) Validate() error {
	var v Validation
	u.Username = strings.ToLower(strings.TrimSpace(u.Username))
	u.Name = strings.TrimSpace(u.Name)
	if !usernameRe.MatchString(u.Username) {
		v.Add("username", "err.field.username")
	}
	checkText(&v, "name", u.Name, MaxNameLen, true)
	if !u.Role.Valid() {
		v.Add("role", "err.field.choice")
	}
	if u.Role.AgencyBound() && u.AgencyID <= 0 {
		v.Add("agency_id", "err.field.agency_required")
	}
	if !u.Role.AgencyBound() {
		u.AgencyID = 0
	}
	if u.NIP = NormalizeNIP(u.NIP); u.NIP != "" && !ValidNIP(u.NIP) {
		v.Add("nip", "err.field.nip")
	}
	if u.Lang == "" {
		u.Lang = "id"
	}
	if u.Lang != "id" && u.Lang != "en" {
		v.Add("lang", "err.field.choice")
	}
	return v.Err()
}

// NormalizeNIP takes a NIP as people write it ("19800101 200501 1 001",
// with spaces or dots between its parts) to its 18 digits.
func NormalizeNIP(s string) string {
	return strings.NewReplacer(" ", "", ".", "", "-", "", "\u00a0", "").Replace(strings.TrimSpace(s))
}

// ValidNIP reports whether s is a well-formed NIP (PP 11/2017): the birth
// date (yyyymmdd), the month of appointment (yyyymm), the sex (1 or 2) and
// a three-digit sequence: 18 digits whose dates are dates.
func ValidNIP(s string) bool {
	if len(s) != 18 {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	if _, err := time.Parse("20060102", s[:8]); err != nil {
		return false
	}
	if _, err := time.Parse("200601", s[8:14]); err != nil {
		return false
	}
	return s[14] == '1' || s[14] == '2'
}

// ValidatePassword checks a new password.
func ValidatePassword(pw string) error {
	var v Validation
	if n := len([]rune(pw)); n < MinPasswordLen {
		v.Add("password", "err.field.password_short", MinPasswordLen)
	} else if n > 256 {
		v.Add("password", "err.field.too_long", 256)
	}
	return v.Err()
}

// APIToken is a bearer token for integrations. Only its hash is stored; the
// secret is shown once when created.
type APIToken struct {
	ID        int64
	UserID    int64
	Name      string
	Prefix    string // first characters, to tell tokens apart in lists
	CreatedAt time.Time
	LastUsed  *time.Time
	RevokedAt *time.Time
}

// AuditEntry is one record of the append-only audit log.
type AuditEntry struct {
	ID        int64
	At        time.Time
	ActorID   int64
	ActorName string
	ActorRole Role
	Action    string // complaint.create, complaint.forward, user.update, complaint.read_confidential, …
	Entity    string // complaint, citizen, user, agency, …
	EntityID  string
	Before    string // JSON, may be empty
	After     string // JSON, may be empty
	RequestID string
}

// AuditFilter selects audit entries.
type AuditFilter struct {
	ActorID  int64
	Entity   string
	EntityID string
	Action   string
	From, To *time.Time
	Before   int64
	Limit    int
}
