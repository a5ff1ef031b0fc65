package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan/internal/benchdata"
	"github.com/kotakita/aduan/internal/routing"
	"github.com/kotakita/aduan/internal/store"
)

// prepare makes the cached datasets (internal/benchdata) of the given sizes
// on the given databases, with their search index, so that a later run
// does not spend its first minutes generating and indexing.
func prepare(ctx context.Context, dbs, sizes string, retrain bool, stderr io.Writer) error {
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
			if err != nil {
				st.Close()
				return fmt.Errorf("%s %d: search index: %w", d, n, err)
			}
			if res.Rebuilt {
				fmt.Fprintf(stderr, "%s %d: indexed for search in %s\n", d, n, time.Since(start).Round(time.Second))
			}
			err = storeModel(ctx, st, retrain, func(f string, a ...any) { fmt.Fprintf(stderr, "%s %d: "+f+"\n", append([]any{d, n}, a...)...) })
			st.Close()
			if err != nil {
				return fmt.Errorf("%s %d: routing model: %w", d, n, err)
			}
			fmt.Fprintf(stderr, "%s %d: ready\n", d, n)
		}
	}
	return nil
}

// storeModel trains the routing model into the dataset when none is stored
// (or when asked to): an installed city's server starts with the model it
// stored the day before, and a harness run that started without one would
// time the first training, not the start (issue 21 times both; a run on a
// dataset without a model is the first start after an install).
func storeModel(ctx context.Context, st *store.Store, always bool, logf func(string, ...any)) error {
	if !always {
		m, err := st.Library().LatestRoutingModel(ctx, false)
		if err != nil {
			return err
		}
		if m != nil {
			return nil
		}
	}
	svc := routing.NewService(st, nil)
	svc.TrainShare = 1 // nothing else runs: flat out
	defer svc.Close()
	info, err := svc.Retrain(ctx)
	if err != nil {
		return err
	}
	logf("routing model trained from %d finished complaints in %s", info.Examples, info.Duration.Round(time.Second))
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
