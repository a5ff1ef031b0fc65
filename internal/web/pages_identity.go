package web

import (
	"net/http"
	"strconv"

	"github.com/kotakita/aduan"
)

// fillStated puts on the complaint page what the caller typed about
// themselves through an unverified channel (the public form, Open311, an
// incoming message) where it differs from the stored identity, for the
// call center to confirm or dismiss. Only a reader who sees the identity
// gets it.
func (w *Web) fillStated(r *http.Request, d *complaintData) error {
	if !d.Identity || d.C.CitizenID == 0 {
		return nil
	}
	st, err := w.Stores.Citizens.StatedIdentity(r.Context(), actorOf(r), d.C)
	if err == nil {
		d.Stated, d.SettleStated = st, actorOf(r).Can(aduan.PermCitizenEdit)
		return nil
	}
	if aduan.ErrorCode(err) == aduan.ENOTFOUND {
		return nil
	}
	return err
}

// SettleIdentity adopts (do=adopt) or dismisses (do=dismiss) the identity
// a caller stated through an unverified channel: adopted, it becomes the
// citizen's, and the city's messages use it from then on.
func (w *Web) SettleIdentity(rw http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	if err := parseForm(rw, r); err != nil {
		return err
	}
	version, _ := strconv.ParseInt(r.PostFormValue("version"), 10, 64)
	if _, err := w.Stores.Citizens.SettleStatedIdentity(r.Context(), actorOf(r), id, version, r.PostFormValue("do") == "adopt"); err != nil {
		_, msg, ok := formErrors(langOf(r), err)
		if !ok {
			return err
		}
		return w.complaintPage(rw, r, id, statusFor(err), &complaintData{Error: msg})
	}
	http.Redirect(rw, r, "/complaints/"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}
