package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/kotakita/aduan"
)

// InfoFile is the information itself, attached to a decision that grants
// it: the file is in the attachment storage under Key.
type InfoFile struct {
	RequestID   int64
	Key         string
	Filename    string
	ContentType string
	Size        int64
	SHA256      string
}

// WithDocument returns a notify that first records f as the information of
// the request being decided (inside the decision's transaction, so that a
// refused decision records no file), then runs notify. Only a decision
// that grants information (fully or in part) takes a file.
func (p *PPID) WithDocument(f *InfoFile, notify InfoNotify) InfoNotify {
	return func(ctx context.Context, tx *sql.Tx, r *aduan.InfoRequest, ev *aduan.InfoEvent) error {
		if f != nil {
			if ev.Action != aduan.InfoActDecide || (r.Decision != aduan.InfoGranted && r.Decision != aduan.InfoPartly) {
				return fieldErr("document", "err.ppid.document_decision")
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO info_request_files (request_id, file_key, filename, content_type, size, sha256, created_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7)`, r.ID, f.Key, f.Filename, f.ContentType, f.Size, f.SHA256, ms(p.s.Now())); err != nil {
				return fmt.Errorf("record the document of request %d: %w", r.ID, err)
			}
			r.DocumentAttached = true
		}
		if notify != nil {
			return notify(ctx, tx, r, ev)
		}
		return nil
	}
}

// Document returns the file attached to request id (not found: none).
// The caller has checked who asks: a reader of the request, or the
// requester on the public page.
func (p *PPID) Document(ctx context.Context, id int64) (_ *InfoFile, err error) {
	defer wrap(&err, "PPID.Document(%d)", id)
	f := &InfoFile{RequestID: id}
	err = p.s.rdb.QueryRowContext(ctx, `SELECT file_key, filename, content_type, size, sha256 FROM info_request_files WHERE request_id = $1`, id).
		Scan(&f.Key, &f.Filename, &f.ContentType, &f.Size, &f.SHA256)
	if err == sql.ErrNoRows {
		return nil, notFound("info_document")
	}
	if err != nil {
		return nil, fmt.Errorf("PPID.Document(%d): %w", id, mapErr(err))
	}
	return f, nil
}
