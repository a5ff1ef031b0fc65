package api

import (
	"net/http"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// SubjectExportJSON is everything held about one person, as given to them
// on an access request (UU 27/2022 art. 7): their records, complaints with
// their steps, messages in and out, files and the audit records about
// them. Staff are named by role only.
type SubjectExportJSON struct {
	GeneratedAt string              `json:"generated_at"`
	Request     *PrivacyRequestJSON `json:"request,omitempty"`
	Phone       aduan.Phone         `json:"phone,omitempty"`
	Email       string              `json:"email,omitempty"`
	Citizens    []SubjectCitizen    `json:"citizens"`
	Stated      []SubjectStated     `json:"stated_identities"`
	Complaints  []SubjectComplaint  `json:"complaints"`
	Messages    []SubjectMessage    `json:"messages"`
	Files       []SubjectFile       `json:"files"`
	Audit       []SubjectAudit      `json:"audit"`
}

// SubjectCitizen is one record of the person.
type SubjectCitizen struct {
	ID            int64       `json:"id"`
	Name          string      `json:"name"`
	Phone         aduan.Phone `json:"phone"`
	Email         string      `json:"email"`
	Address       string      `json:"address"`
	KelurahanCode string      `json:"kelurahan_code,omitempty"`
	CreatedAt     string      `json:"created_at"`
	UpdatedAt     string      `json:"updated_at"`
}

// SubjectStated is what was typed about them on a complaint through a
// channel that proves nothing (the public form, Open311, a message).
type SubjectStated struct {
	Complaint     string `json:"complaint"`
	Name          string `json:"name,omitempty"`
	Email         string `json:"email,omitempty"`
	Address       string `json:"address,omitempty"`
	KelurahanCode string `json:"kelurahan_code,omitempty"`
	At            string `json:"at"`
}

// SubjectComplaint is one of their complaints with its steps.
type SubjectComplaint struct {
	Number          string         `json:"number"`
	Channel         string         `json:"channel"`
	Status          string         `json:"status"`
	StatusLabel     string         `json:"status_label"`
	Confidentiality string         `json:"confidentiality"`
	ReceivedAt      string         `json:"received_at"`
	ClosedAt        *string        `json:"closed_at,omitempty"`
	Category        string         `json:"category,omitempty"`
	Agency          string         `json:"agency,omitempty"`
	Kelurahan       string         `json:"kelurahan,omitempty"`
	Address         string         `json:"address,omitempty"`
	Text            string         `json:"text"`
	Answer          string         `json:"answer,omitempty"`
	AgencyAnswer    string         `json:"agency_answer,omitempty"`
	Steps           []SubjectEvent `json:"steps"`
}

// SubjectEvent is one step of a complaint.
type SubjectEvent struct {
	At      string            `json:"at"`
	Action  string            `json:"action"`
	Label   string            `json:"label"`
	By      string            `json:"by,omitempty"` // the role
	Details map[string]string `json:"details,omitempty"`
}

// SubjectMessage is one message to or from them, or about their complaint.
type SubjectMessage struct {
	ID        int64   `json:"id"`
	Complaint string  `json:"complaint,omitempty"`
	Channel   string  `json:"channel"`
	Direction string  `json:"direction"`
	From      string  `json:"from,omitempty"`
	To        string  `json:"to,omitempty"`
	Subject   string  `json:"subject,omitempty"`
	Body      string  `json:"body"`
	Status    string  `json:"status"`
	CreatedAt string  `json:"created_at"`
	SentAt    *string `json:"sent_at,omitempty"`
}

// SubjectFile is a photo or document they sent.
type SubjectFile struct {
	ID          int64  `json:"id"`
	Complaint   string `json:"complaint,omitempty"`
	Filename    string `json:"filename"`
	ContentType string `json:"content_type"`
	Size        int64  `json:"size"`
	CreatedAt   string `json:"created_at"`
}

// SubjectAudit is one audit record about them.
type SubjectAudit struct {
	At     string `json:"at"`
	By     string `json:"by,omitempty"` // the role
	Action string `json:"action"`
	Entity string `json:"entity"`
	ID     string `json:"entity_id"`
	Before string `json:"before,omitempty"`
	After  string `json:"after,omitempty"`
}

// PrivacyRequestJSON is a data subject's request.
type PrivacyRequestJSON struct {
	ID             int64                `json:"id"`
	Kind           string               `json:"kind"`
	Status         string               `json:"status"`
	Phone          string               `json:"phone,omitempty"`
	Email          string               `json:"email,omitempty"`
	Requester      string               `json:"requester"`
	Via            string               `json:"via,omitempty"`
	ReceivedAt     string               `json:"received_at"`
	DueAt          string               `json:"due_at"`
	Overdue        bool                 `json:"overdue"`
	AcknowledgedAt *string              `json:"acknowledged_at,omitempty"`
	ClosedAt       *string              `json:"closed_at,omitempty"`
	Outcome        aduan.RequestOutcome `json:"outcome"`
	Version        int64                `json:"version"`
}

// PrivacyRequestOut renders a request.
func PrivacyRequestOut(r *aduan.PrivacyRequest, now time.Time) *PrivacyRequestJSON {
	return &PrivacyRequestJSON{ID: r.ID, Kind: string(r.Kind), Status: string(r.Status), Phone: r.SubjectPhone, Email: r.SubjectEmail,
		Requester: r.Requester, Via: r.Via, ReceivedAt: formatTime(r.ReceivedAt), DueAt: formatTime(r.DueAt), Overdue: r.Overdue(now),
		AcknowledgedAt: formatTimePtr(r.AcknowledgedAt), ClosedAt: formatTimePtr(r.ClosedAt), Outcome: r.Outcome, Version: r.Version}
}

// SubjectExport renders a dossier for its subject, in lang.
func SubjectExport(d *store.Dossier, r *aduan.PrivacyRequest, lang i18n.Lang) *SubjectExportJSON {
	out := &SubjectExportJSON{GeneratedAt: formatTime(d.At), Phone: aduan.Phone(d.Phone), Email: d.Email,
		Citizens: []SubjectCitizen{}, Stated: []SubjectStated{}, Complaints: []SubjectComplaint{}, Messages: []SubjectMessage{}, Files: []SubjectFile{}, Audit: []SubjectAudit{}}
	if r != nil {
		out.Request = PrivacyRequestOut(r, d.At)
	}
	for _, c := range d.Citizens {
		out.Citizens = append(out.Citizens, SubjectCitizen{ID: c.ID, Name: c.Name, Phone: c.Phone, Email: c.Email, Address: c.Address,
			KelurahanCode: c.KelurahanCode, CreatedAt: formatTime(c.CreatedAt), UpdatedAt: formatTime(c.UpdatedAt)})
	}
	numbers := map[int64]string{}
	for _, c := range d.Complaints {
		numbers[c.ID] = c.Number
		sc := SubjectComplaint{Number: c.Number, Channel: string(c.Channel), Status: string(c.Status), StatusLabel: i18n.T(lang, "status."+string(c.Status)),
			Confidentiality: string(c.Confidentiality), ReceivedAt: formatTime(c.ReceivedAt), ClosedAt: formatTimePtr(c.ClosedAt),
			Category: c.CategoryName, Agency: c.AgencyName, Kelurahan: c.KelurahanName, Address: c.Address, Text: c.Text,
			Answer: c.Answer, AgencyAnswer: c.AgencyAnswer, Steps: []SubjectEvent{}}
		for _, e := range d.Events[c.ID] {
			by := ""
			if e.ActorRole != "" {
				by = i18n.T(lang, "role."+string(e.ActorRole))
			}
			sc.Steps = append(sc.Steps, SubjectEvent{At: formatTime(e.At), Action: string(e.Action), Label: i18n.T(lang, "action."+string(e.Action)), By: by, Details: e.Details})
		}
		out.Complaints = append(out.Complaints, sc)
	}
	for _, st := range d.Stated {
		out.Stated = append(out.Stated, SubjectStated{Complaint: numbers[st.ComplaintID], Name: st.Name, Email: st.Email, Address: st.Address,
			KelurahanCode: st.KelurahanCode, At: formatTime(st.CreatedAt)})
	}
	for _, m := range d.Messages {
		out.Messages = append(out.Messages, SubjectMessage{ID: m.ID, Complaint: m.ComplaintNumber, Channel: string(m.Channel), Direction: string(m.Direction),
			From: m.From, To: m.To, Subject: m.Subject, Body: m.Body, Status: string(m.Status), CreatedAt: formatTime(m.CreatedAt), SentAt: formatTimePtr(m.SentAt)})
	}
	for _, a := range d.Attachments {
		out.Files = append(out.Files, SubjectFile{ID: a.ID, Complaint: numbers[a.ComplaintID], Filename: a.Filename, ContentType: a.ContentType, Size: a.Size, CreatedAt: formatTime(a.CreatedAt)})
	}
	for _, e := range d.Audit {
		by := ""
		if e.ActorRole != "" {
			by = i18n.T(lang, "role."+string(e.ActorRole))
		}
		out.Audit = append(out.Audit, SubjectAudit{At: formatTime(e.At), By: by, Action: e.Action, Entity: e.Entity, ID: e.EntityID, Before: e.Before, After: e.After})
	}
	return out
}

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
	rs, err := a.Store.Privacy().Requests(r.Context(), reqctx.Actor(r))
	if err != nil {
		return err
	}
	out := list[*PrivacyRequestJSON]{Items: []*PrivacyRequestJSON{}}
	now := a.Store.Now()
	for _, x := range rs {
		out.Items = append(out.Items, PrivacyRequestOut(x, now))
	}
	return writeJSON(w, http.StatusOK, out)
}

// CreatePrivacyRequest records a request; its deadline follows from the
// time received.
func (a *API) CreatePrivacyRequest(w http.ResponseWriter, r *http.Request) error {
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
	req, err := a.Store.Privacy().CreateRequest(r.Context(), reqctx.Actor(r), in)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, PrivacyRequestOut(req, a.Store.Now()))
}

// PrivacyExport is everything held about the subject of a request (the
// look-up is audited).
func (a *API) PrivacyExport(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	p := a.Store.Privacy()
	req, err := p.Request(r.Context(), reqctx.Actor(r), id)
	if err != nil {
		return err
	}
	d, err := p.Lookup(r.Context(), reqctx.Actor(r), id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, SubjectExport(d, req, reqctx.Lang(r)))
}

// RetentionDryRun counts what a retention run would change now.
func (a *API) RetentionDryRun(w http.ResponseWriter, r *http.Request) error {
	rep, err := a.Store.Privacy().Retention(r.Context(), reqctx.Actor(r), true, nil)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, rep)
}

// Breaches lists the breach log.
func (a *API) Breaches(w http.ResponseWriter, r *http.Request) error {
	bs, err := a.Store.Privacy().Breaches(r.Context(), reqctx.Actor(r))
	if err != nil {
		return err
	}
	out := list[BreachJSON]{Items: []BreachJSON{}}
	for _, b := range bs {
		kinds := b.DataKinds
		if kinds == nil {
			kinds = []string{}
		}
		out.Items = append(out.Items, BreachJSON{ID: b.ID, Title: b.Title, Description: b.Description, OccurredAt: formatTimePtr(b.OccurredAt),
			DiscoveredAt: formatTime(b.DiscoveredAt), Affected: b.Affected, AffectedCount: b.AffectedCount, DataKinds: kinds, Measures: b.Measures,
			DueAt: formatTime(b.DueAt), SubjectsNotifiedAt: formatTimePtr(b.SubjectsNotifiedAt), SubjectsNotice: b.SubjectsNotice,
			AuthorityNotifiedAt: formatTimePtr(b.AuthorityNotifiedAt), AuthorityNotice: b.AuthorityNotice, ClosedAt: formatTimePtr(b.ClosedAt), Version: b.Version})
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
	stored, err := a.Store.Settings(r.Context())
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
