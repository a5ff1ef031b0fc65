// Package attachtest makes the images the tests send: a real JPEG carrying
// an EXIF APP1 block with a GPS position, built byte by byte after the TIFF
// 6.0 and EXIF 2.3 layouts (so the reader in package attach is checked
// against the standard, not against itself).
package attachtest

import (
	"bytes"
	"encoding/binary"
	"image"
	"image/color"
	"image/jpeg"
	"math"
)

// JPEG returns a w×h JPEG picture with no metadata.
func JPEG(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * 255 / w), uint8(y * 255 / h), 128, 255})
		}
	}
	var buf bytes.Buffer
	jpeg.Encode(&buf, img, &jpeg.Options{Quality: 85})
	return buf.Bytes()
}

// EXIF returns the TIFF payload of an EXIF block whose GPS IFD holds lat and
// lng (degrees, minutes, seconds as rationals, with N/S and E/W refs), plus
// a camera make in IFD0 so that the block carries more than the position.
func EXIF(lat, lng float64) []byte {
	le := binary.LittleEndian
	var b bytes.Buffer
	w16 := func(v uint16) { binary.Write(&b, le, v) }
	w32 := func(v uint32) { binary.Write(&b, le, v) }
	b.WriteString("II")
	w16(42)
	w32(8) // IFD0
	// IFD0: Make (ASCII, at 50) and GPSInfo (LONG → 56).
	w16(2)
	w16(0x010F)
	w16(2)
	w32(6)
	w32(50)
	w16(0x8825)
	w16(4)
	w32(1)
	w32(56)
	w32(0) // no next IFD
	for b.Len() < 50 {
		b.WriteByte(0)
	}
	b.WriteString("Nokia\x00")
	// GPS IFD at 56: 4 entries; values at 56+2+48+4 = 110.
	latRef, lngRef := "N\x00", "E\x00"
	if lat < 0 {
		latRef, lat = "S\x00", -lat
	}
	if lng < 0 {
		lngRef, lng = "W\x00", -lng
	}
	w16(4)
	w16(1)
	w16(2)
	w32(2)
	b.WriteString(latRef + "\x00\x00")
	w16(2)
	w16(5)
	w32(3)
	w32(110)
	w16(3)
	w16(2)
	w32(2)
	b.WriteString(lngRef + "\x00\x00")
	w16(4)
	w16(5)
	w32(3)
	w32(134)
	w32(0)
	dms := func(v float64) {
		d := math.Floor(v)
		m := math.Floor((v - d) * 60)
		s := (v - d - m/60) * 3600
		w32(uint32(d))
		w32(1)
		w32(uint32(m))
		w32(1)
		w32(uint32(math.Round(s * 10000)))
		w32(10000)
	}
	dms(lat)
	dms(lng)
	return b.Bytes()
}

// JPEGWithGPS returns a w×h JPEG with an EXIF APP1 block right after its
// start marker, as cameras write it.
func JPEGWithGPS(w, h int, lat, lng float64) []byte {
	plain := JPEG(w, h)
	tiff := EXIF(lat, lng)
	app1 := []byte{0xFF, 0xE1, 0, 0}
	binary.BigEndian.PutUint16(app1[2:], uint16(2+6+len(tiff)))
	app1 = append(app1, "Exif\x00\x00"...)
	app1 = append(app1, tiff...)
	out := append([]byte{0xFF, 0xD8}, app1...)
	return append(out, plain[2:]...)
}
