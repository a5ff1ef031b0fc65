package web

import (
	"net/http"
	"strconv"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

type open311KeysData struct {
	Keys     []store.Open311Key
	Secret   string // a new key, shown once
	Name     string
	PerHour  string
	Errors   map[string]string
	Error    string
	Endpoint string
}

// Open311Keys lists the Open311 clients' API keys (IT staff).
func (w *Web) Open311Keys(rw http.ResponseWriter, r *http.Request) error {
	return w.open311Keys(rw, r, http.StatusOK, &open311KeysData{})
}

func (w *Web) open311Keys(rw http.ResponseWriter, r *http.Request, status int, d *open311KeysData) error {
	ctx := r.Context()
	var err error
	if d.Keys, err = w.Stores.Open311Admin.Open311Keys(ctx, actorOf(r)); err != nil {
		return err
	}
	settings, err := w.Stores.Public.PublicSettings(ctx)
	if err != nil {
		return err
	}
	d.Endpoint = settings["public_base_url"] + "/open311/v2/discovery.xml"
	return w.render(rw, r, status, "admin_open311", &Page{Title: i18n.T(langOf(r), "web.admin.open311"), Data: d})
}

// CreateOpen311Key makes a key for a client and shows it once.
func (w *Web) CreateOpen311Key(rw http.ResponseWriter, r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	d := &open311KeysData{Name: r.PostForm.Get("name"), PerHour: r.PostForm.Get("per_hour")}
	per := 0
	if d.PerHour != "" {
		n, err := strconv.Atoi(d.PerHour)
		if err != nil {
			n = -1
		}
		per = n
	}
	secret, _, err := w.Stores.Open311Admin.CreateOpen311Key(r.Context(), actorOf(r), d.Name, per)
	if err != nil {
		fields, msg, ok := formErrors(langOf(r), err)
		if !ok || aduan.ErrorCode(err) != aduan.EINVALID {
			return err
		}
		d.Errors, d.Error = fields, msg
		return w.open311Keys(rw, r, http.StatusBadRequest, d)
	}
	// The key is shown on this one response only (no redirect: it must
	// not travel in a URL).
	return w.open311Keys(rw, r, http.StatusOK, &open311KeysData{Secret: secret})
}

// RevokeOpen311Key revokes a client's key.
func (w *Web) RevokeOpen311Key(rw http.ResponseWriter, r *http.Request) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.open311_key")
	}
	if err := w.Stores.Open311Admin.RevokeOpen311Key(r.Context(), actorOf(r), id); err != nil {
		return err
	}
	return redirect(rw, r, "/admin/open311", "web.ok.open311_revoked")
}
