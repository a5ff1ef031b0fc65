// Package api is the JSON API /api/v1: everything the console does, for
// integrations and for the console's own scripts. Handlers return errors;
// one adapter turns domain error codes into status codes and messages in
// the caller's language.
package api

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/export"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/msgsvc"
	"github.com/kotakita/aduan/internal/reportsvc"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// API holds the handlers' dependencies.
type API struct {
	Store *store.Store
	Log   *slog.Logger
	// Complaints, when set, replaces the store for the complaint handlers
	// (a fake in handler tests); Clock likewise replaces the store's clock.
	Complaints    Complaints
	Clock         func() time.Time
	AuditLog      AuditLog      // when set, replaces the store for the audit log's handler
	Accounts      Accounts      // when set, replaces the store for the user and token handlers (apiusers)
	Logins        Logins        // when set, replaces Sessions for log-in and log-out (apiusers)
	Reference     Reference     // when set, replaces the store for reference data, settings, holidays, standards (apiusers)
	WorkCalendars WorkCalendars // when set, replaces the store for the calendars and tiers (apiusers)
	// Sessions logs users in and out.
	Sessions *auth.Sessions
	// Messaging serves the message routes (queue, attachments, gateway
	// secrets); nil answers them 503.
	Messaging *msgsvc.Messaging
	// Exports writes complaint lists as files.
	Exports *export.Exporter
	// Reports renders final report documents.
	Reports *reportsvc.Service

	// ComplaintWrites, when set, replaces the store for creations, notes and complaint refs (apicomp).
	ComplaintWrites ComplaintWrites
	// Citizens, when set, replaces the store for the citizen, identity and contact handlers (apicomp).
	Citizens Citizens
	// ExportProgresses, when set, replaces the store for an export's progress (apicomp).
	ExportProgresses ExportProgresses
	// ReportsStore, when set, replaces the store's reports for the report handlers (apirep).
	ReportsStore ReportsStore
	// ReportSteps, when set, replaces a.Reports for a report's workflow steps (apirep).
	ReportSteps ReportSteps
	// PrivacyStore, when set, replaces the store's privacy for the privacy handlers (apirep).
	PrivacyStore PrivacyStore
	// Messages, when set, replaces the store for the message, template and notification handlers (apicomp).
	Messages Messages
	// Settings, when set, replaces the store's settings for the SMS count (apicomp).
	Settings Settings
	// Attachments, when set, replaces the store's attachments for the photo handlers (apicomp).
	Attachments Attachments
	// PPIDStore, when set, replaces the store's PPID for the information request handlers (apirep).
	PPIDStore PPIDStore
	// LaporStore, when set, replaces the store's LAPOR! for the LAPOR! handlers (apirep).
	LaporStore LaporStore
}

// Handle adapts a reqctx.HandlerFunc: it renders a returned error as JSON.
func (a *API) Handle(h reqctx.HandlerFunc) http.Handler {
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

// Error writes err as the JSON error body. Internal errors are logged once
// here and shown only as "internal error".
func (a *API) Error(w http.ResponseWriter, r *http.Request, err error) {
	lang := reqctx.Lang(r)
	err = reqctx.Unfinished(r.Context(), store.Classify(err))
	code := aduan.ErrorCode(err)
	if errors.Is(err, context.Canceled) {
		return // the client went away; nothing to tell it
	}
	body := ErrorBody{RequestID: reqctx.RequestID(r.Context())}
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
	writeJSON(w, reqctx.StatusOf(code), body)
}

func writeJSON(w http.ResponseWriter, status int, v any) error {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(true)
	return enc.Encode(v)
}

// pathID reads a numeric path value.
func pathID(r *http.Request, name string) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
	}
	return id, nil
}

// zone is the city's time zone (the time_zone setting), in which every
// time of the API is written (export.Time).
func (a *API) zone(r *http.Request) (*time.Location, error) { return a.complaints().Zone(r.Context()) }

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

// time reads a time: RFC 3339, or a bare day meaning its midnight in loc
// (the city's zone), so that from=2026-11-01 starts when the city's day does.
func (p *params) time(name string, loc *time.Location) *time.Time {
	s := p.str(name)
	if s == "" {
		return nil
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return &t
	}
	if t, err := time.ParseInLocation("2006-01-02", s, loc); err == nil {
		return &t
	}
	p.errs.Add(name, "err.bad_param", name)
	return nil
}

func (p *params) err() error { return p.errs.Err() }
