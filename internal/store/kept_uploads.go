package store

import (
	"context"
	"time"
)

// KeptUploadTTL is how long a photo kept by a public form waits for the
// citizen's next send before the nightly retention deletes it.
const KeptUploadTTL = 24 * time.Hour

// fileDeleter is the part of the file storage the sweep needs.
type fileDeleter interface {
	Delete(ctx context.Context, key string) error
}

// KeepUpload notes that a public form's photo waits in the file storage
// under key (the storage cannot list its files, so the sweep reads them
// from here).
func (fa *Attachments) KeepUpload(ctx context.Context, key string) (err error) {
	s := fa.s
	defer wrap(&err, "KeepUpload")
	_, err = s.wdb.ExecContext(ctx, `INSERT INTO kept_uploads (file_key, created_at) VALUES ($1, $2) ON CONFLICT (file_key) DO NOTHING`, key, ms(s.Now()))
	return err
}

// ForgetUpload deletes a kept photo that served its purpose, file and note.
func (fa *Attachments) ForgetUpload(ctx context.Context, files fileDeleter, key string) (err error) {
	s := fa.s
	defer wrap(&err, "ForgetUpload")
	if err := files.Delete(ctx, key); err != nil {
		return err
	}
	_, err = s.wdb.ExecContext(ctx, `DELETE FROM kept_uploads WHERE file_key = $1`, key)
	return err
}

// SweepKeptUploads deletes the kept photos older than KeptUploadTTL: those
// of forms the citizen left. A file that cannot be deleted keeps its note
// and is tried again on the next sweep.
func (fa *Attachments) SweepKeptUploads(ctx context.Context, files fileDeleter) (n int, err error) {
	s := fa.s
	defer wrap(&err, "SweepKeptUploads")
	rows, err := s.rdb.QueryContext(ctx, `SELECT file_key FROM kept_uploads WHERE created_at < $1 ORDER BY created_at LIMIT 10000`,
		ms(s.Now().Add(-KeptUploadTTL)))
	if err != nil {
		return 0, err
	}
	var keys []string
	for rows.Next() {
		var k string
		if err := rows.Scan(&k); err != nil {
			rows.Close()
			return 0, err
		}
		keys = append(keys, k)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	for _, k := range keys {
		if err := s.Attachments().ForgetUpload(ctx, files, k); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}
