package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// The demo's data (300 complaints over 60 days, with their messages and
// steps) took a minute or two to generate on this machine, and four tests
// start the demo. It is generated once per test run, by the same start a
// demo install makes, and each demo test starts on a copy of that data
// directory: the demo then finds its complaints and adds nothing, as on
// any restart of a demo install.
var demoFixture struct {
	once sync.Once
	dir  string
	err  error
}

// demoData returns the folder of a stopped demo install, made on first use
// and removed by TestMain.
func demoData(t *testing.T) string {
	t.Helper()
	demoFixture.once.Do(func() {
		dir, err := os.MkdirTemp("", "aduan-demo-")
		if err != nil {
			demoFixture.err = err
			return
		}
		demoFixture.dir = dir
		cfg, _, err := parseConfig("serve", nil, func(string) string { return "" }, &bytes.Buffer{})
		if err != nil {
			demoFixture.err = err
			return
		}
		cfg.Addr, cfg.DataDir, cfg.AccessLog, cfg.LogLevel, cfg.Demo = "127.0.0.1:0", dir, false, "error", true
		m := &Main{Config: cfg, Out: &bytes.Buffer{}}
		if err := m.Run(context.Background()); err != nil {
			m.Close()
			demoFixture.err = err
			return
		}
		demoFixture.err = m.Close()
	})
	if demoFixture.err != nil {
		t.Fatalf("demo data: %v", demoFixture.err)
	}
	return demoFixture.dir
}

// removeDemoData removes the demo's folder at the end of the run.
func removeDemoData() {
	if demoFixture.dir != "" {
		os.RemoveAll(demoFixture.dir)
	}
}

// copyDir copies the files of src into dst (made), keeping their modes.
func copyDir(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(path string, e fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		to := filepath.Join(dst, rel)
		info, err := e.Info()
		if err != nil {
			return err
		}
		if e.IsDir() {
			return os.MkdirAll(to, info.Mode().Perm())
		}
		in, err := os.Open(path)
		if err != nil {
			return err
		}
		defer in.Close()
		out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, info.Mode().Perm())
		if err != nil {
			return err
		}
		if _, err := io.Copy(out, in); err != nil {
			out.Close()
			return err
		}
		return out.Close()
	})
	if err != nil {
		t.Fatalf("copy %s to %s: %v", src, dst, err)
	}
}
