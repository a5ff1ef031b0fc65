package open311

import (
	"net/http"
	"path"
)

// Fail writes err in the standard's error shape, in the format the
// request's path names (XML when it names none), for what the server
// checks before a method runs: a body over its limit, or one too slow to
// arrive.
func (h *Handler) Fail(w http.ResponseWriter, r *http.Request, err error) {
	_, format := splitFormat(path.Base(r.URL.Path))
	if format == "" {
		format = FormatXML
	}
	h.handle(format, func(http.ResponseWriter, *http.Request) error { return err })(w, r)
}
