package web

import (
	"time"

	"github.com/kotakita/aduan"
)

// agencyFlow is what the complaint page shows of the agency side of a
// forward (issue 16): the day the agency promised, the question it asked
// the call center and nobody has answered yet, and whether the agency was
// reached by the last forward.
type agencyFlow struct {
	Promised string // the promised day, YYYY-MM-DD; empty: no promise
	Question string // the agency's open question, if any
	// Reach is the last forward's: "" (no forward, or no news yet while a
	// message is on its way), "reached" or "not_reached"; ReachedAt when.
	Reach     string
	ReachedAt time.Time
}

// agencyFlowOf reads it from the complaint and its event log.
func agencyFlowOf(c *aduan.Complaint, evs []aduan.Event, loc *time.Location) agencyFlow {
	var f agencyFlow
	if c.PromisedBy != nil && c.Status == aduan.StatusPromised {
		// Midnight in the city's zone; at noon it is the same day in every
		// Indonesian zone; the page writes it in the city's.
		f.Promised = c.PromisedBy.Add(12 * time.Hour).In(loc).Format("2006-01-02")
	}
	for _, e := range evs {
		switch {
		case e.Action == aduan.ActionAskClarification:
			f.Question = e.Details["question"]
		case e.Action == aduan.ActionAnswerClarification, aduan.ForwardStep(e.Step):
			f.Question = ""
		}
		if aduan.ForwardStep(e.Step) {
			f.Reach, f.ReachedAt = "", time.Time{}
			if e.AgencyReached != nil {
				f.Reach = "not_reached"
				if *e.AgencyReached {
					f.Reach = "reached"
					if e.AgencyReachedAt != nil {
						f.ReachedAt = *e.AgencyReachedAt
					}
				}
			}
		}
	}
	if !c.Status.AtAgency() {
		f.Question = ""
	}
	return f
}
