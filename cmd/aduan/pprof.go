package main

import (
	"context"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// startPprof serves Go's profiler on its own listener when
// --pprof-addr is set (the load harness profiles the server under load
// through it). It is apart from the service's address so that it is never
// exposed with it.
func (m *Main) startPprof() error {
	if m.Config.PprofAddr == "" {
		return nil
	}
	ln, err := net.Listen("tcp", m.Config.PprofAddr)
	if err != nil {
		return err
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	m.pprof = &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	go m.pprof.Serve(ln)
	m.Log.Info("profiling", "addr", ln.Addr().String())
	return nil
}

func (m *Main) stopPprof() {
	if m.pprof != nil {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		m.pprof.Shutdown(ctx)
	}
}
