package jobs_test

import (
	"database/sql"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestEachStepSendsItsMessages walks the four SOP steps that message people
// outside the office and checks who got what.
func TestEachStepSendsItsMessages(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		if err := f.st.RefData().SaveAgency(ctx, aduan.System, withContacts(f.dpupr, "0812-9999-0000", "dpupr@depok.go.id")); err != nil {
			t.Fatal(err)
		}

		// Step 3: identity asked for by SMS.
		c := f.complaint(t, "081211112222", "")
		c = f.act(t, f.op, c, aduan.ActionRequestIdentity, aduan.ActionInput{Missing: []string{"name", "address"}})
		ms := f.settled(t, c, 1)
		if ms[0].Channel != channel.SMS || ms[0].To != "+6281211112222" || ms[0].Status != channel.StatusSent || ms[0].Via != "sms-test" {
			t.Fatalf("identity request: %+v", ms[0])
		}
		if !strings.Contains(ms[0].Body, c.Number) || !strings.Contains(ms[0].Body, "nama, alamat") {
			t.Errorf("identity request text: %q", ms[0].Body)
		}
		c = f.act(t, f.op, c, aduan.ActionProvideIdentity, aduan.ActionInput{Citizen: &aduan.CitizenInput{Name: "Ani"}})

		// Step 5: photos asked for by SMS and, as the citizen has an
		// address, by e-mail.
		c2 := f.complaint(t, "081233334444", "ani@example.org")
		c2 = f.act(t, f.op, c2, aduan.ActionRequestPhotos, aduan.ActionInput{})
		ms = f.settled(t, c2, 2)
		kinds := map[channel.Kind]*channel.Message{}
		for _, m := range ms {
			kinds[m.Channel] = m
		}
		if kinds[channel.SMS] == nil || kinds[channel.Email] == nil || kinds[channel.Email].To != "ani@example.org" ||
			!strings.Contains(kinds[channel.Email].Subject, c2.Number) || !strings.Contains(kinds[channel.SMS].Body, "callcenter") {
			t.Fatalf("photo request: %+v", ms)
		}

		// Step 7: forwarded by WhatsApp to the agency's number and its
		// operator, and by e-mail.
		c = f.act(t, f.op, c, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
		ms = f.settled(t, c, 4)
		var to []string
		for _, m := range ms[1:] {
			to = append(to, string(m.Channel)+":"+m.To)
			if m.Purpose != channel.PurposeForward || !strings.Contains(m.Body, c.Number) || !strings.Contains(m.Body, "/complaints/") {
				t.Errorf("forward message: %+v", m)
			}
			if m.Channel == channel.WhatsApp && (m.WATemplate != "aduan_teruskan" || len(m.Params) != 4 || m.Params[0] != c.Number) {
				t.Errorf("forward template params: %q %q", m.WATemplate, m.Params)
			}
		}
		if got := strings.Join(to, " "); got != "whatsapp:+6281299990000 whatsapp:+6281377778888 email:dpupr@depok.go.id" {
			t.Errorf("forward recipients: %s", got)
		}

		// Step 10: the answer relayed by SMS, to this citizen and to the
		// citizen of a complaint merged into it.
		dup := f.complaint(t, "081255556666", "")
		f.act(t, f.op, dup, aduan.ActionMarkDuplicate, aduan.ActionInput{DuplicateOf: c.ID})
		c = f.act(t, f.pd, c, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Perbaikan dijadwalkan Senin depan."})
		c = f.act(t, f.op, c, aduan.ActionReceiveAnswer, aduan.ActionInput{})
		c = f.act(t, f.op, c, aduan.ActionRelay, aduan.ActionInput{})
		ms = f.settled(t, c, 5)
		if r := ms[4]; r.Purpose != channel.PurposeRelay || r.To != "+6281211112222" || !strings.Contains(r.Body, "Senin depan") {
			t.Errorf("relay: %+v", r)
		}
		// Signed by the call center, with the citizen's tracking link.
		if r := ms[4]; !strings.Contains(r.Body, "/lacak?nomor="+c.Number) || !strings.Contains(r.Body, "-- Call Center Kota Depok") {
			t.Errorf("relay without its link or signature: %q", r.Body)
		}
		dms := f.settled(t, dup, 1)
		if dms[0].To != "+6281255556666" || !strings.Contains(dms[0].Body, "Senin depan") || !strings.Contains(dms[0].Body, dup.Number) {
			t.Errorf("relay to the duplicate's citizen: %+v", dms[0])
		}
	})
}

func withContacts(a *aduan.Agency, wa, email string) *aduan.Agency {
	b := *a
	b.WhatsApp, b.Email = aduan.Phone(wa), email
	return &b
}

// TestNoMessageWithoutARecipient: a step whose output is a message to the
// citizen (identity, photos, relay) is refused with a field error naming
// the missing contact when the citizen has neither a mobile nor an e-mail
// address, and nothing changes; with only a landline too; with an e-mail
// address it goes by e-mail.
func TestNoMessageWithoutARecipient(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		refused := func(c *aduan.Complaint, act aduan.Action, key string) {
			t.Helper()
			_, _, err := f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, act, aduan.ActionInput{})
			e, ok := aduan.AsError(err)
			if !ok || e.Key != "err.no_recipient" || len(e.Fields) != 1 || e.Fields[0].Field != "citizen.phone" || e.Fields[0].Key != key {
				t.Fatalf("%s without a recipient: %v", act, err)
			}
			if got, _ := f.st.Complaints().Complaint(ctx, f.op, c.ID); got.Status != aduan.StatusRecorded || got.Version != c.Version {
				t.Errorf("%s refused, yet the complaint is %s v%d", act, got.Status, got.Version)
			}
			if ms := f.messages(t, c); len(ms) != 0 {
				t.Errorf("%s refused, yet messages: %+v", act, ms)
			}
		}
		c := f.complaint(t, "", "")
		refused(c, aduan.ActionRequestIdentity, "err.field.no_mobile")
		refused(c, aduan.ActionRequestPhotos, "err.field.no_mobile")
		land := f.complaint(t, "(021) 7720-0123", "")
		refused(land, aduan.ActionRequestIdentity, "err.field.no_mobile_landline")
		// Another channel the citizen has: e-mail.
		mail := f.complaint(t, "(021) 7720-0124", "ani@example.org")
		mail = f.act(t, f.op, mail, aduan.ActionRequestIdentity, aduan.ActionInput{})
		if ms := f.messages(t, mail); len(ms) != 1 || ms[0].Channel != channel.Email || ms[0].To != "ani@example.org" || ms[0].Subject == "" {
			t.Errorf("identity request by e-mail: %+v", ms)
		}
	})
}

// TestRetriesThenFailsThenOneClickRetry: a gateway that keeps refusing
// gets MaxAttempts tries, then the message is failed; a retry after the
// gateway is back sends it exactly once.
func TestRetriesThenFailsThenOneClickRetry(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		down := true
		f.sms.fail = func(m *channel.Message, attempt int) error {
			if down {
				return errGatewayDown
			}
			return nil
		}
		c := f.complaint(t, "081211112222", "")
		c = f.act(t, f.op, c, aduan.ActionRequestIdentity, aduan.ActionInput{})
		ms := f.settled(t, c, 1)
		if ms[0].Status != channel.StatusFailed || ms[0].Attempts != 4 || !strings.Contains(ms[0].Error, "connection refused") {
			t.Fatalf("after the last attempt: %+v", ms[0])
		}
		if len(f.sms.messages()) != 0 {
			t.Fatal("sent although the gateway refused")
		}
		f.sms.mu.Lock()
		down = false
		f.sms.mu.Unlock()
		if _, err := f.q.Retry(ctx, f.pd, ms[0].ID); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("agency operator retried: %v", err)
		}
		if _, err := f.q.Retry(ctx, f.adm, ms[0].ID); err != nil {
			t.Fatal(err)
		}
		ms = f.settled(t, c, 1)
		if ms[0].Status != channel.StatusSent || len(f.sms.messages()) != 1 {
			t.Fatalf("after retry: %+v, sent %d", ms[0], len(f.sms.messages()))
		}
		if _, err := f.q.Retry(ctx, f.adm, ms[0].ID); aduan.ErrorCode(err) != aduan.ETRANSITION {
			t.Errorf("retry of a sent message: %v", err)
		}
	})
}

// TestPermanentErrorFailsAtOnce: a gateway that rejects the request (bad
// number) is not asked again.
func TestPermanentErrorFailsAtOnce(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		f.sms.fail = func(m *channel.Message, attempt int) error { return channel.Permanent(errGatewayDown) }
		c := f.complaint(t, "081211112222", "")
		c = f.act(t, f.op, c, aduan.ActionRequestIdentity, aduan.ActionInput{})
		ms := f.settled(t, c, 1)
		if ms[0].Status != channel.StatusFailed || ms[0].Attempts != 1 {
			t.Fatalf("%+v", ms[0])
		}
	})
}

// TestInterruptedSendIsFlaggedNotRepeated: a message found "sending" (its
// worker died after handing it to the gateway, before recording it) is
// flagged for review, never sent again by itself.
func TestInterruptedSendIsFlaggedNotRepeated(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		c := f.complaint(t, "081211112222", "")
		var id int64
		err := f.st.WriteTx(ctx, func(tx *sql.Tx) error {
			m := &channel.Message{ComplaintID: c.ID, Channel: channel.SMS, Direction: channel.Out, To: "+6281211112222", Body: "x", Status: channel.StatusSending}
			_, err := f.st.Messages().InsertMessage(ctx, tx, m)
			id = m.ID
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.q.Client().Insert(ctx, jobsSend(id), nil); err != nil {
			t.Fatal(err)
		}
		eventually(t, "review", func() bool {
			m, _ := f.st.Messages().Message(ctx, id)
			return m.Status == channel.StatusReview
		})
		if len(f.sms.messages()) != 0 {
			t.Fatal("an interrupted message was sent again")
		}
	})
}

// TestLongSMSRefusedBySetting: with long messages refused, a relay whose
// answer needs two SMS is refused and nothing changes.
func TestLongSMSRefusedBySetting(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		if err := f.st.RefData().SetSettings(ctx, aduan.System, map[string]string{"sms_long_messages": "refuse"}); err != nil {
			t.Fatal(err)
		}
		c := f.complaint(t, "081211112222", "")
		c = f.act(t, f.op, c, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
		c = f.act(t, f.pd, c, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: strings.Repeat("Perbaikan jalan dijadwalkan. ", 8)})
		c = f.act(t, f.op, c, aduan.ActionReceiveAnswer, aduan.ActionInput{})
		_, _, err := f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionRelay, aduan.ActionInput{})
		e, ok := aduan.AsError(err)
		if !ok || e.Code != aduan.EINVALID || len(e.Fields) != 1 || e.Fields[0].Key != "err.field.sms_too_long" {
			t.Fatalf("long relay: %v", err)
		}
		after, _ := f.st.Complaints().Complaint(ctx, aduan.System, c.ID)
		if after.Status != aduan.StatusAnswerReceived {
			t.Errorf("status changed to %s", after.Status)
		}
		_, _, err = f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionRelay, aduan.ActionInput{Answer: "Dijadwalkan Senin."})
		if err != nil {
			t.Fatal(err)
		}
	})
}
