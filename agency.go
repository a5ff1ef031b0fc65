package aduan

import (
	"regexp"
	"strings"
	"time"
)

// Agency is a Perangkat Daerah (or an outside body the call center forwards
// to, such as PLN or the police).
type Agency struct {
	ID        int64
	Code      string // DPUPR, DISHUB, …
	Name      string
	ShortName string
	Kind      string // dinas, badan, kecamatan, instansi_vertikal, …
	Website   string
	Phone     Phone // the office line (a landline is fine): for a call
	WhatsApp  Phone // the agency operators' WhatsApp number: always a mobile
	Email     string
	Notes     string
	Active    bool
	UpdatedAt time.Time
}

var codeRe = regexp.MustCompile(`^[A-Z0-9][A-Z0-9_-]{0,39}$`)

// Validate checks an agency before it is stored.
func (a *Agency) Validate() error {
	var v Validation
	a.Code = strings.ToUpper(strings.TrimSpace(a.Code))
	a.Name = strings.TrimSpace(a.Name)
	if !codeRe.MatchString(a.Code) {
		v.Add("code", "err.field.code")
	}
	checkText(&v, "name", a.Name, 200, true)
	checkText(&v, "short_name", a.ShortName, 60, false)
	checkText(&v, "kind", a.Kind, 40, false)
	checkText(&v, "website", a.Website, 300, false)
	checkText(&v, "notes", a.Notes, 1000, false)
	return v.Err()
}

// Category is a kind of complaint with the agency that usually handles it.
type Category struct {
	ID              int64
	Code            string
	Name            string
	Keywords        []string
	DefaultAgencyID int64
	LaporCategory   string // the SP4N-LAPOR! category it maps to
	Priority        Priority
	Notes           string
	Public          bool // offered to citizens (web form, Open311)
	Active          bool
}

// Validate checks a category before it is stored.
func (c *Category) Validate() error {
	var v Validation
	c.Code = strings.ToUpper(strings.TrimSpace(c.Code))
	c.Name = strings.TrimSpace(c.Name)
	if !codeRe.MatchString(c.Code) {
		v.Add("code", "err.field.code")
	}
	checkText(&v, "name", c.Name, 200, true)
	if c.Priority == "" {
		c.Priority = PriorityNormal
	}
	if !c.Priority.Valid() {
		v.Add("priority", "err.field.choice")
	}
	checkText(&v, "notes", c.Notes, 1000, false)
	for _, k := range c.Keywords {
		checkText(&v, "keywords", k, 100, true)
	}
	return v.Err()
}

// Kecamatan is a district of the city.
type Kecamatan struct {
	Code    string // Kemendagri code, 32.76.01
	Name    string
	Website string
}

// Kelurahan is a village-level area within a kecamatan.
type Kelurahan struct {
	Code          string // Kemendagri code, 32.76.01.1006
	Name          string
	KecamatanCode string
	PostalCode    string
}

// Holiday is a day off (libur nasional or cuti bersama): working-day
// deadlines skip it.
type Holiday struct {
	Date string // YYYY-MM-DD, WIB
	Name string
}

// Validate checks a holiday.
func (h *Holiday) Validate() error {
	var v Validation
	h.Name = strings.TrimSpace(h.Name)
	if _, err := time.Parse("2006-01-02", h.Date); err != nil {
		v.Add("date", "err.field.date")
	}
	checkText(&v, "name", h.Name, 200, true)
	return v.Err()
}

// AgencyReach is what the call center has for reaching an agency: its own
// contacts and its operators, who take forwarded complaints in the portal.
type AgencyReach struct {
	Agency Agency
	// Operators counts the agency's active operators: with none, nobody
	// can acknowledge or answer a forward in the system.
	Operators int
	// OperatorMobiles counts those of them with a mobile number, to which a
	// forward's WhatsApp goes.
	OperatorMobiles int
}

// Notifiable reports whether a forward's notification has somewhere to go:
// the agency's WhatsApp (a mobile), its e-mail, or an operator's mobile. The
// sender plans exactly these recipients (internal/jobs), so an agency that
// is not notifiable gets no message at all.
func (r *AgencyReach) Notifiable() bool {
	return r.Agency.WhatsApp.Mobile() || r.Agency.Email != "" || r.OperatorMobiles > 0
}

// Reachable reports whether a forward reaches the agency at all: by a
// message, or in the portal, where its operators see what is forwarded to
// them. An agency with neither is told only by the operator (phone, visit),
// who records it on the forward.
func (r *AgencyReach) Reachable() bool { return r.Notifiable() || r.Operators > 0 }
