package export

import (
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

// Time renders a time as RFC 3339 in loc, the city's zone (the time_zone
// setting, store.Zone): +07:00 in a WIB city, +08:00 in a WITA one. Every
// JSON answer and file writes its times through it.
func Time(loc *time.Location, t time.Time) string { return t.In(loc).Format(time.RFC3339) }

// TimePtr is Time of an optional time.
func TimePtr(loc *time.Location, t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := Time(loc, *t)
	return &s
}

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

// PrivacyRequestOut renders a request, its times in loc.
func PrivacyRequestOut(r *aduan.PrivacyRequest, now time.Time, loc *time.Location) *PrivacyRequestJSON {
	return &PrivacyRequestJSON{ID: r.ID, Kind: string(r.Kind), Status: string(r.Status), Phone: r.SubjectPhone, Email: r.SubjectEmail,
		Requester: r.Requester, Via: r.Via, ReceivedAt: Time(loc, r.ReceivedAt), DueAt: Time(loc, r.DueAt), Overdue: r.Overdue(now),
		AcknowledgedAt: TimePtr(loc, r.AcknowledgedAt), ClosedAt: TimePtr(loc, r.ClosedAt), Outcome: r.Outcome, Version: r.Version}
}

// Subject renders a dossier for its subject, in lang, its times in loc.
func Subject(d *store.Dossier, r *aduan.PrivacyRequest, lang i18n.Lang, loc *time.Location) *SubjectExportJSON {
	out := &SubjectExportJSON{GeneratedAt: Time(loc, d.At), Phone: aduan.Phone(d.Phone), Email: d.Email,
		Citizens: []SubjectCitizen{}, Stated: []SubjectStated{}, Complaints: []SubjectComplaint{}, Messages: []SubjectMessage{}, Files: []SubjectFile{}, Audit: []SubjectAudit{}}
	if r != nil {
		out.Request = PrivacyRequestOut(r, d.At, loc)
	}
	for _, c := range d.Citizens {
		out.Citizens = append(out.Citizens, SubjectCitizen{ID: c.ID, Name: c.Name, Phone: c.Phone, Email: c.Email, Address: c.Address,
			KelurahanCode: c.KelurahanCode, CreatedAt: Time(loc, c.CreatedAt), UpdatedAt: Time(loc, c.UpdatedAt)})
	}
	numbers := map[int64]string{}
	for _, c := range d.Complaints {
		numbers[c.ID] = c.Number
		sc := SubjectComplaint{Number: c.Number, Channel: string(c.Channel), Status: string(c.Status), StatusLabel: i18n.T(lang, "status."+string(c.Status)),
			Confidentiality: string(c.Confidentiality), ReceivedAt: Time(loc, c.ReceivedAt), ClosedAt: TimePtr(loc, c.ClosedAt),
			Category: c.CategoryName, Agency: c.AgencyName, Kelurahan: c.KelurahanName, Address: c.Address, Text: c.Text,
			Answer: c.Answer, AgencyAnswer: c.AgencyAnswer, Steps: []SubjectEvent{}}
		for _, e := range d.Events[c.ID] {
			by := ""
			if e.ActorRole != "" {
				by = i18n.T(lang, "role."+string(e.ActorRole))
			}
			sc.Steps = append(sc.Steps, SubjectEvent{At: Time(loc, e.At), Action: string(e.Action), Label: i18n.T(lang, "action."+string(e.Action)), By: by, Details: e.Details})
		}
		out.Complaints = append(out.Complaints, sc)
	}
	for _, st := range d.Stated {
		out.Stated = append(out.Stated, SubjectStated{Complaint: numbers[st.ComplaintID], Name: st.Name, Email: st.Email, Address: st.Address,
			KelurahanCode: st.KelurahanCode, At: Time(loc, st.CreatedAt)})
	}
	for _, m := range d.Messages {
		out.Messages = append(out.Messages, SubjectMessage{ID: m.ID, Complaint: m.ComplaintNumber, Channel: string(m.Channel), Direction: string(m.Direction),
			From: m.From, To: m.To, Subject: m.Subject, Body: m.Body, Status: string(m.Status), CreatedAt: Time(loc, m.CreatedAt), SentAt: TimePtr(loc, m.SentAt)})
	}
	for _, a := range d.Attachments {
		out.Files = append(out.Files, SubjectFile{ID: a.ID, Complaint: numbers[a.ComplaintID], Filename: a.Filename, ContentType: a.ContentType, Size: a.Size, CreatedAt: Time(loc, a.CreatedAt)})
	}
	for _, e := range d.Audit {
		by := ""
		if e.ActorRole != "" {
			by = i18n.T(lang, "role."+string(e.ActorRole))
		}
		out.Audit = append(out.Audit, SubjectAudit{At: Time(loc, e.At), By: by, Action: e.Action, Entity: e.Entity, ID: e.EntityID, Before: e.Before, After: e.After})
	}
	return out
}
