package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// BenchmarkIntake records complaints over the API of a whole service
// started in this process (store, group-commit writer, job queue with its
// receipt messages and SLA checks, HTTP), as the load harness's intake
// scenario does against `aduan serve`, at concurrency 16, with the SQLite
// writer syncing before it answers. Besides the rate and p50/p99 it
// reports the process's CPU time per complaint (user+system over the
// measured part, the in-process clients included): on a shared machine
// that moves far less than the wall-clock figures.
//
//	go test -run '^$' -bench Intake -benchtime 4000x -cpuprofile intake.cpu ./cmd/aduan/
//
// ADUAN_BENCH_SQLITE=/path/complaints-100000.db runs the SQLite half on a
// copy of a harness dataset (its secret.keys beside it) instead of an
// empty database.
func BenchmarkIntake(b *testing.B) {
	for _, d := range dbtest.Dialects {
		b.Run(string(d), func(b *testing.B) { benchIntake(b, d, 16) })
	}
}

func benchIntake(b *testing.B, d store.Dialect, conc int) {
	addr := freeAddrB(b)
	cfg, _, err := parseConfig("serve", nil, func(string) string { return "" }, &bytes.Buffer{})
	if err != nil {
		b.Fatal(err)
	}
	cfg.Addr, cfg.DataDir, cfg.AccessLog, cfg.LogLevel = addr, b.TempDir(), false, "error"
	switch {
	case d == store.Postgres:
		cfg.DatabaseURL = dbtest.MigratedURL(b)
	case os.Getenv("ADUAN_BENCH_SQLITE") != "":
		src := os.Getenv("ADUAN_BENCH_SQLITE")
		to := filepath.Join(cfg.DataDir, "aduan.db")
		for _, p := range [][2]string{{src, to}, {filepath.Join(filepath.Dir(src), "secret.keys"), filepath.Join(cfg.DataDir, "secret.keys")}} {
			if err := copyFile(p[0], p[1]); err != nil {
				b.Fatal(err)
			}
		}
	}
	m := &Main{Config: cfg, Out: &bytes.Buffer{}}
	if err := m.Run(context.Background()); err != nil {
		b.Fatal(err)
	}
	defer m.Close()
	ctx := context.Background()
	u := &aduan.User{Username: fmt.Sprintf("bench%d", time.Now().UnixNano()), Name: "Bench", Role: aduan.RoleOperatorCC, Active: true}
	if err := m.Store.Users().CreateUser(ctx, aduan.System, u, "kata-sandi-uji-123"); err != nil {
		b.Fatal(err)
	}
	tok, _, err := m.Store.Users().CreateToken(ctx, aduan.System, u.ID, "bench")
	if err != nil {
		b.Fatal(err)
	}
	var kels []string
	rows, err := m.Store.DB().QueryContext(ctx, `SELECT code FROM kelurahan ORDER BY code`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var k string
		rows.Scan(&k)
		kels = append(kels, k)
	}
	rows.Close()
	var cats []int64
	rows, err = m.Store.DB().QueryContext(ctx, `SELECT id FROM categories WHERE active ORDER BY id`)
	if err != nil {
		b.Fatal(err)
	}
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		cats = append(cats, id)
	}
	rows.Close()
	body := func(i int) []byte {
		// The harness's shape: a caller from a pool of 200,000 numbers,
		// half of the complaints with a category.
		v := map[string]any{"channel": "telepon",
			"text":           fmt.Sprintf("Lampu penerangan jalan di Jl. Margonda no %d mati sejak tiga hari, mohon segera diperbaiki.", i),
			"kelurahan_code": kels[i%len(kels)], "address": fmt.Sprintf("Jl. Kenanga No. %d", 1+i%200),
			"citizen": map[string]any{"name": fmt.Sprintf("Warga Uji %d", i%200000), "phone": fmt.Sprintf("0813%08d", (i*7919)%200000),
				"address": fmt.Sprintf("Jl. Melati No. %d", 1+i%300)}}
		if len(cats) > 0 && i%2 == 0 {
			v["category_id"] = cats[(i/2)%len(cats)]
		}
		out, _ := json.Marshal(v)
		return out
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 2 * conc}}
	post := func(i int) (time.Duration, error) {
		req, _ := http.NewRequest("POST", "http://"+addr+"/api/v1/complaints", bytes.NewReader(body(i)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tok)
		t0 := time.Now()
		res, err := client.Do(req)
		if err != nil {
			return 0, err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 201 {
			return 0, fmt.Errorf("status %d", res.StatusCode)
		}
		return time.Since(t0), nil
	}
	// Warm up: the statement caches, the reference cache, the pool.
	for i := 0; i < 50; i++ {
		if _, err := post(1_000_000 + i); err != nil {
			b.Fatal(err)
		}
	}
	lat := make([]time.Duration, b.N)
	var next atomic.Int64
	var failed atomic.Int64
	var wg sync.WaitGroup
	cpu0 := cpuTime()
	b.ResetTimer()
	start := time.Now()
	for w := 0; w < conc; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= b.N {
					return
				}
				dt, err := post(i)
				if err != nil {
					failed.Add(1)
					continue
				}
				lat[i] = dt
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	cpu := cpuTime() - cpu0
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d of %d requests failed", n, b.N)
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "complaints/s")
	b.ReportMetric(float64(lat[b.N/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[b.N*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(cpu.Microseconds())/float64(b.N), "cpu-µs/complaint")
}

// cpuTime is the CPU time (user and system) this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
