package store_test

import (
	"database/sql"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

func TestOpen311Keys(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		st := dbtest.OpenSeeded(t, d)
		admin := aduan.Actor{UserID: 1, Name: "admin", Role: aduan.RoleAdmin}
		op := aduan.Actor{UserID: 2, Name: "siti", Role: aduan.RoleOperatorCC}
		if _, _, err := st.Open311().CreateOpen311Key(ctx, op, "FixMyStreet", 0); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("an operator made a key: %v", err)
		}
		if _, _, err := st.Open311().CreateOpen311Key(ctx, admin, "  ", 0); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Errorf("a key without a name: %v", err)
		}
		secret, k, err := st.Open311().CreateOpen311Key(ctx, admin, "FixMyStreet  Depok", 0)
		if err != nil {
			t.Fatal(err)
		}
		if k.Name != "FixMyStreet Depok" || k.PerHour != store.DefaultKeyPerHour || k.Prefix != secret[:10] {
			t.Errorf("key %+v", k)
		}
		got, err := st.Open311().Open311KeyBySecret(ctx, secret)
		if err != nil || got.ID != k.ID {
			t.Fatalf("by secret: %+v %v", got, err)
		}
		// Only the hash is kept.
		keys, _ := st.Open311().Open311Keys(ctx, admin)
		if len(keys) != 1 || keys[0].LastUsed == nil {
			t.Errorf("keys %+v", keys)
		}
		var n int
		st.DB().QueryRow(`SELECT COUNT(*) FROM open311_keys WHERE hash = $1 OR prefix = $1`, secret).Scan(&n)
		if n != 0 {
			t.Error("the key itself is stored")
		}
		if err := st.Open311().RevokeOpen311Key(ctx, op, k.ID); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("an operator revoked a key: %v", err)
		}
		if err := st.Open311().RevokeOpen311Key(ctx, admin, k.ID); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Open311().Open311KeyBySecret(ctx, secret); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("a revoked key works: %v", err)
		}
		if err := st.Open311().RevokeOpen311Key(ctx, admin, 999); aduan.ErrorCode(err) != aduan.ENOTFOUND {
			t.Errorf("revoke a missing key: %v", err)
		}
	})
}

func TestRateLimitWindows(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		st := dbtest.Open(t, d)
		now := time.Date(2026, 11, 2, 9, 0, 10, 0, aduan.WIB)
		st.Now = func() time.Time { return now }
		for i := 1; i <= 3; i++ {
			ok, _, err := st.Users().Hit(ctx, "x", time.Minute, 3)
			if err != nil || !ok {
				t.Fatalf("hit %d: %v %v", i, ok, err)
			}
		}
		ok, retry, _ := st.Users().Hit(ctx, "x", time.Minute, 3)
		if ok || retry != 50*time.Second {
			t.Errorf("fourth hit: %v, retry %v", ok, retry)
		}
		if ok, _, _ := st.Users().Hit(ctx, "y", time.Minute, 3); !ok {
			t.Error("another bucket is limited too")
		}
		if n, _ := st.Users().Peek(ctx, "x", time.Minute); n != 4 {
			t.Errorf("peek %d", n)
		}
		now = now.Add(time.Minute)
		if ok, _, _ := st.Users().Hit(ctx, "x", time.Minute, 3); !ok {
			t.Error("the next window is limited")
		}
	})
}

func TestSurveyAndTracking(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		st := f.st
		c, err := st.Complaints().CreateComplaint(ctx, f.op, aduan.NewComplaint{Text: "Sampah belum diangkut.", Citizen: &aduan.CitizenInput{Phone: "0812-3456-7890"}})
		if err != nil {
			t.Fatal(err)
		}
		// Tracking: the number and the phone's last four digits.
		if got, evs, err := st.Open311().TrackComplaint(ctx, c.Number, "7890"); err != nil || got.ID != c.ID || len(evs) != 1 {
			t.Errorf("track: %v %v", got, err)
		}
		for _, bad := range [][2]string{{c.Number, "7891"}, {c.Number, ""}, {"ADU-2026-999999", "7890"}, {"bukan", "7890"}} {
			if _, _, err := st.Open311().TrackComplaint(ctx, bad[0], bad[1]); aduan.ErrorCode(err) != aduan.ENOTFOUND {
				t.Errorf("track %v: %v", bad, err)
			}
		}
		// The survey: one invitation per complaint, one answer per
		// invitation, and the monthly report counts it.
		var inv *store.SurveyInvitation
		err = st.WriteTx(ctx, func(tx *sql.Tx) error {
			created, err := st.Open311().InviteSurveyTx(ctx, tx, c.ID, "+6281234567890", st.Now().Add(time.Hour))
			if err != nil || !created {
				t.Errorf("invite: %v %v", created, err)
			}
			again, err := st.Open311().InviteSurveyTx(ctx, tx, c.ID, "+6281234567890", st.Now().Add(time.Hour))
			if err != nil || again {
				t.Errorf("second invite: %v %v", again, err)
			}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if inv, err = st.Open311().PendingSurvey(ctx, "+6281234567890"); err != nil || inv.ComplaintID != c.ID || inv.Number != c.Number {
			t.Fatalf("pending: %+v %v", inv, err)
		}
		if _, err := st.Open311().AnswerSurvey(ctx, inv.ID, 6, "sms", ""); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Errorf("score 6: %v", err)
		}
		if ok, err := st.Open311().AnswerSurvey(ctx, inv.ID, 4, "sms", "cepat"); !ok || err != nil {
			t.Errorf("answer: %v %v", ok, err)
		}
		if ok, _ := st.Open311().AnswerSurvey(ctx, inv.ID, 1, "sms", ""); ok {
			t.Error("answered twice")
		}
		if _, err := st.Open311().PendingSurvey(ctx, "+6281234567890"); aduan.ErrorCode(err) != aduan.ENOTFOUND {
			t.Errorf("still pending: %v", err)
		}
		if scores, _ := st.Open311().SurveyScores(ctx, c.ID); len(scores) != 1 || scores[0] != 4 {
			t.Errorf("scores %v", scores)
		}
		from := c.ReceivedAt.Add(-time.Hour)
		m, err := st.Reports().MonthlyData(ctx, f.koord, from, from.Add(48*time.Hour), report.Filter{})
		if err != nil {
			t.Fatal(err)
		}
		if !m.Satisfaction.Collected || m.Satisfaction.Responses != 1 || m.Satisfaction.Average != 4 || m.Satisfaction.Distribution[3] != 1 {
			t.Errorf("monthly satisfaction: %+v", m.Satisfaction)
		}
		// An expired invitation is not pending.
		c2, _ := st.Complaints().CreateComplaint(ctx, f.op, aduan.NewComplaint{Text: "Lampu mati.", Citizen: &aduan.CitizenInput{Phone: "0812-3456-7899"}})
		st.WriteTx(ctx, func(tx *sql.Tx) error {
			_, err := st.Open311().InviteSurveyTx(ctx, tx, c2.ID, "+6281234567899", st.Now().Add(-time.Minute))
			return err
		})
		if _, err := st.Open311().PendingSurvey(ctx, "+6281234567899"); aduan.ErrorCode(err) != aduan.ENOTFOUND {
			t.Errorf("expired invitation pending: %v", err)
		}
	})
}

func TestPublicFormSecretsAndNonces(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		st := dbtest.Open(t, d)
		a, err := st.Open311().PublicSecret(ctx, "form_token")
		if err != nil || len(a) != 32 {
			t.Fatalf("secret: %v %v", a, err)
		}
		b, _ := st.Open311().PublicSecret(ctx, "form_token")
		if string(a) != string(b) {
			t.Error("the secret changed")
		}
		if fresh, err := st.Open311().UseNonce(ctx, "n1"); !fresh || err != nil {
			t.Errorf("first use: %v %v", fresh, err)
		}
		if fresh, _ := st.Open311().UseNonce(ctx, "n1"); fresh {
			t.Error("a nonce used twice")
		}
	})
}
