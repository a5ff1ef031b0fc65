package jobs

import (
	"context"
	"database/sql"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/riverqueue/river"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/errctx"
	"github.com/kotakita/aduan/internal/phone"
	"github.com/kotakita/aduan/internal/store"
)

type ctxKey int

const inboundKey ctxKey = 1

// withInbound tags ctx with the incoming message being handled, so that the
// complaint change it causes links it in the same transaction (a crash
// after the change can then never create a second complaint for it).
func withInbound(ctx context.Context, id int64) context.Context {
	return context.WithValue(ctx, inboundKey, id)
}

func inboundOf(ctx context.Context) int64 {
	id, _ := ctx.Value(inboundKey).(int64)
	return id
}

// MailPlace is where an e-mail was in the mailbox; it moves with the stored
// message, in one transaction.
type MailPlace struct {
	Mailbox  string
	Validity uint32
	UID      uint32
}

// Receive stores an incoming message and enqueues its matching, in one
// transaction, and reports whether it was new: the same gateway ID twice (a
// webhook delivered again) stores nothing. The message is kept whatever it
// holds; what cannot be matched is marked ignored with the reason, never
// dropped. Attached images are checked and stored (EXIF location removed)
// before the transaction commits; other files are noted and not kept. Files
// the gateway still holds (a WhatsApp media ID) are fetched by a job, which
// queues the matching once they are stored.
func (q *Queue) Receive(ctx context.Context, m *channel.Message, place *MailPlace) (_ bool, err error) {
	defer errctx.Wrap(&err, "Queue.Receive()")
	m.Direction, m.Status = channel.In, channel.StatusReceived
	if m.Purpose == "" {
		m.Purpose = channel.PurposeInbound
	}
	m.Body = cleanText(m.Body, 20000)
	m.Subject = cleanText(m.Subject, 500)
	m.From = strings.ToValidUTF8(m.From, "?")
	m.To = strings.ToValidUTF8(m.To, "?")
	inserted := false
	err = q.st.WriteTx(ctx, func(tx *sql.Tx) error {
		var err error
		inserted, err = q.st.Messages().InsertMessage(ctx, tx, m)
		if err != nil {
			return err
		}
		if place != nil {
			if err := q.st.Attachments().SetIMAPState(ctx, tx, place.Mailbox, place.Validity, place.UID); err != nil {
				return err
			}
		}
		if !inserted {
			return nil
		}
		var notes []string
		var media []MediaRef
		for i, f := range m.Files {
			if f.MediaID != "" {
				media = append(media, MediaRef{Part: i, ID: f.MediaID, Name: f.Name})
				continue
			}
			note, err := q.storeFile(ctx, tx, m.ID, i, f)
			if err != nil {
				return err
			}
			if note != "" {
				notes = append(notes, note)
			}
		}
		if len(notes) > 0 {
			if _, err := tx.ExecContext(ctx, `UPDATE messages SET note = $1 WHERE id = $2`, strings.Join(notes, "; "), m.ID); err != nil {
				return err
			}
		}
		if len(media) > 0 {
			// The files are fetched by a job, never inside the gateway's
			// request; that job queues the matching once they are stored.
			_, err = q.client.InsertTx(ctx, tx, FetchMediaArgs{MessageID: m.ID, Media: media}, nil)
			return err
		}
		_, err = q.client.InsertTx(ctx, tx, InboundArgs{MessageID: m.ID}, nil)
		return err
	})
	return inserted, err
}

// storeFile keeps one attached image: checked by content, EXIF removed,
// thumbnail made. A file that is not a usable image returns a note saying
// why it was not kept.
func (q *Queue) storeFile(ctx context.Context, tx *sql.Tx, msgID int64, part int, f channel.File) (string, error) {
	name := cleanText(f.Name, 200)
	if q.cfg.Files == nil {
		return fmt.Sprintf("%s: not kept (no attachment storage)", name), nil
	}
	img, err := attach.Process(f.Data, q.cfg.MaxFileBytes)
	if err != nil {
		q.log.Info("inbound attachment refused", "message_id", msgID, "file", name, "reason", err.Error())
		return fmt.Sprintf("%s: %v", name, err), nil
	}
	key := fmt.Sprintf("messages/%d/%d%s", msgID, part, img.Ext)
	thumb := fmt.Sprintf("messages/%d/%d-thumb.jpg", msgID, part)
	if err := q.cfg.Files.Put(ctx, key, img.ContentType, img.Data); err != nil {
		return "", err
	}
	if err := q.cfg.Files.Put(ctx, thumb, "image/jpeg", img.Thumb); err != nil {
		return "", err
	}
	a := &attach.Attachment{MessageID: msgID, Part: part, Filename: name, ContentType: img.ContentType, Size: int64(len(img.Data)),
		Width: img.Width, Height: img.Height, Key: key, ThumbKey: thumb, SHA256: img.SHA256, Lat: img.Lat, Lng: img.Lng}
	_, err = q.st.Attachments().InsertAttachment(ctx, tx, a)
	return "", err
}

// cleanText makes text safe to keep: valid UTF-8, no control characters but
// newlines and tabs, at most max runes.
func cleanText(s string, max int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return r
		}
		if r == '\r' {
			return -1
		}
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > max {
		s = string([]rune(s)[:max])
	}
	return s
}

type inboundWorker struct {
	river.WorkerDefaults[InboundArgs]
	q *Queue
}

// Work matches an incoming message: by the complaint number in its text or
// subject, else to the sender's open complaint (by phone or e-mail), else
// it opens a new complaint on its channel for an operator to triage. A
// reply to an identity request fills the identity and resumes the clock;
// e-mailed photos are attached and end the wait for photos, their GPS
// position filling a complaint that has none. Each step checks the state
// first, so a retried job does nothing twice.
func (w *inboundWorker) Work(ctx context.Context, job *river.Job[InboundArgs]) (err error) {
	defer errctx.Wrap(&err, "inbound(message %d)", job.Args.MessageID)
	q := w.q
	m, err := q.st.Messages().Message(ctx, job.Args.MessageID)
	if err != nil {
		if aduan.ErrorCode(err) == aduan.ENOTFOUND {
			return river.JobCancel(err)
		}
		return err
	}
	if m.Processed != nil || m.Direction != channel.In {
		return nil
	}
	ctx = withInbound(ctx, m.ID)
	var notes []string
	if m.Note != "" {
		notes = append(notes, m.Note)
	}
	// A command (STATUS …, a survey score) is answered and never opens or
	// moves a complaint.
	if m.ComplaintID == 0 {
		if handled, err := q.runCommand(ctx, m); err != nil || handled {
			return err
		}
	}
	if m.ComplaintID == 0 {
		id, note, err := q.match(ctx, m)
		if err != nil {
			return err
		}
		notes = append(notes, note)
		if id == 0 {
			q.log.Info("inbound message not matched", "message_id", m.ID, "channel", string(m.Channel), "reason", note)
			return q.st.Messages().FinishInbound(ctx, m.ID, channel.StatusIgnored, strings.Join(notes, "; "))
		}
		m.ComplaintID = id
	}
	more, err := q.followUp(ctx, m)
	if err != nil {
		return err
	}
	notes = append(notes, more...)
	if err := q.st.Messages().FinishInbound(ctx, m.ID, channel.StatusProcessed, strings.Join(notes, "; ")); err != nil {
		return err
	}
	// The reply is on its complaint now (and whatever it filled in is
	// committed): the complaint's page shows it, the lists refresh.
	m.Status = channel.StatusProcessed
	q.changed(ctx, m)
	return nil
}

// text is what a message says, for matching: the subject and body.
func text(m *channel.Message) string {
	return strings.TrimSpace(m.Subject + "\n" + m.Body)
}

// match finds or makes the complaint of an incoming message and links the
// message to it. It returns 0 and the reason when the message is kept
// unmatched, for a person to give it to a complaint by hand (triage).
//
// Complaint numbers are sequential and anyone can write one: a message
// that names a complaint is taken for it only when it comes from the
// complaint's citizen (the same number in E.164, or the same e-mail
// address) or from someone the city wrote to about it (the agency staff it
// was forwarded to). From anyone else it changes nothing, and is left for
// triage. Only the citizen's own reply reopens a closed complaint.
func (q *Queue) match(ctx context.Context, m *channel.Message) (int64, string, error) {
	// 1. The complaint number, wherever it is written.
	for _, num := range aduan.FindNumbers(text(m), 3) {
		c, err := q.st.Complaints().ComplaintByNumber(ctx, aduan.System, num)
		if err != nil {
			if aduan.ErrorCode(err) == aduan.ENOTFOUND {
				continue
			}
			return 0, "", err
		}
		who, err := q.senderOf(ctx, m, c)
		if err != nil {
			return 0, "", err
		}
		switch {
		case who == senderStranger:
			return 0, "names " + c.Number + " but is not from its citizen: left for triage", nil
		case c.Open():
			return c.ID, "matched by number " + c.Number, q.link(ctx, m.ID, c.ID)
		case who == senderCorrespondent:
			return c.ID, "matched by number " + c.Number + " (closed; from a correspondent, not its citizen: not reopened)", q.link(ctx, m.ID, c.ID)
		}
		return q.replyToClosed(ctx, m, c)
	}
	// 2. The sender's open complaint.
	var open *aduan.Complaint
	var err error
	switch m.Channel {
	case channel.SMS, channel.WhatsApp:
		if _, perr := phone.Normalize(m.From); perr != nil {
			if text(m) == "" {
				return 0, "empty message from an unknown sender", nil
			}
			return 0, "unknown sender " + m.From + " and no complaint number", nil
		}
		var cz *aduan.Citizen
		if cz, err = q.st.Citizens().CitizenByPhone(ctx, aduan.System, m.From); err == nil {
			open, err = q.st.Complaints().OpenComplaintOf(ctx, cz.ID)
		}
	case channel.Email:
		open, err = q.st.Complaints().OpenComplaintByEmail(ctx, m.From)
	}
	if err != nil && aduan.ErrorCode(err) != aduan.ENOTFOUND {
		return 0, "", err
	}
	if open != nil {
		return open.ID, "matched to the sender's open complaint " + open.Number, q.link(ctx, m.ID, open.ID)
	}
	// 3. A new complaint for triage.
	if text(m) == "" && !q.hasFiles(ctx, m.ID) {
		return 0, "empty message", nil
	}
	return q.newComplaint(ctx, m, "")
}

// The senders of a message naming a complaint, as far as the complaint
// goes.
const (
	senderStranger      = iota
	senderCitizen       // the complaint's citizen: same number or e-mail
	senderCorrespondent // someone the city wrote to about the complaint
)

// senderAddress is the sender of m as the store keeps addresses: a phone
// in E.164 for SMS and WhatsApp, an e-mail address in lower case; empty
// when it is neither.
func senderAddress(m *channel.Message) string {
	switch m.Channel {
	case channel.SMS, channel.WhatsApp:
		p, err := phone.Normalize(m.From)
		if err != nil {
			return ""
		}
		return p
	case channel.Email:
		a := strings.ToLower(strings.TrimSpace(m.From))
		if !strings.Contains(a, "@") {
			return ""
		}
		return a
	}
	return ""
}

// senderOf says who the sender of m is to complaint c.
func (q *Queue) senderOf(ctx context.Context, m *channel.Message, c *aduan.Complaint) (int, error) {
	from := senderAddress(m)
	if from == "" {
		return senderStranger, nil
	}
	if cz := c.Citizen; cz != nil {
		if (m.Channel == channel.Email && cz.Email != "" && cz.Email == from) || (m.Channel != channel.Email && string(cz.Phone) == from) {
			return senderCitizen, nil
		}
	}
	wrote, err := q.st.Messages().WroteTo(ctx, c.ID, from)
	if err != nil || !wrote {
		return senderStranger, err
	}
	return senderCorrespondent, nil
}

func (q *Queue) link(ctx context.Context, msgID, complaintID int64) error {
	return q.st.WriteTx(ctx, func(tx *sql.Tx) error { return q.st.Messages().LinkInbound(ctx, tx, msgID, complaintID) })
}

func (q *Queue) hasFiles(ctx context.Context, msgID int64) bool {
	as, err := q.st.Attachments().MessageAttachments(ctx, msgID)
	return err == nil && len(as) > 0
}

// replyToClosed handles the citizen's reply to a complaint that is done,
// as the setting says. "new" opens a new complaint that names the old one.
// Otherwise a reply never changes what staff recorded: a complaint the
// system closed by itself (auto-close, whose notice told the citizen to
// reply naming the number) is reopened under "reopen", the default; one
// that staff closed, rejected or merged stays as it is, and the reply is
// kept on it (closedReplyNoted).
func (q *Queue) replyToClosed(ctx context.Context, m *channel.Message, c *aduan.Complaint) (int64, string, error) {
	settings, err := q.Settings(ctx)
	if err != nil {
		return 0, "", err
	}
	switch settings[SettingReplyToClosed] {
	case "new":
		return q.newComplaint(ctx, m, c.Number)
	case "note":
	default:
		closer, err := q.closedBy(ctx, c)
		if err != nil {
			return 0, "", err
		}
		if closer == 0 && c.Status == aduan.StatusClosed {
			reason := "Balasan warga melalui " + channelName(m.Channel) + " setelah pengaduan ditutup otomatis"
			_, _, err := q.st.Complaints().ApplyAction(ctx, aduan.System, c.ID, 0, aduan.ActionReopen, aduan.ActionInput{Reason: reason})
			if err == nil {
				return c.ID, "reply to closed complaint " + c.Number + ": reopened (it was closed automatically)", nil
			}
			if code := aduan.ErrorCode(err); code != aduan.ETRANSITION && code != aduan.EINVALID {
				return 0, "", err
			}
		}
	}
	return q.closedReplyNoted(ctx, m, c, settings)
}

// closedBy is the user who made c done (closed, rejected, merged): 0 when
// the system did (auto-close).
func (q *Queue) closedBy(ctx context.Context, c *aduan.Complaint) (int64, error) {
	evs, err := q.st.Complaints().Events(ctx, aduan.System, c.ID)
	if err != nil {
		return 0, err
	}
	for i := len(evs) - 1; i >= 0; i-- {
		if e := evs[i]; e.To == c.Status && e.From != c.Status {
			return e.ActorID, nil
		}
	}
	return 0, nil
}

// KindReplyAfterClose is the bell's notice that a citizen replied to a
// complaint that is done.
const KindReplyAfterClose = "reply_after_close"

// closedReplyNoted keeps a reply to a complaint that is done on it, without
// changing it: in one transaction the message is linked to the complaint,
// a note with its text goes on the timeline, the koordinators and the
// person who closed it are told (the bell), and the citizen is answered on
// the same channel how to have it looked at again (a call to the call
// center, or a new complaint). A job retried after the commit finds the
// message linked and does none of it again.
func (q *Queue) closedReplyNoted(ctx context.Context, m *channel.Message, c *aduan.Complaint, settings map[string]string) (int64, string, error) {
	closer, err := q.closedBy(ctx, c)
	if err != nil {
		return 0, "", err
	}
	text := text(m)
	if text == "" {
		text = "(tanpa teks; lihat lampiran)"
	}
	note := "Balasan warga melalui " + channelName(m.Channel) + " setelah pengaduan selesai (status tidak diubah): " + channel.Summary(text, 400)
	hook := func(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, ev *aduan.Event) error {
		if err := q.st.Messages().LinkInbound(ctx, tx, m.ID, c.ID); err != nil {
			return err
		}
		ks, err := q.st.Users().UsersTx(ctx, tx, aduan.RoleKoordinatorCC, 0)
		if err != nil {
			return err
		}
		users := map[int64]bool{}
		for _, u := range ks {
			users[u.ID] = true
		}
		if closer != 0 {
			users[closer] = true
		}
		at := ev.At
		for id := range users {
			if _, err := q.st.Messages().InsertNotification(ctx, tx, &store.Notification{UserID: id, ComplaintID: c.ID, Kind: KindReplyAfterClose, DueAt: &at}); err != nil {
				return err
			}
		}
		if from := senderAddress(m); from != "" {
			body := fmt.Sprintf("Yth. Bapak/Ibu, pengaduan %s sudah selesai ditangani dan balasan Anda sudah kami catat. Bila masalahnya belum selesai, hubungi Call Center %s di %s agar pengaduan dibuka kembali, atau kirim pengaduan baru. -- Call Center %s",
				c.Number, settings["city_name"], settings["call_center_phone"], settings["city_name"])
			r := &channel.Message{ComplaintID: c.ID, Channel: m.Channel, Purpose: PurposeClosedReply, To: from, Body: body}
			if m.Channel == channel.Email {
				r.Subject = "Pengaduan " + c.Number + " sudah selesai"
			}
			if m.Channel == channel.SMS {
				r.From = senderNumber(settings)
				if err := checkSMSLength(r, settings); err != nil {
					r.Status, r.Error = channel.StatusFailed, "msg.sms_too_long"
				}
			}
			return q.enqueue(ctx, tx, r)
		}
		return nil
	}
	if _, err := q.st.Complaints().AddNote(ctx, aduan.System, c.ID, store.NoteInput{Kind: store.NoteText, Text: note}, hook); err != nil {
		return 0, "", err
	}
	return c.ID, "reply to " + c.Number + ", which is done: kept on it as a note, staff told, the citizen answered how to reopen (not reopened)", nil
}

// PurposeClosedReply marks the answer to a reply on a complaint that is
// done: how to have it looked at again.
const PurposeClosedReply channel.Purpose = "closed_reply"

// newComplaint opens a complaint on the message's channel; the store's hook
// links the message inside the same transaction.
func (q *Queue) newComplaint(ctx context.Context, m *channel.Message, after string) (int64, string, error) {
	ch := aduan.ChannelSMS
	switch m.Channel {
	case channel.WhatsApp:
		ch = aduan.ChannelWhatsApp
	case channel.Email:
		ch = aduan.ChannelEmail
	}
	body := m.Body
	if m.Channel == channel.Email && m.Subject != "" {
		body = m.Subject + "\n\n" + m.Body
	}
	body = cleanText(body, aduan.MaxTextLen-100)
	if body == "" {
		body = "(tanpa teks; lihat lampiran)"
	}
	if after != "" {
		body = "Balasan atas pengaduan " + after + " yang sudah ditutup:\n" + body
	}
	in := aduan.NewComplaint{Channel: ch, Text: body, ReceivedAt: &m.CreatedAt, Citizen: &aduan.CitizenInput{}}
	if now := q.st.Now(); m.CreatedAt.After(now) || now.Sub(m.CreatedAt) > 29*24*time.Hour {
		in.ReceivedAt = nil
	}
	if m.Channel == channel.Email {
		// The address only: a phone found through it could be one that
		// someone else typed beside that address on the public form, and
		// the city's SMS about this complaint would go to them.
		in.Citizen.Email = strings.ToLower(m.From)
	} else {
		in.Citizen.Phone = m.From
	}
	c, err := q.st.Complaints().CreateComplaint(ctx, aduan.System, in)
	if err != nil {
		if e, ok := aduan.AsError(err); ok && e.Code == aduan.EINVALID && in.Citizen.Email != "" {
			// An address the domain will not store (odd but deliverable):
			// keep the complaint, without it.
			in.Citizen.Email = ""
			c, err = q.st.Complaints().CreateComplaint(ctx, aduan.System, in)
		}
		if err != nil {
			if aduan.ErrorCode(err) == aduan.EINVALID {
				return 0, "cannot open a complaint: " + err.Error(), nil
			}
			return 0, "", err
		}
	}
	return c.ID, "opened complaint " + c.Number + " for triage", nil
}

// followUp does what a matched message means for its complaint: identity
// for a complaint waiting on it, photos for one waiting on them.
func (q *Queue) followUp(ctx context.Context, m *channel.Message) ([]string, error) {
	var notes []string
	c, err := q.st.Complaints().Complaint(ctx, aduan.System, m.ComplaintID)
	if err != nil {
		return nil, err
	}
	// Photos first: they are already stored with the message.
	files, err := q.st.Attachments().MessageAttachments(ctx, m.ID)
	if err != nil {
		return nil, err
	}
	if len(files) > 0 {
		if err := q.st.WriteTx(ctx, func(tx *sql.Tx) error { return q.st.Attachments().LinkAttachments(ctx, tx, m.ID, c.ID) }); err != nil {
			return nil, err
		}
		notes = append(notes, fmt.Sprintf("%d photo(s) attached", len(files)))
		for _, f := range files {
			if f.Lat == nil || c.Lat != nil || !c.Open() {
				continue
			}
			lat, lng := *f.Lat, *f.Lng
			c2, err := q.st.Complaints().EditComplaint(ctx, aduan.System, c.ID, c.Version, aduan.ComplaintPatch{Lat: &lat, Lng: &lng})
			if err != nil {
				if code := aduan.ErrorCode(err); code == aduan.ECONFLICT || code == aduan.EINVALID || code == aduan.ETRANSITION {
					q.log.Info("photo location not applied", "complaint_id", c.ID, "err", err)
					break
				}
				return nil, err
			}
			c = c2
			notes = append(notes, "location taken from the photo's GPS data")
			break
		}
		if c.Status == aduan.StatusAwaitingPhotos {
			c2, _, err := q.st.Complaints().ApplyAction(ctx, aduan.System, c.ID, 0, aduan.ActionPhotosReceived, aduan.ActionInput{Note: "Foto diterima melalui " + channelName(m.Channel)})
			if err != nil && aduan.ErrorCode(err) != aduan.ETRANSITION {
				return nil, err
			}
			if err == nil {
				c = c2
				notes = append(notes, "photos received: clock resumed")
			}
		}
	}
	if c.Status == aduan.StatusAwaitingIdentity && (m.Channel == channel.SMS || m.Channel == channel.WhatsApp) {
		missing := c.Citizen.Missing()
		in := ParseIdentity(m.Body, missing)
		if in.Empty() {
			notes = append(notes, "no identity found in the reply")
			return notes, nil
		}
		// Only the citizen can say who they are: a reply counts when it
		// came from the number the request was sent to (the store checks
		// it), or when a call-center person gave the message to this
		// complaint by hand, in their name.
		act := aduan.ActionInput{Citizen: &in, Note: "Identitas dari balasan " + string(m.Channel)}
		staff, byStaff, err := q.st.Messages().InboundAssigner(ctx, m.ID)
		if err != nil {
			return nil, err
		}
		if byStaff {
			_, _, err = q.st.Complaints().ApplyAction(ctx, staff, c.ID, c.Version, aduan.ActionProvideIdentity, act)
		} else {
			_, _, err = q.st.Citizens().ProvideIdentityReply(ctx, c.ID, m.From, act)
		}
		switch code := aduan.ErrorCode(err); {
		case err == nil:
			notes = append(notes, "identity filled from the reply: clock resumed")
		case code == aduan.ETRANSITION || code == aduan.ECONFLICT:
		case code == aduan.EFORBIDDEN:
			notes = append(notes, "identity in the reply not taken: not from the number the request was sent to")
		case code == aduan.EINVALID:
			notes = append(notes, "identity in the reply not accepted: "+err.Error())
		default:
			return nil, err
		}
	}
	return notes, nil
}

// channelName names a channel in an event note (Indonesian, like the
// notes' other words).
func channelName(k channel.Kind) string {
	switch k {
	case channel.Email:
		return "e-mail"
	case channel.WhatsApp:
		return "WhatsApp"
	}
	return "SMS"
}

var labelRe = regexp.MustCompile(`(?i)(?:^|[\s,;.])(nama|name|alamat|address|almt|e-?mail|surel)\s*[:=]\s*`)

// ParseIdentity reads a citizen's reply to an identity request (SOP step
// 3). Labelled parts are taken as labelled — "Nama: Budi Santoso, Alamat:
// Jl. Melati 5" (also name/address/almt/email/surel, with : or =, separated
// by commas, semicolons or new lines). A reply with no labels is taken
// whole as the first field still missing (name before address), since that
// is what the request asked for first. A complaint number in the reply is
// ignored.
func ParseIdentity(text string, missing []string) aduan.CitizenInput {
	text = aduan.RemoveNumbers(text)
	var in aduan.CitizenInput
	locs := labelRe.FindAllStringSubmatchIndex(text, -1)
	if len(locs) == 0 {
		if text == "" {
			return in
		}
		for _, f := range missing {
			switch f {
			case "name":
				in.Name = trimValue(text)
				return in
			case "address":
				in.Address = trimValue(text)
				return in
			}
		}
		return in
	}
	for i, loc := range locs {
		end := len(text)
		if i+1 < len(locs) {
			end = locs[i+1][0]
		}
		label := strings.ToLower(text[loc[2]:loc[3]])
		v := trimValue(text[loc[1]:end])
		switch label {
		case "nama", "name":
			in.Name = v
		case "alamat", "address", "almt":
			in.Address = v
		default:
			in.Email = v
		}
	}
	in.Normalize()
	return in
}

func trimValue(s string) string {
	return strings.Trim(strings.TrimSpace(s), " ,;.\n\t")
}
