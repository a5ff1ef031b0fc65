package api

import (
	"net/http"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/export"
	"github.com/kotakita/aduan/internal/reqctx"
)

// StatedIdentityJSON is what a caller typed about themselves through an
// unverified channel (the public form, Open311, an incoming message) with
// the number of a citizen already on record, where it differs from the
// stored identity. It never changed the citizen; staff confirm it by
// correcting the citizen (PATCH /api/v1/citizens/{id}).
type StatedIdentityJSON struct {
	Name          string `json:"name,omitempty"`
	Email         string `json:"email,omitempty"`
	Address       string `json:"address,omitempty"`
	KelurahanCode string `json:"kelurahan_code,omitempty"`
	CreatedAt     string `json:"created_at"`
}

// statedIdentity is the stated identity of c for the reader, nil when
// there is none or the reader may not see who filed c.
func (a *API) statedIdentity(r *http.Request, c *aduan.Complaint) (*StatedIdentityJSON, error) {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return nil, zerr
	}
	if c.CitizenID == 0 || !reqctx.Actor(r).CanSeeIdentity(c) {
		return nil, nil
	}
	st, err := a.citizens().StatedIdentity(r.Context(), reqctx.Actor(r), c)
	if aduan.ErrorCode(err) == aduan.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &StatedIdentityJSON{Name: st.Name, Email: st.Email, Address: st.Address, KelurahanCode: st.KelurahanCode,
		CreatedAt: export.Time(loc, st.CreatedAt)}, nil
}

// StatedIdentitySettleJSON is a call-center person's decision on a stated
// identity: adopt it into the citizen, or dismiss it. Version is the
// citizen's version the person saw beside it.
type StatedIdentitySettleJSON struct {
	Adopt   bool  `json:"adopt"`
	Version int64 `json:"version"`
}

// SettleStatedIdentity adopts or dismisses the identity a caller typed
// through an unverified channel; either way it is no longer shown. The
// answer is the citizen as they now are.
func (a *API) SettleStatedIdentity(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	c, err := a.complaintParam(r)
	if err != nil {
		return err
	}
	var in StatedIdentitySettleJSON
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	cz, err := a.citizens().SettleStatedIdentity(r.Context(), reqctx.Actor(r), c.ID, in.Version, in.Adopt)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, citizenJSON(cz, loc))
}

// identityOperations document the stated identity's endpoint.
var identityOperations = []op{
	{"post", "/api/v1/complaints/{id}/stated_identity", "Adopt (adopt: true) or dismiss the identity the caller typed through an unverified channel (stated_identity); version is the citizen's",
		StatedIdentitySettleJSON{}, CitizenJSON{}, 200, false, nil},
}
