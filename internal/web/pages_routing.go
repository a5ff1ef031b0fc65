// The routing model's page: when and from how many examples the agency
// suggestion was learnt, and the button that retrains it.

package web

import (
	"net/http"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
)

type routingModelData struct {
	TrainedAt time.Time
	Examples  int64
	Duration  time.Duration
}

// RoutingModelPage shows what the routing suggestion was learned from, with
// the button to retrain it now.
func (w *Web) RoutingModelPage(rw http.ResponseWriter, r *http.Request) error {
	if err := actorOf(r).Require(aduan.PermRoutingTrain); err != nil {
		return err
	}
	d := &routingModelData{}
	_, info, err := w.Stores.Admin.Router(r.Context())
	if err != nil {
		return err
	}
	d.TrainedAt, d.Examples, d.Duration = info.TrainedAt, info.Examples, info.Duration
	return w.render(rw, r, http.StatusOK, "library_model", &Page{Title: i18n.T(langOf(r), "lib.web.model"), Data: d})
}

// RoutingRetrain trains the routing model now on the city's finished
// complaints (the API's retrain, from a button).
func (w *Web) RoutingRetrain(rw http.ResponseWriter, r *http.Request) error {
	if _, err := w.Stores.Admin.Retrain(r.Context(), actorOf(r)); err != nil {
		return err
	}
	return redirect(rw, r, "/pustaka/model", "web.ok.lib_retrained")
}
