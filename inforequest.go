package aduan

import (
	"fmt"
	"strings"
	"time"
	"unicode"
)

// Public-information requests (permohonan informasi publik) under UU 14/2008
// on Keterbukaan Informasi Publik and PerKI 1/2021: a track of their own
// beside complaints, with the law's clock (10 working days, one extension of
// 7), its decisions, and the objection (keberatan) to the PPID's superior
// (atasan PPID), then the Komisi Informasi. Like workflow.go, the procedure
// is a table (InfoTransitions) and a pure function (ApplyInfo).

// InfoStatus is where a request stands.
type InfoStatus string

// The statuses, in the order of the law's procedure.
const (
	InfoReceived   InfoStatus = "received" // registered, with the PPID Utama
	InfoAssigned   InfoStatus = "assigned" // with a PPID Pembantu (an agency)
	InfoDecided    InfoStatus = "decided"  // answered with a written notice
	InfoObjected   InfoStatus = "objected" // keberatan with the atasan PPID
	InfoObjAnswer  InfoStatus = "objection_answered"
	InfoCommission InfoStatus = "commission" // dispute before the Komisi Informasi
	InfoClosed     InfoStatus = "closed"     // the Komisi Informasi's outcome recorded
)

// InfoStatuses lists every status in order.
var InfoStatuses = []InfoStatus{InfoReceived, InfoAssigned, InfoDecided, InfoObjected, InfoObjAnswer, InfoCommission, InfoClosed}

// Valid reports whether s is a known status.
func (s InfoStatus) Valid() bool { return oneOf(s, InfoStatuses) }

// Pending reports whether the request still waits for its answer: the law's
// 10 (+7) working days run.
func (s InfoStatus) Pending() bool { return s == InfoReceived || s == InfoAssigned }

// InfoAction is a step of the procedure.
type InfoAction string

// The actions.
const (
	InfoActRegister         InfoAction = "register"
	InfoActAssign           InfoAction = "assign"
	InfoActExtend           InfoAction = "extend"
	InfoActDecide           InfoAction = "decide"
	InfoActObject           InfoAction = "object"
	InfoActAnswerObjection  InfoAction = "answer_objection"
	InfoActReferCommission  InfoAction = "refer_commission"
	InfoActCommissionResult InfoAction = "commission_result"
)

// InfoDecision is the answer the written notice gives (UU 14/2008 art. 22(7)).
type InfoDecision string

// The decisions.
const (
	InfoGranted       InfoDecision = "granted"        // given in full
	InfoPartly        InfoDecision = "partly"         // given in part, the rest exempt (art. 17)
	InfoRefused       InfoDecision = "refused"        // exempt under art. 17, consequence test recorded
	InfoNotHeld       InfoDecision = "not_held"       // not held here; referral to who holds it
	InfoNotDocumented InfoDecision = "not_documented" // held in no document yet
)

// InfoDecisions lists every decision.
var InfoDecisions = []InfoDecision{InfoGranted, InfoPartly, InfoRefused, InfoNotHeld, InfoNotDocumented}

// Valid reports whether d is a known decision.
func (d InfoDecision) Valid() bool { return oneOf(d, InfoDecisions) }

// Exempts reports whether the decision withholds information under art. 17
// and so needs its ground and consequence test.
func (d InfoDecision) Exempts() bool { return d == InfoRefused || d == InfoPartly }

// Article17Grounds are the letters of UU 14/2008 art. 17: the only grounds on
// which information may be withheld.
var Article17Grounds = []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j"}

// ObjectionReasons are the reasons of art. 35(1) a–g for which a requester
// may object.
var ObjectionReasons = []string{
	"refused",      // a: refused under art. 17
	"not_provided", // b: information that must be published was not
	"ignored",      // c: the request was not answered
	"not_as_asked", // d: answered not as asked
	"not_met",      // e: the request was not fulfilled
	"fee",          // f: an unreasonable fee
	"late",         // g: answered later than the law allows
}

// InfoMedia: how the requester wants the information (melihat, salinan
// elektronik, salinan cetak).
var InfoMedia = []string{"view", "softcopy", "hardcopy"}

// InfoDeliveries: how they get it (ambil langsung, pos, e-mail).
var InfoDeliveries = []string{"collect", "post", "email"}

// The law's clock, in working days (UU 14/2008 arts. 22(7)–(8), 36).
const (
	InfoAnswerDays       = 10
	InfoExtensionDays    = 7
	InfoObjectionDays    = 30 // to file an objection after the decision or the missed deadline
	InfoObjAnswerDays    = 30 // for the atasan PPID to answer it
	InfoCommissionDays   = 14 // to go to the Komisi Informasi after the answer (art. 37(2))
	SettingPPIDAtasan    = "ppid_atasan"
	infoMaxInformation   = MaxTextLen
	infoMinIDNumberChars = 6
)

// InfoRequest is one request for public information.
type InfoRequest struct {
	ID     int64
	Number string // PPID-2026-000001
	Status InfoStatus
	// Channel is how it came (the call center's channels, or the PPID's
	// own desk); ContactID the desk's contact it came from.
	Channel   Channel
	ContactID int64
	// The requester's identity as the law asks (art. 22(2)): the ID number
	// is stored apart and shown masked (see MaskIDNumber).
	Name, Address string
	Phone         Phone
	Email         string
	IDNumber      string
	Information   string // what is asked for
	Purpose       string // what for
	Medium        string // InfoMedia
	Delivery      string // InfoDeliveries
	AgencyID      int64  // the PPID Pembantu's agency; 0 while with the PPID Utama
	AgencyName    string
	ReceivedAt    time.Time
	DueAt         time.Time
	// Extension (art. 22(8)): once, with its reason, on a written notice.
	ExtendedAt      *time.Time
	ExtensionReason string
	// The decision and its written notice.
	Decision        InfoDecision
	DecidedAt       *time.Time
	Answer          string // what the notice says, or the information itself
	Ground          string // Article17Grounds letter, for refused/partly
	ConsequenceTest string // why disclosure would harm (uji konsekuensi)
	ReferralTo      string // for not_held: the body that holds it
	DocumentURL     string // the information, linked
	DocumentName    string // the information, attached (file name)
	// DocumentAttached: the information is a file in the attachment
	// storage, which the requester downloads from the tracking page.
	DocumentAttached bool
	NoticeNumber     string // the written notice's number
	// The objection (keberatan).
	ObjectedAt          *time.Time
	ObjectionReason     string
	ObjectionText       string
	ObjectionDueAt      *time.Time
	ObjectionAnswer     string
	ObjectionUpheld     bool // the atasan found for the requester
	ObjectionAnsweredAt *time.Time
	ObjectionBy         string // the atasan who answered
	// The Komisi Informasi.
	CommissionAt      *time.Time
	CommissionRef     string // the register number of the dispute
	CommissionOutcome string
	ClosedAt          *time.Time
	CreatedBy         int64
	CreatedAt         time.Time
	UpdatedAt         time.Time
	Version           int64
}

// Overdue reports whether the request missed a deadline of the law at now:
// unanswered after its (extended) deadline, or an objection unanswered
// after 30 working days.
func (r *InfoRequest) Overdue(now time.Time) bool {
	switch {
	case r.Status.Pending():
		return now.After(r.DueAt)
	case r.Status == InfoObjected:
		return r.ObjectionDueAt != nil && now.After(*r.ObjectionDueAt)
	}
	return false
}

// AnsweredLate reports whether the decision came after the deadline.
func (r *InfoRequest) AnsweredLate() bool {
	return r.DecidedAt != nil && r.DecidedAt.After(r.DueAt)
}

// MaskIDNumber shows the last four characters of an ID number only.
func MaskIDNumber(s string) string {
	r := []rune(s)
	if len(r) <= 4 {
		return strings.Repeat("•", len(r))
	}
	return strings.Repeat("•", len(r)-4) + string(r[len(r)-4:])
}

// FormatInfoNumber writes a request's number.
func FormatInfoNumber(year int, seq int64) string { return fmt.Sprintf("PPID-%d-%06d", year, seq) }

// NewInfoRequest is a request as registered.
type NewInfoRequest struct {
	Channel     Channel
	ContactID   int64
	Name        string
	Address     string
	Phone       string // as typed; the store normalises it
	Email       string
	IDNumber    string
	Information string
	Purpose     string
	Medium      string
	Delivery    string
	ReceivedAt  time.Time // zero: now
	// Contact, if set, is the desk's contact to log with the request (kind
	// info_request), in the same transaction; ContactID names one logged
	// before (POST /api/v1/contacts).
	Contact *Contact
}

// Validate checks the identity the law requires (name, address, a phone or
// an e-mail, the ID number) and the request itself, naming every bad field.
// Phone numbers are checked by the store, which normalises them.
func (n *NewInfoRequest) Validate(now time.Time) error {
	var v Validation
	for _, p := range []*string{&n.Name, &n.Address, &n.Phone, &n.Email, &n.IDNumber, &n.Information, &n.Purpose, &n.Medium, &n.Delivery} {
		*p = strings.TrimSpace(*p)
	}
	n.IDNumber = strings.Map(func(r rune) rune {
		if r == ' ' || r == '-' || r == '.' {
			return -1
		}
		return unicode.ToUpper(r)
	}, n.IDNumber)
	checkText(&v, "name", n.Name, MaxNameLen, true)
	checkText(&v, "address", n.Address, MaxAddressLen, true)
	if n.Phone == "" && n.Email == "" {
		v.Add("phone", "err.ppid.contact_required")
	}
	if n.Email != "" {
		if key := CheckEmail(n.Email); key != "" {
			v.Add("email", key)
		}
	}
	switch {
	case n.IDNumber == "":
		v.Add("id_number", "err.field.required")
	case len(n.IDNumber) < infoMinIDNumberChars || len(n.IDNumber) > 40 || strings.IndexFunc(n.IDNumber, func(r rune) bool {
		return !(r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r == '/')
	}) >= 0:
		v.Add("id_number", "err.ppid.id_number")
	}
	checkText(&v, "information", n.Information, infoMaxInformation, true)
	checkText(&v, "purpose", n.Purpose, MaxReasonLen, true)
	if !oneOf(n.Medium, InfoMedia) {
		v.Add("medium", "err.field.choice")
	}
	if !oneOf(n.Delivery, InfoDeliveries) {
		v.Add("delivery", "err.field.choice")
	}
	if n.Delivery == "email" && n.Email == "" && !v.Has("email") {
		v.Add("email", "err.ppid.email_for_delivery")
	}
	if n.Channel == "" {
		n.Channel = ChannelPhone
	}
	if !n.Channel.Valid() {
		v.Add("channel", "err.field.choice")
	}
	if n.ReceivedAt.IsZero() {
		n.ReceivedAt = now
	} else if n.ReceivedAt.After(now.Add(time.Minute)) {
		v.Add("received_at", "err.field.future")
	} else if now.Sub(n.ReceivedAt) > 30*24*time.Hour {
		v.Add("received_at", "err.field.too_old")
	}
	return v.Err()
}

// InfoInput carries what a step needs; ApplyInfo validates what the action
// uses.
type InfoInput struct {
	AgencyID        int64 // assign
	Reason          string
	Decision        InfoDecision
	Answer          string
	Ground          string
	ConsequenceTest string
	ReferralTo      string
	DocumentURL     string
	DocumentName    string
	Upheld          bool   // answer_objection
	Reference       string // refer_commission: the dispute's register number
	Outcome         string // commission_result
	ObjectionReason string // object
}

// InfoTransition is one edge of the procedure.
type InfoTransition struct {
	Action InfoAction
	From   []InfoStatus
	To     InfoStatus // empty: stays (the extension)
	// Who may take it (besides the system acting for the requester, and
	// the atasan PPID for an objection's answer, who is named by a setting).
	Roles []Role
	// AgencyOnly: a PPID Pembantu may take it only on its agency's requests.
	AgencyOnly bool
}

var ppidRoles = []Role{RolePPIDUtama, RolePPIDPembantu}

// InfoTransitions is the procedure of UU 14/2008 and PerKI 1/2021 as a
// state machine.
var InfoTransitions = []InfoTransition{
	// The PPID Utama gives the request to the agency that holds the
	// information, or to another one.
	{InfoActAssign, []InfoStatus{InfoReceived, InfoAssigned}, InfoAssigned, []Role{RolePPIDUtama}, false},
	// Art. 22(8): one extension of 7 working days, in writing, with reasons.
	{InfoActExtend, []InfoStatus{InfoReceived, InfoAssigned}, "", ppidRoles, true},
	// Art. 22(7): the written notice within 10 working days.
	{InfoActDecide, []InfoStatus{InfoReceived, InfoAssigned}, InfoDecided, ppidRoles, true},
	// Art. 35–36: the objection, filed by the requester (the public page:
	// the system acts for them) or recorded by the PPID or the call center.
	{InfoActObject, []InfoStatus{InfoReceived, InfoAssigned, InfoDecided}, InfoObjected,
		[]Role{RolePPIDUtama, RoleOperatorCC, RoleKoordinatorCC}, false},
	// Art. 36: the atasan PPID answers within 30 working days (who that is
	// is the setting ppid_atasan; see InfoAtasan).
	{InfoActAnswerObjection, []InfoStatus{InfoObjected}, InfoObjAnswer, nil, false},
	// Art. 37: the requester goes to the Komisi Informasi; the PPID
	// records it and its outcome.
	{InfoActReferCommission, []InfoStatus{InfoObjected, InfoObjAnswer}, InfoCommission, []Role{RolePPIDUtama}, false},
	{InfoActCommissionResult, []InfoStatus{InfoCommission}, InfoClosed, []Role{RolePPIDUtama}, false},
}

// InfoAtasan is who answers objections: the setting ppid_atasan names a
// role ("kasi_kabid") or a user ("user:12").
type InfoAtasan struct {
	Role   Role
	UserID int64
}

// ParseInfoAtasan reads the setting; ok is false when it names no one.
func ParseInfoAtasan(s string) (InfoAtasan, bool) {
	s = strings.TrimSpace(s)
	if rest, ok := strings.CutPrefix(s, "user:"); ok {
		var id int64
		if _, err := fmt.Sscan(rest, &id); err != nil || id <= 0 {
			return InfoAtasan{}, false
		}
		return InfoAtasan{UserID: id}, true
	}
	if r := Role(s); r.Valid() {
		return InfoAtasan{Role: r}, true
	}
	return InfoAtasan{}, false
}

// Is reports whether the actor is the atasan PPID.
func (t InfoAtasan) Is(a Actor) bool {
	if a.IsSystem() {
		return false
	}
	if t.UserID != 0 {
		return a.UserID == t.UserID
	}
	return t.Role != "" && a.Role == t.Role
}

// InfoCanRegister reports whether the actor may register requests: the
// PPIDs, and the call center which takes them from callers and relays.
func InfoCanRegister(a Actor) bool {
	return a.IsSystem() || a.Role == RolePPIDUtama || a.Role == RolePPIDPembantu || a.Role.CallCenter()
}

// InfoCanRead reports whether the actor may read requests at all: every
// role of the city's staff but IT staff, who run the system and have no
// business with who asked for what. Roles that may not see the requester
// read what the public sees.
func InfoCanRead(a Actor) bool { return a.IsSystem() || a.Role.Valid() && a.Role != RoleAdmin }

// InfoSeesIdentity reports whether the actor may see who asked: the PPID
// Utama every requester, a PPID Pembantu those of its agency's requests,
// the call center (who registers and relays). Others see what the public
// sees. The ID number itself is for the PPIDs only (InfoSeesIDNumber).
func InfoSeesIdentity(a Actor, r *InfoRequest) bool {
	switch {
	case a.IsSystem(), a.Role == RolePPIDUtama, a.Role.CallCenter():
		return true
	case a.Role == RolePPIDPembantu:
		return r.AgencyID != 0 && r.AgencyID == a.AgencyID
	}
	return false
}

// InfoSeesIDNumber reports whether the actor may read the requester's ID
// number unmasked.
func InfoSeesIDNumber(a Actor, r *InfoRequest) bool {
	return InfoSeesIdentity(a, r) && !a.Role.CallCenter()
}

// HideIdentity removes the requester's identity from r, for a reader who
// may not see it; the ID number is masked for the call center.
func (r *InfoRequest) HideIdentity(a Actor) {
	if !InfoSeesIdentity(a, r) {
		r.Name, r.Address, r.Phone, r.Email, r.IDNumber = "", "", "", "", ""
		return
	}
	if !InfoSeesIDNumber(a, r) {
		r.IDNumber = MaskIDNumber(r.IDNumber)
	}
}

func infoTransition(act InfoAction) (InfoTransition, bool) {
	for _, t := range InfoTransitions {
		if t.Action == act {
			return t, true
		}
	}
	return InfoTransition{}, false
}

func infoAllowed(r *InfoRequest, a Actor, t InfoTransition, atasan InfoAtasan) error {
	if !a.IsSystem() {
		ok := oneOf(a.Role, t.Roles)
		if t.Action == InfoActAnswerObjection {
			ok = atasan.Is(a)
		}
		if !ok {
			return Errorf(EFORBIDDEN, "err.forbidden")
		}
		if t.AgencyOnly && a.Role.AgencyBound() && (r.AgencyID == 0 || r.AgencyID != a.AgencyID) {
			return Errorf(EFORBIDDEN, "err.forbidden")
		}
	} else if t.Action != InfoActObject && t.Action != InfoActReferCommission {
		// The system acts only for the requester, who may object and go
		// to the Komisi Informasi but never decide.
		return Errorf(EFORBIDDEN, "err.forbidden")
	}
	if !oneOf(r.Status, t.From) {
		return Errorf(ETRANSITION, "err.ppid.transition", "ppid.action."+string(t.Action), "ppid.status."+string(r.Status))
	}
	if t.Action == InfoActExtend && r.ExtendedAt != nil {
		return Errorf(EINVALID, "err.ppid.extended_twice")
	}
	return nil
}

// InfoAllowedActions lists the steps the actor may take on r now.
func InfoAllowedActions(r *InfoRequest, a Actor, atasan InfoAtasan) []InfoAction {
	var out []InfoAction
	for _, t := range InfoTransitions {
		if infoAllowed(r, a, t, atasan) == nil {
			out = append(out, t.Action)
		}
	}
	return out
}

// InfoEvent is one record of a request's log.
type InfoEvent struct {
	ID        int64
	RequestID int64
	Action    InfoAction
	From, To  InfoStatus
	ActorID   int64
	ActorName string
	ActorRole Role
	At        time.Time
	Details   map[string]string
}

// InfoDue is the answer deadline of a request received at t: the close of
// the 10th working day on the office calendar.
func InfoDue(cal *Calendar, received time.Time) time.Time {
	return cal.AddWorkdays(received, InfoAnswerDays)
}

// ObjectionDeadline is the last moment an objection may be filed: 30
// working days after the decision, or after the missed deadline of a
// request left unanswered; nil while neither has happened.
func (r *InfoRequest) ObjectionDeadline(cal *Calendar, now time.Time) *time.Time {
	var from time.Time
	switch {
	case r.DecidedAt != nil:
		from = *r.DecidedAt
	case r.Status.Pending() && now.After(r.DueAt):
		from = r.DueAt
	default:
		return nil
	}
	t := cal.AddWorkdays(from, InfoObjectionDays)
	return &t
}

// ApplyInfo takes action on r for actor a at now on the office calendar
// cal; atasan says who answers objections. It checks the role, the state
// machine, the input and the law's deadlines, then moves r and returns the
// event to record. On error r is unchanged.
func ApplyInfo(r *InfoRequest, a Actor, act InfoAction, in InfoInput, now time.Time, cal *Calendar, atasan InfoAtasan) (InfoEvent, error) {
	t, ok := infoTransition(act)
	if !ok {
		return InfoEvent{}, Errorf(EINVALID, "err.unknown_action", string(act))
	}
	if err := infoAllowed(r, a, t, atasan); err != nil {
		return InfoEvent{}, err
	}
	to := t.To
	if to == "" {
		to = r.Status
	}
	ev := InfoEvent{RequestID: r.ID, Action: act, From: r.Status, To: to, At: now,
		ActorID: a.UserID, ActorName: a.Name, ActorRole: a.Role, Details: map[string]string{}}
	var v Validation
	in.Reason = strings.TrimSpace(in.Reason)
	next := *r
	switch act {
	case InfoActAssign:
		if in.AgencyID <= 0 {
			v.Add("agency_id", "err.field.required")
		} else if in.AgencyID == r.AgencyID {
			v.Add("agency_id", "err.ppid.same_agency")
		}
		next.AgencyID = in.AgencyID
		ev.Details["agency_id"] = fmt.Sprint(in.AgencyID)
	case InfoActExtend:
		if now.After(r.DueAt) {
			return InfoEvent{}, Errorf(EINVALID, "err.ppid.extend_late")
		}
		checkText(&v, "reason", in.Reason, MaxReasonLen, true)
		next.ExtendedAt = &now
		next.ExtensionReason = in.Reason
		next.DueAt = cal.AddWorkdays(r.DueAt, InfoExtensionDays)
		ev.Details["reason"] = in.Reason
		ev.Details["due_at"] = next.DueAt.UTC().Format(time.RFC3339)
	case InfoActDecide:
		validateDecision(&v, &in)
		next.Decision, next.DecidedAt = in.Decision, &now
		next.Answer, next.Ground, next.ConsequenceTest = in.Answer, in.Ground, in.ConsequenceTest
		next.ReferralTo, next.DocumentURL, next.DocumentName = in.ReferralTo, in.DocumentURL, in.DocumentName
		ev.Details["decision"] = string(in.Decision)
		if in.Ground != "" {
			ev.Details["ground"] = in.Ground
		}
		if next.AnsweredLate() {
			ev.Details["late"] = "1"
		}
	case InfoActObject:
		dl := r.ObjectionDeadline(cal, now)
		if dl == nil {
			return InfoEvent{}, Errorf(EINVALID, "err.ppid.objection_early")
		}
		if now.After(*dl) {
			return InfoEvent{}, Errorf(EINVALID, "err.ppid.objection_late")
		}
		if !oneOf(in.ObjectionReason, ObjectionReasons) {
			v.Add("objection_reason", "err.field.choice")
		}
		checkText(&v, "reason", in.Reason, MaxTextLen, true)
		due := cal.AddWorkdays(now, InfoObjAnswerDays)
		next.ObjectedAt, next.ObjectionReason, next.ObjectionText, next.ObjectionDueAt = &now, in.ObjectionReason, in.Reason, &due
		ev.Details["objection_reason"] = in.ObjectionReason
	case InfoActAnswerObjection:
		checkText(&v, "answer", in.Answer, MaxAnswerLen, true)
		next.ObjectionAnswer, next.ObjectionUpheld, next.ObjectionAnsweredAt, next.ObjectionBy = in.Answer, in.Upheld, &now, a.Name
		ev.Details["upheld"] = fmt.Sprint(in.Upheld)
		if r.ObjectionDueAt != nil && now.After(*r.ObjectionDueAt) {
			ev.Details["late"] = "1"
		}
	case InfoActReferCommission:
		// The Komisi Informasi hears a dispute once the atasan answered,
		// or failed to within the 30 working days (art. 37(1)).
		if r.Status == InfoObjected && (r.ObjectionDueAt == nil || !now.After(*r.ObjectionDueAt)) {
			return InfoEvent{}, Errorf(EINVALID, "err.ppid.commission_early")
		}
		checkText(&v, "reference", in.Reference, 200, false)
		next.CommissionAt, next.CommissionRef = &now, strings.TrimSpace(in.Reference)
	case InfoActCommissionResult:
		checkText(&v, "outcome", in.Outcome, MaxAnswerLen, true)
		next.CommissionOutcome, next.ClosedAt = strings.TrimSpace(in.Outcome), &now
	}
	if err := v.Err(); err != nil {
		return InfoEvent{}, err
	}
	next.Status = to
	next.UpdatedAt = now
	*r = next
	return ev, nil
}

// validateDecision checks that a decision carries what the law asks of it:
// a refusal its art. 17 ground and consequence test, a referral its body.
func validateDecision(v *Validation, in *InfoInput) {
	in.Answer, in.Ground, in.ConsequenceTest = strings.TrimSpace(in.Answer), strings.TrimSpace(in.Ground), strings.TrimSpace(in.ConsequenceTest)
	in.ReferralTo, in.DocumentURL, in.DocumentName = strings.TrimSpace(in.ReferralTo), strings.TrimSpace(in.DocumentURL), strings.TrimSpace(in.DocumentName)
	if !in.Decision.Valid() {
		v.Add("decision", "err.field.choice")
		return
	}
	checkText(v, "answer", in.Answer, MaxAnswerLen, true)
	if in.Decision.Exempts() {
		if !oneOf(in.Ground, Article17Grounds) {
			v.Add("ground", "err.ppid.ground_required")
		}
		checkText(v, "consequence_test", in.ConsequenceTest, MaxTextLen, true)
	} else {
		in.Ground, in.ConsequenceTest = "", ""
	}
	if in.Decision == InfoNotHeld {
		checkText(v, "referral_to", in.ReferralTo, MaxNameLen*2, true)
	}
	if in.DocumentURL != "" && !strings.HasPrefix(in.DocumentURL, "https://") && !strings.HasPrefix(in.DocumentURL, "http://") {
		v.Add("document_url", "err.ppid.url")
	}
	checkText(v, "document_url", in.DocumentURL, 1000, false)
	checkText(v, "document_name", in.DocumentName, 200, false)
}

// PublicInfo is one entry of the daftar informasi publik (UU 14/2008 arts.
// 9–11, PerKI 1/2021): what the city holds, who holds it, in what form,
// and whether it is published periodically, at once, on request, or
// exempt.
type PublicInfo struct {
	ID         int64
	Title      string
	Summary    string
	Kind       string // PublicInfoKinds
	AgencyID   int64  // the agency responsible; 0: the city (PPID Utama)
	AgencyName string
	Holder     string // the official or unit that holds it
	Format     string // paper, PDF, dataset…
	Period     string // the period or year it covers
	URL        string // where it is published, if it is
	UpdatedAt  time.Time
}

// PublicInfoKinds are the classes of the law: berkala (art. 9), serta
// merta (art. 10), setiap saat (art. 11), dikecualikan (art. 17).
var PublicInfoKinds = []string{"berkala", "serta_merta", "setiap_saat", "dikecualikan"}

// Validate checks an entry before it is stored.
func (p *PublicInfo) Validate() error {
	var v Validation
	for _, s := range []*string{&p.Title, &p.Summary, &p.Kind, &p.Holder, &p.Format, &p.Period, &p.URL} {
		*s = strings.TrimSpace(*s)
	}
	checkText(&v, "title", p.Title, 300, true)
	checkText(&v, "summary", p.Summary, MaxTextLen, false)
	if !oneOf(p.Kind, PublicInfoKinds) {
		v.Add("kind", "err.ppid.public_info_kind")
	}
	checkText(&v, "holder", p.Holder, 200, false)
	checkText(&v, "format", p.Format, 100, false)
	checkText(&v, "period", p.Period, 100, false)
	if p.URL != "" && !strings.HasPrefix(p.URL, "https://") && !strings.HasPrefix(p.URL, "http://") {
		v.Add("url", "err.ppid.url")
	}
	checkText(&v, "url", p.URL, 1000, false)
	return v.Err()
}

// InfoCanKeepList reports whether the actor may change the entry of the
// daftar informasi publik for agency (0: the city's own): the PPID Utama
// all of them, a PPID Pembantu its agency's.
func InfoCanKeepList(a Actor, agencyID int64) bool {
	switch a.Role {
	case RolePPIDUtama:
		return true
	case RolePPIDPembantu:
		return agencyID != 0 && agencyID == a.AgencyID
	}
	return false
}
