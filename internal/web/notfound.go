package web

import (
	"net/http"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/auth"
)

// NotFound answers a path no page has with the console's error page, in
// the reader's language: citizens who mistype a public address and staff
// following an old link read why in words, not the mux's plain English.
// A logged-in reader is recognised when the session is valid (for the
// language and the menu), but no log-in is asked for: asking would tell a
// stranger which paths exist.
func (w *Web) NotFound(rw http.ResponseWriter, r *http.Request) error {
	if auth.HasCookie(r) {
		if u, _, err := w.Sessions.SessionUser(r); err == nil {
			if st, ok := r.Context().Value(stateKey{}).(*pageState); ok {
				st.user = u
			}
		}
	}
	return aduan.Errorf(aduan.ENOTFOUND, "console.err.no_page")
}
