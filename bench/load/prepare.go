package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan/internal/benchdata"
	"github.com/kotakita/aduan/internal/store"
)

// prepare makes the cached datasets (internal/benchdata) of the given sizes
// on the given databases, with their search index, so that a later run
// does not spend its first minutes generating and indexing.
func prepare(ctx context.Context, dbs, sizes string, stderr io.Writer) error {
	ds, err := parseDialects(dbs)
	if err != nil {
		return err
	}
	ns, err := parseSizes(sizes)
	if err != nil {
		return err
	}
	for _, d := range ds {
		for _, n := range ns {
			st, err := benchdata.Ensure(ctx, d, n, func(f string, a ...any) { fmt.Fprintf(stderr, f+"\n", a...) })
			if err != nil {
				return fmt.Errorf("%s %d: %w", d, n, err)
			}
			start := time.Now()
			res, err := st.Library().SyncSearchIndex(ctx)
			st.Close()
			if err != nil {
				return fmt.Errorf("%s %d: search index: %w", d, n, err)
			}
			if res.Rebuilt {
				fmt.Fprintf(stderr, "%s %d: indexed for search in %s\n", d, n, time.Since(start).Round(time.Second))
			}
			fmt.Fprintf(stderr, "%s %d: ready\n", d, n)
		}
	}
	return nil
}

func parseDialects(s string) ([]store.Dialect, error) {
	var out []store.Dialect
	for _, f := range strings.Split(s, ",") {
		switch strings.TrimSpace(f) {
		case "sqlite":
			out = append(out, store.SQLite)
		case "postgres", "pg":
			out = append(out, store.Postgres)
		case "":
		default:
			return nil, fmt.Errorf("unknown database %q (sqlite, postgres)", f)
		}
	}
	return out, nil
}

func parseSizes(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		f = strings.TrimSpace(strings.ToLower(f))
		if f == "" {
			continue
		}
		mul := 1
		switch {
		case strings.HasSuffix(f, "k"):
			mul, f = 1000, strings.TrimSuffix(f, "k")
		case strings.HasSuffix(f, "m"):
			mul, f = 1000000, strings.TrimSuffix(f, "m")
		}
		n, err := strconv.Atoi(f)
		if err != nil || n < 0 {
			return nil, fmt.Errorf("bad size %q", f)
		}
		out = append(out, n*mul)
	}
	return out, nil
}
