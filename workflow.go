package aduan

import (
	"strconv"
	"strings"
	"time"
)

// Status is where a complaint stands in the SOP.
type Status string

// The statuses, in SOP order.
const (
	StatusRecorded         Status = "recorded"          // step 3 done: recorded, being handled by the operator
	StatusAwaitingIdentity Status = "awaiting_identity" // step 3: identity asked for by SMS; clock paused
	StatusAwaitingPhotos   Status = "awaiting_photos"   // step 5: photos asked for by e-mail; clock paused
	StatusAnswered         Status = "answered"          // steps 4/6: answered by the call center
	StatusForwarded        Status = "forwarded"         // step 7: sent to the agency
	StatusAcknowledged     Status = "acknowledged"      // step 8: the agency has it
	StatusAgencyAnswered   Status = "agency_answered"   // step 8: the agency answered
	StatusAnswerReceived   Status = "answer_received"   // step 9: the call center took the answer
	StatusRelayed          Status = "relayed"           // step 10: the answer went to the citizen
	StatusReturned         Status = "returned"          // the agency says it is not theirs (bukan wewenang)
	StatusPromised         Status = "promised"          // step 8: the agency promised to settle it by a date (tindak lanjut)
	StatusClosed           Status = "closed"
	StatusDuplicate        Status = "duplicate" // merged into another complaint
	StatusRejected         Status = "rejected"  // spam or abuse
)

// Statuses lists every status in SOP order.
var Statuses = []Status{StatusRecorded, StatusAwaitingIdentity, StatusAwaitingPhotos, StatusAnswered,
	StatusForwarded, StatusAcknowledged, StatusPromised, StatusAgencyAnswered, StatusAnswerReceived, StatusRelayed,
	StatusReturned, StatusClosed, StatusDuplicate, StatusRejected}

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return oneOf(s, Statuses) }

// Open reports whether a complaint in this status still needs work.
func (s Status) Open() bool {
	return s != StatusClosed && s != StatusDuplicate && s != StatusRejected
}

// Paused reports whether the clock stops in this status: the call center is
// waiting on the citizen, not the other way round.
func (s Status) Paused() bool {
	return s == StatusAwaitingIdentity || s == StatusAwaitingPhotos
}

// AtAgency reports whether the agency holds the complaint in this status.
func (s Status) AtAgency() bool {
	return s == StatusForwarded || s == StatusAcknowledged || s == StatusPromised
}

// Action is a workflow step someone takes on a complaint.
type Action string

// The actions.
const (
	ActionCreate          Action = "create"
	ActionRequestIdentity Action = "request_identity"
	ActionProvideIdentity Action = "provide_identity"
	ActionRequestPhotos   Action = "request_photos"
	ActionPhotosReceived  Action = "photos_received"
	ActionAnswer          Action = "answer"
	ActionForward         Action = "forward"
	ActionAcknowledge     Action = "acknowledge"
	ActionAgencyAnswer    Action = "agency_answer"
	ActionReturn          Action = "return"
	ActionReceiveAnswer   Action = "receive_answer"
	ActionRelay           Action = "relay"
	ActionClose           Action = "close"
	ActionReopen          Action = "reopen"
	ActionMarkDuplicate   Action = "mark_duplicate"
	ActionReject          Action = "reject"
	// The call center's actions on a complaint the agency holds (issue
	// 16): the agency's answer received by WhatsApp, phone or letter
	// (steps 8–9 at once), a reminder, a phone call, a withdrawal to
	// another agency, an escalation to the agency's head.
	ActionRecordAgencyAnswer Action = "record_agency_answer"
	ActionRemindAgency       Action = "remind_agency"
	ActionCallAgency         Action = "call_agency"
	ActionWithdraw           Action = "withdraw"
	ActionEscalateAgency     Action = "escalate_agency"
	// The follow-up after a promise (tindak lanjut): the agency promises to
	// settle the complaint by a date, posts progress, asks the call center
	// for clarification; its answer (agency_answer) is the completion.
	ActionAgencyPromise       Action = "agency_promise"
	ActionAgencyProgress      Action = "agency_progress"
	ActionAskClarification    Action = "ask_clarification"
	ActionAnswerClarification Action = "answer_clarification"
	// While the call center waits on the citizen (identity, photos): a
	// reminder, and the close when nothing came within the set period.
	ActionRemindCitizen Action = "remind_citizen"
	ActionCloseNoReply  Action = "close_no_reply"
	// ActionEdit and ActionNote are recorded in the event log but do not move
	// the complaint.
	ActionEdit Action = "edit"
	ActionNote Action = "note"
)

// How an operator reached an agency that no message can notify (the
// forward's reached_by).
const (
	ReachedByPhone = "phone"
	ReachedByVisit = "visit"
)

// How an agency's answer reached the call center (record_agency_answer's
// via).
const (
	ViaWhatsApp = "whatsapp"
	ViaPhone    = "phone"
	ViaLetter   = "letter"
)

// AnswerVias lists the ways an agency's answer is recorded by the call
// center.
var AnswerVias = []string{ViaWhatsApp, ViaPhone, ViaLetter}

// What came of a phone call to the agency (call_agency's outcome).
const (
	CallReached  = "reached"   // someone at the agency took the call
	CallNoAnswer = "no_answer" // nobody answered, or the line was busy
)

// AnswerSource says where an answer came from (the output of SOP step 6).
type AnswerSource string

// The answer sources.
const (
	SourceDirect    AnswerSource = "direct"    // step 4: the operator knew
	SourceLibrary   AnswerSource = "library"   // step 6: the answer folder
	SourceComplaint AnswerSource = "complaint" // step 6: a past answered complaint
	SourceWeb       AnswerSource = "web"       // step 6: depok.go.id, an agency site, a search engine
	SourceAgency    AnswerSource = "agency"    // steps 8–10: relayed from the agency
)

// Transition is one edge of the SOP state machine.
type Transition struct {
	Action Action
	From   []Status
	To     Status // empty: stays where it was (a step logged without moving the complaint)
	Roles  []Role
	// AgencyOnly: an actor bound to an agency must belong to the
	// complaint's (the call center may act for any agency).
	AgencyOnly bool
}

var ccRoles = []Role{RoleOperatorCC, RoleKoordinatorCC}
var pdRoles = []Role{RoleOperatorPD, RolePPIDPembantu}

// ccpdRoles are the call center and the agency: a promise or its progress
// is posted by the agency, or recorded by the call center when the agency
// gave it by phone.
var ccpdRoles = []Role{RoleOperatorCC, RoleKoordinatorCC, RoleOperatorPD, RolePPIDPembantu}

// atAgency are the statuses in which the agency holds the complaint.
var atAgency = []Status{StatusForwarded, StatusAcknowledged, StatusPromised}

// Transitions is the SOP as a state machine.
var Transitions = []Transition{
	{ActionRequestIdentity, []Status{StatusRecorded}, StatusAwaitingIdentity, ccRoles, false},
	{ActionProvideIdentity, []Status{StatusAwaitingIdentity}, StatusRecorded, ccRoles, false},
	{ActionRequestPhotos, []Status{StatusRecorded}, StatusAwaitingPhotos, ccRoles, false},
	{ActionPhotosReceived, []Status{StatusAwaitingPhotos}, StatusRecorded, ccRoles, false},
	{ActionAnswer, []Status{StatusRecorded}, StatusAnswered, ccRoles, false},
	// Forward from awaiting_identity too: the identity asked for by SMS
	// must not hold up the agency's work, above all on a darurat complaint
	// (a fallen tree across a road); the identity comes when it comes.
	{ActionForward, []Status{StatusRecorded, StatusAwaitingIdentity, StatusReturned}, StatusForwarded, ccRoles, false},
	{ActionAcknowledge, []Status{StatusForwarded}, StatusAcknowledged, pdRoles, true},
	{ActionAgencyAnswer, atAgency, StatusAgencyAnswered, pdRoles, true},
	{ActionReturn, []Status{StatusForwarded, StatusAcknowledged}, StatusReturned, pdRoles, true},
	{ActionReceiveAnswer, []Status{StatusAgencyAnswered}, StatusAnswerReceived, ccRoles, false},
	{ActionRelay, []Status{StatusAnswerReceived}, StatusRelayed, ccRoles, false},
	{ActionClose, []Status{StatusAnswered, StatusRelayed}, StatusClosed, ccRoles, false},
	{ActionReopen, []Status{StatusAnswered, StatusRelayed, StatusClosed, StatusRejected, StatusDuplicate}, StatusRecorded, ccRoles, false},
	{ActionMarkDuplicate, []Status{StatusRecorded, StatusAwaitingIdentity, StatusAwaitingPhotos, StatusReturned}, StatusDuplicate, ccRoles, false},
	{ActionReject, []Status{StatusRecorded, StatusAwaitingIdentity, StatusAwaitingPhotos}, StatusRejected, ccRoles, false},
	{ActionRecordAgencyAnswer, atAgency, StatusAnswerReceived, ccRoles, false},
	{ActionRemindAgency, atAgency, "", ccRoles, false},
	{ActionCallAgency, atAgency, "", ccRoles, false},
	{ActionWithdraw, atAgency, StatusForwarded, ccRoles, false},
	{ActionEscalateAgency, atAgency, "", ccRoles, false},
	{ActionAgencyPromise, []Status{StatusForwarded, StatusAcknowledged}, StatusPromised, ccpdRoles, true},
	{ActionAgencyProgress, []Status{StatusPromised}, "", ccpdRoles, true},
	{ActionAskClarification, atAgency, "", pdRoles, true},
	{ActionAnswerClarification, atAgency, "", ccRoles, false},
	{ActionRemindCitizen, []Status{StatusAwaitingIdentity, StatusAwaitingPhotos}, "", ccRoles, false},
	{ActionCloseNoReply, []Status{StatusAwaitingIdentity, StatusAwaitingPhotos}, StatusClosed, ccRoles, false},
}

// TransitionFor returns the edge for an action, if the action is a workflow step.
func TransitionFor(a Action) (Transition, bool) {
	for _, t := range Transitions {
		if t.Action == a {
			return t, true
		}
	}
	return Transition{}, false
}

// AllowedActions lists the steps the actor may take on c now: exactly the
// buttons a console should show.
func AllowedActions(c *Complaint, a Actor) []Action {
	var out []Action
	for _, t := range Transitions {
		if checkAllowed(c, a, t) == nil {
			out = append(out, t.Action)
		}
	}
	return out
}

func checkAllowed(c *Complaint, a Actor, t Transition) error {
	if !a.IsSystem() {
		if !oneOf(a.Role, t.Roles) {
			return Errorf(EFORBIDDEN, "err.forbidden")
		}
		if t.AgencyOnly && a.Role.AgencyBound() && (c.AgencyID == 0 || a.AgencyID != c.AgencyID) {
			return Errorf(EFORBIDDEN, "err.forbidden")
		}
	}
	if !oneOf(c.Status, t.From) {
		return Errorf(ETRANSITION, "err.transition", "action."+string(t.Action), "status."+string(c.Status))
	}
	return nil
}

// ActionInput carries what a step needs. Which fields matter depends on the
// action; Apply validates them.
type ActionInput struct {
	Answer      string
	Source      AnswerSource
	SourceRef   string
	AgencyID    int64 // forward
	Reason      string
	Note        string
	DuplicateOf int64         // mark_duplicate: resolved by the store from a number or ID
	Citizen     *CitizenInput // provide_identity
	Missing     []string      // request_identity: which fields were asked for
	// ReachedBy records how the operator told the agency of a forward
	// themselves (ReachedByPhone, ReachedByVisit); Note says with whom.
	ReachedBy string
	// AnsweredBy, AnsweredAt and Via describe an agency's answer the call
	// center records (record_agency_answer): who at the agency answered,
	// when (zero: now), and how it came (AnswerVias).
	// AnsweredAt is read in the city's zone: RFC 3339, or a local
	// "2006-01-02T15:04" as a browser's datetime field sends it.
	AnsweredBy string
	AnsweredAt string
	Via        string
	// PromisedBy is the day (2006-01-02, in the city's zone) an agency
	// promises to settle the complaint by (agency_promise); the close of
	// that working day is the deadline of the follow-up.
	PromisedBy string
	// Outcome of a phone call to the agency (call_agency): CallReached or
	// CallNoAnswer.
	Outcome string
	// AgencyUnreachable is set by the store for a forward: neither a
	// message nor the portal reaches the agency (aduan.AgencyReach.Reachable
	// is false). Such a forward needs ReachedBy.
	AgencyUnreachable bool
	// ToldOnCall (answer): the operator confirms the citizen heard the
	// answer on the call itself; the answer step then needs no message
	// when the caller has no mobile or e-mail to send it to.
	ToldOnCall bool
	// CategoryID classifies the complaint with the step (answer, forward,
	// close): a complaint with no category must be given one then
	// (NeedsCategory); 0 leaves its category as it is.
	CategoryID int64
	// Confirm (mark_duplicate): the operator saw why the link is unusual
	// (outside the duplicate window, a closed original, another category
	// or agency) and the answer the caller will get, and links all the same.
	Confirm bool
}

// Event is one record of a complaint's append-only log. It is the source of
// every step timing.
type Event struct {
	ID          int64
	ComplaintID int64
	Action      Action
	Step        StepKey // the timed SOP step this event completes, if any
	From, To    Status
	ActorID     int64
	ActorName   string
	ActorRole   Role
	At          time.Time
	Deadline    *time.Time // the step's deadline, pauses included
	Met         *bool      // whether the step met its standard
	Elapsed     time.Duration
	Details     map[string]string
	// AgencyReached says, on a forward's event, whether the agency was
	// reached (nil: no news yet) and when (ForwardMet).
	AgencyReached   *bool
	AgencyReachedAt *time.Time
	// AgencyID is the agency the complaint was with when the action was
	// taken (0: none): an agency's steps count for it whoever recorded
	// them, the agency's own user or the call center on its behalf.
	AgencyID int64
	// Prior is a step the same action records as done earlier: the call
	// center recording an agency's answer completes the agency's step 8 at
	// the time the agency answered, and its own step 9 now.
	Prior *Event
}

// Apply takes action on c for actor a at time now: it checks the role, the
// state machine and the input, then moves c (status, fields, clock) and
// returns the event to record. On error c is unchanged.
func Apply(c *Complaint, a Actor, act Action, in ActionInput, now time.Time, sc *StandardClock) (Event, error) {
	t, ok := TransitionFor(act)
	if !ok {
		return Event{}, Errorf(EINVALID, "err.unknown_action", string(act))
	}
	if err := checkAllowed(c, a, t); err != nil {
		return Event{}, err
	}
	if err := in.validate(c, act); err != nil {
		return Event{}, err
	}
	// The system's own close (the auto-close after a relay nobody
	// answered) is exempt: a complaint answered before this rule, with no
	// category, would otherwise never close; people classify, jobs do not.
	if !(a.IsSystem() && act == ActionClose) {
		if err := CategoryFirst(c, act, in.CategoryID); err != nil {
			return Event{}, err
		}
	}
	ev := Event{ComplaintID: c.ID, Action: act, From: c.Status, To: t.To, At: now, AgencyID: c.AgencyID,
		ActorID: a.UserID, ActorName: a.Name, ActorRole: a.Role, Details: map[string]string{}}
	if in.Note != "" {
		ev.Details["note"] = in.Note
	}
	next := *c
	if in.CategoryID > 0 && in.CategoryID != c.CategoryID {
		next.CategoryID = in.CategoryID
		ev.Details["category_id"] = strconv.FormatInt(in.CategoryID, 10)
	}
	// timed is the complaint the step is timed on: a forward while the
	// clock waits on the citizen ends the pause first, so that the forward
	// is judged on the time the call center had, as after the identity.
	timed := c
	to := t.To
	if to == "" {
		to = c.Status // logged on the complaint, which stays where it was
		ev.To = to
	}
	switch act {
	case ActionRequestIdentity:
		if len(in.Missing) > 0 {
			ev.Details["missing"] = strings.Join(in.Missing, ",")
		}
	case ActionRequestPhotos:
		ev.Step = StepPhotoRequest
	case ActionAnswer:
		next.Answer = in.Answer
		next.AnswerSource = in.Source
		next.AnswerRef = in.SourceRef
		ev.Step = StepDirectAnswer
		if in.Source != SourceDirect {
			ev.Step = StepLibraryAnswer
		}
		ev.Details["answer"] = in.Answer
		ev.Details["source"] = string(in.Source)
		if in.SourceRef != "" {
			ev.Details["source_ref"] = in.SourceRef
		}
		if in.ToldOnCall {
			ev.Details["told_on_call"] = "1"
		}
	case ActionForward:
		if c.Status == StatusReturned && in.AgencyID == c.AgencyID {
			return Event{}, &Error{Code: EINVALID, Key: "err.invalid_input",
				Fields: []FieldError{{Field: "agency_id", Key: "err.field.same_agency"}}}
		}
		next.AgencyID = in.AgencyID
		next.ReturnReason = ""
		next.AgencyAnswer = ""
		ev.Step = StepForward
		if c.Status.Paused() {
			resumed := *c
			sc.Advance(&resumed, c.Status, StatusRecorded, now)
			timed = &resumed
			ev.Details["identity_pending"] = "1"
		}
		if c.Status == StatusReturned {
			ev.Step = StepReforward // step 7 alone: the complaint was looked into already
		}
		ev.Details["agency_id"] = strconv.FormatInt(in.AgencyID, 10)
		if in.ReachedBy != "" {
			ev.Details["reached_by"] = in.ReachedBy
		}
	case ActionAcknowledge:
		ev.Step = StepAgencyReceive
	case ActionAgencyAnswer:
		next.AgencyAnswer = in.Answer
		next.PromisedBy = nil
		ev.Details["answer"] = in.Answer
		judgeAgencyAnswer(c, &ev, now, sc)
	case ActionReturn:
		next.ReturnReason = in.Reason
		ev.Step = StepAgencyReceive
		ev.Details["reason"] = in.Reason
		ev.Details["agency_id"] = strconv.FormatInt(c.AgencyID, 10)
	case ActionReceiveAnswer:
		ev.Step = StepAnswerReceive
	case ActionRelay:
		msg := in.Answer
		if msg == "" {
			msg = c.AgencyAnswer
		}
		next.Answer = msg
		next.AnswerSource = SourceAgency
		next.AnswerRef = ""
		ev.Step = StepRelay
		ev.Details["answer"] = msg
	case ActionRecordAgencyAnswer:
		at, err := answeredAt(c, in.AnsweredAt, now, sc)
		if err != nil {
			return Event{}, err
		}
		next.AgencyAnswer = in.Answer
		next.PromisedBy = nil
		// Step 8 (or the promise's follow-up) at the time the agency
		// answered, then the call center's receipt (step 9) now: timed from
		// the agency's answer like a receipt in the console.
		prior := Event{ComplaintID: c.ID, Action: ActionAgencyAnswer, From: c.Status, To: StatusAgencyAnswered, At: at, AgencyID: c.AgencyID,
			ActorID: a.UserID, ActorName: a.Name, ActorRole: a.Role, Details: map[string]string{
				"answer": in.Answer, "answered_by": in.AnsweredBy, "via": in.Via, "recorded_by_call_center": "true"}}
		judgeAgencyAnswer(c, &prior, at, sc)
		ev.Prior = &prior
		ev.Details["answer"] = in.Answer
		ev.Details["answered_by"] = in.AnsweredBy
		ev.Details["answered_at"] = at.Format(time.RFC3339)
		ev.Details["via"] = in.Via
		ev.Step = StepAnswerReceive
		dl, unknown := sc.DueFor(&next, at, StepAnswerReceive)
		noteUnknownYear(&ev, unknown)
		met := !now.After(dl)
		ev.Deadline, ev.Met, ev.Elapsed = &dl, &met, now.Sub(at)
	case ActionRemindAgency, ActionEscalateAgency:
		ev.Details["agency_id"] = strconv.FormatInt(c.AgencyID, 10)
	case ActionCallAgency:
		ev.Details["agency_id"] = strconv.FormatInt(c.AgencyID, 10)
		ev.Details["outcome"] = in.Outcome
	case ActionWithdraw:
		if in.AgencyID == c.AgencyID {
			return Event{}, &Error{Code: EINVALID, Key: "err.invalid_input",
				Fields: []FieldError{{Field: "agency_id", Key: "err.field.same_agency"}}}
		}
		ev.Details["reason"] = in.Reason
		ev.Details["withdrawn_from"] = strconv.FormatInt(c.AgencyID, 10)
		ev.Details["agency_id"] = strconv.FormatInt(in.AgencyID, 10)
		if in.ReachedBy != "" {
			ev.Details["reached_by"] = in.ReachedBy
		}
		next.AgencyID = in.AgencyID
		next.AgencyAnswer, next.ReturnReason, next.PromisedBy = "", "", nil
		// Step 7 alone, like a forward after bukan wewenang: the
		// withdrawal and the new forward are one act, timed from it; it is
		// met only once the new agency is reached (ForwardMet).
		ev.Step = StepReforward
		dl, unknown := sc.DueFor(&next, now, StepReforward)
		noteUnknownYear(&ev, unknown)
		met := true
		ev.Deadline, ev.Met = &dl, &met
	case ActionAgencyPromise:
		day, err := promisedDay(in.PromisedBy, now, sc)
		if err != nil {
			return Event{}, err
		}
		next.AgencyAnswer = in.Answer
		next.PromisedBy = &day
		// The promise is the agency's answer of step 8 (timed by the
		// category's tier); its completion is followed against the date.
		ev.Step = StepAgencyAnswer
		ev.Details["answer"] = in.Answer
		ev.Details["promised_by"] = in.PromisedBy
	case ActionAgencyProgress:
		ev.Details["progress"] = in.Answer
	case ActionAskClarification:
		ev.Details["question"] = in.Answer
	case ActionAnswerClarification:
		ev.Details["answer"] = in.Answer
	case ActionClose, ActionCloseNoReply:
		at := now
		next.ClosedAt = &at
	case ActionReopen:
		// A complaint merged by mistake stands on its own again.
		next.ClosedAt, next.DuplicateOf = nil, 0
		ev.Details["reason"] = in.Reason
	case ActionMarkDuplicate:
		next.DuplicateOf = in.DuplicateOf
		at := now
		next.ClosedAt = &at
		ev.Details["duplicate_of"] = strconv.FormatInt(in.DuplicateOf, 10)
		if in.Confirm {
			ev.Details["confirmed"] = "1"
		}
	case ActionReject:
		at := now
		next.ClosedAt = &at
		ev.Details["reason"] = in.Reason
	}
	if ev.Step != "" && ev.Deadline == nil {
		dl, unknown := sc.EventDeadline(timed, ev.Step)
		noteUnknownYear(&ev, unknown)
		met := !now.After(dl)
		ev.Deadline, ev.Met = &dl, &met
		ev.Elapsed = timed.Clock.Elapsed(now)
	}
	next.Status = to
	if t.To != "" {
		sc.Advance(&next, c.Status, next.Status, now)
	}
	next.UpdatedAt = now
	*c = next
	return ev, nil
}

// NeedsCategory reports whether act classifies a complaint for good: an
// answer, a forward or a close. A complaint answered with "Kategori —"
// is counted nowhere in the monthly report but "Belum diklasifikasi".
func NeedsCategory(act Action) bool {
	return act == ActionAnswer || act == ActionForward || act == ActionClose
}

// CategoryFirst is the one rule that a complaint has a category before it
// is answered, forwarded or closed (NeedsCategory): given with the step
// (categoryID) or already on c. Every surface (the console, the API)
// reaches it through Apply; a surface may call it first to refuse before
// saving anything (the desk). The error names the field category_id and is
// unprocessable (422): the request is well formed, the complaint is not
// ready for the step.
func CategoryFirst(c *Complaint, act Action, categoryID int64) error {
	if !NeedsCategory(act) || categoryID > 0 || c.CategoryID != 0 {
		return nil
	}
	return &Error{Code: EUNPROCESSABLE, Key: "err.category_first",
		Fields: []FieldError{{Field: "category_id", Key: "err.field.category_first"}}}
}

func (in *ActionInput) validate(c *Complaint, act Action) error {
	var v Validation
	in.Answer = strings.TrimSpace(in.Answer)
	in.Reason = strings.TrimSpace(in.Reason)
	in.Note = strings.TrimSpace(in.Note)
	in.SourceRef = strings.TrimSpace(in.SourceRef)
	checkText(&v, "note", in.Note, MaxReasonLen, false)
	switch act {
	case ActionAnswer:
		checkText(&v, "answer", in.Answer, MaxAnswerLen, true)
		if in.Source == "" {
			in.Source = SourceDirect
		}
		switch in.Source {
		case SourceDirect:
		case SourceLibrary, SourceComplaint, SourceWeb:
			if in.SourceRef == "" {
				v.Add("source_ref", "err.field.required")
			}
			checkText(&v, "source_ref", in.SourceRef, 500, false)
		default:
			v.Add("source", "err.field.choice")
		}
	case ActionAgencyAnswer, ActionAgencyProgress, ActionAskClarification, ActionAnswerClarification:
		checkText(&v, "answer", in.Answer, MaxAnswerLen, true)
	case ActionAgencyPromise:
		checkText(&v, "answer", in.Answer, MaxAnswerLen, true)
		if strings.TrimSpace(in.PromisedBy) == "" {
			v.Add("promised_by", "err.field.required")
		}
	case ActionRecordAgencyAnswer:
		in.AnsweredBy = strings.TrimSpace(in.AnsweredBy)
		checkText(&v, "answer", in.Answer, MaxAnswerLen, true)
		checkText(&v, "answered_by", in.AnsweredBy, MaxNameLen, true)
		if !oneOf(in.Via, AnswerVias) {
			v.Add("via", "err.field.choice")
		}
	case ActionCallAgency:
		if in.Outcome != CallReached && in.Outcome != CallNoAnswer {
			v.Add("outcome", "err.field.choice")
		}
		checkText(&v, "note", in.Note, MaxReasonLen, true)
	case ActionEscalateAgency:
		checkText(&v, "note", in.Note, MaxReasonLen, true)
	case ActionWithdraw:
		checkText(&v, "reason", in.Reason, MaxReasonLen, true)
		in.validateForward(&v)
	case ActionRelay:
		checkText(&v, "answer", in.Answer, MaxAnswerLen, false)
		if in.Answer == "" && strings.TrimSpace(c.AgencyAnswer) == "" {
			v.Add("answer", "err.field.required")
		}
	case ActionForward:
		in.validateForward(&v)
	case ActionReturn, ActionReopen, ActionReject:
		checkText(&v, "reason", in.Reason, MaxReasonLen, true)
	case ActionMarkDuplicate:
		if in.DuplicateOf <= 0 {
			v.Add("duplicate_of", "err.field.required")
		} else if in.DuplicateOf == c.ID {
			v.Add("duplicate_of", "err.field.duplicate_self")
		}
	case ActionProvideIdentity:
		if in.Citizen != nil {
			in.Citizen.Normalize()
		}
		if in.Citizen == nil || in.Citizen.Empty() {
			v.Add("citizen", "err.field.required")
		} else {
			in.Citizen.validateInto(&v, "citizen.")
		}
	}
	return v.Err()
}

// judgeAgencyAnswer times the agency's answer given at `at`: step 8 by the
// category's tier, or, after a promise, the follow-up against the promised
// day. The follow-up is recorded with its deadline and whether the promise
// was kept (promise_kept) but is not judged met or late: the date is the
// agency's own, not a standard, and step 8 was judged on the promise.
func judgeAgencyAnswer(c *Complaint, ev *Event, at time.Time, sc *StandardClock) {
	if c.Status == StatusPromised {
		ev.Step = StepFollowUp
		if c.Clock.Deadline != nil {
			dl := *c.Clock.Deadline
			ev.Deadline = &dl
			ev.Details["promise_kept"] = strconv.FormatBool(!at.After(dl))
		}
		ev.Elapsed = c.Clock.Elapsed(at)
		return
	}
	ev.Step = StepAgencyAnswer
	dl, unknown := sc.EventDeadline(c, ev.Step)
	noteUnknownYear(ev, unknown)
	met := !at.After(dl)
	ev.Deadline, ev.Met = &dl, &met
	ev.Elapsed = c.Clock.Elapsed(at)
}

// answeredAt reads when an agency answered, in the city's zone: empty is
// now; it cannot be in the future nor before the agency had the complaint.
func answeredAt(c *Complaint, s string, now time.Time, sc *StandardClock) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return now, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		if t, err = time.ParseInLocation("2006-01-02T15:04", s, sc.Loc()); err != nil {
			t, err = time.ParseInLocation("2006-01-02 15:04", s, sc.Loc())
		}
	}
	bad := func(key string) error {
		return &Error{Code: EINVALID, Key: "err.invalid_input", Fields: []FieldError{{Field: "answered_at", Key: key}}}
	}
	switch {
	case err != nil:
		return time.Time{}, bad("err.field.datetime")
	case t.After(now.Add(time.Minute)):
		return time.Time{}, bad("err.field.future")
	case t.Before(c.Clock.StartedAt.Truncate(time.Minute)):
		return time.Time{}, bad("err.field.before_forward")
	case t.After(now):
		t = now // a minute of clock skew
	}
	return t, nil
}

// promisedDay reads the day an agency promises completion by: a date in
// the city's zone, today or later, within a year.
func promisedDay(s string, now time.Time, sc *StandardClock) (time.Time, error) {
	loc := sc.Loc()
	d, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), loc)
	bad := func(key string) error {
		return &Error{Code: EINVALID, Key: "err.invalid_input", Fields: []FieldError{{Field: "promised_by", Key: key}}}
	}
	if err != nil {
		return time.Time{}, bad("err.field.date")
	}
	n := now.In(loc)
	today := time.Date(n.Year(), n.Month(), n.Day(), 0, 0, 0, 0, loc)
	if d.Before(today) {
		return time.Time{}, bad("err.field.past_date")
	}
	if d.After(today.AddDate(1, 0, 0)) {
		return time.Time{}, bad("err.field.date_too_far")
	}
	return d, nil
}

// validateForward checks what a forward (or a withdrawal to another
// agency) needs: the agency, and for one that no message or portal
// reaches, how the operator reached it.
func (in *ActionInput) validateForward(v *Validation) {
	if in.AgencyID <= 0 {
		v.Add("agency_id", "err.field.required")
	}
	switch in.ReachedBy {
	case "":
		if in.AgencyID > 0 && in.AgencyUnreachable {
			v.Add("reached_by", "err.field.agency_unreachable")
		}
	case ReachedByPhone, ReachedByVisit:
	default:
		v.Add("reached_by", "err.field.choice")
	}
}
