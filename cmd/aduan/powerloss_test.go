package main

import (
	"bufio"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kotakita/aduan/internal/store"
)

// TestWriterSyncsBeforeAnswering: on SQLite a complaint is answered only
// once the WAL holding it is on disk, so that a power cut loses nothing
// the service acknowledged. The service runs under strace, which records
// in order each write to the WAL, each sync of it (when it returns) and
// each HTTP answer; at every "201 Created" answered, every write to the
// WAL made before it must have been synced before it. Clients post at
// once, so that the group-commit writer shares its transactions (one sync
// for a batch). With the writer at synchronous NORMAL (the WAL synced
// only by the checkpointer) most answers come before their sync.
func TestWriterSyncsBeforeAnswering(t *testing.T) {
	strace, err := exec.LookPath("strace")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("strace is not installed (scripts/test installs it)")
		}
		t.Skip("strace is not installed")
	}
	t.Parallel()
	dir := t.TempDir()
	_, token, env := loadDB(t, store.SQLite, dir)
	addr := freeAddr(t)
	trace := filepath.Join(t.TempDir(), "trace")
	cmd := exec.Command(strace, "-f", "-y", "-qq", "-e", "trace=pwrite64,read,write,writev,fsync,fdatasync", "-o", trace,
		os.Args[0], "-test.run=^TestHelperServe$", "-test.count=1")
	cmd.Env = append(os.Environ(), append(env, "ADUAN_TEST_HELPER=serve", "ADUAN_ADDR="+addr, "ADUAN_LOG_LEVEL=error", "ADUAN_ACCESS_LOG=false")...)
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	stop := func() {
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-exited
	}
	defer stop()
	waitUntil(t, "the traced service", 60*time.Second, func() bool {
		res, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == 200
	})
	const clients, each = 4, 10
	var wg sync.WaitGroup
	var mu sync.Mutex
	created := 0
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				body := fmt.Sprintf(`{"text": "Jalan berlubang di depan pasar, laporan %d-%d.", "channel": "telepon", "citizen": {"phone": "0813777%02d%03d"}}`, c, i, c, i)
				req, _ := http.NewRequest("POST", "http://"+addr+"/api/v1/complaints", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Authorization", "Bearer "+token)
				res, err := http.DefaultClient.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				res.Body.Close()
				mu.Lock()
				if res.StatusCode == 201 {
					created++
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	stop()
	if created != clients*each {
		t.Fatalf("%d of %d complaints created", created, clients*each)
	}
	answers, early, err := answeredBeforeSync(trace)
	if err != nil {
		t.Fatal(err)
	}
	if answers < created {
		t.Fatalf("the trace shows %d answers, %d complaints were created", answers, created)
	}
	if early > 0 {
		t.Errorf("%d of %d complaints were answered before the WAL holding them was synced", early, answers)
	}
	t.Logf("%d complaints answered, each after its WAL sync", answers)
}

// answeredBeforeSync reads an strace -f -y log and counts the HTTP 201
// answers, and those written with no sync of the WAL completed between
// the arrival of their request and the answer that covered a write to
// the WAL made after the request arrived (the write of its transaction:
// group commit may run the next batch's writes before the answer is
// written, so "no unsynced write at the answer" would be too strict).
func answeredBeforeSync(path string) (answers, early int, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	type request struct {
		writes int  // writes to the WAL when it arrived
		synced bool // a sync since covered a write made after that
	}
	var (
		writes      int                   // writes to the WAL so far
		syncing     = map[string]int{}    // pid -> writes covered by its sync in progress
		reading     = map[string]string{} // pid -> socket of its read in progress
		open        = map[string]*request{}
		walWrite    = regexp.MustCompile(`^\d+ +pwrite64\(\d+<[^>]*-wal>`)
		walSync     = regexp.MustCompile(`^(\d+) +f(?:data)?sync\(\d+<[^>]*-wal>(\) += 0| <unfinished)`)
		syncResumed = regexp.MustCompile(`^(\d+) +<\.\.\. f(?:data)?sync resumed>\) += 0`)
		sockRead    = regexp.MustCompile(`^(\d+) +read\(\d+<socket:\[(\d+)\]>(, "POST |, +<unfinished)`)
		readResumed = regexp.MustCompile(`^(\d+) +<\.\.\. read resumed>("POST )?`)
		answer      = regexp.MustCompile(`^\d+ +writev?\(\d+<socket:\[(\d+)\]>, .*"HTTP/1.1 201 `)
	)
	synced := func(covered int) {
		for _, r := range open {
			if covered > r.writes {
				r.synced = true
			}
		}
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if walWrite.MatchString(line) {
			writes++
		} else if m := walSync.FindStringSubmatch(line); m != nil {
			if strings.HasPrefix(m[2], ")") {
				synced(writes)
			} else {
				syncing[m[1]] = writes
			}
		} else if m := syncResumed.FindStringSubmatch(line); m != nil {
			if n, ok := syncing[m[1]]; ok {
				synced(n)
				delete(syncing, m[1])
			}
		} else if m := sockRead.FindStringSubmatch(line); m != nil {
			if strings.HasPrefix(m[3], `, "`) {
				open[m[2]] = &request{writes: writes}
			} else {
				reading[m[1]] = m[2]
			}
		} else if m := readResumed.FindStringSubmatch(line); m != nil {
			if sock, ok := reading[m[1]]; ok && m[2] != "" {
				open[sock] = &request{writes: writes}
			}
			delete(reading, m[1])
		} else if m := answer.FindStringSubmatch(line); m != nil {
			answers++
			if r := open[m[1]]; r == nil || !r.synced {
				early++
			}
			delete(open, m[1])
		}
	}
	return answers, early, sc.Err()
}
