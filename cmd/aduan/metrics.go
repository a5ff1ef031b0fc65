package main

import (
	"context"
	"net"
	"net/http"
	"time"
)

// startMetrics serves Prometheus's /metrics on a listener of its own when
// --metrics-addr is set: bound to a private address (loopback, or the
// monitoring network), apart from the service's address, which the
// reverse proxy opens to the internet. There /metrics needs
// --metrics-token.
func (m *Main) startMetrics() error {
	if m.Config.MetricsAddr == "" {
		return nil
	}
	ln, err := net.Listen("tcp", m.Config.MetricsAddr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.Handle("GET /metrics", m.Server.Metrics())
	m.metrics = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	m.MetricsAddr = ln.Addr().String()
	go m.metrics.Serve(ln)
	m.Log.Info("metrics", "addr", m.MetricsAddr)
	return nil
}

func (m *Main) stopMetrics() {
	if m.metrics != nil {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		m.metrics.Shutdown(ctx)
	}
}
