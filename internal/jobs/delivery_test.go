package jobs_test

import (
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/store"
)

// TestAnswerReachesTheCitizen: the call center's own answer (SOP steps 4
// and 6) is sent on the channel the citizen came by: an SMS question by
// SMS, a WhatsApp one on WhatsApp, an e-mail by e-mail, a caller by SMS to
// their mobile; a caller with only a landline is refused with the missing
// contact named until the operator confirms the answer was told on the
// call, which is recorded on the step and sends nothing.
func TestAnswerReachesTheCitizen(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		mk := func(ch aduan.Channel, phone, email string) *aduan.Complaint {
			t.Helper()
			in := aduan.NewComplaint{Channel: ch, Text: "Bagaimana cara mengurus KTP-el yang hilang?", CategoryID: f.categoryID(t, "ADMINDUK"),
				Citizen: &aduan.CitizenInput{Name: "Ani Suryani", Phone: phone, Email: email}}
			c, err := f.st.Complaints().CreateComplaint(ctx, f.op, in)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		answer := "Lapor kehilangan ke kepolisian, lalu bawa surat itu dan KK ke Disdukcapil."
		cases := []struct {
			ch           aduan.Channel
			phone, email string
			kind         channel.Kind
			to           string
		}{
			{aduan.ChannelSMS, "0812-3456-0001", "", channel.SMS, "+6281234560001"},
			{aduan.ChannelWhatsApp, "0812-3456-0002", "", channel.WhatsApp, "+6281234560002"},
			{aduan.ChannelEmail, "0812-3456-0003", "ani@example.org", channel.Email, "ani@example.org"},
			{aduan.ChannelPhone, "0812-3456-0004", "", channel.SMS, "+6281234560004"},
			// A caller without a mobile but with an e-mail gets it there.
			{aduan.ChannelPhone, "(021) 7720-0125", "budi@example.org", channel.Email, "budi@example.org"},
		}
		for _, tc := range cases {
			c := mk(tc.ch, tc.phone, tc.email)
			c = f.act(t, f.op, c, aduan.ActionAnswer, aduan.ActionInput{Answer: answer})
			ms := f.settled(t, c, 1)
			if len(ms) != 1 || ms[0].Channel != tc.kind || ms[0].To != tc.to || ms[0].Purpose != channel.PurposeAnswer ||
				ms[0].Status != channel.StatusSent || !strings.Contains(ms[0].Body, answer) || !strings.Contains(ms[0].Body, c.Number) {
				t.Errorf("%s answer: %+v", tc.ch, ms)
			}
			if tc.kind == channel.SMS && (ms[0].From != "08111631500" || !strings.Contains(ms[0].Body, "/lacak?nomor="+c.Number) ||
				!strings.HasSuffix(ms[0].Body, "-- Call Center Kota Depok")) {
				t.Errorf("%s answer SMS: from %q, %q", tc.ch, ms[0].From, ms[0].Body)
			}
		}
		// A caller with a landline only: refused, naming the contact and
		// the confirmation; nothing changed, nothing sent.
		land := mk(aduan.ChannelPhone, "(021) 7720-0123", "")
		_, _, err := f.st.Complaints().ApplyAction(ctx, f.op, land.ID, land.Version, aduan.ActionAnswer, aduan.ActionInput{Answer: answer})
		e, ok := aduan.AsError(err)
		if !ok || e.Key != "err.no_recipient_answer" || len(e.Fields) != 2 || e.Fields[0].Field != "citizen.phone" ||
			e.Fields[0].Key != "err.field.no_mobile_landline" || e.Fields[1].Field != "told_on_call" {
			t.Fatalf("answer to a landline caller: %v", err)
		}
		if got, _ := f.st.Complaints().Complaint(ctx, f.op, land.ID); got.Status != aduan.StatusRecorded || got.Version != land.Version || got.Answer != "" {
			t.Errorf("refused, yet %s v%d %q", got.Status, got.Version, got.Answer)
		}
		// Told on the call: the step goes through, recorded as such.
		land = f.act(t, f.op, land, aduan.ActionAnswer, aduan.ActionInput{Answer: answer, ToldOnCall: true})
		if land.Status != aduan.StatusAnswered {
			t.Errorf("told on the call: %s", land.Status)
		}
		evs, err := f.st.Complaints().Events(ctx, f.op, land.ID)
		if err != nil {
			t.Fatal(err)
		}
		if last := evs[len(evs)-1]; last.Action != aduan.ActionAnswer || last.Details["told_on_call"] != "1" {
			t.Errorf("answer event: %+v", last)
		}
		if ms := f.messages(t, land); len(ms) != 0 {
			t.Errorf("told on the call, yet messages: %+v", ms)
		}
	})
}

// TestReceiptAtIntake: a new complaint's citizen gets its number, the
// tracking link and the STATUS hint on the channel they came by; a
// channel switched off (by the koordinator) sends none; a citizen with no usable contact gets
// none and the complaint is recorded all the same.
func TestReceiptAtIntake(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		on := map[string]string{jobs.SettingReceiptSMS: "on", jobs.SettingReceiptWhatsApp: "on", jobs.SettingReceiptEmail: "on"}
		if err := f.st.RefData().SetSettings(ctx, f.adm, on); err != nil {
			t.Fatal(err)
		}
		mk := func(ch aduan.Channel, phone, email string) *aduan.Complaint {
			t.Helper()
			in := aduan.NewComplaint{Channel: ch, Text: "Sampah menumpuk di pinggir Jl. Margonda.", CategoryID: f.categoryID(t, "SAMPAH"),
				Citizen: &aduan.CitizenInput{Phone: phone, Email: email}}
			c, err := f.st.Complaints().CreateComplaint(ctx, f.op, in)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		c := mk(aduan.ChannelPhone, "0812-5555-0001", "")
		ms := f.settled(t, c, 1)
		if len(ms) != 1 || ms[0].Channel != channel.SMS || ms[0].Purpose != channel.PurposeReceipt || ms[0].To != "+6281255550001" {
			t.Fatalf("receipt: %+v", ms)
		}
		want := "Yth. Bapak/Ibu, pengaduan Anda sudah kami terima dengan nomor " + c.Number + ". Pantau di http://127.0.0.1:8080/lacak?nomor=" + c.Number +
			" atau kirim SMS STATUS " + c.Number + " ke 08-111-63-1500. -- Call Center Kota Depok"
		if ms[0].Body != want || ms[0].Status != channel.StatusSent {
			t.Errorf("receipt text:\n%s\nwant\n%s", ms[0].Body, want)
		}
		wa := mk(aduan.ChannelWhatsApp, "0812-5555-0002", "")
		if ms := f.settled(t, wa, 1); len(ms) != 1 || ms[0].Channel != channel.WhatsApp || !strings.Contains(ms[0].Body, wa.Number) {
			t.Errorf("WhatsApp receipt: %+v", ms)
		}
		mail := mk(aduan.ChannelEmail, "", "sari@example.org")
		if ms := f.settled(t, mail, 1); len(ms) != 1 || ms[0].Channel != channel.Email || ms[0].Subject != "Pengaduan "+mail.Number+" sudah kami terima" {
			t.Errorf("e-mail receipt: %+v", ms)
		}
		// No usable contact: a landline, or nobody at all.
		for _, c := range []*aduan.Complaint{mk(aduan.ChannelPhone, "(021) 7720-0199", ""), mk(aduan.ChannelPhone, "", "")} {
			if ms := f.messages(t, c); len(ms) != 0 || c.Number == "" {
				t.Errorf("receipt without a contact: %+v", ms)
			}
		}
		// SMS receipts off, switched by the koordinator (who owns what the
		// call center says; other settings stay the admin's, and an
		// operator switches nothing): a caller with a mobile and an e-mail
		// gets it by e-mail; with a mobile only, none.
		if err := f.st.RefData().SetSettings(ctx, f.koord, map[string]string{"city_name": "Kota Lain"}); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("the koordinator changed the city's name: %v", err)
		}
		if err := f.st.RefData().SetSettings(ctx, f.op, map[string]string{jobs.SettingReceiptSMS: "off"}); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("an operator switched the receipts: %v", err)
		}
		if err := f.st.RefData().SetSettings(ctx, f.koord, map[string]string{jobs.SettingReceiptSMS: "off"}); err != nil {
			t.Fatal(err)
		}
		both := mk(aduan.ChannelPhone, "0812-5555-0003", "dodi@example.org")
		if ms := f.settled(t, both, 1); len(ms) != 1 || ms[0].Channel != channel.Email {
			t.Errorf("SMS off, e-mail on: %+v", ms)
		}
		if ms := f.messages(t, mk(aduan.ChannelPhone, "0812-5555-0004", "")); len(ms) != 0 {
			t.Errorf("SMS off: %+v", ms)
		}
		// The koordinator edits the receipt's text; the next receipt is it.
		if _, err := f.st.Messages().SaveTemplate(ctx, f.koord, channel.Template{Key: channel.TplReceipt, Subject: "Tanda terima {nomor}",
			Body: "Terima kasih, pengaduan {nomor} tercatat. Cek: {lacak}"}); err != nil {
			t.Fatal(err)
		}
		edited := mk(aduan.ChannelEmail, "", "rina@example.org")
		if ms := f.settled(t, edited, 1); len(ms) != 1 || ms[0].Body != "Terima kasih, pengaduan "+edited.Number+" tercatat. Cek: http://127.0.0.1:8080/lacak?nomor="+edited.Number {
			t.Errorf("edited receipt: %+v", ms)
		}
		// The setting takes on and off only.
		if err := f.st.RefData().SetSettings(ctx, f.adm, map[string]string{jobs.SettingReceiptSMS: "ya"}); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Errorf("receipt_sms=ya: %v", err)
		}
	})
}
