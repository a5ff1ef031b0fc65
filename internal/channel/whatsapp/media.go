package whatsapp

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/channel"
)

// mediaInfo is the Graph API's answer to GET /{version}/{media-id}.
type mediaInfo struct {
	URL      string          `json:"url"`
	MIMEType string          `json:"mime_type"`
	SHA256   string          `json:"sha256"`
	FileSize json.RawMessage `json:"file_size"` // a number, or a number in a string
	ID       string          `json:"id"`
}

// Media downloads an incoming message's image or document in the Cloud
// API's two steps: GET /{version}/{media-id} with the bearer token answers
// the file's URL, type, size and SHA-256; GET that URL with the same token
// answers the bytes. A file over max bytes is refused from its declared
// size, before it is downloaded, and again while reading. The URL is good
// for a few minutes only, so a retry starts again from the first step.
//
// Errors marked channel.Permanent will not heal (an unknown or expired
// media ID, a refused token, a file too large: attach.ErrTooLarge); others
// (Meta down, throttling, a broken download) are worth another try.
func (c *Client) Media(ctx context.Context, id string, max int64) ([]byte, error) {
	if id == "" || strings.ContainsAny(id, "/?#") {
		return nil, channel.Permanent(fmt.Errorf("whatsapp: bad media ID %q", id))
	}
	base := strings.TrimSuffix(c.endpoint, url.PathEscape(c.cfg.PhoneNumberID)+"/messages")
	raw, err := c.get(ctx, base+url.PathEscape(id), 64<<10)
	if err != nil {
		return nil, fmt.Errorf("whatsapp: media %s: %w", id, err)
	}
	var info mediaInfo
	if err := json.Unmarshal(raw, &info); err != nil || info.URL == "" {
		return nil, fmt.Errorf("whatsapp: media %s: answer without a URL: %.200s", id, raw)
	}
	u, err := url.Parse(info.URL)
	if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, fmt.Errorf("whatsapp: media %s: bad URL %q", id, info.URL)
	}
	if size, err := strconv.ParseInt(strings.Trim(string(info.FileSize), `"`), 10, 64); err == nil && size > max {
		return nil, channel.Permanent(fmt.Errorf("%w: %d bytes, limit %d", attach.ErrTooLarge, size, max))
	}
	data, err := c.get(ctx, info.URL, max)
	if err != nil {
		return nil, fmt.Errorf("whatsapp: media %s: download: %w", id, err)
	}
	if want := decodeHash(info.SHA256); want != nil {
		if got := sha256.Sum256(data); !bytes.Equal(got[:], want) {
			return nil, fmt.Errorf("whatsapp: media %s: download does not match its SHA-256", id)
		}
	}
	return data, nil
}

// get fetches u with the bearer token and returns at most limit bytes.
func (c *Client) get(ctx context.Context, u string, limit int64) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return nil, channel.Permanent(err)
	}
	req.Header.Set("Authorization", "Bearer "+c.cfg.Token)
	res, err := c.cfg.Client.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	body, err := io.ReadAll(io.LimitReader(res.Body, limit+1))
	if err != nil {
		return nil, err
	}
	if res.StatusCode/100 != 2 {
		err := fmt.Errorf("%d %.200s", res.StatusCode, strings.TrimSpace(string(body)))
		if res.StatusCode == http.StatusTooManyRequests || res.StatusCode == http.StatusRequestTimeout || res.StatusCode >= 500 {
			return nil, err
		}
		return nil, channel.Permanent(err)
	}
	if int64(len(body)) > limit {
		return nil, channel.Permanent(fmt.Errorf("%w: over %d bytes", attach.ErrTooLarge, limit))
	}
	return body, nil
}

// decodeHash reads a SHA-256 given in hex or base64 (Meta has used both);
// nil when it is neither.
func decodeHash(s string) []byte {
	if b, err := hex.DecodeString(s); err == nil && len(b) == sha256.Size {
		return b
	}
	if b, err := base64.StdEncoding.DecodeString(s); err == nil && len(b) == sha256.Size {
		return b
	}
	return nil
}
