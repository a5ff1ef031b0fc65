package web

import (
	"net/http"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
)

// reachData is the agencies page of the admin and the koordinator: which
// agencies a forward cannot notify, and which have nobody to take it.
type reachData struct {
	Unreachable []aduan.AgencyReach
	NoOperators []aduan.AgencyReach
	Total       int
	CanEdit     bool
}

// Reach lists the agencies that cannot be reached and those without users.
func (w *Web) Reach(rw http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	all, err := w.Stores.Reports.AgencyReaches(r.Context(), actor)
	if err != nil {
		return err
	}
	d := &reachData{Total: len(all), CanEdit: actor.Can(aduan.PermAgencyEdit)}
	for _, a := range all {
		if !a.Notifiable() {
			d.Unreachable = append(d.Unreachable, a)
		}
		if a.Operators == 0 {
			d.NoOperators = append(d.NoOperators, a)
		}
	}
	return w.render(rw, r, http.StatusOK, "reach", &Page{Title: i18n.T(langOf(r), "web.nav.reach"), Data: d})
}
