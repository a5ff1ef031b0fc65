package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/open311"
	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
)

// Open311Config holds the Open311 endpoint's settings.
type Open311Config struct {
	// Type is the endpoint's type in the discovery document: production
	// or test.
	Type string
	// FixMyStreet turns on the servicerequestupdates endpoints.
	FixMyStreet bool
	// CORSOrigins are the web origins (https://lapor.depok.go.id) whose
	// pages may POST to Open311 from a browser, comma-separated.
	CORSOrigins string
}

func open311Settings(str func(func(*Config) *string) func(*Config, string) error,
	boolean func(func(*Config) *bool) func(*Config, string) error) []setting {
	return []setting{
		{"open311-type", "ADUAN_OPEN311_TYPE", "production", "Open311 endpoint type in discovery: production or test (--demo: test)", func(c *Config, v string) error {
			if v != "production" && v != "test" {
				return fmt.Errorf("not production or test: %q", v)
			}
			c.Open311.Type = v
			return nil
		}},
		{"open311-fixmystreet", "ADUAN_OPEN311_FIXMYSTREET", "false", "serve FixMyStreet's servicerequestupdates endpoints (Open311 extension)", boolean(func(c *Config) *bool { return &c.Open311.FixMyStreet })},
		{"open311-cors-origins", "ADUAN_OPEN311_CORS_ORIGINS", "", "web origins whose pages may POST to Open311 from a browser (CORS preflight), comma-separated, e.g. https://lapor.depok.go.id", str(func(c *Config) *string { return &c.Open311.CORSOrigins })},
	}
}

// open311Command: aduan open311 key add NAME [--per-hour N] | key list |
// key revoke ID.
func open311Command(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, lang i18n.Lang) error {
	const use = "usage: aduan open311 key add NAME [--per-hour N] | aduan open311 key list | aduan open311 key revoke ID"
	if len(args) < 3 || args[1] != "key" {
		fmt.Fprintln(stderr, use)
		return errUsage
	}
	verb := args[2]
	cfg, fs, err := parseConfig("open311", args[3:], getenv, stderr, "data", "database-url")
	if err != nil {
		return err
	}
	perHour := fs.Int("per-hour", store.DefaultKeyPerHour, "requests an hour the client may make")
	// Flags may come before or after the name.
	rest := args[3:]
	var pos []string
	for len(rest) > 0 {
		if err := fs.Parse(rest); err != nil {
			return errUsage
		}
		if fs.NArg() == 0 {
			break
		}
		pos = append(pos, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	st, err := store.Open(ctx, store.Config{URL: cfg.DatabaseURL, DataDir: cfg.DataDir, KeyFile: cfg.KeyFile})
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := setup.Reference(ctx, st); err != nil {
		return err
	}
	actor := aduan.Actor{System: true, Name: "cli"}
	switch {
	case verb == "add" && len(pos) == 1:
		secret, k, err := st.Open311().CreateOpen311Key(ctx, actor, pos[0], *perHour)
		if err != nil {
			return cliErr(lang, err)
		}
		fmt.Fprintln(stderr, i18n.T(lang, "cli.open311_key_created", k.Name))
		fmt.Fprintln(stdout, secret)
		return nil
	case verb == "list" && len(pos) == 0:
		keys, err := st.Open311().Open311Keys(ctx, actor)
		if err != nil {
			return cliErr(lang, err)
		}
		for _, k := range keys {
			state := "active"
			if k.RevokedAt != nil {
				state = "revoked " + k.RevokedAt.In(aduan.WIB).Format(time.RFC3339)
			}
			fmt.Fprintf(stdout, "%d\t%s…\t%s\t%d/h\t%s\n", k.ID, k.Prefix, k.Name, k.PerHour, state)
		}
		return nil
	case verb == "revoke" && len(pos) == 1:
		id, err := strconv.ParseInt(pos[0], 10, 64)
		if err != nil {
			fmt.Fprintln(stderr, use)
			return errUsage
		}
		if err := st.Open311().RevokeOpen311Key(ctx, actor, id); err != nil {
			return cliErr(lang, err)
		}
		fmt.Fprintln(stdout, i18n.T(lang, "cli.open311_key_revoked", id))
		return nil
	}
	fmt.Fprintln(stderr, use)
	return errUsage
}

// open311Handler builds the Open311 endpoint from the settings; a demo is
// a test endpoint.
func (m *Main) open311Handler(st *store.Store) *open311.Handler {
	typ := m.Config.Open311.Type
	if m.Config.Demo {
		typ = "test"
	}
	var origins []string
	for _, o := range strings.Split(m.Config.Open311.CORSOrigins, ",") {
		if o = strings.TrimRight(strings.TrimSpace(o), "/"); o != "" {
			origins = append(origins, o)
		}
	}
	h := &open311.Handler{Stores: open311.StoresOf(st), Log: m.Log, Type: typ, FixMyStreet: m.Config.Open311.FixMyStreet, CORSOrigins: origins,
		PublicURL: m.Config.Messaging.PublicURL}
	h.WarnIfLoopback(context.Background())
	return h
}
