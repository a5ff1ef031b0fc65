package store_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

type ppidFixture struct {
	*fixture
	utama, pembantu, pembantu2, atasan aduan.Actor
	now                                time.Time
}

func newPPIDFixture(t *testing.T, d store.Dialect) *ppidFixture {
	t.Helper()
	f := &ppidFixture{fixture: newFixture(t, d)}
	mk := func(name string, role aduan.Role, agency int64) aduan.Actor {
		u := &aduan.User{Username: name, Name: strings.ToUpper(name), Role: role, AgencyID: agency, Active: true}
		if err := f.st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-rahasia"); err != nil {
			t.Fatalf("user %s: %v", name, err)
		}
		return u.Actor()
	}
	f.utama = mk("ppid.utama", aduan.RolePPIDUtama, 0)
	f.pembantu = mk("ppid.dpupr", aduan.RolePPIDPembantu, f.dpupr.ID)
	f.pembantu2 = mk("ppid.dishub", aduan.RolePPIDPembantu, f.dishub.ID)
	f.atasan = mk("sekda", aduan.RoleKasiKabid, 0)
	if err := f.st.RefData().SetSettings(ctx, f.admin, map[string]string{aduan.SettingPPIDAtasan: "user:" + strconv.FormatInt(f.atasan.UserID, 10)}); err != nil {
		t.Fatal(err)
	}
	// Monday 2 March 2026, 09:00 WIB.
	f.now = time.Date(2026, 3, 2, 9, 0, 0, 0, aduan.WIB)
	f.st.Now = func() time.Time { return f.now }
	return f
}

func goodInfoRequest() aduan.NewInfoRequest {
	return aduan.NewInfoRequest{Name: "Budi Santoso", Address: "Jl. Nusantara 12, Depok Jaya", Phone: "0812-3456-7001",
		Email: "budi@example.org", IDNumber: "3276 0512 3456 0001", Information: "Jumlah penerima bansos per kelurahan di Kecamatan Pancoran Mas tahun 2025",
		Purpose: "Penelitian skripsi", Medium: "softcopy", Delivery: "email"}
}

// TestInfoRequestRegisterNeedsIdentity: a request without the identity the
// law requires is refused with every missing field named, and nothing is
// stored; a good one gets its number and the 10-working-day deadline.
func TestInfoRequestRegisterNeedsIdentity(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newPPIDFixture(t, d)
		p := f.st.PPID()
		_, err := p.Register(ctx, f.op, aduan.NewInfoRequest{Information: "Data bansos", Purpose: "Tahu saja", Medium: "view", Delivery: "collect"}, nil)
		got := fieldKeys(err)
		if got["name"] != "err.field.required" || got["address"] != "err.field.required" || got["phone"] != "err.ppid.contact_required" || got["id_number"] != "err.field.required" {
			t.Fatalf("no identity: %v", err)
		}
		if n := count(t, f.st, "info_requests"); n != 0 {
			t.Fatalf("%d requests stored after a refusal", n)
		}
		if _, err := p.Register(ctx, f.pd, goodInfoRequest(), nil); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("an agency's operator registered: %v", err)
		}
		r, err := p.Register(ctx, f.op, goodInfoRequest(), nil)
		if err != nil {
			t.Fatal(err)
		}
		cal, _ := p.Calendar(ctx)
		if r.Number != "PPID-2026-000001" || !r.DueAt.Equal(aduan.InfoDue(cal, f.now)) || r.Phone != "+6281234567001" {
			t.Errorf("registered: %s due %v phone %s", r.Number, r.DueAt, r.Phone)
		}
		// Ten working days: never less than two weeks of calendar time.
		if r.DueAt.Sub(f.now) < 13*24*time.Hour {
			t.Errorf("due %v is less than 10 working days after %v", r.DueAt, f.now)
		}
		// The call center sees who asked, the ID number masked.
		if r.Name != "Budi Santoso" || r.IDNumber != "••••••••••••0001" {
			t.Errorf("operator's view: %q %q", r.Name, r.IDNumber)
		}
	})
}

// TestInfoRequestProcedure: assigned to a PPID Pembantu, extended once (a
// second extension refused, nothing changed), a refusal without its art. 17
// ground refused, then refused with it; objected to within 30 working days
// and answered by the atasan PPID only; then the Komisi Informasi.
func TestInfoRequestProcedure(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newPPIDFixture(t, d)
		p := f.st.PPID()
		r, err := p.Register(ctx, f.op, goodInfoRequest(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := p.Act(ctx, f.op, r.ID, 0, aduan.InfoActAssign, aduan.InfoInput{AgencyID: f.dpupr.ID}, nil); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("operator assigned: %v", err)
		}
		r, _, err = p.Act(ctx, f.utama, r.ID, r.Version, aduan.InfoActAssign, aduan.InfoInput{AgencyID: f.dpupr.ID}, nil)
		if err != nil || r.Status != aduan.InfoAssigned || r.AgencyName == "" {
			t.Fatalf("assign: %v %+v", err, r)
		}
		// Another agency's PPID neither sees who asked nor works it.
		other, _ := p.Request(ctx, f.pembantu2, r.ID)
		if other.Name != "" || other.Phone != "" || other.IDNumber != "" {
			t.Errorf("other agency sees the requester: %+v", other)
		}
		if _, _, err := p.Act(ctx, f.pembantu2, r.ID, 0, aduan.InfoActExtend, aduan.InfoInput{Reason: "Data tersebar"}, nil); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("other agency extended: %v", err)
		}
		mine, _ := p.Request(ctx, f.pembantu, r.ID)
		if mine.Name != "Budi Santoso" || mine.IDNumber != "3276051234560001" {
			t.Errorf("own agency's view: %q %q", mine.Name, mine.IDNumber)
		}
		due := r.DueAt
		f.now = f.now.Add(48 * time.Hour)
		if _, _, err := p.Act(ctx, f.pembantu, r.ID, 0, aduan.InfoActExtend, aduan.InfoInput{}, nil); fieldKeys(err)["reason"] != "err.field.required" {
			t.Errorf("extension without reason: %v", err)
		}
		r, _, err = p.Act(ctx, f.pembantu, r.ID, 0, aduan.InfoActExtend, aduan.InfoInput{Reason: "Data dari 11 kecamatan sedang dihimpun"}, nil)
		if err != nil || r.ExtendedAt == nil || !r.DueAt.After(due) {
			t.Fatalf("extend: %v", err)
		}
		cal, _ := p.Calendar(ctx)
		if !r.DueAt.Equal(cal.AddWorkdays(due, aduan.InfoExtensionDays)) {
			t.Errorf("extended due %v", r.DueAt)
		}
		v := r.Version
		if _, _, err := p.Act(ctx, f.pembantu, r.ID, 0, aduan.InfoActExtend, aduan.InfoInput{Reason: "Lagi"}, nil); err == nil || !strings.Contains(err.Error(), "err.ppid.extended_twice") {
			t.Errorf("second extension: %v", err)
		}
		if cur, _ := p.Request(ctx, f.utama, r.ID); cur.Version != v || !cur.DueAt.Equal(r.DueAt) {
			t.Errorf("second extension changed the request")
		}
		if _, _, err := p.Act(ctx, f.pembantu, r.ID, 0, aduan.InfoActDecide, aduan.InfoInput{Decision: aduan.InfoRefused, Answer: "Tidak dapat diberikan"}, nil); fieldKeys(err)["ground"] != "err.ppid.ground_required" {
			t.Errorf("refusal without ground: %v", err)
		}
		r, _, err = p.Act(ctx, f.pembantu, r.ID, 0, aduan.InfoActDecide, aduan.InfoInput{Decision: aduan.InfoRefused, Answer: "Data memuat nama dan NIK penerima.",
			Ground: "h", ConsequenceTest: "Membuka data pribadi penerima bansos mengungkap rahasia pribadi (Pasal 17 huruf h)."}, nil)
		if err != nil || r.Status != aduan.InfoDecided || r.NoticeNumber != r.Number+"/SPT" {
			t.Fatalf("decide: %v %+v", err, r)
		}
		// The requester objects (the public page: the system acts for them).
		if _, _, err := p.Act(ctx, aduan.System, r.ID, 0, aduan.InfoActObject, aduan.InfoInput{ObjectionReason: "refused", Reason: "Saya minta data agregat, bukan nama."}, nil); err != nil {
			t.Fatal(err)
		}
		if _, _, err := p.Act(ctx, f.utama, r.ID, 0, aduan.InfoActAnswerObjection, aduan.InfoInput{Answer: "Ditolak"}, nil); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("the PPID answered its own objection: %v", err)
		}
		if _, _, err := p.Act(ctx, f.kasi, r.ID, 0, aduan.InfoActAnswerObjection, aduan.InfoInput{Answer: "Ditolak"}, nil); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("a kasi who is not the named atasan answered: %v", err)
		}
		r, _, err = p.Act(ctx, f.atasan, r.ID, 0, aduan.InfoActAnswerObjection, aduan.InfoInput{Answer: "Keberatan diterima: data agregat per kelurahan diberikan.", Upheld: true}, nil)
		if err != nil || r.Status != aduan.InfoObjAnswer || !r.ObjectionUpheld || r.ObjectionBy != "SEKDA" {
			t.Fatalf("answer objection: %v %+v", err, r)
		}
		r, _, err = p.Act(ctx, f.utama, r.ID, 0, aduan.InfoActReferCommission, aduan.InfoInput{Reference: "KI-JABAR/2026/031"}, nil)
		if err != nil || r.Status != aduan.InfoCommission {
			t.Fatal(err)
		}
		r, _, err = p.Act(ctx, f.utama, r.ID, 0, aduan.InfoActCommissionResult, aduan.InfoInput{Outcome: "Mediasi berhasil"}, nil)
		if err != nil || r.Status != aduan.InfoClosed {
			t.Fatal(err)
		}
		evs, _ := p.Events(ctx, r.ID)
		var acts []string
		for _, e := range evs {
			acts = append(acts, string(e.Action))
		}
		if strings.Join(acts, ",") != "register,assign,extend,decide,object,answer_objection,refer_commission,commission_result" {
			t.Errorf("events: %v", acts)
		}
		// Nothing of the requester's identity in the audit log.
		var leaked int
		f.st.DB().QueryRow(`SELECT COUNT(*) FROM audit_log WHERE entity = 'info_request' AND (after_json LIKE '%Budi%' OR after_json LIKE '%3276%')`).Scan(&leaked)
		if leaked != 0 {
			t.Errorf("identity in the audit log")
		}
	})
}

// TestInfoRequestDeadlines: a request left unanswered past its deadline is
// in the overdue list; it can no longer be extended; the requester may
// object to the silence, but not after 30 working days.
func TestInfoRequestDeadlines(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newPPIDFixture(t, d)
		p := f.st.PPID()
		late, err := p.Register(ctx, f.utama, goodInfoRequest(), nil)
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := p.Act(ctx, aduan.System, late.ID, 0, aduan.InfoActObject, aduan.InfoInput{ObjectionReason: "ignored", Reason: "Belum dijawab"}, nil); err == nil || !strings.Contains(err.Error(), "err.ppid.objection_early") {
			t.Errorf("objection before the deadline: %v", err)
		}
		f.now = late.DueAt.Add(time.Hour)
		fresh, _ := p.Register(ctx, f.utama, goodInfoRequest(), nil)
		over, err := p.Requests(ctx, f.utama, store.InfoFilter{Overdue: true})
		if err != nil || len(over) != 1 || over[0].ID != late.ID {
			t.Fatalf("overdue list: %v %d", err, len(over))
		}
		if _, _, err := p.Act(ctx, f.utama, late.ID, 0, aduan.InfoActExtend, aduan.InfoInput{Reason: "Terlambat"}, nil); err == nil || !strings.Contains(err.Error(), "err.ppid.extend_late") {
			t.Errorf("extension after the deadline: %v", err)
		}
		if _, _, err := p.Act(ctx, f.utama, fresh.ID, 0, aduan.InfoActDecide, aduan.InfoInput{Decision: aduan.InfoNotHeld, Answer: "Tidak dikuasai"}, nil); fieldKeys(err)["referral_to"] != "err.field.required" {
			t.Errorf("not held without referral: %v", err)
		}
		cal, _ := p.Calendar(ctx)
		f.now = cal.AddWorkdays(late.DueAt, aduan.InfoObjectionDays).Add(time.Hour)
		if _, _, err := p.Act(ctx, aduan.System, late.ID, 0, aduan.InfoActObject, aduan.InfoInput{ObjectionReason: "ignored", Reason: "Belum dijawab"}, nil); err == nil || !strings.Contains(err.Error(), "err.ppid.objection_late") {
			t.Errorf("objection out of time: %v", err)
		}
		// Roles: the kasi sees the request as the public does; the admin
		// does not list requests.
		list, err := p.Requests(ctx, f.kasi, store.InfoFilter{})
		if err != nil || len(list) != 2 || list[0].Name != "" || list[0].Information == "" {
			t.Errorf("kasi's list: %v %+v", err, list)
		}
		if _, err := p.Requests(ctx, f.admin, store.InfoFilter{}); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("admin listed requests: %v", err)
		}
	})
}

// TestInfoTrackAndDaftar: the requester finds their request with the last
// four digits of their phone or of their ID number, nobody with others;
// the daftar informasi publik is kept by the PPIDs (a PPID Pembantu its
// agency's entries only) and searched by any word, any case.
func TestInfoTrackAndDaftar(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newPPIDFixture(t, d)
		p := f.st.PPID()
		r, err := p.Register(ctx, f.op, goodInfoRequest(), nil)
		if err != nil {
			t.Fatal(err)
		}
		for last4, ok := range map[string]bool{"7001": true, "0001": true, "7002": false, "": false} {
			got, err := p.TrackInfo(ctx, r.Number, last4)
			if ok != (err == nil) || ok && got.Name != "Budi Santoso" {
				t.Errorf("track with %q: %v", last4, err)
			}
		}
		e := &aduan.PublicInfo{Title: "Data Ruas Jalan Kota", Kind: "setiap_saat", AgencyID: f.dishub.ID}
		if err := p.SavePublicInfo(ctx, f.pembantu, e); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("another agency's PPID kept DISHUB's entry: %v", err)
		}
		e.AgencyID = f.dpupr.ID
		if err := p.SavePublicInfo(ctx, f.pembantu, e); err != nil {
			t.Fatal(err)
		}
		if err := p.SavePublicInfo(ctx, f.utama, &aduan.PublicInfo{Title: "RKPD 2026", Kind: "rahasia"}); fieldKeys(err)["kind"] != "err.ppid.public_info_kind" {
			t.Errorf("bad kind: %v", err)
		}
		if list, err := p.PublicList(ctx, "JALAN kota"); err != nil || len(list) != 1 || list[0].AgencyName == "" {
			t.Errorf("search: %v %+v", err, list)
		}
		if list, _ := p.PublicList(ctx, "50%_"); len(list) != 0 {
			t.Errorf("a LIKE pattern matched: %d", len(list))
		}
		if err := p.DeletePublicInfo(ctx, f.op, e.ID); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("the operator removed an entry: %v", err)
		}
	})
}
