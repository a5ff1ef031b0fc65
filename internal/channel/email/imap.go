package email

import (
	"bytes"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/emersion/go-imap/v2"
	"github.com/emersion/go-imap/v2/imapclient"
	_ "github.com/emersion/go-message/charset" // decodes mail in ISO-8859-1, Windows-1252, …
	"github.com/emersion/go-message/mail"

	"github.com/kotakita/aduan/internal/channel"
)

// IMAPConfig says how to reach the call center's mailbox.
type IMAPConfig struct {
	Addr     string // host:port
	Username string
	Password string
	Mailbox  string // default INBOX
	// Security is "tls" (implicit, port 993; default), "starttls" or
	// "none" (only for a server on this machine).
	Security  string
	TLSConfig *tls.Config
	// MaxMail bounds one mail's size; a larger one is imported without
	// its attachments (default 25 MiB).
	MaxMail int64
	// Batch is how many mails one poll imports at most (default 50).
	Batch int
}

// IMAP reads new mail from a mailbox.
type IMAP struct {
	cfg IMAPConfig
}

// NewIMAP returns a poller for cfg.
func NewIMAP(cfg IMAPConfig) (*IMAP, error) {
	if _, _, err := net.SplitHostPort(cfg.Addr); err != nil {
		return nil, fmt.Errorf("imap: bad address %q", cfg.Addr)
	}
	if cfg.Mailbox == "" {
		cfg.Mailbox = "INBOX"
	}
	if cfg.Security == "" {
		cfg.Security = "tls"
	}
	if cfg.MaxMail <= 0 {
		cfg.MaxMail = 25 << 20
	}
	if cfg.Batch <= 0 {
		cfg.Batch = 50
	}
	return &IMAP{cfg: cfg}, nil
}

// Name identifies the mailbox (user, server and folder).
func (b *IMAP) Name() string { return b.cfg.Username + "@" + b.cfg.Addr + "/" + b.cfg.Mailbox }

func (b *IMAP) dial() (*imapclient.Client, error) {
	opts := &imapclient.Options{TLSConfig: b.cfg.TLSConfig, Dialer: &net.Dialer{Timeout: 30 * time.Second}}
	switch b.cfg.Security {
	case "none":
		return imapclient.DialInsecure(b.cfg.Addr, opts)
	case "starttls":
		return imapclient.DialStartTLS(b.cfg.Addr, opts)
	default:
		return imapclient.DialTLS(b.cfg.Addr, opts)
	}
}

// Poll implements jobs.Mailbox: it delivers each mail with a UID above
// lastUID (all mail when the mailbox's UIDVALIDITY is no longer validity),
// oldest first, and stops at the first error. It only reads (BODY.PEEK), so
// the mailbox is left as it was for people who also read it.
func (b *IMAP) Poll(ctx context.Context, validity, lastUID uint32, deliver func(validity, uid uint32, m *channel.Message) error) error {
	c, err := b.dial()
	if err != nil {
		return fmt.Errorf("imap: %w", err)
	}
	defer c.Close()
	// The client has no per-command deadline: closing the connection when
	// ctx ends (the job's timeout) unblocks a stuck command.
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	if err := c.Login(b.cfg.Username, b.cfg.Password).Wait(); err != nil {
		return fmt.Errorf("imap: login: %w", err)
	}
	sel, err := c.Select(b.cfg.Mailbox, &imap.SelectOptions{ReadOnly: true}).Wait()
	if err != nil {
		return fmt.Errorf("imap: select %s: %w", b.cfg.Mailbox, err)
	}
	if sel.UIDValidity != validity {
		lastUID = 0
	}
	if sel.NumMessages == 0 {
		return c.Logout().Wait()
	}
	res, err := c.UIDSearch(&imap.SearchCriteria{UID: []imap.UIDSet{{imap.UIDRange{Start: imap.UID(lastUID + 1), Stop: 0}}}}, nil).Wait()
	if err != nil {
		return fmt.Errorf("imap: search: %w", err)
	}
	var uids []imap.UID
	for _, u := range res.AllUIDs() {
		// "n:*" always includes the highest UID, even below n.
		if uint32(u) > lastUID {
			uids = append(uids, u)
		}
	}
	sort.Slice(uids, func(i, j int) bool { return uids[i] < uids[j] })
	if len(uids) > b.cfg.Batch {
		uids = uids[:b.cfg.Batch]
	}
	section := &imap.FetchItemBodySection{Peek: true}
	for _, uid := range uids {
		if err := ctx.Err(); err != nil {
			return err
		}
		msgs, err := c.Fetch(imap.UIDSetNum(uid), &imap.FetchOptions{UID: true, RFC822Size: true, InternalDate: true, BodySection: []*imap.FetchItemBodySection{section}}).Collect()
		if err != nil {
			return fmt.Errorf("imap: fetch %d: %w", uid, err)
		}
		if len(msgs) == 0 {
			continue // expunged meanwhile
		}
		raw := msgs[0].FindBodySection(section)
		m := Parse(raw, b.cfg.MaxMail)
		if m.GatewayID == "" {
			m.GatewayID = fmt.Sprintf("%s:%d:%d", b.Name(), sel.UIDValidity, uid)
		}
		if m.CreatedAt.IsZero() {
			m.CreatedAt = msgs[0].InternalDate
		}
		if err := deliver(sel.UIDValidity, uint32(uid), m); err != nil {
			return err
		}
	}
	return c.Logout().Wait()
}

var tagRe = regexp.MustCompile(`(?s)<[^>]*>`)

// Parse reads a mail into an incoming message: sender, subject, the text
// (text/plain preferred, else HTML with its tags removed) and its files.
// What cannot be read is kept as far as it goes, with a note: a broken
// mail is still a message someone sent.
func Parse(raw []byte, maxMail int64) *channel.Message {
	m := &channel.Message{Channel: channel.Email, Direction: channel.In, Via: "imap"}
	r, err := mail.CreateReader(bytes.NewReader(raw))
	if err != nil && r == nil {
		m.Body = strings.ToValidUTF8(string(raw), "\uFFFD")
		m.Note = "mail could not be parsed: " + err.Error()
		return m
	}
	h := r.Header
	if from, err := h.AddressList("From"); err == nil && len(from) > 0 {
		m.From = strings.ToLower(from[0].Address)
	} else {
		m.From = strings.TrimSpace(h.Get("From"))
	}
	if to, err := h.AddressList("To"); err == nil && len(to) > 0 {
		m.To = strings.ToLower(to[0].Address)
	}
	m.Subject, _ = h.Subject()
	if id, err := h.MessageID(); err == nil && id != "" {
		m.GatewayID = "<" + id + ">"
	}
	if d, err := h.Date(); err == nil {
		m.CreatedAt = d.UTC()
	}
	var plain, html string
	var notes []string
	for {
		p, err := r.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			notes = append(notes, "part not readable: "+err.Error())
			break
		}
		switch ph := p.Header.(type) {
		case *mail.InlineHeader:
			ct, _, _ := ph.ContentType()
			body, _ := io.ReadAll(io.LimitReader(p.Body, maxMail))
			switch {
			case ct == "text/plain" && plain == "":
				plain = string(body)
			case ct == "text/html" && html == "":
				html = string(body)
			case strings.HasPrefix(ct, "image/"):
				_, params, _ := ph.ContentDisposition()
				m.Files = append(m.Files, channel.File{Name: params["filename"], ContentType: ct, Data: body})
			}
		case *mail.AttachmentHeader:
			name, _ := ph.Filename()
			ct, _, _ := ph.ContentType()
			body, _ := io.ReadAll(io.LimitReader(p.Body, maxMail+1))
			m.Files = append(m.Files, channel.File{Name: name, ContentType: ct, Data: body})
		}
	}
	switch {
	case plain != "":
		m.Body = plain
	case html != "":
		m.Body = strings.Join(strings.Fields(tagRe.ReplaceAllString(html, " ")), " ")
	}
	m.Note = strings.Join(notes, "; ")
	return m
}
