// Package s3fake runs an S3-compatible server for tests: gofakes3 with its
// in-memory backend, behind a gate that checks every request's AWS
// Signature Version 4 the way S3 does, written here from AWS's published
// description (canonical request, string to sign, the HMAC key chain, and
// the per-chunk signatures of STREAMING-AWS4-HMAC-SHA256-PAYLOAD uploads),
// so that the client in package attach is checked against the standard and
// not against its own library. gofakes3 itself checks no signature.
//
// What the gate does not check: presigned URLs (query-string signatures;
// the service never makes them), session tokens, and trailing checksums
// (STREAMING-…-TRAILER bodies are refused as unsupported, so a client that
// switches to them fails loudly here instead of passing unchecked).
package s3fake

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/johannesboyne/gofakes3"
	"github.com/johannesboyne/gofakes3/backend/s3mem"
)

// Server is the fake S3 endpoint.
type Server struct {
	*httptest.Server
	AccessKey, SecretKey, Region, Bucket string
	// Endpoint is host:port, as attach.S3Config wants it.
	Endpoint string
	backend  *s3mem.Backend
	mu       sync.Mutex
	refused  []string
	checked  map[string]int // verified requests by payload mode
}

// Start runs the fake with one bucket, over plain HTTP.
func Start(t testing.TB) *Server { return start(t, false) }

// StartTLS runs the fake over HTTPS with a test certificate; the Server's
// Client() trusts it.
func StartTLS(t testing.TB) *Server { return start(t, true) }

func start(t testing.TB, tls bool) *Server {
	s := &Server{AccessKey: "AKIAADUANTEST", SecretKey: "c2VjcmV0LWtleS1mb3ItdGVzdHM", Region: "id-west-1", Bucket: "aduan-photos",
		checked: map[string]int{}}
	s.backend = s3mem.New()
	if err := s.backend.CreateBucket(s.Bucket); err != nil {
		t.Fatal(err)
	}
	fake := gofakes3.New(s.backend, gofakes3.WithTimeSkewLimit(15*time.Minute))
	if tls {
		s.Server = httptest.NewTLSServer(s.gate(fake.Server()))
	} else {
		s.Server = httptest.NewServer(s.gate(fake.Server()))
	}
	s.Endpoint = strings.TrimPrefix(strings.TrimPrefix(s.URL, "http://"), "https://")
	t.Cleanup(s.Close)
	return s
}

// Object reads an object straight from the store, bypassing HTTP: its
// bytes and the Content-Type it was stored with; ok is false when there is
// no such key.
func (s *Server) Object(key string) (data []byte, contentType string, ok bool) {
	obj, err := s.backend.GetObject(s.Bucket, key, nil)
	if err != nil {
		return nil, "", false
	}
	defer obj.Contents.Close()
	data, err = io.ReadAll(obj.Contents)
	if err != nil {
		return nil, "", false
	}
	return data, obj.Metadata["Content-Type"], true
}

// Keys lists the bucket's keys.
func (s *Server) Keys() []string {
	list, err := s.backend.ListBucket(s.Bucket, nil, gofakes3.ListBucketPage{})
	if err != nil {
		return nil
	}
	var out []string
	for _, c := range list.Contents {
		out = append(out, c.Key)
	}
	sort.Strings(out)
	return out
}

// Refused lists the requests the gate turned away, with the reason.
func (s *Server) Refused() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.refused...)
}

// Checked returns how many requests passed the signature check, by their
// payload mode (a hex hash, UNSIGNED-PAYLOAD or
// STREAMING-AWS4-HMAC-SHA256-PAYLOAD).
func (s *Server) Checked() map[string]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := map[string]int{}
	for k, v := range s.checked {
		out[k] = v
	}
	return out
}

func (s *Server) gate(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		mode, code, why := s.verify(r, body)
		if why != "" {
			s.mu.Lock()
			s.refused = append(s.refused, r.Method+" "+r.URL.Path+": "+why)
			s.mu.Unlock()
			w.Header().Set("Content-Type", "application/xml")
			w.WriteHeader(http.StatusForbidden)
			fmt.Fprintf(w, `<?xml version="1.0" encoding="UTF-8"?><Error><Code>%s</Code><Message>%s</Message></Error>`, code, why)
			return
		}
		s.mu.Lock()
		s.checked[mode]++
		s.mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		next.ServeHTTP(w, r)
	})
}

const (
	algorithm = "AWS4-HMAC-SHA256"
	streaming = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
	unsigned  = "UNSIGNED-PAYLOAD"
)

// verify checks the Authorization header of r and, for a streaming upload,
// each chunk's signature. It returns the payload mode, or an S3 error code
// and the reason.
func (s *Server) verify(r *http.Request, body []byte) (mode, code, why string) {
	auth := r.Header.Get("Authorization")
	rest, ok := strings.CutPrefix(auth, algorithm+" ")
	if !ok {
		return "", "AccessDenied", "no AWS4-HMAC-SHA256 Authorization header"
	}
	fields := map[string]string{}
	for _, f := range strings.Split(rest, ",") {
		k, v, _ := strings.Cut(strings.TrimSpace(f), "=")
		fields[k] = v
	}
	cred := strings.Split(fields["Credential"], "/")
	if len(cred) != 5 || cred[4] != "aws4_request" || cred[3] != "s3" {
		return "", "AuthorizationHeaderMalformed", "credential scope " + fields["Credential"]
	}
	if cred[0] != s.AccessKey {
		return "", "InvalidAccessKeyId", "unknown access key " + cred[0]
	}
	if cred[2] != s.Region {
		return "", "AuthorizationHeaderMalformed", "region " + cred[2] + ", the bucket is in " + s.Region
	}
	amzDate := r.Header.Get("X-Amz-Date")
	t, err := time.Parse("20060102T150405Z", amzDate)
	if err != nil || t.Format("20060102") != cred[1] {
		return "", "AccessDenied", "X-Amz-Date " + amzDate + " missing or not the credential's date"
	}
	if d := time.Since(t); d > 15*time.Minute || d < -15*time.Minute {
		return "", "RequestTimeTooSkewed", "request time too far from the server's"
	}
	signed := strings.Split(fields["SignedHeaders"], ";")
	if !sort.StringsAreSorted(signed) || !contains(signed, "host") || !contains(signed, "x-amz-date") || !contains(signed, "x-amz-content-sha256") {
		return "", "AccessDenied", "SignedHeaders must be sorted and cover host, x-amz-date and x-amz-content-sha256: " + fields["SignedHeaders"]
	}
	payload := r.Header.Get("X-Amz-Content-Sha256")
	switch {
	case payload == unsigned:
	case payload == streaming:
	case len(payload) == 64:
		sum := sha256.Sum256(body)
		if hex.EncodeToString(sum[:]) != payload {
			return "", "XAmzContentSHA256Mismatch", "body does not match X-Amz-Content-Sha256"
		}
	default:
		return "", "NotImplemented", "payload mode " + payload + " is not checked by this fake"
	}
	var canon strings.Builder
	canon.WriteString(r.Method + "\n" + canonicalURI(r.URL) + "\n" + canonicalQuery(r.URL.Query()) + "\n")
	for _, h := range signed {
		v := r.Header.Values(h)
		if h == "host" {
			v = []string{r.Host}
		}
		if h == "content-length" && len(v) == 0 {
			v = []string{strconv.FormatInt(r.ContentLength, 10)}
		}
		for i := range v {
			v[i] = strings.Join(strings.Fields(v[i]), " ")
		}
		canon.WriteString(h + ":" + strings.Join(v, ",") + "\n")
	}
	canon.WriteString("\n" + fields["SignedHeaders"] + "\n" + payload)
	scope := strings.Join(cred[1:], "/")
	key := s.signingKey(cred[1])
	want := hexHMAC(key, algorithm+"\n"+amzDate+"\n"+scope+"\n"+hexSHA(canon.String()))
	if !hmac.Equal([]byte(want), []byte(fields["Signature"])) {
		return "", "SignatureDoesNotMatch", "signature does not match the canonical request"
	}
	if payload == streaming {
		if why := s.verifyChunks(body, r.Header.Get("X-Amz-Decoded-Content-Length"), key, amzDate, scope, want); why != "" {
			return "", "SignatureDoesNotMatch", why
		}
	}
	if len(payload) == 64 {
		payload = "sha256"
	}
	return payload, "", ""
}

// verifyChunks checks an aws-chunked body: "hex-size;chunk-signature=SIG\r\n
// data\r\n" repeated, ending with a chunk of size 0; each signature chains
// on the previous one, starting from the header's.
func (s *Server) verifyChunks(body []byte, decodedLen string, key []byte, amzDate, scope, prev string) string {
	total := 0
	for {
		line, rest, ok := bytes.Cut(body, []byte("\r\n"))
		if !ok {
			return "chunk header without CRLF"
		}
		sizeHex, sig, ok := strings.Cut(string(line), ";chunk-signature=")
		size, err := strconv.ParseInt(sizeHex, 16, 64)
		if !ok || err != nil || size < 0 || int(size)+2 > len(rest) {
			return "bad chunk header " + string(line)
		}
		data := rest[:size]
		if string(rest[size:size+2]) != "\r\n" {
			return "chunk data not followed by CRLF"
		}
		want := hexHMAC(key, "AWS4-HMAC-SHA256-PAYLOAD\n"+amzDate+"\n"+scope+"\n"+prev+"\n"+hexSHA("")+"\n"+hexSHA(string(data)))
		if !hmac.Equal([]byte(want), []byte(sig)) {
			return fmt.Sprintf("chunk signature does not match (chunk at byte %d)", total)
		}
		prev = want
		total += int(size)
		body = rest[size+2:]
		if size == 0 {
			break
		}
	}
	if len(body) != 0 {
		return "bytes after the final chunk"
	}
	if decodedLen != strconv.Itoa(total) {
		return "X-Amz-Decoded-Content-Length " + decodedLen + ", chunks hold " + strconv.Itoa(total)
	}
	return ""
}

func (s *Server) signingKey(date string) []byte {
	k := hmacSHA([]byte("AWS4"+s.SecretKey), date)
	k = hmacSHA(k, s.Region)
	k = hmacSHA(k, "s3")
	return hmacSHA(k, "aws4_request")
}

// canonicalURI is the path as sent, each segment URI-encoded once (S3 does
// not normalise or double-encode).
func canonicalURI(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		return "/"
	}
	segs := strings.Split(p, "/")
	for i, seg := range segs {
		dec, err := url.PathUnescape(seg)
		if err == nil {
			segs[i] = uriEncode(dec)
		}
	}
	return strings.Join(segs, "/")
}

// canonicalQuery sorts the parameters by name, then value, each
// URI-encoded.
func canonicalQuery(q url.Values) string {
	var parts []string
	for k, vs := range q {
		for _, v := range vs {
			parts = append(parts, uriEncode(k)+"="+uriEncode(v))
		}
	}
	sort.Strings(parts)
	return strings.Join(parts, "&")
}

// uriEncode encodes every byte but the unreserved A-Z a-z 0-9 - _ . ~ as
// %XX with upper-case hex, as SigV4 says.
func uriEncode(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func hmacSHA(key []byte, s string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(s))
	return m.Sum(nil)
}

func hexHMAC(key []byte, s string) string { return hex.EncodeToString(hmacSHA(key, s)) }

func hexSHA(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
