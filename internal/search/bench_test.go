package search_test

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/search"
	"github.com/kotakita/aduan/internal/seed"
	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
)

var (
	benchTemp string   // SQLite benchmark files of this run
	benchDrop []string // PostgreSQL benchmark databases of this run
)

func TestMain(m *testing.M) {
	benchTemp, _ = os.MkdirTemp("", "aduan-bench-")
	code := m.Run()
	for _, st := range benchStores {
		st.Close()
	}
	os.RemoveAll(benchTemp)
	if len(benchDrop) > 0 {
		if admin, err := sql.Open("pgx", dbtest.AdminURL()); err == nil {
			for _, name := range benchDrop {
				admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
			}
			admin.Close()
		}
	}
	os.Exit(code)
}

// BenchmarkSearch measures the operator's search as they type (library and
// past complaints in one request, as the panel asks) on both databases,
// and reports p50 and p99 latency per search.
//
// The data is generated: library entries and answered complaints built
// from the demo's Indonesian texts, streets and kelurahan, with a few
// random words from the analyzer's word list each for a long tail of rare
// terms. ADUAN_BENCH_SEARCH sets the size as LIBRARY,COMPLAINTS (default
// 5000,50000; the figure is 50000,1000000). Building a million
// complaints takes minutes, so with ADUAN_BENCH_DIR set the databases are
// built once and kept: SQLite in that directory, PostgreSQL as the
// database aduan_bench_<size> on the test server; later runs reuse them.
//
//	ADUAN_BENCH_SEARCH=50000,1000000 ADUAN_BENCH_DIR=/var/tmp/aduan-bench \
//	  go test -run '^$' -bench Search -benchtime 2000x -timeout 3h ./internal/search/
func BenchmarkSearch(b *testing.B) {
	nLib, nComp := 5000, 50000
	if v := os.Getenv("ADUAN_BENCH_SEARCH"); v != "" {
		a, c, ok := strings.Cut(v, ",")
		x, err1 := strconv.Atoi(a)
		y, err2 := strconv.Atoi(c)
		if !ok || err1 != nil || err2 != nil {
			b.Fatalf("ADUAN_BENCH_SEARCH=%q: want LIBRARY,COMPLAINTS", v)
		}
		nLib, nComp = x, y
	}
	for _, d := range dbtest.Dialects {
		b.Run(fmt.Sprintf("%s/%dlib/%dcomplaints", d, nLib, nComp), func(b *testing.B) {
			st := benchStore(b, d, nLib, nComp)
			s := search.New(st)
			op := aduan.Actor{UserID: 1, Name: "bench", Role: aduan.RoleOperatorCC}
			qs := benchQueries(400)
			ctx := context.Background()
			// Warm the caches as a running service would be.
			for _, q := range qs[:50] {
				if _, err := s.Search(ctx, op, search.Query{Text: q}); err != nil {
					b.Fatal(err)
				}
			}
			lat := make([]time.Duration, b.N)
			hits := 0
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				t0 := time.Now()
				res, err := s.Search(ctx, op, search.Query{Text: qs[i%len(qs)]})
				lat[i] = time.Since(t0)
				if err != nil {
					b.Fatal(err)
				}
				if len(res.Library)+len(res.Complaints) > 0 {
					hits++
				}
			}
			b.StopTimer()
			sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(hits)/float64(b.N), "found")
		})
	}
}

// benchQueries are what operators type: the beginnings of complaints as
// they are being typed (cut mid-word), in formal and SMS spelling.
func benchQueries(n int) []string {
	rnd := rand.New(rand.NewPCG(99, 1))
	texts := seed.DemoTexts()
	var all []string
	for _, code := range sortedKeys(texts) {
		all = append(all, texts[code]...)
	}
	streets := seed.StreetNames()
	out := make([]string, 0, n)
	for len(out) < n {
		t := seed.Fill(all[rnd.IntN(len(all))], streets[rnd.IntN(len(streets))], "Beji", "Beji")
		words := strings.Fields(t)
		k := 2 + rnd.IntN(min(8, len(words)-1))
		q := strings.Join(words[:k], " ")
		// Cut the last word as if still typing, now and then.
		if rnd.IntN(2) == 0 {
			last := []rune(words[k-1])
			if len(last) > 3 {
				q = strings.Join(words[:k-1], " ") + " " + string(last[:2+rnd.IntN(len(last)-2)])
			}
		}
		out = append(out, q)
	}
	return out
}

func sortedKeys(m map[string][]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// benchStores keeps the databases of this run: the testing package calls
// a benchmark function several times (b.N = 1, then the real N) and the
// data must be built only once.
var benchStores = map[string]*store.Store{}

// benchStore opens (or builds) a database with the generated data. Without
// ADUAN_BENCH_DIR the SQLite file goes to a directory removed by TestMain
// and the PostgreSQL database is dropped at the end of the run.
func benchStore(b *testing.B, d store.Dialect, nLib, nComp int) *store.Store {
	b.Helper()
	ctx := context.Background()
	dir := os.Getenv("ADUAN_BENCH_DIR")
	name := fmt.Sprintf("aduan_bench_%d_%d", nLib, nComp)
	if st := benchStores[string(d)+name]; st != nil {
		return st
	}
	cfg := store.Config{}
	switch {
	case d == store.Postgres && dir != "":
		cfg.URL = persistentPostgres(b, name, false)
	case d == store.Postgres:
		cfg.URL = persistentPostgres(b, name+"_tmp", true)
	case dir != "":
		cfg.DataDir = filepath.Join(dir, name)
	default:
		cfg.DataDir = filepath.Join(benchTemp, name)
	}
	st, err := store.Open(ctx, cfg)
	if err != nil {
		b.Fatal(err)
	}
	benchStores[string(d)+name] = st
	var built int
	st.DB().QueryRow(`SELECT COUNT(*) FROM search_meta WHERE key = 'bench_built'`).Scan(&built)
	if built > 0 {
		return st
	}
	start := time.Now()
	if _, err := setup.Reference(ctx, st); err != nil {
		b.Fatal(err)
	}
	if err := generate(ctx, st, nLib, nComp); err != nil {
		b.Fatal(err)
	}
	gen := time.Since(start)
	res, err := st.Library().Reindex(ctx)
	if err != nil {
		b.Fatal(err)
	}
	if d == store.Postgres {
		st.DB().Exec(`VACUUM ANALYZE`)
	} else {
		st.DB().Exec(`ANALYZE`)
	}
	if _, err := st.DB().Exec(`INSERT INTO search_meta (key, value) VALUES ('bench_built', $1)`, time.Now().Format(time.RFC3339)); err != nil {
		b.Fatal(err)
	}
	b.Logf("%s: generated %d entries and %d complaints in %s, indexed %d+%d in %s", d, nLib, nComp, gen.Round(time.Second),
		res.Library, res.Complaints, (time.Since(start) - gen).Round(time.Second))
	return st
}

// persistentPostgres returns the URL of database name on the test server,
// creating it if needed (afresh, and dropped at the end, when temporary).
func persistentPostgres(b *testing.B, name string, temporary bool) string {
	b.Helper()
	admin, err := sql.Open("pgx", dbtest.AdminURL())
	if err != nil {
		b.Fatal(err)
	}
	defer admin.Close()
	var n int
	if err := admin.QueryRow(`SELECT COUNT(*) FROM pg_database WHERE datname = $1`, name).Scan(&n); err != nil {
		b.Skipf("PostgreSQL unreachable: %v", err)
	}
	if temporary && n > 0 {
		if _, err := admin.Exec("DROP DATABASE " + name + " WITH (FORCE)"); err != nil {
			b.Fatal(err)
		}
		n = 0
	}
	if temporary {
		benchDrop = append(benchDrop, name)
	}
	if n == 0 {
		if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
			b.Fatal(err)
		}
	}
	u := dbtest.AdminURL()
	i := strings.LastIndex(u, "/")
	rest := ""
	if j := strings.IndexByte(u[i:], '?'); j >= 0 {
		rest = u[i+j:]
	}
	return u[:i+1] + name + rest
}

// generate writes nLib library entries and nComp closed complaints with
// their answers straight into the tables (as years of use would have), in
// large transactions; Reindex then builds the search index.
func generate(ctx context.Context, st *store.Store, nLib, nComp int) error {
	rnd := rand.New(rand.NewPCG(2026, 11))
	texts, answers, streets := seed.DemoTexts(), seed.DemoAnswers(), seed.StreetNames()
	words, err := wordList()
	if err != nil {
		return err
	}
	kels, err := st.RefData().Kelurahans(ctx, "")
	if err != nil {
		return err
	}
	cats, err := st.RefData().Categories(ctx)
	if err != nil {
		return err
	}
	var usable []aduan.Category
	for _, c := range cats {
		if len(texts[c.Code]) > 0 && c.DefaultAgencyID != 0 {
			usable = append(usable, c)
		}
	}
	noise := func(k int) string {
		var out []string
		for i := 0; i < k; i++ {
			out = append(out, words[rnd.IntN(len(words))])
		}
		return strings.Join(out, " ")
	}
	fill := func(list []string, kel aduan.Kelurahan) string {
		return seed.Fill(list[rnd.IntN(len(list))], streets[rnd.IntN(len(streets))], kel.Name, "Beji")
	}
	answerFor := func(c aduan.Category, kel aduan.Kelurahan) string {
		if a := answers[c.Code]; len(a) > 0 {
			return fill(a, kel)
		}
		return "Terima kasih, laporan Anda sudah kami teruskan dan ditindaklanjuti petugas."
	}
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, aduan.WIB).UnixMilli()
	db := st.DB()
	per := 200
	if st.Dialect() == store.SQLite {
		per = 10
	}
	const batch = 2000
	for start := 0; start < nLib; start += batch {
		n := min(batch, nLib-start)
		rows := make([][]any, 0, n)
		for i := 0; i < n; i++ {
			c := usable[rnd.IntN(len(usable))]
			kel := kels[rnd.IntN(len(kels))]
			q1, q2 := fill(texts[c.Code], kel), fill(texts[c.Code], kel)
			title := c.Name + ": " + strings.Join(strings.Fields(q1)[:min(6, len(strings.Fields(q1)))], " ") + " " + noise(1)
			rows = append(rows, []any{title, fmt.Sprintf("[%q,%q]", q1, q2), answerFor(c, kel) + " " + noise(2), c.DefaultAgencyID, now, now})
		}
		if err := insertRows(ctx, db, per, `INSERT INTO library_entries (title, questions, answer, agency_id, created_at, updated_at) VALUES `, rows); err != nil {
			return err
		}
	}
	var year, seq int = 2024, 0
	for start := 0; start < nComp; start += batch {
		n := min(batch, nComp-start)
		rows := make([][]any, 0, n)
		for i := 0; i < n; i++ {
			c := usable[rnd.IntN(len(usable))]
			kel := kels[rnd.IntN(len(kels))]
			seq++
			if seq > 400000 {
				year, seq = year+1, 1
			}
			at := now - int64(rnd.IntN(3*365*24*3600))*1000
			rows = append(rows, []any{aduan.FormatNumber(year, int64(seq)), "telepon", fill(texts[c.Code], kel) + " " + noise(2),
				kel.Code, kel.KecamatanCode, c.ID, c.DefaultAgencyID, "sedang", "biasa", "closed", answerFor(c, kel), "agency", at, at, at, at, at})
		}
		if err := insertRows(ctx, db, per, `INSERT INTO complaints (number, channel, text, kelurahan_code, kecamatan_code, category_id, agency_id,
			priority, confidentiality, status, answer, answer_source, received_at, created_at, updated_at, closed_at, clock_started_at) VALUES `, rows); err != nil {
			return err
		}
	}
	return nil
}

// insertRows writes rows with statements of per rows, prepared once
// (modernc.org/sqlite binds many parameters slowly: ten rows a statement
// there; PostgreSQL takes hundreds).
func insertRows(ctx context.Context, db *sql.DB, per int, head string, rows [][]any) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	stmts := map[int]*sql.Stmt{}
	for s := 0; s < len(rows); s += per {
		part := rows[s:min(s+per, len(rows))]
		st := stmts[len(part)]
		if st == nil {
			var sb strings.Builder
			sb.WriteString(head)
			for i, r := range part {
				if i > 0 {
					sb.WriteString(", ")
				}
				sb.WriteByte('(')
				for j := range r {
					if j > 0 {
						sb.WriteString(", ")
					}
					fmt.Fprintf(&sb, "$%d", i*len(r)+j+1)
				}
				sb.WriteByte(')')
			}
			if st, err = tx.PrepareContext(ctx, sb.String()); err != nil {
				return err
			}
			defer st.Close()
			stmts[len(part)] = st
		}
		var args []any
		for _, r := range part {
			args = append(args, r...)
		}
		if _, err := st.ExecContext(ctx, args...); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func wordList() ([]string, error) {
	f, err := os.Open("analyzer/testdata/words.txt")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if w := strings.TrimSpace(sc.Text()); w != "" && !strings.HasPrefix(w, "#") {
			out = append(out, w)
		}
	}
	return out, sc.Err()
}
