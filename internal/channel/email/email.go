// Package email sends mail through SMTP (agency notifications, photo
// requests, replies to citizens who wrote by e-mail) and reads the call
// center's mailbox by IMAP: each new mail becomes an incoming message with
// its images attached.
package email

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/textproto"
	"strings"
	"time"

	"github.com/kotakita/aduan/internal/channel"
)

// SMTPConfig says how to reach the outgoing mail server.
type SMTPConfig struct {
	Addr     string // host:port
	Username string // empty: no authentication
	Password string
	From     string // the call center's address
	// Security is "starttls" (default: upgrade when offered, required
	// with a password on a non-local server), "tls" (implicit TLS, port
	// 465) or "none".
	Security string
	// Domain names the sender in Message-IDs (default: From's domain).
	Domain  string
	Timeout time.Duration
	// TLSConfig is for tests with their own certificates.
	TLSConfig *tls.Config
}

// SMTP sends mail.
type SMTP struct {
	cfg SMTPConfig
}

// NewSMTP returns a sender for cfg.
func NewSMTP(cfg SMTPConfig) (*SMTP, error) {
	if _, _, err := net.SplitHostPort(cfg.Addr); err != nil {
		return nil, fmt.Errorf("smtp: bad address %q", cfg.Addr)
	}
	a, err := mail.ParseAddress(cfg.From)
	if err != nil {
		return nil, fmt.Errorf("smtp: bad from address %q", cfg.From)
	}
	cfg.From = a.Address
	if cfg.Domain == "" {
		cfg.Domain = cfg.From[strings.LastIndexByte(cfg.From, '@')+1:]
	}
	if cfg.Security == "" {
		cfg.Security = "starttls"
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	return &SMTP{cfg: cfg}, nil
}

// Name implements channel.Sender.
func (s *SMTP) Name() string { return "smtp" }

// MessageID is the stable Message-ID of our message id: a resend carries
// the same one, so a receiving server that remembers IDs drops the copy.
func (s *SMTP) MessageID(id int64) string { return fmt.Sprintf("<aduan.%d@%s>", id, s.cfg.Domain) }

// Compose renders m as an RFC 5322 message in UTF-8.
func (s *SMTP) Compose(m *channel.Message, now time.Time) []byte {
	var b bytes.Buffer
	h := func(k, v string) { fmt.Fprintf(&b, "%s: %s\r\n", k, v) }
	h("From", (&mail.Address{Address: s.cfg.From}).String())
	h("To", (&mail.Address{Address: m.To}).String())
	h("Subject", mime.QEncoding.Encode("utf-8", m.Subject))
	h("Date", now.Format(time.RFC1123Z))
	h("Message-ID", s.MessageID(m.ID))
	h("MIME-Version", "1.0")
	h("Content-Type", "text/plain; charset=utf-8")
	h("Content-Transfer-Encoding", "quoted-printable")
	h("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	qp.Write([]byte(strings.ReplaceAll(m.Body, "\n", "\r\n")))
	qp.Close()
	return b.Bytes()
}

// Send implements channel.Sender. A 5xx answer is permanent; a failure after
// the data was handed over may have delivered the mail and is Unsure.
func (s *SMTP) Send(ctx context.Context, m *channel.Message) (channel.Receipt, error) {
	if _, err := mail.ParseAddress(m.To); err != nil {
		return channel.Receipt{}, channel.Permanent(fmt.Errorf("smtp: recipient: %w", err))
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.Timeout)
	defer cancel()
	host, _, _ := net.SplitHostPort(s.cfg.Addr)
	d := &net.Dialer{}
	var conn net.Conn
	var err error
	if s.cfg.Security == "tls" {
		conn, err = (&tls.Dialer{NetDialer: d, Config: s.tlsConfig(host)}).DialContext(ctx, "tcp", s.cfg.Addr)
	} else {
		conn, err = d.DialContext(ctx, "tcp", s.cfg.Addr)
	}
	if err != nil {
		return channel.Receipt{}, fmt.Errorf("smtp: %w", err)
	}
	if dl, ok := ctx.Deadline(); ok {
		conn.SetDeadline(dl)
	}
	c, err := smtp.NewClient(conn, host)
	if err != nil {
		conn.Close()
		return channel.Receipt{}, classify(err, false)
	}
	defer c.Close()
	if s.cfg.Security == "starttls" {
		if ok, _ := c.Extension("STARTTLS"); ok {
			if err := c.StartTLS(s.tlsConfig(host)); err != nil {
				return channel.Receipt{}, classify(err, false)
			}
		}
	}
	if s.cfg.Username != "" {
		if err := c.Auth(smtp.PlainAuth("", s.cfg.Username, s.cfg.Password, host)); err != nil {
			return channel.Receipt{}, channel.Permanent(fmt.Errorf("smtp: auth: %w", err))
		}
	}
	if err := c.Mail(s.cfg.From); err != nil {
		return channel.Receipt{}, classify(err, false)
	}
	if err := c.Rcpt(m.To); err != nil {
		return channel.Receipt{}, classify(err, false)
	}
	w, err := c.Data()
	if err != nil {
		return channel.Receipt{}, classify(err, false)
	}
	if _, err := w.Write(s.Compose(m, time.Now())); err != nil {
		return channel.Receipt{}, classify(err, true)
	}
	if err := w.Close(); err != nil {
		return channel.Receipt{}, classify(err, true)
	}
	c.Quit()
	return channel.Receipt{GatewayID: s.MessageID(m.ID), Parts: 1}, nil
}

func (s *SMTP) tlsConfig(host string) *tls.Config {
	if s.cfg.TLSConfig != nil {
		return s.cfg.TLSConfig
	}
	return &tls.Config{ServerName: host, MinVersion: tls.VersionTLS12}
}

// classify sorts an SMTP error: 5xx is permanent, 4xx and network errors
// are retried, except that a network error after the message data was
// sent is Unsure.
func classify(err error, afterData bool) error {
	var te *textproto.Error
	if errors.As(err, &te) {
		err = fmt.Errorf("smtp: %d %s", te.Code, te.Msg)
		if te.Code >= 500 {
			return channel.Permanent(err)
		}
		return err
	}
	err = fmt.Errorf("smtp: %w", err)
	if afterData {
		return channel.Unsure(err)
	}
	return err
}
