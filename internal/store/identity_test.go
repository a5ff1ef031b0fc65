package store_test

import (
	"strconv"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestStatedIdentityKeptAndSettledByStaff: a complaint filed through an
// unverified channel (the system acting for the public form) with a known
// caller's number and other details leaves the citizen as it was and keeps
// what was typed on the complaint, for those who may see the identity. The
// system cannot adopt it, nor anyone with a stale version; a call-center
// person adopts it (the citizen changes, audited) or dismisses it. A
// stranger's number makes a new citizen, with no stated identity.
func TestStatedIdentityKeptAndSettledByStaff(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		own := f.complaint(t, "081233334444")
		public := aduan.Actor{System: true, Name: "web-publik"}
		attack := func(name, email string) *aduan.Complaint {
			t.Helper()
			c, err := f.st.Complaints().CreateComplaint(ctx, public, aduan.NewComplaint{Channel: aduan.ChannelWeb, Text: "Sampah menumpuk di depan rumah.",
				Citizen: &aduan.CitizenInput{Name: name, Phone: "+62 812 3333 4444", Email: email, Address: "Jl. Kenanga 3"}})
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		c := attack("Penipu", "penipu@evil.example")
		if c.CitizenID != own.CitizenID || c.Citizen.Name != "Ani Suryani" || c.Citizen.Email != "" || c.Citizen.Version != 1 {
			t.Fatalf("the complaint's citizen: %+v", c.Citizen)
		}
		cz, _ := f.st.Citizens().Citizen(ctx, f.op, own.CitizenID)
		if cz.Name != "Ani Suryani" || cz.Email != "" || cz.Version != 1 {
			t.Fatalf("the stored citizen changed: %+v", cz)
		}
		st, err := f.st.Citizens().StatedIdentity(ctx, f.op, c)
		if err != nil || st.Name != "Penipu" || st.Email != "penipu@evil.example" || st.Address != "" {
			t.Fatalf("stated identity: %+v %v (the same address is not repeated)", st, err)
		}
		if _, err := f.st.Citizens().StatedIdentity(ctx, f.kasi, c); aduan.ErrorCode(err) != aduan.ENOTFOUND {
			t.Errorf("kasi read the stated identity: %v", err)
		}
		if _, err := f.st.Citizens().StatedIdentity(ctx, f.op, own); aduan.ErrorCode(err) != aduan.ENOTFOUND {
			t.Errorf("the staff-recorded complaint has a stated identity: %v", err)
		}
		// Typed the same as stored: nothing to keep.
		same := attack("Ani Suryani", "")
		if _, err := f.st.Citizens().StatedIdentity(ctx, f.op, same); aduan.ErrorCode(err) != aduan.ENOTFOUND {
			t.Errorf("identical details kept as stated: %v", err)
		}

		if _, err := f.st.Citizens().SettleStatedIdentity(ctx, aduan.System, c.ID, 1, true); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("system adopted: %v", err)
		}
		if _, err := f.st.Citizens().SettleStatedIdentity(ctx, f.kasi, c.ID, 1, true); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("kasi adopted: %v", err)
		}
		if _, err := f.st.Citizens().SettleStatedIdentity(ctx, f.op, c.ID, 7, true); aduan.ErrorCode(err) != aduan.ECONFLICT {
			t.Errorf("stale version: %v", err)
		}
		got, err := f.st.Citizens().SettleStatedIdentity(ctx, f.op, c.ID, 1, true)
		if err != nil || got.Name != "Penipu" || got.Email != "penipu@evil.example" || got.Address != "Jl. Kenanga 3" || got.Version != 2 {
			t.Fatalf("adopted: %+v %v", got, err)
		}
		if _, err := f.st.Citizens().StatedIdentity(ctx, f.op, c); aduan.ErrorCode(err) != aduan.ENOTFOUND {
			t.Errorf("still shown after adopting: %v", err)
		}
		var audits int
		f.st.DB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE action = 'citizen.update' AND entity_id = $1`, strconv.FormatInt(own.CitizenID, 10)).Scan(&audits)
		if audits != 1 {
			t.Errorf("%d citizen.update audit records, want 1", audits)
		}

		// Dismissed: the citizen stays.
		c2 := attack("Orang Lain", "")
		if _, err := f.st.Citizens().SettleStatedIdentity(ctx, f.op, c2.ID, 2, false); err != nil {
			t.Fatal(err)
		}
		if cz, _ := f.st.Citizens().Citizen(ctx, f.op, own.CitizenID); cz.Name != "Penipu" || cz.Version != 2 {
			t.Errorf("after dismissing: %+v", cz)
		}

		// An unknown number: a new citizen from what was typed.
		fresh, err := f.st.Complaints().CreateComplaint(ctx, public, aduan.NewComplaint{Channel: aduan.ChannelWeb, Text: "Pohon tumbang.",
			Citizen: &aduan.CitizenInput{Name: "Budi", Phone: "085711112222", Email: "budi@example.org"}})
		if err != nil || fresh.CitizenID == own.CitizenID || fresh.Citizen.Name != "Budi" || fresh.Citizen.Email != "budi@example.org" {
			t.Fatalf("new caller: %+v %v", fresh.Citizen, err)
		}
		if _, err := f.st.Citizens().StatedIdentity(ctx, f.op, fresh); aduan.ErrorCode(err) != aduan.ENOTFOUND {
			t.Errorf("a new caller has a stated identity: %v", err)
		}
	})
}

// TestProvideIdentityOnlyFromStaffOrTheAskedNumber: the system cannot take
// the provide_identity step for an unverified input (ApplyAction as the
// system, or a reply whose sender is not the number asked), and nothing
// changes; staff can.
func TestProvideIdentityOnlyFromStaffOrTheAskedNumber(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		c := f.complaint(t, "081233334444")
		c, _, err := f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionRequestIdentity, aduan.ActionInput{Missing: []string{"address"}})
		if err != nil {
			t.Fatal(err)
		}
		in := func() aduan.ActionInput {
			return aduan.ActionInput{Citizen: &aduan.CitizenInput{Name: "Penipu", Address: "Jl. Palsu 1"}}
		}
		if _, _, err := f.st.Complaints().ApplyAction(ctx, aduan.System, c.ID, 0, aduan.ActionProvideIdentity, in()); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("system without a sender: %v", err)
		}
		for _, from := range []string{"", "6289900001111", "6281233334444"} {
			// The last is the citizen's own number, but no request was
			// sent to it (no message queue here): refused too.
			if _, _, err := f.st.Citizens().ProvideIdentityReply(ctx, c.ID, from, in()); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
				t.Errorf("reply from %q: %v", from, err)
			}
		}
		after, _ := f.st.Complaints().Complaint(ctx, f.op, c.ID)
		if after.Status != aduan.StatusAwaitingIdentity || after.Citizen.Name != "Ani Suryani" || after.Version != c.Version {
			t.Fatalf("changed by a refused step: %s %+v", after.Status, after.Citizen)
		}
		after, _, err = f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionProvideIdentity, aduan.ActionInput{Citizen: &aduan.CitizenInput{Address: "Jl. Melati 5"}})
		if err != nil || after.Status != aduan.StatusRecorded || after.Citizen.Address != "Jl. Melati 5" {
			t.Fatalf("staff: %v %+v", err, after)
		}
	})
}

// TestStatedIdentityErasedWithItsComplaint: the details a stranger (or the
// caller) typed on a complaint go when the complaint is anonymised for an
// erasure request, as the stored identity does.
func TestStatedIdentityErasedWithItsComplaint(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		f.complaint(t, "081233334444")
		c, err := f.st.Complaints().CreateComplaint(ctx, aduan.Actor{System: true, Name: "web-publik"}, aduan.NewComplaint{Channel: aduan.ChannelWeb,
			Text: "Sampah menumpuk.", Citizen: &aduan.CitizenInput{Name: "Nama Diketik", Phone: "081233334444", Email: "diketik@example.org"}})
		if err != nil {
			t.Fatal(err)
		}
		c, _, err = f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionAnswer, aduan.ActionInput{Answer: "Sudah diangkut.", Source: aduan.SourceDirect, CategoryID: f.category.ID})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionClose, aduan.ActionInput{}); err != nil {
			t.Fatal(err)
		}
		if n := count(t, f.st, "stated_identities"); n != 1 {
			t.Fatalf("%d stated identities", n)
		}
		p := f.st.Privacy()
		r, err := p.CreateRequest(ctx, f.koord, aduan.NewPrivacyRequest{Kind: aduan.RequestErasure, Phone: "081233334444", Requester: "yang bersangkutan",
			Via: "surat", ReceivedAt: f.st.Now()})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := p.Erase(ctx, f.koord, r.ID, r.Version, nil); err != nil {
			t.Fatal(err)
		}
		var left int
		f.st.DB().QueryRow(`SELECT COUNT(*) FROM stated_identities WHERE complaint_id = $1`, c.ID).Scan(&left)
		if left != 0 {
			t.Errorf("the stated identity of an anonymised complaint is still stored")
		}
	})
}
