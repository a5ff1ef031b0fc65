package server

import (
	"net/http"
	"strings"

	"github.com/kotakita/aduan/internal/web"
)

// unknownPath answers what no route takes (the pattern "/", below every
// other): the console's error page for a path that does not exist, in the
// reader's language. The API (/api/) and Open311 (/open311/) have their
// own catch-alls with their own error shapes, which are more specific and
// win. A path that exists for other methods still answers 405 with Allow,
// as the mux did before this catch-all took every method.
func (s *Server) unknownPath(mux *http.ServeMux) http.Handler {
	notFound := s.web.Handle(web.HandlerFunc(s.web.NotFound))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			if m == r.Method || (m == http.MethodGet && r.Method == http.MethodHead) {
				continue
			}
			other := r.Clone(r.Context())
			other.Method = m
			if _, pattern := mux.Handler(other); pattern != "" && pattern != "/" {
				allow = append(allow, m)
			}
		}
		if len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			http.Error(w, http.StatusText(http.StatusMethodNotAllowed), http.StatusMethodNotAllowed)
			return
		}
		notFound.ServeHTTP(w, r)
	})
}
