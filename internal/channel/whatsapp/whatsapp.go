// Package whatsapp sends messages through the WhatsApp Business Cloud API
// (POST /{version}/{phone-number-id}/messages: an approved template to start
// a conversation, free text inside the 24-hour window after the recipient
// last wrote) and reads its webhooks (message statuses and incoming
// messages), verified with X-Hub-Signature-256.
package whatsapp

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/phone"
)

// Config says how to reach the Cloud API.
type Config struct {
	// BaseURL is the Graph API host (default https://graph.facebook.com).
	BaseURL string
	// Version is the Graph API version (default v21.0).
	Version       string
	PhoneNumberID string
	Token         string
	// Lang is the language code of the approved templates (default id).
	Lang   string
	Client *http.Client
}

// Client sends WhatsApp messages.
type Client struct {
	cfg      Config
	endpoint string
}

// New returns a client for cfg.
func New(cfg Config) (*Client, error) {
	if cfg.BaseURL == "" {
		cfg.BaseURL = "https://graph.facebook.com"
	}
	if cfg.Version == "" {
		cfg.Version = "v21.0"
	}
	if cfg.Lang == "" {
		cfg.Lang = "id"
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 20 * time.Second}
	}
	if cfg.PhoneNumberID == "" || cfg.Token == "" {
		return nil, errors.New("whatsapp: phone number ID and token are required")
	}
	u, err := url.Parse(cfg.BaseURL)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("whatsapp: bad API URL %q", cfg.BaseURL)
	}
	return &Client{cfg: cfg, endpoint: strings.TrimRight(cfg.BaseURL, "/") + "/" + cfg.Version + "/" + url.PathEscape(cfg.PhoneNumberID) + "/messages"}, nil
}

// Name implements channel.Sender.
func (c *Client) Name() string { return "whatsapp" }

// Request is the body of a send request, as documented by Meta.
type Request struct {
	MessagingProduct string    `json:"messaging_product"`
	RecipientType    string    `json:"recipient_type"`
	To               string    `json:"to"`
	Type             string    `json:"type"`
	Text             *Text     `json:"text,omitempty"`
	Template         *Template `json:"template,omitempty"`
	// BizOpaqueCallbackData comes back in status webhooks: our message ID.
	BizOpaqueCallbackData string `json:"biz_opaque_callback_data,omitempty"`
}

// Text is a free-text message.
type Text struct {
	PreviewURL bool   `json:"preview_url"`
	Body       string `json:"body"`
}

// Template names an approved template and fills its parameters.
type Template struct {
	Name       string      `json:"name"`
	Language   Language    `json:"language"`
	Components []Component `json:"components,omitempty"`
}

// Language of a template.
type Language struct {
	Code string `json:"code"`
}

// Component is a part of a template with its parameters.
type Component struct {
	Type       string      `json:"type"`
	Parameters []Parameter `json:"parameters"`
}

// Parameter is one value of a template.
type Parameter struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// Request builds the request for m: a template message, or free text when
// m.FreeText is set (inside the 24-hour window).
func (c *Client) Request(m *channel.Message) (*Request, error) {
	to, err := phone.Normalize(m.To)
	if err != nil {
		return nil, fmt.Errorf("whatsapp: recipient: %w", err)
	}
	r := &Request{MessagingProduct: "whatsapp", RecipientType: "individual", To: phone.MSISDN(to),
		BizOpaqueCallbackData: "aduan:" + strconv.FormatInt(m.ID, 10)}
	if m.FreeText || m.WATemplate == "" {
		r.Type, r.Text = "text", &Text{Body: m.Body}
		return r, nil
	}
	t := &Template{Name: m.WATemplate, Language: Language{Code: c.cfg.Lang}}
	if len(m.Params) > 0 {
		comp := Component{Type: "body"}
		for _, p := range m.Params {
			// Meta refuses new lines, tabs and runs of spaces in a
			// parameter.
			comp.Parameters = append(comp.Parameters, Parameter{Type: "text", Text: strings.Join(strings.Fields(p), " ")})
		}
		t.Components = []Component{comp}
	}
	r.Type, r.Template = "template", t
	return r, nil
}

// response is the API's answer to a send.
type response struct {
	Messages []struct {
		ID string `json:"id"`
	} `json:"messages"`
	Error *struct {
		Message string `json:"message"`
		Type    string `json:"type"`
		Code    int    `json:"code"`
	} `json:"error"`
}

// Send implements channel.Sender.
func (c *Client) Send(ctx context.Context, m *channel.Message) (channel.Receipt, error) {
	req, err := c.Request(m)
	if err != nil {
		return channel.Receipt{}, channel.Permanent(err)
	}
	body, err := json.Marshal(req)
	if err != nil {
		return channel.Receipt{}, channel.Permanent(err)
	}
	var wrote bool
	trace := &httptrace.ClientTrace{WroteRequest: func(i httptrace.WroteRequestInfo) { wrote = i.Err == nil }}
	hr, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), http.MethodPost, c.endpoint, bytes.NewReader(body))
	if err != nil {
		return channel.Receipt{}, channel.Permanent(err)
	}
	hr.Header.Set("Authorization", "Bearer "+c.cfg.Token)
	hr.Header.Set("Content-Type", "application/json")
	res, err := c.cfg.Client.Do(hr)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		err = fmt.Errorf("whatsapp: %w", err)
		if wrote {
			return channel.Receipt{}, channel.Unsure(err)
		}
		return channel.Receipt{}, err
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(io.LimitReader(res.Body, 64<<10))
	var out response
	_ = json.Unmarshal(raw, &out)
	if res.StatusCode/100 == 2 && len(out.Messages) > 0 && out.Messages[0].ID != "" {
		return channel.Receipt{GatewayID: out.Messages[0].ID, Parts: 1}, nil
	}
	msg := strings.TrimSpace(string(raw))
	code := 0
	if out.Error != nil {
		msg, code = out.Error.Message, out.Error.Code
	}
	err = fmt.Errorf("whatsapp: %d (code %d) %s", res.StatusCode, code, msg)
	switch {
	case res.StatusCode/100 == 2:
		return channel.Receipt{}, channel.Unsure(err) // accepted without an ID: cannot tell
	case res.StatusCode == http.StatusTooManyRequests || res.StatusCode >= 500 ||
		code == 4 || code == 80007 || code == 130429 || code == 131000 || code == 131016 || code == 131048 || code == 131056:
		return channel.Receipt{}, err // throttled or a hiccup at Meta: try again later
	default:
		return channel.Receipt{}, channel.Permanent(err)
	}
}

// VerifySignature checks X-Hub-Signature-256 ("sha256=" and the hex
// HMAC-SHA256 of the raw body with the app secret). An empty secret
// verifies nothing.
func VerifySignature(appSecret string, body []byte, header string) bool {
	if appSecret == "" {
		return false
	}
	hexSig, ok := strings.CutPrefix(strings.TrimSpace(header), "sha256=")
	if !ok {
		return false
	}
	got, err := hex.DecodeString(hexSig)
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, []byte(appSecret))
	mac.Write(body)
	return hmac.Equal(got, mac.Sum(nil))
}

// Sign returns the X-Hub-Signature-256 value for body (for tests and the
// documentation of what Meta sends).
func Sign(appSecret string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(appSecret))
	mac.Write(body)
	return "sha256=" + hex.EncodeToString(mac.Sum(nil))
}

// Handshake answers the subscription check: GET with hub.mode=subscribe,
// hub.verify_token and hub.challenge, to be echoed when the token matches.
func Handshake(q url.Values, verifyToken string) (string, bool) {
	if verifyToken == "" || q.Get("hub.mode") != "subscribe" || !hmac.Equal([]byte(q.Get("hub.verify_token")), []byte(verifyToken)) {
		return "", false
	}
	return q.Get("hub.challenge"), true
}

// StatusUpdate is one status of an outgoing message.
type StatusUpdate struct {
	ID string // the wamid returned when it was sent
	// MessageID is our own ID of the message, which Meta sends back in
	// every status (biz_opaque_callback_data "aduan:ID"); 0 if absent. It
	// finds a message whose send answer, and with it the wamid, was lost.
	MessageID int64
	Status    channel.Status
	At        time.Time
	Error     string
}

// Webhook is what one webhook delivery says.
type Webhook struct {
	Statuses []StatusUpdate
	Messages []channel.Message
}

type payload struct {
	Object string `json:"object"`
	Entry  []struct {
		Changes []struct {
			Field string `json:"field"`
			Value struct {
				Statuses []struct {
					ID                    string `json:"id"`
					Status                string `json:"status"`
					Timestamp             string `json:"timestamp"`
					BizOpaqueCallbackData string `json:"biz_opaque_callback_data"`
					Errors                []struct {
						Code  int    `json:"code"`
						Title string `json:"title"`
					} `json:"errors"`
				} `json:"statuses"`
				Messages []struct {
					From      string `json:"from"`
					ID        string `json:"id"`
					Timestamp string `json:"timestamp"`
					Type      string `json:"type"`
					Text      struct {
						Body string `json:"body"`
					} `json:"text"`
					Image    media `json:"image"`
					Document media `json:"document"`
				} `json:"messages"`
				Metadata struct {
					PhoneNumberID string `json:"phone_number_id"`
				} `json:"metadata"`
			} `json:"value"`
		} `json:"changes"`
	} `json:"entry"`
}

// media is an image or document of an incoming message: the webhook
// carries its ID, not its bytes.
type media struct {
	ID       string `json:"id"`
	MIMEType string `json:"mime_type"`
	SHA256   string `json:"sha256"`
	Caption  string `json:"caption"`
	Filename string `json:"filename"`
}

// name is what the file is called on the complaint: a document's own name,
// else one made from its type (WhatsApp photos have none).
func (m media) name(typ string) string {
	if m.Filename != "" {
		return m.Filename
	}
	ext := ""
	switch m.MIMEType {
	case "image/jpeg":
		ext = ".jpg"
	case "image/png":
		ext = ".png"
	}
	return "whatsapp-" + typ + ext
}

// ParseWebhook reads a webhook body. Statuses it does not know and changes
// of other fields are skipped; incoming messages other than text keep their
// type in the body so that nothing vanishes unseen. Images and documents
// come with their media ID in the message's Files, to be fetched later with
// Client.Media.
func ParseWebhook(body []byte) (*Webhook, error) {
	var p payload
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, err
	}
	if p.Object != "whatsapp_business_account" {
		return nil, fmt.Errorf("whatsapp: object %q", p.Object)
	}
	w := &Webhook{}
	for _, e := range p.Entry {
		for _, ch := range e.Changes {
			if ch.Field != "" && ch.Field != "messages" {
				continue
			}
			for _, s := range ch.Value.Statuses {
				var st channel.Status
				switch s.Status {
				case "sent":
					st = channel.StatusSent
				case "delivered":
					st = channel.StatusDelivered
				case "read":
					st = channel.StatusRead
				case "failed":
					st = channel.StatusFailed
				default:
					continue
				}
				u := StatusUpdate{ID: s.ID, Status: st, At: unix(s.Timestamp)}
				if v, ok := strings.CutPrefix(s.BizOpaqueCallbackData, "aduan:"); ok {
					if id, err := strconv.ParseInt(v, 10, 64); err == nil && id > 0 {
						u.MessageID = id
					}
				}
				for _, e := range s.Errors {
					u.Error = strings.TrimSpace(fmt.Sprintf("%s %d %s", u.Error, e.Code, e.Title))
				}
				w.Statuses = append(w.Statuses, u)
			}
			for _, m := range ch.Value.Messages {
				from := m.From
				if p, err := phone.Normalize("+" + strings.TrimPrefix(from, "+")); err == nil {
					from = p
				}
				body := m.Text.Body
				var files []channel.File
				switch m.Type {
				case "text":
				case "image", "document":
					md := m.Image
					if m.Type == "document" {
						md = m.Document
					}
					body = strings.TrimSpace("[" + m.Type + "] " + md.Caption)
					if md.ID != "" {
						files = append(files, channel.File{Name: md.name(m.Type), ContentType: md.MIMEType, MediaID: md.ID})
					}
				default:
					body = "[" + m.Type + "]"
				}
				w.Messages = append(w.Messages, channel.Message{Channel: channel.WhatsApp, Direction: channel.In, From: from,
					To: ch.Value.Metadata.PhoneNumberID, Body: body, GatewayID: m.ID, Via: "whatsapp", CreatedAt: unix(m.Timestamp), Files: files})
			}
		}
	}
	return w, nil
}

func unix(s string) time.Time {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return time.Time{}
	}
	return time.Unix(n, 0).UTC()
}
