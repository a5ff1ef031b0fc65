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

// ReadNumber reads a complaint number as a person types it into a form and
// returns it as FormatNumber writes it. Any case, spaces, dashes, dots or
// slashes, the ADU prefix left out and leading zeros dropped are accepted
// (adu2026000308, ADU 2026 308, ADU-2026-308); a bare sequence of up to six
// digits (308) is taken as a number of year, the current year in the
// city's zone, which the caller passes so that this stays pure. ParseNumber
// stays strict: it reads the stored form the API and the store exchange.
func ReadNumber(s string, year int) (string, bool) {
	s = strings.ToUpper(strings.TrimSpace(s))
	s = strings.TrimPrefix(s, "ADU")
	runs := strings.FieldsFunc(s, func(r rune) bool { return strings.ContainsRune(" \t-./", r) })
	for _, run := range runs {
		if strings.Trim(run, "0123456789") != "" {
			return "", false
		}
	}
	var ys, ss string
	switch {
	case len(runs) == 1 && len(runs[0]) <= 6:
		ss = runs[0]
	case len(runs) == 1 && len(runs[0]) <= 10:
		// Written without separators: the year is the first four digits.
		ys, ss = runs[0][:4], runs[0][4:]
	case len(runs) == 2 && len(runs[0]) == 4 && len(runs[1]) <= 6:
		ys, ss = runs[0], runs[1]
	default:
		return "", false
	}
	if ys != "" {
		year, _ = strconv.Atoi(ys)
	}
	seq, _ := strconv.ParseInt(ss, 10, 64)
	if year < 2000 || year > 9999 || seq <= 0 {
		return "", false
	}
	return FormatNumber(year, seq), true
}
