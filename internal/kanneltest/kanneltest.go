// Package kanneltest runs a real Kannel for tests: bearerbox and smsbox from
// Debian's kannel package, with the fake SMSC of kannel-extras
// (/usr/lib/kannel/test/fakesmsc) standing in for the operator, all on free
// loopback ports with a kannel.conf written to the test's temporary folder.
// Messages the gateway delivers are read from fakesmsc's log; messages from
// phones are injected by running fakesmsc with one message to send.
//
// Without the binaries a test is skipped, unless CI=true, where it fails:
// the real gateway must never silently not run in CI.
package kanneltest

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
	"unicode/utf16"
)

// The binaries.
const (
	Bearerbox = "/usr/sbin/bearerbox"
	Smsbox    = "/usr/sbin/smsbox"
	FakeSMSC  = "/usr/lib/kannel/test/fakesmsc"
)

// MT is a message the gateway delivered to the fake SMSC.
type MT struct {
	From, To, Text string
	At             time.Time
}

// Kannel is a running gateway.
type Kannel struct {
	t                    testing.TB
	dir, conf            string
	adminPort, smscPort  int
	boxPort, sendsmsPort int
	User, Password       string
	bearer, smsbox       *exec.Cmd
	mu                   sync.Mutex
	fake                 *exec.Cmd
	fakeDone             chan struct{}
	got                  []MT
	notify               chan struct{}
}

// Require skips the test when Kannel is not installed (fails in CI).
func Require(t testing.TB) {
	t.Helper()
	for _, b := range []string{Bearerbox, Smsbox, FakeSMSC} {
		if _, err := os.Stat(b); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is missing in CI: install kannel and kannel-extras", b)
			}
			t.Skipf("%s is missing: install Debian's kannel and kannel-extras to run the real-gateway tests", b)
		}
	}
}

func freePort(t testing.TB) int {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port
}

// Start runs bearerbox, smsbox and the fake SMSC. moURL is the sms-service
// get-url for incoming SMS, with Kannel's escapes (%p, %P, %a, %I, …).
func Start(t testing.TB, moURL string) *Kannel {
	t.Helper()
	Require(t)
	k := &Kannel{t: t, dir: t.TempDir(), User: "aduan", Password: "sandi-kannel", notify: make(chan struct{}, 1)}
	k.adminPort, k.smscPort, k.boxPort, k.sendsmsPort = freePort(t), freePort(t), freePort(t), freePort(t)
	k.conf = filepath.Join(k.dir, "kannel.conf")
	conf := fmt.Sprintf(`group = core
admin-port = %d
admin-password = %s
admin-allow-ip = "127.0.0.1"
smsbox-port = %d
box-allow-ip = "127.0.0.1"
log-file = "%s/bearerbox.log"
log-level = 1
dlr-storage = internal
store-type = file
store-location = "%s/kannel.store"

group = smsc
smsc = fake
smsc-id = fake
port = %d
connect-allow-ip = "127.0.0.1"

group = smsbox
bearerbox-host = 127.0.0.1
bearerbox-port = %d
sendsms-port = %d
sendsms-interface = 127.0.0.1
log-file = "%s/smsbox.log"
log-level = 1
http-request-retry = 5
http-queue-delay = 1

group = sendsms-user
username = %s
password = %s
max-messages = 10
concatenation = true

group = sms-service
keyword = default
catch-all = true
max-messages = 0
get-url = "%s"
`, k.adminPort, AdminPassword, k.boxPort, k.dir, k.dir, k.smscPort, k.boxPort, k.sendsmsPort, k.dir, k.User, k.Password, moURL)
	if err := os.WriteFile(k.conf, []byte(conf), 0o600); err != nil {
		t.Fatal(err)
	}
	k.bearer = k.start(Bearerbox, k.conf)
	k.waitPort(k.boxPort)
	k.startSmsbox()
	k.startFake()
	k.waitOnline()
	t.Cleanup(k.Stop)
	return k
}

func (k *Kannel) start(bin string, args ...string) *exec.Cmd {
	cmd := exec.Command(bin, args...)
	cmd.Dir = k.dir
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		k.t.Fatalf("start %s: %v", bin, err)
	}
	return cmd
}

func (k *Kannel) waitPort(port int) {
	k.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		c, err := net.DialTimeout("tcp", fmt.Sprintf("127.0.0.1:%d", port), time.Second)
		if err == nil {
			c.Close()
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	k.t.Fatalf("kannel: port %d never opened; see %s", port, k.dir)
}

// waitOnline waits until bearerbox reports the fake SMSC online.
func (k *Kannel) waitOnline() {
	k.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		res, err := http.Get(k.AdminURL() + "/status.txt?password=" + AdminPassword)
		if err == nil {
			b, _ := io.ReadAll(res.Body)
			res.Body.Close()
			if strings.Contains(string(b), "online") && strings.Contains(string(b), "smsbox:") {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	k.t.Fatalf("kannel: the fake SMSC never came online; see %s", k.dir)
}

// AdminURL is bearerbox's admin interface; AdminPassword its password.
// bearerbox keeps a store (store-type file), so store-status lists the
// messages it holds.
func (k *Kannel) AdminURL() string { return fmt.Sprintf("http://127.0.0.1:%d", k.adminPort) }

// AdminPassword is the admin-password of the admin interface.
const AdminPassword = "admin"

// StopSMSC takes the operator away: the fake SMSC disconnects, and
// bearerbox keeps what it is given in its store until StartSMSC.
func (k *Kannel) StopSMSC() {
	k.mu.Lock()
	old, done := k.fake, k.fakeDone
	k.fake = nil
	k.mu.Unlock()
	kill(old, syscall.SIGTERM)
	if done != nil {
		<-done
	}
}

// StartSMSC brings the operator back; bearerbox then delivers what it
// held.
func (k *Kannel) StartSMSC() {
	k.t.Helper()
	k.startFake()
	k.waitOnline()
}

// SendURL is the sendsms URL.
func (k *Kannel) SendURL() string {
	return fmt.Sprintf("http://127.0.0.1:%d/cgi-bin/sendsms", k.sendsmsPort)
}

func (k *Kannel) startSmsbox() {
	k.smsbox = k.start(Smsbox, k.conf)
	k.waitPort(k.sendsmsPort)
}

// StopSmsbox takes the HTTP gateway down: sendsms refuses connections
// until StartSmsbox.
func (k *Kannel) StopSmsbox() {
	kill(k.smsbox, syscall.SIGKILL)
	k.smsbox = nil
}

// StartSmsbox brings the HTTP gateway back.
func (k *Kannel) StartSmsbox() { k.startSmsbox() }

var gotRe = regexp.MustCompile(`Got message \d+: <(\S+) (\S+) (\S+) (.*)>\s*$`)

// startFake runs fakesmsc, sending the given MO messages ("from to text
// msg…" lines) and logging every MT it receives.
func (k *Kannel) startFake(mo ...string) {
	args := []string{"-H", "127.0.0.1", "-r", fmt.Sprint(k.smscPort), "-i", "0.01", "-m", fmt.Sprint(len(mo))}
	if len(mo) == 0 {
		// fakesmsc wants a message; with -m 0 it sends none.
		mo = []string{"0 0 text none"}
	}
	cmd := exec.Command(FakeSMSC, append(args, mo...)...)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out, err := cmd.StderrPipe()
	if err != nil {
		k.t.Fatal(err)
	}
	cmd.Stdout = cmd.Stderr
	if err := cmd.Start(); err != nil {
		k.t.Fatalf("start fakesmsc: %v", err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(out)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			m := gotRe.FindStringSubmatch(sc.Text())
			if m == nil {
				continue
			}
			k.mu.Lock()
			k.got = append(k.got, MT{From: m[1], To: m[2], Text: decode(m[3], m[4]), At: time.Now()})
			k.mu.Unlock()
			select {
			case k.notify <- struct{}{}:
			default:
			}
		}
	}()
	k.mu.Lock()
	k.fake, k.fakeDone = cmd, done
	k.mu.Unlock()
}

// decode reads fakesmsc's rendering of a message: plain text, or URL-coded
// data (UCS-2 big-endian for "ucs2").
func decode(typ, data string) string {
	switch typ {
	case "text":
		return data
	case "ucs2":
		b, err := url.QueryUnescape(data)
		if err != nil || len(b)%2 != 0 {
			return data
		}
		u := make([]uint16, len(b)/2)
		for i := range u {
			u[i] = uint16(b[2*i])<<8 | uint16(b[2*i+1])
		}
		return string(utf16.Decode(u))
	default:
		if b, err := url.QueryUnescape(data); err == nil {
			return b
		}
		return data
	}
}

// Inject sends an SMS from a phone to the gateway. The fake SMSC takes one
// connection at a time, so the running one is replaced by one that sends
// the message (and goes on receiving). Call it when no delivery is due,
// lest one be cut off in the switch.
func (k *Kannel) Inject(from, to, text string) {
	k.t.Helper()
	k.mu.Lock()
	old, done := k.fake, k.fakeDone
	k.mu.Unlock()
	kill(old, syscall.SIGTERM)
	if done != nil {
		<-done
	}
	k.startFake(fmt.Sprintf("%s %s text %s", from, to, text))
	k.waitOnline()
}

// Received returns the messages the fake SMSC has received so far.
func (k *Kannel) Received() []MT {
	k.mu.Lock()
	defer k.mu.Unlock()
	return append([]MT(nil), k.got...)
}

// WaitFor waits until cond holds for the received messages, up to timeout.
func (k *Kannel) WaitFor(timeout time.Duration, cond func([]MT) bool) ([]MT, bool) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	for {
		got := k.Received()
		if cond(got) {
			return got, true
		}
		select {
		case <-ctx.Done():
			return got, false
		case <-k.notify:
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Stop ends every process.
func (k *Kannel) Stop() {
	k.mu.Lock()
	fake, done := k.fake, k.fakeDone
	k.fake = nil
	k.mu.Unlock()
	if fake != nil {
		kill(fake, syscall.SIGKILL)
		<-done
	}
	kill(k.smsbox, syscall.SIGKILL)
	kill(k.bearer, syscall.SIGKILL)
	k.smsbox, k.bearer = nil, nil
}

// kill signals the process (group) that this harness started, by its own
// id, and reaps it.
func kill(cmd *exec.Cmd, sig syscall.Signal) {
	if cmd == nil || cmd.Process == nil {
		return
	}
	syscall.Kill(-cmd.Process.Pid, sig)
	cmd.Wait()
}
