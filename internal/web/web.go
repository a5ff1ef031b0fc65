// Package web is the HTML console: the operator desk, the queue, the
// complaint page, the agency portal, the dashboards and administration.
// Pages are rendered on the server (html/template, embedded) and work
// without JavaScript; a vendored htmx and a small script add search as you
// type, live updates over Server-Sent Events, countdowns and keyboard
// shortcuts. Nothing is loaded from outside the binary.
package web

import (
	"bytes"
	"context"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/export"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/libsvc"
	"github.com/kotakita/aduan/internal/live"
	"github.com/kotakita/aduan/internal/msgsvc"
	"github.com/kotakita/aduan/internal/reportsvc"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

//go:embed templates static
var embedded embed.FS

// Config is what the console is made of besides the services it shares
// with the JSON API.
type Config struct {
	Hub *live.Hub
	// DevDir reads templates from disk on every request (see Web.DevDir).
	DevDir string
	// Search feeds the panel beside the intake form (nil: the library's).
	Search Searcher
	// Extras fill the messages and attachments of the complaint page.
	Extras Extras
}

// Services are what the console shares with the JSON API, built once by
// the server and given here, never set afterwards.
type Services struct {
	Store      *store.Store
	Log        *slog.Logger
	Sessions   *auth.Sessions
	Library    *libsvc.Service
	Messaging  *msgsvc.Messaging
	Exports    *export.Exporter
	ReportDocs *reportsvc.Service
}

// New builds the console from its configuration and the shared services.
func New(cfg Config, svc Services) *Web {
	w := &Web{Store: svc.Store, Stores: StoresOf(svc.Store, svc.Sessions), Log: svc.Log, Hub: cfg.Hub, Messaging: svc.Messaging, Exports: svc.Exports, ReportDocs: svc.ReportDocs,
		Sessions: svc.Sessions, DevDir: cfg.DevDir, Search: cfg.Search, Library: svc.Library, Extras: cfg.Extras}
	w.Stores.withServices(svc.Store, svc)
	w.Stores.withLibrary(svc.Library)
	w.Stores.withAdmin(svc.Store, svc)
	return w
}

// NewPublic builds the citizens' pages over the console w, with the
// settings of opts (nil: the defaults).
func NewPublic(w *Web, opts *Public) *Public {
	p := &Public{Web: w}
	if opts != nil {
		p.Files, p.MaxPhoto, p.MinFill, p.MaxAge = opts.Files, opts.MaxPhoto, opts.MinFill, opts.MaxAge
		p.SubmitsPerHour, p.TracksPerWindow, p.TrackWindow, p.FiguresTTL = opts.SubmitsPerHour, opts.TracksPerWindow, opts.TrackWindow, opts.FiguresTTL
	}
	return p
}

// Web serves the console. Build it with New.
type Web struct {
	Store *store.Store
	Log   *slog.Logger
	Hub   *live.Hub
	// Messaging is the message queue and attachment storage (nil: off).
	Messaging *msgsvc.Messaging
	// Exports writes the queue's complaints as files.
	Exports *export.Exporter
	// ReportDocs renders the reports' final documents.
	ReportDocs *reportsvc.Service
	// Sessions logs users in and out and reads the session of a request.
	Sessions *auth.Sessions
	// Dev reads templates from disk on every request (set ADUAN_DEV_DIR to
	// internal/web), so that editing a page needs no rebuild.
	DevDir string
	// Search feeds the panel beside the intake form (the answer library's
	// search once wired in; a plain search until then).
	Search Searcher
	// Library is the answer library's search, duplicate suggestion and
	// routing suggestion, shared with the API.
	Library *libsvc.Service
	// Extras fill the messages and attachments of the complaint page.
	Extras Extras
	// Stores are what the most used pages read through (stores.go):
	// StoresOf(Store) from New, fakes in the handler tests.
	Stores Stores

	// lastRefs is the desk's reference data as last read, drawn when the
	// database is away (desk_refs.go).
	lastRefs lastDeskRefs

	once  sync.Once
	pages map[string]*template.Template
	err   error
}

// HandlerFunc is a page handler that returns its error for the adapter.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Page is what every page template receives.
type Page struct {
	Title string
	User  *aduan.User
	Lang  i18n.Lang
	Path  string
	City  string
	// Logo is the address of the city's logo on the citizens' pages
	// (those without a user); "" when none was uploaded.
	Logo     string
	Flash    string
	FlashErr string
	Data     any
	Now      time.Time
	// Zone is the city's time zone (the time_zone setting); every time
	// the page shows is in it.
	Zone *time.Location
	// Nav is the menu for the user's role.
	Nav []NavItem
	// Unread counts the user's unread notifications (the bell).
	Unread int
}

// NavItem is one menu entry.
type NavItem struct {
	Href, Key, Shortcut string
	Active              bool
}

// T translates in the page's language (for templates).
func (p *Page) T(key string, args ...any) string { return i18n.T(p.Lang, key, args...) }

func (w *Web) templates() (map[string]*template.Template, error) {
	load := func() (map[string]*template.Template, error) {
		var fsys fs.FS = embedded
		if w.DevDir != "" {
			fsys = os.DirFS(w.DevDir)
		}
		layout, err := fs.ReadFile(fsys, "templates/layout.html")
		if err != nil {
			return nil, err
		}
		entries, err := fs.ReadDir(fsys, "templates")
		if err != nil {
			return nil, err
		}
		out := map[string]*template.Template{}
		for _, e := range entries {
			name := e.Name()
			if name == "layout.html" || !strings.HasSuffix(name, ".html") {
				continue
			}
			body, err := fs.ReadFile(fsys, "templates/"+name)
			if err != nil {
				return nil, err
			}
			t := template.New("layout").Funcs(funcs)
			if _, err := t.Parse(string(layout)); err != nil {
				return nil, fmt.Errorf("layout: %w", err)
			}
			if _, err := t.Parse(string(body)); err != nil {
				return nil, fmt.Errorf("%s: %w", name, err)
			}
			out[strings.TrimSuffix(name, ".html")] = t
		}
		return out, nil
	}
	if w.DevDir != "" {
		return load()
	}
	w.once.Do(func() { w.pages, w.err = load() })
	return w.pages, w.err
}

// Check parses every template, so that a broken page fails at start-up
// rather than in front of a user.
func (w *Web) Check() error {
	_, err := w.templates()
	return err
}

// Static serves the embedded CSS, script and htmx, cached for a day.
func (w *Web) Static() http.Handler {
	sub, _ := fs.Sub(embedded, "static")
	fsrv := http.FileServerFS(sub)
	if w.DevDir != "" {
		fsrv = http.FileServer(http.Dir(w.DevDir + "/static"))
	}
	return http.StripPrefix("/static/", http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		rw.Header().Set("Cache-Control", "public, max-age=86400")
		fsrv.ServeHTTP(rw, r)
	}))
}

// render writes a page (or, with fragment set, one named template of it).
func (w *Web) render(rw http.ResponseWriter, r *http.Request, status int, name string, p *Page) error {
	pages, err := w.templates()
	if err != nil {
		return err
	}
	t, ok := pages[name]
	if !ok {
		return fmt.Errorf("no template %s", name)
	}
	if err := w.fill(r, p, status); err != nil {
		return err
	}
	var buf bytes.Buffer
	exec := "layout"
	if f := r.Header.Get("HX-Target"); f != "" && r.Header.Get("HX-Request") == "true" && t.Lookup("fragment:"+f) != nil {
		exec = "fragment:" + f
	}
	if err := t.ExecuteTemplate(&buf, exec, p); err != nil {
		return err
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.Header().Set("Cache-Control", "no-store")
	rw.WriteHeader(status)
	_, err = rw.Write(buf.Bytes())
	return err
}

// fragment renders one named template of a page without the layout.
func (w *Web) fragment(rw http.ResponseWriter, r *http.Request, page, name string, p *Page) error {
	pages, err := w.templates()
	if err != nil {
		return err
	}
	t, ok := pages[page]
	if !ok {
		return fmt.Errorf("no template %s", page)
	}
	if err := w.fill(r, p, http.StatusOK); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, name, p); err != nil {
		return err
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.Header().Set("Cache-Control", "no-store")
	_, err = rw.Write(buf.Bytes())
	return err
}

// fill completes p for its layout; status is the answer's.
func (w *Web) fill(r *http.Request, p *Page, status int) error {
	if p.User == nil {
		p.User = userOf(r)
	}
	p.Lang = langOf(r)
	p.Path = r.URL.Path
	p.Now = w.Stores.Clock.Now()
	if p.Zone == nil {
		ctx := r.Context()
		if ctx.Err() != nil {
			// The request's own time is spent: this page is the answer
			// that says so (a form sent back with what was typed and a
			// 503). Reading the zone gets a moment of its own, so that
			// the answer is not lost to the deadline it reports.
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
			defer cancel()
		}
		z, err := w.zone(ctx)
		switch {
		case err == nil:
		case status == http.StatusServiceUnavailable:
			// This page already says the service is unavailable (a
			// form sent back with what was typed, the database away):
			// it is drawn in WIB rather than lost to the fault it
			// reports. It computes no date; only its clock shows one.
			z = aduan.WIB
		default:
			return err
		}
		p.Zone = z
	}
	p.Now = p.Now.In(p.Zone)
	if p.City == "" {
		p.City = aduan.DefaultSettings()["city_name"]
		if st, err := w.Stores.RefData.Settings(r.Context()); err == nil && st["city_name"] != "" {
			p.City = st["city_name"]
		}
	}
	if p.User == nil && p.Logo == "" {
		// A citizen's page is the city's own: its logo by its name.
		p.Logo, _ = w.LogoURL(r)
	}
	if p.Flash == "" {
		p.Flash = i18nFlash(r, p.Lang)
	}
	if p.FlashErr == "" {
		p.FlashErr = errFlash(r, p.Lang)
	}
	if p.User != nil {
		p.Nav = navFor(p.User.Role, r.URL.Path)
		p.Unread = w.unread(r)
	}
	return nil
}

// flash messages travel in the redirect's query string (?ok=key), so no
// session state is needed; only catalogue keys are shown.
func i18nFlash(r *http.Request, lang i18n.Lang) string {
	k := r.URL.Query().Get("ok")
	if k == "" || !strings.HasPrefix(k, "web.ok.") || !i18n.Has(k) || strings.Contains(i18n.T(i18n.ID, k), "%") {
		// A flash with a blank to fill is drawn by its own page
		// (web.ok.already_saved names the complaint).
		return ""
	}
	return i18n.T(lang, k)
}

func navFor(role aduan.Role, path string) []NavItem {
	var items []NavItem
	add := func(href, key, sc string) {
		items = append(items, NavItem{Href: href, Key: key, Shortcut: sc, Active: path == href || strings.HasPrefix(path, href+"/")})
	}
	switch {
	case role.CallCenter():
		add("/desk", "web.nav.desk", "1")
		add("/queue", "web.nav.queue", "2")
		add("/dashboard", "web.nav.dashboard", "3")
	case role.AgencyBound():
		add("/pd", "web.nav.inbox", "1")
		if role == aduan.RolePimpinanPD {
			add("/dashboard", "web.nav.figures", "2")
		}
	case role == aduan.RoleKasiKabid || role == aduan.RolePPIDUtama:
		add("/dashboard", "web.nav.dashboard", "1")
		add("/queue", "web.nav.complaints", "2")
	}
	if role.Can(aduan.PermLibraryRead) {
		add("/pustaka", "lib.web.nav", "4")
	} else if role.Can(aduan.PermRoutingTrain) {
		add("/pustaka/model", "lib.web.model", "")
	}
	if role == aduan.RoleOperatorCC || role == aduan.RoleKoordinatorCC || role == aduan.RoleKasiKabid || role == aduan.RolePimpinanPD {
		add("/reports", "rep.web.nav", "")
	}
	if role.Can(aduan.PermComplaintCreate) {
		add("/sp4n-lapor", "lapor.web.nav", "")
	}
	if role == aduan.RoleAdmin || role == aduan.RoleKoordinatorCC {
		add("/admin", "web.nav.admin", "9")
	}
	if role == aduan.RoleAdmin || role == aduan.RoleKoordinatorCC {
		add("/audit", "web.nav.audit", "")
		add("/agencies/reach", "web.nav.reach", "")
	}
	if role == aduan.RoleAdmin || role.CallCenter() {
		add("/messages", "msg.web.nav", "")
	}
	if canPrivacy(role) {
		add("/privacy", "privacy.nav", "")
	}
	if aduan.InfoCanRead(aduan.Actor{Role: role}) {
		add("/ppid", "web.nav.ppid", "")
	}
	add("/account", "web.nav.account", "0")
	return items
}

// Handle adapts a page handler: errors become an error page in the user's
// language (or a redirect to the log-in page when there is no session).
func (w *Web) Handle(h HandlerFunc) http.Handler {
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		// Auth puts the user here too, so that the error page, which sees
		// the request from before Auth, still speaks the user's language.
		st := &pageState{}
		r = r.WithContext(context.WithValue(r.Context(), stateKey{}, st))
		if err := h(rw, r); err != nil {
			if st.user != nil {
				r = r.WithContext(reqctx.WithUser(r.Context(), st.user))
			}
			w.errorPage(rw, r, err)
		}
	})
}

type stateKey struct{}

type pageState struct{ user *aduan.User }

func (w *Web) errorPage(rw http.ResponseWriter, r *http.Request, err error) {
	err = reqctx.Unfinished(r.Context(), store.Classify(err))
	code := aduan.ErrorCode(err)
	if code == aduan.EUNAVAILABLE {
		rw.Header().Set("Retry-After", "5")
	}
	if code == aduan.EUNAUTHORIZED {
		next := r.URL.RequestURI()
		if r.Method != http.MethodGet {
			next = "/"
		}
		to := "/login?next=" + url.QueryEscape(next)
		if e, ok := aduan.AsError(err); ok && e.Key == "err.session_expired" {
			to += "&expired=1"
		}
		if r.Header.Get("HX-Request") == "true" {
			rw.Header().Set("HX-Redirect", to)
			rw.WriteHeader(http.StatusUnauthorized)
			return
		}
		http.Redirect(rw, r, to, http.StatusSeeOther)
		return
	}
	lang := langOf(r)
	msg := i18n.T(lang, "err.internal")
	if e, ok := aduan.AsError(err); ok && code != aduan.EINTERNAL {
		msg = i18n.T(lang, e.Key, e.Args...)
	} else {
		w.Log.Error("internal error", "err", err, "path", r.URL.Path, "request_id", reqctx.RequestID(r.Context()))
	}
	// The error page shows no times, and must show when reading the
	// city's zone is what failed: it is given one rather than reading it.
	p := &Page{Title: i18n.T(lang, "web.error.title"), Data: map[string]any{"Message": msg, "Status": reqctx.StatusOf(code)}, Zone: time.UTC}
	if rerr := w.render(rw, r, reqctx.StatusOf(code), "error", p); rerr != nil {
		w.Log.Error("render error page", "err", rerr)
		http.Error(rw, msg, reqctx.StatusOf(code))
	}
}

func userOf(r *http.Request) *aduan.User { return reqctx.UserFrom(r.Context()) }

func actorOf(r *http.Request) aduan.Actor {
	if u := userOf(r); u != nil {
		return u.Actor()
	}
	return aduan.Actor{UserID: -1, Role: "none"}
}

// langOf: the ?lang= of this request, else the user's choice, else the
// language cookie (set on the log-in page), else Indonesian.
func langOf(r *http.Request) i18n.Lang {
	if v := r.URL.Query().Get("lang"); v != "" {
		return i18n.Parse(v)
	}
	if u := userOf(r); u != nil && u.Lang != "" {
		return i18n.Parse(u.Lang)
	}
	if c, err := r.Cookie("aduan_lang"); err == nil {
		return i18n.Parse(c.Value)
	}
	// The console is Indonesian first: a browser set to English does not
	// change it; a user does, in their account (or ?lang=en).
	return i18n.ID
}

// Auth wraps a page that needs a logged-in user; users who must change their
// password are sent to do so first.
func (w *Web) Auth(h HandlerFunc) HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) error {
		u, _, err := w.Sessions.SessionUser(r)
		if err != nil {
			if aduan.ErrorCode(err) == aduan.EUNAVAILABLE && r.Pattern == "POST /desk" {
				// A complaint typed at the desk comes back on its form
				// rather than being lost with the database.
				return w.intakeAway(rw, r, err)
			}
			return err
		}
		r = r.WithContext(reqctx.WithUser(r.Context(), u))
		if st, ok := r.Context().Value(stateKey{}).(*pageState); ok {
			st.user = u
		}
		if u.MustChangePW && r.URL.Path != "/account/password" && r.URL.Path != "/logout" {
			http.Redirect(rw, r, "/account/password", http.StatusSeeOther)
			return nil
		}
		return h(rw, r)
	}
}

// redirect answers a form post: a See Other to a page, with a flash key.
func redirect(rw http.ResponseWriter, r *http.Request, to, flash string) error {
	if flash != "" {
		// The flash goes in the query, before any #fragment, or the browser
		// would take it for part of the fragment.
		base, frag, hasFrag := strings.Cut(to, "#")
		sep := "?"
		if strings.Contains(base, "?") {
			sep = "&"
		}
		to = base + sep + "ok=" + url.QueryEscape(flash)
		if hasFrag {
			to += "#" + frag
		}
	}
	http.Redirect(rw, r, to, http.StatusSeeOther)
	return nil
}

// formErrors turns a domain validation error into field → message, for
// showing each message next to its field.
func formErrors(lang i18n.Lang, err error) (map[string]string, string, bool) {
	e, ok := aduan.AsError(err)
	if !ok || e.Code == aduan.EINTERNAL {
		return nil, "", false
	}
	fields := map[string]string{}
	for _, f := range e.Fields {
		fields[f.Field] = i18n.T(lang, f.Key, f.Args...)
	}
	return fields, i18n.T(lang, e.Key, e.Args...), true
}
