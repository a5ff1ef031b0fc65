package server_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/server"
	"github.com/kotakita/aduan/internal/store"
)

// BenchmarkCreateComplaint measures complaints recorded per second through
// the JSON API over loopback (each with its citizen, number, event and audit
// rows), at concurrency 1 and 16, with p50/p99 latency; and, in the same
// run, the database's raw single-row insert rate, reported as a ratio.
//
//	go test -run '^$' -bench CreateComplaint -benchtime 3000x ./internal/server/
func BenchmarkCreateComplaint(b *testing.B) {
	for _, d := range dbtest.Dialects {
		for _, conc := range []int{1, 16} {
			b.Run(fmt.Sprintf("%s/c%d", d, conc), func(b *testing.B) {
				st := dbtest.OpenSeeded(b, d)
				raw := rawInsertRate(b, st, 2000)
				srv := server.New(server.Config{Store: st, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
				ts := httptest.NewServer(srv)
				defer ts.Close()
				u := &aduan.User{Username: "bench", Name: "Bench", Role: aduan.RoleOperatorCC, Active: true}
				if err := st.Users().CreateUser(context.Background(), aduan.System, u, "kata-sandi-bench"); err != nil {
					b.Fatal(err)
				}
				tok, _, _ := st.Users().CreateToken(context.Background(), aduan.System, u.ID, "bench")
				client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
				var next atomic.Int64
				lat := make([]time.Duration, b.N)
				var failed atomic.Int64
				b.ResetTimer()
				start := time.Now()
				var wg sync.WaitGroup
				for w := 0; w < conc; w++ {
					wg.Add(1)
					go func() {
						defer wg.Done()
						for {
							i := next.Add(1) - 1
							if i >= int64(b.N) {
								return
							}
							body := fmt.Sprintf(`{"text":"Lampu PJU mati di Jl. Margonda no %d sejak kemarin malam.","kelurahan_code":"32.76.06.1001","citizen":{"name":"Warga %d","phone":"0812%08d","address":"Jl. Kenanga %d"}}`, i, i, i%50000000, i)
							req, _ := http.NewRequest("POST", ts.URL+"/api/v1/complaints", bytes.NewReader([]byte(body)))
							req.Header.Set("Content-Type", "application/json")
							req.Header.Set("Authorization", "Bearer "+tok)
							t0 := time.Now()
							res, err := client.Do(req)
							if err != nil {
								failed.Add(1)
								continue
							}
							io.Copy(io.Discard, res.Body)
							res.Body.Close()
							lat[i] = time.Since(t0)
							if res.StatusCode != 201 {
								failed.Add(1)
							}
						}
					}()
				}
				wg.Wait()
				elapsed := time.Since(start)
				b.StopTimer()
				if n := failed.Load(); n > 0 {
					b.Fatalf("%d requests failed", n)
				}
				sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
				rate := float64(b.N) / elapsed.Seconds()
				b.ReportMetric(rate, "complaints/s")
				b.ReportMetric(float64(lat[b.N/2].Microseconds())/1000, "p50-ms")
				b.ReportMetric(float64(lat[b.N*99/100].Microseconds())/1000, "p99-ms")
				b.ReportMetric(raw, "raw-inserts/s")
				b.ReportMetric(rate/raw, "ratio-to-raw")
			})
		}
	}
}

// rawInsertRate is the floor of the comparison: one-row INSERTs, each its
// own committed transaction, on the same database and pool.
func rawInsertRate(b *testing.B, st *store.Store, n int) float64 {
	db := st.DB()
	if _, err := db.Exec(`CREATE TABLE bench_raw (id BIGINT PRIMARY KEY, body TEXT NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	for i := 0; i < n; i++ {
		if _, err := db.Exec(`INSERT INTO bench_raw (id, body) VALUES ($1, $2)`, i, "Lampu PJU mati di Jl. Margonda sejak kemarin malam."); err != nil {
			b.Fatal(err)
		}
	}
	return float64(n) / time.Since(start).Seconds()
}
