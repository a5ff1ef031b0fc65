// Package auth is who is calling and how often: the session cookie, the
// log-in and log-out shared by the console and the JSON API, the caller
// of a request (bearer token or session), and the database-backed limiter
// (store.Hit) as every surface applies it, so that a limit holds across
// instances and is counted the same way wherever a request comes in.
package auth

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// SessionCookie is the name of the session cookie.
const SessionCookie = "aduan_session"

// Sessions starts, reads and ends log-ins.
type Sessions struct {
	Store *store.Store
	// TTL is how long a log-in lasts.
	TTL time.Duration
	// Secure marks cookies Secure (behind HTTPS).
	Secure bool
}

// NewSessions returns the sessions over st; ttl 0 means 12 hours.
func NewSessions(st *store.Store, ttl time.Duration, secure bool) *Sessions {
	if ttl == 0 {
		ttl = 12 * time.Hour
	}
	return &Sessions{Store: st, TTL: ttl, Secure: secure}
}

// LogIn checks the password (the store counts failures per name and
// address in the shared limiter), starts a session and sets its cookie. A
// refusal for now carries Retry-After.
func (s *Sessions) LogIn(w http.ResponseWriter, r *http.Request, username, password string) (*aduan.User, error) {
	u, err := s.Store.Users().Authenticate(r.Context(), username, password, reqctx.ClientIP(r))
	if err != nil {
		reqctx.SetRetryAfter(w, err)
		return nil, err
	}
	return u, s.Start(w, r.Context(), u.ID)
}

// Start begins a session of user id and sets its cookie (after a log-in,
// and after a password change, which ends every session).
func (s *Sessions) Start(w http.ResponseWriter, ctx context.Context, id int64) error {
	tok, err := s.Store.Users().CreateSession(ctx, id, s.TTL)
	if err != nil {
		return err
	}
	s.setCookie(w, tok, int(s.TTL/time.Second))
	return nil
}

// LogOut clears the cookie and ends the request's session, if any.
func (s *Sessions) LogOut(w http.ResponseWriter, r *http.Request) error {
	s.setCookie(w, "", -1)
	if c, err := r.Cookie(SessionCookie); err == nil {
		return s.Store.Users().DeleteSession(r.Context(), c.Value)
	}
	return nil
}

// setCookie writes the session cookie: HttpOnly, SameSite=Lax, and Secure
// behind HTTPS.
func (s *Sessions) setCookie(w http.ResponseWriter, tok string, maxAge int) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: tok, Path: "/", HttpOnly: true, Secure: s.Secure,
		SameSite: http.SameSiteLaxMode, MaxAge: maxAge})
}

// HasCookie reports whether r carries a session cookie (valid or not).
func HasCookie(r *http.Request) bool {
	c, err := r.Cookie(SessionCookie)
	return err == nil && c.Value != ""
}

// SessionUser is the user of the request's session cookie.
func (s *Sessions) SessionUser(r *http.Request) (*aduan.User, store.Credential, error) {
	c, err := r.Cookie(SessionCookie)
	if err != nil || c.Value == "" {
		return nil, store.Credential{}, aduan.Errorf(aduan.EUNAUTHORIZED, "err.unauthorized")
	}
	u, err := s.Store.Users().SessionUser(r.Context(), c.Value)
	return u, store.Credential{Session: c.Value}, err
}

// Caller is the user of a bearer token (Authorization) or, without one, of
// the session cookie.
func (s *Sessions) Caller(r *http.Request) (*aduan.User, store.Credential, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		tok, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || tok == "" {
			return nil, store.Credential{}, aduan.Errorf(aduan.EUNAUTHORIZED, "err.token_invalid")
		}
		return s.Store.Users().TokenAuth(r.Context(), strings.TrimSpace(tok))
	}
	return s.SessionUser(r)
}

// VerifyPerHour bounds the checks of a copy one address may post in an
// hour (the console's /verify and the API's together): the check needs no
// log-in, and each post may bring a file of up to MaxVerifyUpload to read
// and hash. People check a copy or two; typing the printed code instead
// (GET ?hash=) is not counted.
const VerifyPerHour = 30

// MaxVerifyUpload bounds an uploaded copy: a report's PDF or XLSX is a
// few hundred KB, and anyone may post one without logging in.
const MaxVerifyUpload = 5 << 20

// VerifyLimit counts a posted check against the address's hourly limit;
// past it, ERATELIMIT naming the minutes to wait, with Retry-After set.
// Called before the body is read.
func (s *Sessions) VerifyLimit(w http.ResponseWriter, r *http.Request) error {
	ok, retry, err := s.Store.Users().Hit(r.Context(), "verify-ip:"+reqctx.ClientIP(r), time.Hour, VerifyPerHour)
	if err != nil {
		return err
	}
	if !ok {
		w.Header().Set("Retry-After", strconv.Itoa(int(retry.Seconds())+1))
		return aduan.Errorf(aduan.ERATELIMIT, "upload.err.verify_limit", int(retry.Minutes())+1)
	}
	return nil
}
