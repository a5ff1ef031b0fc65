// Package ppidsvc is what the PPID's surfaces (the JSON API, the console,
// the public pages) share beyond the store: the messages a request's step
// sends to its requester, and the documents of the track (the written
// notice, the register, the annual report).
package ppidsvc

import (
	"context"
	"database/sql"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/msgsvc"
	"github.com/kotakita/aduan/internal/store"
)

// infoNoticeKeys: the steps that write to the requester, and what they say.
// The receipt gives the number to track it by; an extension and a decision
// are written notices the law requires (art. 22(7)–(8)); the answer to an
// objection is the atasan's written response (art. 36(2)).
var infoNoticeKeys = map[aduan.InfoAction]string{
	aduan.InfoActRegister:        "pub.ppid.msg.received",
	aduan.InfoActExtend:          "pub.ppid.msg.extended",
	aduan.InfoActDecide:          "pub.ppid.msg.decided",
	aduan.InfoActAnswerObjection: "pub.ppid.msg.objection_answered",
}

// Notify returns the store.InfoNotify of a request's steps over st and the
// message queue m (nil: messaging off).
func Notify(st *store.Store, m *msgsvc.Messaging) store.InfoNotify {
	return func(ctx context.Context, tx *sql.Tx, r *aduan.InfoRequest, ev *aduan.InfoEvent) error {
		return notify(ctx, tx, st, m, r, ev)
	}
}

// notify enqueues, inside the change's transaction, the messages a
// request's step sends to its requester: an SMS to their phone and an
// e-mail to their address, whichever they gave, each with the link to the
// public page where they see the decision and its written notice (PDF)
// and can object. Each message is linked to the request, so the PPID's
// page shows whether it reached them. Without messaging (a test server)
// nothing is sent and the page shows no message.
func notify(ctx context.Context, tx *sql.Tx, st *store.Store, m *msgsvc.Messaging, r *aduan.InfoRequest, ev *aduan.InfoEvent) error {
	key, ok := infoNoticeKeys[ev.Action]
	if !ok {
		return nil
	}
	q, err := m.Jobs()
	if err != nil {
		return nil // messaging off: no message, and the page shows none
	}
	set, err := st.RefData().Settings(ctx)
	if err != nil {
		return err
	}
	link := TrackLink(set, r.Number)
	due := i18n.Date(i18n.ID, r.DueAt)
	decision := ""
	if r.Decision != "" {
		decision = i18n.T(i18n.ID, "ppid.decision."+string(r.Decision))
	}
	body := i18n.T(i18n.ID, key, r.Number, due, decision, link)
	var msgs []*channel.Message
	if r.Phone != "" {
		msgs = append(msgs, &channel.Message{Channel: channel.SMS, To: string(r.Phone), Purpose: channel.PurposePPIDNotice, Template: key, Body: body})
	}
	if r.Email != "" {
		msgs = append(msgs, &channel.Message{Channel: channel.Email, To: r.Email, Purpose: channel.PurposePPIDNotice, Template: key,
			Subject: i18n.T(i18n.ID, "pub.ppid.msg.subject", r.Number), Body: body})
	}
	for _, msg := range msgs {
		if err := q.EnqueueTx(ctx, tx, msg); err != nil {
			return err
		}
		if err := st.PPID().LinkMessage(ctx, tx, r.ID, msg.ID); err != nil {
			return err
		}
	}
	return nil
}
