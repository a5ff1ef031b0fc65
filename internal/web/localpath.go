package web

import (
	"net/url"
	"unicode"
)

// sameOriginPath returns s when it names a page of this site, and "" when
// following it could leave the site. It is the one check for every redirect
// target that comes from a request (log-in's next, a form's back).
//
// Browsers forgive a lot in a Location: they drop tabs and line breaks
// (/%09/evil.example becomes //evil.example, another host), read a
// backslash as a slash (/\evil), and take //host and scheme: as absolute.
// So the path must start with exactly one slash and hold no control
// character, space or backslash anywhere, and must parse with no scheme,
// host or user.
func sameOriginPath(s string) string {
	if len(s) == 0 || s[0] != '/' || len(s) > 2048 {
		return ""
	}
	if len(s) > 1 && s[1] == '/' {
		return ""
	}
	for _, c := range s {
		if c < 0x20 || c == 0x7f || c == '\\' || unicode.IsSpace(c) || c == unicode.ReplacementChar {
			return ""
		}
	}
	u, err := url.Parse(s)
	if err != nil || u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		return ""
	}
	return s
}
