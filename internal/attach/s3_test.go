package attach_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"io"
	"strings"
	"testing"

	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/attach/attachtest"
	"github.com/kotakita/aduan/internal/attach/s3fake"
)

func pngOf(w, h int) []byte {
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, w, h)))
	return buf.Bytes()
}

func s3Store(t *testing.T, f *s3fake.Server, secret string) *attach.S3 {
	t.Helper()
	s, err := attach.NewS3(attach.S3Config{Endpoint: f.Endpoint, Bucket: f.Bucket, AccessKey: f.AccessKey, SecretKey: secret,
		Region: f.Region, Prefix: "aduan/", Insecure: true})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func get(t *testing.T, s attach.Storage, key string) []byte {
	t.Helper()
	r, err := s.Get(context.Background(), key)
	if err != nil {
		t.Fatalf("get %s: %v", key, err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestS3StoresPhotosOnARealS3Server: a processed photo and its thumbnail
// are put into the bucket under the configured prefix with their content
// types, read back byte for byte, replaced by a second put (a retried job),
// and deleted; a key that is not there is attach.ErrNotFound, and deleting
// it is no error. Every request passed the server's SigV4 check, including
// the chunk signatures of the streamed uploads.
func TestS3StoresPhotosOnARealS3Server(t *testing.T) {
	f := s3fake.Start(t)
	s := s3Store(t, f, f.SecretKey)
	ctx := context.Background()
	img, err := attach.Process(attachtest.JPEGWithGPS(800, 600, -6.4025, 106.7942), 10<<20)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Put(ctx, "messages/7/0.jpg", img.ContentType, img.Data); err != nil {
		t.Fatal(err)
	}
	if err := s.Put(ctx, "messages/7/0-thumb.jpg", "image/jpeg", img.Thumb); err != nil {
		t.Fatal(err)
	}
	pic := pngOf(40, 30)
	if err := s.Put(ctx, "messages/7/1.png", "image/png", pic); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.Keys(), " "); got != "aduan/messages/7/0-thumb.jpg aduan/messages/7/0.jpg aduan/messages/7/1.png" {
		t.Errorf("keys in the bucket: %s", got)
	}
	for key, want := range map[string]struct {
		data []byte
		ct   string
	}{"messages/7/0.jpg": {img.Data, "image/jpeg"}, "messages/7/0-thumb.jpg": {img.Thumb, "image/jpeg"}, "messages/7/1.png": {pic, "image/png"}} {
		if got := get(t, s, key); !bytes.Equal(got, want.data) {
			t.Errorf("%s: read back %d bytes, stored %d", key, len(got), len(want.data))
		}
		data, ct, ok := f.Object("aduan/" + key)
		if !ok || ct != want.ct || !bytes.Equal(data, want.data) {
			t.Errorf("%s in the bucket: %v %q %d bytes", key, ok, ct, len(data))
		}
	}
	if attach.HasMetadata(get(t, s, "messages/7/0.jpg")) {
		t.Error("the stored photo still carries EXIF")
	}

	// A second put of the same key replaces it.
	if err := s.Put(ctx, "messages/7/1.png", "image/png", pngOf(10, 10)); err != nil {
		t.Fatal(err)
	}
	if got := get(t, s, "messages/7/1.png"); bytes.Equal(got, pic) {
		t.Error("a second put did not replace the object")
	}

	if _, err := s.Get(ctx, "messages/8/0.jpg"); !errors.Is(err, attach.ErrNotFound) {
		t.Errorf("missing object: %v, want ErrNotFound", err)
	}
	if err := s.Delete(ctx, "messages/7/0.jpg"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, "messages/7/0.jpg"); !errors.Is(err, attach.ErrNotFound) {
		t.Errorf("deleted object: %v, want ErrNotFound", err)
	}
	if err := s.Delete(ctx, "messages/7/0.jpg"); err != nil {
		t.Errorf("deleting a missing object: %v", err)
	}
	if err := s.Put(ctx, "../etc/passwd", "image/png", pic); err == nil {
		t.Error("a key leaving the prefix was accepted")
	}

	t.Logf("signature checks by payload mode: %v", f.Checked())
	if r := f.Refused(); len(r) > 0 {
		t.Errorf("requests refused by the server: %v", r)
	}
	checked := f.Checked()
	if checked["STREAMING-AWS4-HMAC-SHA256-PAYLOAD"] < 4 || checked["sha256"]+checked["UNSIGNED-PAYLOAD"] < 4 {
		t.Errorf("signature checks by payload mode: %v", checked)
	}
}

// TestS3WrongSecretIsRefused: the server really checks signatures: a client
// with the wrong secret key can neither write nor read, and says so.
func TestS3WrongSecretIsRefused(t *testing.T) {
	f := s3fake.Start(t)
	ctx := context.Background()
	if err := s3Store(t, f, f.SecretKey).Put(ctx, "a/1.png", "image/png", pngOf(4, 4)); err != nil {
		t.Fatal(err)
	}
	bad := s3Store(t, f, "not-the-secret")
	err := bad.Put(ctx, "a/2.png", "image/png", pngOf(4, 4))
	if err == nil || !strings.Contains(err.Error(), "signature") {
		t.Errorf("put with a wrong secret: %v", err)
	}
	if _, err := bad.Get(ctx, "a/1.png"); err == nil || errors.Is(err, attach.ErrNotFound) {
		t.Errorf("get with a wrong secret: %v", err)
	}
	if _, _, ok := f.Object("aduan/a/2.png"); ok {
		t.Error("the refused put was stored")
	}
	if len(f.Refused()) < 2 {
		t.Errorf("refused: %v", f.Refused())
	}
}

// TestS3OverTLS: over HTTPS (the default, Insecure false) the client signs
// its uploads differently (no streamed chunk signatures); the server checks
// those too, and a put, get and delete work.
func TestS3OverTLS(t *testing.T) {
	f := s3fake.StartTLS(t)
	s, err := attach.NewS3(attach.S3Config{Endpoint: f.Endpoint, Bucket: f.Bucket, AccessKey: f.AccessKey, SecretKey: f.SecretKey,
		Region: f.Region, Transport: f.Client().Transport})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	pic := pngOf(20, 20)
	if err := s.Put(ctx, "m/1.png", "image/png", pic); err != nil {
		t.Fatal(err)
	}
	if got := get(t, s, "m/1.png"); !bytes.Equal(got, pic) {
		t.Error("read back differs")
	}
	if err := s.Delete(ctx, "m/1.png"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get(ctx, "m/1.png"); !errors.Is(err, attach.ErrNotFound) {
		t.Errorf("deleted: %v", err)
	}
	t.Logf("signature checks by payload mode: %v", f.Checked())
	if r := f.Refused(); len(r) > 0 {
		t.Errorf("refused: %v", r)
	}
}
