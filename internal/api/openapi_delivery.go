package api

import (
	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/store"
)

// deliveryOperations documents the routes of messages reaching their
// person that are not the contact log's: notes and call-back attempts.
var deliveryOperations = []op{
	{"post", "/api/v1/complaints/{id}/notes", "Log a note or a call-back attempt (kind note or callback, with its outcome) on a complaint; the complaint does not move", NoteJSON{}, noteAnswer{}, 201, false, nil},
}

func init() {
	for k, v := range map[string][]string{
		"NoteJSON.kind":     {store.NoteText, store.NoteCallback},
		"NoteJSON.outcome":  store.CallbackOutcomes,
		"noteAnswer.status": strs(aduan.Statuses),
	} {
		fieldEnums[k] = v
	}
}
