// Package server assembles the HTTP service: the route table, middleware,
// health and metrics.
package server

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/api"
	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/export"
	"github.com/kotakita/aduan/internal/libsvc"
	"github.com/kotakita/aduan/internal/msgsvc"
	"github.com/kotakita/aduan/internal/open311"
	"github.com/kotakita/aduan/internal/reportsvc"
	"github.com/kotakita/aduan/internal/store"
	"github.com/kotakita/aduan/internal/web"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Config holds what the server needs.
type Config struct {
	Store         *store.Store
	Log           *slog.Logger
	SessionTTL    time.Duration
	SecureCookies bool
	AccessLog     bool
	// RequestTimeout bounds ordinary requests' work, counted from when
	// their body is in (default 30 s).
	RequestTimeout time.Duration
	// BodyIdle cuts a request body when no byte came for this long
	// (default 20 s); BodyMinRate (bytes a second, default 1024) cuts one
	// that falls below it on average after BodyGrace (default 10 s). See
	// body.go.
	BodyIdle    time.Duration
	BodyGrace   time.Duration
	BodyMinRate int64
	// Messaging serves the message routes: SMS, WhatsApp and e-mail.
	Messaging *msgsvc.Messaging
	// Console configures the HTML console; nil serves the API alone. The
	// server builds it (web.New) with the services it shares with the API.
	Console *web.Config
	// Open311 serves GeoReport v2; nil: one with the defaults.
	Open311 *open311.Handler
	// Public serves the citizens' pages (with Web); nil: the defaults.
	Public *web.Public
	// TrustedProxies are the reverse proxies whose X-Forwarded-For names
	// the client; empty: the peer is the client.
	TrustedProxies []netip.Prefix
	// MetricsToken, when set, lets GET /metrics on the service's own
	// listener answer a request bearing it (Authorization: Bearer). Empty:
	// /metrics is not served there at all (see Metrics for a listener of
	// its own).
	MetricsToken string
}

// Server is the HTTP handler of the whole service.
type Server struct {
	store     *store.Store
	log       *slog.Logger
	api       *api.API
	sessions  *auth.Sessions
	reg       *prometheus.Registry
	metrics   *metrics
	health    health
	accessLog bool
	timeout   time.Duration
	// Body deadlines (body.go).
	bodyIdle, bodyGrace time.Duration
	bodyRate            int64
	handler             http.Handler
	web                 *web.Web
	open311             *open311.Handler
	public              *web.Public
	// lib serves the answer library, search and the routing suggestion to
	// the API and the console alike: one routing model per process.
	lib *api.Library
	// Routes is the route table, kept for the OpenAPI coverage test.
	routes []Route
}

// New builds the server and its route table.
func New(cfg Config) *Server {
	if cfg.RequestTimeout == 0 {
		cfg.RequestTimeout = 30 * time.Second
	}
	if cfg.BodyIdle <= 0 {
		cfg.BodyIdle = DefaultBodyIdle
	}
	if cfg.BodyGrace <= 0 {
		cfg.BodyGrace = DefaultBodyGrace
	}
	if cfg.BodyMinRate <= 0 {
		cfg.BodyMinRate = DefaultBodyMinRate
	}
	s := &Server{
		store: cfg.Store, log: cfg.Log, accessLog: cfg.AccessLog, timeout: cfg.RequestTimeout,
		bodyIdle: cfg.BodyIdle, bodyGrace: cfg.BodyGrace, bodyRate: cfg.BodyMinRate,
		sessions: auth.NewSessions(cfg.Store, cfg.SessionTTL, cfg.SecureCookies),
		reg:      prometheus.NewRegistry(),
	}
	reports := &reportsvc.Service{Store: cfg.Store}
	if q, err := cfg.Messaging.Jobs(); err == nil {
		reports.Outbox = q
	}
	s.api = &api.API{Store: cfg.Store, Log: cfg.Log, Sessions: s.sessions, Messaging: cfg.Messaging,
		Exports: &export.Exporter{Store: cfg.Store, Log: cfg.Log}, Reports: reports}
	s.lib = api.NewLibrary(s.api, libsvc.New(cfg.Store, cfg.Log))
	if cfg.Console != nil {
		s.web = web.New(*cfg.Console, web.Services{Store: cfg.Store, Log: cfg.Log, Sessions: s.sessions, Library: s.lib.Lib,
			Messaging: s.api.Messaging, Exports: s.api.Exports, ReportDocs: s.api.Reports})
	}
	s.open311, s.public = cfg.Open311, web.NewPublic(s.web, cfg.Public)
	if s.open311 == nil {
		s.open311 = &open311.Handler{Stores: open311.StoresOf(cfg.Store), Log: cfg.Log}
	}
	s.metrics = newMetrics(s.reg)
	s.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	s.reg.MustRegister(&complaintCollector{store: cfg.Store, log: cfg.Log})
	mux := http.NewServeMux()
	s.routes = s.routeTable()
	for _, rt := range s.routes {
		// The caller is known before the body is read (only the public
		// routes take a body from anyone), and the work's deadline starts
		// again when the body is in (body.go).
		inner := s.readBody(rt, rt.Handler)
		var h http.Handler
		switch {
		case rt.HTML && rt.Auth:
			h = s.web.Handle(s.web.Auth(web.HandlerFunc(inner)))
		case rt.HTML:
			h = s.web.Handle(web.HandlerFunc(inner))
		case rt.Auth:
			h = s.api.Handle(s.authenticate(inner))
		default:
			h = s.api.Handle(inner)
		}
		mux.Handle(rt.Method+" "+rt.Pattern, s.bounded(rt, h))
	}
	if s.web != nil {
		mux.Handle("GET /static/", s.web.Static())
	}
	mux.Handle("GET /healthz", http.HandlerFunc(s.healthz))
	mux.Handle("GET /readyz", http.HandlerFunc(s.readyz))
	var notFound http.Handler = http.NotFoundHandler()
	if s.web != nil {
		notFound = s.unknownPath(mux)
	}
	mux.Handle("GET /metrics", metricsGate(cfg.MetricsToken, s.Metrics(), notFound))
	// Unknown /api/ paths answer in the API's JSON shape rather than the
	// mux's plain text.
	mux.Handle("/api/", s.api.Handle(func(w http.ResponseWriter, r *http.Request) error {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found.route")
	}))
	// Open311 paths asked with a method their routes do not take: a CORS
	// preflight for the configured origins, else 405 in the standard's shape.
	mux.Handle("/open311/", s.api.Handle(s.open311.Other))
	if s.web != nil {
		mux.Handle("/", notFound)
	}
	// Cross-origin protection (CSRF) for every unsafe method: browsers say
	// where a request comes from (Sec-Fetch-Site / Origin) and cross-site
	// ones are refused. Bearer-token clients send neither header and pass.
	cop := http.NewCrossOriginProtection()
	// Open311 clients post with an api_key, not a cookie: there is no
	// session to forge, and browser-based clients post cross-origin.
	cop.AddInsecureBypassPattern("POST " + open311.Prefix + "/{file}")
	cop.SetDenyHandler(s.api.Handle(func(w http.ResponseWriter, r *http.Request) error {
		return aduan.Errorf(aduan.EFORBIDDEN, "err.csrf")
	}))
	s.handler = realIP(cfg.TrustedProxies, s.observe(security(cop.Handler(mux))))
	return s
}

// Metrics serves the Prometheus metrics, without any check: for a listener
// of its own (--metrics-addr), never the public one.
func (s *Server) Metrics() http.Handler {
	return promhttp.HandlerFor(s.reg, promhttp.HandlerOpts{Registry: s.reg})
}

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.handler.ServeHTTP(w, r) }

// Console is the HTML console the server built (nil when it serves the API
// alone): main checks its templates and registers its live updates.
func (s *Server) Console() *web.Web { return s.web }

// Routes returns the route table.
func (s *Server) Routes() []Route { return s.routes }

func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Write([]byte("ok\n"))
}

func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	if err := s.store.Ping(ctx); err != nil {
		s.log.Warn("not ready", "err", err)
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database unreachable\n"))
		return
	}
	if s.health.refusing(time.Now()) {
		w.WriteHeader(http.StatusServiceUnavailable)
		w.Write([]byte("database refusing changes (full?)\n"))
		return
	}
	w.Write([]byte("ready\n"))
	// Ready, but say what will make deadlines wrong: a missing holiday
	// table counts that year's weekdays as working days.
	if y, err := s.store.RefData().HolidayWarning(ctx); err == nil && y != 0 {
		fmt.Fprintf(w, "warning: no holiday table for %d: working-day deadlines in it count every weekday as a working day\n", y)
	}
}

// complaintCollector exports complaints by status. Counting a million rows
// on every scrape would be wasteful, so the figures are cached briefly.
type complaintCollector struct {
	store *store.Store
	log   *slog.Logger
	mu    sync.Mutex
	at    time.Time
	last  map[aduan.Status]int64
}

var complaintsDesc = prometheus.NewDesc("aduan_complaints", "Complaints by status.", []string{"status"}, nil)

func (c *complaintCollector) Describe(ch chan<- *prometheus.Desc) { ch <- complaintsDesc }

func (c *complaintCollector) Collect(ch chan<- prometheus.Metric) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if time.Since(c.at) > 15*time.Second {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		m, err := c.store.Complaints().CountByStatus(ctx)
		cancel()
		if err != nil {
			c.log.Warn("metrics: count complaints", "err", err)
		} else {
			c.last, c.at = m, time.Now()
		}
	}
	for _, st := range aduan.Statuses {
		ch <- prometheus.MustNewConstMetric(complaintsDesc, prometheus.GaugeValue, float64(c.last[st]), string(st))
	}
}
