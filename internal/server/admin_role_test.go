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
		if got, _ := e.st.Users().User(ctx, u.ID); got.Role != aduan.RoleOperatorCC {
			t.Fatalf("the role changed before the confirmation: %s", got.Role)
		}
		form.Set("confirm_role", string(aduan.RoleOperatorCC)+">"+string(aduan.RoleKoordinatorCC))
		if res, _ := b.post(AD, "/admin/users", form); res.StatusCode != 303 {
			t.Fatalf("confirmed: %d, want 303", res.StatusCode)
		}
		if got, _ := e.st.Users().User(ctx, u.ID); got.Role != aduan.RoleKoordinatorCC {
			t.Errorf("after the confirmation the role is %s", got.Role)
		}
	})
}

// TestAdminPasswordResetHasItsRoute: the reset button of a user's row posts
// to that user's own address; the admin gets a new password shown once,
// another role a refusal, and the user's other fields are not touched.
func TestAdminPasswordResetHasItsRoute(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		b := newBrowserish(t, e)
		u := e.users[OP]
		if _, page := b.get(AD, "/admin/users"); !strings.Contains(page, `formaction="/admin/users/`+strconv.FormatInt(u.ID, 10)+`/password"`) {
			t.Fatalf("the users tab has no reset button posting to the user's address")
		}
		at := "/admin/users/" + strconv.FormatInt(u.ID, 10) + "/password"
		if res, _ := b.post(KO, at, url.Values{}); res.StatusCode != 403 {
			t.Errorf("a koordinator reset a password: %d, want 403", res.StatusCode)
		}
		res, page := b.post(AD, at, url.Values{"name": {"Nama Lain"}})
		if res.StatusCode != 200 || !strings.Contains(page, `<p class="secret">`) {
			t.Fatalf("reset: %d, no new password shown", res.StatusCode)
		}
		if got, _ := e.st.Users().User(ctx, u.ID); got.Name != u.Name || got.Role != u.Role {
			t.Errorf("a reset changed the user: %+v", got)
		}
	})
}

// TestAdminFormsByResource: each administration tab posts to its own
// address and saves there; a refused form comes back on its own tab.
func TestAdminFormsByResource(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		b := newBrowserish(t, e)
		for _, c := range []struct {
			path  string
			form  url.Values
			want  int
			tab   string
			saved func() bool
		}{
			{"/admin/agencies", url.Values{"code": {"DISKOMINFO2"}, "name": {"Dinas Uji"}, "short_name": {"Uji"}, "kind": {"dinas"}}, 303, "",
				func() bool { _, err := e.st.RefData().AgencyByCode(ctx, "DISKOMINFO2"); return err == nil }},
			{"/admin/categories", url.Values{"code": {"UJI_KATEGORI"}, "name": {"Kategori Uji"}, "priority": {"sedang"}}, 303, "", func() bool {
				cats, _ := e.st.RefData().Categories(ctx)
				for _, c := range cats {
					if c.Code == "UJI_KATEGORI" {
						return true
					}
				}
				return false
			}},
			{"/admin/settings", url.Values{"city_name": {"Kota Uji"}}, 303, "", func() bool {
				s, _ := e.st.RefData().Settings(ctx)
				return s["city_name"] == "Kota Uji"
			}},
			{"/admin/settings", url.Values{"time_zone": {"Mars"}}, 400, `href="/admin/settings" aria-current="page"`, func() bool {
				s, _ := e.st.RefData().Settings(ctx)
				return s["time_zone"] == "Mars"
			}},
		} {
			res, page := b.post(AD, c.path, c.form)
			if res.StatusCode != c.want || !strings.Contains(page, c.tab) {
				t.Errorf("%s %v: %d, want %d on its tab", c.path, c.form, res.StatusCode, c.want)
			}
			if c.saved() != (c.want == 303) {
				t.Errorf("%s %v: saved %v", c.path, c.form, c.saved())
			}
		}
	})
}

// TestAdminRowKeepsContact: a user's row on the users tab has no phone or
// e-mail field; saving the row (to rename, or to deactivate) keeps the
// stored phone and e-mail, which the notifications to that user need.
func TestAdminRowKeepsContact(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		b := newBrowserish(t, e)
		u := e.users[OP]
		withContact := *u
		withContact.Phone, withContact.Email = "+6281234567890", "operator@depok.go.id"
		if err := e.st.Users().UpdateUser(ctx, e.users[AD].Actor(), &withContact); err != nil {
			t.Fatal(err)
		}
		form := url.Values{"id": {strconv.FormatInt(u.ID, 10)}, "username": {u.Username}, "name": {"Nama Baru"}, "role": {string(u.Role)}, "agency_id": {"0"}, "active": {"on"}}
		if res, _ := b.post(AD, "/admin/users", form); res.StatusCode != 303 {
			t.Fatalf("saving the row: %d, want 303", res.StatusCode)
		}
		got, err := e.st.Users().User(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Name != "Nama Baru" || got.Phone != withContact.Phone || got.Email != withContact.Email {
			t.Errorf("after saving the row: name %q, phone %q, e-mail %q", got.Name, got.Phone, got.Email)
		}
	})
}
