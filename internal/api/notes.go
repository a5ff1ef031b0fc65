package api

import (
	"net/http"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/export"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// NoteJSON is the body of POST /complaints/{id}/notes: a note or a
// call-back attempt, logged without moving the complaint.
type NoteJSON struct {
	// Kind is "note" or "callback".
	Kind string `json:"kind"`
	// Outcome (callback): reached, no_answer, busy, unreachable or
	// wrong_number.
	Outcome string `json:"outcome,omitempty"`
	Note    string `json:"note"`
}

// noteAnswer is the answer to a logged note: the complaint, unmoved, and
// the note's event.
type noteAnswer struct {
	ComplaintID int64     `json:"complaint_id"`
	Number      string    `json:"number"`
	Status      string    `json:"status"`
	Event       EventJSON `json:"event"`
}

// AddNote: POST /api/v1/complaints/{id}/notes. With an Idempotency-Key a
// note sent twice (a double click, a retry) is logged once.
func (a *API) AddNote(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	id, err := pathID(r, "id")
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.complaint")
	}
	o, done, err := a.idempotent(w, r)
	if done || err != nil {
		return err
	}
	var in NoteJSON
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	lang := reqctx.Lang(r)
	render := func(c *aduan.Complaint, ev *aduan.Event) any {
		return noteAnswer{ComplaintID: c.ID, Number: c.Number, Status: string(c.Status),
			Event: EventJSON{ID: ev.ID, Action: string(ev.Action), ActionLabel: i18n.T(lang, "action."+string(ev.Action)),
				From: string(ev.From), To: string(ev.To), ActorID: ev.ActorID, ActorName: ev.ActorName, ActorRole: string(ev.ActorRole),
				At: export.Time(loc, ev.At), Details: ev.Details}}
	}
	var within []store.TxHook
	if o != nil {
		within = append(within, o.Record(http.StatusCreated, render))
	}
	ev, err := a.complaintWrites().AddNote(r.Context(), reqctx.Actor(r), id, store.NoteInput{Kind: in.Kind, Outcome: in.Outcome, Text: in.Note}, within...)
	if err != nil {
		return o.Settle(w, r, err)
	}
	if o != nil {
		return o.Write(w)
	}
	c, err := a.complaints().Complaint(r.Context(), reqctx.Actor(r), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, render(c, ev))
}
