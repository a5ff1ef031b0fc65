package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/ppidsvc"
)

// The public side of the PPID's track: a requester follows their request
// with its number and the last four digits of their phone (or ID number),
// sees the decision, downloads its written notices and objects online;
// anyone searches the daftar informasi publik.

// infoTrackData is the public request page.
type infoTrackData struct {
	Number, Last4 string
	Error         string
	Fields        map[string]string
	R             *aduan.InfoRequest
	Notices       []string
	ObjectUntil   *time.Time
	CanObject     bool
	Reasons       []string
	Form          map[string]string
	Done          string
}

// InfoTrackPage is the empty form (the number filled from a message's link).
func (p *Public) InfoTrackPage(rw http.ResponseWriter, r *http.Request) error {
	d := &infoTrackData{Number: strings.ToUpper(strings.TrimSpace(r.URL.Query().Get("nomor")))}
	return p.Web.render(rw, r, http.StatusOK, "ppid_public", &Page{Title: i18n.T(langOf(r), "pub.ppid.title"), Data: d})
}

// InfoTrack answers the form: it shows the request, serves a notice
// (surat=decision|extension) or records an objection (keberatan=1), each
// only for the number with its last four digits. Attempts are limited per
// address and failed guesses per number, as on /lacak.
func (p *Public) InfoTrack(rw http.ResponseWriter, r *http.Request) error {
	p.defaults()
	lang, ctx := langOf(r), r.Context()
	if err := r.ParseForm(); err != nil {
		return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
	}
	d := &infoTrackData{Number: strings.ToUpper(strings.TrimSpace(r.PostForm.Get("nomor"))), Last4: strings.TrimSpace(r.PostForm.Get("hp4")),
		Form: map[string]string{"objection_reason": r.PostForm.Get("objection_reason"), "reason": r.PostForm.Get("reason")}}
	page := &Page{Title: i18n.T(lang, "pub.ppid.title"), Data: d}
	st := p.Web.Stores
	ok, retry, err := st.Limiter.Hit(ctx, "ppid-track-ip:"+remoteIP(r), p.TrackWindow, p.TracksPerWindow)
	if err != nil {
		return err
	}
	if ok && !validTrack(d.Number, d.Last4) {
		// Bad input is said as such and looked nowhere: it would only
		// count a guess on a number that cannot exist.
		d.Error = i18n.T(lang, "pub.ppid.err.track_input")
		return p.Web.render(rw, r, http.StatusBadRequest, "ppid_public", page)
	}
	failBucket := "ppid-track-number:" + d.Number
	n, err := st.Limiter.Peek(ctx, failBucket, time.Hour)
	if err != nil {
		return err
	}
	if !ok || n >= p.TracksPerWindow {
		if ok {
			retry = time.Hour
		}
		d.Error = i18n.T(lang, "pub.err.track_limit", int(retry.Minutes())+1)
		rw.Header().Set("Retry-After", strconv.Itoa(int(retry.Seconds())+1))
		return p.Web.render(rw, r, http.StatusTooManyRequests, "ppid_public", page)
	}
	pp := st.PPID
	req, err := pp.TrackInfo(ctx, d.Number, d.Last4)
	if err != nil {
		if aduan.ErrorCode(err) != aduan.ENOTFOUND {
			return err
		}
		if _, _, err := st.Limiter.Hit(ctx, failBucket, time.Hour, p.TracksPerWindow); err != nil {
			return err
		}
		d.Error = i18n.T(lang, "err.ppid.track_failed")
		return p.Web.render(rw, r, http.StatusNotFound, "ppid_public", page)
	}
	if r.PostForm.Get("berkas") == "1" && req.DocumentAttached {
		return p.Web.writeDocument(rw, r, req.ID)
	}
	if kind := r.PostForm.Get("surat"); kind != "" {
		return p.Web.writeNotice(rw, r, req, kind)
	}
	status := http.StatusOK
	if r.PostForm.Get("keberatan") == "1" {
		// The requester objects: the system acts for them, the procedure's
		// table decides whether it is in time.
		in := aduan.InfoInput{ObjectionReason: d.Form["objection_reason"], Reason: d.Form["reason"]}
		if req, _, err = pp.Act(ctx, aduan.System, req.ID, 0, aduan.InfoActObject, in, p.Web.infoNotify()); err != nil {
			fields, msg, ok := formErrors(lang, err)
			if !ok {
				return err
			}
			d.Error, d.Fields, status = msg, fields, http.StatusUnprocessableEntity
			if req, err = pp.TrackInfo(ctx, d.Number, d.Last4); err != nil {
				return err
			}
		} else {
			d.Done = i18n.T(lang, "pub.ppid.objected", i18n.Date(lang, *req.ObjectionDueAt))
			d.Form = map[string]string{}
		}
	}
	cal, err := pp.Calendar(ctx)
	if err != nil {
		return err
	}
	now := st.Clock.Now()
	d.R, d.Notices, d.Reasons = req, ppidsvc.NoticeKinds(req), aduan.ObjectionReasons
	d.ObjectUntil = req.ObjectionDeadline(cal, now)
	d.CanObject = req.ObjectedAt == nil && d.ObjectUntil != nil && !now.After(*d.ObjectUntil) &&
		(req.Status == aduan.InfoDecided || req.Status.Pending())
	return p.Web.render(rw, r, status, "ppid_public", page)
}

// validTrack reports whether number is a request's number and last4 the
// last four digits or letters of a phone or ID number (store.TrackInfo
// compares them with either).
func validTrack(number, last4 string) bool {
	return infoNumberRE.MatchString(number) && len(last4) == 4 &&
		strings.Trim(last4, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz") == ""
}

// infoListData is the daftar informasi publik.
type infoListData struct {
	Q       string
	Entries []*aduan.PublicInfo
	Error   string
	// Keep: the console's form to add, change and remove entries.
	Keep     bool
	Agencies []aduan.Agency
	Kinds    []string
	Errors   map[string]string
	Form     map[string]string
}

// InfoList is the public daftar informasi publik, searchable.
func (p *Public) InfoList(rw http.ResponseWriter, r *http.Request) error {
	d := &infoListData{Q: strings.TrimSpace(r.URL.Query().Get("q")), Kinds: aduan.PublicInfoKinds}
	var err error
	status := http.StatusOK
	if d.Entries, err = p.Web.Stores.PPID.PublicList(r.Context(), d.Q); err != nil {
		_, msg, ok := formErrors(langOf(r), err)
		if !ok {
			return err
		}
		d.Error, status = msg, http.StatusBadRequest
	}
	return p.Web.render(rw, r, status, "ppid_daftar", &Page{Title: i18n.T(langOf(r), "pub.ppid.daftar"), Data: d})
}

// InfoVerify is where the PPID's annual report used to be checked: its
// copies are checked as every final report's, at /verify.
func (p *Public) InfoVerify(rw http.ResponseWriter, r *http.Request) error {
	to := "/verify"
	if sha := strings.TrimSpace(r.URL.Query().Get("sha")); sha != "" {
		to += "?hash=" + url.QueryEscape(sha)
	}
	http.Redirect(rw, r, to, http.StatusMovedPermanently)
	return nil
}
