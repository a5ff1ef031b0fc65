package main

import (
	"context"
	"fmt"
	"io"

	"github.com/kotakita/aduan/internal/gen"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

// genCommand fills the database named by the usual settings with realistic
// complaints for load tests: aduan gen --complaints 100000 [--seed 1].
func genCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, lang i18n.Lang) error {
	cfg, fs, err := parseConfig("gen", args[1:], getenv, stderr, "data", "database-url")
	if err != nil {
		return err
	}
	n := fs.Int("complaints", 0, "how many complaints to add")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives the same data")
	if err := fs.Parse(args[1:]); err != nil {
		return errUsage
	}
	if *n <= 0 {
		fmt.Fprintln(stderr, "usage: aduan gen --complaints N [--seed S]")
		return errUsage
	}
	st, err := store.Open(ctx, store.Config{URL: cfg.DatabaseURL, DataDir: cfg.DataDir, KeyFile: cfg.KeyFile})
	if err != nil {
		return err
	}
	defer st.Close()
	last := -1
	res, err := gen.Generate(ctx, st, gen.Options{Complaints: *n, Seed: *seed, Progress: func(done, total int) {
		if pct := done * 100 / total; pct/10 != last/10 {
			last = pct
			fmt.Fprintf(stderr, "%d/%d\n", done, total)
		}
	}})
	if err != nil {
		return cliErr(lang, err)
	}
	fmt.Fprintln(stdout, i18n.T(lang, "cli.gen_done", res.Complaints, res.Citizens, res.Events, res.Took.Round(1e9).String(),
		int(float64(res.Complaints)/res.Took.Minutes())))
	return nil
}
