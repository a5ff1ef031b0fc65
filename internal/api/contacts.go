package api

import (
	"net/http"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/export"
	"github.com/kotakita/aduan/internal/phone"
	"github.com/kotakita/aduan/internal/reqctx"
)

// ContactInJSON is the body of POST /api/v1/contacts.
type ContactInJSON struct {
	Kind      string     `json:"kind"`
	Channel   string     `json:"channel"`
	Phone     string     `json:"phone"`
	StartedAt *time.Time `json:"started_at"`
	DurationS int64      `json:"duration_s"`
	// Complaint names the complaint of a complaint or a follow-up: its ID
	// or its number (ADU-2026-000123).
	Complaint ComplaintRef `json:"complaint"`
	Note      string       `json:"note"`
	CallID    string       `json:"call_id"`
}

// ContactJSON is one contact of the log.
type ContactJSON struct {
	ID           int64   `json:"id"`
	Kind         string  `json:"kind"`
	Channel      string  `json:"channel"`
	Phone        string  `json:"phone"`
	OperatorID   int64   `json:"operator_id,omitempty"`
	Operator     string  `json:"operator,omitempty"`
	StartedAt    string  `json:"started_at"`
	DurationS    int64   `json:"duration_s"`
	ComplaintID  int64   `json:"complaint_id,omitempty"`
	Note         string  `json:"note"`
	CallID       string  `json:"call_id,omitempty"`
	CalledBackAt *string `json:"called_back_at"`
}

func contactJSON(c *aduan.Contact, loc *time.Location) ContactJSON {
	return ContactJSON{ID: c.ID, Kind: string(c.Kind), Channel: string(c.Channel), Phone: string(c.Phone), OperatorID: c.OperatorID,
		Operator: c.Operator, StartedAt: export.Time(loc, c.StartedAt), DurationS: int64(c.Duration / time.Second), ComplaintID: c.ComplaintID,
		Note: c.Note, CallID: c.CallID, CalledBackAt: export.TimePtr(loc, c.CalledBackAt)}
}

// LogContact: POST /api/v1/contacts.
func (a *API) LogContact(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	var in ContactInJSON
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	p, err := phone.ParseField("phone", in.Phone)
	if err != nil {
		return err
	}
	c := &aduan.Contact{Kind: aduan.ContactKind(in.Kind), Channel: aduan.Channel(in.Channel), Phone: p,
		Duration: time.Duration(in.DurationS) * time.Second, Note: in.Note, CallID: in.CallID}
	if in.StartedAt != nil {
		c.StartedAt = *in.StartedAt
	}
	if ref := strings.TrimSpace(string(in.Complaint)); ref != "" {
		cmp, err := a.complaintWrites().ComplaintRef(r.Context(), reqctx.Actor(r), ref)
		if err != nil {
			return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "complaint", Key: "err.field.unknown"}}}
		}
		c.ComplaintID = cmp
	}
	if err := a.citizens().LogContact(r.Context(), reqctx.Actor(r), c); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, contactJSON(c, loc))
}

// Callbacks: GET /api/v1/contacts/callbacks.
func (a *API) Callbacks(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	calls, err := a.citizens().Callbacks(r.Context(), reqctx.Actor(r))
	if err != nil {
		return err
	}
	out := list[ContactJSON]{Items: []ContactJSON{}}
	for i := range calls {
		out.Items = append(out.Items, contactJSON(&calls[i], loc))
	}
	return writeJSON(w, http.StatusOK, out)
}
