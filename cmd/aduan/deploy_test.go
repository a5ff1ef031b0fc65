package main

import (
	"bytes"
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
)

// opsDocs returns the README's operations section and the files under
// deploy/, by name.
func opsDocs(t *testing.T) (string, map[string]string) {
	t.Helper()
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	a := strings.Index(readme, "## Operasional / Operations")
	if a < 0 {
		t.Fatal("README has no operations section")
	}
	section := readme[a:]
	if e := strings.Index(section[3:], "\n## "); e >= 0 {
		section = section[:e+3]
	}
	files := map[string]string{}
	err = filepath.WalkDir("../../deploy", func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		files[strings.TrimPrefix(p, "../../")] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return section, files
}

// TestOperationsDocs keeps the operations section and deploy/ true: every
// setting they name exists, every aduan command they run exists, every
// file and test they point to exists, the health paths answer, and the
// proxy configurations keep the event stream unbuffered. When nginx or
// systemd-analyze is installed, the files are checked by them too.
func TestOperationsDocs(t *testing.T) {
	t.Parallel()
	section, files := opsDocs(t)
	all := section
	for _, f := range files {
		all += "\n" + f
	}
	known := map[string]bool{}
	for _, s := range settings() {
		known[s.env] = true
	}
	for _, v := range regexp.MustCompile(`ADUAN_[A-Z0-9_]*[A-Z0-9](_\*)?`).FindAllString(all, -1) {
		if prefix, ok := strings.CutSuffix(v, "*"); ok {
			found := false
			for k := range known {
				found = found || strings.HasPrefix(k, prefix)
			}
			if !found {
				t.Errorf("no setting begins with %s", prefix)
			}
		} else if !known[v] {
			t.Errorf("%s is not a setting", v)
		}
	}
	// Commands: `aduan x` in the text, /usr/local/bin/aduan x in the units,
	// aduan x at the start of a command line.
	for _, m := range regexp.MustCompile("(?m)(?:\x60|/usr/local/bin/|^ {4})aduan ([a-z]+)").FindAllStringSubmatch(all, -1) {
		if !strings.Contains(usage, "aduan "+m[1]+" ") && !strings.Contains(usage, "aduan "+m[1]+"\n") {
			t.Errorf("README or deploy/ runs `aduan %s`, which is not a command", m[1])
		}
	}
	for _, m := range regexp.MustCompile(`\]\((deploy/[^)]+)\)`).FindAllStringSubmatch(section, -1) {
		if _, err := os.Stat("../../" + m[1]); err != nil {
			t.Errorf("README links %s: %v", m[1], err)
		}
	}
	// The tests the section cites exist.
	var tests bytes.Buffer
	for _, dir := range []string{".", "../../internal/server"} {
		names, _ := filepath.Glob(dir + "/*_test.go")
		for _, n := range names {
			b, _ := os.ReadFile(n)
			tests.Write(b)
		}
	}
	for _, m := range regexp.MustCompile("`(Test[A-Za-z]+)`").FindAllStringSubmatch(section, -1) {
		if !strings.Contains(tests.String(), "func "+m[1]+"(") {
			t.Errorf("README cites %s, which does not exist", m[1])
		}
	}
	// Event stream and exports unbuffered, a read timeout far above the
	// 25 s keep-alive.
	ngx := files["deploy/nginx/aduan.conf"]
	events := ngx[strings.Index(ngx, "location = /events"):]
	events = events[:strings.Index(events, "}")]
	if !strings.Contains(events, "proxy_buffering off") || !strings.Contains(events, "proxy_read_timeout 1h") {
		t.Errorf("nginx's /events block: %s", events)
	}
	if !strings.Contains(files["deploy/Caddyfile"], "health_uri /readyz") || !strings.Contains(files["deploy/Caddyfile"], "flush_interval -1") {
		t.Error("Caddyfile: no health check on /readyz or no flushing")
	}
	// HTTPS only, said to browsers (HSTS), and /metrics never through the
	// proxy.
	for _, f := range []string{"deploy/Caddyfile", "deploy/nginx/aduan.conf"} {
		if !strings.Contains(files[f], "Strict-Transport-Security") || !strings.Contains(files[f], "max-age=") {
			t.Errorf("%s sends no HSTS", f)
		}
		if !strings.Contains(files[f], "/metrics") {
			t.Errorf("%s does not close /metrics", f)
		}
	}
	for _, u := range []string{"deploy/systemd/aduan.service", "deploy/systemd/aduan@.service"} {
		for _, want := range []string{"User=aduan", "Restart=on-failure", "ExecStart=/usr/local/bin/aduan serve", "NoNewPrivileges=yes", "ProtectSystem=strict", "EnvironmentFile=/etc/aduan/aduan.env", "Environment=GOMEMLIMIT="} {
			if !strings.Contains(files[u], want) {
				t.Errorf("%s lacks %s", u, want)
			}
		}
	}

	// The health paths answer.
	m := startOn(t, t.TempDir(), "")
	for p, want := range map[string]int{"/healthz": 200, "/readyz": 200, "/metrics": 404} {
		res, err := http.Get("http://" + m.Addr() + p)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != want {
			t.Errorf("%s: %d, want %d", p, res.StatusCode, want)
		}
	}

	if nginx, err := exec.LookPath("nginx"); err == nil {
		checkNginx(t, nginx, ngx)
	} else {
		t.Log("nginx not installed: its configuration was not parsed")
	}
	if sa, err := exec.LookPath("systemd-analyze"); err == nil {
		for name, body := range files {
			if !strings.HasPrefix(name, "deploy/systemd/") {
				continue
			}
			unit := filepath.Join(t.TempDir(), strings.Replace(filepath.Base(name), "@.", "@8081.", 1))
			os.WriteFile(unit, []byte(body), 0o644)
			out, _ := exec.Command(sa, "verify", unit).CombinedOutput()
			for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
				// The binary is not installed on a test machine.
				if line != "" && !strings.Contains(line, "/usr/local/bin/aduan is not executable") {
					t.Errorf("systemd-analyze verify %s: %s", name, line)
				}
			}
		}
	} else {
		t.Log("systemd-analyze not installed: the units were not verified")
	}
}

// checkNginx runs `nginx -t` on the configuration, with a throw-away
// certificate in place of Let's Encrypt's.
func checkNginx(t *testing.T, nginx, conf string) {
	dir := t.TempDir()
	key, _ := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	tpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "aduan.example.go.id"},
		NotBefore: time.Now(), NotAfter: time.Now().Add(time.Hour)}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, _ := x509.MarshalECPrivateKey(key)
	os.WriteFile(dir+"/cert.pem", pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600)
	os.WriteFile(dir+"/key.pem", pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kb}), 0o600)
	conf = strings.ReplaceAll(conf, "/etc/letsencrypt/live/aduan.example.go.id/fullchain.pem", dir+"/cert.pem")
	conf = strings.ReplaceAll(conf, "/etc/letsencrypt/live/aduan.example.go.id/privkey.pem", dir+"/key.pem")
	os.WriteFile(dir+"/site.conf", []byte(conf), 0o644)
	main := fmt.Sprintf("pid %[1]s/nginx.pid;\nerror_log %[1]s/error.log;\nevents {}\nhttp {\n access_log off;\n include %[1]s/site.conf;\n}\n", dir)
	os.WriteFile(dir+"/nginx.conf", []byte(main), 0o644)
	if out, err := exec.Command(nginx, "-t", "-q", "-c", dir+"/nginx.conf").CombinedOutput(); err != nil {
		t.Errorf("nginx -t: %v\n%s", err, out)
	}
}

// TestBackupRestore follows the README: `aduan backup` while the service
// runs and takes changes, then the copy put in place of the database of a
// new service. The copy holds what was there at the backup, and the
// service runs on it (log-in, queue, a new complaint with the next
// number).
func TestBackupRestore(t *testing.T) {
	t.Parallel()
	m := startOn(t, t.TempDir(), "")
	c := login(t, m, "siti", aduan.RoleOperatorCC, "")
	var numbers []string
	for i := 0; i < 3; i++ {
		r := c.Do("POST", "/api/v1/complaints", map[string]any{"text": fmt.Sprintf("Sampah menumpuk di TPS nomor %d.", i), "channel": "telepon"}).Must(t, 201)
		numbers = append(numbers, r["number"].(string))
	}
	backup := filepath.Join(t.TempDir(), "aduan-20261127-0615.db")
	env := map[string]string{"ADUAN_DATA_DIR": m.Config.DataDir}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"backup", backup}, func(k string) string { return env[k] }, &out, io.Discard); err != nil {
		t.Fatalf("aduan backup: %v", err)
	}
	// A change after the backup is not in it.
	c.Do("POST", "/api/v1/complaints", map[string]any{"text": "Setelah cadangan dibuat.", "channel": "telepon"}).Must(t, 201)

	restored := t.TempDir()
	b, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(restored, "aduan.db"), b, 0o640); err != nil {
		t.Fatal(err)
	}
	m2 := startOn(t, restored, "")
	c2 := apitest.New(t, "http://"+m2.Addr())
	c2.Do("POST", "/api/v1/auth/login", map[string]any{"username": "siti", "password": "kata-sandi-uji-123"}).Must(t, 200)
	items := apitest.Items(c2.Do("GET", "/api/v1/complaints", nil).Must(t, 200))
	var got []string
	for _, it := range items {
		got = append(got, it["number"].(string))
	}
	sort.Strings(got)
	if strings.Join(got, " ") != strings.Join(numbers, " ") {
		t.Errorf("restored complaints %v, want %v", got, numbers)
	}
	r := c2.Do("POST", "/api/v1/complaints", map[string]any{"text": "Setelah pemulihan.", "channel": "telepon"}).Must(t, 201)
	y, seq, _ := aduan.ParseNumber(numbers[2])
	if want := aduan.FormatNumber(y, seq+1); r["number"] != want {
		t.Errorf("first complaint after the restore: %v, want %s", r["number"], want)
	}
}
