package web

import (
	"time"

	"github.com/kotakita/aduan"
)

// notifyFailed says that the forward's notification reached nobody at the
// agency: the operator must send it again or phone the agency.
type notifyFailed struct {
	Agency aduan.Agency
	Retry  []int64 // the failed messages the viewer may send again
}

// forwardNotifyFailed reads the complaint's messages: a complaint at the
// agency that has not acknowledged it, whose forward messages (those sent
// since the forward) all failed, was never notified. A message still queued
// or sent is not a failure yet; the agency's acknowledgement ends the
// question.
func forwardNotifyFailed(c *aduan.Complaint, msgs []MessageView) *notifyFailed {
	if c.Status != aduan.StatusForwarded || c.AgencyID == 0 {
		return nil
	}
	// The clock of the agency's step started at the forward.
	since := c.Clock.StartedAt.Add(-time.Second)
	var out notifyFailed
	n := 0
	for _, m := range msgs {
		if m.Direction != "out" || m.PurposeKey != "msg.purpose.forward" || m.Time.Before(since) {
			continue
		}
		n++
		if m.Status != "failed" {
			return nil
		}
		if m.Retry {
			out.Retry = append(out.Retry, m.ID)
		}
	}
	if n == 0 {
		return nil
	}
	out.Agency = aduan.Agency{ID: c.AgencyID, Name: c.AgencyName}
	return &out
}

// answerNotifyFailed reads the complaint's messages: an answered, relayed
// or closed complaint whose latest answer to the citizen (the call
// center's own, SOP 4/6, or the relay, SOP 10) failed has not reached them,
// whatever its status says. The same banner as a failed forward, naming
// the citizen's line to call instead.
func answerNotifyFailed(c *aduan.Complaint, msgs []MessageView) *notifyFailed {
	switch c.Status {
	case aduan.StatusAnswered, aduan.StatusRelayed, aduan.StatusClosed:
	default:
		return nil
	}
	var last *MessageView
	for i := range msgs {
		m := &msgs[i]
		if m.Direction == "out" && (m.PurposeKey == "msg.purpose.answer" || m.PurposeKey == "msg.purpose.relay") {
			last = m
		}
	}
	if last == nil || last.Status != "failed" {
		return nil
	}
	out := &notifyFailed{}
	if last.Retry {
		out.Retry = []int64{last.ID}
	}
	return out
}
