package jobs_test

import (
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestSpoofedInboundChangesNothing: complaint numbers are sequential, so a
// stranger can quote any. An SMS, a WhatsApp message or an e-mail that
// names another citizen's complaint is kept for triage (unmatched, in the
// messages inbox) and changes neither that citizen's identity nor the
// complaint: not an identity reply to a complaint waiting on one, not a
// complaint with no phone, not a closed complaint. The same from the
// citizen's own number or address is taken.
func TestSpoofedInboundChangesNothing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		waiting := f.complaint(t, "081211112222", "ani@example.org")
		waiting = f.act(t, f.op, waiting, aduan.ActionRequestIdentity, aduan.ActionInput{Missing: []string{"address"}})
		f.settled(t, waiting, 1)
		nophone := f.complaint(t, "", "")
		closed := f.complaint(t, "081244445555", "")
		closed = f.act(t, f.op, closed, aduan.ActionAnswer, aduan.ActionInput{Answer: "Sudah dijadwalkan."})
		closed = f.act(t, f.op, closed, aduan.ActionClose, aduan.ActionInput{})

		type snap struct {
			status  aduan.Status
			version int64
			citizen string
		}
		state := func(c *aduan.Complaint) snap {
			got, err := f.st.Complaints().Complaint(ctx, aduan.System, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			s := snap{status: got.Status, version: got.Version}
			if got.Citizen != nil {
				s.citizen = got.Citizen.Name + "|" + string(got.Citizen.Phone) + "|" + got.Citizen.Email + "|" + got.Citizen.Address
			}
			return s
		}
		before := map[int64]snap{waiting.ID: state(waiting), nophone.ID: state(nophone), closed.ID: state(closed)}
		citizens := count(t, f.st, "citizens")
		complaints := count(t, f.st, "complaints")

		spoofs := []*channel.Message{
			sms("6289900001111", waiting.Number+" Nama: Penipu, Alamat: Jl. Palsu 1", "s-1"),
			{Channel: channel.WhatsApp, From: "6289900001111", Body: "Alamat: Jl. Palsu 2 " + waiting.Number, GatewayID: "wamid.S2"},
			{Channel: channel.Email, From: "penipu@evil.example", Subject: "Re: " + waiting.Number, Body: "Alamat saya pindah.", GatewayID: "<s3@evil.example>"},
			sms("6289900001111", "Ini pengaduan saya "+nophone.Number+", hubungi nomor ini", "s-4"),
			sms("6289900001111", closed.Number+" belum diperbaiki!", "s-5"),
		}
		for _, m := range spoofs {
			got := f.receive(t, m)
			if got.ComplaintID != 0 || got.Status != channel.StatusIgnored || !strings.Contains(got.Note, "triage") {
				t.Errorf("spoofed %s %q: %+v", m.Channel, m.Body, got)
			}
		}
		for id, want := range before {
			if got := state(&aduan.Complaint{ID: id}); got != want {
				t.Errorf("complaint %d changed by a spoofed message: %+v, was %+v", id, got, want)
			}
		}
		if n := count(t, f.st, "citizens"); n != citizens {
			t.Errorf("%d citizens, was %d", n, citizens)
		}
		if n := count(t, f.st, "complaints"); n != complaints {
			t.Errorf("%d complaints, was %d", n, complaints)
		}
		// They wait in the messages inbox for a person.
		unmatched, _, err := f.st.Messages().ListMessages(ctx, f.op, store.MessageFilter{Direction: channel.In, Statuses: []channel.Status{channel.StatusIgnored}, Limit: 50})
		if err != nil || len(unmatched) != len(spoofs) {
			t.Errorf("%d unmatched messages listed, want %d (%v)", len(unmatched), len(spoofs), err)
		}

		// The citizen's own e-mail and number are taken.
		mail := f.receive(t, &channel.Message{Channel: channel.Email, From: "ANI@example.org", Subject: "Re: " + waiting.Number, Body: "Terima kasih.", GatewayID: "<a1@example.org>"})
		if mail.ComplaintID != waiting.ID {
			t.Errorf("the citizen's e-mail: %+v", mail)
		}
		own := f.receive(t, sms("+62 812-1111-2222", waiting.Number+" Alamat: Jl. Melati 5", "s-6"))
		after, _ := f.st.Complaints().Complaint(ctx, aduan.System, waiting.ID)
		if own.ComplaintID != waiting.ID || after.Status != aduan.StatusRecorded || after.Citizen.Address != "Jl. Melati 5" || after.Citizen.Name != "Ani Suryani" {
			t.Errorf("the citizen's reply: %+v; complaint %s %+v", own, after.Status, after.Citizen)
		}
		// A reply to a complaint staff closed is kept on it as a note and
		// never reopens it (issue 16: outside input never changes what staff
		// recorded; TestInboundMatching checks the note and the bell).
		reply := f.receive(t, sms("6281244445555", closed.Number+" belum diperbaiki!", "s-7"))
		if got := state(closed); reply.ComplaintID != closed.ID || got.status != aduan.StatusClosed {
			t.Errorf("the citizen's reply to the closed complaint: %+v, now %s", reply, got.status)
		}
	})
}

// TestIdentityReplyOnlyFromTheAskedNumber: the identity request went to
// one number; the call center then corrected the citizen's number. A reply
// from the old number still names the complaint (the city wrote to it) but
// fills nothing; the complaint keeps waiting.
func TestIdentityReplyOnlyFromTheAskedNumber(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		c := f.complaint(t, "081211112222", "")
		c = f.act(t, f.op, c, aduan.ActionRequestIdentity, aduan.ActionInput{Missing: []string{"address"}})
		f.settled(t, c, 1)
		if _, err := f.st.Citizens().UpdateCitizen(ctx, f.op, c.CitizenID, c.Citizen.Version, aduan.CitizenInput{Name: "Ani Suryani", Phone: "081299990000", Address: "Jl. Kenanga 3"}); err != nil {
			t.Fatal(err)
		}
		m := f.receive(t, sms("6281211112222", c.Number+" Nama: Orang Lain, Alamat: Jl. Palsu 1", "r-1"))
		after, _ := f.st.Complaints().Complaint(ctx, aduan.System, c.ID)
		if m.ComplaintID != c.ID || !strings.Contains(m.Note, "not taken") || after.Status != aduan.StatusAwaitingIdentity || after.Citizen.Name != "Ani Suryani" {
			t.Errorf("reply from the old number: %+v; complaint %s %+v", m, after.Status, after.Citizen)
		}
	})
}

func count(t *testing.T, st *store.Store, table string) int {
	t.Helper()
	var n int
	if err := st.DB().QueryRow("SELECT COUNT(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestEmailAddressTypedByAnother: a stranger files the public form with
// their own number and a citizen's e-mail address. The citizen's later
// e-mails do not land on the stranger's complaint, and a complaint they
// open is not tied to the stranger's number (the city's SMS about it
// would reach the stranger); their e-mail about their own complaint still
// lands on it.
func TestEmailAddressTypedByAnother(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		public := aduan.Actor{System: true, Name: "web-publik"}
		planted, err := f.st.Complaints().CreateComplaint(ctx, public, aduan.NewComplaint{Channel: aduan.ChannelWeb, Text: "Sampah menumpuk.",
			Citizen: &aduan.CitizenInput{Name: "Ani", Phone: "089911112222", Email: "ani@example.org"}})
		if err != nil {
			t.Fatal(err)
		}
		m := f.receive(t, &channel.Message{Channel: channel.Email, From: "ani@example.org", Subject: "Jalan rusak", Body: "Jalan di depan rumah saya rusak.", GatewayID: "<e1@example.org>"})
		if m.ComplaintID == planted.ID || m.ComplaintID == 0 {
			t.Fatalf("the citizen's e-mail: %+v", m)
		}
		own, _ := f.st.Complaints().Complaint(ctx, aduan.System, m.ComplaintID)
		if own.Citizen == nil || own.Citizen.Phone != "" || own.Citizen.Email != "ani@example.org" || own.CitizenID == planted.CitizenID {
			t.Fatalf("the complaint the e-mail opened: %+v", own.Citizen)
		}
		again := f.receive(t, &channel.Message{Channel: channel.Email, From: "Ani@Example.org", Subject: "Tambahan", Body: "Lubangnya makin besar.", GatewayID: "<e2@example.org>"})
		if again.ComplaintID != own.ID {
			t.Errorf("the citizen's second e-mail: %+v, want on %s", again, own.Number)
		}
	})
}
