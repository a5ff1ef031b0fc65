package open311

import (
	"net/http"
	"slices"
	"strings"

	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/reqctx"
)

// Other answers an Open311 path asked with a method no route takes: a
// CORS preflight (OPTIONS) from a configured origin, so that a city's own
// web client can POST with an Idempotency-Key; anything else a 405 in the
// standard's error shape, with Allow.
func (h *Handler) Other(w http.ResponseWriter, r *http.Request) error {
	_, format := splitFormat(r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:])
	if format == "" {
		format = FormatXML
	}
	allow := h.allowed(r.URL.Path)
	if allow == "" {
		allow = "GET" // a file no method knows: reading is all there is under Prefix
	}
	if r.Method == http.MethodOptions {
		return h.preflight(w, r, format, allow)
	}
	w.Header().Set("Allow", allow)
	lang := reqctx.Lang(r)
	h.writeError(w, r, format, &problem{status: http.StatusMethodNotAllowed,
		errs: []ErrorJSON{{http.StatusMethodNotAllowed, i18n.T(lang, "o311.err.method", r.Method, allow)}}})
	return nil
}

// preflight answers a CORS preflight: for a configured origin, the
// methods the path takes and the headers a client may send (Content-Type,
// Idempotency-Key); for any other, a 403 saying the origin is not allowed,
// so that the browser's refusal has a reason in the server's log and the
// client's network panel.
func (h *Handler) preflight(w http.ResponseWriter, r *http.Request, format, allow string) error {
	origin := strings.TrimRight(r.Header.Get("Origin"), "/")
	if origin == "" || !slices.Contains(h.CORSOrigins, origin) {
		h.writeError(w, r, format, &problem{status: http.StatusForbidden,
			errs: []ErrorJSON{{http.StatusForbidden, i18n.T(reqctx.Lang(r), "o311.err.origin", origin)}}})
		return nil
	}
	hd := w.Header()
	hd.Set("Access-Control-Allow-Origin", origin)
	hd.Set("Vary", "Origin")
	hd.Set("Access-Control-Allow-Methods", allow)
	hd.Set("Access-Control-Allow-Headers", "Content-Type, Idempotency-Key, Accept-Language")
	hd.Set("Access-Control-Expose-Headers", "Idempotent-Replayed, X-Next-Cursor, Link, Retry-After")
	hd.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
	return nil
}
