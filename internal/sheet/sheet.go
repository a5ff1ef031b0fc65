// Package sheet holds the one rule for text written into a spreadsheet
// file (CSV or XLSX) that the system exports: text that came from anyone
// (a citizen's complaint, a library entry made from it, a name) is data and
// must never run as a formula when the file is opened.
package sheet

// Neutralize returns s as a cell's text that no spreadsheet reads as a
// formula (CSV injection, OWASP's "CSV Injection"): a value that starts with
// = + - @, a tab, a carriage return or a line feed (also after leading
// spaces, which some programs skip) gets a leading apostrophe, which
// spreadsheets take as "text follows". A phone number in E.164 (+ and digits
// only) is left as it is: it is a number, not a formula.
//
// A value that already starts with an apostrophe followed by such a value
// gets one more, so that Restore gives back exactly what was written.
func Neutralize(s string) string {
	if risky(s) {
		return "'" + s
	}
	return s
}

// Restore undoes Neutralize for a file read back (the library's import of
// its own export): one leading apostrophe before a value Neutralize would
// have marked is dropped. Restore(Neutralize(s)) == s for every s.
func Restore(s string) string {
	if len(s) > 1 && s[0] == '\'' && risky(s[1:]) {
		return s[1:]
	}
	return s
}

func risky(s string) bool {
	i := 0
	for i < len(s) && s[i] == ' ' {
		i++
	}
	if i == len(s) {
		return false
	}
	switch s[i] {
	case '=', '-', '@', '\t', '\r', '\n':
		return true
	case '+':
		if i > 0 || len(s) == 1 {
			return true
		}
		for _, c := range s[1:] {
			if c < '0' || c > '9' {
				return true
			}
		}
		return false
	case '\'':
		// Marked already or not, one more keeps Restore exact.
		return i == 0 && risky(s[1:])
	}
	return false
}
