package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/routing"
	"github.com/kotakita/aduan/internal/search"
	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
)

// The answer library's commands: evaluating the routing suggestion on a
// labelled file, importing and exporting the library, rebuilding the
// search index. Each works on the install named by the usual settings
// (--data, --database-url or their environment variables), so it can be
// run beside a live service.

// installLibrary rebuilds the search index if it was made by another
// analyzer (the store keeps it current on every change by itself).
func installLibrary(ctx context.Context, st *store.Store) (store.ReindexResult, error) {
	return st.Library().SyncSearchIndex(ctx)
}

func openInstall(ctx context.Context, name string, args []string, getenv func(string) string, stderr io.Writer, extra func(fs *flag.FlagSet)) (*store.Store, *flag.FlagSet, error) {
	cfg, fs, err := parseConfig(name, args, getenv, stderr, "data", "database-url")
	if err != nil {
		return nil, nil, err
	}
	if extra != nil {
		extra(fs)
	}
	if err := parseInterspersed(fs, args); err != nil {
		return nil, nil, errUsage
	}
	st, err := store.Open(ctx, store.Config{URL: cfg.DatabaseURL, DataDir: cfg.DataDir, KeyFile: cfg.KeyFile})
	if err != nil {
		return nil, nil, err
	}
	if _, err := setup.Reference(ctx, st); err != nil {
		st.Close()
		return nil, nil, err
	}
	return st, fs, nil
}

// parseInterspersed parses fs's flags wherever they stand among the
// arguments, as the README writes the commands ("eval routing FILE.jsonl
// --details"); the flag package alone stops at the first argument that is
// not a flag and would take "--details" for a second file. After "--"
// everything is an argument. fs.Args() then holds the arguments alone.
func parseInterspersed(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		rest := fs.Args()
		// fs.Parse drops a "--" it stops at; what follows is all arguments.
		if n := len(args) - len(rest); n > 0 && args[n-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		if len(rest) == 0 {
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	// Parse once more with the arguments alone so that fs.Args() is them.
	return fs.Parse(append([]string{"--"}, pos...))
}

// evalCommand: aduan eval routing [--json] [--baseline] [--details] FILE.jsonl
// (flags before or after the file)
func evalCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, lang i18n.Lang) error {
	if len(args) < 2 || args[1] != "routing" {
		fmt.Fprintln(stderr, i18n.T(lang, "routing.cli.eval_usage"))
		return errUsage
	}
	var asJSON, baseline, details *bool
	st, fs, err := openInstall(ctx, "eval routing", args[2:], getenv, stderr, func(fs *flag.FlagSet) {
		asJSON = fs.Bool("json", false, "print one JSON object {n, instansi_top1, instansi_top3, kategori_top1, kategori_top3}")
		baseline = fs.Bool("baseline", false, "also evaluate the keyword-only baseline")
		details = fs.Bool("details", false, "also print each agency miss (id, gold, top 3, confidence) and the confusion by agency")
	})
	if err != nil {
		return err
	}
	defer st.Close()
	if fs.NArg() != 1 {
		fmt.Fprintln(stderr, i18n.T(lang, "routing.cli.eval_usage"))
		return errUsage
	}
	f, err := os.Open(fs.Arg(0))
	if err != nil {
		return err
	}
	set, ignored, err := routing.ReadLabelledFields(f)
	f.Close()
	if err != nil {
		return fmt.Errorf("%s: %w", fs.Arg(0), err)
	}
	if len(ignored) > 0 {
		fmt.Fprintln(stderr, i18n.T(lang, "suggest.eval.ignored", strings.Join(ignored, ", ")))
	}
	ref, err := routing.LoadReference(ctx, st)
	if err != nil {
		return err
	}
	warnUnknownCodes(stderr, lang, ref, set)
	// Train afresh from this install's finished complaints: what the
	// figures describe is the model the service would use now.
	m, err := routing.Train(ctx, st, ref, routing.DefaultOptions())
	if err != nil {
		return err
	}
	r := routing.NewRouter(m, ref)
	res := routing.Evaluate(func(text, kel string) routing.Suggestion { return r.Suggest(text, kel, 3) }, set)
	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	printMetrics := func(m routing.Metrics) {
		fmt.Fprintln(stdout, i18n.T(lang, "lib.cli.eval_line", "instansi", 100*m.AgencyTop1, 100*m.AgencyTop3))
		fmt.Fprintln(stdout, i18n.T(lang, "lib.cli.eval_line", "kategori", 100*m.CategoryTop1, 100*m.CategoryTop3))
	}
	fmt.Fprintln(stdout, i18n.T(lang, "lib.cli.eval", res.N, m.Examples))
	printMetrics(res)
	if *baseline {
		fmt.Fprintln(stdout, i18n.T(lang, "lib.cli.eval_base"))
		printMetrics(routing.Evaluate(routing.Baseline(ref), set))
	}
	if *details {
		printMisses(stdout, lang, r, set)
	}
	return nil
}

// printMisses writes each agency miss and, per gold agency, what was
// suggested first instead, most missed first.
func printMisses(w io.Writer, lang i18n.Lang, r *routing.Router, set []routing.Labelled) {
	misses, conf := routing.Misses(func(text, kel string) routing.Suggestion { return r.Suggest(text, kel, 3) }, set)
	fmt.Fprintln(w, i18n.T(lang, "suggest.eval.misses", len(misses)))
	for _, m := range misses {
		id := m.ID
		if id == "" {
			id = "-"
		}
		text := m.Text
		if len([]rune(text)) > 80 {
			text = string([]rune(text)[:80]) + "…"
		}
		fmt.Fprintf(w, "  %s\t%s\t%s\t%.2f\t%s\n", id, m.Gold, strings.Join(m.Top, ","), m.Confidence, text)
	}
	type row struct {
		gold string
		n    int
		to   []string
	}
	var rows []row
	for gold, got := range conf {
		rw := row{gold: gold}
		var preds []string
		for p, k := range got {
			rw.n += k
			preds = append(preds, p)
		}
		sort.Slice(preds, func(i, j int) bool {
			if got[preds[i]] != got[preds[j]] {
				return got[preds[i]] > got[preds[j]]
			}
			return preds[i] < preds[j]
		})
		for _, p := range preds {
			rw.to = append(rw.to, fmt.Sprintf("%s×%d", p, got[p]))
		}
		rows = append(rows, rw)
	}
	sort.Slice(rows, func(i, j int) bool {
		if rows[i].n != rows[j].n {
			return rows[i].n > rows[j].n
		}
		return rows[i].gold < rows[j].gold
	})
	fmt.Fprintln(w, i18n.T(lang, "suggest.eval.confusion"))
	for _, rw := range rows {
		fmt.Fprintf(w, "  %s\t%d\t%s\n", rw.gold, rw.n, strings.Join(rw.to, " "))
	}
}

func warnUnknownCodes(w io.Writer, lang i18n.Lang, ref *routing.Reference, set []routing.Labelled) {
	known := map[string]bool{}
	for _, a := range ref.Agencies {
		known[a.Code] = true
	}
	for _, c := range ref.Categories {
		known[c.Code] = true
	}
	missing := map[string]bool{}
	for _, l := range set {
		for _, code := range []string{l.Agency, l.Category} {
			if code != "" && !known[code] {
				missing[code] = true
			}
		}
	}
	if len(missing) == 0 {
		return
	}
	var list []string
	for c := range missing {
		list = append(list, c)
	}
	sort.Strings(list)
	fmt.Fprintln(w, i18n.T(lang, "lib.cli.unknown_codes", strings.Join(list, ", ")))
}

// libraryCommand: aduan library export|import [--format json|csv] [FILE]
func libraryCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, lang i18n.Lang) error {
	if len(args) < 2 || (args[1] != "export" && args[1] != "import") {
		fmt.Fprintln(stderr, i18n.T(lang, "lib.cli.usage"))
		return errUsage
	}
	var format *string
	var starter *bool
	st, fs, err := openInstall(ctx, "library "+args[1], args[2:], getenv, stderr, func(fs *flag.FlagSet) {
		format = fs.String("format", "", "json or csv (default: from the file name, else json)")
		starter = fs.Bool("starter", false, "import: load the starter folder shipped with aduan (adds only entries whose title is missing)")
	})
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := installLibrary(ctx, st); err != nil {
		return err
	}
	file := fs.Arg(0)
	f := strings.ToLower(*format)
	if f == "" {
		f = search.FormatJSON
		if strings.EqualFold(filepath.Ext(file), ".csv") {
			f = search.FormatCSV
		}
	}
	if args[1] == "export" {
		recs, err := st.Library().ExportLibrary(ctx, aduan.System)
		if err != nil {
			return cliErr(lang, err)
		}
		out := stdout
		if file != "" && file != "-" {
			fh, err := os.Create(file)
			if err != nil {
				return err
			}
			defer fh.Close()
			out = fh
		}
		if err := search.WriteLibrary(out, f, recs, st.Now()); err != nil {
			return cliErr(lang, err)
		}
		if out != stdout {
			fmt.Fprintln(stdout, i18n.T(lang, "lib.cli.exported", len(recs)))
		}
		return nil
	}
	if *starter {
		if file != "" {
			fmt.Fprintln(stderr, i18n.T(lang, "lib.cli.usage"))
			return errUsage
		}
		res, err := setup.StarterLibrary(ctx, st)
		if err != nil {
			return cliErr(lang, err)
		}
		fmt.Fprintln(stdout, i18n.T(lang, "lib.cli.imported", res.Created, res.Updated, res.Unchanged))
		return nil
	}
	if file == "" {
		fmt.Fprintln(stderr, i18n.T(lang, "lib.cli.usage"))
		return errUsage
	}
	fh, err := os.Open(file)
	if err != nil {
		return err
	}
	defer fh.Close()
	recs, err := search.ReadLibrary(fh, f)
	if err != nil {
		return cliErr(lang, err)
	}
	res, err := st.Library().ImportLibrary(ctx, aduan.System, recs)
	if err != nil {
		return cliErr(lang, err)
	}
	fmt.Fprintln(stdout, i18n.T(lang, "lib.cli.imported", res.Created, res.Updated, res.Unchanged))
	return nil
}

// searchCommand: aduan search reindex
func searchCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, lang i18n.Lang) error {
	if len(args) < 2 || args[1] != "reindex" {
		fmt.Fprintln(stderr, "usage: aduan search reindex")
		return errUsage
	}
	st, _, err := openInstall(ctx, "search reindex", args[2:], getenv, stderr, nil)
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := st.Library().Reindex(ctx)
	if err != nil {
		return cliErr(lang, err)
	}
	fmt.Fprintln(stdout, i18n.T(lang, "lib.cli.reindexed", res.Library, res.Complaints))
	return nil
}
