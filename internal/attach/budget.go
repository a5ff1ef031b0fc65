package attach

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
)

// Decoding an image takes memory in proportion to its dimensions, not to
// its file: a 455 KB PNG of 7745×7745 16-bit pixels, interlaced, makes the
// decoder allocate close to a gigabyte. So every decode is priced in bytes
// from the file's header before it starts, refused over the budget, and
// run behind a semaphore the whole process shares, so that many uploads at
// once (the public form, e-mail, WhatsApp, the agencies' answers) cannot
// multiply the price. The semaphore is the package's own on purpose: the
// bound is on the process's memory, so it must hold for every decode,
// whoever calls, rather than per component that was handed one.
const (
	// MaxDecodeBytes is the most memory one decode may take. A 48-MP phone
	// photo (JPEG, 4:2:0) needs 72 MiB, a 12-MP progressive one 90 MiB; a
	// 24-MP 16-bit PNG 192 MiB.
	MaxDecodeBytes = 256 << 20
	// DecodeSlots is how many decodes run at once in the process: at most
	// DecodeSlots×MaxDecodeBytes of memory for pictures.
	DecodeSlots = 2
)

// ErrDimensions: the image's header announces a picture that would take
// more memory to open than the decode budget allows (a decompression bomb,
// or simply too many pixels).
var ErrDimensions = errors.New("image too large to open")

// decodeSlots holds one token per decode running.
var decodeSlots = make(chan struct{}, DecodeSlots)

// withSlot runs fn while holding one of the process's decode slots.
func withSlot(fn func() error) error {
	decodeSlots <- struct{}{}
	defer func() { <-decodeSlots }()
	return fn()
}

// decodeCost is what decoding data (a JPEG or PNG whose metadata was
// already removed) will allocate, in bytes, read from its header: the
// picture in the decoder's own pixel format, and what the format needs
// besides (a progressive JPEG's coefficients, an interlaced PNG's passes).
func decodeCost(contentType string, data []byte) (int64, error) {
	var cost int64
	var err error
	switch contentType {
	case "image/jpeg":
		cost, err = jpegCost(data)
	case "image/png":
		cost, err = pngCost(data)
	default:
		return 0, fmt.Errorf("no cost for %s", contentType)
	}
	// Whatever the size, the decoder's state and buffers (zlib's window).
	return cost + 128<<10, err
}

// pngCost prices a PNG as image/png decodes it: its pixel type follows the
// colour type and bit depth, and a transparency chunk (tRNS) widens grey
// and truecolour images to NRGBA. An interlaced (Adam7) image is decoded
// pass by pass, each pass an image of its own merged into the whole: twice
// the bytes.
func pngCost(data []byte) (int64, error) {
	if !bytes.HasPrefix(data, pngSig) || len(data) < len(pngSig)+8+13 || string(data[12:16]) != "IHDR" {
		return 0, errors.New("no PNG header")
	}
	ihdr := data[16:29]
	w, h := int64(binary.BigEndian.Uint32(ihdr[0:])), int64(binary.BigEndian.Uint32(ihdr[4:]))
	depth, colour, interlace := ihdr[8], ihdr[9], ihdr[12]
	trns := false
	for i := len(pngSig); i+8 <= len(data); {
		n := int64(binary.BigEndian.Uint32(data[i:]))
		typ := string(data[i+4 : i+8])
		if typ == "tRNS" {
			trns = true
		}
		if typ == "IDAT" || typ == "IEND" || n > int64(len(data)) {
			break // tRNS comes before the picture data
		}
		i += 12 + int(n)
	}
	wide := depth == 16
	var px int64 // bytes per pixel of the decoded image
	switch colour {
	case 0: // grey: Gray, Gray16, or N(RGBA|RGBA64) with tRNS
		switch {
		case trns && wide:
			px = 8
		case trns:
			px = 4
		case wide:
			px = 2
		default:
			px = 1
		}
	case 2: // truecolour: RGBA, RGBA64 (NRGBA… with tRNS)
		px = 4
		if wide {
			px = 8
		}
	case 3: // paletted: one byte a pixel whatever the depth
		px = 1
	case 4, 6: // grey+alpha, truecolour+alpha: NRGBA, NRGBA64
		px = 4
		if wide {
			px = 8
		}
	default:
		return 0, fmt.Errorf("PNG colour type %d", colour)
	}
	cost := w * h * px
	if interlace == 1 {
		cost *= 2
	}
	// Two row buffers (the current and the previous row) of the widest
	// encoding, 8 bytes a pixel.
	return cost + 2*(1+8*w), nil
}

// jpegCost prices a JPEG as image/jpeg decodes it, from its frame header
// (SOF): a Gray or YCbCr image padded to whole MCUs with each component at
// its sampling factors, a black plane for four components and an RGBA or
// CMYK copy for RGB and four-component files; a progressive file also
// keeps every block's 64 coefficients (int32) for each component until
// its last scan.
func jpegCost(data []byte) (int64, error) {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return 0, errors.New("no JPEG start marker")
	}
	adobe := false
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return 0, errors.New("bad JPEG marker")
		}
		marker := data[i+1]
		if marker == 0xFF {
			i++
			continue
		}
		if marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7) {
			i += 2
			continue
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return 0, errors.New("bad JPEG segment length")
		}
		seg := data[i+4 : i+2+n]
		switch {
		case marker == 0xEE && bytes.HasPrefix(seg, []byte("Adobe")):
			adobe = true
		case marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC:
			return sofCost(marker, seg, adobe)
		case marker == 0xDA || marker == 0xD9:
			return 0, errors.New("JPEG without a frame header")
		}
		i += 2 + n
	}
	return 0, errors.New("JPEG without a frame header")
}

func sofCost(marker byte, seg []byte, adobe bool) (int64, error) {
	if len(seg) < 6 {
		return 0, errors.New("short JPEG frame header")
	}
	h, w := int64(binary.BigEndian.Uint16(seg[1:])), int64(binary.BigEndian.Uint16(seg[3:]))
	n := int(seg[5])
	if n != 1 && n != 3 && n != 4 || len(seg) < 6+3*n {
		return 0, fmt.Errorf("JPEG with %d components", n)
	}
	type comp struct {
		id   byte
		h, v int64
	}
	cs := make([]comp, n)
	var hmax, vmax int64 = 1, 1
	for k := range cs {
		c := seg[6+3*k:]
		cs[k] = comp{c[0], max(1, int64(c[1]>>4)), max(1, int64(c[1]&0x0F))}
		hmax, vmax = max(hmax, cs[k].h), max(vmax, cs[k].v)
	}
	if n == 1 {
		cs[0].h, cs[0].v, hmax, vmax = 1, 1, 1, 1
	}
	// MCUs across and down; each component has h×v blocks of 8×8 in each.
	mxx, myy := (w+8*hmax-1)/(8*hmax), (h+8*vmax-1)/(8*vmax)
	var samples int64
	for _, c := range cs {
		samples += mxx * myy * c.h * c.v * 64
	}
	cost := samples // one byte a sample: Gray, YCbCr and the black plane
	if marker == 0xC2 || marker == 0xC6 || marker == 0xCA || marker == 0xCE {
		cost += 4 * samples // progressive: an int32 coefficient a sample
	}
	rgb := n == 3 && cs[0].id == 'R' && cs[1].id == 'G' && cs[2].id == 'B'
	if n == 4 || rgb || (n == 3 && adobe) {
		cost += 4 * w * h // converted to RGBA or CMYK
	}
	return cost, nil
}
