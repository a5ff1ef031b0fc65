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
)

var (
	// Numbers as people write them: groups of digits (see phoneNumbers).
	digitsRe = regexp.MustCompile(`\d+`)
	// The national significant number of an Indonesian mobile
	// (shared/data/phone_formats.json, mobile.nsn_regex) and of a fixed line
	// (an area code of two or three digits, then five to eight digits).
	mobileNSN = regexp.MustCompile(`^8[1-35-9][0-9]{7,10}$`)
	fixedNSN  = regexp.MustCompile(`^[2-7][0-9]{7,9}$`)
)

// Redacted replaces a removed detail.
const Redacted = "[…]"

// Redact removes personal data from a text shown to the public: phone
// numbers in every way Indonesians write them, e-mail addresses and ID
// numbers wherever they are, and the complaining citizen's own name,
// address and e-mail address. Operators type what callers say, and
// citizens write their details into messages, so the text is never shown
// as it is. Every public surface (the tracking page, Open311's requests
// and FixMyStreet's updates) shows texts through it, with the complaint's
// citizen when there is one.
func Redact(text string, cz *aduan.Citizen) string {
	if text == "" {
		return ""
	}
	text = aduan.EmailInText().ReplaceAllString(text, Redacted)
	text = aduan.IDNumberInText().ReplaceAllString(text, Redacted)
	text = redactPhones(text)
	if cz != nil {
		for _, v := range []string{cz.Address, cz.Name} {
			text = removeWords(text, v)
		}
		if cz.Email != "" {
			text = regexp.MustCompile(`(?i)`+regexp.QuoteMeta(cz.Email)).ReplaceAllString(text, Redacted)
		}
	}
	return text
}

// redactPhones replaces every phone number in text: 0812-3456-7890,
// 0812.3456.7890, +62 812 3456 7890, +62-812-…, 62-812-…, +62 (812) …,
// (+62) 812…, +62 (0) 812…, 812 3456 7890 (without its 0), (021) 7777-1234.
// Digits are read in runs: groups joined by at most three separators
// (spaces, dots, dashes, slashes, parentheses), with a '+' or '(' in front.
// A run is removed whole when some of its consecutive groups, read as
// Indonesian (62 or 0 in front, or a mobile's 8 alone), are a mobile or a
// fixed-line number: so no trailing digits of a number stay behind when
// other figures are written next to it (RT/RW, a second number), at the
// price of removing those figures too. Dates and house numbers alone have
// too few digits to be a number.
func redactPhones(text string) string {
	groups := digitsRe.FindAllStringIndex(text, -1)
	var b strings.Builder
	last := 0
	for i := 0; i < len(groups); {
		end := i
		for end+1 < len(groups) && joins(text[groups[end][1]:groups[end+1][0]]) {
			end++
		}
		if hasPhone(text, groups[i:end+1]) {
			from, to := groups[i][0], groups[end][1]
			for from > 0 && strings.ContainsRune("+(", rune(text[from-1])) {
				from--
			}
			if strings.Count(text[from:to], "(") > strings.Count(text[from:to], ")") && to < len(text) && text[to] == ')' {
				to++
			}
			b.WriteString(text[last:from])
			b.WriteString(Redacted)
			last = to
		}
		i = end + 1
	}
	b.WriteString(text[last:])
	return b.String()
}

// hasPhone reports whether some consecutive groups of a run of digits are
// a number.
func hasPhone(text string, run [][]int) bool {
	for i := range run {
		digits := ""
		for j := i; j < len(run) && len(digits) <= 16; j++ {
			digits += text[run[j][0]:run[j][1]]
			if isPhone(digits) {
				return true
			}
		}
	}
	return false
}

// joins reports whether the text between two groups of digits is what
// separates the groups of one written number.
func joins(sep string) bool {
	if sep == "" || len(sep) > 3 {
		return false
	}
	for _, r := range sep {
		if !(r == ' ' || r == '.' || r == '-' || r == '/' || r == '(' || r == ')' || r == '\u00a0' || r == '\t') {
			return false
		}
	}
	return true
}

// isPhone reports whether digits, as written, are an Indonesian number.
func isPhone(d string) bool {
	switch {
	case strings.HasPrefix(d, "62"):
		nsn := strings.TrimPrefix(d[2:], "0") // +62 (0) 812…
		return mobileNSN.MatchString(nsn) || fixedNSN.MatchString(nsn)
	case strings.HasPrefix(d, "0"):
		return mobileNSN.MatchString(d[1:]) || fixedNSN.MatchString(d[1:])
	case strings.HasPrefix(d, "8"):
		return mobileNSN.MatchString(d)
	}
	return false
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
	addr := strings.TrimSpace(c.Address)
	if addr != "" && c.Citizen != nil && c.Citizen.Address != "" && strings.Contains(strings.ToLower(addr), strings.ToLower(strings.TrimSpace(c.Citizen.Address))) {
		addr = ""
	}
	place := aduan.FormatPlace(Redact(addr, c.Citizen), c.KelurahanName, c.KecamatanName)
	if city != "" && place != "" {
		place += ", " + city
	}
	return place
}
