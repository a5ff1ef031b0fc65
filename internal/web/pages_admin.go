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
		// The first tab the role may see: a kasi reads the settings only,
		// and was sent to the categories' 403 before.
		tab = "categories"
		for _, t := range []string{"users", "categories", "settings"} {
			if actorOf(r).Can(adminTabs[t]) {
				tab = t
				break
			}
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
	if d.Agencies, err = w.Stores.RefData.Agencies(ctx); err != nil {
		return err
	}
	d.AgencyName = map[int64]string{}
	for _, a := range d.Agencies {
		d.AgencyName[a.ID] = a.Name
	}
	switch d.Tab {
	case "users":
		d.CanEdit = actor.Can(aduan.PermUserEdit)
		d.Users, err = w.Stores.Admin.Users(ctx, actor)
	case "agencies":
		d.CanEdit = true
	case "categories":
		d.CanEdit = true
		d.Categories, err = w.Stores.RefData.Categories(ctx)
	case "settings":
		d.CanEdit = actor.Can(aduan.PermSettingsEdit)
		if d.LogoURL, err = w.LogoURL(r); err != nil {
			return err
		}
		var stored map[string]string
		if stored, err = w.Stores.RefData.Settings(ctx); err == nil {
			all := aduan.DefaultSettings()
			for k, v := range stored {
				all[k] = v
			}
			for _, k := range aduan.SettingKeys {
				d.Settings = append(d.Settings, settingRow{k, all[k]})
			}
		}
	case "tokens":
		if d.Tokens, err = w.Stores.Admin.Tokens(ctx, actor, 0); err == nil {
			var users []aduan.User
			users, err = w.Stores.Admin.Users(ctx, actor)
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

// adminForm is what every administration form shares: the form as sent
// (kept on the page when it comes back with an error), the row it edits and
// how a refused save is shown on its tab.
type adminForm struct {
	tab  string
	form map[string]string
	id   int64
}

// adminPost reads an administration form posted to tab.
func adminPost(rw http.ResponseWriter, r *http.Request, tab string) (*adminForm, error) {
	if err := parseForm(rw, r); err != nil {
		return nil, err
	}
	f := &adminForm{tab: tab, form: map[string]string{}}
	for k := range r.PostForm {
		f.form[k] = r.PostFormValue(k)
	}
	f.id, _ = strconv.ParseInt(r.PostFormValue("id"), 10, 64)
	return f, nil
}

// fail shows the tab again with the error on its fields, or returns it
// when it is not the user's to correct.
func (f *adminForm) fail(w *Web, rw http.ResponseWriter, r *http.Request, err error) error {
	fields, msg, ok := formErrors(langOf(r), err)
	if !ok {
		return err
	}
	return w.admin(rw, r, statusFor(err), &adminData{Tab: f.tab, Errors: fields, Error: msg, Form: f.form, Edit: f.id})
}

func (f *adminForm) num(name string) int64 { n, _ := strconv.ParseInt(f.form[name], 10, 64); return n }

func (f *adminForm) on(name string) bool { return f.form[name] == "on" || f.form[name] == "true" }

// SaveUser adds a user (with a password given or made, or as a service
// account without one) or changes one; a changed role is saved only once
// confirmed.
func (w *Web) SaveUser(rw http.ResponseWriter, r *http.Request) error {
	f, err := adminPost(rw, r, "users")
	if err != nil {
		return err
	}
	actor, ctx, v, lang := actorOf(r), r.Context(), r.PostFormValue, langOf(r)
	u := &aduan.User{ID: f.id, Username: v("username"), Name: v("name"), Role: aduan.Role(v("role")), AgencyID: f.num("agency_id"),
		Phone: aduan.Phone(v("phone")), Email: v("email"), NIP: v("nip"), Lang: v("lang"), Active: f.id == 0 || f.on("active")}
	switch {
	case f.id == 0 && f.on("service"):
		// An integration's account: no password to show, tokens
		// made on the tokens tab.
		u.Service = true
		if err := w.Stores.Admin.CreateUser(ctx, actor, u, ""); err != nil {
			return f.fail(w, rw, r, err)
		}
	case f.id == 0:
		u.MustChangePW = true
		pw := v("password")
		if pw == "" {
			pw = setup.RandomPassword()
		}
		if err := w.Stores.Admin.CreateUser(ctx, actor, u, pw); err != nil {
			return f.fail(w, rw, r, err)
		}
		if v("password") == "" {
			return w.admin(rw, r, http.StatusOK, &adminData{Tab: f.tab, Secret: pw})
		}
	default:
		cur, err := w.Stores.Admin.User(ctx, f.id)
		if err != nil {
			return err
		}
		u.MustChangePW, u.Lang = cur.MustChangePW, cur.Lang
		if u.Username == "" {
			u.Username = cur.Username
		}
		// A user's row has no phone or e-mail field: what the form does
		// not carry stays as stored (the notifications to the user
		// need them), rather than being saved empty.
		for name, keep := range map[string]func(){
			"phone": func() { u.Phone = cur.Phone },
			"email": func() { u.Email = cur.Email },
			"nip":   func() { u.NIP = cur.NIP },
		} {
			if _, sent := r.PostForm[name]; !sent {
				keep()
			}
		}
		if change := string(cur.Role) + ">" + string(u.Role); cur.Role != u.Role && v("confirm_role") != change {
			// A role is what the user may see and do: changed only
			// once confirmed, with both roles named.
			delete(f.form, "confirm_role")
			return w.admin(rw, r, http.StatusOK, &adminData{Tab: f.tab, Form: f.form, Confirm: &roleConfirm{Form: f.form, Token: change,
				Text: i18n.T(lang, "kasi.admin.role_confirm", cur.Name, i18n.T(lang, "role."+string(cur.Role)), i18n.T(lang, "role."+string(u.Role)))}})
		}
		if err := w.Stores.Admin.UpdateUser(ctx, actor, u); err != nil {
			return f.fail(w, rw, r, err)
		}
	}
	return redirect(rw, r, "/admin/users", "web.ok.saved")
}

// ResetPassword gives user {id} a new random password, shown once.
func (w *Web) ResetPassword(rw http.ResponseWriter, r *http.Request) error {
	f, err := adminPost(rw, r, "users")
	if err != nil {
		return err
	}
	if f.id, err = strconv.ParseInt(r.PathValue("id"), 10, 64); err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.route")
	}
	pw := setup.RandomPassword()
	if err := w.Stores.Admin.SetPassword(r.Context(), actorOf(r), f.id, "", pw, store.Credential{}); err != nil {
		return f.fail(w, rw, r, err)
	}
	return w.admin(rw, r, http.StatusOK, &adminData{Tab: f.tab, Secret: pw})
}

// SaveAgency adds or changes an agency.
func (w *Web) SaveAgency(rw http.ResponseWriter, r *http.Request) error {
	f, err := adminPost(rw, r, "agencies")
	if err != nil {
		return err
	}
	v := r.PostFormValue
	a := &aduan.Agency{ID: f.id, Code: v("code"), Name: v("name"), ShortName: v("short_name"), Kind: v("kind"), Website: v("website"),
		Phone: aduan.Phone(v("phone")), WhatsApp: aduan.Phone(v("whatsapp")), Email: v("email"), Notes: v("notes"), Active: f.id == 0 || f.on("active")}
	if err := w.Stores.Admin.SaveAgency(r.Context(), actorOf(r), a); err != nil {
		return f.fail(w, rw, r, err)
	}
	return redirect(rw, r, "/admin/agencies", "web.ok.saved")
}

// SaveCategory adds or changes a category; its LAPOR! mapping is kept
// (set on the LAPOR! page).
func (w *Web) SaveCategory(rw http.ResponseWriter, r *http.Request) error {
	f, err := adminPost(rw, r, "categories")
	if err != nil {
		return err
	}
	ctx, v := r.Context(), r.PostFormValue
	var kw []string
	for _, k := range strings.Split(v("keywords"), ";") {
		if k = strings.TrimSpace(k); k != "" {
			kw = append(kw, k)
		}
	}
	c := &aduan.Category{ID: f.id, Code: v("code"), Name: v("name"), Keywords: kw, DefaultAgencyID: f.num("default_agency_id"),
		Priority: aduan.Priority(v("priority")), Notes: v("notes"), Public: f.on("public"), Active: f.id == 0 || f.on("active")}
	if f.id != 0 {
		if cur, err := w.Stores.RefData.Category(ctx, f.id); err == nil {
			c.LaporCategory = cur.LaporCategory
		}
	}
	if err := w.Stores.Admin.SaveCategory(ctx, actorOf(r), c); err != nil {
		return f.fail(w, rw, r, err)
	}
	return redirect(rw, r, "/admin/categories", "web.ok.saved")
}

// SaveSettings saves the settings sent, all or none (one transaction in
// the store).
func (w *Web) SaveSettings(rw http.ResponseWriter, r *http.Request) error {
	f, err := adminPost(rw, r, "settings")
	if err != nil {
		return err
	}
	vals := map[string]string{}
	for _, k := range aduan.SettingKeys {
		if r.PostForm.Has(k) {
			vals[k] = r.PostFormValue(k)
		}
	}
	if err := w.Stores.Admin.SetSettings(r.Context(), actorOf(r), vals); err != nil {
		return f.fail(w, rw, r, err)
	}
	return redirect(rw, r, "/admin/settings", "web.ok.saved")
}

// CreateServiceToken makes an API token for a service account (the store
// refuses any other user's), shown once.
func (w *Web) CreateServiceToken(rw http.ResponseWriter, r *http.Request) error {
	f, err := adminPost(rw, r, "tokens")
	if err != nil {
		return err
	}
	secret, _, err := w.Stores.Admin.CreateToken(r.Context(), actorOf(r), f.num("user_id"), r.PostFormValue("name"))
	if err != nil {
		return f.fail(w, rw, r, err)
	}
	return w.admin(rw, r, http.StatusOK, &adminData{Tab: f.tab, Secret: secret})
}
