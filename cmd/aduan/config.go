package main

import (
	"flag"
	"fmt"
	"io"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan/internal/server"
)

// Config is every setting of the service. Each comes from a flag or an
// environment variable; the flag wins.
type Config struct {
	Addr          string
	DataDir       string
	KeyFile       string
	DatabaseURL   string
	Demo          bool
	DemoPassword  string
	LogLevel      string
	LogFormat     string
	AccessLog     bool
	SessionTTL    time.Duration
	SecureCookies bool
	MaxConns      int
	// DBQueryTimeout and DBConnectTimeout bound each PostgreSQL query and
	// new connection; DBProbeInterval (tests) is how often a database
	// found away is tried again (0: 1 s).
	DBQueryTimeout, DBConnectTimeout, DBProbeInterval time.Duration
	// RequestTimeout bounds a request's work from when its body is in
	// (0: the server's default); BodyIdle and BodyMinRate cut a body that
	// stalls or crawls.
	RequestTimeout time.Duration
	BodyIdle       time.Duration
	BodyMinRate    int64
	SQLiteSync     string // the SQLite writer's synchronous setting: full or normal
	ShutdownGrace  time.Duration
	Messaging      MessagingConfig // SMS, WhatsApp, e-mail and attachment settings
	Open311        Open311Config   // the Open311 GeoReport v2 endpoint
	DevDir         string
	PprofAddr      string
	MetricsAddr    string
	MetricsToken   string
	// TrustedProxies are the reverse proxies allowed to name the client
	// in X-Forwarded-For.
	TrustedProxies []netip.Prefix
}

// setting describes one setting for flags, environment and --help.
type setting struct {
	flag, env, def, help string
	set                  func(c *Config, v string) error
}

func settings() []setting {
	str := func(f func(c *Config) *string) func(*Config, string) error {
		return func(c *Config, v string) error { *f(c) = v; return nil }
	}
	boolean := func(f func(c *Config) *bool) func(*Config, string) error {
		return func(c *Config, v string) error {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return fmt.Errorf("not true/false: %q", v)
			}
			*f(c) = b
			return nil
		}
	}
	dur := func(f func(c *Config) *time.Duration) func(*Config, string) error {
		return func(c *Config, v string) error {
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				return fmt.Errorf("not a duration like 30s or 12h: %q", v)
			}
			*f(c) = d
			return nil
		}
	}
	return append([]setting{
		{"addr", "ADUAN_ADDR", "127.0.0.1:8080", "HTTP listen address", str(func(c *Config) *string { return &c.Addr })},
		{"data", "ADUAN_DATA_DIR", "./data", "data directory (SQLite database aduan.db, attachments)", str(func(c *Config) *string { return &c.DataDir })},
		{"key-file", "ADUAN_KEY_FILE", "", "file of the keys that seal personal values at rest (requesters' ID numbers); empty: secret.keys in the data directory, made on the first start. Instances of one database must share it", str(func(c *Config) *string { return &c.KeyFile })},
		{"database-url", "ADUAN_DATABASE_URL", "", "postgres://user@host/db to run on PostgreSQL; empty for SQLite in the data directory", str(func(c *Config) *string { return &c.DatabaseURL })},
		{"demo", "ADUAN_DEMO", "false", "load the Depok demo: users for every role and a few hundred complaints", boolean(func(c *Config) *bool { return &c.Demo })},
		{"demo-password", "ADUAN_DEMO_PASSWORD", "aduan-demo-2026", "password of the demo users", str(func(c *Config) *string { return &c.DemoPassword })},
		{"log-level", "ADUAN_LOG_LEVEL", "info", "log level: debug, info, warn, error", str(func(c *Config) *string { return &c.LogLevel })},
		{"log-format", "ADUAN_LOG_FORMAT", "text", "log format: text or json", str(func(c *Config) *string { return &c.LogFormat })},
		{"access-log", "ADUAN_ACCESS_LOG", "true", "log every HTTP request", boolean(func(c *Config) *bool { return &c.AccessLog })},
		{"session-ttl", "ADUAN_SESSION_TTL", "12h", "how long a log-in lasts", dur(func(c *Config) *time.Duration { return &c.SessionTTL })},
		{"secure-cookies", "ADUAN_SECURE_COOKIES", "false", "mark cookies Secure (set true behind HTTPS)", boolean(func(c *Config) *bool { return &c.SecureCookies })},
		{"trusted-proxies", "ADUAN_TRUSTED_PROXIES", "", "reverse proxies (addresses or CIDR ranges, comma-separated) whose X-Forwarded-For names the client, e.g. 127.0.0.1,::1 for nginx on the same host", func(c *Config, v string) error {
			p, err := server.ParseProxies(v)
			c.TrustedProxies = p
			return err
		}},
		{"max-conns", "ADUAN_MAX_CONNS", "0", "database pool size (0: a default for the machine)", func(c *Config, v string) error {
			n, err := strconv.Atoi(v)
			if err != nil || n < 0 {
				return fmt.Errorf("not a number: %q", v)
			}
			c.MaxConns = n
			return nil
		}},
		{"db-query-timeout", "ADUAN_DB_QUERY_TIMEOUT", "10s", "PostgreSQL: the longest a query may take (well under the 30 s of a request): past it, or when the connection fails, the database is checked, and while it does not answer every request gets a 503 at once", dur(func(c *Config) *time.Duration { return &c.DBQueryTimeout })},
		{"db-connect-timeout", "ADUAN_DB_CONNECT_TIMEOUT", "5s", "PostgreSQL: the longest a new connection may take (a connect_timeout in the URL wins)", dur(func(c *Config) *time.Duration { return &c.DBConnectTimeout })},
		{"sqlite-sync", "ADUAN_SQLITE_SYNC", "full", "SQLite: full syncs every commit to disk before it is answered (a power cut loses nothing answered); normal leaves that to the checkpoints (faster; a power cut may lose the last moments' changes)", func(c *Config, v string) error {
			if v != "full" && v != "normal" {
				return fmt.Errorf("not full or normal: %q", v)
			}
			c.SQLiteSync = v
			return nil
		}},
		{"dev-dir", "ADUAN_DEV_DIR", "", "development: read the console's templates and static files from this directory (internal/web) on every request", str(func(c *Config) *string { return &c.DevDir })},
		{"pprof-addr", "ADUAN_PPROF_ADDR", "", "profiling: serve Go's /debug/pprof on this address (e.g. 127.0.0.1:6060; keep it private); empty: off", str(func(c *Config) *string { return &c.PprofAddr })},
		{"metrics-addr", "ADUAN_METRICS_ADDR", "", "serve Prometheus /metrics on this address of its own, without a token (e.g. 127.0.0.1:9101; keep it private); empty: off", str(func(c *Config) *string { return &c.MetricsAddr })},
		{"metrics-token", "ADUAN_METRICS_TOKEN", "", "serve /metrics on the service's address too, to requests with Authorization: Bearer TOKEN; empty: /metrics is not served there (404)", str(func(c *Config) *string { return &c.MetricsToken })},
		{"shutdown-grace", "ADUAN_SHUTDOWN_GRACE", "15s", "how long to let requests finish on SIGTERM", dur(func(c *Config) *time.Duration { return &c.ShutdownGrace })},
		{"request-timeout", "ADUAN_REQUEST_TIMEOUT", "30s", "how long a request's work may take, counted from when its body is in (then 503, retry)", dur(func(c *Config) *time.Duration { return &c.RequestTimeout })},
		{"body-idle-timeout", "ADUAN_BODY_IDLE_TIMEOUT", "20s", "a request body with no byte for this long is cut (408, send again)", dur(func(c *Config) *time.Duration { return &c.BodyIdle })},
		{"body-min-rate", "ADUAN_BODY_MIN_RATE", "1024", "bytes a second below which a request body is cut, on average after its first 10 s (408)", func(c *Config, v string) error {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 {
				return fmt.Errorf("not a number of bytes a second: %q", v)
			}
			c.BodyMinRate = n
			return nil
		}},
	}, append(messagingSettings(str, boolean, dur), open311Settings(str, boolean)...)...)
}

// parseConfig reads defaults, then the environment, then flags.
func parseConfig(name string, args []string, getenv func(string) string, out io.Writer, only ...string) (*Config, *flag.FlagSet, error) {
	c := &Config{}
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(out)
	var errs []string
	for _, s := range settings() {
		if len(only) > 0 && !contains(only, s.flag) {
			continue
		}
		v := s.def
		if e := getenv(s.env); e != "" {
			v = e
		}
		if err := s.set(c, v); err != nil {
			errs = append(errs, fmt.Sprintf("%s: %v", s.env, err))
		}
		fs.Var(&settingValue{c: c, s: s, cur: v}, s.flag, fmt.Sprintf("%s (env %s, default %q)", s.help, s.env, s.def))
	}
	if len(errs) > 0 {
		return nil, fs, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return c, fs, nil
}

// settingValue is a flag.Value over one setting; boolean settings may be
// given bare (--demo).
type settingValue struct {
	c   *Config
	s   setting
	cur string
}

func (v *settingValue) String() string { return v.cur }

func (v *settingValue) Set(x string) error {
	v.cur = x
	return v.s.set(v.c, x)
}

func (v *settingValue) IsBoolFlag() bool { return v.s.def == "true" || v.s.def == "false" }

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func envTable(w io.Writer) {
	fmt.Fprintln(w, "Settings (flag, environment variable, default):")
	for _, s := range settings() {
		fmt.Fprintf(w, "  --%-16s %-22s %-18q %s\n", s.flag, s.env, s.def, s.help)
	}
}
