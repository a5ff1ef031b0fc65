package web

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/live"
	"github.com/kotakita/aduan/internal/phone"
	"github.com/kotakita/aduan/internal/reqctx"
)

// Events streams live updates to a logged-in browser (Server-Sent Events):
// complaints that change where the user can see them, their messages'
// delivery statuses ("msgstatus": not "message", which is the SSE default
// event type), and incoming calls for call-center users.
func (w *Web) Events(rw http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	actor := u.Actor()
	rc := http.NewResponseController(rw)
	sub, ok := w.Hub.SubscribeUser(u.ID, func(e live.Event) bool {
		switch e.Kind {
		case "call":
			return actor.Role.CallCenter() && (e.UserID == 0 || e.UserID == u.ID)
		case "complaint", "msgstatus":
			if actor.Role.AgencyBound() {
				return e.AgencyID == actor.AgencyID
			}
			return actor.Can(aduan.PermComplaintRead)
		}
		return false
	})
	if !ok {
		// A clear refusal: the browser's EventSource stops retrying, and
		// the page works on without live updates.
		rw.Header().Set("Retry-After", "60")
		return aduan.Errorf(aduan.ERATELIMIT, "err.sse_limit", live.MaxStreamsPerUser)
	}
	defer w.Hub.Unsubscribe(sub)
	rw.Header().Set("Content-Type", "text/event-stream")
	rw.Header().Set("Cache-Control", "no-store")
	rw.Header().Set("X-Accel-Buffering", "no")
	rw.WriteHeader(http.StatusOK)
	fmt.Fprint(rw, "retry: 3000\n: connected\n\n")
	rc.Flush()
	ping := time.NewTicker(25 * time.Second)
	defer ping.Stop()
	for {
		select {
		case <-r.Context().Done():
			return nil
		case <-ping.C:
			// Keeps proxies from closing an idle stream.
			if _, err := fmt.Fprint(rw, ": ping\n\n"); err != nil {
				return nil
			}
			rc.Flush()
		case e := <-sub.C:
			b, _ := json.Marshal(e)
			if _, err := fmt.Fprintf(rw, "event: %s\ndata: %s\n\n", e.Kind, b); err != nil {
				return nil
			}
			rc.Flush()
		}
	}
}

// PublishChange is the store's after-commit hook: it tells consoles that a
// complaint changed.
func (w *Web) PublishChange(c *aduan.Complaint, ev *aduan.Event) {
	w.Hub.Publish(live.Event{Kind: "complaint", ComplaintID: c.ID, Number: c.Number, Status: string(c.Status),
		Action: string(ev.Action), AgencyID: c.AgencyID, ActorID: ev.ActorID})
}

// CallJSON is the body of POST /api/v1/calls.
type CallJSON struct {
	Phone      string     `json:"phone"`
	Operator   string     `json:"operator"` // user name of the operator whose phone rings; empty: every operator
	ReceivedAt *time.Time `json:"received_at"`
	// Missed: the call rang out unanswered. It is logged on the call-back
	// list and pops on no console.
	Missed bool `json:"missed"`
	// CallID is the PBX's own ID of the call: a call reported twice is
	// logged once, and the operator classifies it by this ID.
	CallID string `json:"call_id"`
}

// Call is the incoming-call pop for a PBX/CTI integration: the operator's
// console opens the intake form with the caller's number filled in.
func (w *Web) Call(rw http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	if err := actor.Require(aduan.PermCallPop); err != nil {
		return err
	}
	var in CallJSON
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	// A caller on a landline is popped too: the operator can call back.
	p, err := phone.ParseField("phone", in.Phone)
	if err != nil {
		return err
	}
	if p == "" {
		return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "phone", Key: "err.field.required"}}}
	}
	e := live.Event{Kind: "call", Phone: string(p), CallID: strings.TrimSpace(in.CallID)}
	if e.CallID == "" {
		e.CallID = newID()
	}
	if in.Operator != "" {
		u, err := w.Stores.Calls.UserByUsername(r.Context(), in.Operator)
		if err != nil || !u.Role.CallCenter() {
			return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "operator", Key: "err.field.unknown"}}}
		}
		e.UserID = u.ID
	}
	at := w.Stores.Clock.Now()
	if in.ReceivedAt != nil {
		at = *in.ReceivedAt
	}
	cityLoc, err := w.zone(r.Context())
	if err != nil {
		return err
	}
	e.ReceivedAt = at.In(cityLoc).Format(time.RFC3339)
	// Every call is in the contact log: answered until the operator says
	// what it was, or missed, for the call-back list.
	ct := &aduan.Contact{Kind: aduan.ContactAnswered, Channel: aduan.ChannelPhone, Phone: p, OperatorID: e.UserID, StartedAt: at, CallID: e.CallID}
	if in.Missed {
		ct.Kind, ct.OperatorID = aduan.ContactMissed, 0
	}
	if err := w.Stores.Calls.LogContact(r.Context(), actor, ct); err != nil {
		return err
	}
	if !in.Missed {
		w.Hub.Publish(e)
	}
	rw.Header().Set("Content-Type", "application/json; charset=utf-8")
	rw.WriteHeader(http.StatusAccepted)
	return json.NewEncoder(rw).Encode(map[string]any{"call_id": e.CallID, "contact_id": ct.ID, "phone": p, "listeners": w.Hub.Subscribers()})
}

func newID() string {
	b := make([]byte, 8)
	rand.Read(b)
	return hex.EncodeToString(b)
}
