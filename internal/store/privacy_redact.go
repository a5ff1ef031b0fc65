package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"regexp"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/phone"
)

// Redaction for anonymisation. This is not the public redaction of
// internal/citizen (which hides anything that looks personal before a text
// is published): it removes one person's identity from what is kept, in
// every written form, and is what makes an anonymised row anonymous.

// erasedMark replaces a removed detail in kept text.
const erasedMark = "[dihapus]"

// sep is what people put between the digits of a phone number.
const sep = `[\s.\-()/]*`

var (
	// An Indonesian phone number however written (0812-…, 62812…,
	// +62 (812) …, (021) 7777-…), but not a complaint number's digits.
	anyPhoneRe = regexp.MustCompile(`(?:\+` + sep + `62|\b62|\(0|\b0)(?:` + sep + `\d){7,13}`)
)

// personRedactor removes one citizen's identity from texts.
type personRedactor struct {
	res []*regexp.Regexp
}

// newPersonRedactor builds the patterns for cz's name, address, e-mail and
// phone (written 0812…, 62812…, +62 812-…, +62 (812) …). Every e-mail
// address and phone-like number goes too: a caller's second number in a
// message is theirs as well.
//
// Former values count too (a caller who moved wrote their old address in a
// message): former holds the citizen as earlier recorded.
func newPersonRedactor(cz *aduan.Citizen, former ...aduan.Citizen) *personRedactor {
	p := &personRedactor{res: []*regexp.Regexp{aduan.EmailInText(), aduan.IDNumberInText(), anyPhoneRe}}
	if cz == nil {
		return p
	}
	p.add(cz)
	for i := range former {
		p.add(&former[i])
	}
	return p
}

func (p *personRedactor) add(cz *aduan.Citizen) {
	if cz.Email != "" {
		p.res = append(p.res, regexp.MustCompile(`(?i)`+regexp.QuoteMeta(cz.Email)))
	}
	if cz.Phone != "" {
		nsn := strings.TrimPrefix(phone.MSISDN(string(cz.Phone)), "62")
		var b strings.Builder
		b.WriteString(`(?:(?:\+` + sep + `)?62` + sep + `|0` + sep + `)?`)
		for i, d := range nsn {
			if i > 0 {
				b.WriteString(sep)
			}
			b.WriteRune(d)
		}
		p.res = append(p.res, regexp.MustCompile(b.String()))
	}
	for _, v := range []string{cz.Address, cz.Name} {
		if re := wordsRe(v); re != nil {
			p.res = append(p.res, re)
		}
	}
}

// formerIdentities reads the values a citizen had, from the audit log's
// snapshots of their record (created, updated).
func formerIdentities(ctx context.Context, tx *sql.Tx, citizenID int64) ([]aduan.Citizen, error) {
	rows, err := tx.QueryContext(ctx, `SELECT before_json, after_json FROM audit_log WHERE entity = 'citizen' AND entity_id = $1 ORDER BY id`, strconv.FormatInt(citizenID, 10))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []aduan.Citizen
	for rows.Next() {
		var b, a string
		if err := rows.Scan(&b, &a); err != nil {
			return nil, err
		}
		for _, snap := range []string{b, a} {
			var c aduan.Citizen
			if snap != "" && json.Unmarshal([]byte(snap), &c) == nil {
				out = append(out, c)
			}
		}
	}
	return out, rows.Err()
}

// wordsRe matches v as a whole and, for a name, each word of three letters
// or more ("Bu Ani" goes when the citizen is Ani Suryani).
func wordsRe(v string) *regexp.Regexp {
	v = strings.TrimSpace(v)
	if len([]rune(v)) < 3 {
		return nil
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
		return nil
	}
	return re
}

// text removes the identity from s.
func (p *personRedactor) text(s string) string {
	if s == "" {
		return s
	}
	for _, re := range p.res {
		s = re.ReplaceAllString(s, erasedMark)
	}
	return s
}

// identityKeys are the keys of personal values in JSON snapshots (the
// citizen's fields, as the audit log marshals them, and message addresses).
var identityKeys = map[string]bool{"name": true, "phone": true, "email": true, "address": true, "to": true, "from": true,
	"to_addr": true, "from_addr": true, "requester": true, "subject_phone": true, "subject_email": true}

// json redacts a JSON snapshot: values under identity keys of an object
// that describes a person (it has a phone or e-mail key) are blanked, and
// every other string is redacted as text. A snapshot that is not JSON is
// redacted as text.
func (p *personRedactor) json(s string) string {
	if s == "" {
		return s
	}
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		return p.text(s)
	}
	b, err := json.Marshal(p.walk(v))
	if err != nil {
		return p.text(s)
	}
	return string(b)
}

func (p *personRedactor) walk(v any) any {
	switch x := v.(type) {
	case string:
		return p.text(x)
	case []any:
		for i := range x {
			x[i] = p.walk(x[i])
		}
		return x
	case map[string]any:
		person := false
		for k := range x {
			if lk := strings.ToLower(k); lk == "phone" || lk == "email" || lk == "to_addr" || lk == "from_addr" {
				person = true
			}
		}
		for k, e := range x {
			if _, ok := e.(string); ok && person && identityKeys[strings.ToLower(k)] {
				x[k] = ""
				continue
			}
			x[k] = p.walk(e)
		}
		return x
	}
	return v
}

// details redacts an event's details (a JSON object of strings).
func (p *personRedactor) details(s string) string {
	var m map[string]string
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return p.json(s)
	}
	for k, v := range m {
		m[k] = p.text(v)
	}
	b, _ := json.Marshal(m)
	return string(b)
}
