package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"encoding/hex"
	"io"
	"strings"
	"time"

	"github.com/kotakita/aduan/internal/i18n"
)

// A photo sent with a public form that came back for another field (a
// missing phone, the consent box) is kept on the server, so the citizen
// need not find and choose it again: the form carries a signed token
// naming the kept file ("foto tersimpan") instead of the file itself,
// which a browser never refills.

// keepPrefix is where kept photos wait in the file storage; the nightly
// retention deletes those older than store.KeptUploadTTL.
const keepPrefix = "public-pending/"

// keepPhoto stores data and returns the token that names it.
func (p *Public) keepPhoto(ctx context.Context, data []byte) (string, error) {
	secret, err := p.Web.Stores.Public.PublicSecret(ctx, "form_token")
	if err != nil {
		return "", err
	}
	b := make([]byte, 16)
	rand.Read(b)
	id := hex.EncodeToString(b)
	// Noted before it is written: a file the note misses could never be
	// swept, a note without its file is swept harmlessly.
	if err := p.Web.Store.Attachments().KeepUpload(ctx, keepPrefix+id); err != nil {
		return "", err
	}
	if err := p.Files.Put(ctx, keepPrefix+id, "application/octet-stream", data); err != nil {
		return "", err
	}
	return id + "." + sign(secret, "photo."+id), nil
}

// keptPhoto reads the photo a token names; a token that is not this
// service's, or a file gone, is no photo (ok false), not a failure.
func (p *Public) keptPhoto(ctx context.Context, token string) (data []byte, key string, ok bool, err error) {
	id, mac, found := strings.Cut(token, ".")
	if !found || len(id) != 32 || strings.Trim(id, "0123456789abcdef") != "" || p.Files == nil {
		return nil, "", false, nil
	}
	secret, err := p.Web.Stores.Public.PublicSecret(ctx, "form_token")
	if err != nil {
		return nil, "", false, err
	}
	if !hmac.Equal([]byte(sign(secret, "photo."+id)), []byte(mac)) {
		return nil, "", false, nil
	}
	rc, err := p.Files.Get(ctx, keepPrefix+id)
	if err != nil {
		return nil, "", false, nil
	}
	defer rc.Close()
	data, err = io.ReadAll(io.LimitReader(rc, p.MaxPhoto+1))
	if err != nil {
		return nil, "", false, err
	}
	return data, keepPrefix + id, true, nil
}

// publicField is one field of a public form as its error summary names it:
// the element's id and the label's key.
type publicField struct{ Name, ID, Label string }

// reportFields are the complaint form's fields in the order they appear.
var reportFields = []publicField{
	{"text", "p-text", "pub.report.text"},
	{"category", "p-category", "pub.report.category"},
	{"place", "p-place", "kasi.lapor.street"},
	{"kelurahan", "p-kelurahan", "web.field.kelurahan"},
	{"lat", "p-geo", "pub.report.geo"},
	{"photo", "p-photo", "pub.report.photo"},
	{"phone", "p-phone", "web.field.phone"},
	{"name", "p-name", "web.field.name"},
	{"email", "p-email", "pub.report.email"},
	{"conf", "p-conf", "pub.report.conf"},
	{"consent", "p-consent", "pub.consent.agree"},
}

// SummaryItem is one line of a form's error summary: a link to the field.
type SummaryItem struct{ ID, Label, Message string }

// errorSummary lists the fields with errors in the form's order, each
// with its label, so that the top of the page says everything that needs
// fixing and leads to it.
func errorSummary(lang i18n.Lang, fields []publicField, errs map[string]string) []SummaryItem {
	var out []SummaryItem
	for _, f := range fields {
		if m, ok := errs[f.Name]; ok {
			out = append(out, SummaryItem{ID: f.ID, Label: i18n.T(lang, f.Label), Message: m})
		}
	}
	return out
}

// parseToken verifies a form token's signature and returns its nonce and
// when it was issued.
func (p *Public) parseToken(ctx context.Context, tok string) (string, time.Time, error) {
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		return "", time.Time{}, errFormToken("pub.err.form_token")
	}
	secret, err := p.Web.Stores.Public.PublicSecret(ctx, "form_token")
	if err != nil {
		return "", time.Time{}, err
	}
	if !hmac.Equal([]byte(sign(secret, parts[0]+"."+parts[1])), []byte(parts[2])) {
		return "", time.Time{}, errFormToken("pub.err.form_token")
	}
	issued, err := parseMillis(parts[0])
	if err != nil {
		return "", time.Time{}, errFormToken("pub.err.form_token")
	}
	return parts[1], issued, nil
}
