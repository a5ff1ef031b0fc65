package api

import (
	"net/http"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/export"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/reqctx"
)

// NewPrivacyRequestJSON records a data subject's request.
type NewPrivacyRequestJSON struct {
	Kind       string `json:"kind"` // access, correction, erasure
	Phone      string `json:"phone,omitempty"`
	Email      string `json:"email,omitempty"`
	Requester  string `json:"requester"`
	Via        string `json:"via,omitempty"`
	Notes      string `json:"notes,omitempty"`
	ReceivedAt string `json:"received_at"` // RFC 3339
}

// BreachJSON is an incident of the breach log.
type BreachJSON struct {
	ID                  int64    `json:"id"`
	Title               string   `json:"title"`
	Description         string   `json:"description"`
	OccurredAt          *string  `json:"occurred_at,omitempty"`
	DiscoveredAt        string   `json:"discovered_at"`
	Affected            string   `json:"affected,omitempty"`
	AffectedCount       int      `json:"affected_count"`
	DataKinds           []string `json:"data_kinds"`
	Measures            string   `json:"measures,omitempty"`
	DueAt               string   `json:"due_at"`
	SubjectsNotifiedAt  *string  `json:"subjects_notified_at,omitempty"`
	SubjectsNotice      string   `json:"subjects_notice,omitempty"`
	AuthorityNotifiedAt *string  `json:"authority_notified_at,omitempty"`
	AuthorityNotice     string   `json:"authority_notice,omitempty"`
	ClosedAt            *string  `json:"closed_at,omitempty"`
	Version             int64    `json:"version"`
}

// ProcessingActivityJSON is one line of the processing record.
type ProcessingActivityJSON struct {
	Key       string   `json:"key"`
	Data      string   `json:"data"`
	Purpose   string   `json:"purpose"`
	Roles     []string `json:"roles"`
	Note      string   `json:"note"`
	Retention string   `json:"retention,omitempty"`
	Days      int      `json:"days,omitempty"`
}

// PrivacyRequests lists the data subjects' requests, open ones first.
func (a *API) PrivacyRequests(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	rs, err := a.privacyStore().Requests(r.Context(), reqctx.Actor(r))
	if err != nil {
		return err
	}
	out := list[*export.PrivacyRequestJSON]{Items: []*export.PrivacyRequestJSON{}}
	now := a.now()
	for _, x := range rs {
		out.Items = append(out.Items, export.PrivacyRequestOut(x, now, loc))
	}
	return writeJSON(w, http.StatusOK, out)
}

// CreatePrivacyRequest records a request; its deadline follows from the
// time received.
func (a *API) CreatePrivacyRequest(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	if err := reqctx.Actor(r).Require(aduan.PermPrivacyRequest); err != nil {
		return err
	}
	var body NewPrivacyRequestJSON
	if err := reqctx.Decode(r, &body); err != nil {
		return err
	}
	in := aduan.NewPrivacyRequest{Kind: aduan.PrivacyRequestKind(body.Kind), Phone: body.Phone, Email: body.Email,
		Requester: body.Requester, Via: body.Via, Notes: body.Notes}
	if body.ReceivedAt != "" {
		t, err := time.Parse(time.RFC3339, body.ReceivedAt)
		if err != nil {
			return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "received_at", Key: "err.field.date"}}}
		}
		in.ReceivedAt = t
	}
	req, err := a.privacyStore().CreateRequest(r.Context(), reqctx.Actor(r), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, export.PrivacyRequestOut(req, a.now(), loc))
}

// PrivacyExport is everything held about the subject of a request (the
// look-up is audited).
func (a *API) PrivacyExport(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p := a.privacyStore()
	req, err := p.Request(r.Context(), reqctx.Actor(r), id)
	if err != nil {
		return err
	}
	d, err := p.Lookup(r.Context(), reqctx.Actor(r), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, export.Subject(d, req, reqctx.Lang(r), loc))
}

// RetentionDryRun counts what a retention run would change now.
func (a *API) RetentionDryRun(w http.ResponseWriter, r *http.Request) error {
	rep, err := a.privacyStore().Retention(r.Context(), reqctx.Actor(r), true, nil)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rep)
}

// Breaches lists the breach log.
func (a *API) Breaches(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	bs, err := a.privacyStore().Breaches(r.Context(), reqctx.Actor(r))
	if err != nil {
		return err
	}
	out := list[BreachJSON]{Items: []BreachJSON{}}
	for _, b := range bs {
		kinds := b.DataKinds
		if kinds == nil {
			kinds = []string{}
		}
		out.Items = append(out.Items, BreachJSON{ID: b.ID, Title: b.Title, Description: b.Description, OccurredAt: export.TimePtr(loc, b.OccurredAt),
			DiscoveredAt: export.Time(loc, b.DiscoveredAt), Affected: b.Affected, AffectedCount: b.AffectedCount, DataKinds: kinds, Measures: b.Measures,
			DueAt: export.Time(loc, b.DueAt), SubjectsNotifiedAt: export.TimePtr(loc, b.SubjectsNotifiedAt), SubjectsNotice: b.SubjectsNotice,
			AuthorityNotifiedAt: export.TimePtr(loc, b.AuthorityNotifiedAt), AuthorityNotice: b.AuthorityNotice, ClosedAt: export.TimePtr(loc, b.ClosedAt), Version: b.Version})
	}
	return writeJSON(w, http.StatusOK, out)
}

// ProcessingRecord is the processing record, from the role table and the
// retention settings, in the caller's language.
func (a *API) ProcessingRecord(w http.ResponseWriter, r *http.Request) error {
	if err := reqctx.Actor(r).Require(aduan.PermPrivacyRecord); err != nil {
		return err
	}
	set := aduan.DefaultSettings()
	stored, err := a.Store.RefData().Settings(r.Context())
	if err != nil {
		return err
	}
	for k, v := range stored {
		set[k] = v
	}
	lang := reqctx.Lang(r)
	out := list[ProcessingActivityJSON]{Items: []ProcessingActivityJSON{}}
	for _, act := range aduan.ProcessingRecord(set) {
		j := ProcessingActivityJSON{Key: act.Key, Data: i18n.T(lang, "privacy.record."+act.Key+".data"), Purpose: i18n.T(lang, "privacy.record."+act.Key+".purpose"),
			Note: i18n.T(lang, "privacy.record."+act.Key+".note"), Retention: string(act.Retention), Days: act.Days, Roles: []string{}}
		for _, ro := range act.Roles {
			j.Roles = append(j.Roles, string(ro))
		}
		out.Items = append(out.Items, j)
	}
	return writeJSON(w, http.StatusOK, out)
}
