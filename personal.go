package aduan

import "regexp"

// What personal data looks like inside a free text, wherever it is
// written: the one rule both the public redaction (internal/citizen,
// before a text is shown) and anonymisation (the store, before a text is
// kept) remove by.
var (
	emailInText = regexp.MustCompile(`(?i)[a-z0-9._%+\-]+@[a-z0-9.\-]+\.[a-z]{2,}`)
	// NIK (national ID) and KK (family card) numbers: sixteen digits.
	idNumberInText = regexp.MustCompile(`\b\d{16}\b`)
)

// EmailInText finds e-mail addresses in a text.
func EmailInText() *regexp.Regexp { return emailInText }

// IDNumberInText finds NIK and KK numbers in a text.
func IDNumberInText() *regexp.Regexp { return idNumberInText }
