package aduan

import (
	"regexp"
	"strconv"
	"strings"
)

// numberInText is a complaint number as citizens write it in an SMS, a
// WhatsApp message or an e-mail: any case, the dashes or spaces left out or
// put in, leading zeros dropped (adu 2026 123, ADU-2026-000123).
var numberInText = regexp.MustCompile(`(?i)\bADU[- ]?(\d{4})[- ]?(\d{1,6})\b`)

// FindNumbers returns the complaint numbers written in text, in the form
// FormatNumber gives (so that ParseNumber reads each), in the order they
// appear, without repeats, at most max of them (max <= 0: all). Only the
// numbers complaints can have are taken: a year from 2000, a sequence
// from 1.
func FindNumbers(text string, max int) []string {
	var out []string
	for _, m := range numberInText.FindAllStringSubmatch(text, -1) {
		year, _ := strconv.Atoi(m[1])
		seq, _ := strconv.ParseInt(m[2], 10, 64)
		if year < 2000 || seq <= 0 {
			continue
		}
		n := FormatNumber(year, seq)
		dup := false
		for _, x := range out {
			dup = dup || x == n
		}
		if dup {
			continue
		}
		out = append(out, n)
		if max > 0 && len(out) == max {
			break
		}
	}
	return out
}

// RemoveNumbers removes the complaint numbers written in text (as
// FindNumbers finds them), for reading what else a reply says.
func RemoveNumbers(text string) string {
	return strings.TrimSpace(numberInText.ReplaceAllString(text, ""))
}
