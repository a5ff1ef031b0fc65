// The answer library's box on a complaint's page.

package web

import (
	"net/http"
	"strings"

	"github.com/kotakita/aduan"
)

type complaintLibraryData struct {
	C        *aduan.Complaint
	Similar  []SimilarView
	CanLink  bool
	Hits     []Hit
	CanUse   bool // the answer form is on the page
	CanEntry bool
}

// ComplaintLibraryBox is the answer library's box on a complaint's page,
// loaded after the page: the open complaints it may repeat with a one-click
// link as duplicate, the library's answers while it can be answered, and
// "make a library entry" once it has an answer.
//
// The box is part of the page view that loads it (?view=, the page's
// request ID), as the messages section is: a confidential complaint's page
// view is one audited read, and its box adds no row of its own (see
// Store.ComplaintInView); a box fetched on its own is audited once.
func (w *Web) ComplaintLibraryBox(rw http.ResponseWriter, r *http.Request) error {
	ctx, actor := r.Context(), actorOf(r)
	id, err := pathID(r)
	if err != nil {
		return err
	}
	c, _, err := w.Stores.Complaints.ComplaintInView(ctx, actor, id, r.URL.Query().Get("view"))
	if aduan.ErrorCode(err) == aduan.EFORBIDDEN {
		// Those who see the complaint but not its content: the page asks
		// them for no box, and the box holds nothing for them.
		return w.fragment(rw, r, "library_box", "box", &Page{Data: &complaintLibraryData{}})
	}
	if err != nil {
		return err
	}
	d := &complaintLibraryData{C: c}
	for _, a := range aduan.AllowedActions(c, actor) {
		d.CanLink = d.CanLink || a == aduan.ActionMarkDuplicate
		d.CanUse = d.CanUse || a == aduan.ActionAnswer
	}
	if c.Open() && c.Status != aduan.StatusDuplicate {
		if d.Similar, err = w.similarOpen(ctx, actor, c); err != nil {
			return err
		}
	}
	if d.CanUse && actor.Can(aduan.PermLibraryRead) {
		hits, err := w.librarySearch(ctx, actor, c.Text)
		if err != nil {
			return err
		}
		hits = markExamples(hits, c.KelurahanCode, w.Stores.Clock.Now())
		if len(hits) > 3 {
			hits = hits[:3]
		}
		d.Hits = hits
	}
	d.CanEntry = actor.Can(aduan.PermLibraryEdit) && c.Confidentiality != aduan.Confidential &&
		(strings.TrimSpace(c.Answer) != "" || strings.TrimSpace(c.AgencyAnswer) != "")
	return w.fragment(rw, r, "library_box", "box", &Page{Data: d})
}
