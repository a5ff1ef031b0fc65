package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
)

type adminData struct {
	Tab        string
	Users      []aduan.User
	Agencies   []aduan.Agency
	AgencyName map[int64]string
	Categories []aduan.Category
	Settings   []settingRow
	Tokens     []aduan.APIToken
	UserName   map[int64]string
	Services   []aduan.User // active service accounts, for a new token
	Roles      []aduan.Role
	Priorities []aduan.Priority
	Units      []aduan.Unit
	Errors     map[string]string
	Error      string
	Form       map[string]string
	Secret     string // a new password or token, shown once
	Edit       int64  // the row being edited after a failed save
	CanEdit    bool
	LogoURL    string // the city's logo on the settings tab; "": none
	// Confirm asks the admin to confirm a change of a user's role (the
	// form as sent, to send again with the confirmation).
	Confirm *roleConfirm
}

// roleConfirm is the question before a user's role changes: what the
// user could do changes at once, so the admin confirms a changed select.
type roleConfirm struct {
	Text  string
	Form  map[string]string
	Token string // the change confirmed: "from>to"
}

type settingRow struct{ Key, Value string }

var adminTabs = map[string]aduan.Perm{
	"users": aduan.PermUserRead, "agencies": aduan.PermAgencyEdit, "categories": aduan.PermCategoryEdit,
	"settings": aduan.PermSettingsRead, "tokens": aduan.PermTokenAdmin,
}

// Admin shows one tab of administration.
func (w *Web) Admin(rw http.ResponseWriter, r *http.Request) error {
	tab := r.PathValue("tab")
	if tab == "" {
		tab = "users"
		if !actorOf(r).Can(aduan.PermUserRead) {
			tab = "categories"
		}
		http.Redirect(rw, r, "/admin/"+tab, http.StatusSeeOther)
		return nil
	}
	return w.admin(rw, r, http.StatusOK, &adminData{Tab: tab})
}

func (w *Web) admin(rw http.ResponseWriter, r *http.Request, status int, d *adminData) error {
	actor := actorOf(r)
	perm, ok := adminTabs[d.Tab]
	if !ok {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.route")
	}
	if err := actor.Require(perm); err != nil {
		return err
	}
	ctx := r.Context()
	d.Roles, d.Priorities, d.Units = aduan.Roles, aduan.Priorities, []aduan.Unit{aduan.UnitMinute, aduan.UnitHour, aduan.UnitWorkday}
	var err error
	if d.Agencies, err = w.Store.Agencies(ctx); err != nil {
		return err
	}
	d.AgencyName = map[int64]string{}
	for _, a := range d.Agencies {
		d.AgencyName[a.ID] = a.Name
	}
	switch d.Tab {
	case "users":
		d.CanEdit = actor.Can(aduan.PermUserEdit)
		d.Users, err = w.Store.Users(ctx, actor)
	case "agencies":
		d.CanEdit = true
	case "categories":
		d.CanEdit = true
		d.Categories, err = w.Store.Categories(ctx)
	case "settings":
		d.CanEdit = actor.Can(aduan.PermSettingsEdit)
		if d.LogoURL, err = w.LogoURL(r); err != nil {
			return err
		}
		var stored map[string]string
		if stored, err = w.Store.Settings(ctx); err == nil {
			all := aduan.DefaultSettings()
			for k, v := range stored {
				all[k] = v
			}
			for _, k := range aduan.SettingKeys {
				d.Settings = append(d.Settings, settingRow{k, all[k]})
			}
		}
	case "tokens":
		if d.Tokens, err = w.Store.Tokens(ctx, actor, 0); err == nil {
			var users []aduan.User
			users, err = w.Store.Users(ctx, actor)
			d.UserName = map[int64]string{}
			for _, u := range users {
				d.UserName[u.ID] = u.Username
				if u.Service && u.Active {
					d.Services = append(d.Services, u)
				}
			}
		}
	}
	if err != nil {
		return err
	}
	return w.render(rw, r, status, "admin", &Page{Title: i18n.T(langOf(r), "web.nav.admin"), Data: d})
}

// AdminSave handles every form of the administration tabs (the standards
// and holidays tabs have pages of their own, pages_worktime.go).
func (w *Web) AdminSave(rw http.ResponseWriter, r *http.Request) error {
	if err := parseForm(rw, r); err != nil {
		return err
	}
	actor := actorOf(r)
	ctx := r.Context()
	tab := r.PathValue("tab")
	v := r.PostFormValue
	form := map[string]string{}
	for k := range r.PostForm {
		form[k] = v(k)
	}
	id, _ := strconv.ParseInt(v("id"), 10, 64)
	lang := langOf(r)
	fail := func(err error) error {
		fields, msg, ok := formErrors(lang, err)
		if !ok {
			return err
		}
		return w.admin(rw, r, statusFor(err), &adminData{Tab: tab, Errors: fields, Error: msg, Form: form, Edit: id})
	}
	num := func(name string) int64 { n, _ := strconv.ParseInt(v(name), 10, 64); return n }
	on := func(name string) bool { return v(name) == "on" || v(name) == "true" }
	var err error
	switch tab {
	case "users":
		u := &aduan.User{ID: id, Username: v("username"), Name: v("name"), Role: aduan.Role(v("role")), AgencyID: num("agency_id"),
			Phone: aduan.Phone(v("phone")), Email: v("email"), NIP: v("nip"), Lang: v("lang"), Active: id == 0 || on("active")}
		switch {
		case v("reset") != "":
			pw := setup.RandomPassword()
			if err := w.Store.SetPassword(ctx, actor, id, "", pw, store.Credential{}); err != nil {
				return fail(err)
			}
			return w.admin(rw, r, http.StatusOK, &adminData{Tab: tab, Secret: pw})
		case id == 0 && on("service"):
			// An integration's account: no password to show, tokens
			// made on the tokens tab.
			u.Service = true
			if err := w.Store.CreateUser(ctx, actor, u, ""); err != nil {
				return fail(err)
			}
		case id == 0:
			u.MustChangePW = true
			pw := v("password")
			if pw == "" {
				pw = setup.RandomPassword()
			}
			if err := w.Store.CreateUser(ctx, actor, u, pw); err != nil {
				return fail(err)
			}
			if v("password") == "" {
				return w.admin(rw, r, http.StatusOK, &adminData{Tab: tab, Secret: pw})
			}
		default:
			cur, err := w.Store.User(ctx, id)
			if err != nil {
				return err
			}
			u.MustChangePW, u.Lang = cur.MustChangePW, cur.Lang
			if u.Username == "" {
				u.Username = cur.Username
			}
			if change := string(cur.Role) + ">" + string(u.Role); cur.Role != u.Role && v("confirm_role") != change {
				// A role is what the user may see and do: changed only
				// once confirmed, with both roles named.
				delete(form, "confirm_role")
				return w.admin(rw, r, http.StatusOK, &adminData{Tab: tab, Form: form, Confirm: &roleConfirm{Form: form, Token: change,
					Text: i18n.T(lang, "kasi.admin.role_confirm", cur.Name, i18n.T(lang, "role."+string(cur.Role)), i18n.T(lang, "role."+string(u.Role)))}})
			}
			err = w.Store.UpdateUser(ctx, actor, u)
			if err != nil {
				return fail(err)
			}
		}
	case "agencies":
		a := &aduan.Agency{ID: id, Code: v("code"), Name: v("name"), ShortName: v("short_name"), Kind: v("kind"), Website: v("website"),
			Phone: aduan.Phone(v("phone")), WhatsApp: aduan.Phone(v("whatsapp")), Email: v("email"), Notes: v("notes"), Active: id == 0 || on("active")}
		err = w.Store.SaveAgency(ctx, actor, a)
	case "categories":
		var kw []string
		for _, k := range strings.Split(v("keywords"), ";") {
			if k = strings.TrimSpace(k); k != "" {
				kw = append(kw, k)
			}
		}
		c := &aduan.Category{ID: id, Code: v("code"), Name: v("name"), Keywords: kw, DefaultAgencyID: num("default_agency_id"),
			Priority: aduan.Priority(v("priority")), Notes: v("notes"), Public: on("public"), Active: id == 0 || on("active")}
		if id != 0 {
			if cur, err := w.Store.Category(ctx, id); err == nil {
				c.LaporCategory = cur.LaporCategory
			}
		}
		err = w.Store.SaveCategory(ctx, actor, c)
	case "settings":
		vals := map[string]string{}
		for _, k := range aduan.SettingKeys {
			if r.PostForm.Has(k) {
				vals[k] = v(k)
			}
		}
		err = w.Store.SetSettings(ctx, actor, vals)
	case "tokens":
		// A token for a service account (the store refuses any other
		// user's), shown once.
		secret, _, err := w.Store.CreateToken(ctx, actor, num("user_id"), v("name"))
		if err != nil {
			return fail(err)
		}
		return w.admin(rw, r, http.StatusOK, &adminData{Tab: tab, Secret: secret})
	default:
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.route")
	}
	if err != nil {
		return fail(err)
	}
	return redirect(rw, r, "/admin/"+tab, "web.ok.saved")
}
