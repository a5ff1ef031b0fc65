// Package i18n is the message catalogue: every user-facing string, in
// Indonesian (the default) and English, and the WIB date formats.
package i18n

import (
	"fmt"
	"strings"
	"time"

	"github.com/kotakita/aduan"
)

// Lang is a language of the catalogue.
type Lang string

// The languages. Indonesian is the default.
const (
	ID Lang = "id"
	EN Lang = "en"
)

// Parse returns the language for a code, defaulting to Indonesian.
func Parse(s string) Lang {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(s)), "en") {
		return EN
	}
	return ID
}

// Negotiate picks the language from an Accept-Language header: the first
// of id or en in the caller's order of preference, else Indonesian.
func Negotiate(header string) Lang {
	best, bestQ := ID, -1.0
	for i, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			fmt.Sscanf(v, "%g", &q)
		}
		q -= float64(i) * 1e-6 // earlier wins a tie
		tag = strings.ToLower(tag)
		var l Lang
		switch {
		case tag == "id" || strings.HasPrefix(tag, "id-") || tag == "in":
			l = ID
		case tag == "en" || strings.HasPrefix(tag, "en-"):
			l = EN
		default:
			continue
		}
		if q > bestQ {
			best, bestQ = l, q
		}
	}
	return best
}

// T returns the message for key in lang, formatted with args. String args
// that are themselves catalogue keys (status.recorded, action.forward) are
// translated first, so that the domain can name things without knowing the
// language. An unknown key comes back as itself, which a test forbids.
func T(lang Lang, key string, args ...any) string {
	m, ok := messages[key]
	if !ok {
		return key
	}
	s := m[0]
	if lang == EN {
		s = m[1]
	}
	if len(args) == 0 {
		return s
	}
	args = append([]any(nil), args...) // never translate the caller's slice in place
	for i, a := range args {
		if k, ok := a.(string); ok {
			if _, ok := messages[k]; ok {
				args[i] = T(lang, k)
			}
		}
	}
	return fmt.Sprintf(s, args...)
}

// Has reports whether key is in the catalogue.
func Has(key string) bool {
	_, ok := messages[key]
	return ok
}

// Keys lists every key, for tests.
func Keys() []string {
	out := make([]string, 0, len(messages))
	for k := range messages {
		out = append(out, k)
	}
	return out
}

var monthsID = [...]string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}
var daysID = [...]string{"Minggu", "Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu"}

// Local is t in the city's zone: its own zone when the caller put it in
// one (aduan.Zone of the time_zone setting, or an offset read back from a
// document), else WIB, the default, for times as the database returns them
// (UTC). Every formatter here goes through it, so that a WITA or WIT city
// that passes its times in its zone sees them there.
func Local(t time.Time) time.Time {
	if l := t.Location(); l == time.UTC || l == time.Local {
		return t.In(aduan.WIB)
	}
	return t
}

// ZoneName is the name of t's zone as Indonesians write it (WIB, WITA,
// WIT), found by its offset when the zone carries no name (a time parsed
// from RFC 3339).
func ZoneName(t time.Time) string {
	t = Local(t)
	name, off := t.Zone()
	for n, z := range aduan.Zones {
		if _, zo := t.In(z).Zone(); zo == off {
			return n
		}
	}
	return name
}

// Date formats a date in the city's zone the Indonesian way: 27 November 2026.
func Date(lang Lang, t time.Time) string {
	t = Local(t)
	if lang == EN {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("%d %s %d", t.Day(), monthsID[t.Month()-1], t.Year())
}

// DateTime formats a time in the city's zone: 27 November 2026 14.05 WIB
// (Indonesian writes the time with a dot).
func DateTime(lang Lang, t time.Time) string {
	t = Local(t)
	if lang == EN {
		return t.Format("2 January 2006 15:04") + " " + ZoneName(t)
	}
	return fmt.Sprintf("%s %02d.%02d %s", Date(lang, t), t.Hour(), t.Minute(), ZoneName(t))
}

// Weekday names the day of the week of t in the city's zone.
func Weekday(lang Lang, t time.Time) string {
	t = Local(t)
	if lang == EN {
		return t.Weekday().String()
	}
	return daysID[t.Weekday()]
}

// Duration renders a duration for people: 1 jam 5 menit.
func Duration(lang Lang, d time.Duration) string {
	neg := d < 0
	if neg {
		d = -d
	}
	days := int(d / (24 * time.Hour))
	h := int(d/time.Hour) % 24
	m := int(d/time.Minute) % 60
	var parts []string
	unit := func(n int, id, en string) {
		if n == 0 {
			return
		}
		if lang == EN {
			s := en
			if n != 1 {
				s += "s"
			}
			parts = append(parts, fmt.Sprintf("%d %s", n, s))
		} else {
			parts = append(parts, fmt.Sprintf("%d %s", n, id))
		}
	}
	unit(days, "hari", "day")
	unit(h, "jam", "hour")
	if days == 0 {
		unit(m, "menit", "minute")
	}
	if len(parts) == 0 {
		if lang == EN {
			return "under a minute"
		}
		return "kurang dari 1 menit"
	}
	s := strings.Join(parts, " ")
	if neg {
		s = "-" + s
	}
	return s
}
