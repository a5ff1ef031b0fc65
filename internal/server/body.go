package server

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/open311"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/search"
	"github.com/kotakita/aduan/internal/web"
)

// Request bodies are read whole before a handler's work starts, under
// their own deadline, and the work's deadline (RequestTimeout) counts from
// when the body is in. A citizen on a weak mobile link sending a photo at
// 5 KB/s takes longer than the work's 30 s, and must not lose the
// complaint for it; a client that sends half its body and goes silent
// must not hold a connection for long. So a body is cut when no byte
// came for BodyIdle, or when it falls below BodyMinRate on average after
// BodyGrace; either is a 408 (nothing was done, send it again) in the
// route's own shape. Each route has a size limit (bodyLimit); a body over
// it is a 413 before it is read. Bodies are read after the caller's
// session or token is checked, so that only the public forms take a body
// from anyone.

// Defaults of the body deadlines.
const (
	DefaultBodyIdle    = 20 * time.Second
	DefaultBodyGrace   = 10 * time.Second
	DefaultBodyMinRate = 1024 // bytes a second
)

// spoolMemory is how much of a body is kept in memory; the rest of a
// larger one (photos, imports) goes to a temporary file.
const spoolMemory = 1 << 20

// bodyLimit is the largest body a route takes: the default (reqctx.MaxBody,
// 1 MiB) but for the routes that take files.
func (s *Server) bodyLimit(rt Route) int64 {
	const form = 1 << 20 // a form's fields beside its files
	switch rt.Method + " " + rt.Pattern {
	case "POST /lapor":
		return s.public.PhotoLimit() + form
	case "POST /ppid/{id}": // a decision with the information file
		return web.MaxInfoDocument + form
	case "POST /complaints/{id}/act", "POST /complaints/{id}/notes":
		return s.web.StepBodyLimit()
	case "POST /verify", "POST /api/v1/reports/verify":
		return auth.MaxVerifyUpload + 64<<10 // the file and its form's few fields
	case "POST /pustaka/import", "POST /api/v1/library/import":
		return search.MaxLibraryFile + form
	}
	return reqctx.MaxBody
}

// workKey finds a request's workCtx.
type workKey struct{}

// bounded gives a route's request its work deadline, started again once
// the body is in (see readBody). Stream routes (SSE, exports) have none.
func (s *Server) bounded(rt Route, next http.Handler) http.Handler {
	if rt.Stream {
		return next
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		wc := newWorkCtx(r.Context(), s.timeout)
		defer wc.release()
		next.ServeHTTP(w, r.WithContext(wc))
	})
}

// readBody reads the request's body in full (see above), then runs next
// with the body read from memory or its temporary file, and the work's
// deadline started again. Errors of the body are returned for the
// route's surface to render; Open311 routes render their own.
func (s *Server) readBody(rt Route, next reqctx.HandlerFunc) reqctx.HandlerFunc {
	limit := s.bodyLimit(rt)
	open311Route := strings.HasPrefix(rt.Pattern, open311.Prefix) || strings.HasPrefix(rt.Pattern, "/open311/")
	return func(w http.ResponseWriter, r *http.Request) error {
		wc, _ := r.Context().Value(workKey{}).(*workCtx)
		body, err := s.slurp(w, r, limit, wc)
		if err != nil {
			if open311Route {
				s.open311.Fail(w, r, err)
				return nil
			}
			return err
		}
		if body != nil {
			defer body.Close()
			r.Body, r.ContentLength = body, body.size
		}
		return next(w, r)
	}
}

// slurp reads r's body into a spool; nil for a request without one. The
// work's deadline is stopped while the body arrives and started afresh
// once it is in.
func (s *Server) slurp(w http.ResponseWriter, r *http.Request, limit int64, wc *workCtx) (*spool, error) {
	if r.Body == nil || r.Body == http.NoBody {
		return nil, nil
	}
	if r.ContentLength > limit {
		return nil, aduan.Errorf(aduan.ETOOLARGE, "err.too_large", limit>>10)
	}
	if wc != nil {
		if !wc.pause() {
			return nil, wc.Err()
		}
		defer wc.restart()
	}
	rc := http.NewResponseController(w)
	br := &bodyReader{r: r.Body, rc: rc, start: time.Now(), idle: s.bodyIdle, grace: s.bodyGrace, rate: s.bodyRate}
	sp := &spool{}
	n, err := io.Copy(sp, io.LimitReader(br, limit+1))
	if br.deadlines {
		rc.SetReadDeadline(time.Time{}) // the connection's next reads are the server's again
	}
	switch {
	case err != nil:
		sp.Close()
		if errors.Is(err, os.ErrDeadlineExceeded) {
			s.log.Info("request body cut", "path", r.URL.Path, "bytes", n, "after", time.Since(br.start).Round(time.Millisecond),
				"request_id", reqctx.RequestID(r.Context()))
			w.Header().Set("Connection", "close")
			return nil, aduan.Errorf(aduan.ETIMEOUT, "upload.err.body_slow")
		}
		// The client went away, or sent a broken body: no one to answer.
		return nil, context.Canceled
	case n > limit:
		sp.Close()
		w.Header().Set("Connection", "close")
		return nil, aduan.Errorf(aduan.ETOOLARGE, "err.too_large", limit>>10)
	}
	if err := sp.rewind(); err != nil {
		sp.Close()
		return nil, err
	}
	return sp, nil
}

// bodyReader reads a request body under the deadlines: before each read,
// the connection's read deadline is set to the sooner of BodyIdle from
// now and the time by which the bytes read so far would be on time at
// BodyMinRate after BodyGrace.
type bodyReader struct {
	r         io.Reader
	rc        *http.ResponseController
	start     time.Time
	idle      time.Duration
	grace     time.Duration
	rate      int64
	n         int64
	deadlines bool // the connection takes read deadlines (not a test recorder)
	tried     bool
}

func (b *bodyReader) Read(p []byte) (int, error) {
	if !b.tried || b.deadlines {
		at := time.Now().Add(b.idle)
		if due := b.start.Add(b.grace + time.Duration(b.n)*time.Second/time.Duration(b.rate)); due.Before(at) {
			at = due
		}
		err := b.rc.SetReadDeadline(at)
		b.tried, b.deadlines = true, err == nil
	}
	n, err := b.r.Read(p)
	b.n += int64(n)
	return n, err
}

// spool holds a body read in full: in memory up to spoolMemory, the rest
// in a temporary file removed on Close. It reads back as the body.
type spool struct {
	mem  bytes.Buffer
	file *os.File
	rd   io.Reader
	size int64
}

func (s *spool) Write(p []byte) (int, error) {
	s.size += int64(len(p))
	if s.file == nil && s.mem.Len()+len(p) <= spoolMemory {
		return s.mem.Write(p)
	}
	if s.file == nil {
		f, err := os.CreateTemp("", "aduan-body-*")
		if err != nil {
			return 0, err
		}
		s.file = f
		if _, err := f.Write(s.mem.Bytes()); err != nil {
			return 0, err
		}
		s.mem = bytes.Buffer{}
	}
	return s.file.Write(p)
}

func (s *spool) rewind() error {
	if s.file == nil {
		s.rd = bytes.NewReader(s.mem.Bytes())
		return nil
	}
	_, err := s.file.Seek(0, io.SeekStart)
	s.rd = s.file
	return err
}

func (s *spool) Read(p []byte) (int, error) { return s.rd.Read(p) }

func (s *spool) Close() error {
	if s.file != nil {
		s.file.Close()
		os.Remove(s.file.Name())
		s.file = nil
	}
	return nil
}

// workCtx is a request's context with a deadline of its own that can be
// stopped while the body arrives and started afresh once it is in (a
// context.WithTimeout cannot be extended). Values, and the cancellation
// when the client goes, are the request's.
type workCtx struct {
	context.Context
	d      time.Duration
	mu     sync.Mutex
	at     time.Time
	timer  *time.Timer
	done   chan struct{}
	err    error
	unhook func() bool
	afters map[*func()]struct{} // see AfterFunc
}

func newWorkCtx(parent context.Context, d time.Duration) *workCtx {
	c := &workCtx{Context: parent, d: d, done: make(chan struct{}), at: time.Now().Add(d)}
	c.timer = time.AfterFunc(d, func() { c.finish(context.DeadlineExceeded) })
	c.unhook = context.AfterFunc(parent, func() { c.finish(parent.Err()) })
	return c
}

func (c *workCtx) finish(err error) {
	c.mu.Lock()
	if c.err != nil {
		c.mu.Unlock()
		return
	}
	c.err = err
	close(c.done)
	afters := c.afters
	c.afters = nil
	c.mu.Unlock()
	for f := range afters {
		(*f)()
	}
}

// AfterFunc arranges for f to run once the context is done; stop
// unregisters it. Package context uses it to cancel the contexts derived
// from this one (each query's) directly, where it would otherwise start a
// goroutine for each to watch Done.
func (c *workCtx) AfterFunc(f func()) (stop func() bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err != nil {
		go f()
		return func() bool { return false }
	}
	if c.afters == nil {
		c.afters = map[*func()]struct{}{}
	}
	key := &f
	c.afters[key] = struct{}{}
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		_, ok := c.afters[key]
		delete(c.afters, key)
		return ok
	}
}

// pause stops the deadline; false if the context is already done.
func (c *workCtx) pause() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.timer.Stop()
	c.at = time.Time{}
	return c.err == nil
}

// restart starts the deadline afresh.
func (c *workCtx) restart() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.err == nil {
		c.at = time.Now().Add(c.d)
		c.timer.Reset(c.d)
	}
}

func (c *workCtx) release() {
	c.timer.Stop()
	c.unhook()
	c.finish(context.Canceled)
}

func (c *workCtx) Deadline() (time.Time, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.at, !c.at.IsZero()
}

func (c *workCtx) Done() <-chan struct{} { return c.done }

func (c *workCtx) Err() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.err
}

func (c *workCtx) Value(key any) any {
	if _, ok := key.(workKey); ok {
		return c
	}
	return c.Context.Value(key)
}

// HTTPServer is the http.Server for the service's handler: request headers
// within ReadHeaderTimeout, bodies under their own deadlines (above; no
// ReadTimeout, which would count the whole body against one figure, nor
// WriteTimeout, which would cut the live event streams and exports).
func HTTPServer(h http.Handler, errorLog *log.Logger) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, IdleTimeout: 2 * time.Minute, MaxHeaderBytes: 64 << 10, ErrorLog: errorLog}
}
