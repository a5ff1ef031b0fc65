package store

import (
	"context"
	"database/sql"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
)

// Attachments holds the files that come with messages and
// complaints, the IMAP mailbox state, and uploads kept for a
// draft until it is saved.
type Attachments struct {
	s *Store
}

// Attachments returns the store's attachments.
func (s *Store) Attachments() *Attachments { return &Attachments{s: s} }

const attachmentCols = `id, complaint_id, message_id, part, filename, content_type, size, width, height, storage_key, thumb_key, sha256, lat, lng, created_at`

func scanAttachment(sc interface{ Scan(...any) error }) (*attach.Attachment, error) {
	var a attach.Attachment
	var msg, cid sql.NullInt64
	var lat, lng sql.NullFloat64
	var created int64
	if err := sc.Scan(&a.ID, &cid, &msg, &a.Part, &a.Filename, &a.ContentType, &a.Size, &a.Width, &a.Height,
		&a.Key, &a.ThumbKey, &a.SHA256, &lat, &lng, &created); err != nil {
		return nil, err
	}
	a.MessageID, a.ComplaintID, a.CreatedAt = msg.Int64, cid.Int64, fromMS(created)
	if lat.Valid && lng.Valid {
		la, lo := lat.Float64, lng.Float64
		a.Lat, a.Lng = &la, &lo
	}
	return &a, nil
}

// InsertAttachment records a stored file inside tx. The same part of the
// same message recorded twice inserts nothing and reports false.
func (fa *Attachments) InsertAttachment(ctx context.Context, tx *sql.Tx, a *attach.Attachment) (_ bool, err error) {
	s := fa.s
	defer wrap(&err, "InsertAttachment()")
	a.CreatedAt = s.Now()
	err = tx.QueryRowContext(ctx, `INSERT INTO attachments (complaint_id, message_id, part, filename, content_type, size, width, height,
		storage_key, thumb_key, sha256, lat, lng, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
		ON CONFLICT (message_id, part) DO NOTHING RETURNING id`,
		nullID(a.ComplaintID), nullID(a.MessageID), a.Part, a.Filename, a.ContentType, a.Size, a.Width, a.Height, a.Key, a.ThumbKey, a.SHA256,
		a.Lat, a.Lng, ms(a.CreatedAt)).Scan(&a.ID)
	if err == sql.ErrNoRows {
		return false, nil
	}
	return err == nil, mapErr(err)
}

// MessageAttachments lists the files that came with a message.
func (fa *Attachments) MessageAttachments(ctx context.Context, msgID int64) (_ []*attach.Attachment, err error) {
	s := fa.s
	defer wrap(&err, "MessageAttachments(%d)", msgID)
	return s.queryAttachments(ctx, `SELECT `+attachmentCols+` FROM attachments WHERE message_id = $1 ORDER BY part`, msgID)
}

// LinkAttachments gives a message's files to its complaint, inside tx.
func (fa *Attachments) LinkAttachments(ctx context.Context, tx *sql.Tx, msgID, complaintID int64) (err error) {
	defer wrap(&err, "LinkAttachments(%d, %d)", msgID, complaintID)
	_, err = tx.ExecContext(ctx, `UPDATE attachments SET complaint_id = $1 WHERE message_id = $2 AND complaint_id IS NULL`, complaintID, msgID)
	return err
}

func (s *Store) queryAttachments(ctx context.Context, q string, args ...any) ([]*attach.Attachment, error) {
	rows, err := s.wdb.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	out := []*attach.Attachment{}
	for rows.Next() {
		a, err := scanAttachment(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Attachments lists a complaint's files, for an actor who may see its
// content.
func (fa *Attachments) Attachments(ctx context.Context, actor aduan.Actor, complaintID int64) (_ []*attach.Attachment, err error) {
	s := fa.s
	defer wrap(&err, "Attachments(%d)", complaintID)
	c, err := s.complaint(ctx, s.rdb, complaintID)
	if err != nil {
		return nil, err
	}
	if !actor.CanSeeContent(c) {
		return nil, notFound("complaint")
	}
	return s.queryAttachments(ctx, `SELECT `+attachmentCols+` FROM attachments WHERE complaint_id = $1 ORDER BY id`, complaintID)
}

// Attachment returns one file's record, for an actor who may see the
// content of its complaint.
func (fa *Attachments) Attachment(ctx context.Context, actor aduan.Actor, id int64) (_ *attach.Attachment, err error) {
	s := fa.s
	defer wrap(&err, "Attachment(%d)", id)
	a, err := scanAttachment(s.rdb.QueryRowContext(ctx, `SELECT `+attachmentCols+` FROM attachments WHERE id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, notFound("attachment")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	if a.ComplaintID == 0 {
		if !CanListMessages(actor) {
			return nil, notFound("attachment")
		}
		return a, nil
	}
	c, err := s.complaint(ctx, s.rdb, a.ComplaintID)
	if err != nil {
		return nil, err
	}
	if !actor.CanSeeContent(c) {
		return nil, notFound("attachment")
	}
	return a, nil
}

// IMAPState returns where the poller stands in a mailbox: the UIDVALIDITY
// it last saw and the highest UID imported under it (0, 0 at first).
func (fa *Attachments) IMAPState(ctx context.Context, mailbox string) (validity, lastUID uint32, err error) {
	s := fa.s
	defer wrap(&err, "IMAPState(%s)", mailbox)
	var v, u int64
	err = s.wdb.QueryRowContext(ctx, `SELECT uidvalidity, last_uid FROM imap_state WHERE mailbox = $1`, mailbox).Scan(&v, &u)
	if err == sql.ErrNoRows {
		return 0, 0, nil
	}
	return uint32(v), uint32(u), mapErr(err)
}

// SetIMAPState moves the poller's place inside tx, with the message it
// imported.
func (fa *Attachments) SetIMAPState(ctx context.Context, tx *sql.Tx, mailbox string, validity, lastUID uint32) (err error) {
	defer wrap(&err, "SetIMAPState(%s)", mailbox)
	_, err = tx.ExecContext(ctx, `INSERT INTO imap_state (mailbox, uidvalidity, last_uid) VALUES ($1, $2, $3)
		ON CONFLICT (mailbox) DO UPDATE SET uidvalidity = excluded.uidvalidity, last_uid = excluded.last_uid`, mailbox, int64(validity), int64(lastUID))
	return err
}
