package server

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/prometheus/client_golang/prometheus"
)

var reqIDRe = regexp.MustCompile(`^[A-Za-z0-9._-]{1,64}$`)

// statusWriter remembers the status code for logs and metrics.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach Flush for SSE.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

type metrics struct {
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

func newMetrics(reg prometheus.Registerer) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "aduan_http_requests_total", Help: "HTTP requests by route pattern, method and status code."},
			[]string{"route", "method", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "aduan_http_request_duration_seconds", Help: "HTTP request latency by route pattern.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5}}, []string{"route"}),
	}
	reg.MustRegister(m.requests, m.latency)
	return m
}

// observe wraps the whole mux: request ID, panic recovery, access log and
// metrics, in that order from the outside in.
func (s *Server) observe(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := r.Header.Get("X-Request-ID")
		if !reqIDRe.MatchString(id) {
			b := make([]byte, 8)
			rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-ID", id)
		r = r.WithContext(reqctx.WithRequestID(r.Context(), id))
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic", "panic", p, "stack", string(debug.Stack()), "request_id", id)
				if sw.status == 0 {
					s.api.Error(sw, r, aduanInternal{})
				}
			}
			route := r.Pattern
			if route == "" {
				route = "unmatched"
			}
			d := time.Since(start)
			if sw.status == 0 {
				sw.status = http.StatusOK
			}
			s.health.observe(route, r.Method, sw.status, time.Now())
			s.metrics.requests.WithLabelValues(route, r.Method, strconv.Itoa(sw.status)).Inc()
			s.metrics.latency.WithLabelValues(route).Observe(d.Seconds())
			if s.accessLog {
				s.log.LogAttrs(r.Context(), slog.LevelInfo, "request", slog.String("method", r.Method), slog.String("path", r.URL.Path),
					slog.Int("status", sw.status), slog.Duration("duration", d), slog.String("request_id", id),
					slog.String("route", route))
			}
		}()
		next.ServeHTTP(sw, r)
	})
}

// health remembers when the database last refused a request (a 503:
// unreachable, or full) and when it last took a write, for /readyz. A full
// disk leaves reads working, so a ping alone would call the service ready
// while every change fails.
type health struct {
	refusedAt atomic.Int64 // Unix ns of the last 503
	wroteAt   atomic.Int64 // Unix ns of the last successful change
}

// refusalWindow is how long a refused request keeps /readyz failing when
// no change has succeeded since.
const refusalWindow = 10 * time.Second

func (h *health) observe(route, method string, status int, now time.Time) {
	switch {
	case status == http.StatusServiceUnavailable && route != "GET /readyz":
		h.refusedAt.Store(now.UnixNano())
	case status < 400 && method != http.MethodGet && method != http.MethodHead && method != http.MethodOptions:
		h.wroteAt.Store(now.UnixNano())
	}
}

// refusing reports whether the database refused a request lately and has
// taken no change since.
func (h *health) refusing(now time.Time) bool {
	r := h.refusedAt.Load()
	return r > h.wroteAt.Load() && now.UnixNano()-r < int64(refusalWindow)
}

// realIP replaces the request's remote address with the client's when the
// request comes from a trusted reverse proxy, so that the limits kept per
// client address (log-in attempts, the public form, Open311) count people
// rather than the proxy. X-Forwarded-For is read from the right: the first
// address that is not a trusted proxy is the client (anything left of it
// the client could have written itself). From any other peer the header is
// ignored.
func realIP(trusted []netip.Prefix, next http.Handler) http.Handler {
	if len(trusted) == 0 {
		return next
	}
	isTrusted := func(a netip.Addr) bool {
		a = a.Unmap()
		for _, p := range trusted {
			if p.Contains(a) {
				return true
			}
		}
		return false
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		host, _, err := net.SplitHostPort(r.RemoteAddr)
		peer, perr := netip.ParseAddr(host)
		if err != nil || perr != nil || !isTrusted(peer) {
			next.ServeHTTP(w, r)
			return
		}
		var hops []string
		for _, h := range r.Header.Values("X-Forwarded-For") {
			hops = append(hops, strings.Split(h, ",")...)
		}
		client := netip.Addr{}
		for i := len(hops) - 1; i >= 0; i-- {
			a, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
			if err != nil {
				break // a malformed hop: trust nothing beyond it
			}
			client = a.Unmap()
			if !isTrusted(a) {
				break
			}
		}
		if client.IsValid() {
			r2 := *r
			r2.RemoteAddr = net.JoinHostPort(client.String(), "0")
			r = &r2
		}
		next.ServeHTTP(w, r)
	})
}

// ParseProxies reads a comma-separated list of addresses and CIDR ranges
// (the --trusted-proxies setting).
func ParseProxies(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(f)
		if f == "" {
			continue
		}
		if p, err := netip.ParsePrefix(f); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(f)
		if err != nil {
			return nil, fmt.Errorf("not an address or CIDR range: %q", f)
		}
		out = append(out, netip.PrefixFrom(a.Unmap(), a.Unmap().BitLen()))
	}
	return out, nil
}

type aduanInternal struct{}

func (aduanInternal) Error() string { return "panic" }

// security sets the headers every response carries.
func security(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'")
		next.ServeHTTP(w, r)
	})
}

// authenticate resolves the caller from a bearer token or the session
// cookie. Without either, an API route answers 401. A user who must change
// their password (a new account, an admin's reset, the first-run admin)
// may do only that, and ask who they are, until they have: the console
// sends them to its form, the API answers 403 naming the call to make.
func (s *Server) authenticate(next reqctx.HandlerFunc) reqctx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		u, cred, err := s.sessions.Caller(r)
		if err != nil {
			return err
		}
		if u.MustChangePW && !passwordChangeRoute(r, u) {
			return aduan.Errorf(aduan.EFORBIDDEN, "err.must_change_password", "/api/v1/users/"+strconv.FormatInt(u.ID, 10)+"/password")
		}
		ctx := reqctx.WithCredential(reqctx.WithUser(r.Context(), u), cred)
		return next(w, r.WithContext(ctx))
	}
}

// passwordChangeRoute reports whether r is one of the calls a user who must
// change their password may still make: changing their own, and reading
// their own account.
func passwordChangeRoute(r *http.Request, u *aduan.User) bool {
	switch r.Pattern {
	case "GET /api/v1/me":
		return true
	case "POST /api/v1/users/{id}/password":
		return r.PathValue("id") == strconv.FormatInt(u.ID, 10)
	}
	return false
}

// metricsGate guards /metrics on the service's own listener. The figures
// tell outsiders little about citizens but much about the service (routes,
// load, complaints by status, the Go runtime), and the listener is the one
// the reverse proxy forwards the internet to, where every request seems to
// come from the proxy's own address: so no address is trusted. Without a
// token the path does not exist (404); with one, only a request bearing it
// gets the figures, others a 404 too, so that nothing tells the path is
// there.
//
// notFound is what the service answers for any unknown path (the console's
// page when there is one), so that the gate's 404 reads like every other.
func metricsGate(token string, next, notFound http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if token == "" || !ok || subtle.ConstantTimeCompare([]byte(strings.TrimSpace(got)), []byte(token)) != 1 {
			notFound.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(w, r)
	})
}
