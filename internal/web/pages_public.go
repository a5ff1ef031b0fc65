package web

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/citizen"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// Public serves the citizens' own pages, which need no log-in: tracking a
// complaint by its number and the last four digits of the phone it was
// filed from, and the public complaint form (mobile first, with a photo and
// the place by kelurahan or by the phone's position). Abuse is held off
// without any outside captcha service: a signed, time-stamped form token
// used once and not before a minimum time to fill the form, a field hidden
// from people that robots fill in, and per-address limits kept in the
// database (so every instance counts the same).
type Public struct {
	Web *Web
	// Files keeps the photos; nil refuses them (the form says so).
	Files attach.Storage
	// MaxPhoto bounds one photo (default 10 MiB).
	MaxPhoto int64
	// MinFill is the least time between showing the form and sending it
	// (default 4 s): people take longer, scripts do not.
	MinFill time.Duration
	// MaxAge is how long a form stays valid (default 2 h).
	MaxAge time.Duration
	// SubmitsPerHour bounds the forms sent from one address (default 10).
	SubmitsPerHour int
	// TracksPerWindow bounds tracking attempts from one address per
	// TrackWindow (default 10 per 15 min), and failed attempts on one
	// complaint number to as many per hour: four digits are easily guessed
	// otherwise.
	TracksPerWindow int
	TrackWindow     time.Duration
	// FiguresTTL is how long the public figures of a year are kept before
	// they are computed again (default 5 min).
	FiguresTTL time.Duration

	figs figuresCache
}

func (p *Public) defaults() {
	p.MaxPhoto = p.PhotoLimit()
	if p.MinFill <= 0 {
		p.MinFill = 4 * time.Second
	}
	if p.MaxAge <= 0 {
		p.MaxAge = 2 * time.Hour
	}
	if p.SubmitsPerHour <= 0 {
		p.SubmitsPerHour = 10
	}
	if p.TracksPerWindow <= 0 {
		p.TracksPerWindow = 10
	}
	if p.TrackWindow <= 0 {
		p.TrackWindow = 15 * time.Minute
	}
}

func remoteIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// trackData is what the tracking page shows.
type trackData struct {
	Number, Last4 string
	Error         string
	Limited       bool
	C             *aduan.Complaint
	Steps         []aduan.Event
	Answer        string
	Place         string
	// Main is the original a duplicate was merged into, with its steps.
	Main      *aduan.Complaint
	MainSteps []aduan.Event
}

// TrackPage shows the tracking form (?nomor= fills the number).
func (p *Public) TrackPage(rw http.ResponseWriter, r *http.Request) error {
	number, err := p.readNumber(r, r.URL.Query().Get("nomor"))
	if err != nil {
		return err
	}
	d := &trackData{Number: number}
	return p.Web.render(rw, r, http.StatusOK, "public_track", &Page{Title: i18n.T(langOf(r), "pub.track.title"), Data: d})
}

// readNumber is the complaint number as the citizen typed it, written as
// the store keeps it when it reads as one (a bare sequence is of this year
// in the city's zone, the year numbers are given in), else trimmed as typed
// so that the form shows it back. The failed-guess limit below counts the
// written form, so that typing one number in several ways gains nothing.
func (p *Public) readNumber(r *http.Request, typed string) (string, error) {
	cityNow, err := p.Web.cityNow(r)
	if err != nil {
		return "", err
	}
	if n, ok := aduan.ReadNumber(typed, cityNow.Year()); ok {
		return n, nil
	}
	return strings.TrimSpace(typed), nil
}

// Track looks a complaint up by its number and the last four digits of the
// phone it was filed from. The result is a page, never a redirect: the
// digits stay out of URLs and logs.
func (p *Public) Track(rw http.ResponseWriter, r *http.Request) error {
	p.defaults()
	lang := langOf(r)
	if err := r.ParseForm(); err != nil {
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	number, err := p.readNumber(r, r.PostForm.Get("nomor"))
	if err != nil {
		return err
	}
	d := &trackData{Number: number, Last4: strings.TrimSpace(r.PostForm.Get("hp4"))}
	page := &Page{Title: i18n.T(lang, "pub.track.title"), Data: d}
	ctx := r.Context()
	limited := func(retry time.Duration) error {
		d.Limited, d.Error, d.Last4 = true, i18n.T(lang, "pub.err.track_limit", int(retry.Minutes())+1), ""
		rw.Header().Set("Retry-After", strconv.Itoa(int(retry.Seconds())+1))
		return p.Web.render(rw, r, http.StatusTooManyRequests, "public_track", page)
	}
	ok, retry, err := p.Web.Stores.Limiter.Hit(ctx, "track-ip:"+remoteIP(r), p.TrackWindow, p.TracksPerWindow)
	if err != nil {
		return err
	}
	if !ok {
		return limited(retry)
	}
	if _, _, valid := aduan.ParseNumber(d.Number); !valid || len(d.Last4) != 4 || strings.Trim(d.Last4, "0123456789") != "" {
		d.Error = i18n.T(lang, "pub.err.track_input")
		return p.Web.render(rw, r, http.StatusBadRequest, "public_track", page)
	}
	// Failed guesses on one number are limited wherever they come from.
	failBucket := "track-number:" + d.Number
	if n, err := p.Web.Stores.Limiter.Peek(ctx, failBucket, time.Hour); err != nil {
		return err
	} else if n >= p.TracksPerWindow {
		return limited(time.Hour - time.Duration(p.Web.Stores.Clock.Now().UnixMilli()%time.Hour.Milliseconds())*time.Millisecond)
	}
	c, evs, err := p.Web.Stores.Public.TrackComplaint(ctx, d.Number, d.Last4)
	if err != nil {
		if aduan.ErrorCode(err) != aduan.ENOTFOUND {
			return err
		}
		if _, _, err := p.Web.Stores.Limiter.Hit(ctx, failBucket, time.Hour, p.TracksPerWindow); err != nil {
			return err
		}
		d.Error = i18n.T(lang, "pub.err.track_notfound")
		return p.Web.render(rw, r, http.StatusNotFound, "public_track", page)
	}
	settings, err := p.Web.Stores.Public.PublicSettings(ctx)
	if err != nil {
		return err
	}
	d.C, d.Steps, d.Answer, d.Place = c, citizen.PublicSteps(evs), citizen.Answer(c), citizen.Place(c, settings["city_name"])
	d.Last4 = ""
	if c.Status == aduan.StatusDuplicate && c.DuplicateOf != 0 {
		// A merged complaint is followed on its original: its progress,
		// and the answer this citizen was (or will be) sent, which is the
		// original's. Neither citizen's details show.
		orig, err := p.Web.Stores.Complaints.Complaint(ctx, aduan.System, c.DuplicateOf)
		if err != nil {
			return err
		}
		oevs, err := p.Web.Stores.Complaints.Events(ctx, aduan.System, orig.ID)
		if err != nil {
			return err
		}
		d.Main, d.MainSteps = orig, citizen.PublicSteps(oevs)
		d.Answer = citizen.Redact(citizen.Redact(store.DuplicateAnswer(orig), orig.Citizen), c.Citizen)
	}
	return p.Web.render(rw, r, http.StatusOK, "public_track", page)
}

// reportForm is the public form as typed.
type reportForm struct {
	Category, Text, Place, Kelurahan, Lat, Lng string
	Name, Phone, Email, Conf                   string
	Consent                                    bool
	Token                                      string
	// PhotoKeep names the photo kept from an earlier send of the form
	// (public_keep.go), PhotoName its file name as chosen.
	PhotoKeep, PhotoName string
}

type reportData struct {
	F          reportForm
	Errors     map[string]string
	Error      string
	Limited    bool
	Services   []store.Service
	Kecamatan  []aduan.Kecamatan
	Kelurahan  map[string][]aduan.Kelurahan
	Settings   map[string]string
	PhotosOff  bool
	MaxPhotoMB int64
	// Summary lists the fields to fix, in the form's order, for the box
	// at the top of the page.
	Summary []SummaryItem
}

func (p *Public) reportData(ctx context.Context, f reportForm) (*reportData, error) {
	p.defaults()
	d := &reportData{F: f, Errors: map[string]string{}, Kelurahan: map[string][]aduan.Kelurahan{}, PhotosOff: p.Files == nil, MaxPhotoMB: p.MaxPhoto >> 20}
	var err error
	if d.Services, err = p.Web.Stores.Public.Open311Services(ctx); err != nil {
		return nil, err
	}
	if d.Kecamatan, err = p.Web.Stores.RefData.Kecamatans(ctx); err != nil {
		return nil, err
	}
	kels, err := p.Web.Stores.RefData.Kelurahans(ctx, "")
	if err != nil {
		return nil, err
	}
	for _, k := range kels {
		d.Kelurahan[k.KecamatanCode] = append(d.Kelurahan[k.KecamatanCode], k)
	}
	if d.Settings, err = p.Web.Stores.Public.PublicSettings(ctx); err != nil {
		return nil, err
	}
	if d.F.Conf == "" {
		d.F.Conf = string(aduan.Public)
	}
	if d.F.Token, err = p.newToken(ctx); err != nil {
		return nil, err
	}
	return d, nil
}

// ReportPage shows the public complaint form.
func (p *Public) ReportPage(rw http.ResponseWriter, r *http.Request) error {
	d, err := p.reportData(r.Context(), reportForm{})
	if err != nil {
		return err
	}
	return p.Web.render(rw, r, http.StatusOK, "public_report", &Page{Title: i18n.T(langOf(r), "pub.report.title"), Data: d})
}

// Form tokens: "issued.nonce.mac", the MAC an HMAC-SHA256 of the rest
// under a secret shared by every instance.
func (p *Public) newToken(ctx context.Context) (string, error) {
	return p.newTokenAt(ctx, p.Web.Stores.Clock.Now())
}

// newTokenAt makes a token issued at the given time: a form sent back for
// a correction keeps the time it was first shown, so the citizen's time
// on it counts whole and a quick fix (ticking a box) is not "too fast".
func (p *Public) newTokenAt(ctx context.Context, issued time.Time) (string, error) {
	secret, err := p.Web.Stores.Public.PublicSecret(ctx, "form_token")
	if err != nil {
		return "", err
	}
	nb := make([]byte, 12)
	rand.Read(nb)
	body := strconv.FormatInt(issued.UnixMilli(), 10) + "." + base64.RawURLEncoding.EncodeToString(nb)
	return body + "." + sign(secret, body), nil
}

func parseMillis(s string) (time.Time, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	return time.UnixMilli(n), err
}

func sign(secret []byte, body string) string {
	m := hmac.New(sha256.New, secret)
	m.Write([]byte(body))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// errFormToken says why a form token is refused (a catalogue key).
type errFormToken string

func (e errFormToken) Error() string { return string(e) }

// checkToken verifies a form token and returns its nonce: signed here,
// not filled faster than a person could (MinFill), and not too old.
func (p *Public) checkToken(ctx context.Context, tok string) (string, error) {
	nonce, issued, err := p.parseToken(ctx, tok)
	if err != nil {
		return "", err
	}
	age := p.Web.Stores.Clock.Now().Sub(issued)
	switch {
	case age < p.MinFill:
		return "", errFormToken("pub.err.too_fast")
	case age > p.MaxAge:
		return "", errFormToken("pub.err.form_expired")
	}
	return nonce, nil
}

// submitAllowed counts one public form sent from r's address against the
// submissions per hour, for every public form together (the complaint and
// the information request), and says when another may be sent if not.
func (p *Public) submitAllowed(ctx context.Context, r *http.Request) (bool, time.Duration, error) {
	p.defaults()
	return p.Web.Stores.Limiter.Hit(ctx, "report-ip:"+remoteIP(r), time.Hour, p.SubmitsPerHour)
}

// robot reports whether the public form's field that people never see was
// filled in: only robots do.
func robot(r *http.Request) bool { return r.FormValue("website") != "" }

// Report files a complaint from the public form (channel web).
func (p *Public) Report(rw http.ResponseWriter, r *http.Request) error {
	p.defaults()
	lang := langOf(r)
	ctx := r.Context()
	r.Body = http.MaxBytesReader(rw, r.Body, p.MaxPhoto+1<<20)
	if err := r.ParseMultipartForm(1 << 20); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return aduan.Errorf(aduan.ETOOLARGE, "pub.err.photo_size", p.MaxPhoto>>20)
		}
		if err := r.ParseForm(); err != nil {
			return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
		}
	}
	f := reportForm{Category: r.FormValue("category"), Text: strings.TrimSpace(r.FormValue("text")), Place: strings.TrimSpace(r.FormValue("place")),
		Kelurahan: r.FormValue("kelurahan"), Lat: strings.TrimSpace(r.FormValue("lat")), Lng: strings.TrimSpace(r.FormValue("lng")),
		Name: strings.TrimSpace(r.FormValue("name")), Phone: strings.TrimSpace(r.FormValue("phone")), Email: strings.TrimSpace(r.FormValue("email")),
		Conf: r.FormValue("conf"), Consent: r.FormValue("consent") == "1"}
	d, err := p.reportData(ctx, f)
	if err != nil {
		return err
	}
	d.F.Token = "" // a fresh one is made below for any re-render
	page := &Page{Title: i18n.T(lang, "pub.report.title"), Data: d}
	// The form was first shown at issued (a token this service signed and
	// not expired): a form sent back keeps that time (newTokenAt).
	issued, handedOut := p.Web.Stores.Clock.Now(), false
	if _, t, err := p.parseToken(ctx, r.FormValue("token")); err == nil && p.Web.Stores.Clock.Now().Sub(t) < p.MaxAge {
		issued, handedOut = t, true
	}
	// The photo as sent, or as kept from the send before.
	var raw []byte
	var keptKey string
	keepRaw := false
	if file, hdr, err := r.FormFile("photo"); err == nil {
		raw, err = io.ReadAll(io.LimitReader(file, p.MaxPhoto+1))
		file.Close()
		if err != nil {
			return err
		}
		d.F.PhotoName, keepRaw = hdr.Filename, true
	} else if tok := r.FormValue("photo_keep"); tok != "" {
		var ok bool
		if raw, keptKey, ok, err = p.keptPhoto(ctx, tok); err != nil {
			return err
		}
		if ok {
			d.F.PhotoKeep, d.F.PhotoName = tok, r.FormValue("photo_name")
		}
	}
	again := func(status int) error {
		// A fresh token even when the request's deadline is past.
		tctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
		defer cancel()
		tok, err := p.newTokenAt(tctx, issued)
		if err != nil && status != http.StatusServiceUnavailable {
			return err
		}
		d.F.Token = tok
		// A photo that came with a form this service handed out is kept
		// for the next send, unless it was the problem or the sender is
		// refused: nothing is stored for a post that forged its form.
		if keepRaw && handedOut && d.Errors["photo"] == "" && p.Files != nil && status == http.StatusBadRequest && !robot(r) {
			if d.F.PhotoKeep, err = p.keepPhoto(tctx, raw); err != nil {
				d.F.PhotoKeep, d.F.PhotoName = "", ""
			}
		}
		if d.Errors["photo"] != "" {
			d.F.PhotoKeep, d.F.PhotoName = "", ""
		}
		d.Summary = errorSummary(lang, reportFields, d.Errors)
		return p.Web.render(rw, r, status, "public_report", page)
	}
	// The work could not finish in time (the database slow or away): the
	// form comes back with what was typed, to be sent again.
	unfinished := func(err error) error {
		err = reqctx.Unfinished(ctx, err)
		if aduan.ErrorCode(err) != aduan.EUNAVAILABLE {
			return err
		}
		_, d.Error, _ = formErrors(lang, err)
		rw.Header().Set("Retry-After", "5")
		return again(http.StatusServiceUnavailable)
	}
	ok, retry, err := p.submitAllowed(ctx, r)
	if err != nil {
		return unfinished(err)
	}
	if !ok {
		d.Limited = true
		d.Error = i18n.T(lang, "pub.err.report_limit", int(retry.Minutes())+1, d.Settings["call_center_phone"])
		rw.Header().Set("Retry-After", strconv.Itoa(int(retry.Seconds())+1))
		return again(http.StatusTooManyRequests)
	}
	if robot(r) {
		d.Error = i18n.T(lang, "pub.err.rejected")
		return again(http.StatusBadRequest)
	}

	in := aduan.NewComplaint{Channel: aduan.ChannelWeb, Text: f.Text, Address: f.Place, KelurahanCode: f.Kelurahan,
		Confidentiality: aduan.Confidentiality(f.Conf),
		Citizen:         &aduan.CitizenInput{Name: f.Name, Phone: f.Phone, Email: f.Email}}
	var v aduan.Validation
	if f.Text == "" {
		v.Add("text", "err.field.required")
	}
	if f.Phone == "" {
		v.Add("phone", "pub.err.phone_required")
	}
	if !f.Consent {
		v.Add("consent", "pub.err.consent")
	}
	if f.Category != "" {
		found := false
		for _, s := range d.Services {
			if s.Code == f.Category {
				in.CategoryID, found = s.CategoryID, true
			}
		}
		if !found {
			v.Add("category", "err.field.unknown")
		}
	}
	if lat, lng, key := aduan.ParseLatLng(f.Lat, f.Lng); key != "" {
		v.Add("lat", key)
	} else {
		in.Lat, in.Lng = lat, lng
	}
	// The form token before the photo is read: opening a picture costs
	// memory and time, spent only on a form this service handed out and a
	// person filled (the address's limit and the hidden field are checked
	// above). Problems with the other fields are shown with the token's.
	nonce, err := p.checkToken(ctx, r.FormValue("token"))
	if err != nil {
		var fe errFormToken
		if !errors.As(err, &fe) {
			return unfinished(err)
		}
		if verr := v.Err(); verr != nil {
			d.Errors, _, _ = formErrors(lang, verr)
		}
		d.Error = i18n.T(lang, string(fe))
		return again(http.StatusBadRequest)
	}
	var img *attach.Image
	if data := raw; data != nil {
		switch {
		case p.Files == nil:
			v.Add("photo", "pub.err.photo_off")
		default:
			if img, err = attach.Process(data, p.MaxPhoto); err != nil {
				switch {
				case errors.Is(err, attach.ErrTooLarge):
					v.Add("photo", "pub.err.photo_size", p.MaxPhoto>>20)
				case errors.Is(err, attach.ErrDimensions):
					v.Add("photo", "upload.err.photo_pixels")
				default:
					v.Add("photo", "pub.err.photo_kind")
				}
				img = nil
			} else if in.Lat == nil && img.Lat != nil {
				in.Lat, in.Lng = img.Lat, img.Lng
			}
		}
	}
	if err := v.Err(); err != nil {
		d.Errors, d.Error, _ = formErrors(lang, err)
		return again(http.StatusBadRequest)
	}
	fresh, err := p.Web.Stores.Public.UseNonce(ctx, nonce)
	if err != nil {
		return unfinished(err)
	}
	if !fresh {
		d.Error = i18n.T(lang, "pub.err.form_used")
		return again(http.StatusBadRequest)
	}
	var keys []string
	if img != nil {
		// Storage keys are lower-case: the nonce's hash names the folder.
		dir := fmt.Sprintf("public/%x", sha256.Sum256([]byte(nonce)))
		key, thumb := dir+"/photo"+img.Ext, dir+"/thumb.jpg"
		if err := p.Files.Put(ctx, key, img.ContentType, img.Data); err != nil {
			return unfinished(err)
		}
		if err := p.Files.Put(ctx, thumb, "image/jpeg", img.Thumb); err != nil {
			return unfinished(err)
		}
		keys = []string{key, thumb}
	}
	actor := aduan.Actor{System: true, Name: "web-publik"}
	c, err := p.Web.Stores.Complaints.CreateComplaint(ctx, actor, in, func(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, _ *aduan.Event) error {
		if err := p.Web.Stores.Public.InsertComplaintSource(ctx, tx, &store.ComplaintSource{ComplaintID: c.ID, ClientIP: remoteIP(r)}); err != nil {
			return err
		}
		if img == nil {
			return nil
		}
		_, err := p.Web.Store.Attachments().InsertAttachment(ctx, tx, &attach.Attachment{ComplaintID: c.ID, Filename: "foto" + img.Ext, ContentType: img.ContentType,
			Size: int64(len(img.Data)), Width: img.Width, Height: img.Height, Key: keys[0], ThumbKey: keys[1], SHA256: img.SHA256, Lat: img.Lat, Lng: img.Lng})
		return err
	})
	if err != nil {
		for _, k := range keys {
			p.Files.Delete(context.WithoutCancel(ctx), k)
		}
		if aduan.ErrorCode(reqctx.Unfinished(ctx, err)) == aduan.EUNAVAILABLE {
			return unfinished(err)
		}
		fields, msg, ok := formErrors(lang, err)
		if !ok {
			return err
		}
		d.Errors, d.Error = renamePublicFields(fields), msg
		return again(http.StatusBadRequest)
	}
	if keptKey != "" {
		// The kept copy served its purpose; the complaint has its own.
		if err := p.Web.Store.Attachments().ForgetUpload(context.WithoutCancel(ctx), p.Files, keptKey); err != nil {
			// The complaint is saved; the nightly sweep deletes the copy.
			p.Web.Log.Warn("kept photo not deleted", "key", keptKey, "err", err)
		}
	}
	http.Redirect(rw, r, "/lapor/terkirim?nomor="+c.Number, http.StatusSeeOther)
	return nil
}

// renamePublicFields names the complaint's fields as the form does.
func renamePublicFields(in map[string]string) map[string]string {
	names := map[string]string{"citizen.phone": "phone", "citizen.name": "name", "citizen.email": "email", "address": "place",
		"kelurahan_code": "kelurahan", "confidentiality": "conf", "category_id": "category"}
	out := map[string]string{}
	for k, v := range in {
		if n, ok := names[k]; ok {
			k = n
		}
		out[k] = v
	}
	return out
}

// answerExpected is the latest day the citizen can expect an answer to
// complaint number by the standards in force: recorded and forwarded
// (step 7), answered by the agency (step 8, by the category's tier) and the
// answer sent on (step 10), each at its standard's end. A complaint
// answered sooner is answered sooner; this is the promise. The zero time
// when the complaint is not found.
func (p *Public) answerExpected(ctx context.Context, number string) (time.Time, error) {
	c, err := p.Web.Stores.Complaints.ComplaintByNumber(ctx, aduan.System, number)
	if aduan.ErrorCode(err) == aduan.ENOTFOUND {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	sc, err := p.Web.Stores.RefData.StandardClock(ctx)
	if err != nil {
		return time.Time{}, err
	}
	at := c.ReceivedAt
	for _, step := range []aduan.StepKey{aduan.StepForward, aduan.StepAgencyAnswer, aduan.StepRelay} {
		at, _ = sc.DueFor(c, at, step)
	}
	return at.In(sc.Loc()), nil
}

// ReportSent thanks the citizen and gives the number to track.
func (p *Public) ReportSent(rw http.ResponseWriter, r *http.Request) error {
	number := strings.ToUpper(r.URL.Query().Get("nomor"))
	if _, _, ok := aduan.ParseNumber(number); !ok {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.complaint")
	}
	settings, err := p.Web.Stores.Public.PublicSettings(r.Context())
	if err != nil {
		return err
	}
	lang := langOf(r)
	data := map[string]any{"Number": number, "Settings": settings}
	if by, err := p.answerExpected(r.Context(), number); err != nil {
		return err
	} else if !by.IsZero() {
		data["AnswerBy"] = i18n.Weekday(lang, by) + ", " + i18n.Date(lang, by)
	}
	return p.Web.render(rw, r, http.StatusOK, "public_sent", &Page{Title: i18n.T(lang, "pub.sent.title"), Data: data})
}
