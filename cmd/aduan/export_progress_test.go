package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// exportRows is the size of the export in TestExportProgressOverHTTP: with
// 4,000-character texts, about 12 MB of CSV, several times what the
// loopback connection's buffers hold, so a client that stops reading
// holds the export mid-way.
const exportRows = 3000

// bulkComplaints loads n complaints with long texts straight into the
// database (the per-complaint workflow would take minutes).
func bulkComplaints(t *testing.T, m *Main, n int) {
	t.Helper()
	ctx := context.Background()
	id, _, err := m.Store.Complaints().NextIDs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	now := m.Store.Now()
	year := now.In(aduan.WIB).Year()
	text := strings.Repeat("Saluran air tersumbat sampah di depan rumah warga, air meluap ke jalan setiap hujan. ", 48)[:4000]
	var cs []store.BulkComplaint
	for i := 0; i < n; i++ {
		at := now.Add(time.Duration(i-n) * time.Minute)
		cs = append(cs, store.BulkComplaint{C: &aduan.Complaint{ID: id + int64(i), Number: fmt.Sprintf("ADU-%d-%06d", year, 900000+i), Channel: aduan.ChannelPhone,
			Text: text, Priority: aduan.PriorityNormal, Confidentiality: aduan.Public, Status: aduan.StatusRecorded,
			ReceivedAt: at, CreatedAt: at, UpdatedAt: at, Clock: aduan.Clock{StartedAt: at}, Version: 1}})
	}
	if err := m.Store.Complaints().BulkInsert(ctx, nil, cs); err != nil {
		t.Fatal(err)
	}
	if err := m.Store.Complaints().BulkFinish(ctx, map[int]int64{year: 900000 + int64(n)}); err != nil {
		t.Fatal(err)
	}
}

// slowReader is an HTTP client whose connections have a small receive
// buffer: when it stops reading, the server's writes stop soon after.
func slowReader(jar http.CookieJar) *http.Client {
	d := &net.Dialer{Control: func(_, _ string, c syscall.RawConn) error {
		var serr error
		err := c.Control(func(fd uintptr) { serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096) })
		if err != nil {
			return err
		}
		return serr
	}}
	return &http.Client{Jar: jar, Transport: &http.Transport{DialContext: d.DialContext, DisableCompression: true}}
}

type progress struct {
	done, total int64
	percent     float64
	finished    bool
	failed      bool
}

func readProgress(t *testing.T, c *apitest.Client, id string) *progress {
	t.Helper()
	res := c.Do("GET", "/api/v1/exports/progress/"+id, nil)
	if res.Status == 404 {
		return nil
	}
	b := res.Must(t, 200)
	pct, _ := b["percent"].(float64)
	return &progress{done: apitest.Num(b, "done"), total: apitest.Num(b, "total"), percent: pct, finished: b["finished"] == true, failed: b["failed"] == true}
}

// TestExportProgressOverHTTP: a large complaint export reports its
// progress while it streams, as the console's bar reads it. The client
// reads the headers and stops: the export waits for it, and its progress
// stands part-way (more than nothing, less than all, not finished), moving
// in whole-percent steps; once the client reads on, it reaches every row,
// finished. On both databases.
func TestExportProgressOverHTTP(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, _ := start(t, d, false)
		ko := login(t, m, "koordinator", aduan.RoleKoordinatorCC, "")
		bulkComplaints(t, m, exportRows)
		if p := readProgress(t, ko, "besar-1"); p != nil {
			t.Fatalf("progress before the export: %+v", p)
		}

		req, _ := http.NewRequest("GET", ko.Base+"/api/v1/exports/complaints/csv?status=recorded&progress=besar-1", nil)
		res, err := slowReader(ko.HTTP.Jar).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		if res.StatusCode != 200 || res.Header.Get("X-Export-Total") != strconv.Itoa(exportRows) {
			t.Fatalf("export: %d, total %q", res.StatusCode, res.Header.Get("X-Export-Total"))
		}
		first := readProgress(t, ko, "besar-1")
		if first == nil || first.total != exportRows {
			t.Fatalf("progress once the export has started: %+v", first)
		}
		// The client reads nothing: the export stops where the buffers
		// are full, and its progress with it.
		var mid *progress
		for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); {
			time.Sleep(300 * time.Millisecond)
			p := readProgress(t, ko, "besar-1")
			if mid != nil && *p == *mid {
				break
			}
			mid = p
		}
		if mid.finished || mid.done <= 0 || mid.done >= exportRows || mid.done < first.done {
			t.Fatalf("progress of a held export: first %+v, then %+v; want part-way", first, mid)
		}
		t.Logf("held at %d of %d rows (%.1f%%)", mid.done, mid.total, mid.percent)
		if mid.done%(exportRows/100) != 0 || mid.percent != float64(mid.done*1000/exportRows)/10 {
			t.Errorf("progress not in whole percents: %+v", mid)
		}
		// Reading on: every row arrives, and the progress says done.
		rows := 0
		br := bufio.NewReaderSize(res.Body, 64<<10)
		for {
			line, err := br.ReadString('\n')
			if strings.Contains(line, fmt.Sprintf("ADU-%d-9", m.Store.Now().In(aduan.WIB).Year())) {
				rows++
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		if rows != exportRows {
			t.Errorf("%d rows in the file, want %d", rows, exportRows)
		}
		var last *progress
		for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			if last = readProgress(t, ko, "besar-1"); last.finished {
				break
			}
		}
		if !last.finished || last.failed || last.done != exportRows || last.percent != 100 {
			t.Errorf("progress at the end: %+v", last)
		}
	})
}
