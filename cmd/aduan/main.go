// Command aduan is the complaint-handling service of a city call center:
// one binary that serves the web console and the API on SQLite (default) or
// PostgreSQL, and the commands to administer it.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/citizen"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/libsvc"
	"github.com/kotakita/aduan/internal/live"
	"github.com/kotakita/aduan/internal/server"
	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
	"github.com/kotakita/aduan/internal/web"
)

const usage = `aduan — penanganan pengaduan masyarakat call center (SOP Kota Depok)
aduan — complaint handling for a city call center (after the Depok SOP)

Usage:
  aduan serve [flags]        run the service (web console + API /api/v1)
  aduan serve --demo         the same, with Depok demo data and demo users
  aduan migrate [flags]      apply database migrations and exit
  aduan user add [flags]     add a user: --username --name --role [--agency CODE] [--password]
  aduan token add [flags]    make an API token: --username --name
  aduan backup FILE          write a consistent copy of the SQLite database while it runs
  aduan gen --complaints N [--seed S]
                             fill the database with N realistic complaints (load tests)
  aduan report verify FILE   check a downloaded or printed report (or its code) against the paraf
  aduan eval routing FILE.jsonl [--json] [--baseline]
                             top-1/top-3 accuracy of the routing suggestion on a labelled file
  aduan library export [--format json|csv] [FILE]
  aduan library import [--format json|csv] FILE
  aduan library import --starter
                             the answer library (folder jawaban) as a file
  aduan search reindex       rebuild the search index
  aduan open311 key add NAME [--per-hour N]
                             make an API key for an Open311 client (printed once)
  aduan open311 key list | key revoke ID
  aduan privacy retention [--dry-run]
                             anonymise and erase personal data past its retention (UU 27/2022);
                             --dry-run counts what a run would change, and changes nothing
  aduan version              print the version
  aduan help                 this text

Roles: operator_cc, operator_pd, koordinator_cc, kasi_kabid, pimpinan_pd,
       ppid_utama, ppid_pembantu, admin

`

var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, errUsage) {
			fmt.Fprintln(os.Stderr, "aduan:", err)
		}
		os.Exit(2)
	}
}

var errUsage = errors.New("usage")

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	lang := i18n.Parse(getenv("ADUAN_LANG"))
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		envTable(stderr)
		return errUsage
	}
	switch args[0] {
	case "help", "-h", "--help", "-help":
		fmt.Fprint(stdout, usage)
		envTable(stdout)
		return nil
	case "version":
		fmt.Fprintln(stdout, "aduan", version)
		return nil
	case "serve":
		cfg, fs, err := parseConfig("serve", args[1:], getenv, stderr)
		if err != nil {
			return err
		}
		if err := fs.Parse(args[1:]); err != nil {
			return errUsage
		}
		m := &Main{Config: cfg, Out: stdout, Lang: lang}
		if err := m.Run(ctx); err != nil {
			m.Close()
			return err
		}
		<-ctx.Done()
		m.Log.Info("shutting down")
		return m.Close()
	case "migrate":
		cfg, fs, err := parseConfig("migrate", args[1:], getenv, stderr, "data", "database-url")
		if err != nil {
			return err
		}
		if err := fs.Parse(args[1:]); err != nil {
			return errUsage
		}
		st, err := store.Open(ctx, store.Config{URL: cfg.DatabaseURL, DataDir: cfg.DataDir, KeyFile: cfg.KeyFile})
		if err != nil {
			return err
		}
		defer st.Close()
		_, err = setup.Reference(ctx, st)
		return err
	case "backup":
		cfg, fs, err := parseConfig("backup", args[1:], getenv, stderr, "data", "database-url")
		if err != nil {
			return err
		}
		if err := fs.Parse(args[1:]); err != nil {
			return errUsage
		}
		if fs.NArg() != 1 {
			fmt.Fprintln(stderr, "usage: aduan backup FILE")
			return errUsage
		}
		st, err := store.Open(ctx, store.Config{URL: cfg.DatabaseURL, DataDir: cfg.DataDir, KeyFile: cfg.KeyFile})
		if err != nil {
			return err
		}
		defer st.Close()
		if err := st.Backup(ctx, fs.Arg(0)); err != nil {
			return cliErr(lang, err)
		}
		fmt.Fprintln(stdout, i18n.T(lang, "cli.backup_written", fs.Arg(0)))
		return nil
	case "report":
		return reportCommand(ctx, args, getenv, stdout, stderr, lang)
	case "user", "token":
		return adminCommand(ctx, args, getenv, stdout, stderr, lang)
	case "gen":
		return genCommand(ctx, args, getenv, stdout, stderr, lang)
	case "eval":
		return evalCommand(ctx, args, getenv, stdout, stderr, lang)
	case "library":
		return libraryCommand(ctx, args, getenv, stdout, stderr, lang)
	case "search":
		return searchCommand(ctx, args, getenv, stdout, stderr, lang)
	case "open311":
		return open311Command(ctx, args, getenv, stdout, stderr, lang)
	case "privacy":
		return privacyCommand(ctx, args, getenv, stdout, stderr, lang)
	}
	fmt.Fprintf(stderr, "unknown command %q\n\n%s", args[0], usage)
	return errUsage
}

// cliErr renders a domain error in the operator's language.
func cliErr(lang i18n.Lang, err error) error {
	e, ok := aduan.AsError(err)
	if !ok || e.Code == aduan.EINTERNAL {
		return err
	}
	msg := i18n.T(lang, e.Key, e.Args...)
	for _, f := range e.Fields {
		msg += fmt.Sprintf("\n  %s: %s", f.Field, i18n.T(lang, f.Key, f.Args...))
	}
	return errors.New(msg)
}

func adminCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, lang i18n.Lang) error {
	if len(args) < 2 || args[1] != "add" {
		fmt.Fprint(stderr, usage)
		return errUsage
	}
	cfg, fs, err := parseConfig(args[0], args[2:], getenv, stderr, "data", "database-url")
	if err != nil {
		return err
	}
	username := fs.String("username", "", "log-in name")
	name := fs.String("name", "", "full name (user) or token name (token)")
	role := fs.String("role", "", "role (user add)")
	agency := fs.String("agency", "", "agency code for agency-bound roles (user add)")
	password := fs.String("password", "", "password (user add; generated when empty)")
	service := fs.Bool("service", false, "a service account: an integration (PBX/CTI) with API tokens only, no log-in (user add)")
	if err := fs.Parse(args[2:]); err != nil {
		return errUsage
	}
	st, err := store.Open(ctx, store.Config{URL: cfg.DatabaseURL, DataDir: cfg.DataDir, KeyFile: cfg.KeyFile})
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := setup.Reference(ctx, st); err != nil {
		return err
	}
	if args[0] == "token" {
		u, err := st.Users().UserByUsername(ctx, *username)
		if err != nil {
			return cliErr(lang, err)
		}
		secret, _, err := st.Users().CreateToken(ctx, aduan.System, u.ID, *name)
		if err != nil {
			return cliErr(lang, err)
		}
		fmt.Fprintln(stdout, i18n.T(lang, "cli.token_created", secret))
		return nil
	}
	u := &aduan.User{Username: *username, Name: *name, Role: aduan.Role(*role), Lang: "id", Active: true}
	if *agency != "" {
		a, err := st.RefData().AgencyByCode(ctx, *agency)
		if err != nil {
			return cliErr(lang, err)
		}
		u.AgencyID = a.ID
	}
	u.Service = *service
	pw := *password
	generated := pw == "" && !u.Service
	if generated {
		pw = setup.RandomPassword()
		u.MustChangePW = true
	}
	if err := st.Users().CreateUser(ctx, aduan.System, u, pw); err != nil {
		return cliErr(lang, err)
	}
	fmt.Fprintln(stdout, i18n.T(lang, "cli.user_created", u.Username, "role."+string(u.Role)))
	if generated {
		fmt.Fprintln(stdout, pw)
	}
	return nil
}

// Main is the running service; tests start it on 127.0.0.1:0.
type Main struct {
	Config *Config
	Out    io.Writer
	Lang   i18n.Lang
	Log    *slog.Logger
	Store  *store.Store
	Server *server.Server
	Queue  *jobs.Queue // messages, SLA checks, mail polling
	// files keeps photos (messages' and agencies' answers'); photoMax bounds each.
	files    attach.Storage
	photoMax int64
	Hub      *live.Hub
	http     *http.Server
	ln       net.Listener
	done     chan error
	pprof    *http.Server // --pprof-addr
	metrics  *http.Server // --metrics-addr
	// MetricsAddr is where --metrics-addr listens (empty when off).
	MetricsAddr string

	// Citizen answers SMS commands (STATUS) and runs the survey.
	Citizen *citizen.SMS
	// lib is the server's library service once it is built, for the
	// queue's daily retrain (which may run on a worker meanwhile).
	lib atomic.Pointer[libsvc.Service]
}

// retrain is the queue's daily routing retrain (jobs.RetrainArgs): by the
// system, audited like a person's. Before the server is built there is no
// model to retrain yet; the next day's run does it.
func (m *Main) retrain(ctx context.Context) error {
	lib := m.lib.Load()
	if lib == nil {
		return nil
	}
	_, err := lib.Retrain(ctx, aduan.System)
	return err
}

// Run opens the database, prepares it, and starts serving; it returns once
// the listener is open.
func (m *Main) Run(ctx context.Context) error {
	cfg := m.Config
	if m.Out == nil {
		m.Out = io.Discard
	}
	if m.Log == nil { // tests may bring their own, to read it
		m.Log = newLogger(cfg, os.Stderr)
	}
	st, err := store.Open(ctx, store.Config{URL: cfg.DatabaseURL, DataDir: cfg.DataDir, KeyFile: cfg.KeyFile, MaxConns: cfg.MaxConns,
		QueryTimeout: cfg.DBQueryTimeout, ConnectTimeout: cfg.DBConnectTimeout, ProbeInterval: cfg.DBProbeInterval, SQLiteSync: cfg.SQLiteSync})
	if err != nil {
		return err
	}
	m.Store = st
	if _, err := setup.Reference(ctx, st); err != nil {
		return fmt.Errorf("reference data: %w", err)
	}
	if _, err := installLibrary(ctx, st); err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	if cfg.Demo {
		n, err := setup.Demo(ctx, st, setup.DemoOptions{Password: cfg.DemoPassword})
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		if n > 0 {
			fmt.Fprintln(m.Out, i18n.T(m.Lang, "cli.demo_loaded", n))
		}
		fmt.Fprintln(m.Out, i18n.T(m.Lang, "cli.demo_users", cfg.DemoPassword))
		for _, u := range setup.DemoUsers {
			fmt.Fprintf(m.Out, "  %-16s %s\n", u.Username, i18n.T(m.Lang, "role."+string(u.Role)))
		}
	} else if pw, err := setup.FirstAdmin(ctx, st); err != nil {
		return err
	} else if pw != "" {
		fmt.Fprintln(m.Out, i18n.T(m.Lang, "cli.admin_created", "admin", pw))
	}
	// Several instances share one PostgreSQL database: live updates go
	// through it (LISTEN/NOTIFY) so a change made on one instance reaches
	// the consoles connected to the others. SQLite has one instance.
	var broker live.Broker
	if st.Dialect() == store.Postgres {
		broker = live.NewPG(cfg.DatabaseURL, m.Log)
	}
	hub, err := live.NewHub(broker)
	if err != nil {
		return err
	}
	m.Hub = hub
	console := &web.Config{Hub: hub, DevDir: cfg.DevDir, Extras: messageExtras(st)}
	m.Citizen = &citizen.SMS{Store: st, Log: m.Log}
	msgs, err := m.startMessaging(ctx, st)
	if err != nil {
		return fmt.Errorf("messaging: %w", err)
	}
	console.Extras.Files, console.Extras.MaxPhotoBytes = m.files, m.photoMax
	m.Server = server.New(server.Config{Store: st, Log: m.Log, SessionTTL: cfg.SessionTTL, SecureCookies: cfg.SecureCookies, AccessLog: cfg.AccessLog, Console: console, Messaging: msgs,
		Open311: m.open311Handler(st), Public: &web.Public{Files: msgs.Files, MaxPhoto: m.photoMax}, TrustedProxies: cfg.TrustedProxies,
		MetricsToken: cfg.MetricsToken, RequestTimeout: cfg.RequestTimeout, BodyIdle: cfg.BodyIdle, BodyMinRate: cfg.BodyMinRate})
	if err := m.Server.Console().Check(); err != nil {
		return fmt.Errorf("templates: %w", err)
	}
	st.AfterCommit(m.Server.Console().PublishChange)
	// The routing model loads (or trains) in the background: the first
	// desk request gets the keyword suggestion rather than waiting.
	m.lib.Store(m.Server.Library())
	m.Server.Routing().Start()
	go returnStartGarbage(ctx, m.Server.Routing().Ready())
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	m.ln = ln
	m.http = server.HTTPServer(m.Server, slog.NewLogLogger(m.Log.Handler(), slog.LevelWarn))
	m.done = make(chan error, 1)
	go func() { m.done <- m.http.Serve(ln) }()
	if err := m.startPprof(); err != nil {
		return err
	}
	if err := m.startMetrics(); err != nil {
		return err
	}
	fmt.Fprintln(m.Out, i18n.T(m.Lang, "cli.listening", "http://"+ln.Addr().String()))
	m.Log.Info("serving", "addr", ln.Addr().String(), "database", string(st.Dialect()))
	return nil
}

// Addr is the address the service listens on.
func (m *Main) Addr() string { return m.ln.Addr().String() }

// Close shuts down gracefully: HTTP first (letting requests finish), then
// the database.
func (m *Main) Close() error {
	m.stopPprof()
	m.stopMetrics()
	var err error
	if m.http != nil {
		ctx, cancel := context.WithTimeout(context.Background(), m.Config.ShutdownGrace)
		err = m.http.Shutdown(ctx)
		cancel()
		if e := <-m.done; e != nil && !errors.Is(e, http.ErrServerClosed) && err == nil {
			err = e
		}
	}
	if m.Server != nil {
		m.Server.Routing().Close()
	}
	if e := m.stopMessaging(); e != nil && err == nil {
		err = e
	}
	if m.Hub != nil {
		if e := m.Hub.Close(); e != nil && err == nil {
			err = e
		}
	}
	if m.Store != nil {
		if e := m.Store.Close(); err == nil {
			err = e
		}
	}
	return err
}

func newLogger(cfg *Config, w io.Writer) *slog.Logger {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(cfg.LogLevel)); err != nil {
		lvl = slog.LevelInfo
	}
	opts := &slog.HandlerOptions{Level: lvl}
	if strings.EqualFold(cfg.LogFormat, "json") {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// returnStartGarbage gives the memory the start-up work left behind back
// to the system once the routing model is in use (loaded, or trained on a
// first start): unmarshalling or training the model makes many times its
// own size in garbage, which the runtime would otherwise return only
// slowly, so an idle instance showed twice the memory it uses (issue 21's
// idle RSS). Once, and never later than a minute after the start.
func returnStartGarbage(ctx context.Context, ready <-chan struct{}) {
	t := time.NewTimer(time.Minute)
	defer t.Stop()
	select {
	case <-ready:
	case <-t.C:
	case <-ctx.Done():
		return
	}
	debug.FreeOSMemory()
}
