package api

import (
	"net/http"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/reqctx"
)

// AgencyJSON is an agency.
type AgencyJSON struct {
	ID        int64  `json:"id"`
	Code      string `json:"code"`
	Name      string `json:"name"`
	ShortName string `json:"short_name"`
	Kind      string `json:"kind"`
	Website   string `json:"website"`
	Phone     string `json:"phone"`
	WhatsApp  string `json:"whatsapp"`
	Email     string `json:"email"`
	Notes     string `json:"notes"`
	Active    bool   `json:"active"`
}

func agencyJSON(a aduan.Agency) AgencyJSON {
	return AgencyJSON{a.ID, a.Code, a.Name, a.ShortName, a.Kind, a.Website, string(a.Phone), string(a.WhatsApp), a.Email, a.Notes, a.Active}
}

func (j AgencyJSON) domain() aduan.Agency {
	return aduan.Agency{ID: j.ID, Code: j.Code, Name: j.Name, ShortName: j.ShortName, Kind: j.Kind, Website: j.Website,
		Phone: aduan.Phone(j.Phone), WhatsApp: aduan.Phone(j.WhatsApp), Email: j.Email, Notes: j.Notes, Active: j.Active}
}

func (a *API) ListAgencies(w http.ResponseWriter, r *http.Request) error {
	list, err := a.reference().Agencies(r.Context())
	if err != nil {
		return err
	}
	out := make([]AgencyJSON, 0, len(list))
	for _, x := range list {
		out = append(out, agencyJSON(x))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (a *API) GetAgency(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	x, err := a.reference().Agency(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, agencyJSON(*x))
}

func (a *API) CreateAgency(w http.ResponseWriter, r *http.Request) error {
	if err := reqctx.Actor(r).Require(aduan.PermAgencyEdit); err != nil {
		return err
	}
	in := AgencyJSON{Active: true}
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	in.ID = 0
	x := in.domain()
	if err := a.reference().SaveAgency(r.Context(), reqctx.Actor(r), &x); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, agencyJSON(x))
}

func (a *API) UpdateAgency(w http.ResponseWriter, r *http.Request) error {
	if err := reqctx.Actor(r).Require(aduan.PermAgencyEdit); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	cur, err := a.reference().Agency(r.Context(), id)
	if err != nil {
		return err
	}
	// Start from the current record so that a PATCH changes only what it names.
	in := agencyJSON(*cur)
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	in.ID = id
	x := in.domain()
	if err := a.reference().SaveAgency(r.Context(), reqctx.Actor(r), &x); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, agencyJSON(x))
}

// CategoryJSON is a category.
type CategoryJSON struct {
	ID              int64    `json:"id"`
	Code            string   `json:"code"`
	Name            string   `json:"name"`
	Keywords        []string `json:"keywords"`
	DefaultAgencyID int64    `json:"default_agency_id"`
	LaporCategory   string   `json:"lapor_category"`
	Priority        string   `json:"priority"`
	Notes           string   `json:"notes"`
	Public          bool     `json:"public"`
	Active          bool     `json:"active"`
}

func categoryJSON(c aduan.Category) CategoryJSON {
	kw := c.Keywords
	if kw == nil {
		kw = []string{}
	}
	return CategoryJSON{c.ID, c.Code, c.Name, kw, c.DefaultAgencyID, c.LaporCategory, string(c.Priority), c.Notes, c.Public, c.Active}
}

func (j CategoryJSON) domain() aduan.Category {
	return aduan.Category{ID: j.ID, Code: j.Code, Name: j.Name, Keywords: j.Keywords, DefaultAgencyID: j.DefaultAgencyID,
		LaporCategory: j.LaporCategory, Priority: aduan.Priority(j.Priority), Notes: j.Notes, Public: j.Public, Active: j.Active}
}

func (a *API) ListCategories(w http.ResponseWriter, r *http.Request) error {
	list, err := a.reference().Categories(r.Context())
	if err != nil {
		return err
	}
	out := make([]CategoryJSON, 0, len(list))
	for _, x := range list {
		out = append(out, categoryJSON(x))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (a *API) GetCategory(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	x, err := a.reference().Category(r.Context(), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, categoryJSON(*x))
}

func (a *API) CreateCategory(w http.ResponseWriter, r *http.Request) error {
	if err := reqctx.Actor(r).Require(aduan.PermCategoryEdit); err != nil {
		return err
	}
	in := CategoryJSON{Active: true, Public: true}
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	in.ID = 0
	x := in.domain()
	if err := a.reference().SaveCategory(r.Context(), reqctx.Actor(r), &x); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, categoryJSON(x))
}

func (a *API) UpdateCategory(w http.ResponseWriter, r *http.Request) error {
	if err := reqctx.Actor(r).Require(aduan.PermCategoryEdit); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	cur, err := a.reference().Category(r.Context(), id)
	if err != nil {
		return err
	}
	in := categoryJSON(*cur)
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	in.ID = id
	x := in.domain()
	if err := a.reference().SaveCategory(r.Context(), reqctx.Actor(r), &x); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, categoryJSON(x))
}

func (a *API) ListKecamatan(w http.ResponseWriter, r *http.Request) error {
	list, err := a.reference().Kecamatans(r.Context())
	if err != nil {
		return err
	}
	type k struct {
		Code    string `json:"code"`
		Name    string `json:"name"`
		Website string `json:"website"`
	}
	out := make([]k, 0, len(list))
	for _, x := range list {
		out = append(out, k{x.Code, x.Name, x.Website})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (a *API) ListKelurahan(w http.ResponseWriter, r *http.Request) error {
	list, err := a.reference().Kelurahans(r.Context(), r.URL.Query().Get("kecamatan"))
	if err != nil {
		return err
	}
	type k struct {
		Code          string `json:"code"`
		Name          string `json:"name"`
		KecamatanCode string `json:"kecamatan_code"`
		PostalCode    string `json:"postal_code"`
	}
	out := make([]k, 0, len(list))
	for _, x := range list {
		out = append(out, k{x.Code, x.Name, x.KecamatanCode, x.PostalCode})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (a *API) ListHolidays(w http.ResponseWriter, r *http.Request) error {
	list, err := a.reference().Holidays(r.Context())
	if err != nil {
		return err
	}
	type h struct {
		Date string `json:"date"`
		Name string `json:"name"`
	}
	out := make([]h, 0, len(list))
	for _, x := range list {
		out = append(out, h{x.Date, x.Name})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (a *API) PutHoliday(w http.ResponseWriter, r *http.Request) error {
	var in struct {
		Name string `json:"name"`
	}
	if err := reqctx.Actor(r).Require(aduan.PermStandardsEdit); err != nil {
		return err
	}
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	h := aduan.Holiday{Date: r.PathValue("date"), Name: in.Name}
	if err := a.reference().SaveHoliday(r.Context(), reqctx.Actor(r), h); err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]string{"date": h.Date, "name": strings.TrimSpace(h.Name)})
}

func (a *API) DeleteHoliday(w http.ResponseWriter, r *http.Request) error {
	if err := a.reference().DeleteHoliday(r.Context(), reqctx.Actor(r), r.PathValue("date")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// StandardJSON is one step's standard time.
type StandardJSON struct {
	Step          string `json:"step"`
	Label         string `json:"label"`
	SOP           string `json:"sop"`
	Amount        int    `json:"amount"`
	Unit          string `json:"unit"`
	DefaultAmount int    `json:"default_amount"`
	DefaultUnit   string `json:"default_unit"`
}

func (a *API) ListStandards(w http.ResponseWriter, r *http.Request) error {
	if err := reqctx.Actor(r).Require(aduan.PermSettingsRead); err != nil {
		return err
	}
	st, err := a.reference().Standards(r.Context())
	if err != nil {
		return err
	}
	lang := reqctx.Lang(r)
	out := make([]StandardJSON, 0, len(aduan.Steps))
	for _, s := range aduan.Steps {
		cur := st[s.Key]
		out = append(out, StandardJSON{string(s.Key), i18n.T(lang, "step."+string(s.Key)), s.SOP, cur.Amount, string(cur.Unit), s.Default.Amount, string(s.Default.Unit)})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"items": out})
}

func (a *API) PutStandard(w http.ResponseWriter, r *http.Request) error {
	if err := reqctx.Actor(r).Require(aduan.PermStandardsEdit); err != nil {
		return err
	}
	var in struct {
		Amount int    `json:"amount"`
		Unit   string `json:"unit"`
	}
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	step := aduan.StepKey(r.PathValue("step"))
	if !aduan.ValidStep(step) {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
	}
	if err := a.reference().SetStandard(r.Context(), reqctx.Actor(r), step, aduan.Standard{Amount: in.Amount, Unit: aduan.Unit(in.Unit)}); err != nil {
		return err
	}
	return a.ListStandards(w, r)
}

func (a *API) GetSettings(w http.ResponseWriter, r *http.Request) error {
	if err := reqctx.Actor(r).Require(aduan.PermSettingsRead); err != nil {
		return err
	}
	stored, err := a.reference().Settings(r.Context())
	if err != nil {
		return err
	}
	out := aduan.DefaultSettings()
	for k, v := range stored {
		out[k] = v
	}
	return writeJSON(w, http.StatusOK, out)
}

// PatchSettings changes settings, all or none; the store checks each
// key's permission (the koordinator switches the call center's messages,
// aduan.MessageSettingKeys; the admin everything).
func (a *API) PatchSettings(w http.ResponseWriter, r *http.Request) error {
	var in map[string]string
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	if err := a.reference().SetSettings(r.Context(), reqctx.Actor(r), in); err != nil {
		return err
	}
	return a.GetSettings(w, r)
}
