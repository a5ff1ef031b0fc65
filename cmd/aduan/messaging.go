package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/channel/email"
	"github.com/kotakita/aduan/internal/channel/sms"
	"github.com/kotakita/aduan/internal/channel/whatsapp"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/live"
	"github.com/kotakita/aduan/internal/msgsvc"
	"github.com/kotakita/aduan/internal/store"
	"github.com/kotakita/aduan/internal/web"
)

// MessagingConfig holds the gateways' settings. With none of them set every
// message goes to the outbox (recorded, not sent), so `aduan serve` works
// alone.
type MessagingConfig struct {
	PublicURL      string
	KannelURL      string
	KannelUser     string
	KannelPassword string
	KannelFrom     string
	KannelSecret   string
	KannelAdmin    string
	KannelAdminPwd string
	ReviewSettle   time.Duration
	WAToken        string
	WAPhoneID      string
	WAAppSecret    string
	WAVerifyToken  string
	WAAPIURL       string
	WALang         string
	SMTPAddr       string
	SMTPUser       string
	SMTPPassword   string
	SMTPFrom       string
	SMTPSecurity   string
	IMAPAddr       string
	IMAPUser       string
	IMAPPassword   string
	IMAPMailbox    string
	IMAPSecurity   string
	IMAPInterval   time.Duration
	AttachDir      string
	AttachMaxBytes int64
	S3Endpoint     string
	S3Bucket       string
	S3AccessKey    string
	S3SecretKey    string
	S3Region       string
	S3Prefix       string
	S3Insecure     bool
	JobWorkers     int64
	JobPoll        time.Duration
	RetryBase      time.Duration
	RetryMax       time.Duration
	MaxAttempts    int64
	RescueAfter    time.Duration
}

func messagingSettings(str func(func(*Config) *string) func(*Config, string) error,
	boolean func(func(*Config) *bool) func(*Config, string) error,
	dur func(func(*Config) *time.Duration) func(*Config, string) error) []setting {
	m := func(f func(*MessagingConfig) *string) func(*Config, string) error {
		return str(func(c *Config) *string { return f(&c.Messaging) })
	}
	num := func(f func(*MessagingConfig) *int64) func(*Config, string) error {
		return func(c *Config, v string) error {
			n, err := strconv.ParseInt(v, 10, 64)
			if err != nil || n <= 0 {
				return fmt.Errorf("not a positive number: %q", v)
			}
			*f(&c.Messaging) = n
			return nil
		}
	}
	return []setting{
		{"public-url", "ADUAN_PUBLIC_URL", "", "URL at which the gateways reach this service (Kannel delivery reports); default http://ADDR", m(func(c *MessagingConfig) *string { return &c.PublicURL })},
		{"kannel-url", "ADUAN_KANNEL_URL", "", "Kannel sendsms URL (http://host:13013/cgi-bin/sendsms); empty: SMS go to the outbox", m(func(c *MessagingConfig) *string { return &c.KannelURL })},
		{"kannel-user", "ADUAN_KANNEL_USER", "", "Kannel sendsms-user username", m(func(c *MessagingConfig) *string { return &c.KannelUser })},
		{"kannel-password", "ADUAN_KANNEL_PASSWORD", "", "Kannel sendsms-user password", m(func(c *MessagingConfig) *string { return &c.KannelPassword })},
		{"kannel-from", "ADUAN_KANNEL_FROM", "", "SMS sender (the SMS center number, e.g. 0811631500)", m(func(c *MessagingConfig) *string { return &c.KannelFrom })},
		{"kannel-secret", "ADUAN_KANNEL_SECRET", "", "shared secret in Kannel's dlr-url and get-url (?secret=); required with --kannel-url", m(func(c *MessagingConfig) *string { return &c.KannelSecret })},
		{"kannel-admin-url", "ADUAN_KANNEL_ADMIN_URL", "", "bearerbox admin URL (http://host:13000): lets the service ask which SMS Kannel still holds, to resend by itself a send cut short that never reached Kannel (needs Kannel's store-file)", m(func(c *MessagingConfig) *string { return &c.KannelAdmin })},
		{"kannel-admin-password", "ADUAN_KANNEL_ADMIN_PASSWORD", "", "bearerbox admin-password (status-password suffices)", m(func(c *MessagingConfig) *string { return &c.KannelAdminPwd })},
		{"review-settle", "ADUAN_REVIEW_SETTLE", "10m", "how long a send under review waits for its gateway's report before the service judges it: longer than Kannel retries a delivery report", dur(func(c *Config) *time.Duration { return &c.Messaging.ReviewSettle })},
		{"whatsapp-token", "ADUAN_WHATSAPP_TOKEN", "", "WhatsApp Cloud API access token; empty: WhatsApp messages go to the outbox", m(func(c *MessagingConfig) *string { return &c.WAToken })},
		{"whatsapp-phone-id", "ADUAN_WHATSAPP_PHONE_ID", "", "WhatsApp Cloud API phone number ID", m(func(c *MessagingConfig) *string { return &c.WAPhoneID })},
		{"whatsapp-app-secret", "ADUAN_WHATSAPP_APP_SECRET", "", "Meta app secret that signs webhooks (X-Hub-Signature-256)", m(func(c *MessagingConfig) *string { return &c.WAAppSecret })},
		{"whatsapp-verify-token", "ADUAN_WHATSAPP_VERIFY_TOKEN", "", "token Meta sends in the webhook subscription handshake", m(func(c *MessagingConfig) *string { return &c.WAVerifyToken })},
		{"whatsapp-api-url", "ADUAN_WHATSAPP_API_URL", "https://graph.facebook.com/v21.0", "WhatsApp Cloud API base URL with version", m(func(c *MessagingConfig) *string { return &c.WAAPIURL })},
		{"whatsapp-lang", "ADUAN_WHATSAPP_LANG", "id", "language code of the approved WhatsApp templates", m(func(c *MessagingConfig) *string { return &c.WALang })},
		{"smtp-addr", "ADUAN_SMTP_ADDR", "", "SMTP server host:port; empty: e-mail goes to the outbox", m(func(c *MessagingConfig) *string { return &c.SMTPAddr })},
		{"smtp-user", "ADUAN_SMTP_USER", "", "SMTP user name (empty: no authentication)", m(func(c *MessagingConfig) *string { return &c.SMTPUser })},
		{"smtp-password", "ADUAN_SMTP_PASSWORD", "", "SMTP password", m(func(c *MessagingConfig) *string { return &c.SMTPPassword })},
		{"smtp-from", "ADUAN_SMTP_FROM", "", "sender address (default: the call_center_email setting)", m(func(c *MessagingConfig) *string { return &c.SMTPFrom })},
		{"smtp-security", "ADUAN_SMTP_SECURITY", "starttls", "SMTP security: starttls, tls or none", m(func(c *MessagingConfig) *string { return &c.SMTPSecurity })},
		{"imap-addr", "ADUAN_IMAP_ADDR", "", "IMAP server host:port of the call-center mailbox; empty: no mail polling", m(func(c *MessagingConfig) *string { return &c.IMAPAddr })},
		{"imap-user", "ADUAN_IMAP_USER", "", "IMAP user name", m(func(c *MessagingConfig) *string { return &c.IMAPUser })},
		{"imap-password", "ADUAN_IMAP_PASSWORD", "", "IMAP password", m(func(c *MessagingConfig) *string { return &c.IMAPPassword })},
		{"imap-mailbox", "ADUAN_IMAP_MAILBOX", "INBOX", "IMAP folder to import", m(func(c *MessagingConfig) *string { return &c.IMAPMailbox })},
		{"imap-security", "ADUAN_IMAP_SECURITY", "tls", "IMAP security: tls, starttls or none", m(func(c *MessagingConfig) *string { return &c.IMAPSecurity })},
		{"imap-interval", "ADUAN_IMAP_INTERVAL", "1m", "how often to look for new mail", dur(func(c *Config) *time.Duration { return &c.Messaging.IMAPInterval })},
		{"attach-dir", "ADUAN_ATTACH_DIR", "", "folder for photos (default DATA/attachments); unused with --s3-bucket", m(func(c *MessagingConfig) *string { return &c.AttachDir })},
		{"attach-max-bytes", "ADUAN_ATTACH_MAX_BYTES", "10485760", "largest photo accepted", num(func(c *MessagingConfig) *int64 { return &c.AttachMaxBytes })},
		{"s3-endpoint", "ADUAN_S3_ENDPOINT", "", "S3-compatible endpoint host:port, for photos shared by several instances", m(func(c *MessagingConfig) *string { return &c.S3Endpoint })},
		{"s3-bucket", "ADUAN_S3_BUCKET", "", "S3 bucket for photos (empty: local folder)", m(func(c *MessagingConfig) *string { return &c.S3Bucket })},
		{"s3-access-key", "ADUAN_S3_ACCESS_KEY", "", "S3 access key", m(func(c *MessagingConfig) *string { return &c.S3AccessKey })},
		{"s3-secret-key", "ADUAN_S3_SECRET_KEY", "", "S3 secret key", m(func(c *MessagingConfig) *string { return &c.S3SecretKey })},
		{"s3-region", "ADUAN_S3_REGION", "us-east-1", "S3 region", m(func(c *MessagingConfig) *string { return &c.S3Region })},
		{"s3-prefix", "ADUAN_S3_PREFIX", "aduan/", "key prefix in the bucket", m(func(c *MessagingConfig) *string { return &c.S3Prefix })},
		{"s3-insecure", "ADUAN_S3_INSECURE", "false", "talk to the S3 endpoint over plain HTTP", boolean(func(c *Config) *bool { return &c.Messaging.S3Insecure })},
		{"job-workers", "ADUAN_JOB_WORKERS", "4", "how many jobs (sends, matching) run at once per instance", num(func(c *MessagingConfig) *int64 { return &c.JobWorkers })},
		{"job-poll", "ADUAN_JOB_POLL", "200ms", "how often idle job workers look for work", dur(func(c *Config) *time.Duration { return &c.Messaging.JobPoll })},
		{"send-attempts", "ADUAN_SEND_ATTEMPTS", "8", "attempts per message before it is marked failed", num(func(c *MessagingConfig) *int64 { return &c.MaxAttempts })},
		{"send-retry-base", "ADUAN_SEND_RETRY_BASE", "15s", "wait after the first failed attempt; doubled after each", dur(func(c *Config) *time.Duration { return &c.Messaging.RetryBase })},
		{"send-retry-max", "ADUAN_SEND_RETRY_MAX", "15m", "longest wait between attempts", dur(func(c *Config) *time.Duration { return &c.Messaging.RetryMax })},
		{"job-rescue-after", "ADUAN_JOB_RESCUE_AFTER", "5m", "when a job left running by a stopped instance is taken up again", dur(func(c *Config) *time.Duration { return &c.Messaging.RescueAfter })},
	}
}

// startMessaging builds the senders, the attachment storage and the job
// queue, hooks the queue into every complaint change, and starts it.
func (m *Main) startMessaging(ctx context.Context, st *store.Store) (*msgsvc.Messaging, error) {
	mc := m.Config.Messaging
	senders := map[channel.Kind]channel.Sender{}
	var media jobs.MediaFetcher
	base := func() string {
		if mc.PublicURL != "" {
			return strings.TrimRight(mc.PublicURL, "/")
		}
		if m.ln != nil {
			return "http://" + m.ln.Addr().String()
		}
		return "http://" + m.Config.Addr
	}
	if mc.KannelURL != "" {
		if mc.KannelSecret == "" {
			return nil, errors.New("ADUAN_KANNEL_SECRET is required with ADUAN_KANNEL_URL: Kannel's callbacks are checked against it")
		}
		k, err := sms.NewKannel(sms.Config{URL: mc.KannelURL, Username: mc.KannelUser, Password: mc.KannelPassword, From: mc.KannelFrom,
			AdminURL: mc.KannelAdmin, AdminPassword: mc.KannelAdminPwd,
			MaxParts: jobs.MaxSMSParts, DLRURL: func(id int64) string {
				return base() + "/api/v1/channels/kannel/dlr?secret=" + url.QueryEscape(mc.KannelSecret) + "&id=" + strconv.FormatInt(id, 10) + "&type=%d"
			}})
		if err != nil {
			return nil, err
		}
		senders[channel.SMS] = k
	}
	if mc.WAToken != "" {
		u, err := url.Parse(mc.WAAPIURL)
		if err != nil || u.Host == "" {
			return nil, fmt.Errorf("ADUAN_WHATSAPP_API_URL: bad URL %q", mc.WAAPIURL)
		}
		version := strings.Trim(u.Path, "/")
		u.Path = ""
		w, err := whatsapp.New(whatsapp.Config{BaseURL: u.String(), Version: version, PhoneNumberID: mc.WAPhoneID, Token: mc.WAToken, Lang: mc.WALang})
		if err != nil {
			return nil, err
		}
		senders[channel.WhatsApp] = w
		media = w
	}
	if mc.SMTPAddr != "" {
		from := mc.SMTPFrom
		if from == "" {
			settings, err := st.RefData().Settings(ctx)
			if err != nil {
				return nil, err
			}
			if from = settings["call_center_email"]; from == "" {
				from = aduan.DefaultSettings()["call_center_email"]
			}
		}
		s, err := email.NewSMTP(email.SMTPConfig{Addr: mc.SMTPAddr, Username: mc.SMTPUser, Password: mc.SMTPPassword, From: from, Security: mc.SMTPSecurity})
		if err != nil {
			return nil, err
		}
		senders[channel.Email] = s
	}
	files, err := openFiles(&mc, m.Config.DataDir)
	if err != nil {
		return nil, err
	}
	m.files, m.photoMax = files, mc.AttachMaxBytes
	var mailbox jobs.Mailbox
	if mc.IMAPAddr != "" {
		b, err := email.NewIMAP(email.IMAPConfig{Addr: mc.IMAPAddr, Username: mc.IMAPUser, Password: mc.IMAPPassword, Mailbox: mc.IMAPMailbox,
			Security: mc.IMAPSecurity, MaxMail: 2*mc.AttachMaxBytes + 1<<20})
		if err != nil {
			return nil, err
		}
		mailbox = b
	}
	q, err := jobs.New(ctx, jobs.Config{Store: st, Log: m.Log, Senders: senders, Files: files, MaxFileBytes: mc.AttachMaxBytes, Media: media,
		Mailbox: mailbox, MailInterval: mc.IMAPInterval, PollInterval: mc.JobPoll, Workers: int(mc.JobWorkers),
		MaxAttempts: int(mc.MaxAttempts), RetryBase: mc.RetryBase, RetryMax: mc.RetryMax, RescueAfter: mc.RescueAfter,
		ReviewSettle: mc.ReviewSettle, Command: m.Citizen.Command, Changed: m.messageChanged, Retrain: m.retrain})
	if err != nil {
		return nil, err
	}
	m.Citizen.Queue = q
	st.SetTransitionHooks(q.OnTransition, m.Citizen.OnTransition)
	if err := q.Start(ctx); err != nil {
		return nil, err
	}
	m.Queue = q
	for _, k := range channel.Kinds {
		via := "outbox"
		if s := senders[k]; s != nil {
			via = s.Name()
		}
		m.Log.Info("messages", "channel", string(k), "via", via)
	}
	return &msgsvc.Messaging{Queue: q, Files: files, KannelSecret: mc.KannelSecret,
		WhatsAppAppSecret: mc.WAAppSecret, WhatsAppVerifyToken: mc.WAVerifyToken}, nil
}

// messageChanged tells the consoles that a message of a complaint changed
// status (a delivery report, a WhatsApp status, a send that went, failed
// or waits for another attempt) or that a reply landed on it, so that the
// complaint's page refreshes its messages (and, for a reply, the lists
// refresh). The event carries the complaint's agency, which decides who
// may hear of it.
func (m *Main) messageChanged(ctx context.Context, msg *channel.Message) {
	if m.Hub == nil {
		return
	}
	c, err := m.Store.Complaints().Complaint(ctx, aduan.System, msg.ComplaintID)
	if err != nil {
		m.Log.Warn("message change not published", "message_id", msg.ID, "err", err)
		return
	}
	m.Hub.Publish(live.Event{Kind: "msgstatus", ComplaintID: c.ID, Number: c.Number, Status: string(msg.Status), AgencyID: c.AgencyID,
		Direction: string(msg.Direction)})
}

// stopMessaging lets running jobs finish, for up to the shutdown grace.
func (m *Main) stopMessaging() error {
	if m.Queue == nil {
		return nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), m.Config.ShutdownGrace)
	defer cancel()
	return m.Queue.Stop(ctx)
}

// messageExtras fill the complaint page's messages (in and out, with their
// delivery status and, for those who may, a retry button) and its photo
// gallery. Photos are served by /photos/{id}, which checks again that the
// viewer may see the complaint's content; storage keys stay on the server.
func messageExtras(st *store.Store) web.Extras {
	return web.Extras{
		Messages: func(ctx context.Context, actor aduan.Actor, c *aduan.Complaint) ([]web.MessageView, error) {
			msgs, err := st.Messages().ComplaintMessages(ctx, actor, c.ID)
			if err != nil {
				return nil, err
			}
			show := actor.CanSeeIdentity(c) && actor.CanSeeContent(c)
			retry := store.CanListMessages(actor)
			out := make([]web.MessageView, 0, len(msgs))
			for _, m := range msgs {
				class, key := web.MessageStatus(m)
				v := web.MessageView{ID: m.ID, At: i18n.DateTime(i18n.ID, m.CreatedAt), Time: m.CreatedAt, Channel: string(m.Channel),
					Direction: string(m.Direction), Party: web.MessageParty(m, show), Subject: m.Subject, Body: m.Body,
					Status: class, StatusKey: key, PurposeKey: "msg.purpose." + string(m.Purpose), Error: m.Error, Parts: m.Parts,
					Retry: retry && m.Direction == channel.Out && (m.Status == channel.StatusFailed || m.Status == channel.StatusReview)}
				if m.Channel != channel.Email {
					v.Subject = "" // rendered for every channel, read only in an e-mail
				}
				if !show {
					v.Subject, v.Body, v.Hidden = "", "", true
				}
				out = append(out, v)
			}
			return out, nil
		},
		Attachments: func(ctx context.Context, actor aduan.Actor, id int64) ([]web.AttachmentView, error) {
			files, err := st.Attachments().Attachments(ctx, actor, id)
			if err != nil {
				return nil, err
			}
			out := make([]web.AttachmentView, 0, len(files))
			for _, f := range files {
				u := "/photos/" + strconv.FormatInt(f.ID, 10)
				name := f.Filename
				if name == "" {
					name = "foto-" + strconv.FormatInt(f.ID, 10)
				}
				v := web.AttachmentView{Name: name, URL: u}
				if f.ThumbKey != "" {
					v.ThumbURL = u + "?thumb=1"
				}
				out = append(out, v)
			}
			return out, nil
		},
	}
}

// openFiles opens where photos are kept: the S3 bucket, else the local
// folder (DATA/attachments by default).
func openFiles(mc *MessagingConfig, dataDir string) (attach.Storage, error) {
	if mc.S3Bucket != "" {
		return attach.NewS3(attach.S3Config{Endpoint: mc.S3Endpoint, Bucket: mc.S3Bucket, AccessKey: mc.S3AccessKey, SecretKey: mc.S3SecretKey,
			Region: mc.S3Region, Prefix: mc.S3Prefix, Insecure: mc.S3Insecure})
	}
	dir := mc.AttachDir
	if dir == "" {
		dir = filepath.Join(dataDir, "attachments")
	}
	return &attach.Local{Dir: dir}, nil
}
