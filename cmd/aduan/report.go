package main

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

// reportCommand runs `aduan report verify FILE`: it checks a downloaded or
// printed copy of a report against the hashes the office stored at the
// paraf. FILE may also be the verification code printed on the copy. It
// exits non-zero when the copy matches no final report.
func reportCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, lang i18n.Lang) error {
	if len(args) < 2 || args[1] != "verify" {
		fmt.Fprintln(stderr, "usage: aduan report verify [--data DIR | --database-url URL] FILE")
		return errUsage
	}
	cfg, fs, err := parseConfig("report verify", args[2:], getenv, stderr, "data", "database-url")
	if err != nil {
		return err
	}
	if err := fs.Parse(args[2:]); err != nil {
		return errUsage
	}
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, "usage: aduan report verify [--data DIR | --database-url URL] FILE")
		return errUsage
	}
	arg := fs.Arg(0)
	sha := ""
	if b, err := os.ReadFile(arg); err == nil {
		sha = report.HashBytes(b)
	} else if len(arg) == 64 {
		sha = arg // the code printed on a paper copy
	} else {
		return fmt.Errorf("%s: %w", arg, err)
	}
	st, err := store.Open(ctx, store.Config{URL: cfg.DatabaseURL, DataDir: cfg.DataDir, KeyFile: cfg.KeyFile})
	if err != nil {
		return err
	}
	defer st.Close()
	m, err := st.Reports().VerifyReport(ctx, sha)
	if aduan.ErrorCode(err) == aduan.ENOTFOUND {
		fmt.Fprintln(stdout, i18n.T(lang, "cli.report.no_match", sha))
		return errNoMatch
	}
	if err != nil {
		return cliErr(lang, err)
	}
	r := m.Report
	fmt.Fprintln(stdout, i18n.T(lang, "cli.report.match", r.ID, r.Title, r.Versions))
	if r.ParafAt != nil {
		fmt.Fprintln(stdout, i18n.T(lang, "cli.report.paraf", r.ParafName, i18n.DateTime(lang, *r.ParafAt)))
	} else if r.SubmittedAt != nil {
		fmt.Fprintln(stdout, i18n.T(lang, "cli.report.submitted", r.OwnerName, i18n.DateTime(lang, *r.SubmittedAt)))
	}
	fmt.Fprintln(stdout, i18n.T(lang, "cli.report.hash", r.ContentHash, m.Format))
	return nil
}

// errNoMatch makes the command exit non-zero without a usage message.
var errNoMatch = fmt.Errorf("%w: no match", errUsage)
