package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestMetricsListener: --metrics-addr serves /metrics on a listener of its
// own; the service's address answers 404 without --metrics-token's bearer.
func TestMetricsListener(t *testing.T) {
	t.Parallel()
	env := map[string]string{"ADUAN_METRICS_ADDR": "127.0.0.1:0", "ADUAN_METRICS_TOKEN": "token-metrik-uji"}
	cfg, _, err := parseConfig("serve", nil, func(k string) string { return env[k] }, &bytes.Buffer{})
	if err != nil {
		t.Fatal(err)
	}
	cfg.Addr, cfg.DataDir, cfg.AccessLog, cfg.LogLevel = "127.0.0.1:0", t.TempDir(), false, "error"
	m := &Main{Config: cfg, Out: &bytes.Buffer{}}
	if err := m.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close() })
	get := func(url, token string) (int, string) {
		req, _ := http.NewRequest("GET", url, nil)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if code, _ := get("http://"+m.Addr()+"/metrics", ""); code != 404 {
		t.Errorf("public /metrics without the token: %d", code)
	}
	if code, body := get("http://"+m.Addr()+"/metrics", "token-metrik-uji"); code != 200 || !strings.Contains(body, "aduan_complaints") {
		t.Errorf("public /metrics with the token: %d", code)
	}
	if code, body := get("http://"+m.MetricsAddr+"/metrics", ""); code != 200 || !strings.Contains(body, "aduan_http_requests_total") {
		t.Errorf("metrics listener: %d", code)
	}
}
