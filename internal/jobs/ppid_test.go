package jobs_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestObjectionReminders: the atasan PPID is told of an objection five
// working days before its 30-working-day deadline, and again once it is
// missed: a notice in the console (once per deadline however often the job
// runs) and an SMS and an e-mail, their number and address being known. The
// missed objection is on the PPID's overdue list.
func TestObjectionReminders(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		st := f.st
		mk := func(name string, role aduan.Role, phone, email string) *aduan.User {
			u := &aduan.User{Username: name, Name: strings.ToUpper(name), Role: role, Active: true, Phone: aduan.Phone(phone), Email: email}
			if err := st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-rahasia"); err != nil {
				t.Fatal(err)
			}
			return u
		}
		utama := mk("ppid.utama", aduan.RolePPIDUtama, "", "").Actor()
		sekda := mk("sekda", aduan.RoleKasiKabid, "+6281311112222", "sekda@depok.example")
		if err := st.RefData().SetSettings(ctx, f.adm, map[string]string{aduan.SettingPPIDAtasan: "user:" + strconv.FormatInt(sekda.ID, 10)}); err != nil {
			t.Fatal(err)
		}
		p := st.PPID()
		r, err := p.Register(ctx, aduan.System, aduan.NewInfoRequest{Name: "Budi", Address: "Jl. Nusantara 1", Email: "budi@example.org",
			IDNumber: "3276051234560001", Information: "Data jalan rusak per kecamatan", Purpose: "Penelitian", Medium: "softcopy", Delivery: "email"}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := p.Act(ctx, utama, r.ID, 0, aduan.InfoActDecide, aduan.InfoInput{Decision: aduan.InfoGranted, Answer: "Terlampir."}, nil); err != nil {
			t.Fatal(err)
		}
		r, _, err = p.Act(ctx, aduan.System, r.ID, 0, aduan.InfoActObject, aduan.InfoInput{ObjectionReason: "not_as_asked", Reason: "Datanya tidak per kecamatan."}, nil)
		if err != nil {
			t.Fatal(err)
		}
		due := *r.ObjectionDueAt
		notices := func() []store.Notification {
			ns, err := st.Messages().Notifications(ctx, sekda.Actor(), false, 50)
			if err != nil {
				t.Fatal(err)
			}
			return ns
		}
		if n, err := f.q.RemindObjections(ctx); err != nil || n != 0 || len(notices()) != 0 {
			t.Fatalf("30 working days ahead: %d notices, %v", n, err)
		}
		f.clock.Add(due.Add(-50 * time.Hour).Sub(f.clock.Now())) // two to three working days before
		if n, err := f.q.RemindObjections(ctx); err != nil || n != 1 {
			t.Fatalf("days before: %d notices, %v", n, err)
		}
		if n, _ := f.q.RemindObjections(ctx); n != 0 {
			t.Errorf("the job ran again: %d more notices", n)
		}
		ns := notices()
		if len(ns) != 1 || ns[0].Kind != store.NoticeObjectionWarning || ns[0].InfoRequestID != r.ID || ns[0].InfoNumber != r.Number {
			t.Fatalf("notices: %+v", ns)
		}
		eventually(t, "the SMS and the e-mail to the atasan", func() bool {
			sms, mail := f.sms.messages(), f.mail.messages()
			return len(sms) == 1 && sms[0].To == "+6281311112222" && strings.Contains(sms[0].Body, r.Number) &&
				len(mail) == 1 && mail[0].To == "sekda@depok.example" && strings.Contains(mail[0].Body, "30 hari kerja")
		})
		if late, _ := p.Requests(ctx, utama, store.InfoFilter{Overdue: true}); len(late) != 0 {
			t.Errorf("overdue before the deadline: %d", len(late))
		}

		f.clock.Add(due.Add(time.Hour).Sub(f.clock.Now()))
		if n, err := f.q.RemindObjections(ctx); err != nil || n != 1 {
			t.Fatalf("missed: %d notices, %v", n, err)
		}
		if ns := notices(); len(ns) != 2 || ns[0].Kind != store.NoticeObjectionMissed {
			t.Errorf("after the deadline: %+v", ns)
		}
		late, err := p.Requests(ctx, utama, store.InfoFilter{Overdue: true})
		if err != nil || len(late) != 1 || late[0].ID != r.ID {
			t.Errorf("the overdue list: %d, %v", len(late), err)
		}
		eventually(t, "the second SMS", func() bool {
			sms := f.sms.messages()
			return len(sms) == 2 && strings.Contains(sms[1].Body, "sudah lewat")
		})
	})
}
