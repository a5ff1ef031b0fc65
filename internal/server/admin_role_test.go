package server_test

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestAdminRoleChangeConfirmed: the admin's changed role select does not
// change the role at once; the page asks, naming the user and both roles,
// and only the confirmation saves it.
func TestAdminRoleChangeConfirmed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		b := newBrowserish(t, e)
		u := e.users[OP]
		form := url.Values{"id": {strconv.FormatInt(u.ID, 10)}, "username": {u.Username}, "name": {u.Name}, "role": {string(aduan.RoleKoordinatorCC)}, "agency_id": {"0"}, "active": {"on"}}
		res, page := b.post(AD, "/admin/users", form)
		if res.StatusCode != 200 || !strings.Contains(page, `id="role-confirm"`) || !strings.Contains(page, "Ubah peran "+u.Name+" dari Operator") {
			t.Fatalf("a changed role: %d, no confirmation naming the user and roles", res.StatusCode)
		}
		if got, _ := e.st.User(ctx, u.ID); got.Role != aduan.RoleOperatorCC {
			t.Fatalf("the role changed before the confirmation: %s", got.Role)
		}
		form.Set("confirm_role", string(aduan.RoleOperatorCC)+">"+string(aduan.RoleKoordinatorCC))
		if res, _ := b.post(AD, "/admin/users", form); res.StatusCode != 303 {
			t.Fatalf("confirmed: %d, want 303", res.StatusCode)
		}
		if got, _ := e.st.User(ctx, u.ID); got.Role != aduan.RoleKoordinatorCC {
			t.Errorf("after the confirmation the role is %s", got.Role)
		}
	})
}
