// Package citizen is what the city tells citizens who ask about their own
// complaints outside the call center: the public view of a complaint (its
// status and steps with every personal detail removed), shared by the
// tracking page and Open311; the SMS commands (STATUS ADU-2026-000123);
// and the one-question satisfaction survey sent by SMS after a complaint is
// closed, whose scores feed the monthly report.
package citizen

import (
	"regexp"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/phone"
)

var (
	// Indonesian phone numbers as people write them: 0812-3456-7890,
	// +62 812 3456 7890, 62812…, (021) 7777-1234.
	phoneRe = regexp.MustCompile(`(?:\+?62|\(?0)\d{1,4}\)?(?:[\s.\-]?\d){6,11}`)
	emailRe = regexp.MustCompile(`(?i)[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]{2,}`)
	// NIK (national ID) and KK numbers: sixteen digits.
	nikRe = regexp.MustCompile(`\b\d{16}\b`)
)

// Redacted replaces a removed detail.
const Redacted = "[…]"

// Redact removes personal data from a text shown to the public: phone
// numbers, e-mail addresses and ID numbers wherever they are written, and
// the complaining citizen's own name and address. Operators type what
// callers say, and citizens write their details into messages, so the
// text is never shown as it is.
func Redact(text string, cz *aduan.Citizen) string {
	if text == "" {
		return ""
	}
	text = emailRe.ReplaceAllString(text, Redacted)
	text = nikRe.ReplaceAllString(text, Redacted)
	text = phoneRe.ReplaceAllStringFunc(text, func(s string) string {
		digits := 0
		for _, r := range s {
			if r >= '0' && r <= '9' {
				digits++
			}
		}
		if digits < 9 { // a house number or a date, not a phone
			return s
		}
		return Redacted
	})
	if cz != nil {
		for _, v := range []string{cz.Address, cz.Name} {
			text = removeWords(text, v)
		}
		if cz.Phone != "" {
			text = strings.ReplaceAll(text, phone.MSISDN(string(cz.Phone)), Redacted)
		}
	}
	return text
}

// removeWords removes v (case-insensitively, as whole words) and, for a
// name, each of its words of three letters or more: "Bu Ani" must go when
// the citizen is Ani Lestari.
func removeWords(text, v string) string {
	v = strings.TrimSpace(v)
	if len([]rune(v)) < 3 {
		return text
	}
	parts := []string{regexp.QuoteMeta(v)}
	if !strings.ContainsAny(v, "0123456789") {
		for _, w := range strings.Fields(v) {
			if len([]rune(w)) >= 3 {
				parts = append(parts, regexp.QuoteMeta(w))
			}
		}
	}
	re, err := regexp.Compile(`(?i)\b(?:` + strings.Join(parts, "|") + `)\b`)
	if err != nil {
		return text
	}
	return re.ReplaceAllString(text, Redacted)
}

// Open reports the Open311 status of a complaint: open, or closed once the
// call center has closed it (or merged it into another).
func Open(c *aduan.Complaint) bool {
	return c.Status != aduan.StatusClosed && c.Status != aduan.StatusDuplicate && c.Status != aduan.StatusRejected
}

// PublicSteps keeps the events a citizen may see: the workflow steps (not
// notes, edits or the internal ones in between).
func PublicSteps(evs []aduan.Event) []aduan.Event {
	var out []aduan.Event
	for _, e := range evs {
		switch e.Action {
		case aduan.ActionEdit, aduan.ActionNote:
			continue
		}
		e.ActorName, e.ActorID, e.ActorRole = "", 0, ""
		e.Details = nil
		out = append(out, e)
	}
	return out
}

// Answer is the answer the citizen was given, once it was given, with
// personal data removed; empty while there is none.
func Answer(c *aduan.Complaint) string {
	switch c.Status {
	case aduan.StatusAnswered, aduan.StatusRelayed, aduan.StatusClosed:
		return Redact(c.Answer, c.Citizen)
	}
	return ""
}

// Place is where the complaint is about, for the public: its address unless
// that is the citizen's own, then the kelurahan and kecamatan.
func Place(c *aduan.Complaint, city string) string {
	var parts []string
	addr := strings.TrimSpace(c.Address)
	if addr != "" && !(c.Citizen != nil && c.Citizen.Address != "" && strings.Contains(strings.ToLower(addr), strings.ToLower(strings.TrimSpace(c.Citizen.Address)))) {
		parts = append(parts, Redact(addr, c.Citizen))
	}
	if c.KelurahanName != "" {
		parts = append(parts, "Kel. "+c.KelurahanName)
	}
	if c.KecamatanName != "" {
		parts = append(parts, "Kec. "+c.KecamatanName)
	}
	if city != "" && len(parts) > 0 {
		parts = append(parts, city)
	}
	return strings.Join(parts, ", ")
}
