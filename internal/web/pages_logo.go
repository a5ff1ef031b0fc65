package web

import (
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/logo"
)

// LogoPath is the stable public address of the city's logo (404 while
// none was uploaded). Public pages link it as LogoURL gives it.
const LogoPath = "/logo"

// LogoURL is the address of the city's logo for a page's <img>, with its
// version so that a new upload is fetched at once; "" when the city has
// none (the page then shows no image).
func (w *Web) LogoURL(r *http.Request) (string, error) {
	v, ok, err := w.Stores.RefData.LogoVersion(r.Context())
	if err != nil || !ok {
		return "", err
	}
	return LogoPath + "?v=" + strconv.FormatInt(v, 10), nil
}

// Logo serves the city's logo (GET /logo) to anyone: it is on the public
// pages and in the letterhead of every document.
func (w *Web) Logo(rw http.ResponseWriter, r *http.Request) error {
	l, err := w.Stores.Admin.Logo(r.Context())
	if err != nil {
		return err
	}
	etag := `"` + strconv.FormatInt(l.UpdatedAt.UnixMilli(), 36) + `"`
	h := rw.Header()
	h.Set("Content-Type", "image/png")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("ETag", etag)
	// Versioned links (LogoURL) never change; the bare address is checked
	// again after an hour.
	if r.URL.Query().Get("v") != "" {
		h.Set("Cache-Control", "public, max-age=31536000, immutable")
	} else {
		h.Set("Cache-Control", "public, max-age=3600")
	}
	if r.Header.Get("If-None-Match") == etag {
		rw.WriteHeader(http.StatusNotModified)
		return nil
	}
	h.Set("Content-Length", strconv.Itoa(len(l.PNG)))
	_, err = rw.Write(l.PNG)
	return err
}

// SaveLogo takes the admin's upload of the city's logo (PNG or JPEG; see
// internal/logo for its bounds) on the settings page, or removes it.
func (w *Web) SaveLogo(rw http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(rw, r.Body, logo.MaxBytes+64<<10)
	fail := func(err error) error {
		fields, msg, ok := formErrors(langOf(r), err)
		if !ok {
			return err
		}
		return w.admin(rw, r, statusFor(err), &adminData{Tab: "settings", Errors: fields, Error: msg})
	}
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		if err := parseForm(rw, r); err != nil {
			return err
		}
	} else if err := r.ParseMultipartForm(logo.MaxBytes + 64<<10); err != nil {
		return fail(&aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "logo", Key: "err.field.logo_bytes", Args: []any{logo.MaxBytes >> 10}}}})
	}
	ctx, actor := r.Context(), actorOf(r)
	if r.PostFormValue("delete") != "" {
		if err := w.Stores.Admin.DeleteLogo(ctx, actor); err != nil {
			return fail(err)
		}
	} else {
		var raw []byte
		if f, _, err := r.FormFile("logo"); err == nil {
			// One byte over the bound is enough to refuse it.
			raw, err = io.ReadAll(io.LimitReader(f, logo.MaxBytes+1))
			f.Close()
			if err != nil {
				return err
			}
		}
		if err := w.Stores.Admin.SetLogo(ctx, actor, raw); err != nil {
			return fail(err)
		}
	}
	http.Redirect(rw, r, "/admin/settings#logo", http.StatusSeeOther)
	return nil
}
