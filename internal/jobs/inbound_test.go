package jobs_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/store"
)

func sms(from, text, id string) *channel.Message {
	return &channel.Message{Channel: channel.SMS, From: from, To: "1500", Body: text, GatewayID: id, Via: "kannel"}
}

// receive stores an incoming message and waits until it is handled.
func (f *fixture) receive(t *testing.T, m *channel.Message) *channel.Message {
	t.Helper()
	fresh, err := f.q.Receive(ctx, m, nil)
	if err != nil || !fresh {
		t.Fatalf("receive: fresh=%v err=%v", fresh, err)
	}
	var got *channel.Message
	eventually(t, "inbound handled", func() bool {
		got, err = f.st.Messages().Message(ctx, m.ID)
		return err == nil && got.Processed != nil
	})
	return got
}

// TestSMSReplyFillsIdentityAndResumesClock: the citizen answers the
// identity request by SMS; the reply lands on the complaint, fills the
// missing fields and takes the provide_identity step.
func TestSMSReplyFillsIdentityAndResumesClock(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		c, err := f.st.Complaints().CreateComplaint(ctx, f.op, aduan.NewComplaint{Text: "Lampu jalan mati di gang Melati.",
			Citizen: &aduan.CitizenInput{Phone: "081211112222"}})
		if err != nil {
			t.Fatal(err)
		}
		c = f.act(t, f.op, c, aduan.ActionRequestIdentity, aduan.ActionInput{Missing: []string{"name", "address"}})
		f.clock.Add(30 * time.Minute)
		m := f.receive(t, sms("6281211112222", "Nama: Budi Santoso, Alamat: Jl. Melati 5 RT 02/03", "k-1"))
		if m.ComplaintID != c.ID || m.Status != channel.StatusProcessed || !strings.Contains(m.Note, "identity filled") {
			t.Fatalf("reply: %+v", m)
		}
		after, _ := f.st.Complaints().Complaint(ctx, aduan.System, c.ID)
		if after.Status != aduan.StatusRecorded || after.Citizen.Name != "Budi Santoso" || after.Citizen.Address != "Jl. Melati 5 RT 02/03" {
			t.Fatalf("complaint after the reply: %s %+v", after.Status, after.Citizen)
		}
		if after.Clock.Paused != 30*time.Minute {
			t.Errorf("paused %s, want the 30 minutes waited", after.Clock.Paused)
		}
		evs, _ := f.st.Complaints().Events(ctx, aduan.System, c.ID)
		if last := evs[len(evs)-1]; last.Action != aduan.ActionProvideIdentity || last.ActorName != "sistem" {
			t.Errorf("last event %+v", last)
		}
	})
}

func TestParseIdentity(t *testing.T) {
	for _, tc := range []struct {
		text    string
		missing []string
		name    string
		address string
	}{
		{"Nama: Budi, Alamat: Jl. Melati 5", []string{"name", "address"}, "Budi", "Jl. Melati 5"},
		{"alamat=Jl. Kenanga 3; nama = Siti Aminah", []string{"name"}, "Siti Aminah", "Jl. Kenanga 3"},
		{"nama:Ani\nalmt: Gg. Mawar 2", nil, "Ani", "Gg. Mawar 2"},
		{"Budi Santoso", []string{"name", "address"}, "Budi Santoso", ""},
		{"Jl. Raya Sawangan 10", []string{"address"}, "", "Jl. Raya Sawangan 10"},
		{"ADU-2026-000001 Budi", []string{"name"}, "Budi", ""},
		{"", []string{"name"}, "", ""},
	} {
		got := jobs.ParseIdentity(tc.text, tc.missing)
		if got.Name != tc.name || got.Address != tc.address {
			t.Errorf("%q: got name %q address %q", tc.text, got.Name, got.Address)
		}
	}
}

// TestInboundMatching: by number, by sender, a new complaint for triage,
// a reply to a closed complaint, and what cannot be matched kept with its
// reason.
func TestInboundMatching(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		c := f.complaint(t, "081211112222", "ani@example.org")

		byNumber := f.receive(t, sms("6281211112222", "Soal "+strings.ToLower(c.Number)+": sudah diperbaiki sebagian", "k-1"))
		if byNumber.ComplaintID != c.ID || !strings.Contains(byNumber.Note, "by number") {
			t.Errorf("by number: %+v", byNumber)
		}
		stranger := f.receive(t, sms("6289900001111", "Soal "+c.Number+": sudah diperbaiki sebagian", "k-0"))
		if stranger.ComplaintID != 0 || stranger.Status != channel.StatusIgnored || !strings.Contains(stranger.Note, "triage") {
			t.Errorf("by number from a stranger: %+v", stranger)
		}
		bySender := f.receive(t, sms("+6281211112222", "Kapan diperbaiki?", "k-2"))
		if bySender.ComplaintID != c.ID || !strings.Contains(bySender.Note, "open complaint") {
			t.Errorf("by sender: %+v", bySender)
		}
		mail := f.receive(t, &channel.Message{Channel: channel.Email, From: "ani@example.org", Subject: "Tambahan", Body: "Lubangnya makin besar.", GatewayID: "<a@x>"})
		if mail.ComplaintID != c.ID {
			t.Errorf("mail by sender: %+v", mail)
		}

		fresh := f.receive(t, sms("6285711113333", "Ada pohon tumbang di Jl. Juanda", "k-3"))
		nc, err := f.st.Complaints().Complaint(ctx, aduan.System, fresh.ComplaintID)
		if err != nil || nc.Channel != aduan.ChannelSMS || nc.Citizen == nil || nc.Citizen.Phone != "+6285711113333" || nc.Status != aduan.StatusRecorded {
			t.Fatalf("new complaint: %+v %v", nc, err)
		}

		// Duplicate delivery of the same gateway message: stored once.
		again, err := f.q.Receive(ctx, sms("6285711113333", "Ada pohon tumbang di Jl. Juanda", "k-3"), nil)
		if err != nil || again {
			t.Errorf("duplicate delivery: fresh=%v err=%v", again, err)
		}

		// Unknown sender with no number, an empty text, invalid UTF-8: kept.
		unknown := f.receive(t, sms("TELKOMSEL", "Promo paket data", "k-4"))
		if unknown.Status != channel.StatusIgnored || unknown.ComplaintID != 0 || !strings.Contains(unknown.Note, "unknown sender") {
			t.Errorf("unknown sender: %+v", unknown)
		}
		empty := f.receive(t, sms("6285711119999", "  ", "k-5"))
		if empty.Status != channel.StatusIgnored || !strings.Contains(empty.Note, "empty") {
			t.Errorf("empty: %+v", empty)
		}
		bad := f.receive(t, sms("6285711118888", "Jalan \xff\xfe rusak", "k-6"))
		if bad.Status != channel.StatusProcessed || !strings.Contains(bad.Body, "\uFFFD") {
			t.Errorf("invalid UTF-8: %+v", bad)
		}

		// A reply to a complaint staff closed never changes it: it is kept
		// on it as a note, the koordinator is told, and the citizen is
		// answered how to have it looked at again …
		c = f.act(t, f.op, c, aduan.ActionAnswer, aduan.ActionInput{Answer: "Sudah dijadwalkan."})
		c = f.act(t, f.op, c, aduan.ActionClose, aduan.ActionInput{})
		reply := f.receive(t, sms("6281211112222", c.Number+" belum diperbaiki", "k-7"))
		after, _ := f.st.Complaints().Complaint(ctx, aduan.System, c.ID)
		if after.Status != aduan.StatusClosed || after.Version != c.Version || after.Answer != "Sudah dijadwalkan." || reply.ComplaintID != c.ID {
			t.Errorf("after a reply to the closed complaint: %s v%d (was v%d), reply on %d", after.Status, after.Version, c.Version, reply.ComplaintID)
		}
		evs, _ := f.st.Complaints().Events(ctx, f.op, c.ID)
		if last := evs[len(evs)-1]; last.Action != aduan.ActionNote || !strings.Contains(last.Details["note"], "belum diperbaiki") {
			t.Errorf("the reply on the timeline: %+v", last)
		}
		if ns, _ := f.st.Messages().Notifications(ctx, f.koord, true, 10); len(ns) != 1 || ns[0].Kind != jobs.KindReplyAfterClose || ns[0].ComplaintID != c.ID {
			t.Errorf("the koordinator's bell: %+v", ns)
		}
		var told *channel.Message
		for _, m := range f.settled(t, c, 1) {
			if m.Purpose == jobs.PurposeClosedReply {
				told = m
			}
		}
		if told == nil || told.To != "+6281211112222" || !strings.Contains(told.Body, "agar pengaduan dibuka kembali, atau kirim pengaduan baru") {
			t.Errorf("the citizen's answer: %+v", told)
		}
		// … or opens a new one, as configured.
		if err := f.st.RefData().SetSettings(ctx, aduan.System, map[string]string{"reply_to_closed": "new"}); err != nil {
			t.Fatal(err)
		}
		m := f.receive(t, sms("6281211112222", c.Number+" masih rusak", "k-8"))
		if m.ComplaintID == c.ID || m.ComplaintID == 0 {
			t.Fatalf("reply with setting new: %+v", m)
		}
		nc, _ = f.st.Complaints().Complaint(ctx, aduan.System, m.ComplaintID)
		if !strings.Contains(nc.Text, c.Number) {
			t.Errorf("new complaint text %q does not name the closed one", nc.Text)
		}
		all, _, _ := f.st.Messages().ListMessages(ctx, f.adm, store.MessageFilter{Direction: channel.In, Limit: 100})
		if len(all) != 10 {
			t.Errorf("%d inbound messages stored, want 10", len(all))
		}
		// The messages that opened complaints are marked so, for triage;
		// the one that reopened a complaint is not.
		opened, _, _ := f.st.Messages().ListMessages(ctx, f.adm, store.MessageFilter{Direction: channel.In, Purpose: channel.PurposeNewComplaint, Limit: 100})
		var ids []int64
		for _, o := range opened {
			ids = append(ids, o.ID)
		}
		if want := []int64{m.ID, bad.ID, fresh.ID}; fmt.Sprint(ids) != fmt.Sprint(want) {
			t.Errorf("messages that opened complaints: %v, want %v", ids, want)
		}
	})
}

// TestAssignUnmatchedMessage: an operator gives a message nobody matched
// to a complaint by its number; it is then followed up as a matched one
// (here an identity reply fills the identity), and cannot be given twice.
func TestAssignUnmatchedMessage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		c := f.complaint(t, "081211112222", "")
		c = f.act(t, f.op, c, aduan.ActionRequestIdentity, aduan.ActionInput{Missing: []string{"name", "address"}})
		// The reply came through a gateway that lost the sender's number.
		m := f.receive(t, sms("UNKNOWN", "Nama: Budi Santoso, Alamat: Jl. Melati 5", "k-1"))
		if m.Status != channel.StatusIgnored || m.ComplaintID != 0 {
			t.Fatalf("reply: %+v", m)
		}
		if _, err := f.q.Assign(ctx, f.op, m.ID, "ADU-1999-000001"); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Errorf("assign to a number that does not exist: %v", err)
		}
		if _, err := f.q.Assign(ctx, f.adm, m.ID, c.Number); aduan.ErrorCode(err) != aduan.ENOTFOUND && aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("IT staff assigned a message: %v", err)
		}
		if _, err := f.q.Assign(ctx, f.op, m.ID, strings.ToLower(c.Number)); err != nil {
			t.Fatal(err)
		}
		eventually(t, "assigned message handled", func() bool {
			got, err := f.st.Messages().Message(ctx, m.ID)
			return err == nil && got.Processed != nil
		})
		got, _ := f.st.Messages().Message(ctx, m.ID)
		after, _ := f.st.Complaints().Complaint(ctx, aduan.System, c.ID)
		if got.ComplaintID != c.ID || got.Status != channel.StatusProcessed || after.Status != aduan.StatusRecorded || after.Citizen.Name != "Budi Santoso" {
			t.Errorf("after assigning: %+v; complaint %s %+v", got, after.Status, after.Citizen)
		}
		if _, err := f.q.Assign(ctx, f.op, m.ID, c.Number); aduan.ErrorCode(err) != aduan.ETRANSITION {
			t.Errorf("assigned twice: %v", err)
		}
	})
}

// TestReceiveIsExactlyOnceUnderConcurrency: the same webhook delivered by
// several gateway retries at once is stored once.
func TestReceiveIsExactlyOnceUnderConcurrency(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		errs := make(chan error, 8)
		fresh := make(chan bool, 8)
		for i := 0; i < 8; i++ {
			go func() {
				ok, err := f.q.Receive(ctx, sms("6285711113333", "Banjir di Jl. Margonda", "same-id"), nil)
				errs <- err
				fresh <- ok
			}()
		}
		n := 0
		for i := 0; i < 8; i++ {
			if err := <-errs; err != nil {
				t.Error(err)
			}
			if <-fresh {
				n++
			}
		}
		if n != 1 {
			t.Errorf("%d deliveries stored, want 1", n)
		}
		var count int
		f.st.DB().QueryRow("SELECT COUNT(*) FROM messages WHERE gateway_id = 'same-id'").Scan(&count)
		if count != 1 {
			t.Errorf("%d rows", count)
		}
	})
}
