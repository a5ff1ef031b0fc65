package sms

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/phone"
)

// Config says how to reach Kannel's smsbox.
type Config struct {
	// URL is the sendsms URL, http://host:13013/cgi-bin/sendsms; a URL
	// with no path gets /cgi-bin/sendsms.
	URL      string
	Username string
	Password string
	// From is the sender shown to citizens (the SMS center number); empty,
	// each message's From (the city's sms_center_number setting) is.
	From string
	// DLRURL returns the delivery-report URL for a message, with Kannel's
	// %d left in for the report type. It carries our own message ID, so a
	// report finds its message even if the process died before recording
	// the send.
	DLRURL func(messageID int64) string
	// MaxParts is the most parts one message may be split into (Kannel's
	// max-messages); 0 means 10.
	MaxParts int
	// Client is the HTTP client; nil means one with a 15 s timeout.
	Client *http.Client
	// AdminURL is bearerbox's admin interface (http://host:13000) and
	// AdminPassword its admin-password: with them the service can ask
	// which messages Kannel still holds (Holds). Empty: it cannot ask.
	AdminURL      string
	AdminPassword string
}

// Kannel sends SMS through Kannel's sendsms interface.
type Kannel struct {
	cfg Config
}

// NewKannel returns a sender for cfg.
func NewKannel(cfg Config) (*Kannel, error) {
	u, err := url.Parse(cfg.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("kannel: bad sendsms URL %q", cfg.URL)
	}
	if u.Path == "" || u.Path == "/" {
		u.Path = "/cgi-bin/sendsms"
	}
	cfg.URL = u.String()
	if cfg.AdminURL != "" {
		a, err := url.Parse(cfg.AdminURL)
		if err != nil || (a.Scheme != "http" && a.Scheme != "https") || a.Host == "" {
			return nil, fmt.Errorf("kannel: bad admin URL %q", cfg.AdminURL)
		}
		a.Path = strings.TrimRight(a.Path, "/")
		cfg.AdminURL = a.String()
	}
	if cfg.MaxParts <= 0 {
		cfg.MaxParts = 10
	}
	if cfg.Client == nil {
		cfg.Client = &http.Client{Timeout: 15 * time.Second}
	}
	return &Kannel{cfg: cfg}, nil
}

// Name implements channel.Sender.
func (k *Kannel) Name() string { return "kannel" }

// Send implements channel.Sender. Kannel answers 202 once it has queued the
// message; it keeps no record of our IDs, so a send whose answer was lost is
// reported Unsure rather than repeated.
func (k *Kannel) Send(ctx context.Context, m *channel.Message) (channel.Receipt, error) {
	to, err := phone.Normalize(m.To)
	if err != nil {
		return channel.Receipt{}, channel.Permanent(fmt.Errorf("kannel: recipient: %w", err))
	}
	cnt := CountText(m.Body)
	if cnt.Parts > k.cfg.MaxParts {
		return channel.Receipt{}, channel.Permanent(fmt.Errorf("kannel: %d parts, at most %d allowed", cnt.Parts, k.cfg.MaxParts))
	}
	q := url.Values{}
	q.Set("username", k.cfg.Username)
	q.Set("password", k.cfg.Password)
	// The gateway's configured sender wins; without one the message's own
	// (the city's SMS center setting) is shown to the citizen.
	if from := k.cfg.From; from != "" {
		q.Set("from", from)
	} else if m.From != "" {
		q.Set("from", m.From)
	}
	q.Set("to", phone.MSISDN(to))
	q.Set("text", m.Body)
	q.Set("charset", "UTF-8")
	if cnt.Encoding == UCS2 {
		q.Set("coding", "2")
	}
	q.Set("max-messages", strconv.Itoa(k.cfg.MaxParts))
	if k.cfg.DLRURL != nil {
		q.Set("dlr-mask", "31")
		q.Set("dlr-url", k.cfg.DLRURL(m.ID))
	}
	var wrote bool
	trace := &httptrace.ClientTrace{WroteRequest: func(i httptrace.WroteRequestInfo) { wrote = i.Err == nil }}
	req, err := http.NewRequestWithContext(httptrace.WithClientTrace(ctx, trace), http.MethodGet, k.cfg.URL+"?"+q.Encode(), nil)
	if err != nil {
		return channel.Receipt{}, channel.Permanent(err)
	}
	res, err := k.cfg.Client.Do(req)
	if err != nil {
		err = fmt.Errorf("kannel: %w", redactErr(err))
		if wrote {
			// The request reached Kannel; whether it queued the message
			// before the connection broke cannot be known.
			return channel.Receipt{}, channel.Unsure(err)
		}
		return channel.Receipt{}, err
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(res.Body, 4096))
	text := strings.TrimSpace(string(body))
	switch {
	case res.StatusCode == http.StatusAccepted || res.StatusCode == http.StatusOK:
		return channel.Receipt{Parts: cnt.Parts}, nil
	case res.StatusCode == http.StatusServiceUnavailable || res.StatusCode >= 500:
		return channel.Receipt{}, fmt.Errorf("kannel: %d %s", res.StatusCode, text)
	default:
		// 400 (bad parameters), 403 (credentials, denied number): the same
		// request would fail again.
		return channel.Receipt{}, channel.Permanent(fmt.Errorf("kannel: %d %s", res.StatusCode, text))
	}
}

// redactErr drops the URL (which holds the password) from a client error.
func redactErr(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("%s: %w", ue.Op, ue.Err)
	}
	return err
}

// DLRStatus maps a Kannel delivery-report type (%d) to a message status.
// ok is false for a type that says nothing new.
func DLRStatus(typ int) (channel.Status, bool) {
	switch typ {
	case 1: // delivered to the phone
		return channel.StatusDelivered, true
	case 2: // delivery failed
		return channel.StatusFailed, true
	case 4, 8: // buffered at, or accepted by, the SMSC
		return channel.StatusSent, true
	case 16: // rejected by the SMSC
		return channel.StatusFailed, true
	}
	return "", false
}

// ParseMO reads an incoming SMS from the parameters of the sms-service
// get-url: from=%p&to=%P&text=%a&id=%I&coding=%c&ts=%T. The text is made
// valid UTF-8 whatever arrives (UCS-2 bytes are decoded, invalid bytes
// replaced), and reason says everything that was wrong with it, for the
// log.
func ParseMO(q url.Values) (m channel.Message, reason string) {
	var reasons []string
	m = channel.Message{Channel: channel.SMS, Direction: channel.In, Purpose: channel.PurposeInbound, Via: "kannel",
		Status: channel.StatusReceived}
	m.From = strings.TrimSpace(q.Get("from"))
	if p, err := phone.Normalize(m.From); err == nil {
		m.From = p
	} else if m.From != "" {
		reasons = append(reasons, "unknown sender format")
	}
	m.To = strings.TrimSpace(q.Get("to"))
	m.GatewayID = strings.TrimSpace(q.Get("id"))
	raw := q.Get("text")
	switch {
	case q.Get("coding") == "2" && len(raw)%2 == 0 && (!utf8.ValidString(raw) || strings.ContainsRune(raw, 0)):
		// Raw UCS-2 (big-endian) from the SMSC: NUL bytes give it away.
		u := make([]uint16, len(raw)/2)
		for i := range u {
			u[i] = uint16(raw[2*i])<<8 | uint16(raw[2*i+1])
		}
		m.Body = string(utf16.Decode(u))
	case utf8.ValidString(raw):
		m.Body = raw
	default:
		m.Body = strings.ToValidUTF8(raw, "\uFFFD")
		reasons = append(reasons, "invalid UTF-8 in text")
	}
	if ts, err := strconv.ParseInt(q.Get("ts"), 10, 64); err == nil && ts > 0 {
		t := time.Unix(ts, 0).UTC()
		m.CreatedAt = t
	}
	return m, strings.Join(reasons, "; ")
}
