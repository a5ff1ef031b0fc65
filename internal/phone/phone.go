// Package phone normalises Indonesian mobile numbers to E.164 (+628…), the
// form the system stores and finds returning callers by, and formats them for
// SMS/WhatsApp gateways and for people.
//
// Only mobile numbers are accepted: the number is how the call center calls
// or texts the citizen back, and a fixed line can receive neither SMS nor
// WhatsApp. The rules are those of shared/data/phone_formats.json (a copy is
// in internal/seed/data): a mobile national significant number matches
// ^8[1-35-9][0-9]{7,10}$, and libphonenumber (github.com/nyaruka/phonenumbers)
// must agree that it is an Indonesian MOBILE (or FIXED_LINE_OR_MOBILE) number.
package phone

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"github.com/nyaruka/phonenumbers"

	"github.com/kotakita/aduan"
)

// Region is the default region numbers are read in.
const Region = "ID"

// ErrInvalid is wrapped by every error Normalize returns. The errors never
// contain the raw input, which is personal data and must not reach the logs.
var ErrInvalid = errors.New("phone: not an Indonesian mobile number")

// maxRawLen bounds the input looked at: the longest real number with
// generous separators is well under it.
const maxRawLen = 64

// maxDigits is the most digits an accepted number can have: "62" and a
// 12-digit NSN is 14; "0" and 12 is 13. A little slack lets a stray trunk 0
// after the country code ("+62 (0) 812…") through to the library, which
// drops it.
const maxDigits = 15

// e164Re is the shape of every accepted result (phone_formats.json,
// mobile.nsn_regex, with the country code in front).
var e164Re = regexp.MustCompile(`^\+628[1-35-9][0-9]{7,10}$`)

func invalid(reason string) error { return fmt.Errorf("%w: %s", ErrInvalid, reason) }

// Normalize returns the E.164 form (+628…) of an Indonesian mobile number
// written as 08…, 628…, +628… or 8…, with any spaces, dashes, dots, slashes
// and parentheses ("(+62) 812-3456-7890", "0812.3456.7890"). Anything else is
// an error wrapping ErrInvalid: empty input, letters (including "ext."),
// fixed lines (021…), foreign numbers, and numbers too short or too long.
//
// An optional field should be checked for emptiness before calling Normalize.
func Normalize(raw string) (string, error) {
	digits, plus, err := digitsOf(raw)
	if err != nil {
		return "", err
	}
	if len(digits) == 0 {
		return "", invalid("empty")
	}
	if len(digits) > maxDigits {
		return "", invalid("too long")
	}

	// Decide how the digits are meant before the library sees them. The
	// library alone would read "62812345678" as a fixed line in area 0628
	// (Aceh); a mobile-only field means 62 is the country code, which is
	// also what MSISDN produces and so must read back.
	var toParse string
	d := string(digits)
	switch {
	case plus:
		if !strings.HasPrefix(d, "62") {
			return "", invalid("not an Indonesian number")
		}
		toParse = "+" + d
	case strings.HasPrefix(d, "62"):
		toParse = "+" + d
	case strings.HasPrefix(d, "00"):
		// An international dialling prefix: not a way citizens give a
		// number to an Indonesian call center.
		return "", invalid("international prefix")
	case strings.HasPrefix(d, "0"):
		toParse = d
	case strings.HasPrefix(d, "8"):
		toParse = "0" + d
	default:
		return "", invalid("not a mobile number")
	}

	num, err := phonenumbers.Parse(toParse, Region)
	if err != nil {
		return "", invalid("unparseable")
	}
	if phonenumbers.GetRegionCodeForNumber(num) != Region {
		return "", invalid("not an Indonesian number")
	}
	switch phonenumbers.GetNumberType(num) {
	case phonenumbers.MOBILE, phonenumbers.FIXED_LINE_OR_MOBILE:
	default:
		return "", invalid("not a mobile number")
	}
	out := phonenumbers.Format(num, phonenumbers.E164)
	if !e164Re.MatchString(out) {
		return "", invalid("not a mobile number")
	}
	return out, nil
}

// NormalizeField is Normalize for a named input field: its error is an
// EINVALID *aduan.Error naming field with the key "err.field.phone", so that
// a surface can show it beside the field. The error also wraps ErrInvalid.
func NormalizeField(field, raw string) (string, error) {
	s, err := Normalize(raw)
	if err != nil {
		de := &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input",
			Fields: []aduan.FieldError{{Field: field, Key: "err.field.phone"}}}
		return "", &fieldError{de: de, cause: err}
	}
	return s, nil
}

// fieldError reads as the domain error and unwraps to both it and the
// phone error, so aduan.ErrorCode and errors.Is(err, ErrInvalid) both work.
type fieldError struct {
	de    *aduan.Error
	cause error
}

func (e *fieldError) Error() string   { return e.de.Error() }
func (e *fieldError) Unwrap() []error { return []error{e.de, e.cause} }

// MSISDN returns the number as Indonesian SMS and WhatsApp gateways want it:
// digits only, country code first, no '+' ("+6281234567890" →
// "6281234567890"). It expects the output of Normalize.
func MSISDN(e164 string) string {
	return strings.TrimPrefix(e164, "+")
}

// Display returns the Indonesian national format people read and dial, as
// "0812-3456-7890" or "(021) 77200123". A value that is not a number Parse
// accepts is returned unchanged.
func Display(e164 string) string {
	if !e164Re.MatchString(e164) && !landlineRe.MatchString(e164) {
		return e164
	}
	num, err := phonenumbers.Parse(e164, Region)
	if err != nil {
		return e164
	}
	return phonenumbers.Format(num, phonenumbers.NATIONAL)
}

// Last4 returns the last four digits: the secret the public tracking page
// asks for with a complaint's number. Never show them to a role that may not
// see the number (see Masked). A value with fewer than four digits yields
// the digits it has.
func Last4(e164 string) string {
	var d []byte
	for i := len(e164) - 1; i >= 0 && len(d) < 4; i-- {
		if c := e164[i]; c >= '0' && c <= '9' {
			d = append(d, c)
		}
	}
	for i, j := 0, len(d)-1; i < j; i, j = i+1, j-1 {
		d[i], d[j] = d[j], d[i]
	}
	return string(d)
}

// Masked is how a phone number or an e-mail address is shown to a role that
// may not see who it is: which kind of address it is, and nothing of it. In
// particular no trailing digits: the last four digits of the phone a
// complaint was filed from are what the public tracking page (/lacak) asks
// for with the complaint's number, so a role that saw them could read there
// what it may not read in the console (a rahasia complaint's answer); and
// any part of an anonymous caller's number or mail domain tells something of
// who they are. Empty stays empty.
func Masked(addr string) string {
	switch {
	case addr == "":
		return ""
	case strings.Contains(addr, "@"):
		return "…@…"
	}
	return "…"
}

// Landline numbers: an area code of 2–3 digits after the trunk 0 (021
// Jakarta/Depok, 0251 Bogor…) and a subscriber number, 8 to 11 digits in
// all (phone_formats.json, fixed_line).
var landlineRe = regexp.MustCompile(`^\+62[2-7][0-9]{7,10}$`)

// Parse reads any Indonesian number a person can be called back on: a
// mobile (as Normalize) or a fixed line ("021-7720 0123", "(0251) 8602514",
// "+62 21 7720 0123"). Whether it can receive SMS or WhatsApp is the
// result's Mobile(). The error wraps ErrInvalid and never holds the input.
func Parse(raw string) (aduan.Phone, error) {
	if p, err := Normalize(raw); err == nil {
		return aduan.Phone(p), nil
	}
	digits, plus, err := digitsOf(raw)
	if err != nil {
		return "", err
	}
	d := string(digits)
	if len(d) < 8 || len(d) > maxDigits {
		return "", invalid("length")
	}
	var toParse string
	switch {
	case strings.HasPrefix(d, "62"):
		toParse = "+" + d
	case plus:
		return "", invalid("not an Indonesian number")
	case strings.HasPrefix(d, "0") && !strings.HasPrefix(d, "00"):
		toParse = d
	default:
		return "", invalid("not a number")
	}
	num, err := phonenumbers.Parse(toParse, Region)
	if err != nil || phonenumbers.GetRegionCodeForNumber(num) != Region || !phonenumbers.IsValidNumber(num) {
		return "", invalid("not a valid number")
	}
	if phonenumbers.GetNumberType(num) != phonenumbers.FIXED_LINE {
		return "", invalid("not a fixed line or mobile number")
	}
	out := phonenumbers.Format(num, phonenumbers.E164)
	if !landlineRe.MatchString(out) {
		return "", invalid("not a fixed line")
	}
	return aduan.Phone(out), nil
}

// ParseMobile is Parse for a number that must receive SMS or WhatsApp.
func ParseMobile(raw string) (aduan.Phone, error) {
	p, err := Normalize(raw)
	return aduan.Phone(p), err
}

// ParseField is Parse for an optional input field: empty input is no
// number; a bad one is an EINVALID *aduan.Error naming field
// ("err.field.phone_number"), which also wraps ErrInvalid.
func ParseField(field, raw string) (aduan.Phone, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", nil
	}
	p, err := Parse(raw)
	if err != nil {
		return "", newFieldError(field, "err.field.phone_number", err)
	}
	return p, nil
}

// ParseMobileField is ParseField for a number that SMS or WhatsApp goes to
// (an agency's WhatsApp, a user's phone): a fixed line gets its own message
// ("err.field.phone_landline") saying why it is refused.
func ParseMobileField(field, raw string) (aduan.Phone, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return "", nil
	}
	p, err := Parse(raw)
	if err != nil {
		return "", newFieldError(field, "err.field.phone", err)
	}
	if p.Mobile() {
		return p, nil
	}
	return "", newFieldError(field, "err.field.phone_landline", invalid("fixed line"))
}

func newFieldError(field, key string, cause error) error {
	de := &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input",
		Fields: []aduan.FieldError{{Field: field, Key: key}}}
	return &fieldError{de: de, cause: cause}
}

// digitsOf reads a number as people write it: its digits, and whether a
// '+' stood in front of them. Separators (spaces, '-', '.', '/',
// parentheses) are dropped; a '+' is allowed only once, before the first
// digit ("(+62) 812…" is fine, "0812+3456" is not); anything else is
// refused.
func digitsOf(raw string) (digits []byte, plus bool, err error) {
	if len(raw) > maxRawLen {
		return nil, false, invalid("too long")
	}
	digits = make([]byte, 0, len(raw))
	for _, r := range raw {
		switch {
		case r >= '0' && r <= '9':
			digits = append(digits, byte(r))
		case r == '+':
			if plus || len(digits) > 0 {
				return nil, false, invalid("misplaced '+'")
			}
			plus = true
		case r == '-' || r == '.' || r == '(' || r == ')' || r == '/' || unicode.IsSpace(r):
		default:
			return nil, false, invalid("unexpected character")
		}
	}
	return digits, plus, nil
}
