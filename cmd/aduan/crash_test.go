package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/kanneltest"
	"github.com/kotakita/aduan/internal/setup"
	"github.com/kotakita/aduan/internal/store"
)

// TestHelperServe is not a test: TestKilledMidBurst runs the test binary
// again with ADUAN_TEST_HELPER=serve to get an `aduan serve` process it
// can kill with SIGKILL.
func TestHelperServe(t *testing.T) {
	if os.Getenv("ADUAN_TEST_HELPER") != "serve" {
		t.Skip("helper process for TestKilledMidBurst")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if err := run(ctx, []string{"serve"}, os.Getenv, io.Discard, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "helper:", err)
		os.Exit(3)
	}
}

// TestKilledMidBurst: a burst of SMS is queued, an `aduan serve` process
// starts sending them through the real Kannel and is killed with SIGKILL
// part-way; a new process on the same database finishes the work. Every
// message must then have reached the SMSC exactly once, or be flagged
// "review" (the one whose send the kill interrupted, which may or may not
// have reached Kannel) and then have arrived at most once. None may be
// lost or sent twice.
//
// What this proves: the queue survives a crash of the process (jobs and
// messages are rows in the database), a job left running by the dead
// process is taken up again by the new one (River's rescuer), and the
// "sending" mark committed before each gateway call turns an interrupted
// send into a review instead of a second SMS. It does not prove anything
// about a crash of Kannel itself, which keeps its own queue.
func TestKilledMidBurst(t *testing.T) {
	kanneltest.Require(t)
	if testing.Short() {
		t.Skip("slow: waits for River's rescuer")
	}
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		addr := freeAddr(t)
		k := startKannel(t, addr)
		dataDir := t.TempDir()
		env := []string{"ADUAN_TEST_HELPER=serve", "ADUAN_ADDR=" + addr, "ADUAN_DATA_DIR=" + dataDir, "ADUAN_LOG_LEVEL=error",
			"ADUAN_ACCESS_LOG=false", "ADUAN_KANNEL_URL=" + k.SendURL(), "ADUAN_KANNEL_USER=" + k.User, "ADUAN_KANNEL_PASSWORD=" + k.Password,
			"ADUAN_KANNEL_FROM=1500", "ADUAN_KANNEL_SECRET=" + kannelSecret, "ADUAN_JOB_WORKERS=1", "ADUAN_JOB_POLL=20ms",
			"ADUAN_JOB_RESCUE_AFTER=3s", "ADUAN_SEND_RETRY_BASE=200ms", "ADUAN_SEND_RETRY_MAX=1s", "ADUAN_SHUTDOWN_GRACE=1s"}
		cfg := store.Config{DataDir: dataDir}
		if d == store.Postgres {
			u := dbtest.MigratedURL(t)
			cfg = store.Config{URL: u}
			env = append(env, "ADUAN_DATABASE_URL="+u)
		}
		// Queue the burst before any worker runs: n identity requests.
		st, err := store.Open(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		defer st.Close()
		if _, err := setup.Reference(context.Background(), st); err != nil {
			t.Fatal(err)
		}
		noReceipts(t, st)
		q, err := jobs.New(context.Background(), jobs.Config{Store: st, InsertOnly: true})
		if err != nil {
			t.Fatal(err)
		}
		st.SetTransitionHooks(q.OnTransition)
		u := &aduan.User{Username: "siti", Name: "Siti", Role: aduan.RoleOperatorCC, Active: true}
		if err := st.Users().CreateUser(context.Background(), aduan.System, u, "kata-sandi-uji-123"); err != nil {
			t.Fatal(err)
		}
		const n = 40
		numbers := map[int64]string{}
		for i := 0; i < n; i++ {
			c, err := st.Complaints().CreateComplaint(context.Background(), u.Actor(), aduan.NewComplaint{Text: fmt.Sprintf("Drainase tersumbat titik %d.", i),
				Citizen: &aduan.CitizenInput{Phone: fmt.Sprintf("08131111%04d", i)}})
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := st.Complaints().ApplyAction(context.Background(), u.Actor(), c.ID, c.Version, aduan.ActionRequestIdentity, aduan.ActionInput{}); err != nil {
				t.Fatal(err)
			}
			numbers[c.ID] = c.Number
		}

		first := startHelper(t, env, addr)
		// Kill it once a part of the burst has reached the SMSC.
		if _, ok := k.WaitFor(60*time.Second, func(ms []kanneltest.MT) bool { return len(ms) >= n/2 }); !ok {
			t.Fatal("the first process sent nothing")
		}
		syscall.Kill(-first.Process.Pid, syscall.SIGKILL)
		first.Wait()
		atKill := len(k.Received())

		second := startHelper(t, env, addr)
		defer func() {
			syscall.Kill(-second.Process.Pid, syscall.SIGKILL)
			second.Wait()
		}()
		var msgs []*channel.Message
		waitUntil(t, "every message settled", 120*time.Second, func() bool {
			msgs, _, err = st.Messages().ListMessages(context.Background(), aduan.System, store.MessageFilter{Direction: channel.Out, Limit: 500})
			if err != nil || len(msgs) != n {
				return false
			}
			for _, m := range msgs {
				if m.Status == channel.StatusQueued || m.Status == channel.StatusSending {
					return false
				}
			}
			return true
		})
		time.Sleep(2 * time.Second) // a second copy would arrive now
		got := k.Received()
		sent, review := 0, 0
		for _, m := range msgs {
			num := numbers[m.ComplaintID]
			arrived := 0
			for _, g := range got {
				if strings.Contains(g.Text, num) {
					arrived++
				}
			}
			switch m.Status {
			case channel.StatusSent, channel.StatusDelivered:
				sent++
				if arrived != 1 {
					t.Errorf("%s: %s and arrived %d times", num, m.Status, arrived)
				}
			case channel.StatusReview:
				review++
				if arrived > 1 {
					t.Errorf("%s: under review and arrived %d times", num, arrived)
				}
			default:
				t.Errorf("%s: %s (%s)", num, m.Status, m.Error)
			}
		}
		t.Logf("%s: %d messages; %d parts at the SMSC when killed; after restart %d sent once, %d flagged for review", d, n, atKill, sent, review)
	})
}

// startHelper runs `aduan serve` in a child process and waits for it.
func startHelper(t *testing.T, env []string, addr string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestHelperServe$", "-test.count=1")
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "the service", 30*time.Second, func() bool {
		res, err := http.Get("http://" + addr + "/healthz")
		if err != nil {
			return false
		}
		res.Body.Close()
		return res.StatusCode == 200
	})
	return cmd
}
