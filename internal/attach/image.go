package attach

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	_ "image/png" // registers PNG decoding
	"math"
	"net/http"

	"golang.org/x/image/draw"
)

// Limits on accepted images.
const (
	// MaxPixels bounds an image's dimensions whatever its pixel format;
	// decompression bombs are refused by their decoding cost
	// (MaxDecodeBytes), which depends on the format too.
	MaxPixels = 60_000_000
	// ThumbSize is the longer side of a thumbnail, in pixels.
	ThumbSize = 320
)

// Image is a checked image, ready to store.
type Image struct {
	Data        []byte // the stored copy: the original with its metadata removed
	Thumb       []byte // JPEG thumbnail
	ContentType string // image/jpeg or image/png
	Ext         string // .jpg or .png
	Width       int
	Height      int
	SHA256      string   // of Data
	Lat, Lng    *float64 // from EXIF GPS, when present and sane
}

// Errors of Process; each says why a file was not kept.
var (
	ErrTooLarge = errors.New("file too large")
	ErrNotImage = errors.New("not a JPEG or PNG image")
	ErrBroken   = errors.New("image cannot be read")
)

// Process checks an uploaded file and prepares it for storage: it must be a
// JPEG or PNG by content (whatever its name or declared type says), at most
// maxBytes, and decodable within MaxPixels and MaxDecodeBytes (priced from
// its header before any decoding: ErrDimensions), one of DecodeSlots
// decodes in the process at a time. The GPS position is read from
// its EXIF data; then the EXIF, XMP, IPTC and comment blocks (PNG: eXIf and
// text chunks) are removed without re-encoding the picture, and the result
// is decoded again to prove it is still a valid image.
func Process(data []byte, maxBytes int64) (*Image, error) {
	if int64(len(data)) > maxBytes {
		return nil, fmt.Errorf("%w: %d bytes, limit %d", ErrTooLarge, len(data), maxBytes)
	}
	img := &Image{ContentType: http.DetectContentType(data)}
	var exif []byte
	var err error
	switch img.ContentType {
	case "image/jpeg":
		img.Ext = ".jpg"
		img.Data, exif, err = stripJPEG(data)
	case "image/png":
		img.Ext = ".png"
		img.Data, exif, err = stripPNG(data)
	default:
		return nil, fmt.Errorf("%w (content is %s)", ErrNotImage, img.ContentType)
	}
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBroken, err)
	}
	cfg, _, err := image.DecodeConfig(bytes.NewReader(img.Data))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBroken, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 {
		return nil, fmt.Errorf("%w: %d×%d pixels", ErrBroken, cfg.Width, cfg.Height)
	}
	cost, err := decodeCost(img.ContentType, img.Data)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBroken, err)
	}
	if int64(cfg.Width)*int64(cfg.Height) > MaxPixels || cost > MaxDecodeBytes {
		return nil, fmt.Errorf("%w: %d×%d pixels take %d MiB to open, limit %d MiB", ErrDimensions, cfg.Width, cfg.Height, cost>>20, MaxDecodeBytes>>20)
	}
	img.Width, img.Height = cfg.Width, cfg.Height
	err = withSlot(func() error {
		pic, _, err := image.Decode(bytes.NewReader(img.Data))
		if err != nil {
			return fmt.Errorf("%w: %v", ErrBroken, err)
		}
		img.Thumb, err = thumbnail(pic)
		return err
	})
	if err != nil {
		return nil, err
	}
	if exif != nil {
		img.Lat, img.Lng = GPS(exif)
	}
	sum := sha256.Sum256(img.Data)
	img.SHA256 = hex.EncodeToString(sum[:])
	return img, nil
}

func thumbnail(src image.Image) ([]byte, error) {
	b := src.Bounds()
	w, h := b.Dx(), b.Dy()
	if w > ThumbSize || h > ThumbSize {
		if w >= h {
			w, h = ThumbSize, max(1, h*ThumbSize/w)
		} else {
			w, h = max(1, w*ThumbSize/h), ThumbSize
		}
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	draw.ApproxBiLinear.Scale(dst, dst.Bounds(), src, b, draw.Src, nil)
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, dst, &jpeg.Options{Quality: 80}); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// stripJPEG copies a JPEG without its APP1 (EXIF, XMP), APP13 (IPTC) and
// COM segments, and returns the EXIF payload (TIFF data) it found. The
// entropy-coded picture after SOS is copied as is.
func stripJPEG(data []byte) (out, exif []byte, err error) {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil, nil, errors.New("no JPEG start marker")
	}
	out = append(make([]byte, 0, len(data)), 0xFF, 0xD8)
	i := 2
	for {
		if i+4 > len(data) {
			return nil, nil, errors.New("truncated JPEG header")
		}
		if data[i] != 0xFF {
			return nil, nil, errors.New("bad JPEG marker")
		}
		marker := data[i+1]
		if marker == 0xFF { // fill byte
			i++
			continue
		}
		if marker == 0xD9 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) {
			out = append(out, data[i:i+2]...)
			i += 2
			continue
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return nil, nil, errors.New("bad JPEG segment length")
		}
		seg := data[i : i+2+n]
		payload := seg[4:]
		switch {
		case marker == 0xDA: // start of scan: the rest is the picture
			out = append(out, data[i:]...)
			return out, exif, nil
		case marker == 0xE1:
			if exif == nil && bytes.HasPrefix(payload, []byte("Exif\x00\x00")) {
				exif = append([]byte(nil), payload[6:]...)
			}
		case marker == 0xED || marker == 0xFE:
		default:
			out = append(out, seg...)
		}
		i += 2 + n
	}
}

var pngSig = []byte("\x89PNG\r\n\x1a\n")

// stripPNG copies a PNG without its eXIf and text chunks and returns the
// eXIf payload it found.
func stripPNG(data []byte) (out, exif []byte, err error) {
	if !bytes.HasPrefix(data, pngSig) {
		return nil, nil, errors.New("no PNG signature")
	}
	out = append(make([]byte, 0, len(data)), pngSig...)
	i := len(pngSig)
	for i < len(data) {
		if i+12 > len(data) {
			return nil, nil, errors.New("truncated PNG chunk")
		}
		n := int(binary.BigEndian.Uint32(data[i:]))
		if n < 0 || n > len(data)-i-12 {
			return nil, nil, errors.New("bad PNG chunk length")
		}
		typ := string(data[i+4 : i+8])
		chunk := data[i : i+12+n]
		switch typ {
		case "eXIf":
			if exif == nil {
				exif = append([]byte(nil), data[i+8:i+8+n]...)
			}
		case "tEXt", "zTXt", "iTXt", "tIME":
		default:
			out = append(out, chunk...)
		}
		i += 12 + n
		if typ == "IEND" {
			break
		}
	}
	return out, exif, nil
}

// HasMetadata reports whether an image still holds EXIF or XMP blocks (for
// tests and checks of stored files).
func HasMetadata(data []byte) bool {
	if _, exif, err := stripJPEG(data); err == nil && exif != nil {
		return true
	}
	if _, exif, err := stripPNG(data); err == nil && exif != nil {
		return true
	}
	return bytes.Contains(data, []byte("Exif\x00\x00")) || bytes.Contains(data, []byte("http://ns.adobe.com/xap/1.0/"))
}

// GPS reads the position from EXIF (TIFF) data: the GPS IFD's latitude and
// longitude with their N/S and E/W references. It returns nils when there is
// none or it is out of range; every offset is checked, since the data comes
// from anyone.
func GPS(tiff []byte) (lat, lng *float64) {
	if len(tiff) < 8 {
		return nil, nil
	}
	var bo binary.ByteOrder
	switch string(tiff[:2]) {
	case "II":
		bo = binary.LittleEndian
	case "MM":
		bo = binary.BigEndian
	default:
		return nil, nil
	}
	if bo.Uint16(tiff[2:]) != 42 {
		return nil, nil
	}
	ifd0 := int(bo.Uint32(tiff[4:]))
	gpsOff := -1
	walkIFD(tiff, bo, ifd0, func(tag, typ uint16, count uint32, val []byte) {
		if tag == 0x8825 && len(val) >= 4 {
			gpsOff = int(bo.Uint32(val))
		}
	})
	if gpsOff < 0 {
		return nil, nil
	}
	var latRef, lngRef byte
	var la, lo []float64
	walkIFD(tiff, bo, gpsOff, func(tag, typ uint16, count uint32, val []byte) {
		switch tag {
		case 1:
			if len(val) > 0 {
				latRef = val[0]
			}
		case 3:
			if len(val) > 0 {
				lngRef = val[0]
			}
		case 2:
			la = rationals(bo, typ, count, val)
		case 4:
			lo = rationals(bo, typ, count, val)
		}
	})
	if len(la) != 3 || len(lo) != 3 {
		return nil, nil
	}
	y := la[0] + la[1]/60 + la[2]/3600
	x := lo[0] + lo[1]/60 + lo[2]/3600
	if latRef == 'S' {
		y = -y
	}
	if lngRef == 'W' {
		x = -x
	}
	if math.IsNaN(y) || math.IsNaN(x) || y < -90 || y > 90 || x < -180 || x > 180 || (y == 0 && x == 0) {
		return nil, nil
	}
	return &y, &x
}

// walkIFD calls fn with each entry of the IFD at off and its value bytes
// (inline or at their offset), skipping entries that point outside data.
func walkIFD(data []byte, bo binary.ByteOrder, off int, fn func(tag, typ uint16, count uint32, val []byte)) {
	if off < 8 || off+2 > len(data) {
		return
	}
	n := int(bo.Uint16(data[off:]))
	for k := 0; k < n && k < 512; k++ {
		e := off + 2 + 12*k
		if e+12 > len(data) {
			return
		}
		tag, typ, count := bo.Uint16(data[e:]), bo.Uint16(data[e+2:]), bo.Uint32(data[e+4:])
		size := typeSize(typ)
		if size == 0 || count > 1<<20 {
			continue
		}
		total := int(count) * size
		var val []byte
		if total <= 4 {
			val = data[e+8 : e+8+total]
		} else {
			p := int(bo.Uint32(data[e+8:]))
			if p < 0 || p+total > len(data) {
				continue
			}
			val = data[p : p+total]
		}
		fn(tag, typ, count, val)
	}
}

func typeSize(typ uint16) int {
	switch typ {
	case 1, 2, 6, 7: // BYTE, ASCII, SBYTE, UNDEFINED
		return 1
	case 3, 8: // SHORT, SSHORT
		return 2
	case 4, 9, 11: // LONG, SLONG, FLOAT
		return 4
	case 5, 10, 12: // RATIONAL, SRATIONAL, DOUBLE
		return 8
	}
	return 0
}

func rationals(bo binary.ByteOrder, typ uint16, count uint32, val []byte) []float64 {
	if typ != 5 || len(val) < int(count)*8 {
		return nil
	}
	out := make([]float64, count)
	for i := range out {
		num, den := bo.Uint32(val[8*i:]), bo.Uint32(val[8*i+4:])
		if den == 0 {
			return nil
		}
		out[i] = float64(num) / float64(den)
	}
	return out
}
