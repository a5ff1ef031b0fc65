package report_test

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/report/render"
	"github.com/kotakita/aduan/internal/store"
)

// The benchmarks build a large dataset straight in SQL (the same SQL on
// both databases): ADUAN_BENCH_N complaints (default 20 000) spread over
// ten months, ten events each, then time the monthly report of one month
// and a CSV export of everything. Peak memory is the process's peak
// resident set (VmHWM, reset before the measured run), which includes the
// database driver's own memory.
//
//	ADUAN_BENCH_N=1000000 go test ./internal/report -run '^$' -bench . -benchtime 1x -timeout 2h

func benchN() int {
	if n, err := strconv.Atoi(os.Getenv("ADUAN_BENCH_N")); err == nil && n > 0 {
		return n
	}
	return 20000
}

// benchMonths is how many months the complaints are spread over.
const benchMonths = 10

func bigDataset(b *testing.B, d store.Dialect, n int) (*store.Store, aduan.Actor) {
	b.Helper()
	st := dbtest.OpenSeeded(b, d)
	start := time.Now()
	var ops, pds []aduan.Actor
	ags, err := st.RefData().Agencies(ctx)
	if err != nil {
		b.Fatal(err)
	}
	mk := func(name string, role aduan.Role, agency int64) aduan.Actor {
		u := &aduan.User{Username: name, Name: name, Role: role, AgencyID: agency, Active: true}
		if err := st.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-uji-123"); err != nil {
			b.Fatal(err)
		}
		return u.Actor()
	}
	for i := 0; i < 10; i++ {
		ops = append(ops, mk(fmt.Sprintf("op%d", i), aduan.RoleOperatorCC, 0))
	}
	for i := 0; i < 20 && i < len(ags); i++ {
		pds = append(pds, mk(fmt.Sprintf("pd%d", i), aduan.RoleOperatorPD, ags[i].ID))
	}
	ko := mk("koordinator", aduan.RoleKoordinatorCC, 0)
	db := st.DB()
	exec := func(q string, args ...any) {
		if _, err := db.ExecContext(ctx, q, args...); err != nil {
			b.Fatalf("%v\n%s", err, q)
		}
	}
	var agMin, agN, catMin, catN int64
	if err := db.QueryRowContext(ctx, `SELECT MIN(id), COUNT(*) FROM agencies`).Scan(&agMin, &agN); err != nil {
		b.Fatal(err)
	}
	if err := db.QueryRowContext(ctx, `SELECT MIN(id), COUNT(*) FROM categories`).Scan(&catMin, &catN); err != nil {
		b.Fatal(err)
	}
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, aduan.WIB).UnixMilli()
	span := int64(benchMonths) * 30 * 86400000 / int64(n) // ms between complaints
	var kel []string
	rows, err := db.QueryContext(ctx, `SELECT code FROM kelurahan ORDER BY code`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var k string
		rows.Scan(&k)
		kel = append(kel, k)
	}
	rows.Close()
	exec(`CREATE TABLE bench_kel (i INTEGER PRIMARY KEY, code TEXT NOT NULL, kec TEXT NOT NULL)`)
	for i, k := range kel {
		exec(`INSERT INTO bench_kel (i, code, kec) VALUES ($1, $2, $3)`, i, k, k[:8])
	}
	exec(`CREATE TABLE bench_tpl (k INTEGER PRIMARY KEY, action TEXT NOT NULL, step TEXT NOT NULL, agency INTEGER NOT NULL)`)
	for k, t := range [][3]string{{"create", "intake", "0"}, {"forward", "forward", "0"}, {"acknowledge", "agency_receive", "1"},
		{"agency_answer", "agency_answer", "1"}, {"receive_answer", "answer_receive", "0"}, {"relay", "relay", "0"}, {"close", "", "0"},
		{"note", "", "0"}, {"edit", "", "0"}, {"note", "", "0"}} {
		exec(`INSERT INTO bench_tpl (k, action, step, agency) VALUES ($1, $2, $3, $4)`, k, t[0], t[1], t[2])
	}
	// Complaints in chunks, so that one statement never builds millions
	// of rows in a recursive CTE at once.
	const chunk = 100000
	nk := len(kel)
	for lo := 0; lo < n; lo += chunk {
		hi := lo + chunk
		if hi > n {
			hi = n
		}
		exec(`INSERT INTO complaints (number, channel, text, kelurahan_code, kecamatan_code, category_id, agency_id, priority, confidentiality, status,
			received_at, created_at, updated_at, created_by, clock_step, clock_started_at, deadline_at, version)
			WITH RECURSIVE s(i) AS (SELECT CAST($1 AS BIGINT) UNION ALL SELECT i + 1 FROM s WHERE i < $2)
			SELECT 'B-' || s.i, CASE s.i % 4 WHEN 0 THEN 'telepon' WHEN 1 THEN 'sms' WHEN 2 THEN 'whatsapp' ELSE 'web' END,
				'Pengaduan uji beban nomor ' || s.i, k.code, k.kec, $8 + s.i % $9, $3 + s.i % $10, 'sedang', 'biasa',
				CASE WHEN s.i % 10 < 7 THEN 'closed' WHEN s.i % 10 < 9 THEN 'forwarded' ELSE 'recorded' END,
				$4 + s.i * $5, $4 + s.i * $5, $4 + s.i * $5, $6, 'agency_answer', $4 + s.i * $5, $4 + s.i * $5 + 300000, 1
			FROM s JOIN bench_kel k ON k.i = s.i % $7`, lo+1, hi, agMin, t0, span, ops[0].UserID, nk, catMin, catN, min(agN, 20))
	}
	// Ten events per complaint, actors spread over the operators and the
	// agencies' operators; about 80% of steps meet their standard. They are
	// inserted in time order, as the service writes them, so that a month's
	// events sit together on disk as they would in production.
	var opCase, pdCase strings.Builder
	for i, o := range ops {
		fmt.Fprintf(&opCase, " WHEN %d THEN %d", i, o.UserID)
	}
	for i, p := range pds {
		fmt.Fprintf(&pdCase, " WHEN %d THEN %d", i, p.UserID)
	}
	var maxID int64
	if err := db.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM complaints`).Scan(&maxID); err != nil {
		b.Fatal(err)
	}
	for lo := int64(0); lo < maxID; lo += chunk {
		exec(`INSERT INTO complaint_events (complaint_id, action, step, actor_id, actor_name, actor_role, at, met, elapsed_ms, details, agency_id)
			SELECT c.id, t.action, t.step,
				CASE WHEN t.agency = 1 THEN (CASE c.id % `+strconv.Itoa(len(pds))+pdCase.String()+` END) ELSE (CASE c.id % `+strconv.Itoa(len(ops))+opCase.String()+` END) END,
				'', CASE WHEN t.agency = 1 THEN 'operator_pd' ELSE 'operator_cc' END,
				c.received_at + t.k * 300000,
				CASE WHEN t.step = '' THEN NULL ELSE ((c.id * 7 + t.k) % 10) < 8 END,
				((c.id * 37 + t.k * 11) % 3600) * 1000,
				CASE WHEN t.action = 'forward' THEN '{"agency_id":"' || c.agency_id || '"}' ELSE '{}' END,
				CASE WHEN t.agency = 1 THEN c.agency_id END
			FROM complaints c CROSS JOIN bench_tpl t WHERE c.id > $1 AND c.id <= $2
			ORDER BY c.received_at + t.k * 300000, c.id, t.k`, lo, lo+chunk)
	}
	exec(`ANALYZE`)
	b.Logf("%s: %d complaints, %d events made in %s", d, n, n*10, time.Since(start).Round(time.Second))
	return st, ko
}

// peakRSS resets the process's peak resident set and returns a function
// that reads it, in MiB.
func peakRSS() func() float64 {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	return func() float64 {
		f, err := os.Open("/proc/self/status")
		if err != nil {
			return 0
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "VmHWM:"); ok {
				kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
				return float64(kb) / 1024
			}
		}
		return 0
	}
}

// cpuTime returns a function giving the CPU seconds this process has used
// since: on a shared machine, a steadier figure than the wall clock (the
// database server's own CPU, for PostgreSQL, is not in it).
func cpuTime() func() float64 {
	var r0 syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &r0)
	return func() float64 {
		var r syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &r)
		d := time.Duration(r.Utime.Nano()+r.Stime.Nano()-r0.Utime.Nano()-r0.Stime.Nano()) * time.Nanosecond
		return d.Seconds()
	}
}

func BenchmarkMonthlyReport(b *testing.B) {
	for _, d := range dbtest.Dialects {
		b.Run(string(d), func(b *testing.B) {
			n := benchN()
			st, ko := bigDataset(b, d, n)
			from, to, _ := report.MonthRange("2026-05", aduan.WIB)
			st.Now = func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, aduan.WIB) }
			runtime.GC()
			peak := peakRSS()
			cpu := cpuTime()
			b.ResetTimer()
			var m *report.MonthlyData
			for i := 0; i < b.N; i++ {
				var err error
				if m, err = st.Reports().MonthlyData(ctx, ko, from, to, report.Filter{}); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			b.ReportMetric(peak(), "peak-RSS-MiB")
			b.ReportMetric(cpu()/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(m.Volume.Total), "complaints/month")
			b.Logf("%s: month of %d complaints; steps %d; agencies %d", d, m.Volume.Total, len(m.Steps), len(m.Agencies))
		})
	}
}

func BenchmarkCSVExport(b *testing.B) {
	for _, d := range dbtest.Dialects {
		b.Run(string(d), func(b *testing.B) {
			n := benchN()
			st, ko := bigDataset(b, d, n)
			runtime.GC()
			peak := peakRSS()
			b.ResetTimer()
			rows := 0
			cpu := cpuTime()
			start := time.Now()
			for i := 0; i < b.N; i++ {
				w, err := render.NewCSV(io.Discard, ko, i18n.ID, st.Now(), aduan.WIB)
				if err != nil {
					b.Fatal(err)
				}
				if err := st.Reports().EachComplaint(ctx, ko, aduan.ComplaintFilter{}, func(c *aduan.Complaint) error { rows++; return w.Write(c) }); err != nil {
					b.Fatal(err)
				}
				if err := w.Close(); err != nil {
					b.Fatal(err)
				}
			}
			el := time.Since(start)
			b.StopTimer()
			b.ReportMetric(float64(rows)/el.Seconds(), "rows/s")
			b.ReportMetric(float64(rows)/cpu(), "rows/cpu-s")
			b.ReportMetric(peak(), "peak-RSS-MiB")
		})
	}
}

// BenchmarkCoveringIndex checks whether a covering index of the events
// (time, step, standard met, action, actor, role, elapsed) speeds up the
// monthly report, whose three passes over a month's events otherwise look
// each row up from the index on time. It times the report without and with
// the index, three rounds each, alternating (the machine is shared), and
// logs the plans. Only with ADUAN_BENCH_COVER=1, as it builds its own
// index on the dataset:
//
//	ADUAN_BENCH_COVER=1 ADUAN_BENCH_N=100000 go test ./internal/report -run '^$' -bench CoveringIndex -benchtime 1x
func BenchmarkCoveringIndex(b *testing.B) {
	if os.Getenv("ADUAN_BENCH_COVER") == "" {
		b.Skip("set ADUAN_BENCH_COVER=1")
	}
	for _, d := range dbtest.Dialects {
		b.Run(string(d), func(b *testing.B) {
			st, ko := bigDataset(b, d, benchN())
			from, to, _ := report.MonthRange("2026-05", aduan.WIB)
			st.Now = func() time.Time { return time.Date(2026, 12, 1, 0, 0, 0, 0, aduan.WIB) }
			db := st.DB()
			exec := func(q string) {
				if _, err := db.ExecContext(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
			analyze := func() {
				if d == store.Postgres {
					exec(`VACUUM ANALYZE complaint_events`)
				} else {
					exec(`ANALYZE`)
				}
			}
			steps := fmt.Sprintf(`SELECT e.step, COALESCE(e.actor_id, 0), e.elapsed_ms FROM complaint_events e
				WHERE e.at >= %d AND e.at < %d AND e.step <> '' AND e.met IS NOT NULL ORDER BY e.step, e.elapsed_ms`, from.UnixMilli(), to.UnixMilli())
			plan := func() string {
				ex := "EXPLAIN QUERY PLAN "
				if d == store.Postgres {
					ex = "EXPLAIN "
				}
				rows, err := db.QueryContext(ctx, ex+steps)
				if err != nil {
					b.Fatal(err)
				}
				defer rows.Close()
				cols, _ := rows.Columns()
				var out []string
				for rows.Next() {
					vals := make([]any, len(cols))
					ptrs := make([]any, len(cols))
					for i := range vals {
						ptrs[i] = &vals[i]
					}
					if err := rows.Scan(ptrs...); err != nil {
						b.Fatal(err)
					}
					out = append(out, strings.TrimSpace(fmt.Sprint(vals[len(vals)-1])))
				}
				return strings.Join(out, " / ")
			}
			report1 := func() time.Duration {
				best := time.Duration(1 << 62)
				for i := 0; i < 2; i++ {
					start := time.Now()
					if _, err := st.Reports().MonthlyData(ctx, ko, from, to, report.Filter{}); err != nil {
						b.Fatal(err)
					}
					best = min(best, time.Since(start))
				}
				return best
			}
			b.ResetTimer()
			var plain, cover []time.Duration
			for round := 0; round < 3; round++ {
				plain = append(plain, report1())
				if round == 0 {
					b.Logf("%s without: %s", d, plan())
				}
				exec(`CREATE INDEX bench_events_cover ON complaint_events(at, step, met, action, actor_id, actor_role, elapsed_ms)`)
				analyze()
				cover = append(cover, report1())
				if round == 0 {
					b.Logf("%s with: %s", d, plan())
				}
				exec(`DROP INDEX bench_events_cover`)
				analyze()
			}
			b.StopTimer()
			b.Logf("%s monthly report without the index %v, with %v", d, plain, cover)
			sort.Slice(plain, func(i, j int) bool { return plain[i] < plain[j] })
			sort.Slice(cover, func(i, j int) bool { return cover[i] < cover[j] })
			b.ReportMetric(float64(plain[1].Milliseconds()), "ms-without")
			b.ReportMetric(float64(cover[1].Milliseconds()), "ms-with")
		})
	}
}
