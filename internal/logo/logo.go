// Package logo checks and normalises the city's logo as the admin uploads
// it: a PNG or JPEG of bounded size and pixels, decoded only once its
// header says it is small enough, so that no upload (a 20 000 × 20 000
// pixel "decompression bomb" of a few kilobytes) can exhaust memory. The
// result is an 8-bit, non-interlaced PNG, which every PDF writer reads.
package logo

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	_ "image/jpeg" // the decoders of the formats taken
	"image/png"

	"github.com/kotakita/aduan"
)

// Bounds of an upload: a letterhead's logo is a few centimetres wide, so
// 2000 pixels a side is already a print at over 600 dpi.
const (
	MaxBytes = 512 << 10
	MaxSide  = 2000
	MinSide  = 16
)

// Normalize checks raw and returns it as PNG with its size in pixels. Its
// errors are field errors on "logo", in the user's language.
func Normalize(raw []byte) (out []byte, width, height int, err error) {
	if len(raw) == 0 {
		return nil, 0, 0, fieldErr("err.field.logo_type")
	}
	if len(raw) > MaxBytes {
		return nil, 0, 0, fieldErr("err.field.logo_bytes", MaxBytes>>10)
	}
	// The header first: its stated size bounds what decoding allocates.
	cfg, format, err := image.DecodeConfig(bytes.NewReader(raw))
	if err != nil || (format != "png" && format != "jpeg") {
		return nil, 0, 0, fieldErr("err.field.logo_type")
	}
	if cfg.Width < MinSide || cfg.Height < MinSide || cfg.Width > MaxSide || cfg.Height > MaxSide {
		return nil, 0, 0, fieldErr("err.field.logo_pixels", cfg.Width, cfg.Height, MinSide, MaxSide)
	}
	img, _, err := image.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, 0, 0, fieldErr("err.field.logo_type")
	}
	b := img.Bounds()
	if b.Dx() != cfg.Width || b.Dy() != cfg.Height {
		return nil, 0, 0, fieldErr("err.field.logo_type")
	}
	// 8-bit RGBA whatever came in (16-bit PNG, CMYK or grey JPEG, a
	// palette): the one kind of PNG the PDF writer embeds as it is.
	rgba := image.NewNRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(rgba, rgba.Bounds(), img, b.Min, draw.Src)
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, rgba); err != nil {
		return nil, 0, 0, fmt.Errorf("logo: encode: %w", err)
	}
	return buf.Bytes(), b.Dx(), b.Dy(), nil
}

func fieldErr(key string, args ...any) error {
	return &aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "logo", Key: key, Args: args}}}
}
