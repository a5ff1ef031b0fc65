// Package reqctx holds what every surface (the JSON API, the HTML console,
// Open311) reads from a request the same way: the authenticated user and
// credential, the request ID, the language to answer in, the status of a
// domain error code, strict JSON decoding and the caller's address. It
// imports no surface, so that web, api and open311 stay siblings.
package reqctx

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

// HandlerFunc is an HTTP handler that returns its error for the adapter.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

type ctxKey int

const (
	userKey ctxKey = iota
	reqIDKey
	credentialKey
)

// WithUser stores the authenticated user in ctx.
func WithUser(ctx context.Context, u *aduan.User) context.Context {
	return context.WithValue(ctx, userKey, u)
}

// UserFrom returns the authenticated user, or nil.
func UserFrom(ctx context.Context) *aduan.User {
	u, _ := ctx.Value(userKey).(*aduan.User)
	return u
}

// Actor returns the actor of an authenticated request.
func Actor(r *http.Request) aduan.Actor {
	if u := UserFrom(r.Context()); u != nil {
		return u.Actor()
	}
	// Unreachable behind the auth middleware; a zero role can do nothing.
	return aduan.Actor{UserID: -1, Role: "none"}
}

// WithCredential stores what the request was authenticated with (its
// session or token), so that a password change can keep it and end the
// others.
func WithCredential(ctx context.Context, c store.Credential) context.Context {
	return context.WithValue(ctx, credentialKey, c)
}

// CredentialFrom returns the request's credential (zero when none).
func CredentialFrom(ctx context.Context) store.Credential {
	c, _ := ctx.Value(credentialKey).(store.Credential)
	return c
}

// WithRequestID stores the request ID in ctx.
func WithRequestID(ctx context.Context, id string) context.Context {
	return store.WithRequestID(context.WithValue(ctx, reqIDKey, id), id)
}

// RequestID returns the request ID of ctx.
func RequestID(ctx context.Context) string {
	s, _ := ctx.Value(reqIDKey).(string)
	return s
}

// Lang returns the language to answer in: ?lang=, else the Accept-Language
// header when it names Indonesian or English, else the user's own choice,
// else Indonesian.
func Lang(r *http.Request) i18n.Lang {
	if v := r.URL.Query().Get("lang"); v != "" {
		return i18n.Parse(v)
	}
	if h := strings.ToLower(r.Header.Get("Accept-Language")); strings.Contains(h, "id") || strings.Contains(h, "en") || strings.Contains(h, "in") {
		return i18n.Negotiate(h)
	}
	if u := UserFrom(r.Context()); u != nil {
		return i18n.Parse(u.Lang)
	}
	return i18n.ID
}

// ClientIP is the caller's address as the server's realIP middleware left
// it in RemoteAddr (the port dropped).
func ClientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// StatusOf maps a domain error code to an HTTP status: the one table every
// surface uses (Open311 overrides only what GeoReport v2 requires).
func StatusOf(code string) int {
	switch code {
	case aduan.EINVALID:
		return http.StatusBadRequest
	case aduan.ENOTFOUND:
		return http.StatusNotFound
	case aduan.ECONFLICT, aduan.ETRANSITION:
		return http.StatusConflict
	case aduan.EFORBIDDEN:
		return http.StatusForbidden
	case aduan.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case aduan.ERATELIMIT:
		return http.StatusTooManyRequests
	case aduan.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	case aduan.ETOOLARGE:
		return http.StatusRequestEntityTooLarge
	case aduan.ETIMEOUT:
		return http.StatusRequestTimeout
	case aduan.EUNSUPPORTED:
		return http.StatusUnsupportedMediaType
	case aduan.EUNPROCESSABLE:
		return http.StatusUnprocessableEntity
	}
	return http.StatusInternalServerError
}

// SetRetryAfter sets the Retry-After header when err is a refusal for now
// (the shared limiter's store.RetryError).
func SetRetryAfter(w http.ResponseWriter, err error) {
	var re *store.RetryError
	if errors.As(err, &re) {
		w.Header().Set("Retry-After", strconv.Itoa(re.RetryAfterSeconds()))
	}
}

// Unfinished says what an error means when the request's own deadline
// expired while it was being served: the work could not finish in time
// (the database slow or away), which the client may retry, never an
// internal error. err is returned as it is when it already says something
// to the user, or has nothing to do with a deadline. Every surface's error
// adapter calls it, so that an expired context is a 503 with Retry-After
// in that surface's shape, never a 500 (or, on Open311, a 400).
func Unfinished(ctx context.Context, err error) error {
	if err == nil || aduan.ErrorCode(err) != aduan.EINTERNAL {
		return err
	}
	if errors.Is(err, context.DeadlineExceeded) || errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w (%w)", aduan.Errorf(aduan.EUNAVAILABLE, "upload.err.deadline"), err)
	}
	return err
}
