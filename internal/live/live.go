// Package live carries live updates to the consoles: a complaint changed, a
// call is coming in. A Hub fans events out to the subscribers of this
// process; a Broker (PostgreSQL LISTEN/NOTIFY when several instances share
// one database) carries them between processes.
package live

import (
	"sync"
)

// Event is one live update. Kinds: "complaint" (something changed on a
// complaint), "msgstatus" (a message of a complaint changed status, or a
// reply landed on it) and "call" (an incoming call for an operator).
type Event struct {
	Kind        string `json:"kind"`
	ComplaintID int64  `json:"complaint_id,omitempty"`
	Number      string `json:"number,omitempty"`
	Status      string `json:"status,omitempty"`
	Action      string `json:"action,omitempty"`
	AgencyID    int64  `json:"agency_id,omitempty"`
	ActorID     int64  `json:"actor_id,omitempty"`
	// Direction of a "msgstatus" event's message: "out", or "in" for a
	// reply from outside that has just landed on the complaint.
	Direction string `json:"direction,omitempty"`
	// For calls: the caller's number and the operator it is for (0: any
	// operator of the call center).
	Phone  string `json:"phone,omitempty"`
	UserID int64  `json:"user_id,omitempty"`
	CallID string `json:"call_id,omitempty"`
	// ReceivedAt is when the call began (RFC 3339), the complaint's clock start.
	ReceivedAt string `json:"received_at,omitempty"`
}

// Broker carries events between instances. Publish sends to every instance
// (this one included, through the callback given to Start).
type Broker interface {
	Publish(Event) error
	Start(deliver func(Event)) error
	Close() error
}

// MaxStreamsPerUser bounds one user's open event streams on one instance.
// Each holds a connection, a goroutine and a 64-event buffer for as long as
// the page is open, so an unbounded number per session lets one account
// (or a stolen cookie in a loop) exhaust the instance. Eight covers a user
// with the desk, the queue and a few complaints open in tabs; browsers hold
// at most six HTTP/1.1 connections per site anyway.
const MaxStreamsPerUser = 8

// Hub delivers events to the subscribers of this process.
type Hub struct {
	mu     sync.Mutex
	subs   map[*Sub]struct{}
	byUser map[int64]int
	broker Broker
}

// Sub is one subscriber: a browser's event stream.
type Sub struct {
	C      chan Event
	filter func(Event) bool
	user   int64
}

// NewHub returns a hub. With a nil broker, events stay in this process.
func NewHub(b Broker) (*Hub, error) {
	h := &Hub{subs: map[*Sub]struct{}{}, byUser: map[int64]int{}, broker: b}
	if b != nil {
		if err := b.Start(h.deliver); err != nil {
			return nil, err
		}
	}
	return h, nil
}

// Subscribe registers a subscriber that receives the events filter accepts.
func (h *Hub) Subscribe(filter func(Event) bool) *Sub {
	s := &Sub{C: make(chan Event, 64), filter: filter}
	h.mu.Lock()
	h.subs[s] = struct{}{}
	h.mu.Unlock()
	return s
}

// SubscribeUser registers a subscriber for user's stream, unless the user
// already holds MaxStreamsPerUser streams here (ok false).
func (h *Hub) SubscribeUser(user int64, filter func(Event) bool) (s *Sub, ok bool) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.byUser[user] >= MaxStreamsPerUser {
		return nil, false
	}
	h.byUser[user]++
	s = &Sub{C: make(chan Event, 64), filter: filter, user: user}
	h.subs[s] = struct{}{}
	return s, true
}

// Unsubscribe removes a subscriber.
func (h *Hub) Unsubscribe(s *Sub) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if _, ok := h.subs[s]; !ok {
		return
	}
	delete(h.subs, s)
	if s.user != 0 {
		if h.byUser[s.user]--; h.byUser[s.user] <= 0 {
			delete(h.byUser, s.user)
		}
	}
}

// Publish sends an event to every instance's subscribers.
func (h *Hub) Publish(e Event) {
	if h.broker != nil {
		if err := h.broker.Publish(e); err == nil {
			return
		}
		// The broker is down: at least this instance's users hear of it.
	}
	h.deliver(e)
}

// deliver hands an event to local subscribers. A subscriber that does not
// keep up loses events rather than stalling everyone: the page it shows is
// refreshed as a whole on the next event anyway.
func (h *Hub) deliver(e Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for s := range h.subs {
		if s.filter != nil && !s.filter(e) {
			continue
		}
		select {
		case s.C <- e:
		default:
		}
	}
}

// Subscribers counts the local subscribers, for metrics and tests.
func (h *Hub) Subscribers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}

// Close stops the broker.
func (h *Hub) Close() error {
	if h.broker != nil {
		return h.broker.Close()
	}
	return nil
}
