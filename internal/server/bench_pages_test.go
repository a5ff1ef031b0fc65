package server_test

import (
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/benchdata"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/live"
	"github.com/kotakita/aduan/internal/server"
	"github.com/kotakita/aduan/internal/web"
)

// BenchmarkPages measures the server time of the console's busiest pages
// (handled in-process, so the figure is the server's alone) on generated
// datasets: the operator's queue (first page, and a page deep into the
// list), and a complaint page with its timeline. Sizes come from
// ADUAN_BENCH_SIZES (default 100000; 1000000 for the full table).
//
//	ADUAN_BENCH_SIZES=100000,1000000 go test -run '^$' -bench Pages -benchtime 2000x -timeout 3h ./internal/server/
func BenchmarkPages(b *testing.B) {
	sizes := []int{100000}
	if s := os.Getenv("ADUAN_BENCH_SIZES"); s != "" {
		sizes = nil
		for _, f := range strings.Split(s, ",") {
			n, err := strconv.Atoi(strings.TrimSpace(f))
			if err != nil {
				b.Fatal(err)
			}
			sizes = append(sizes, n)
		}
	}
	for _, d := range dbtest.Dialects {
		for _, n := range sizes {
			b.Run(fmt.Sprintf("%s/%d", d, n), func(b *testing.B) {
				st := benchdata.Open(b, d, n)
				st.Now = func() time.Time { return benchdata.Now }
				log := slog.New(slog.NewTextHandler(io.Discard, nil))
				hub, _ := live.NewHub(nil)
				srv := server.New(server.Config{Store: st, Log: log, Console: &web.Config{Hub: hub}})
				u, err := st.Users().UserByUsername(ctx, "gen.op01")
				if err != nil {
					b.Fatal(err)
				}
				tok, err := st.Users().CreateSession(ctx, u.ID, time.Hour)
				if err != nil {
					b.Fatal(err)
				}
				var maxID int64
				st.DB().QueryRow(`SELECT MAX(id) FROM complaints`).Scan(&maxID)
				var deep int64
				st.DB().QueryRow(`SELECT id FROM complaints WHERE status NOT IN ('closed','duplicate','rejected') ORDER BY id LIMIT 1 OFFSET 20`).Scan(&deep)
				// Open complaints, where the operator's forms are: a random
				// complaint is closed nine times in ten and offers one step.
				var open []int64
				rows, err := st.DB().Query(`SELECT id FROM complaints WHERE status IN ('recorded','answered','relayed') ORDER BY id LIMIT 500`)
				if err != nil {
					b.Fatal(err)
				}
				for rows.Next() {
					var id int64
					rows.Scan(&id)
					open = append(open, id)
				}
				rows.Close()
				rnd := rand.New(rand.NewPCG(1, 2))
				pages := []struct {
					name string
					path func() string
				}{
					{"queue", func() string { return "/queue" }},
					{"queue-deep", func() string { return "/queue?status=open&cursor=" + strconv.FormatInt(deep, 10) }},
					{"queue-filtered", func() string { return "/queue?status=all&kecamatan=32.76.05&channel=telepon" }},
					{"complaint", func() string { return "/complaints/" + strconv.FormatInt(1+rnd.Int64N(maxID), 10) }},
					{"complaint-open", func() string { return "/complaints/" + strconv.FormatInt(open[rnd.IntN(len(open))], 10) }},
					// The desk's suggestion panel as an operator types: each
					// request one of a few complaints, cut where a keystroke
					// left it.
					{"search", func() string {
						t := typed[rnd.IntN(len(typed))]
						t = t[:min(len(t), 6+rnd.IntN(len(t)))]
						return "/desk/search?kelurahan=32.76.01.1001&text=" + url.QueryEscape(t)
					}},
				}
				for _, p := range pages {
					b.Run(p.name, func(b *testing.B) {
						lat := make([]time.Duration, 0, b.N)
						for i := 0; i < b.N; i++ {
							req := httptest.NewRequest("GET", p.path(), nil)
							req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: tok})
							rec := httptest.NewRecorder()
							t0 := time.Now()
							srv.ServeHTTP(rec, req)
							lat = append(lat, time.Since(t0))
							if rec.Code != 200 {
								b.Fatalf("%s: %d %s", req.URL, rec.Code, rec.Body.String()[:min(300, rec.Body.Len())])
							}
						}
						sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
						b.ReportMetric(ms(lat[len(lat)/2]), "p50-ms")
						b.ReportMetric(ms(lat[len(lat)*99/100]), "p99-ms")
					})
				}
				_ = aduan.WIB
			})
		}
	}
}

// typed are complaints as the desk types them, for the search page.
var typed = []string{"jalan rusak berlubang di depan sekolah", "lampu jalan mati sudah 3 hari gelap", "sampah numpuk di pinggir jalan bau",
	"pohon tumbang dkt masjid menutup jalan", "air pdam tidak mengalir sejak kemarin", "banjir got mampet kalau hujan", "parkir liar di trotoar margonda"}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
