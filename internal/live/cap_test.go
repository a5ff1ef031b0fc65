package live_test

import (
	"testing"

	"github.com/kotakita/aduan/internal/live"
)

// TestStreamsPerUserCapped: a user holds at most MaxStreamsPerUser streams;
// others are not affected, and a closed stream frees its place.
func TestStreamsPerUserCapped(t *testing.T) {
	h, _ := live.NewHub(nil)
	var subs []*live.Sub
	for i := 0; i < live.MaxStreamsPerUser; i++ {
		s, ok := h.SubscribeUser(7, nil)
		if !ok {
			t.Fatalf("stream %d refused", i+1)
		}
		subs = append(subs, s)
	}
	if _, ok := h.SubscribeUser(7, nil); ok {
		t.Error("a stream over the cap was taken")
	}
	if _, ok := h.SubscribeUser(8, nil); !ok {
		t.Error("another user was refused")
	}
	h.Unsubscribe(subs[0])
	h.Unsubscribe(subs[0]) // twice: counted once
	if _, ok := h.SubscribeUser(7, nil); !ok {
		t.Error("a freed place was not given back")
	}
	if _, ok := h.SubscribeUser(7, nil); ok {
		t.Error("a double unsubscribe freed two places")
	}
}
