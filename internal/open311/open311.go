// Package open311 serves Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2)
// at /open311/v2/: service discovery, the services (one per public
// complaint category) and their definitions, filing a request (it becomes
// a complaint on the open311 channel, routed like any other), tokens, and
// the public list of requests, in XML (required) and JSON. The widely used
// extensions are off unless asked for: page and page_size, extensions=true
// (notes and extended attributes), and FixMyStreet's servicerequestupdates
// when the installation turns them on.
//
// What the standard leaves open is decided here, and said once:
//   - service_request_id is the complaint number (ADU-2026-000123) and
//     service_code the category code: both strings;
//   - address_id is a kelurahan's Kemendagri code (32.76.01.1007);
//   - personal data never leaves in a GET: no name, phone, e-mail or home
//     address, descriptions with such details removed, and anonymous or
//     confidential complaints not listed at all;
//   - errors are 404 for what does not exist, 403 for a missing, unknown
//     or revoked api_key where one is needed (filing, FixMyStreet's
//     updates) and for a key over its hourly limit, and 400 for everything
//     else, in the format the URL asked for; a read that brings a bad key
//     is served as a keyless one;
//   - a client sends api_key to file requests (and for the FixMyStreet
//     endpoints); reading needs none, but is limited per address.
package open311

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// Handler serves the Open311 endpoints.
type Handler struct {
	// Stores are what the methods read and write through (stores.go):
	// StoresOf(st) in production, fakes in the handler tests.
	Stores Stores
	Log    *slog.Logger
	// Type is the endpoint's type in the discovery document: "production"
	// (default) or "test" (a demo or training installation).
	Type string
	// FixMyStreet turns on the servicerequestupdates endpoints.
	FixMyStreet bool
	// ReadsPerHour bounds the GET requests from one address without a key
	// (default 3600).
	ReadsPerHour int
	// PublicURL is the address the service is reached at (--public-url),
	// used for the discovery's links while the city's public_base_url
	// setting is empty.
	PublicURL string
	// CORSOrigins are the web origins whose pages may POST from a browser:
	// a preflight from one of them is answered (cors.go).
	CORSOrigins []string
}

// Prefix is where the endpoints are.
const Prefix = "/open311/v2"

// problem is an error already in the standard's terms.
type problem struct {
	status int
	errs   []ErrorJSON
	retry  time.Duration
}

func (p *problem) Error() string { return fmt.Sprintf("open311 %d: %v", p.status, p.errs) }

// handle adapts an Open311 method: it learns the format from the URL, runs
// the method, and renders any error in that format with the standard's
// status codes. It never returns an error to the API adapter.
func (h *Handler) handle(format string, fn func(w http.ResponseWriter, r *http.Request) error) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Access-Control-Allow-Origin", "*")
		if err := fn(w, r); err != nil {
			h.writeError(w, r, format, err)
		}
		return nil
	}
}

// method is an Open311 method: it answers in the format the URL names.
type method = func(format string, w http.ResponseWriter, r *http.Request) error

// fileMethods is the one table of the top-level files (services.xml,
// requests.json) by HTTP method: the routes dispatch on it, and a method a
// file does not take is answered from it (405 with Allow, cors.go).
func (h *Handler) fileMethods() map[string]map[string]method {
	get := map[string]method{"discovery": h.discovery, "services": h.services, "requests": h.requests}
	post := map[string]method{"requests": h.createRequest}
	if h.FixMyStreet {
		get["servicerequestupdates"] = h.updates
		post["servicerequestupdates"] = h.createUpdate
	}
	return map[string]map[string]method{http.MethodGet: get, http.MethodPost: post}
}

// allowed is the Allow header of a path under Prefix: the methods the
// table gives a top-level file, GET for everything below (definitions,
// requests, tokens), "" for a file no method knows.
func (h *Handler) allowed(path string) string {
	rest, ok := strings.CutPrefix(path, Prefix+"/")
	if !ok || strings.Contains(rest, "/") {
		return "GET"
	}
	name, _ := splitFormat(rest)
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		if h.fileMethods()[m][name] != nil {
			out = append(out, m)
		}
	}
	return strings.Join(out, ", ")
}

// dispatch picks the method by the file name of the URL (services.xml),
// since the format is part of the last path segment. A file that another
// HTTP method takes (POST services.xml) is a 405, not a missing resource.
func (h *Handler) dispatch(methods map[string]method, param string) func(http.ResponseWriter, *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		name, format := splitFormat(r.PathValue(param))
		fn := methods[name]
		if param != "file" {
			fn = methods["*"]
		}
		if fn == nil && format != "" && h.allowed(r.URL.Path) != "" {
			return h.Other(w, r)
		}
		errFormat := format
		if errFormat == "" {
			errFormat = FormatXML
		}
		return h.handle(errFormat, func(w http.ResponseWriter, r *http.Request) error {
			if format == "" || fn == nil {
				return aduan.Errorf(aduan.ENOTFOUND, "o311.err.no_resource")
			}
			r = r.WithContext(context.WithValue(r.Context(), nameKey{}, name))
			return fn(format, w, r)
		})(w, r)
	}
}

type nameKey struct{}

func nameOf(r *http.Request) string { s, _ := r.Context().Value(nameKey{}).(string); return s }

// Route is one Open311 route for the route table.
type Route struct {
	Method, Pattern string
	Handler         reqctx.HandlerFunc
}

// Routes lists the Open311 routes (all public: the api_key is checked by
// the methods that need it).
func (h *Handler) Routes() []Route {
	files := h.fileMethods()
	one := func(fn method) map[string]method { return map[string]method{"*": fn} }
	return []Route{
		{"GET", Prefix + "/{file}", h.dispatch(files[http.MethodGet], "file")},
		{"POST", Prefix + "/{file}", h.dispatch(files[http.MethodPost], "file")},
		{"GET", Prefix + "/services/{code}", h.dispatch(one(h.definition), "code")},
		{"GET", Prefix + "/requests/{id}", h.dispatch(one(h.request), "id")},
		{"GET", Prefix + "/tokens/{token}", h.dispatch(one(h.token), "token")},
		// Anything else under /open311/ is a missing resource, said in the
		// standard's XML rather than the mux's plain text.
		{"GET", "/open311/", h.handle(FormatXML, func(http.ResponseWriter, *http.Request) error {
			return aduan.Errorf(aduan.ENOTFOUND, "o311.err.no_resource")
		})},
	}
}

// writeError renders err per the standard: <errors><error><code/>
// <description/></error></errors> or [{"code":…,"description":…}].
func (h *Handler) writeError(w http.ResponseWriter, r *http.Request, format string, err error) {
	err = reqctx.Unfinished(r.Context(), store.Classify(err))
	if errors.Is(err, context.Canceled) {
		return
	}
	lang := reqctx.Lang(r)
	var p *problem
	if !errors.As(err, &p) {
		p = &problem{status: http.StatusBadRequest}
		code := aduan.ErrorCode(err)
		switch code {
		case aduan.ENOTFOUND:
			p.status = http.StatusNotFound
		case aduan.ETOOLARGE, aduan.ETIMEOUT:
			// The body's size or speed: said as such, not as a 400 (the
			// request's parameters were wrong).
			p.status = reqctx.StatusOf(code)
		case aduan.EFORBIDDEN, aduan.EUNAUTHORIZED:
			p.status = http.StatusForbidden
		case aduan.EUNPROCESSABLE: // an Idempotency-Key used for another request
			p.status = http.StatusUnprocessableEntity
		case aduan.EUNAVAILABLE: // not the client's fault: try again
			p.status = http.StatusServiceUnavailable
		case aduan.EINTERNAL:
			p.status = http.StatusInternalServerError
		}
		if errors.Is(err, store.ErrIdempotencyTaken) {
			p.status = http.StatusConflict
		}
		if e, ok := aduan.AsError(err); ok && code != aduan.EINTERNAL && code != aduan.EUNAVAILABLE {
			if len(e.Fields) == 0 {
				p.errs = append(p.errs, ErrorJSON{p.status, i18n.T(lang, e.Key, e.Args...)})
			}
			for _, f := range e.Fields {
				p.errs = append(p.errs, ErrorJSON{p.status, f.Field + ": " + i18n.T(lang, f.Key, f.Args...)})
			}
		} else {
			if code == aduan.EUNAVAILABLE {
				h.Log.Warn("open311: unavailable", "err", err)
				p.retry = 5 * time.Second
			} else {
				h.Log.Error("open311: internal error", "err", err, "path", r.URL.Path, "request_id", reqctx.RequestID(r.Context()))
			}
			p.errs = []ErrorJSON{{p.status, i18n.T(lang, "o311.err.general")}}
		}
	}
	if p.retry > 0 {
		w.Header().Set("Retry-After", strconv.Itoa(int(p.retry.Seconds()+0.999)))
	}
	if werr := write(w, format, p.status, p.errs, errorsXML{Errors: p.errs}); werr != nil {
		h.Log.Warn("open311: write error", "err", werr)
	}
}

// params reads the query (and, for POST, the form) with the standard's
// rule that a parameter sent empty is as if it were absent.
type params struct {
	v    map[string][]string
	lang i18n.Lang
	// loc is the city's zone, in which reads write their times and read
	// bare dates; set by query only, as the POSTed forms answer no time.
	loc  *time.Location
	errs aduan.Validation
}

func (p *params) str(name string) string {
	if vs := p.v[name]; len(vs) > 0 {
		return strings.TrimSpace(vs[0])
	}
	return ""
}

func (p *params) list(name string) []string {
	var out []string
	for _, v := range p.v[name] {
		for _, x := range strings.Split(v, ",") {
			if x = strings.TrimSpace(x); x != "" {
				out = append(out, x)
			}
		}
	}
	return out
}

func (p *params) bad(name, key string, args ...any) { p.errs.Add(name, key, args...) }

func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// key checks the api_key: EFORBIDDEN if missing, unknown or revoked, or
// over its hourly limit.
func (h *Handler) key(ctx context.Context, p *params) (*store.Open311Key, error) {
	k, err := h.Stores.Keys.Open311KeyBySecret(ctx, p.str("api_key"))
	if err != nil {
		return nil, err
	}
	ok, retry, err := h.Stores.Limiter.Hit(ctx, "open311-key:"+strconv.FormatInt(k.ID, 10), time.Hour, k.PerHour)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, &problem{status: http.StatusForbidden, retry: retry,
			errs: []ErrorJSON{{http.StatusForbidden, i18n.T(p.lang, "o311.err.key_limit", k.PerHour, int(retry.Minutes())+1)}}}
	}
	return k, nil
}

// readLimit bounds reads from one address; a request with a valid key
// counts against the key instead. GeoReport v2 marks reads keyless, so a
// read with an unknown or revoked api_key is served as one without a key
// (limited per address) rather than refused: a client whose key was
// revoked keeps reading public data like anyone. Filing still needs a
// good key.
func (h *Handler) readLimit(r *http.Request, p *params) error {
	if p.str("api_key") != "" {
		_, err := h.key(r.Context(), p)
		if e, ok := aduan.AsError(err); !ok || e.Code != aduan.EFORBIDDEN {
			return err // nil (a good key), a key over its limit, or a fault
		}
	}
	per := h.ReadsPerHour
	if per <= 0 {
		per = 3600
	}
	ok, retry, err := h.Stores.Limiter.Hit(r.Context(), "open311-ip:"+clientIP(r), time.Hour, per)
	if err != nil {
		return err
	}
	if !ok {
		return &problem{status: http.StatusBadRequest, retry: retry,
			errs: []ErrorJSON{{http.StatusBadRequest, i18n.T(p.lang, "o311.err.read_limit", per, int(retry.Minutes())+1)}}}
	}
	return nil
}

// query reads a GET's parameters with the city's zone (the time_zone
// setting), in which GeoReport datetimes carry their offset and bare dates
// are read. It is the store's Zone, as on every surface: a fault reading it
// is the request's error, not times written with WIB's offset.
func (h *Handler) query(r *http.Request) (*params, error) {
	loc, err := h.Stores.Clock.Zone(r.Context())
	if err != nil {
		return nil, err
	}
	return &params{v: r.URL.Query(), lang: reqctx.Lang(r), loc: loc}, nil
}

func (h *Handler) settings(ctx context.Context) (map[string]string, error) {
	return h.Stores.Catalog.PublicSettings(ctx)
}

// baseURL is the public address of the service (the public_base_url
// setting, else --public-url): the discovery's URLs are absolute.
func (h *Handler) baseURL(settings map[string]string) string {
	if u := strings.TrimSpace(settings["public_base_url"]); u != "" {
		return strings.TrimRight(u, "/")
	}
	return strings.TrimRight(h.PublicURL, "/")
}

// WarnIfLoopback logs, at start-up, that Open311 clients will be sent to an
// address only this machine reaches (or none) until public_base_url or
// --public-url names the public one.
func (h *Handler) WarnIfLoopback(ctx context.Context) {
	settings, err := h.Stores.Catalog.PublicSettings(ctx)
	if err != nil {
		return
	}
	if u := h.baseURL(settings); store.PublicURLProblem(u) {
		h.Log.Warn("open311: discovery and links name a loopback or no address; set the public_base_url setting or --public-url", "url", u)
	}
}

func strp(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
