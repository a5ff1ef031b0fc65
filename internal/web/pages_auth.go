package web

import (
	"net/http"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// maxForm bounds form bodies.
const maxForm = 1 << 20

func parseForm(rw http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(rw, r.Body, maxForm)
	if err := r.ParseForm(); err != nil {
		return aduan.Errorf(aduan.EINVALID, "err.too_large", maxForm/1024)
	}
	return nil
}

// Home sends each role to its own start page.
func (w *Web) Home(rw http.ResponseWriter, r *http.Request) error {
	u := userOf(r)
	to := "/account"
	switch {
	case u.Role.CallCenter():
		to = "/desk"
	case u.Role.AgencyBound():
		to = "/pd"
	case u.Role == aduan.RoleKasiKabid || u.Role == aduan.RolePPIDUtama:
		to = "/dashboard"
	case u.Role == aduan.RoleAdmin:
		to = "/admin"
	}
	http.Redirect(rw, r, to, http.StatusSeeOther)
	return nil
}

type loginData struct {
	Username, Next, Error string
	Expired               bool
}

// LoginPage shows the log-in form.
func (w *Web) LoginPage(rw http.ResponseWriter, r *http.Request) error {
	if l := r.URL.Query().Get("lang"); l != "" {
		http.SetCookie(rw, &http.Cookie{Name: "aduan_lang", Value: string(i18n.Parse(l)), Path: "/", MaxAge: 365 * 24 * 3600, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: w.Sessions.Secure})
	}
	d := loginData{Next: sameOriginPath(r.URL.Query().Get("next")), Expired: r.URL.Query().Get("expired") == "1"}
	return w.render(rw, r, http.StatusOK, "login", &Page{Title: i18n.T(langOf(r), "web.login.title"), Data: d})
}

// Login checks the password, starts a session and goes where the user was
// headed.
func (w *Web) Login(rw http.ResponseWriter, r *http.Request) error {
	if err := parseForm(rw, r); err != nil {
		return err
	}
	lang := langOf(r)
	d := loginData{Username: strings.TrimSpace(r.PostFormValue("username")), Next: sameOriginPath(r.PostFormValue("next"))}
	fail := func(err error) error {
		_, msg, ok := formErrors(lang, err)
		if !ok {
			return err
		}
		d.Error = msg
		return w.render(rw, r, reqctx.StatusOf(aduan.ErrorCode(err)), "login", &Page{Title: i18n.T(lang, "web.login.title"), Data: d})
	}
	if _, err := w.Stores.Sessions.LogIn(rw, r, d.Username, r.PostFormValue("password")); err != nil {
		return fail(err)
	}
	to := d.Next
	if to == "" {
		to = "/"
	}
	http.Redirect(rw, r, to, http.StatusSeeOther)
	return nil
}

// Logout ends the session.
func (w *Web) Logout(rw http.ResponseWriter, r *http.Request) error {
	// The cookie is cleared even when the session could not be ended
	// (the database away): the person asked to leave this browser.
	w.Stores.Sessions.LogOut(rw, r)
	http.Redirect(rw, r, "/login", http.StatusSeeOther)
	return nil
}

type accountData struct {
	Fields  map[string]string
	Error   string
	Tokens  []aduan.APIToken
	Secret  string
	Forced  bool
	Roles   []aduan.Role
	Agency  string
	Changed bool
}

// Account shows the user's own settings: language, password, API tokens.
func (w *Web) Account(rw http.ResponseWriter, r *http.Request) error {
	return w.account(rw, r, http.StatusOK, accountData{})
}

func (w *Web) account(rw http.ResponseWriter, r *http.Request, status int, d accountData) error {
	u := userOf(r)
	toks, err := w.Stores.Account.Tokens(r.Context(), u.Actor(), u.ID)
	if err != nil {
		return err
	}
	d.Tokens = toks
	d.Forced = u.MustChangePW
	if u.AgencyID != 0 {
		if a, err := w.Stores.RefData.Agency(r.Context(), u.AgencyID); err == nil {
			d.Agency = a.Name
		}
	}
	return w.render(rw, r, status, "account", &Page{Title: i18n.T(langOf(r), "web.nav.account"), Data: d})
}

// ChangePassword changes the user's own password.
func (w *Web) ChangePassword(rw http.ResponseWriter, r *http.Request) error {
	if err := parseForm(rw, r); err != nil {
		return err
	}
	u := userOf(r)
	pw := r.PostFormValue("password")
	if pw != r.PostFormValue("password2") {
		return w.account(rw, r, http.StatusBadRequest, accountData{Fields: map[string]string{"password2": i18n.T(langOf(r), "web.account.mismatch")}})
	}
	if err := w.Stores.Account.SetPassword(r.Context(), u.Actor(), u.ID, r.PostFormValue("old_password"), pw, store.Credential{}); err != nil {
		fields, msg, ok := formErrors(langOf(r), err)
		if !ok {
			return err
		}
		return w.account(rw, r, reqctx.StatusOf(aduan.ErrorCode(err)), accountData{Fields: fields, Error: msg})
	}
	// Changing the password ends every session, this one too: start anew.
	if err := w.Stores.Sessions.Start(rw, r.Context(), u.ID); err != nil {
		return err
	}
	return redirect(rw, r, "/account", "web.ok.password")
}

// SetLanguage stores the user's language.
func (w *Web) SetLanguage(rw http.ResponseWriter, r *http.Request) error {
	if err := parseForm(rw, r); err != nil {
		return err
	}
	u := *userOf(r)
	u.Lang = string(i18n.Parse(r.PostFormValue("lang")))
	if err := w.Stores.Account.UpdateUser(r.Context(), u.Actor(), &u); err != nil {
		return err
	}
	back := sameOriginPath(r.PostFormValue("next"))
	if back == "" {
		back = "/account"
	}
	return redirect(rw, r, back, "")
}

// CreateToken makes an API token for the user (shown once).
func (w *Web) CreateToken(rw http.ResponseWriter, r *http.Request) error {
	if err := parseForm(rw, r); err != nil {
		return err
	}
	u := userOf(r)
	secret, _, err := w.Stores.Account.CreateToken(r.Context(), u.Actor(), u.ID, r.PostFormValue("name"))
	if err != nil {
		fields, msg, ok := formErrors(langOf(r), err)
		if !ok {
			return err
		}
		return w.account(rw, r, http.StatusBadRequest, accountData{Fields: fields, Error: msg})
	}
	return w.account(rw, r, http.StatusOK, accountData{Secret: secret})
}

// RevokeToken revokes one of the user's tokens.
func (w *Web) RevokeToken(rw http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := w.Stores.Account.RevokeToken(r.Context(), actorOf(r), id); err != nil {
		return err
	}
	back := "/account"
	if strings.HasPrefix(r.Referer(), "http") && strings.Contains(r.Referer(), "/admin/") {
		back = "/admin/tokens"
	}
	return redirect(rw, r, back, "web.ok.revoked")
}
