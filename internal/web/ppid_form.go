package web

import (
	"context"
	"errors"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
)

// The public form for a new request for information (permohonan informasi
// publik), beside the complaint form /lapor and held off from abuse the same
// way (pages_public.go): the submissions per address and hour, counted in
// the same bucket as /lapor's so that alternating the forms gains nothing;
// the field people never see; the signed form token used once and not
// sent too fast. The requester gives the identity the law asks (UU 14/2008
// art. 22(2)); what staff decide (the channel, the time received, the
// contact, the agency) is never read from the form.

// infoFormFields are the form's fields.
var infoFormFields = []string{"name", "address", "phone", "email", "id_number", "information", "purpose", "medium", "delivery"}

type infoFormData struct {
	Form       map[string]string
	Consent    bool
	Errors     map[string]string
	Error      string
	Limited    bool
	Token      string
	Media      []string
	Deliveries []string
	Settings   map[string]string
}

func (p *Public) infoForm(ctx context.Context, form map[string]string) (*infoFormData, error) {
	p.defaults()
	d := &infoFormData{Form: form, Errors: map[string]string{}, Media: aduan.InfoMedia, Deliveries: aduan.InfoDeliveries}
	var err error
	if d.Settings, err = p.Web.Stores.Public.PublicSettings(ctx); err != nil {
		return nil, err
	}
	return d, nil
}

// renderInfoForm shows the form with a fresh token (also when the
// request's own deadline has passed, so that it can be sent again).
func (p *Public) renderInfoForm(rw http.ResponseWriter, r *http.Request, status int, d *infoFormData) error {
	tctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 2*time.Second)
	defer cancel()
	tok, err := p.newToken(tctx)
	if err != nil {
		return err
	}
	d.Token = tok
	return p.Web.render(rw, r, status, "ppid_form", &Page{Title: i18n.T(langOf(r), "pub.ppid.form_title"), Data: d})
}

// InfoFormPage is the empty form.
func (p *Public) InfoFormPage(rw http.ResponseWriter, r *http.Request) error {
	d, err := p.infoForm(r.Context(), map[string]string{"medium": "softcopy", "delivery": "email"})
	if err != nil {
		return err
	}
	return p.renderInfoForm(rw, r, http.StatusOK, d)
}

// InfoForm registers a request from the public form and leads to the page
// with its number; a refused form comes back with what was typed and each
// problem beside its field.
func (p *Public) InfoForm(rw http.ResponseWriter, r *http.Request) error {
	lang, ctx := langOf(r), r.Context()
	if err := r.ParseForm(); err != nil {
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	form := map[string]string{}
	for _, f := range infoFormFields {
		form[f] = strings.TrimSpace(r.PostForm.Get(f))
	}
	d, err := p.infoForm(ctx, form)
	if err != nil {
		return err
	}
	d.Consent = r.PostForm.Get("consent") == "1"
	ok, retry, err := p.submitAllowed(ctx, r)
	if err != nil {
		return err
	}
	if !ok {
		d.Limited = true
		d.Error = i18n.T(lang, "pub.ppid.err.limit", int(retry.Minutes())+1, d.Settings["call_center_phone"])
		rw.Header().Set("Retry-After", strconv.Itoa(int(retry.Seconds())+1))
		return p.renderInfoForm(rw, r, http.StatusTooManyRequests, d)
	}
	if robot(r) {
		d.Error = i18n.T(lang, "pub.ppid.err.rejected")
		return p.renderInfoForm(rw, r, http.StatusBadRequest, d)
	}
	in := aduan.NewInfoRequest{Channel: aduan.ChannelWeb, Name: form["name"], Address: form["address"], Phone: form["phone"],
		Email: form["email"], IDNumber: form["id_number"], Information: form["information"], Purpose: form["purpose"],
		Medium: form["medium"], Delivery: form["delivery"]}
	// The fields are checked before the token so that a refused token
	// shows the fields' problems with it; the store checks them again.
	verr := in.Validate(p.Web.Stores.Clock.Now())
	if !d.Consent {
		verr = withField(verr, "consent", "pub.ppid.err.consent")
	}
	nonce, err := p.checkToken(ctx, r.PostForm.Get("token"))
	if err != nil {
		var fe errFormToken
		if !errors.As(err, &fe) {
			return err
		}
		if verr != nil {
			d.Errors, _, _ = formErrors(lang, verr)
		}
		d.Error = i18n.T(lang, string(fe))
		return p.renderInfoForm(rw, r, http.StatusBadRequest, d)
	}
	if verr != nil {
		d.Errors, d.Error, _ = formErrors(lang, verr)
		return p.renderInfoForm(rw, r, http.StatusBadRequest, d)
	}
	if fresh, err := p.Web.Stores.Public.UseNonce(ctx, nonce); err != nil {
		return err
	} else if !fresh {
		d.Error = i18n.T(lang, "pub.ppid.err.form_used")
		return p.renderInfoForm(rw, r, http.StatusBadRequest, d)
	}
	req, err := p.Web.Stores.PPID.Register(ctx, aduan.Actor{System: true, Name: "web-publik"}, in, p.Web.infoNotify())
	if err != nil {
		fields, msg, ok := formErrors(lang, err)
		if !ok || aduan.ErrorCode(err) != aduan.EINVALID {
			return err
		}
		d.Errors, d.Error = fields, msg
		return p.renderInfoForm(rw, r, http.StatusBadRequest, d)
	}
	http.Redirect(rw, r, "/informasi/terkirim?nomor="+req.Number, http.StatusSeeOther)
	return nil
}

// withField adds a field's problem to a validation error (or makes one).
func withField(err error, field, key string) error {
	e, ok := aduan.AsError(err)
	if !ok {
		e = &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input"}
	}
	e.Fields = append(e.Fields, aduan.FieldError{Field: field, Key: key})
	return e
}

var infoNumberRE = regexp.MustCompile(`^PPID-[0-9]{4}-[0-9]{6}$`)

// InfoSent gives the requester their number and how to follow it.
func (p *Public) InfoSent(rw http.ResponseWriter, r *http.Request) error {
	number := strings.ToUpper(strings.TrimSpace(r.URL.Query().Get("nomor")))
	if !infoNumberRE.MatchString(number) {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.info_request")
	}
	settings, err := p.Web.Stores.Public.PublicSettings(r.Context())
	if err != nil {
		return err
	}
	return p.Web.render(rw, r, http.StatusOK, "ppid_sent", &Page{Title: i18n.T(langOf(r), "pub.ppid.sent_title"),
		Data: map[string]any{"Number": number, "Settings": settings}})
}
