// Package apitest is a small JSON client for tests of the HTTP API.
package apitest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/cookiejar"
	"strings"
	"testing"
)

// Client talks to one server as one user.
type Client struct {
	T     testing.TB
	Base  string
	Token string // bearer token; empty to use the cookie jar
	Lang  string // Accept-Language
	HTTP  *http.Client
}

// New returns a client with a cookie jar.
func New(t testing.TB, base string) *Client {
	jar, _ := cookiejar.New(nil)
	return &Client{T: t, Base: base, HTTP: &http.Client{Jar: jar}}
}

// As returns a copy of c that authenticates with token.
func (c *Client) As(token string) *Client {
	cp := *c
	cp.Token = token
	return &cp
}

// Response is a decoded response.
type Response struct {
	Status int
	Body   map[string]any
	Raw    []byte
	Header http.Header
}

// Do sends a request; body is marshalled to JSON unless it is a string or
// []byte, which are sent as they are.
func (c *Client) Do(method, path string, body any) *Response {
	c.T.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		j, err := json.Marshal(b)
		if err != nil {
			c.T.Fatal(err)
		}
		rd = bytes.NewReader(j)
	}
	req, err := http.NewRequest(method, c.Base+path, rd)
	if err != nil {
		c.T.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	if c.Lang != "" {
		req.Header.Set("Accept-Language", c.Lang)
	}
	return c.Send(req)
}

// Send sends a prepared request.
func (c *Client) Send(req *http.Request) *Response {
	c.T.Helper()
	if c.Token != "" && req.Header.Get("Authorization") == "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	if c.Lang != "" && req.Header.Get("Accept-Language") == "" {
		req.Header.Set("Accept-Language", c.Lang)
	}
	hc := c.HTTP
	if hc == nil {
		hc = http.DefaultClient
	}
	res, err := hc.Do(req)
	if err != nil {
		c.T.Fatalf("%s %s: %v", req.Method, req.URL.Path, err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	r := &Response{Status: res.StatusCode, Raw: raw, Header: res.Header}
	if len(raw) > 0 && strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			c.T.Fatalf("%s %s: bad JSON %q", req.Method, req.URL.Path, raw)
		}
		if m, ok := v.(map[string]any); ok {
			r.Body = m
		}
	}
	return r
}

// Must fails the test unless the status is want, and returns the body.
func (r *Response) Must(t testing.TB, want int) map[string]any {
	t.Helper()
	if r.Status != want {
		t.Fatalf("status %d, want %d: %s", r.Status, want, r.Raw)
	}
	return r.Body
}

// ErrorCode returns the code of an error body.
func (r *Response) ErrorCode() string {
	e, _ := r.Body["error"].(map[string]any)
	s, _ := e["code"].(string)
	return s
}

// ErrorMessage returns the message of an error body.
func (r *Response) ErrorMessage() string {
	e, _ := r.Body["error"].(map[string]any)
	s, _ := e["message"].(string)
	return s
}

// FieldErrors returns the field → message map of an error body.
func (r *Response) FieldErrors() map[string]string {
	out := map[string]string{}
	e, _ := r.Body["error"].(map[string]any)
	fs, _ := e["fields"].([]any)
	for _, f := range fs {
		m, _ := f.(map[string]any)
		out[m["field"].(string)] = m["message"].(string)
	}
	return out
}

// Num reads a JSON number field as int64.
func Num(m map[string]any, key string) int64 {
	f, _ := m[key].(float64)
	return int64(f)
}

// Str reads a string field.
func Str(m map[string]any, key string) string {
	s, _ := m[key].(string)
	return s
}

// Obj reads an object field.
func Obj(m map[string]any, key string) map[string]any {
	o, _ := m[key].(map[string]any)
	return o
}

// Items reads the "items" list of a list body.
func Items(m map[string]any) []map[string]any {
	l, _ := m["items"].([]any)
	out := make([]map[string]any, 0, len(l))
	for _, x := range l {
		o, _ := x.(map[string]any)
		out = append(out, o)
	}
	return out
}
