package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// process is a server under test: aduan serve, or the trivial handler.
type process struct {
	cmd  *exec.Cmd
	base string // http://127.0.0.1:port
	log  *bytes.Buffer
	done chan error
	// logFile gets the output too; it stays open while the process runs
	// (closing it would end the copy and the child's writes with SIGPIPE).
	logFile *os.File
}

// build compiles the package pkg (./cmd/aduan, ./bench/trivial) of the
// module the harness is run in into dir.
func build(ctx context.Context, dir, pkg string) (string, error) {
	root, err := moduleRoot(ctx)
	if err != nil {
		return "", err
	}
	bin := filepath.Join(dir, filepath.Base(pkg))
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, pkg)
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build %s: %v\n%s", pkg, err, out)
	}
	return bin, nil
}

func moduleRoot(ctx context.Context) (string, error) {
	out, err := exec.CommandContext(ctx, "go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("go env GOMOD: %w", err)
	}
	mod := strings.TrimSpace(string(out))
	if mod == "" || mod == os.DevNull {
		return "", errors.New("run the harness inside the aduan module (or pass -aduan)")
	}
	return filepath.Dir(mod), nil
}

func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

// syncBuffer is a log buffer the process writes to while we may read it.
type syncBuffer struct {
	mu sync.Mutex
	bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.Len() > 1<<20 {
		return len(p), nil
	}
	return b.Buffer.Write(p)
}

// start runs bin with args and env, waits until GET base+ready answers 200
// (up to wait), and returns the running process.
func start(ctx context.Context, bin string, args, env []string, ready string, wait time.Duration, logPath string) (*process, error) {
	addr, err := freePort()
	if err != nil {
		return nil, err
	}
	p := &process{base: "http://" + addr, done: make(chan error, 1)}
	logs := &syncBuffer{}
	p.cmd = exec.Command(bin, args...)
	p.cmd.Env = append(env, "ADUAN_ADDR="+addr, "LOAD_ADDR="+addr)
	var out io.Writer = logs
	if logPath != "" {
		f, err := os.Create(logPath)
		if err != nil {
			return nil, err
		}
		p.logFile = f
		out = io.MultiWriter(logs, f)
	}
	p.cmd.Stdout, p.cmd.Stderr = out, out
	p.cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := p.cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		err := p.cmd.Wait()
		if p.logFile != nil {
			p.logFile.Close()
		}
		p.done <- err
	}()
	deadline := time.Now().Add(wait)
	for {
		select {
		case err := <-p.done:
			return nil, fmt.Errorf("%s exited while starting: %v\n%s", filepath.Base(bin), err, tail(logs))
		case <-ctx.Done():
			p.stop()
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
		res, err := http.Get(p.base + ready)
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				p.log = &logs.Buffer
				return p, nil
			}
		}
		if time.Now().After(deadline) {
			p.stop()
			return nil, fmt.Errorf("%s not ready after %s\n%s", filepath.Base(bin), wait, tail(logs))
		}
	}
}

func tail(b *syncBuffer) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.String()
	if len(s) > 4000 {
		s = "…" + s[len(s)-4000:]
	}
	return s
}

// stop ends the process with SIGTERM (SIGKILL after 20 s).
func (p *process) stop() {
	if p.cmd.Process == nil {
		return
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(20 * time.Second):
		p.cmd.Process.Kill()
		<-p.done
	}
}

// memory reads the resident set (VmRSS) and its peak (VmHWM) of a process
// from /proc, in bytes.
func memory(pid int) (rss, hwm int64, err error) {
	m, err := status(pid)
	return m["VmRSS"], m["VmHWM"], err
}

// status reads the memory figures (kB) of /proc/<pid>/status in bytes:
// VmRSS, VmHWM, RssAnon (the heap and the database caches) and RssFile
// (the binary's pages, shared and reclaimable).
func status(pid int) (map[string]int64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := map[string]int64{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok || !strings.HasSuffix(v, " kB") {
			continue
		}
		n, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: %q", k, v)
		}
		out[k] = n * 1024
	}
	return out, sc.Err()
}

// peakRSS samples a process's VmRSS and RssAnon every 50 ms until stop is
// called, and returns the largest values seen.
func peakRSS(pid int) (stop func() (rss, anon int64)) {
	var peak, peakAnon int64
	quit := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTicker(50 * time.Millisecond)
		defer t.Stop()
		for {
			if m, err := status(pid); err == nil {
				peak, peakAnon = max(peak, m["VmRSS"]), max(peakAnon, m["RssAnon"])
			}
			select {
			case <-quit:
				return
			case <-t.C:
			}
		}
	}()
	return func() (int64, int64) {
		close(quit)
		<-done
		return peak, peakAnon
	}
}
