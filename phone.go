package aduan

import "strings"

// Phone is an Indonesian telephone number in E.164 (+62…), or empty when
// unknown. Values come only from internal/phone's parsers at the edge (a
// form, the API, Open311, an inbound message, the seed): the domain has no
// phone library, so it trusts the shape and only reads it. Senders format a
// Phone for their gateway; they never parse raw text.
type Phone string

// String returns the E.164 form.
func (p Phone) String() string { return string(p) }

// Mobile reports whether the number can receive SMS and WhatsApp: every
// Indonesian mobile number starts with 8 after the country code
// (shared/data/phone_formats.json); fixed lines start with an area code 2–7.
func (p Phone) Mobile() bool { return strings.HasPrefix(string(p), "+628") }

// Landline reports whether the number is a fixed line: it can be called
// back but receives no SMS or WhatsApp.
func (p Phone) Landline() bool { return p != "" && !p.Mobile() }

// Tel returns the tel: URI people's phones dial, or "" for no number.
func (p Phone) Tel() string {
	if p == "" {
		return ""
	}
	return "tel:" + string(p)
}
