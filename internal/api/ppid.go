package api

import (
	"net/http"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/export"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/ppidsvc"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// Public-information requests (UU 14/2008): the PPID's own track beside
// complaints. The store checks who may see and do what (inforequest.go's
// table); these handlers only translate.

// InfoRequestInJSON is the body of POST /api/v1/ppid/requests.
type InfoRequestInJSON struct {
	Channel     string     `json:"channel"`
	ContactID   int64      `json:"contact_id"`
	Name        string     `json:"name"`
	Address     string     `json:"address"`
	Phone       string     `json:"phone"`
	Email       string     `json:"email"`
	IDNumber    string     `json:"id_number"`
	Information string     `json:"information"`
	Purpose     string     `json:"purpose"`
	Medium      string     `json:"medium"`   // view, softcopy, hardcopy
	Delivery    string     `json:"delivery"` // collect, post, email
	ReceivedAt  *time.Time `json:"received_at"`
}

// InfoRequestJSON is one request as the caller may see it: the requester's
// identity is empty for roles that may not see it.
type InfoRequestJSON struct {
	ID                  int64    `json:"id"`
	Number              string   `json:"number"`
	Status              string   `json:"status"`
	StatusLabel         string   `json:"status_label"`
	Channel             string   `json:"channel"`
	ContactID           int64    `json:"contact_id,omitempty"`
	Name                string   `json:"name,omitempty"`
	Address             string   `json:"address,omitempty"`
	Phone               string   `json:"phone,omitempty"`
	Email               string   `json:"email,omitempty"`
	IDNumber            string   `json:"id_number,omitempty"`
	Information         string   `json:"information"`
	Purpose             string   `json:"purpose"`
	Medium              string   `json:"medium"`
	Delivery            string   `json:"delivery"`
	AgencyID            int64    `json:"agency_id,omitempty"`
	Agency              string   `json:"agency,omitempty"`
	ReceivedAt          string   `json:"received_at"`
	DueAt               string   `json:"due_at"`
	Overdue             bool     `json:"overdue"`
	ExtendedAt          *string  `json:"extended_at"`
	ExtensionReason     string   `json:"extension_reason,omitempty"`
	Decision            string   `json:"decision,omitempty"`
	DecidedAt           *string  `json:"decided_at"`
	Answer              string   `json:"answer,omitempty"`
	Ground              string   `json:"ground,omitempty"`
	ConsequenceTest     string   `json:"consequence_test,omitempty"`
	ReferralTo          string   `json:"referral_to,omitempty"`
	DocumentURL         string   `json:"document_url,omitempty"`
	DocumentName        string   `json:"document_name,omitempty"`
	NoticeNumber        string   `json:"notice_number,omitempty"`
	ObjectedAt          *string  `json:"objected_at"`
	ObjectionReason     string   `json:"objection_reason,omitempty"`
	ObjectionText       string   `json:"objection_text,omitempty"`
	ObjectionDueAt      *string  `json:"objection_due_at"`
	ObjectionAnswer     string   `json:"objection_answer,omitempty"`
	ObjectionUpheld     bool     `json:"objection_upheld"`
	ObjectionAnsweredAt *string  `json:"objection_answered_at"`
	CommissionAt        *string  `json:"commission_at"`
	CommissionRef       string   `json:"commission_ref,omitempty"`
	CommissionOutcome   string   `json:"commission_outcome,omitempty"`
	Version             int64    `json:"version"`
	Actions             []string `json:"actions,omitempty"`
}

// InfoEventJSON is one step of a request's log.
type InfoEventJSON struct {
	Action  string            `json:"action"`
	Label   string            `json:"label"`
	From    string            `json:"from,omitempty"`
	To      string            `json:"to"`
	At      string            `json:"at"`
	By      string            `json:"by,omitempty"`
	Role    string            `json:"role,omitempty"`
	Details map[string]string `json:"details,omitempty"`
}

// InfoRequestDetailJSON is a request with its log and the steps the caller
// may take now.
type InfoRequestDetailJSON struct {
	Request InfoRequestJSON `json:"request"`
	Events  []InfoEventJSON `json:"events"`
}

// InfoActionJSON is the body of a step: only the fields the step uses.
type InfoActionJSON struct {
	Version         int64  `json:"version"`
	AgencyID        int64  `json:"agency_id"`
	Reason          string `json:"reason"`
	Decision        string `json:"decision"`
	Answer          string `json:"answer"`
	Ground          string `json:"ground"`
	ConsequenceTest string `json:"consequence_test"`
	ReferralTo      string `json:"referral_to"`
	DocumentURL     string `json:"document_url"`
	DocumentName    string `json:"document_name"`
	Upheld          bool   `json:"upheld"`
	Reference       string `json:"reference"`
	Outcome         string `json:"outcome"`
	ObjectionReason string `json:"objection_reason"`
}

// Input is the domain's input of a step.
func (b InfoActionJSON) Input() aduan.InfoInput {
	return aduan.InfoInput{AgencyID: b.AgencyID, Reason: b.Reason, Decision: aduan.InfoDecision(b.Decision), Answer: b.Answer,
		Ground: b.Ground, ConsequenceTest: b.ConsequenceTest, ReferralTo: b.ReferralTo, DocumentURL: b.DocumentURL,
		DocumentName: b.DocumentName, Upheld: b.Upheld, Reference: b.Reference, Outcome: b.Outcome, ObjectionReason: b.ObjectionReason}
}

// InfoRequestOut is r as JSON, at now (for "overdue").
func InfoRequestOut(r *aduan.InfoRequest, now time.Time, lang i18n.Lang, loc *time.Location) InfoRequestJSON {
	return InfoRequestJSON{ID: r.ID, Number: r.Number, Status: string(r.Status), StatusLabel: i18n.T(lang, "ppid.status."+string(r.Status)),
		Channel: string(r.Channel), ContactID: r.ContactID, Name: r.Name, Address: r.Address, Phone: string(r.Phone), Email: r.Email,
		IDNumber: r.IDNumber, Information: r.Information, Purpose: r.Purpose, Medium: r.Medium, Delivery: r.Delivery,
		AgencyID: r.AgencyID, Agency: r.AgencyName, ReceivedAt: export.Time(loc, r.ReceivedAt), DueAt: export.Time(loc, r.DueAt),
		Overdue: r.Overdue(now), ExtendedAt: export.TimePtr(loc, r.ExtendedAt), ExtensionReason: r.ExtensionReason,
		Decision: string(r.Decision), DecidedAt: export.TimePtr(loc, r.DecidedAt), Answer: r.Answer, Ground: r.Ground,
		ConsequenceTest: r.ConsequenceTest, ReferralTo: r.ReferralTo, DocumentURL: r.DocumentURL, DocumentName: r.DocumentName,
		NoticeNumber: r.NoticeNumber, ObjectedAt: export.TimePtr(loc, r.ObjectedAt), ObjectionReason: r.ObjectionReason,
		ObjectionText: r.ObjectionText, ObjectionDueAt: export.TimePtr(loc, r.ObjectionDueAt), ObjectionAnswer: r.ObjectionAnswer,
		ObjectionUpheld: r.ObjectionUpheld, ObjectionAnsweredAt: export.TimePtr(loc, r.ObjectionAnsweredAt),
		CommissionAt: export.TimePtr(loc, r.CommissionAt), CommissionRef: r.CommissionRef, CommissionOutcome: r.CommissionOutcome,
		Version: r.Version}
}

// InfoEventsOut is a request's log as JSON.
func InfoEventsOut(evs []aduan.InfoEvent, lang i18n.Lang, loc *time.Location) []InfoEventJSON {
	out := []InfoEventJSON{}
	for _, e := range evs {
		out = append(out, InfoEventJSON{Action: string(e.Action), Label: i18n.T(lang, "ppid.action."+string(e.Action)),
			From: string(e.From), To: string(e.To), At: export.Time(loc, e.At), By: e.ActorName, Role: string(e.ActorRole), Details: e.Details})
	}
	return out
}

// InfoRequests: GET /api/v1/ppid/requests (?status=, agency_id=, overdue=1,
// objected=1, year=).
func (a *API) InfoRequests(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	p := newParams(r)
	f := store.InfoFilter{Status: aduan.InfoStatus(p.str("status")), AgencyID: p.int("agency_id"),
		Overdue: p.str("overdue") == "1", Objected: p.str("objected") == "1"}
	if y := p.int("year"); y > 0 {
		from := time.Date(int(y), 1, 1, 0, 0, 0, 0, loc)
		to := from.AddDate(1, 0, 0)
		f.From, f.To = &from, &to
	}
	if err := p.err(); err != nil {
		return err
	}
	rs, err := a.ppidStore().Requests(r.Context(), reqctx.Actor(r), f)
	if err != nil {
		return err
	}
	now, lang := a.now(), reqctx.Lang(r)
	out := list[InfoRequestJSON]{Items: []InfoRequestJSON{}}
	for _, x := range rs {
		out.Items = append(out.Items, InfoRequestOut(x, now, lang, loc))
	}
	return writeJSON(w, http.StatusOK, out)
}

// CreateInfoRequest: POST /api/v1/ppid/requests.
func (a *API) CreateInfoRequest(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	var in InfoRequestInJSON
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	n := aduan.NewInfoRequest{Channel: aduan.Channel(in.Channel), ContactID: in.ContactID, Name: in.Name, Address: in.Address,
		Phone: in.Phone, Email: in.Email, IDNumber: in.IDNumber, Information: in.Information, Purpose: in.Purpose,
		Medium: in.Medium, Delivery: in.Delivery}
	if in.ReceivedAt != nil {
		n.ReceivedAt = *in.ReceivedAt
	}
	req, err := a.ppidStore().Register(r.Context(), reqctx.Actor(r), n, ppidsvc.Notify(a.Store, a.Messaging))
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, InfoRequestOut(req, a.now(), reqctx.Lang(r), loc))
}

// GetInfoRequest: GET /api/v1/ppid/requests/{id}, with its log and the
// steps the caller may take.
func (a *API) GetInfoRequest(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p := a.ppidStore()
	req, err := p.Request(r.Context(), reqctx.Actor(r), id)
	if err != nil {
		return err
	}
	evs, err := p.Events(r.Context(), id)
	if err != nil {
		return err
	}
	atasan, _, err := p.Atasan(r.Context())
	if err != nil {
		return err
	}
	out := InfoRequestOut(req, a.now(), reqctx.Lang(r), loc)
	for _, act := range aduan.InfoAllowedActions(req, reqctx.Actor(r), atasan) {
		out.Actions = append(out.Actions, string(act))
	}
	return writeJSON(w, http.StatusOK, InfoRequestDetailJSON{Request: out, Events: InfoEventsOut(evs, reqctx.Lang(r), loc)})
}

// InfoRequestAction: POST /api/v1/ppid/requests/{id}/actions/{action}.
func (a *API) InfoRequestAction(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var body InfoActionJSON
	if err := reqctx.Decode(r, &body); err != nil {
		return err
	}
	req, ev, err := a.ppidStore().Act(r.Context(), reqctx.Actor(r), id, body.Version, aduan.InfoAction(r.PathValue("action")), body.Input(), ppidsvc.Notify(a.Store, a.Messaging))
	if err != nil {
		return err
	}
	lang := reqctx.Lang(r)
	return writeJSON(w, http.StatusOK, map[string]any{"request": InfoRequestOut(req, a.now(), lang, loc),
		"event": InfoEventsOut([]aduan.InfoEvent{*ev}, lang, loc)[0]})
}
