package attach_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/attach/attachtest"
)

// TestPhotoWithGPS: the position is read, and the stored copy has no EXIF
// at all yet is the same picture.
func TestPhotoWithGPS(t *testing.T) {
	raw := attachtest.JPEGWithGPS(640, 480, -6.402484, 106.794243)
	if !attach.HasMetadata(raw) || !bytes.Contains(raw, []byte("Nokia")) {
		t.Fatal("the test photo carries no EXIF")
	}
	img, err := attach.Process(raw, 10<<20)
	if err != nil {
		t.Fatal(err)
	}
	if img.Lat == nil || math.Abs(*img.Lat+6.402484) > 1e-6 || math.Abs(*img.Lng-106.794243) > 1e-6 {
		t.Fatalf("position %v %v", img.Lat, img.Lng)
	}
	if attach.HasMetadata(img.Data) || bytes.Contains(img.Data, []byte("Nokia")) || bytes.Contains(img.Data, []byte("Exif")) {
		t.Error("EXIF left in the stored copy")
	}
	if img.ContentType != "image/jpeg" || img.Width != 640 || img.Height != 480 || len(img.Thumb) == 0 {
		t.Errorf("image %s %dx%d thumb %d", img.ContentType, img.Width, img.Height, len(img.Thumb))
	}
	// Only the metadata went: the picture data is byte for byte the same.
	if len(raw)-len(img.Data) != 2+int(raw[4])<<8+int(raw[5]) {
		t.Errorf("stripped %d bytes, want the APP1 segment only", len(raw)-len(img.Data))
	}
	th, _, err := image.DecodeConfig(bytes.NewReader(img.Thumb))
	if err != nil || th.Width != attach.ThumbSize || th.Height != 240 {
		t.Errorf("thumbnail %+v %v", th, err)
	}
}

func TestRefusedFiles(t *testing.T) {
	gif := []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;")
	for name, tc := range map[string]struct {
		data []byte
		max  int64
		want error
	}{
		"pdf named .jpg": {[]byte("%PDF-1.4 fake"), 1 << 20, attach.ErrNotImage},
		"gif":            {gif, 1 << 20, attach.ErrNotImage},
		"too large":      {attachtest.JPEG(64, 64), 100, attach.ErrTooLarge},
		"truncated jpeg": {attachtest.JPEG(64, 64)[:200], 1 << 20, attach.ErrBroken},
		"garbage exif":   {append([]byte{0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x10}, []byte("Exif\x00\x00II*\x00\xff\xff\xff\xff")...), 1 << 20, attach.ErrBroken},
	} {
		if _, err := attach.Process(tc.data, tc.max); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", name, err, tc.want)
		}
	}
	// A PNG is fine, and a JPEG without EXIF has no position.
	var buf bytes.Buffer
	png.Encode(&buf, image.NewGray(image.Rect(0, 0, 10, 10)))
	if img, err := attach.Process(buf.Bytes(), 1<<20); err != nil || img.ContentType != "image/png" || img.Lat != nil {
		t.Errorf("png: %+v %v", img, err)
	}
	if img, err := attach.Process(attachtest.JPEG(10, 10), 1<<20); err != nil || img.Lat != nil {
		t.Errorf("plain jpeg: %+v %v", img, err)
	}
}

// FuzzGPS: whatever the EXIF bytes, reading them never panics.
func FuzzGPS(f *testing.F) {
	f.Add(attachtest.EXIF(-6.4, 106.8))
	f.Add([]byte("MM\x00*\x00\x00\x00\x08\x00\x01\x88\x25\x00\x04\x00\x00\x00\x01\xff\xff\xff\xff"))
	f.Fuzz(func(t *testing.T, b []byte) {
		attach.GPS(b)
	})
}

func TestLocalStorage(t *testing.T) {
	l := &attach.Local{Dir: t.TempDir()}
	ctx := context.Background()
	if err := l.Put(ctx, "messages/1/0.jpg", "image/jpeg", []byte("x")); err != nil {
		t.Fatal(err)
	}
	r, err := l.Get(ctx, "messages/1/0.jpg")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(r)
	r.Close()
	if string(b) != "x" {
		t.Errorf("read %q", b)
	}
	for _, bad := range []string{"../etc/passwd", "/abs", "a/../../b", "A.jpg", ""} {
		if err := l.Put(ctx, bad, "", nil); err == nil || !strings.Contains(err.Error(), "bad key") {
			t.Errorf("key %q accepted: %v", bad, err)
		}
	}
	if _, err := l.Get(ctx, "messages/9/9.jpg"); !errors.Is(err, attach.ErrNotFound) {
		t.Errorf("missing: %v", err)
	}
	if err := l.Delete(ctx, "messages/1/0.jpg"); err != nil {
		t.Fatal(err)
	}
	if err := l.Delete(ctx, "messages/1/0.jpg"); err != nil {
		t.Errorf("delete twice: %v", err)
	}
}
