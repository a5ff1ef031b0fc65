package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/export"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/reqctx"
)

// UserJSON is a user.
type UserJSON struct {
	ID        int64  `json:"id"`
	Username  string `json:"username"`
	Name      string `json:"name"`
	Role      string `json:"role"`
	RoleLabel string `json:"role_label,omitempty"`
	AgencyID  int64  `json:"agency_id,omitempty"`
	Phone     string `json:"phone"`
	Email     string `json:"email"`
	// NIP is the civil servant's number printed under the name on the
	// reports they sign (18 digits; empty: none).
	NIP          string `json:"nip"`
	Lang         string `json:"lang"`
	Active       bool   `json:"active"`
	MustChangePW bool   `json:"must_change_password"`
	// ServiceAccount: an integration's account (API tokens only).
	ServiceAccount bool   `json:"service_account"`
	CreatedAt      string `json:"created_at,omitempty"`
}

func userJSON(u *aduan.User, lang i18n.Lang, loc *time.Location) UserJSON {
	return UserJSON{ID: u.ID, Username: u.Username, Name: u.Name, Role: string(u.Role), RoleLabel: i18n.T(lang, "role."+string(u.Role)),
		AgencyID: u.AgencyID, Phone: string(u.Phone), Email: u.Email, NIP: u.NIP, Lang: u.Lang, Active: u.Active, MustChangePW: u.MustChangePW,
		ServiceAccount: u.Service, CreatedAt: export.Time(loc, u.CreatedAt)}
}

func (a *API) Login(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	var in struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	u, err := a.logins().LogIn(w, r, in.Username, in.Password)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, userJSON(u, reqctx.Lang(r), loc))
}

func (a *API) Logout(w http.ResponseWriter, r *http.Request) error {
	if err := a.logins().LogOut(w, r); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (a *API) Me(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	return writeJSON(w, http.StatusOK, userJSON(reqctx.UserFrom(r.Context()), reqctx.Lang(r), loc))
}

// UserInputJSON is the body of POST and PATCH /users.
type UserInputJSON struct {
	Username string `json:"username"`
	Name     string `json:"name"`
	Role     string `json:"role"`
	AgencyID int64  `json:"agency_id"`
	Phone    string `json:"phone"`
	Email    string `json:"email"`
	// NIP: 18 digits, spaces between its parts allowed; empty: none.
	NIP      string `json:"nip"`
	Lang     string `json:"lang"`
	Active   *bool  `json:"active"`
	Password string `json:"password"`
	// ServiceAccount makes an integration's account (on POST only): no
	// password, no log-in, tokens made by the admin.
	ServiceAccount bool `json:"service_account"`
}

func (a *API) ListUsers(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	list, err := a.accounts().Users(r.Context(), reqctx.Actor(r))
	if err != nil {
		return err
	}
	lang := reqctx.Lang(r)
	out := make([]UserJSON, 0, len(list))
	for i := range list {
		out = append(out, userJSON(&list[i], lang, loc))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (a *API) GetUser(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	act := reqctx.Actor(r)
	if act.UserID != id {
		if err := act.Require(aduan.PermUserRead); err != nil {
			return err
		}
	}
	u, err := a.accounts().User(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, userJSON(u, reqctx.Lang(r), loc))
}

func (a *API) CreateUser(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	if err := reqctx.Actor(r).Require(aduan.PermUserEdit); err != nil {
		return err
	}
	var in UserInputJSON
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	u := &aduan.User{Username: in.Username, Name: in.Name, Role: aduan.Role(in.Role), AgencyID: in.AgencyID, Phone: aduan.Phone(in.Phone),
		Email: in.Email, NIP: in.NIP, Lang: in.Lang, Active: in.Active == nil || *in.Active, MustChangePW: true, Service: in.ServiceAccount}
	if err := a.accounts().CreateUser(r.Context(), reqctx.Actor(r), u, in.Password); err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/users/"+strconv.FormatInt(u.ID, 10))
	return writeJSON(w, http.StatusCreated, userJSON(u, reqctx.Lang(r), loc))
}

func (a *API) UpdateUser(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	act := reqctx.Actor(r)
	if act.UserID != id {
		if err := act.Require(aduan.PermUserEdit); err != nil {
			return err
		}
	}
	cur, err := a.accounts().User(r.Context(), id)
	if err != nil {
		return err
	}
	in := UserInputJSON{Username: cur.Username, Name: cur.Name, Role: string(cur.Role), AgencyID: cur.AgencyID, Phone: string(cur.Phone),
		Email: cur.Email, NIP: cur.NIP, Lang: cur.Lang, Active: &cur.Active, ServiceAccount: cur.Service}
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	if in.Password != "" {
		return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "password", Key: "err.json_field", Args: []any{"password"}}}}
	}
	u := &aduan.User{ID: id, Username: in.Username, Name: in.Name, Role: aduan.Role(in.Role), AgencyID: in.AgencyID, Phone: aduan.Phone(in.Phone),
		Email: in.Email, NIP: in.NIP, Lang: in.Lang, Active: in.Active == nil || *in.Active, MustChangePW: cur.MustChangePW, Service: cur.Service}
	if err := a.accounts().UpdateUser(r.Context(), act, u); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, userJSON(u, reqctx.Lang(r), loc))
}

func (a *API) SetPassword(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	var in struct {
		OldPassword string `json:"old_password"`
		Password    string `json:"password"`
	}
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	if err := a.accounts().SetPassword(r.Context(), reqctx.Actor(r), id, in.OldPassword, in.Password, reqctx.CredentialFrom(r.Context())); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// TokenJSON is an API token without its secret.
type TokenJSON struct {
	ID        int64   `json:"id"`
	UserID    int64   `json:"user_id"`
	Name      string  `json:"name"`
	Prefix    string  `json:"prefix"`
	CreatedAt string  `json:"created_at"`
	LastUsed  *string `json:"last_used,omitempty"`
	RevokedAt *string `json:"revoked_at,omitempty"`
	Secret    string  `json:"token,omitempty"`
}

func tokenJSON(t *aduan.APIToken, loc *time.Location) TokenJSON {
	return TokenJSON{ID: t.ID, UserID: t.UserID, Name: t.Name, Prefix: t.Prefix, CreatedAt: export.Time(loc, t.CreatedAt),
		LastUsed: export.TimePtr(loc, t.LastUsed), RevokedAt: export.TimePtr(loc, t.RevokedAt)}
}

func (a *API) ListTokens(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	act := reqctx.Actor(r)
	uid := act.UserID
	if s := r.URL.Query().Get("user_id"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			return &aduan.Error{Code: aduan.EINVALID, Key: "err.bad_param", Args: []any{"user_id"}}
		}
		uid = n
	}
	list, err := a.accounts().Tokens(r.Context(), act, uid)
	if err != nil {
		return err
	}
	out := make([]TokenJSON, 0, len(list))
	for i := range list {
		out = append(out, tokenJSON(&list[i], loc))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (a *API) CreateToken(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	var in struct {
		Name   string `json:"name"`
		UserID int64  `json:"user_id"`
	}
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	act := reqctx.Actor(r)
	if in.UserID == 0 {
		in.UserID = act.UserID
	}
	secret, t, err := a.accounts().CreateToken(r.Context(), act, in.UserID, in.Name)
	if err != nil {
		return err
	}
	j := tokenJSON(t, loc)
	j.Secret = secret
	return writeJSON(w, http.StatusCreated, j)
}

func (a *API) RevokeToken(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := a.accounts().RevokeToken(r.Context(), reqctx.Actor(r), id); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// AuditJSON is one audit record.
type AuditJSON struct {
	ID        int64  `json:"id"`
	At        string `json:"at"`
	ActorID   int64  `json:"actor_id,omitempty"`
	ActorName string `json:"actor_name"`
	ActorRole string `json:"actor_role,omitempty"`
	Action    string `json:"action"`
	Entity    string `json:"entity"`
	EntityID  string `json:"entity_id"`
	Before    string `json:"before,omitempty"`
	After     string `json:"after,omitempty"`
	RequestID string `json:"request_id,omitempty"`
}

func (a *API) ListAudit(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	p := newParams(r)
	f := aduan.AuditFilter{ActorID: p.int("actor_id"), Entity: p.str("entity"), EntityID: p.str("entity_id"), Action: p.str("action"),
		From: p.time("from", loc), To: p.time("to", loc), Before: p.int("cursor"), Limit: int(p.int("limit"))}
	if err := p.err(); err != nil {
		return err
	}
	act := reqctx.Actor(r)
	list, err := a.auditLog().Audit(r.Context(), act, f)
	if err != nil {
		return err
	}
	lang := reqctx.Lang(r)
	page := Page[AuditJSON]{Items: make([]AuditJSON, 0, len(list))}
	for _, e := range list {
		j := AuditJSON{e.ID, export.Time(loc, e.At), e.ActorID, e.ActorName, string(e.ActorRole), e.Action, e.Entity, e.EntityID, e.Before, e.After, e.RequestID}
		// The audit log keeps citizens' data and complaints' content; roles
		// that may not see those (admin) see that a change happened, not what
		// it was.
		if e.Entity == "citizen" && !act.Can(aduan.PermCitizenRead) || e.Entity == "complaint" && !act.Can(aduan.PermComplaintRead) {
			if j.Before != "" {
				j.Before = i18n.T(lang, "label.hidden")
			}
			if j.After != "" {
				j.After = i18n.T(lang, "label.hidden")
			}
		}
		page.Items = append(page.Items, j)
	}
	if len(list) > 0 && len(list) == clampLimit(f.Limit) {
		page.NextCursor = strconv.FormatInt(list[len(list)-1].ID, 10)
	}
	return writeJSON(w, http.StatusOK, page)
}

func clampLimit(n int) int {
	switch {
	case n <= 0:
		return 50
	case n > 500:
		return 500
	}
	return n
}
