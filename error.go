// Package aduan holds the domain of the complaint-handling system: citizens,
// complaints, agencies, users and roles, and the SOP as a state machine with
// its time standards (Mutu Baku). It knows nothing of HTTP or SQL; the
// surfaces (JSON API, web console, Open311) and the store depend on it, never
// the other way round.
package aduan

import (
	"errors"
	"fmt"
)

// Error codes. Each surface maps them to its own status codes in one place.
const (
	EINVALID      = "invalid"      // bad input; Fields says which
	ENOTFOUND     = "not_found"    // no such thing, or not visible to the caller
	ECONFLICT     = "conflict"     // stale update: someone else changed it first
	ETRANSITION   = "transition"   // the SOP does not allow this step now
	EFORBIDDEN    = "forbidden"    // the caller's role may not do this
	EUNAUTHORIZED = "unauthorized" // no valid session or token
	ERATELIMIT    = "rate_limited" // too many attempts
	EUNAVAILABLE  = "unavailable"  // a dependency (the database) is down for now
	EINTERNAL     = "internal"     // a bug or an unexpected failure: logged, never shown
	ETOOLARGE     = "too_large"    // a request body or upload over its limit
	ETIMEOUT      = "timeout"      // the request's body did not arrive in time; nothing was done, send it again
	EUNSUPPORTED  = "unsupported"  // wrong content type
	// EUNPROCESSABLE: understood, but it cannot be done as asked (an
	// Idempotency-Key already used for a different request).
	EUNPROCESSABLE = "unprocessable"
)

// Error is a domain error. Key names a message in the catalogue
// (internal/i18n) so that each surface can show it in the caller's language;
// the domain never formats user-facing text itself.
type Error struct {
	Code   string
	Key    string
	Args   []any
	Fields []FieldError
}

// FieldError says what is wrong with one input field.
type FieldError struct {
	Field string
	Key   string
	Args  []any
}

func (e *Error) Error() string {
	s := fmt.Sprintf("aduan: %s: %s", e.Code, e.Key)
	for _, f := range e.Fields {
		s += fmt.Sprintf(" [%s: %s]", f.Field, f.Key)
	}
	return s
}

// Errorf returns an *Error with the given code and message key.
func Errorf(code, key string, args ...any) *Error {
	return &Error{Code: code, Key: key, Args: args}
}

// ErrorCode returns the code of err if it is (or wraps) an *Error, and
// EINTERNAL otherwise, so unknown failures are never mistaken for user errors.
func ErrorCode(err error) string {
	var e *Error
	if err == nil {
		return ""
	}
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// AsError returns the *Error inside err, if any.
func AsError(err error) (*Error, bool) {
	var e *Error
	ok := errors.As(err, &e)
	return e, ok
}

// Validation collects field errors so that one response can name every bad
// field at once, as a form would.
type Validation struct {
	Fields []FieldError
}

// Add records a problem with field.
func (v *Validation) Add(field, key string, args ...any) {
	v.Fields = append(v.Fields, FieldError{Field: field, Key: key, Args: args})
}

// Has reports whether field already has a problem recorded.
func (v *Validation) Has(field string) bool {
	for _, f := range v.Fields {
		if f.Field == field {
			return true
		}
	}
	return false
}

// Err returns nil when nothing was recorded, else an EINVALID *Error.
func (v *Validation) Err() error {
	if len(v.Fields) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Key: "err.invalid_input", Fields: v.Fields}
}
