// Package wafake is a local stand-in for the WhatsApp Business Cloud API
// for tests: it checks every send request against Meta's documented format
// (POST /v{N}/{phone-number-id}/messages, a Bearer token, a JSON body with
// messaging_product "whatsapp", a recipient and either a template with its
// name, language code and text parameters, or a text body) and answers as
// the API does. It also serves the media of incoming messages in the API's
// two steps (GET /v{N}/{media-id} with the Bearer token answers the file's
// URL, MIME type, SHA-256 and size; GET of that URL with the same token
// answers the bytes). A request that breaks the format is answered 400 and
// recorded as a violation for the test to report.
package wafake

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
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
	Fail          func(r Request, n int) (status, code int)
	media         map[string]mediaFile
	mediaRequests []string // "info ID" or "download ID", in order
	// MediaFail, if set, may answer the n-th request (counted over both
	// steps) for a media ID with an error status instead.
	MediaFail func(step, id string, n int) int
}

type mediaFile struct {
	mime string
	data []byte
	size int64 // declared size, if not len(data)
}

// Start runs the fake.
func Start(t testing.TB) *Server {
	s := &Server{PhoneNumberID: "106540352242922", Token: "EAAtest-token", media: map[string]mediaFile{}}
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
	pathRe      = regexp.MustCompile(`^/v\d+\.\d+/([^/]+)/messages$`)
	mediaPathRe = regexp.MustCompile(`^/v\d+\.\d+/([0-9]+)$`)
	toRe        = regexp.MustCompile(`^[1-9][0-9]{7,14}$`)
	nameRe      = regexp.MustCompile(`^[a-z0-9_]{1,512}$`)
	langRe      = regexp.MustCompile(`^[a-z]{2,3}(_[A-Z]{2})?$`)
	fourSpaces  = regexp.MustCompile(`    `)
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
	if r.Method == http.MethodGet {
		s.serveMedia(w, r)
		return
	}
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

// AddMedia makes a file available under a media ID (digits, as Meta's
// are), as if a user had sent it.
func (s *Server) AddMedia(id, mime string, data []byte) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.media[id] = mediaFile{mime: mime, data: data, size: int64(len(data))}
}

// AddMediaOfSize is AddMedia with a declared size other than the data's,
// as for a file too large to hold in a test.
func (s *Server) AddMediaOfSize(id, mime string, data []byte, size int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.media[id] = mediaFile{mime: mime, data: data, size: size}
}

// MediaRequests lists the media requests answered or failed, as "info ID"
// and "download ID".
func (s *Server) MediaRequests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.mediaRequests...)
}

// serveMedia answers both steps of a media download: the URL lookup on the
// versioned Graph path, then the download of that URL (on this server, as
// Meta's lookaside host would answer), each with the Bearer token.
func (s *Server) serveMedia(w http.ResponseWriter, r *http.Request) {
	step, id := "", ""
	if m := mediaPathRe.FindStringSubmatch(r.URL.Path); m != nil {
		step, id = "info", m[1]
	} else if r.URL.Path == "/whatsapp_business/attachments/" {
		step, id = "download", r.URL.Query().Get("mid")
	} else {
		s.bad(w, "GET %s: not a media path (/vNN.N/{media-id})", r.URL.Path)
		return
	}
	if auth := r.Header.Get("Authorization"); auth != "Bearer "+s.Token {
		if !strings.HasPrefix(auth, "Bearer ") {
			s.mu.Lock()
			s.violations = append(s.violations, fmt.Sprintf("media %s %s without a Bearer token", step, id))
			s.mu.Unlock()
		}
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":{"message":"Invalid OAuth access token.","type":"OAuthException","code":190}}`)
		return
	}
	s.mu.Lock()
	f, ok := s.media[id]
	s.mediaRequests = append(s.mediaRequests, step+" "+id)
	n := 0
	for _, q := range s.mediaRequests {
		if strings.HasSuffix(q, " "+id) {
			n++
		}
	}
	fail := s.MediaFail
	s.mu.Unlock()
	if fail != nil {
		if status := fail(step, id, n); status != 0 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(status)
			fmt.Fprint(w, `{"error":{"message":"fake error","type":"OAuthException","code":131000,"fbtrace_id":"fake"}}`)
			return
		}
	}
	if !ok {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, `{"error":{"message":"Unsupported get request. Object with ID does not exist","type":"GraphMethodException","code":100}}`)
		return
	}
	if step == "download" {
		w.Header().Set("Content-Type", f.mime)
		w.Write(f.data)
		return
	}
	sum := sha256.Sum256(f.data)
	u := s.URL + "/whatsapp_business/attachments/?mid=" + url.QueryEscape(id) + "&ext=" + strconv.FormatInt(time.Now().Unix(), 10) + "&hash=fake"
	w.Header().Set("Content-Type", "application/json")
	fmt.Fprintf(w, `{"messaging_product":"whatsapp","url":%q,"mime_type":%q,"sha256":%q,"file_size":%d,"id":%q}`,
		u, f.mime, hex.EncodeToString(sum[:]), f.size, id)
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
