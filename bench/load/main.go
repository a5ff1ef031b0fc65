// Command load is aduan's load harness: it starts `aduan serve` on a
// generated dataset (or on a database you name), drives it with scenarios
// at fixed concurrency for a fixed time, and reports requests/s, latency
// percentiles, errors and the server's memory, each also as a ratio to a
// trivial net/http handler measured in the same run with the same client.
// See bench/README.md.
//
//	go run ./bench/load prepare -db sqlite,postgres -sizes 100k,1m
//	go run ./bench/load -db sqlite -size 100k -c 1,16,64 -d 10s
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(cli(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func cli(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "prepare" {
		fs := flag.NewFlagSet("prepare", flag.ContinueOnError)
		fs.SetOutput(stderr)
		dbs := fs.String("db", "sqlite,postgres", "databases: sqlite, postgres")
		sizes := fs.String("sizes", "100k", "dataset sizes (complaints), e.g. 100k,1m")
		retrain := fs.Bool("retrain", false, "train and store the routing model again even when one is stored")
		if err := fs.Parse(args[1:]); err != nil {
			return 2
		}
		if err := prepare(ctx, *dbs, *sizes, *retrain, stderr); err != nil {
			fmt.Fprintln(stderr, "load:", err)
			return 1
		}
		return 0
	}
	if len(args) > 0 && args[0] == "table" {
		// Several runs' JSON as one Markdown table.
		var reps []*report
		for _, f := range args[1:] {
			b, err := os.ReadFile(f)
			if err != nil {
				fmt.Fprintln(stderr, "load:", err)
				return 1
			}
			var r report
			if err := json.Unmarshal(b, &r); err != nil {
				fmt.Fprintf(stderr, "load: %s: %v\n", f, err)
				return 1
			}
			reps = append(reps, &r)
		}
		combined(stdout, reps)
		return 0
	}
	var o options
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.DB, "db", "sqlite", "database of the cached dataset: sqlite or postgres")
	size := fs.String("size", "100k", "dataset size (complaints; made once per machine by internal/benchdata)")
	fs.StringVar(&o.DatabaseURL, "database-url", "", "run on this database instead of a cached dataset (sqlite:/path or postgres://…); it is written to")
	fs.BoolVar(&o.Copy, "copy", true, "run on a copy of the cached dataset, so that the writes do not grow it")
	scen := fs.String("scenarios", strings.Join(allScenarios, ","), "scenarios to run: "+strings.Join(allScenarios, ", "))
	conc := fs.String("c", "1,16,64", "concurrency levels")
	fs.DurationVar(&o.Duration, "d", 10*time.Second, "measured time of each scenario at each concurrency")
	fs.DurationVar(&o.Warmup, "warmup", time.Second, "unmeasured time before each measurement")
	fs.StringVar(&o.Aduan, "aduan", "", "aduan binary (default: go build ./cmd/aduan)")
	fs.StringVar(&o.Trivial, "trivial", "", "baseline binary (default: go build ./bench/trivial)")
	fs.StringVar(&o.WorkDir, "work", "", "folder for the copy, the binary and the server's files (default: a new folder under /var/tmp)")
	var env multiFlag
	fs.Var(&env, "server-env", "extra environment for aduan serve, KEY=VALUE (repeatable)")
	fs.StringVar(&o.ProfileDir, "profile", "", "write a CPU profile of the server during each measurement into this folder (<scenario>-c<n>.pprof)")
	fs.IntVar(&o.SSEClients, "sse", 0, "after the scenarios, hold this many live-update streams (GET /events) open and time how fast changes reach them all")
	fs.IntVar(&o.SSEChanges, "sse-changes", 20, "changes (complaints recorded, one a second) the -sse mode sends")
	asJSON := fs.Bool("json", false, "print JSON instead of a Markdown table")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: load [flags]        (load prepare -db … -sizes … makes the datasets;")
		fmt.Fprintln(stderr, "                           load table RUN.json… prints several -json runs as one table)")
		fs.PrintDefaults()
		fmt.Fprintln(stderr, "\nScenarios:")
		for _, s := range allScenarios {
			fmt.Fprintf(stderr, "  %-10s %s\n", s, scenarioHelp[s])
		}
	}
	if err := fs.Parse(args); err != nil {
		return 2
	}
	o.ServerEnv = env
	o.Scenarios = splitList(*scen)
	ns, err := parseSizes(*size)
	if err != nil || len(ns) != 1 {
		fmt.Fprintln(stderr, "load: -size takes one size, e.g. 100k")
		return 2
	}
	o.Size = ns[0]
	if o.Concurrency, err = parseInts(*conc); err != nil {
		fmt.Fprintln(stderr, "load:", err)
		return 2
	}
	o.Log = stderr
	rep, err := run(ctx, o)
	if err != nil {
		fmt.Fprintln(stderr, "load:", err)
		return 1
	}
	if *asJSON {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.Encode(rep)
	} else {
		rep.markdown(stdout)
	}
	if err := rep.check(); err != nil {
		fmt.Fprintln(stderr, "load:", err)
		return 1
	}
	return 0
}

type multiFlag []string

func (m *multiFlag) String() string     { return strings.Join(*m, ",") }
func (m *multiFlag) Set(v string) error { *m = append(*m, v); return nil }

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func parseInts(s string) ([]int, error) {
	var out []int
	for _, f := range splitList(s) {
		var n int
		if _, err := fmt.Sscan(f, &n); err != nil || n <= 0 {
			return nil, fmt.Errorf("bad concurrency %q", f)
		}
		out = append(out, n)
	}
	if len(out) == 0 {
		return nil, errors.New("no concurrency level")
	}
	return out, nil
}
