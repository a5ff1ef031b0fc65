// Package wafake is a local stand-in for the WhatsApp Business Cloud API
// for tests: it checks every send request against Meta's documented format
// (POST /v{N}/{phone-number-id}/messages, a Bearer token, a JSON body with
// messaging_product "whatsapp", a recipient and either a template with its
// name, language code and text parameters, or a text body) and answers as
// the API does. A request that breaks the format is answered 400 and
// recorded as a violation for the test to report.
package wafake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// Request is a send request as the fake read it.
type Request struct {
	MessagingProduct string `json:"messaging_product"`
	RecipientType    string `json:"recipient_type"`
	To               string `json:"to"`
	Type             string `json:"type"`
	Text             *struct {
		PreviewURL bool   `json:"preview_url"`
		Body       string `json:"body"`
	} `json:"text"`
	Template *struct {
		Name     string `json:"name"`
		Language struct {
			Code   string `json:"code"`
			Policy string `json:"policy"`
		} `json:"language"`
		Components []struct {
			Type       string `json:"type"`
			SubType    string `json:"sub_type"`
			Index      string `json:"index"`
			Parameters []struct {
				Type string `json:"type"`
				Text string `json:"text"`
			} `json:"parameters"`
		} `json:"components"`
	} `json:"template"`
	Context *struct {
		MessageID string `json:"message_id"`
	} `json:"context"`
	BizOpaqueCallbackData string `json:"biz_opaque_callback_data"`
}

// Server is the fake API.
type Server struct {
	*httptest.Server
	PhoneNumberID, Token string
	mu                   sync.Mutex
	requests             []Request
	violations           []string
	// Fail, if set, may answer a request with an error status and Graph
	// error code instead of accepting it.
	Fail func(r Request, n int) (status, code int)
}

// Start runs the fake.
func Start(t testing.TB) *Server {
	s := &Server{PhoneNumberID: "106540352242922", Token: "EAAtest-token"}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	t.Cleanup(func() {
		s.Close()
		for _, v := range s.Violations() {
			t.Errorf("WhatsApp request outside the documented format: %s", v)
		}
	})
	return s
}

var (
	pathRe     = regexp.MustCompile(`^/v\d+\.\d+/([^/]+)/messages$`)
	toRe       = regexp.MustCompile(`^[1-9][0-9]{7,14}$`)
	nameRe     = regexp.MustCompile(`^[a-z0-9_]{1,512}$`)
	langRe     = regexp.MustCompile(`^[a-z]{2,3}(_[A-Z]{2})?$`)
	fourSpaces = regexp.MustCompile(`    `)
)

func (s *Server) bad(w http.ResponseWriter, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	s.mu.Lock()
	s.violations = append(s.violations, msg)
	s.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusBadRequest)
	fmt.Fprintf(w, `{"error":{"message":%q,"type":"OAuthException","code":100,"fbtrace_id":"fake"}}`, msg)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	m := pathRe.FindStringSubmatch(r.URL.Path)
	switch {
	case r.Method != http.MethodPost:
		s.bad(w, "method %s", r.Method)
		return
	case m == nil || m[1] != s.PhoneNumberID:
		s.bad(w, "path %s", r.URL.Path)
		return
	case r.Header.Get("Authorization") != "Bearer "+s.Token:
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":{"message":"Invalid OAuth access token.","type":"OAuthException","code":190}}`)
		return
	case !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json"):
		s.bad(w, "content type %q", r.Header.Get("Content-Type"))
		return
	}
	var req Request
	var raw bytes.Buffer
	raw.ReadFrom(r.Body)
	dec := json.NewDecoder(bytes.NewReader(raw.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		s.bad(w, "body: %v: %s", err, raw.String())
		return
	}
	if msg := check(req); msg != "" {
		s.bad(w, "%s: %s", msg, raw.String())
		return
	}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	n := len(s.requests)
	fail := s.Fail
	s.mu.Unlock()
	if fail != nil {
		if status, code := fail(req, n); status != 0 {
			w.WriteHeader(status)
			fmt.Fprintf(w, `{"error":{"message":"fake error","type":"OAuthException","code":%d,"fbtrace_id":"fake"}}`, code)
			return
		}
	}
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"messaging_product":"whatsapp","contacts":[{"input":%q,"wa_id":%q}],"messages":[{"id":"wamid.FAKE%d"}]}`, req.To, req.To, n)
}

// check returns what is wrong with a request, or "".
func check(r Request) string {
	switch {
	case r.MessagingProduct != "whatsapp":
		return "messaging_product must be whatsapp"
	case r.RecipientType != "" && r.RecipientType != "individual":
		return "recipient_type"
	case !toRe.MatchString(strings.TrimPrefix(r.To, "+")):
		return "to: not a phone number with country code"
	}
	switch r.Type {
	case "text":
		if r.Text == nil || strings.TrimSpace(r.Text.Body) == "" || len([]rune(r.Text.Body)) > 4096 || r.Template != nil {
			return "text: body missing, empty or over 4096 characters"
		}
	case "template":
		t := r.Template
		if t == nil || r.Text != nil {
			return "template missing"
		}
		if !nameRe.MatchString(t.Name) || !langRe.MatchString(t.Language.Code) {
			return "template name or language code"
		}
		for _, c := range t.Components {
			if c.Type != "header" && c.Type != "body" && c.Type != "button" {
				return "component type " + c.Type
			}
			for _, p := range c.Parameters {
				if p.Type != "text" {
					continue
				}
				if p.Text == "" || strings.ContainsAny(p.Text, "\n\t") || fourSpaces.MatchString(p.Text) {
					return "text parameter empty or with new lines, tabs or four spaces"
				}
			}
		}
	default:
		return "type " + r.Type
	}
	return ""
}

// Requests returns the accepted requests so far.
func (s *Server) Requests() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.requests...)
}

// Violations returns the requests refused for their format.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.violations...)
}
