package aduan

import (
	"strconv"
	"strings"
	"time"
)

// Personal-data duties of UU 27/2022 (Pelindungan Data Pribadi): how long
// each kind of personal data is kept, the data subjects' requests, the
// breach log and the processing record. The rules are here, pure; the store
// carries them out.

// RetentionKind is a kind of personal data with its own retention period.
type RetentionKind string

// The retention kinds. Each is a setting retention_KIND_days: days after
// a complaint is done (closed, merged or rejected) before the kind goes; 0
// keeps it for ever.
const (
	// RetainPersonal: who complained (name, phone, e-mail, address, the
	// identity written in free text). The citizen is anonymised once all
	// their complaints are done and the last closed this long ago; the
	// complaints, their events and timings stay for the figures.
	RetainPersonal RetentionKind = "personal"
	// RetainMessages: the bodies and addresses of SMS, WhatsApp messages
	// and e-mails; the row (channel, direction, status, times) stays.
	RetainMessages RetentionKind = "messages"
	// RetainPhotos: photos and documents sent with a complaint: files and
	// records are deleted.
	RetainPhotos RetentionKind = "photos"
	// RetainAudit: the personal values in the audit log's before/after
	// snapshots; who did what and when stays (it is the proof of
	// lawful processing).
	RetainAudit RetentionKind = "audit"
)

// RetentionKinds lists the kinds in the order they are shown.
var RetentionKinds = []RetentionKind{RetainPersonal, RetainMessages, RetainPhotos, RetainAudit}

// Setting is the kind's setting key.
func (k RetentionKind) Setting() string { return "retention_" + string(k) + "_days" }

// Setting keys of the privacy deadlines, in hours.
const (
	SettingPrivacyRequestHours = "privacy_request_hours"
	SettingBreachNotifyHours   = "breach_notify_hours"
)

// RetentionDays is the kind's period in days from settings (0: kept for
// ever); a missing or unreadable value takes the default.
func RetentionDays(settings map[string]string, k RetentionKind) int {
	return intSetting(settings, k.Setting())
}

// PrivacyHours is a deadline setting in hours (SettingPrivacyRequestHours,
// SettingBreachNotifyHours).
func PrivacyHours(settings map[string]string, key string) int {
	h := intSetting(settings, key)
	if h <= 0 {
		h = 72
	}
	return h
}

func intSetting(settings map[string]string, key string) int {
	if n, ok := parseSetting(key, settings[key]); ok {
		return n
	}
	n, _ := parseSetting(key, DefaultSettings()[key])
	return n
}

// parseSetting reads a privacy setting's number within its bounds.
func parseSetting(key, v string) (int, bool) {
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil {
		return 0, false
	}
	lo, hi := privacyBounds(key)
	return n, n >= lo && n <= hi
}

func privacyBounds(key string) (lo, hi int) {
	if strings.HasPrefix(key, "retention_") {
		return 0, 36500
	}
	return 1, 24 * 60
}

// CheckPrivacySetting checks a privacy setting's value; it returns the
// catalogue key and arguments of what is wrong, or "" for a good value or
// another setting.
func CheckPrivacySetting(key, value string) (string, []any) {
	if !strings.HasPrefix(key, "retention_") && key != SettingPrivacyRequestHours && key != SettingBreachNotifyHours {
		return "", nil
	}
	if _, ok := parseSetting(key, value); !ok {
		lo, hi := privacyBounds(key)
		return "err.field.range", []any{lo, hi}
	}
	return "", nil
}

// RetentionCutoff is the moment before which a kind's data goes: now less
// its period; ok is false when the kind is kept for ever.
func RetentionCutoff(now time.Time, days int) (time.Time, bool) {
	if days <= 0 {
		return time.Time{}, false
	}
	return now.AddDate(0, 0, -days), true
}

// PrivacyRequestKind is what a data subject asks for.
type PrivacyRequestKind string

// The kinds of data subjects' requests (UU 27/2022 arts. 5–8).
const (
	RequestAccess     PrivacyRequestKind = "access"
	RequestCorrection PrivacyRequestKind = "correction"
	RequestErasure    PrivacyRequestKind = "erasure"
)

// PrivacyRequestKinds lists the kinds.
var PrivacyRequestKinds = []PrivacyRequestKind{RequestAccess, RequestCorrection, RequestErasure}

// Valid reports whether k is a known kind.
func (k PrivacyRequestKind) Valid() bool { return oneOf(k, PrivacyRequestKinds) }

// PrivacyRequestStatus is where a request stands.
type PrivacyRequestStatus string

// The statuses of a request.
const (
	RequestReceived     PrivacyRequestStatus = "received"
	RequestAcknowledged PrivacyRequestStatus = "acknowledged"
	RequestDone         PrivacyRequestStatus = "done"
	RequestRefused      PrivacyRequestStatus = "refused"
)

// Open reports whether the request still needs work.
func (s PrivacyRequestStatus) Open() bool { return s == RequestReceived || s == RequestAcknowledged }

// PrivacyRequest is one data subject's request, recorded with its
// deadline and outcome.
type PrivacyRequest struct {
	ID     int64
	Kind   PrivacyRequestKind
	Status PrivacyRequestStatus
	// The subject as they identified themselves; after an erasure only a
	// masked form stays (and SubjectHash, to answer "was I erased?").
	SubjectPhone string // E.164
	SubjectEmail string
	SubjectHash  string
	Requester    string // who asked (the subject, or their representative)
	Via          string // how it reached us: letter, e-mail, counter, phone
	Notes        string
	ReceivedAt   time.Time
	// DueAt is the acknowledgement's deadline: ReceivedAt plus
	// privacy_request_hours (3×24 by default).
	DueAt          time.Time
	AcknowledgedAt *time.Time
	ClosedAt       *time.Time
	Outcome        RequestOutcome
	CreatedBy      int64
	CreatedByName  string
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Version        int64
}

// Overdue reports whether the acknowledgement is late at now.
func (r *PrivacyRequest) Overdue(now time.Time) bool {
	return r.AcknowledgedAt == nil && r.Status.Open() && now.After(r.DueAt)
}

// RequestOutcome is what was done about a request: the coordinator's note
// and, for an erasure, what went and what was kept and why.
type RequestOutcome struct {
	Note       string          `json:"note,omitempty"`
	Corrected  []string        `json:"corrected,omitempty"`  // fields corrected
	Anonymised []string        `json:"anonymised,omitempty"` // complaint numbers
	Kept       []KeptComplaint `json:"kept,omitempty"`
	Messages   int             `json:"messages,omitempty"`
	Photos     int             `json:"photos,omitempty"`
	// IdentityKept: the citizen's own record stays (open complaints).
	IdentityKept bool `json:"identity_kept,omitempty"`
}

// Empty reports whether nothing is recorded yet.
func (o RequestOutcome) Empty() bool {
	return o.Note == "" && len(o.Corrected) == 0 && len(o.Anonymised) == 0 && len(o.Kept) == 0 && o.Messages == 0 && o.Photos == 0 && !o.IdentityKept
}

// KeptComplaint is a complaint an erasure kept, with the reason (a
// catalogue key privacy.kept.REASON).
type KeptComplaint struct {
	Number string `json:"number"`
	Status Status `json:"status"`
	Reason string `json:"reason"`
}

// KeepReasonOpen: the complaint is still being handled; the identity is
// needed to give the caller the answer they asked for, which is the
// purpose it was collected for.
const KeepReasonOpen = "open"

// NewPrivacyRequest is what the coordinator records when a request comes.
type NewPrivacyRequest struct {
	Kind       PrivacyRequestKind
	Phone      string // raw; the store normalises it
	Email      string
	Requester  string
	Via        string
	Notes      string
	ReceivedAt time.Time
}

// Validate checks the request without the database.
func (n *NewPrivacyRequest) Validate(now time.Time) error {
	var v Validation
	if !n.Kind.Valid() {
		v.Add("kind", "err.field.choice")
	}
	n.Email = strings.ToLower(strings.TrimSpace(n.Email))
	n.Phone = strings.TrimSpace(n.Phone)
	if n.Phone == "" && n.Email == "" {
		v.Add("phone", "err.field.required")
	}
	if n.Email != "" {
		(&CitizenInput{Email: n.Email}).validateInto(&v, "")
	}
	checkText(&v, "requester", n.Requester, MaxNameLen, true)
	checkText(&v, "via", n.Via, MaxNameLen, false)
	checkText(&v, "notes", n.Notes, MaxReasonLen, false)
	switch {
	case n.ReceivedAt.IsZero():
		v.Add("received_at", "err.field.required")
	case n.ReceivedAt.After(now.Add(5 * time.Minute)):
		v.Add("received_at", "err.field.future")
	}
	return v.Err()
}

// Breach is a personal-data incident in the breach log. UU 27/2022 art. 46
// asks for notice to the subjects and to the authority within 3×24 hours of
// its discovery.
type Breach struct {
	ID            int64
	Title         string
	Description   string // what happened, what was done
	OccurredAt    *time.Time
	DiscoveredAt  time.Time
	Affected      string // whom it affects
	AffectedCount int
	DataKinds     []string // BreachDataKinds
	Measures      string
	// DueAt is the notifications' deadline: DiscoveredAt plus
	// breach_notify_hours.
	DueAt               time.Time
	SubjectsNotifiedAt  *time.Time
	SubjectsNotice      string // how the subjects were told
	AuthorityNotifiedAt *time.Time
	AuthorityNotice     string
	ClosedAt            *time.Time
	CreatedBy           int64
	CreatedByName       string
	CreatedAt           time.Time
	UpdatedAt           time.Time
	Version             int64
}

// BreachDataKinds are the kinds of data a breach may touch.
var BreachDataKinds = []string{"name", "phone", "email", "address", "complaint_text", "messages", "photos", "staff_accounts", "other"}

// Pending reports whether a notification is still owed.
func (b *Breach) Pending() bool { return b.SubjectsNotifiedAt == nil || b.AuthorityNotifiedAt == nil }

// BreachInput is what is recorded or corrected of a breach.
type BreachInput struct {
	Title               string
	Description         string
	OccurredAt          *time.Time
	DiscoveredAt        time.Time
	Affected            string
	AffectedCount       int
	DataKinds           []string
	Measures            string
	SubjectsNotifiedAt  *time.Time
	SubjectsNotice      string
	AuthorityNotifiedAt *time.Time
	AuthorityNotice     string
	Closed              bool
}

// Validate checks a breach without the database.
func (b *BreachInput) Validate(now time.Time) error {
	var v Validation
	b.Title = strings.TrimSpace(b.Title)
	checkText(&v, "title", b.Title, 200, true)
	checkText(&v, "description", b.Description, MaxTextLen, true)
	checkText(&v, "affected", b.Affected, MaxReasonLen, false)
	checkText(&v, "measures", b.Measures, MaxTextLen, false)
	checkText(&v, "subjects_notice", b.SubjectsNotice, MaxReasonLen, false)
	checkText(&v, "authority_notice", b.AuthorityNotice, MaxReasonLen, false)
	if b.AffectedCount < 0 {
		v.Add("affected_count", "err.field.range", 0, 1<<31-1)
	}
	for _, k := range b.DataKinds {
		if !oneOf(k, BreachDataKinds) {
			v.Add("data_kinds", "err.field.choice")
			break
		}
	}
	late := now.Add(5 * time.Minute)
	if b.DiscoveredAt.IsZero() {
		v.Add("discovered_at", "err.field.required")
	} else if b.DiscoveredAt.After(late) {
		v.Add("discovered_at", "err.field.future")
	}
	for field, t := range map[string]*time.Time{"occurred_at": b.OccurredAt, "subjects_notified_at": b.SubjectsNotifiedAt, "authority_notified_at": b.AuthorityNotifiedAt} {
		if t != nil && t.After(late) {
			v.Add(field, "err.field.future")
		}
	}
	if b.OccurredAt != nil && !b.DiscoveredAt.IsZero() && b.OccurredAt.After(b.DiscoveredAt) {
		v.Add("occurred_at", "err.field.range_order")
	}
	return v.Err()
}

// ProcessingActivity is one line of the processing record (catatan
// pemrosesan): what personal data, why, who sees it and how long it is
// kept. Texts are catalogue keys.
type ProcessingActivity struct {
	Key       string // privacy.record.KEY.{data,purpose,note}
	Roles     []Role
	Retention RetentionKind // "" for data kept while needed (accounts, the log itself)
	Days      int
}

// ProcessingRecord is the processing record built from the role table and
// the retention settings, so that it says what the system really does.
func ProcessingRecord(settings map[string]string) []ProcessingActivity {
	withAdmin := func(rs []Role) []Role {
		for _, r := range rs {
			if r == RoleAdmin {
				return rs
			}
		}
		return append(append([]Role{}, rs...), RoleAdmin)
	}
	acts := []ProcessingActivity{
		{Key: "identity", Roles: RolesWith(PermCitizenRead), Retention: RetainPersonal},
		{Key: "content", Roles: RolesWith(PermComplaintRead), Retention: RetainPersonal},
		// The message lists (failed sends, unmatched replies) are also for
		// IT staff, who keep the gateways running.
		{Key: "messages", Roles: withAdmin(RolesWith(PermCitizenRead)), Retention: RetainMessages},
		{Key: "photos", Roles: RolesWith(PermComplaintRead), Retention: RetainPhotos},
		{Key: "audit", Roles: RolesWith(PermAuditRead), Retention: RetainAudit},
		{Key: "requests", Roles: RolesWith(PermPrivacyRequest)},
		{Key: "breaches", Roles: RolesWith(PermPrivacyBreach)},
		{Key: "staff", Roles: RolesWith(PermUserRead)},
	}
	for i := range acts {
		if acts[i].Retention != "" {
			acts[i].Days = RetentionDays(settings, acts[i].Retention)
		}
	}
	return acts
}
