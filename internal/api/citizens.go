package api

import (
	"net/http"
	"strconv"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/reqctx"
)

// findCitizen looks a caller up by phone: the operator types the number
// first and a returning citizen appears with their past complaints.
func (a *API) FindCitizen(w http.ResponseWriter, r *http.Request) error {
	if err := reqctx.Actor(r).Require(aduan.PermCitizenEdit); err != nil {
		return err
	}
	p := newParams(r)
	ph := p.str("phone")
	if ph == "" {
		return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "phone", Key: "err.field.required"}}}
	}
	c, err := a.citizens().CitizenByPhone(r.Context(), reqctx.Actor(r), ph)
	if err != nil {
		return err
	}
	return a.writeCitizen(w, r, c)
}

func (a *API) writeCitizen(w http.ResponseWriter, r *http.Request, c *aduan.Citizen) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	act := reqctx.Actor(r)
	list, _, err := a.complaints().ListComplaints(r.Context(), act, aduan.ComplaintFilter{CitizenID: c.ID, Limit: 20})
	if err != nil {
		return err
	}
	lang, now := reqctx.Lang(r), a.now()
	past := make([]ComplaintJSON, 0, len(list))
	for _, x := range list {
		past = append(past, complaintJSON(x, act, lang, now, loc))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"citizen": citizenJSON(c, loc), "complaints": past})
}

func (a *API) GetCitizen(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	c, err := a.citizens().Citizen(r.Context(), reqctx.Actor(r), id)
	if err != nil {
		return err
	}
	return a.writeCitizen(w, r, c)
}

// CitizenPatchJSON is the body of PATCH /citizens/{id}.
type CitizenPatchJSON struct {
	Version int64 `json:"version"`
	CitizenInputJSON
}

func (a *API) UpdateCitizen(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := reqctx.Actor(r).Require(aduan.PermCitizenEdit); err != nil {
		return err
	}
	var in CitizenPatchJSON
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	if in.Version <= 0 {
		return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "version", Key: "err.field.required"}}}
	}
	c, err := a.citizens().UpdateCitizen(r.Context(), reqctx.Actor(r), id, in.Version, *in.CitizenInputJSON.domain())
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/citizens/"+strconv.FormatInt(c.ID, 10))
	return writeJSON(w, http.StatusOK, citizenJSON(c, loc))
}
