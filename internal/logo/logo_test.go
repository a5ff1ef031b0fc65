package logo

import (
	"bytes"
	"encoding/binary"
	"hash/crc32"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"testing"

	"github.com/kotakita/aduan"
)

func encode(t *testing.T, img image.Image, format string) []byte {
	t.Helper()
	var buf bytes.Buffer
	var err error
	switch format {
	case "png":
		err = png.Encode(&buf, img)
	case "jpeg":
		err = jpeg.Encode(&buf, img, nil)
	case "gif":
		err = gif.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// bomb is a PNG whose header claims w × h pixels, with a few bytes of
// data: decoding it would allocate w*h*4 bytes before finding out.
func bomb(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01})
	chunk("IEND", nil)
	return b.Bytes()
}

func fieldKey(err error) string {
	var e *aduan.Error
	if err == nil {
		return ""
	}
	if ae, ok := err.(*aduan.Error); ok {
		e = ae
	}
	if e == nil || len(e.Fields) == 0 || e.Fields[0].Field != "logo" {
		return "not a logo field error: " + err.Error()
	}
	return e.Fields[0].Key
}

func TestNormalize(t *testing.T) {
	rgba := image.NewRGBA(image.Rect(0, 0, 120, 80))
	for x := 0; x < 120; x++ {
		for y := 0; y < 80; y++ {
			rgba.Set(x, y, color.RGBA{uint8(x), uint8(y), 200, 255})
		}
	}
	deep := image.NewRGBA64(image.Rect(0, 0, 40, 40))
	for x := 0; x < 40; x++ {
		deep.Set(x, x, color.RGBA64{0xffff, 0, 0, 0xffff})
	}
	cases := []struct {
		name string
		raw  []byte
		want string // the field error's key, "" for accepted
		w, h int
	}{
		{"png", encode(t, rgba, "png"), "", 120, 80},
		{"jpeg", encode(t, rgba, "jpeg"), "", 120, 80},
		{"16-bit png", encode(t, deep, "png"), "", 40, 40},
		{"gif", encode(t, rgba, "gif"), "err.field.logo_type", 0, 0},
		{"text", []byte("<svg xmlns='http://www.w3.org/2000/svg'/>"), "err.field.logo_type", 0, 0},
		{"empty", nil, "err.field.logo_type", 0, 0},
		{"tiny", encode(t, image.NewRGBA(image.Rect(0, 0, 8, 8)), "png"), "err.field.logo_pixels", 0, 0},
		{"bomb", bomb(40000, 40000), "err.field.logo_pixels", 0, 0},
		{"too many bytes", append(encode(t, rgba, "png"), make([]byte, MaxBytes)...), "err.field.logo_bytes", 0, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out, w, h, err := Normalize(c.raw)
			if got := fieldKey(err); got != c.want {
				t.Fatalf("error %q, want %q", got, c.want)
			}
			if c.want != "" {
				return
			}
			if w != c.w || h != c.h {
				t.Errorf("size %d×%d, want %d×%d", w, h, c.w, c.h)
			}
			cfg, format, err := image.DecodeConfig(bytes.NewReader(out))
			if err != nil || format != "png" || cfg.Width != c.w || cfg.Height != c.h {
				t.Fatalf("normalised: %s %d×%d (%v); want png %d×%d", format, cfg.Width, cfg.Height, err, c.w, c.h)
			}
			// 8 bits a channel: the PDF writer refuses 16-bit PNGs.
			if out[24] != 8 {
				t.Errorf("bit depth %d, want 8", out[24])
			}
		})
	}
}
