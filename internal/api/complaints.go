package api

import (
	"context"
	"encoding/json"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/export"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// ComplaintJSON is a complaint as the API shows it to one actor: identity
// and content are left out where the actor may not see them.
type ComplaintJSON struct {
	ID      int64  `json:"id"`
	Number  string `json:"number"`
	Channel string `json:"channel"`
	// LaporTrackingID is the SP4N-LAPOR! tracking ID of a report of the
	// lapor channel.
	LaporTrackingID string       `json:"lapor_tracking_id,omitempty"`
	Text            string       `json:"text"`
	ContentHidden   bool         `json:"content_hidden,omitempty"`
	Address         string       `json:"address"`
	KelurahanCode   string       `json:"kelurahan_code,omitempty"`
	KelurahanName   string       `json:"kelurahan_name,omitempty"`
	KecamatanCode   string       `json:"kecamatan_code,omitempty"`
	KecamatanName   string       `json:"kecamatan_name,omitempty"`
	Lat             *float64     `json:"lat,omitempty"`
	Lng             *float64     `json:"lng,omitempty"`
	CategoryID      int64        `json:"category_id,omitempty"`
	CategoryName    string       `json:"category_name,omitempty"`
	AgencyID        int64        `json:"agency_id,omitempty"`
	AgencyName      string       `json:"agency_name,omitempty"`
	Priority        string       `json:"priority"`
	Confidentiality string       `json:"confidentiality"`
	Status          string       `json:"status"`
	StatusLabel     string       `json:"status_label"`
	Open            bool         `json:"open"`
	Citizen         *CitizenJSON `json:"citizen,omitempty"`
	IdentityHidden  bool         `json:"identity_hidden,omitempty"`
	// StatedIdentity is what the caller typed through an unverified
	// channel that differs from Citizen (one complaint's GET only).
	StatedIdentity  *StatedIdentityJSON `json:"stated_identity,omitempty"`
	MissingIdentity []string            `json:"missing_identity,omitempty"`
	DuplicateOf     int64               `json:"duplicate_of,omitempty"`
	Answer          string              `json:"answer,omitempty"`
	AnswerSource    string              `json:"answer_source,omitempty"`
	AnswerRef       string              `json:"answer_ref,omitempty"`
	AgencyAnswer    string              `json:"agency_answer,omitempty"`
	ReturnReason    string              `json:"return_reason,omitempty"`
	// PromisedBy is the day (YYYY-MM-DD, the city's zone) the agency
	// promised to settle the complaint by (status promised).
	PromisedBy     string        `json:"promised_by,omitempty"`
	ReceivedAt     string        `json:"received_at"`
	CreatedAt      string        `json:"created_at"`
	UpdatedAt      string        `json:"updated_at"`
	ClosedAt       *string       `json:"closed_at,omitempty"`
	Deadline       *DeadlineJSON `json:"deadline,omitempty"`
	Version        int64         `json:"version"`
	AllowedActions []string      `json:"allowed_actions"`
}

// DeadlineJSON is the step now due and when.
type DeadlineJSON struct {
	Step      string  `json:"step"`
	StepLabel string  `json:"step_label"`
	DueAt     *string `json:"due_at,omitempty"`
	Paused    bool    `json:"paused"`
	Overdue   bool    `json:"overdue"`
}

// CitizenJSON is a citizen's identity.
type CitizenJSON struct {
	ID            int64    `json:"id"`
	Name          string   `json:"name"`
	Phone         string   `json:"phone,omitempty"`
	Email         string   `json:"email,omitempty"`
	Address       string   `json:"address"`
	KelurahanCode string   `json:"kelurahan_code,omitempty"`
	KecamatanCode string   `json:"kecamatan_code,omitempty"`
	Missing       []string `json:"missing,omitempty"`
	Version       int64    `json:"version,omitempty"`
	CreatedAt     string   `json:"created_at,omitempty"`
}

func citizenJSON(c *aduan.Citizen, loc *time.Location) *CitizenJSON {
	if c == nil {
		return nil
	}
	out := &CitizenJSON{ID: c.ID, Name: c.Name, Phone: string(c.Phone), Email: c.Email, Address: c.Address,
		KelurahanCode: c.KelurahanCode, KecamatanCode: c.KecamatanCode, Missing: c.Missing(), Version: c.Version}
	if !c.CreatedAt.IsZero() {
		out.CreatedAt = export.Time(loc, c.CreatedAt)
	}
	return out
}

func complaintJSON(c *aduan.Complaint, a aduan.Actor, lang i18n.Lang, now time.Time, loc *time.Location) ComplaintJSON {
	j := ComplaintJSON{ID: c.ID, Number: c.Number, Channel: string(c.Channel), LaporTrackingID: c.LaporTrackingID, Text: c.Text, Address: c.Address,
		KelurahanCode: c.KelurahanCode, KelurahanName: c.KelurahanName, KecamatanCode: c.KecamatanCode, KecamatanName: c.KecamatanName,
		Lat: c.Lat, Lng: c.Lng, CategoryID: c.CategoryID, CategoryName: c.CategoryName, AgencyID: c.AgencyID, AgencyName: c.AgencyName,
		Priority: string(c.Priority), Confidentiality: string(c.Confidentiality), Status: string(c.Status),
		StatusLabel: i18n.T(lang, "status."+string(c.Status)), Open: c.Open(), DuplicateOf: c.DuplicateOf,
		Answer: c.Answer, AnswerSource: string(c.AnswerSource), AnswerRef: c.AnswerRef, AgencyAnswer: c.AgencyAnswer,
		ReturnReason: c.ReturnReason, ReceivedAt: export.Time(loc, c.ReceivedAt), CreatedAt: export.Time(loc, c.CreatedAt),
		UpdatedAt: export.Time(loc, c.UpdatedAt), ClosedAt: export.TimePtr(loc, c.ClosedAt), Version: c.Version, AllowedActions: []string{}}
	if c.PromisedBy != nil {
		// Midnight in the city's zone; at noon it is the same day in every
		// Indonesian zone.
		j.PromisedBy = c.PromisedBy.Add(12 * time.Hour).In(loc).Format("2006-01-02")
	}
	if c.Clock.Step != "" {
		d := &DeadlineJSON{Step: string(c.Clock.Step), StepLabel: i18n.T(lang, "step."+string(c.Clock.Step)), Paused: c.Clock.PausedSince != nil}
		if c.Clock.Deadline != nil && !d.Paused {
			d.DueAt = export.TimePtr(loc, c.Clock.Deadline)
			d.Overdue = now.After(*c.Clock.Deadline)
		}
		j.Deadline = d
	}
	if a.CanSeeIdentity(c) {
		if c.Citizen != nil {
			j.Citizen = citizenJSON(c.Citizen, loc)
			j.MissingIdentity = j.Citizen.Missing
			j.Citizen.Missing = nil
		} else {
			j.MissingIdentity = c.Citizen.Missing() // all of them
		}
	} else if c.CitizenID != 0 {
		j.IdentityHidden = true
	}
	if !a.CanSeeContent(c) {
		hidden := i18n.T(lang, "label.confidential")
		j.Text, j.Address, j.Answer, j.AnswerRef, j.AgencyAnswer, j.ReturnReason = hidden, "", "", "", "", ""
		j.Lat, j.Lng = nil, nil
		j.ContentHidden = true
	}
	for _, act := range aduan.AllowedActions(c, a) {
		j.AllowedActions = append(j.AllowedActions, string(act))
	}
	return j
}

// CitizenInputJSON is what a client sends about a caller.
type CitizenInputJSON struct {
	Name          string `json:"name"`
	Phone         string `json:"phone"`
	Email         string `json:"email"`
	Address       string `json:"address"`
	KelurahanCode string `json:"kelurahan_code"`
}

func (c *CitizenInputJSON) domain() *aduan.CitizenInput {
	if c == nil {
		return nil
	}
	return &aduan.CitizenInput{Name: c.Name, Phone: c.Phone, Email: c.Email, Address: c.Address, KelurahanCode: c.KelurahanCode}
}

// NewComplaintJSON is the body of POST /complaints.
type NewComplaintJSON struct {
	Channel         string            `json:"channel"`
	Text            string            `json:"text"`
	Address         string            `json:"address"`
	KelurahanCode   string            `json:"kelurahan_code"`
	Lat             *float64          `json:"lat"`
	Lng             *float64          `json:"lng"`
	CategoryID      int64             `json:"category_id"`
	Priority        string            `json:"priority"`
	Confidentiality string            `json:"confidentiality"`
	ReceivedAt      *time.Time        `json:"received_at"`
	Citizen         *CitizenInputJSON `json:"citizen"`
}

func (a *API) CreateComplaint(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	if err := reqctx.Actor(r).Require(aduan.PermComplaintCreate); err != nil {
		return err
	}
	o, done, err := a.idempotent(w, r)
	if done || err != nil {
		return err
	}
	var in NewComplaintJSON
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	act := reqctx.Actor(r)
	lang := reqctx.Lang(r)
	// The key's answer is recorded in the creation's transaction.
	var within []store.TxHook
	if o != nil {
		within = append(within, o.Record(http.StatusCreated, func(c *aduan.Complaint, _ *aduan.Event) any {
			return complaintJSON(c, act, lang, a.now(), loc)
		}))
	}
	c, err := a.complaintWrites().CreateComplaint(r.Context(), act, aduan.NewComplaint{
		Channel: aduan.Channel(in.Channel), Text: in.Text, Address: in.Address, KelurahanCode: in.KelurahanCode,
		Lat: in.Lat, Lng: in.Lng, CategoryID: in.CategoryID, Priority: aduan.Priority(in.Priority),
		Confidentiality: aduan.Confidentiality(in.Confidentiality), ReceivedAt: in.ReceivedAt, Citizen: in.Citizen.domain(),
	}, within...)
	if err != nil {
		return o.Settle(w, r, err)
	}
	if o != nil {
		return o.Write(w)
	}
	w.Header().Set("Location", "/api/v1/complaints/"+strconv.FormatInt(c.ID, 10))
	return writeJSON(w, http.StatusCreated, complaintJSON(c, act, lang, a.now(), loc))
}

// complaintParam finds the complaint named in the path by ID or number.
// Complaints is what the complaint handlers read and change through: a
// small interface declared where it is consumed. The store's complaints
// with its zone (storeComplaints) is the real one; the handler tests give a fake with a function per method
// (complaints_handler_test.go), so that a handler's statuses and words are
// checked without a database.
type Complaints interface {
	Complaint(ctx context.Context, actor aduan.Actor, id int64) (*aduan.Complaint, error)
	ComplaintByNumber(ctx context.Context, actor aduan.Actor, number string) (*aduan.Complaint, error)
	ListComplaints(ctx context.Context, actor aduan.Actor, f aduan.ComplaintFilter) ([]*aduan.Complaint, int64, error)
	Events(ctx context.Context, actor aduan.Actor, complaintID int64) ([]aduan.Event, error)
	EditComplaint(ctx context.Context, actor aduan.Actor, id, version int64, p aduan.ComplaintPatch) (*aduan.Complaint, error)
	ApplyAction(ctx context.Context, actor aduan.Actor, id, version int64, act aduan.Action, in aduan.ActionInput, within ...store.TxHook) (*aduan.Complaint, *aduan.Event, error)
	// Zone is the city's time zone, in which the times are written.
	Zone(ctx context.Context) (*time.Location, error)
}

// complaints is a.Complaints when set (tests), else the store.
func (a *API) complaints() Complaints {
	if a.Complaints != nil {
		return a.Complaints
	}
	return storeComplaints{a.Store.Complaints(), a.Store}
}

// storeComplaints is the real Complaints: the store's complaints aggregate,
// and the city's zone from the store's core.
type storeComplaints struct {
	*store.Complaints
	core *store.Store
}

func (c storeComplaints) Zone(ctx context.Context) (*time.Location, error) { return c.core.Zone(ctx) }

// now is the store's clock (a.Clock in tests without a store).
func (a *API) now() time.Time {
	if a.Clock != nil {
		return a.Clock()
	}
	return a.Store.Now()
}

func (a *API) complaintParam(r *http.Request) (*aduan.Complaint, error) {
	ref := r.PathValue("id")
	if _, _, ok := aduan.ParseNumber(ref); ok {
		return a.complaints().ComplaintByNumber(r.Context(), reqctx.Actor(r), ref)
	}
	id, err := pathID(r, "id")
	if err != nil {
		return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.complaint")
	}
	return a.complaints().Complaint(r.Context(), reqctx.Actor(r), id)
}

func (a *API) GetComplaint(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	c, err := a.complaintParam(r)
	if err != nil {
		return err
	}
	j := complaintJSON(c, reqctx.Actor(r), reqctx.Lang(r), a.now(), loc)
	if j.StatedIdentity, err = a.statedIdentity(r, c); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, j)
}

func (a *API) ListComplaints(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	f, err := complaintFilterParams(r, loc)
	if err != nil {
		return err
	}
	act := reqctx.Actor(r)
	list, next, err := a.complaints().ListComplaints(r.Context(), act, f)
	if err != nil {
		return err
	}
	lang, now := reqctx.Lang(r), a.now()
	page := Page[ComplaintJSON]{Items: make([]ComplaintJSON, 0, len(list))}
	for _, c := range list {
		page.Items = append(page.Items, complaintJSON(c, act, lang, now, loc))
	}
	if next != 0 {
		page.NextCursor = strconv.FormatInt(next, 10)
	}
	return writeJSON(w, http.StatusOK, page)
}

// complaintFilterParams reads the list filters of GET /complaints; the
// exports take the very same parameters.
func complaintFilterParams(r *http.Request, loc *time.Location) (aduan.ComplaintFilter, error) {
	p := newParams(r)
	f := aduan.ComplaintFilter{
		AgencyID: p.int("agency_id"), CategoryID: p.int("category_id"), KecamatanCode: p.str("kecamatan"),
		KelurahanCode: p.str("kelurahan"), Channel: aduan.Channel(p.str("channel")), CitizenID: p.int("citizen_id"),
		From: p.time("from", loc), To: p.time("to", loc), Query: p.str("q"), Overdue: p.str("overdue") == "true",
		Before: p.int("cursor"), Limit: int(p.int("limit")), DuplicateOf: p.int("duplicate_of"),
	}
	if s := p.str("status"); s != "" {
		for _, st := range strings.Split(s, ",") {
			st := aduan.Status(strings.TrimSpace(st))
			if !st.Valid() {
				p.errs.Add("status", "err.bad_param", "status")
				break
			}
			f.Statuses = append(f.Statuses, st)
		}
	}
	if f.Channel != "" && !f.Channel.Valid() {
		p.errs.Add("channel", "err.bad_param", "channel")
	}
	switch p.str("open") {
	case "true":
		t := true
		f.Open = &t
	case "false":
		t := false
		f.Open = &t
	case "":
	default:
		p.errs.Add("open", "err.bad_param", "open")
	}
	return f, p.err()
}

// ComplaintPatchJSON is the body of PATCH /complaints/{id}.
type ComplaintPatchJSON struct {
	Version         int64    `json:"version"`
	Text            *string  `json:"text"`
	Address         *string  `json:"address"`
	KelurahanCode   *string  `json:"kelurahan_code"`
	Lat             *float64 `json:"lat"`
	Lng             *float64 `json:"lng"`
	CategoryID      *int64   `json:"category_id"`
	Priority        *string  `json:"priority"`
	Confidentiality *string  `json:"confidentiality"`
}

func (a *API) EditComplaint(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := reqctx.Actor(r).Require(aduan.PermComplaintEdit); err != nil {
		return err
	}
	var in ComplaintPatchJSON
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	if in.Version <= 0 {
		return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "version", Key: "err.field.required"}}}
	}
	p := aduan.ComplaintPatch{Text: in.Text, Address: in.Address, KelurahanCode: in.KelurahanCode, Lat: in.Lat, Lng: in.Lng, CategoryID: in.CategoryID}
	if in.Priority != nil {
		v := aduan.Priority(*in.Priority)
		p.Priority = &v
	}
	if in.Confidentiality != nil {
		v := aduan.Confidentiality(*in.Confidentiality)
		p.Confidentiality = &v
	}
	act := reqctx.Actor(r)
	c, err := a.complaints().EditComplaint(r.Context(), act, id, in.Version, p)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, complaintJSON(c, act, reqctx.Lang(r), a.now(), loc))
}

// EventJSON is one entry of a complaint's timeline.
type EventJSON struct {
	ID          int64             `json:"id"`
	Action      string            `json:"action"`
	ActionLabel string            `json:"action_label"`
	Step        string            `json:"step,omitempty"`
	StepLabel   string            `json:"step_label,omitempty"`
	From        string            `json:"from,omitempty"`
	To          string            `json:"to,omitempty"`
	ActorID     int64             `json:"actor_id,omitempty"`
	ActorName   string            `json:"actor_name"`
	ActorRole   string            `json:"actor_role,omitempty"`
	At          string            `json:"at"`
	Deadline    *string           `json:"deadline,omitempty"`
	Met         *bool             `json:"met,omitempty"`
	ElapsedSec  int64             `json:"elapsed_seconds,omitempty"`
	Details     map[string]string `json:"details,omitempty"`
	// AgencyReached, on a forward's event: whether the agency was reached
	// (a notification delivered, or the operator's call or visit); absent
	// while no news has come. Step 7 is met only when it was, in time.
	AgencyReached   *bool   `json:"agency_reached,omitempty"`
	AgencyReachedAt *string `json:"agency_reached_at,omitempty"`
}

func (a *API) ComplaintEvents(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	c, err := a.complaintParam(r)
	if err != nil {
		return err
	}
	act := reqctx.Actor(r)
	evs, err := a.complaints().Events(r.Context(), act, c.ID)
	if err != nil {
		return err
	}
	lang := reqctx.Lang(r)
	showContent := act.CanSeeContent(c)
	out := make([]EventJSON, 0, len(evs))
	for _, e := range evs {
		j := EventJSON{ID: e.ID, Action: string(e.Action), ActionLabel: i18n.T(lang, "action."+string(e.Action)), Step: string(e.Step),
			From: string(e.From), To: string(e.To), ActorID: e.ActorID, ActorName: e.ActorName, ActorRole: string(e.ActorRole),
			At: export.Time(loc, e.At), Deadline: export.TimePtr(loc, e.Deadline), Met: e.Met, ElapsedSec: int64(e.Elapsed / time.Second), Details: e.Details,
			AgencyReached: e.AgencyReached, AgencyReachedAt: export.TimePtr(loc, e.AgencyReachedAt)}
		if e.Step != "" {
			j.StepLabel = i18n.T(lang, "step."+string(e.Step))
		}
		if !showContent {
			for _, k := range []string{"answer", "source_ref", "reason", "note", "progress", "question"} {
				if _, ok := j.Details[k]; ok {
					j.Details[k] = i18n.T(lang, "label.confidential")
				}
			}
		}
		out = append(out, j)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

// ActionJSON is the body of POST /complaints/{id}/actions/{action}.
type ActionJSON struct {
	Version     int64             `json:"version"`
	Answer      string            `json:"answer"`
	Source      string            `json:"source"`
	SourceRef   string            `json:"source_ref"`
	AgencyID    int64             `json:"agency_id"`
	Reason      string            `json:"reason"`
	Note        string            `json:"note"`
	DuplicateOf ComplaintRef      `json:"duplicate_of"`
	Citizen     *CitizenInputJSON `json:"citizen"`
	Missing     []string          `json:"missing"`
	// ReachedBy (forward): "phone" or "visit" when the operator told the
	// agency themselves; needed for an agency no message or portal reaches.
	ReachedBy string `json:"reached_by"`
	// ToldOnCall (answer): the caller heard the answer on the call; needed
	// when they have neither a mobile nor an e-mail to send it to.
	ToldOnCall bool `json:"told_on_call"`
	// Confirm (mark_duplicate): link although the original is outside the
	// duplicate window, closed, or of another category or agency.
	Confirm bool `json:"confirm"`
	// record_agency_answer: who at the agency answered, when (RFC 3339;
	// empty: now) and how it came (whatsapp, phone, letter).
	AnsweredBy string `json:"answered_by"`
	AnsweredAt string `json:"answered_at"`
	Via        string `json:"via"`
	// agency_promise: the day (YYYY-MM-DD) the agency promises completion by.
	PromisedBy string `json:"promised_by"`
	// call_agency: reached or no_answer.
	Outcome string `json:"outcome"`
	// CategoryID (answer, forward, close) classifies the complaint with
	// the step; required when it has no category yet (422 naming
	// category_id otherwise).
	CategoryID int64 `json:"category_id"`
}

// ComplaintRef names a complaint by ID (a JSON number or digits) or by its
// number (ADU-2026-000123).
type ComplaintRef string

// UnmarshalJSON accepts a number or a string.
func (c *ComplaintRef) UnmarshalJSON(b []byte) error {
	var n json.Number
	if err := json.Unmarshal(b, &n); err == nil {
		*c = ComplaintRef(n.String())
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return &json.UnmarshalTypeError{Value: string(b), Field: "duplicate_of", Type: reflect.TypeOf("")}
	}
	*c = ComplaintRef(s)
	return nil
}

func (a *API) ComplaintAction(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	id, err := pathID(r, "id")
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.complaint")
	}
	action := aduan.Action(r.PathValue("action"))
	if _, ok := aduan.TransitionFor(action); !ok {
		return aduan.Errorf(aduan.ENOTFOUND, "err.unknown_action", string(action))
	}
	o, done, err := a.idempotent(w, r)
	if done || err != nil {
		return err
	}
	var in ActionJSON
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	if in.Version <= 0 {
		return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "version", Key: "err.field.required"}}}
	}
	act := reqctx.Actor(r)
	ai := aduan.ActionInput{Answer: in.Answer, Source: aduan.AnswerSource(in.Source), SourceRef: in.SourceRef, AgencyID: in.AgencyID,
		Reason: in.Reason, Note: in.Note, Citizen: in.Citizen.domain(), Missing: in.Missing, ReachedBy: in.ReachedBy,
		ToldOnCall: in.ToldOnCall, Confirm: in.Confirm,
		AnsweredBy: in.AnsweredBy, AnsweredAt: in.AnsweredAt, Via: in.Via, PromisedBy: in.PromisedBy, Outcome: in.Outcome,
		CategoryID: in.CategoryID}
	if ref := strings.TrimSpace(string(in.DuplicateOf)); ref != "" {
		dup, err := a.Store.Complaints().ComplaintRef(r.Context(), reqctx.Actor(r), ref)
		if err != nil {
			return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "duplicate_of", Key: "err.field.unknown"}}}
		}
		ai.DuplicateOf = dup
	}
	if action == aduan.ActionRequestIdentity && len(ai.Missing) == 0 {
		c, err := a.complaints().Complaint(r.Context(), act, id)
		if err != nil {
			return err
		}
		ai.Missing = c.Citizen.Missing()
	}
	lang := reqctx.Lang(r)
	render := func(c *aduan.Complaint, ev *aduan.Event) any {
		return actionResult{
			Complaint: complaintJSON(c, act, lang, a.now(), loc),
			Event: ActionEventJSON{ID: ev.ID, Action: string(ev.Action), Step: string(ev.Step), Met: ev.Met, At: export.Time(loc, ev.At),
				Deadline: export.TimePtr(loc, ev.Deadline)},
		}
	}
	var within []store.TxHook
	if o != nil {
		within = append(within, o.Record(http.StatusOK, render))
	}
	c, ev, err := a.complaints().ApplyAction(r.Context(), act, id, in.Version, action, ai, within...)
	if err != nil {
		return o.Settle(w, r, err)
	}
	if o != nil {
		return o.Write(w)
	}
	return writeJSON(w, http.StatusOK, render(c, ev))
}

// workflow describes the state machine, so that clients can draw it and
// label it without hard-coding it.
func (a *API) Workflow(w http.ResponseWriter, r *http.Request) error {
	lang := reqctx.Lang(r)
	type tr struct {
		Action string   `json:"action"`
		Label  string   `json:"label"`
		From   []string `json:"from"`
		To     string   `json:"to"`
		Roles  []string `json:"roles"`
	}
	var trs []tr
	for _, t := range aduan.Transitions {
		x := tr{Action: string(t.Action), Label: i18n.T(lang, "action."+string(t.Action)), To: string(t.To)}
		for _, f := range t.From {
			x.From = append(x.From, string(f))
		}
		for _, ro := range t.Roles {
			x.Roles = append(x.Roles, string(ro))
		}
		trs = append(trs, x)
	}
	var sts []map[string]any
	for _, s := range aduan.Statuses {
		sts = append(sts, map[string]any{"status": s, "label": i18n.T(lang, "status."+string(s)), "open": s.Open(), "paused": s.Paused()})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"statuses": sts, "transitions": trs})
}
