package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/auth"
)

// The live-updates mode (-sse N): N consoles hold the event stream
// (GET /events, Server-Sent Events) open on the one instance, and the
// harness records complaints over the API one at a time; each change must
// reach every console. It measures, for every console and every change,
// the time from sending the change's request to the console reading its
// event, and the server's resident set with the streams open.

// sseResult is the mode's outcome.
type sseResult struct {
	Clients   int     `json:"clients"`
	Changes   int     `json:"changes"`
	Delivered int     `json:"delivered"` // events read, of clients × changes
	Missed    int     `json:"missed"`    // not read within 5 s
	P50       float64 `json:"p50_ms"`
	P99       float64 `json:"p99_ms"`
	Max       float64 `json:"max_ms"`
	// The same from the change's answer: what the fan-out adds to the
	// write's own time.
	P50AfterAnswer float64 `json:"p50_after_answer_ms"`
	P99AfterAnswer float64 `json:"p99_after_answer_ms"`
	// The slowest change's own request.
	SlowestChange float64 `json:"slowest_change_ms"`
	// RSS with the streams open and idle, and the largest while the
	// changes went out.
	OpenRSS int64 `json:"open_rss_bytes"`
	PeakRSS int64 `json:"peak_rss_bytes"`
}

// sseCookies makes enough consoles' users (a user may hold
// live.MaxStreamsPerUser streams) and returns one session cookie per
// client.
func (f *fixture) sseCookies(ctx context.Context, clients, perUser int) ([]string, error) {
	var cookies []string
	for u := 0; len(cookies) < clients; u++ {
		name := fmt.Sprintf("load.sse%03d", u)
		usr, err := f.st.Users().UserByUsername(ctx, name)
		if aduan.ErrorCode(err) == aduan.ENOTFOUND {
			usr = &aduan.User{Username: name, Name: "Konsol Uji " + name, Role: aduan.RoleOperatorCC, Active: true}
			err = f.st.Users().CreateUser(ctx, aduan.System, usr, "kata-sandi-uji-beban-2026")
		}
		if err != nil {
			return nil, fmt.Errorf("sse user: %w", err)
		}
		f.st.DB().ExecContext(ctx, `UPDATE users SET must_change_pw = FALSE WHERE id = $1`, usr.ID)
		for i := 0; i < perUser && len(cookies) < clients; i++ {
			c, err := f.st.Users().CreateSession(ctx, usr.ID, 24*time.Hour)
			if err != nil {
				return nil, err
			}
			cookies = append(cookies, c)
		}
	}
	return cookies, nil
}

func runSSE(ctx context.Context, o options, f *fixture, base string, pid int, clients, changes int) (*sseResult, error) {
	cookies, err := f.sseCookies(ctx, clients, 8)
	if err != nil {
		return nil, err
	}
	tr := &http.Transport{DisableCompression: true, MaxIdleConnsPerHost: 4,
		DialContext: (&net.Dialer{Timeout: 5 * time.Second}).DialContext}
	defer tr.CloseIdleConnections()
	streams := &http.Client{Transport: tr}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	type arrival struct {
		id int64
		at time.Time
	}
	var mu sync.Mutex
	got := make([][]arrival, clients)
	connected := make(chan error, clients)
	var wg sync.WaitGroup
	for i, c := range cookies {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequestWithContext(ctx, "GET", base+"/events", nil)
			req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: c})
			resp, err := streams.Do(req)
			if err != nil {
				connected <- err
				return
			}
			defer resp.Body.Close()
			if resp.StatusCode != 200 {
				b, _ := io.ReadAll(io.LimitReader(resp.Body, 300))
				connected <- fmt.Errorf("GET /events: %d %s", resp.StatusCode, b)
				return
			}
			connected <- nil
			sc := bufio.NewScanner(resp.Body)
			event := ""
			for sc.Scan() {
				line := sc.Text()
				switch {
				case strings.HasPrefix(line, "event: "):
					event = line[len("event: "):]
				case strings.HasPrefix(line, "data: ") && event == "complaint":
					now := time.Now()
					var e struct {
						ComplaintID int64 `json:"complaint_id"`
					}
					if json.Unmarshal([]byte(line[len("data: "):]), &e) == nil {
						mu.Lock()
						got[i] = append(got[i], arrival{e.ComplaintID, now})
						mu.Unlock()
					}
				case line == "":
					event = ""
				}
			}
		}()
	}
	for range clients {
		if err := <-connected; err != nil {
			return nil, err
		}
	}
	time.Sleep(2 * time.Second)
	res := &sseResult{Clients: clients, Changes: changes}
	if m, err := status(pid); err == nil {
		res.OpenRSS = m["VmRSS"]
	}
	o.logf("sse: %d streams open, RSS %.1f MiB", clients, mib(res.OpenRSS))

	// The changes, one a second: complaints recorded over the API.
	rq, err := f.scenario(ctx, "intake", base, 99)
	if err != nil {
		return nil, err
	}
	api := &http.Client{Timeout: 30 * time.Second}
	sent, answered := map[int64]time.Time{}, map[int64]time.Time{}
	stopRSS := peakRSS(pid)
	for i := range changes {
		req, err := rq.next(0, i)
		if err != nil {
			return nil, err
		}
		t0 := time.Now()
		resp, err := api.Do(req.WithContext(ctx))
		if err != nil {
			return nil, err
		}
		var c struct {
			ID int64 `json:"id"`
		}
		err = json.NewDecoder(resp.Body).Decode(&c)
		resp.Body.Close()
		if err != nil || resp.StatusCode != 201 || c.ID == 0 {
			return nil, fmt.Errorf("sse: change %d: status %d, %v", i, resp.StatusCode, err)
		}
		sent[c.ID], answered[c.ID] = t0, time.Now()
		res.SlowestChange = max(res.SlowestChange, msf(time.Since(t0)))
		time.Sleep(time.Second)
	}
	// Until every console has every change, or 5 s.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		n := 0
		mu.Lock()
		for i := range got {
			n += len(got[i])
		}
		mu.Unlock()
		if n >= clients*changes {
			break
		}
	}
	res.PeakRSS, _ = stopRSS()
	cancel()
	wg.Wait()

	var lat, after []float64
	for i := range got {
		seen := map[int64]bool{}
		for _, a := range got[i] {
			t0, ok := sent[a.id]
			if !ok || seen[a.id] {
				continue
			}
			seen[a.id] = true
			if d := a.at.Sub(t0); d <= 5*time.Second {
				lat = append(lat, msf(d))
				after = append(after, msf(max(0, a.at.Sub(answered[a.id]))))
			}
		}
	}
	res.Delivered = len(lat)
	res.Missed = clients*changes - len(lat)
	slices.Sort(lat)
	slices.Sort(after)
	if n := len(lat); n > 0 {
		res.P50, res.P99, res.Max = lat[n/2], lat[min(n-1, n*99/100)], lat[n-1]
		res.P50AfterAnswer, res.P99AfterAnswer = after[n/2], after[min(n-1, n*99/100)]
	}
	o.logf("sse: %d clients × %d changes: %d delivered, %d missed; p50 %.1f ms, p99 %.1f ms, max %.1f ms (after the change's answer: p50 %.1f ms, p99 %.1f ms; slowest change %.1f ms); RSS open %.1f MiB, peak %.1f MiB",
		clients, changes, res.Delivered, res.Missed, res.P50, res.P99, res.Max, res.P50AfterAnswer, res.P99AfterAnswer, res.SlowestChange, mib(res.OpenRSS), mib(res.PeakRSS))
	return res, nil
}
