// Package attach keeps the files citizens send with their complaints (the
// photos of SOP step 5): one Storage interface with a local-disk default and
// an S3-compatible option for deployments of several instances, and the
// checks every image passes before it is kept: images only (judged by
// content, never by name), a size limit, a thumbnail, the GPS position read
// from EXIF and then removed from the stored copy, since a photo's location
// metadata is personal data.
package attach

import (
	"context"
	"errors"
	"io"
	"time"
)

// Attachment is a stored file of a complaint.
type Attachment struct {
	ID          int64
	ComplaintID int64
	MessageID   int64 // the message it came with
	Part        int   // its place among the message's files
	Filename    string
	ContentType string // image/jpeg or image/png, from the content
	Size        int64
	Width       int
	Height      int
	Key         string // where the stored (EXIF-free) copy is
	ThumbKey    string
	SHA256      string // of the stored copy
	Lat, Lng    *float64
	CreatedAt   time.Time
}

// ErrNotFound is returned by Storage.Get for a key it does not hold.
var ErrNotFound = errors.New("attach: not found")

// Storage keeps files by key.
type Storage interface {
	// Put stores data under key, replacing what was there (writing the same
	// file twice, as a retried job does, is harmless).
	Put(ctx context.Context, key, contentType string, data []byte) error
	// Get opens the file under key.
	Get(ctx context.Context, key string) (io.ReadCloser, error)
	// Delete removes key; a missing key is not an error.
	Delete(ctx context.Context, key string) error
}
