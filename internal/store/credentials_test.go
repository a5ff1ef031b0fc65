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

// TestTokensForOthersOnlyServiceAccounts: the admin (who may not see
// personal data) cannot make a token for a person and act as them; only
// for a service account, which cannot log in with a password, and the
// making is audited with whom it was for.
func TestTokensForOthersOnlyServiceAccounts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		tokens := func() int {
			var n int
			f.st.DB().QueryRow("SELECT COUNT(*) FROM api_tokens").Scan(&n)
			return n
		}
		before := tokens()
		if _, _, err := f.st.Users().CreateToken(ctx, f.admin, f.op.UserID, "jadi operator"); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("admin made a token for an operator: %v", err)
		}
		if _, _, err := f.st.Users().CreateToken(ctx, f.koord, f.op.UserID, "x"); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("coordinator made a token for an operator: %v", err)
		}
		if tokens() != before {
			t.Error("a refused token was stored")
		}
		pbx := &aduan.User{Username: "pbx", Name: "Sentral telepon", Role: aduan.RoleOperatorCC, Active: true, Service: true, MustChangePW: true}
		if err := f.st.Users().CreateUser(ctx, f.admin, pbx, ""); err != nil {
			t.Fatal(err)
		}
		if pbx.MustChangePW {
			t.Error("a service account must change a password it never uses")
		}
		secret, tk, err := f.st.Users().CreateToken(ctx, f.admin, pbx.ID, "CTI")
		if err != nil {
			t.Fatalf("admin's token for a service account: %v", err)
		}
		if u, err := f.st.Users().TokenUser(ctx, secret); err != nil || u.ID != pbx.ID || !u.Service {
			t.Errorf("service token: %v %+v", err, u)
		}
		audit, err := f.st.Audit(ctx, f.admin, aduan.AuditFilter{Action: "token.create", Entity: "api_token"})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, e := range audit {
			if e.EntityID == strconv.FormatInt(tk.ID, 10) && e.ActorID == f.admin.UserID && strings.Contains(e.After, `"username":"pbx"`) {
				found = true
			}
		}
		if !found {
			t.Errorf("minting not audited with its user: %+v", audit)
		}
		// A service account never logs in with a password, not even one
		// an admin reset.
		if err := f.st.Users().SetPassword(ctx, f.admin, pbx.ID, "", "kata-sandi-baru-1", store.Credential{}); err != nil {
			t.Fatal(err)
		}
		if _, err := f.st.Users().Authenticate(ctx, "pbx", "kata-sandi-baru-1", "10.0.0.1"); aduan.ErrorCode(err) != aduan.EUNAUTHORIZED {
			t.Errorf("service account logged in: %v", err)
		}
		// A person never becomes a service account later.
		op, _ := f.st.Users().User(ctx, f.op.UserID)
		op.Service = true
		if err := f.st.Users().UpdateUser(ctx, f.admin, op); err != nil {
			t.Fatal(err)
		}
		if op, _ = f.st.Users().User(ctx, f.op.UserID); op.Service {
			t.Error("an operator became a service account")
		}
		if _, _, err := f.st.Users().CreateToken(ctx, f.admin, f.op.UserID, "x"); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("admin made a token for an operator after the update: %v", err)
		}
		// Everyone makes their own; the command line (the system) for anyone.
		if _, _, err := f.st.Users().CreateToken(ctx, f.admin, f.admin.UserID, "milik sendiri"); err != nil {
			t.Errorf("admin's own token: %v", err)
		}
		if _, _, err := f.st.Users().CreateToken(ctx, aduan.System, f.op.UserID, "cli"); err != nil {
			t.Errorf("system's token: %v", err)
		}
	})
}

// TestPasswordChangeEndsSessionsAndTokens: a password change or reset ends
// every session and token of the user but the one that made the change.
func TestPasswordChangeEndsSessionsAndTokens(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		s1, _ := f.st.Users().CreateSession(ctx, f.op.UserID, time.Hour)
		s2, _ := f.st.Users().CreateSession(ctx, f.op.UserID, time.Hour)
		t1, _, _ := f.st.Users().CreateToken(ctx, f.op, f.op.UserID, "satu")
		t2, _, _ := f.st.Users().CreateToken(ctx, f.op, f.op.UserID, "dua")
		other, _ := f.st.Users().CreateSession(ctx, f.op2.UserID, time.Hour)
		works := func(what, secret string, session bool) bool {
			var err error
			if session {
				_, err = f.st.Users().SessionUser(ctx, secret)
			} else {
				_, err = f.st.Users().TokenUser(ctx, secret)
			}
			if err != nil && aduan.ErrorCode(err) != aduan.EUNAUTHORIZED {
				t.Fatalf("%s: %v", what, err)
			}
			return err == nil
		}
		// The user's own change, made in session s1.
		if err := f.st.Users().SetPassword(ctx, f.op, f.op.UserID, "kata-sandi-rahasia", "kata-sandi-baru-1", store.Credential{Session: s1}); err != nil {
			t.Fatal(err)
		}
		if !works("s1", s1, true) || works("s2", s2, true) || works("t1", t1, false) || works("t2", t2, false) || !works("other", other, true) {
			t.Errorf("after the change: s1 %v s2 %v t1 %v t2 %v other user %v", works("s1", s1, true), works("s2", s2, true),
				works("t1", t1, false), works("t2", t2, false), works("other", other, true))
		}
		toks, _ := f.st.Users().Tokens(ctx, f.op, f.op.UserID)
		for _, tk := range toks {
			if tk.RevokedAt == nil {
				t.Errorf("token %s not marked revoked", tk.Name)
			}
		}
		// A change made with a token keeps that token.
		t3, tk3, _ := f.st.Users().CreateToken(ctx, f.op, f.op.UserID, "tiga")
		if err := f.st.Users().SetPassword(ctx, f.op, f.op.UserID, "kata-sandi-baru-1", "kata-sandi-baru-2", store.Credential{TokenID: tk3.ID}); err != nil {
			t.Fatal(err)
		}
		if !works("t3", t3, false) || works("s1", s1, true) {
			t.Error("a change by token: the token should stay, the session go")
		}
		// An admin's reset ends everything, and the user must choose a new
		// password; the admin's credential is not the user's to keep.
		if err := f.st.Users().SetPassword(ctx, f.admin, f.op.UserID, "", "kata-sandi-reset-1", store.Credential{TokenID: tk3.ID}); err != nil {
			t.Fatal(err)
		}
		if works("t3", t3, false) {
			t.Error("token outlived an admin's reset")
		}
		if u, _ := f.st.Users().User(ctx, f.op.UserID); !u.MustChangePW {
			t.Error("reset without a forced change")
		}

	})
}
