// Package api is the JSON API /api/v1: everything the console does, for
// integrations and for the console's own scripts. Handlers return errors;
// one adapter turns domain error codes into status codes and messages in
// the caller's language.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

// API holds the handlers' dependencies.
type API struct {
	Store *store.Store
	Log   *slog.Logger
	// SessionTTL is how long a log-in lasts.
	SessionTTL time.Duration
	// SecureCookies marks cookies Secure (behind HTTPS).
	SecureCookies bool
	// Messaging serves the message routes (queue, attachments, gateway
	// secrets); nil answers them 503.
	Messaging *Messaging
}

// HandlerFunc is an HTTP handler that returns its error for the adapter.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

type ctxKey int

const (
	userKey ctxKey = iota
	langKey
	reqIDKey
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

// actor returns the actor of an authenticated request.
func actor(r *http.Request) aduan.Actor {
	if u := UserFrom(r.Context()); u != nil {
		return u.Actor()
	}
	// Unreachable behind the auth middleware; a zero role can do nothing.
	return aduan.Actor{UserID: -1, Role: "none"}
}

// Handle adapts a HandlerFunc: it renders a returned error as JSON.
func (a *API) Handle(h HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			a.Error(w, r, err)
		}
	})
}

// ErrorBody is the one shape of every API error.
type ErrorBody struct {
	Error     ErrorDetail `json:"error"`
	RequestID string      `json:"request_id,omitempty"`
}

// ErrorDetail says what went wrong, in the caller's language.
type ErrorDetail struct {
	Code    string       `json:"code"`
	Message string       `json:"message"`
	Fields  []FieldError `json:"fields,omitempty"`
}

// FieldError names one bad field.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// StatusOf maps a domain error code to an HTTP status.
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

// Error writes err as the JSON error body. Internal errors are logged once
// here and shown only as "internal error".
func (a *API) Error(w http.ResponseWriter, r *http.Request, err error) {
	lang := Lang(r)
	err = Unfinished(r.Context(), store.Classify(err))
	code := aduan.ErrorCode(err)
	if errors.Is(err, context.Canceled) {
		return // the client went away; nothing to tell it
	}
	body := ErrorBody{RequestID: RequestID(r.Context())}
	body.Error.Code = code
	if e, ok := aduan.AsError(err); ok && code != aduan.EINTERNAL {
		body.Error.Message = i18n.T(lang, e.Key, e.Args...)
		for _, f := range e.Fields {
			body.Error.Fields = append(body.Error.Fields, FieldError{Field: f.Field, Message: i18n.T(lang, f.Key, f.Args...)})
		}
		if code == aduan.EUNAVAILABLE {
			a.Log.Warn("unavailable", "err", err, "request_id", body.RequestID)
			w.Header().Set("Retry-After", "5")
		}
	} else {
		a.Log.Error("internal error", "err", err, "method", r.Method, "path", r.URL.Path, "request_id", body.RequestID)
		body.Error.Message = i18n.T(lang, "err.internal")
	}
	writeJSON(w, StatusOf(code), body)
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	return enc.Encode(v)
}

// MaxBody is the largest JSON body accepted.
const MaxBody = 1 << 20

// Decode reads exactly one JSON object from r's body into v, strictly:
// unknown fields, wrong types, trailing data, a wrong content type and an
// oversize body are each a clear 4xx naming the problem.
func Decode(r *http.Request, v any) error {
	ct := r.Header.Get("Content-Type")
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
		return aduan.Errorf(aduan.EUNSUPPORTED, "err.content_type")
	}
	return DecodeReader(http.MaxBytesReader(nil, r.Body, MaxBody), v)
}

// DecodeReader is Decode without the HTTP parts, for tests and fuzzing.
func DecodeReader(body io.Reader, v any) error {
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return aduan.Errorf(aduan.ETOOLARGE, "err.too_large", MaxBody/1024)
		}
		return aduan.Errorf(aduan.EINVALID, "err.json_trailing")
	}
	return nil
}

func jsonError(err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	var mbe *http.MaxBytesError
	switch {
	case errors.Is(err, io.EOF):
		return aduan.Errorf(aduan.EINVALID, "err.json_empty")
	case errors.As(err, &mbe):
		return aduan.Errorf(aduan.ETOOLARGE, "err.too_large", MaxBody/1024)
	case errors.As(err, &se):
		return aduan.Errorf(aduan.EINVALID, "err.json", fmt.Sprintf("offset %d", se.Offset))
	case errors.As(err, &te):
		field := te.Field
		if field == "" {
			field = "(body)"
		}
		return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input",
			Fields: []aduan.FieldError{{Field: field, Key: "err.json_type", Args: []any{field, jsonTypeName(te.Type.Kind().String())}}}}
	case errors.Is(err, io.ErrUnexpectedEOF):
		return aduan.Errorf(aduan.EINVALID, "err.json", "unexpected end")
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		f := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: f, Key: "err.json_field", Args: []any{f}}}}
	}
	return aduan.Errorf(aduan.EINVALID, "err.json", "invalid")
}

func jsonTypeName(kind string) string {
	switch {
	case strings.HasPrefix(kind, "int"), strings.HasPrefix(kind, "uint"), strings.HasPrefix(kind, "float"):
		return "number"
	case kind == "string":
		return "string"
	case kind == "bool":
		return "true/false"
	case kind == "slice":
		return "array"
	}
	return "object"
}

// pathID reads a numeric path value.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
	}
	return id, nil
}

// formatTime renders a time as RFC 3339 in WIB (+07:00).
func formatTime(t time.Time) string { return t.In(aduan.WIB).Format(time.RFC3339) }

func formatTimePtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := formatTime(*t)
	return &s
}

// Page is a page of a list with the cursor of the next one.
type Page[T any] struct {
	Items      []T    `json:"items"`
	NextCursor string `json:"next_cursor,omitempty"`
}

// query helpers that turn bad parameters into a clear 400.
type params struct {
	q    map[string][]string
	errs aduan.Validation
}

func newParams(r *http.Request) *params { return &params{q: r.URL.Query()} }

func (p *params) str(name string) string {
	if v := p.q[name]; len(v) > 0 {
		return strings.TrimSpace(v[0])
	}
	return ""
}

func (p *params) int(name string) int64 {
	s := p.str(name)
	if s == "" {
		return 0
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 {
		p.errs.Add(name, "err.bad_param", name)
	}
	return n
}

func (p *params) time(name string) *time.Time {
	s := p.str(name)
	if s == "" {
		return nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return &t
	}
	if t, err := time.ParseInLocation("2006-01-02", s, aduan.WIB); err == nil {
		return &t
	}
	p.errs.Add(name, "err.bad_param", name)
	return nil
}

func (p *params) err() error { return p.errs.Err() }
