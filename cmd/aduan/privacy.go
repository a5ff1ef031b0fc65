package main

import (
	"context"
	"fmt"
	"io"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
)

// privacyCommand: aduan privacy retention [--dry-run]. The service runs
// retention every night by itself; this runs it now, or shows first what it
// would do.
func privacyCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, lang i18n.Lang) error {
	const use = "usage: aduan privacy retention [--dry-run]"
	if len(args) < 2 || args[1] != "retention" {
		fmt.Fprintln(stderr, use)
		return errUsage
	}
	cfg, fs, err := parseConfig("privacy", args[2:], getenv, stderr, "data", "database-url",
		"attach-dir", "s3-endpoint", "s3-bucket", "s3-access-key", "s3-secret-key", "s3-region", "s3-prefix", "s3-insecure")
	if err != nil {
		return err
	}
	dry := fs.Bool("dry-run", false, "count what a run would change, and change nothing")
	if err := fs.Parse(args[2:]); err != nil || fs.NArg() > 0 {
		fmt.Fprintln(stderr, use)
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
	files, err := openFiles(&cfg.Messaging, cfg.DataDir)
	if err != nil {
		return err
	}
	rep, err := st.Privacy().Retention(ctx, aduan.System, *dry, files)
	if err != nil {
		return cliErr(lang, err)
	}
	writeRetention(stdout, lang, rep)
	return nil
}

// writeRetention prints a retention report for people.
func writeRetention(w io.Writer, lang i18n.Lang, rep *store.RetentionReport) {
	title := "privacy.cli.run"
	if rep.DryRun {
		title = "privacy.cli.dry_run"
	}
	fmt.Fprintln(w, i18n.T(lang, title, i18n.DateTime(lang, rep.At)))
	c := rep.Counts
	counts := map[aduan.RetentionKind]int64{aduan.RetainPersonal: c.Citizens, aduan.RetainMessages: c.Messages, aduan.RetainPhotos: c.Photos, aduan.RetainAudit: c.Audit}
	for _, k := range aduan.RetentionKinds {
		period := i18n.T(lang, "privacy.kept_forever")
		if d := rep.Days[k]; d > 0 {
			period = i18n.T(lang, "privacy.after_days", i18n.Number(lang, int64(d)))
		}
		line := i18n.T(lang, "privacy.count."+string(k), i18n.Number(lang, counts[k]))
		if k == aduan.RetainPersonal {
			line += " " + i18n.T(lang, "privacy.count.complaints", i18n.Number(lang, c.Complaints))
		}
		fmt.Fprintf(w, "  %s — %s\n", line, period)
	}
	if rep.FilesLeft > 0 {
		fmt.Fprintln(w, "  "+i18n.T(lang, "privacy.files_left", i18n.Number(lang, int64(rep.FilesLeft))))
	}
}
