package attachtest

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"hash/crc32"
)

// PNGBomb returns a valid w×h PNG of 16-bit RGBA pixels, Adam7-interlaced
// and all zero, in a file about a thousandth of its raw size: the
// decompression bomb of issue 12 (7745×7745 in 455 KB, about 900 MiB to
// decode with image/png). It is written without ever holding the picture:
// the zlib stream is one deflated block of zeros repeated (each ends
// byte-aligned by a sync flush and refers only to itself), and its
// checksum is Adler-32's closed form for zeros.
func PNGBomb(w, h int) []byte {
	const px = 8 // bytes a pixel: RGBA, 16 bits each
	// The raw data: each pass's rows, each with its filter byte.
	var raw int64
	for _, p := range [7][4]int{{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}} {
		pw := (w - p[0] + p[2] - 1) / p[2]
		ph := (h - p[1] + p[3] - 1) / p[3]
		if pw > 0 && ph > 0 {
			raw += int64(ph) * int64(1+pw*px)
		}
	}
	const unit = 1 << 20
	zeros := func(n int) []byte {
		var b bytes.Buffer
		fw, _ := flate.NewWriter(&b, flate.BestCompression)
		fw.Write(make([]byte, n))
		fw.Flush()
		return b.Bytes()
	}
	var z bytes.Buffer
	z.Write([]byte{0x78, 0xDA}) // zlib header: deflate, 32K window, best
	block := zeros(unit)
	for n := raw / unit; n > 0; n-- {
		z.Write(block)
	}
	z.Write(zeros(int(raw % unit)))
	z.Write([]byte{0x03, 0x00}) // a final, empty block with fixed codes
	binary.Write(&z, binary.BigEndian, uint32(raw%65521)<<16|1)

	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&out, binary.BigEndian, uint32(len(data)))
		c := crc32.NewIEEE()
		c.Write([]byte(typ))
		c.Write(data)
		out.WriteString(typ)
		out.Write(data)
		binary.Write(&out, binary.BigEndian, c.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9], ihdr[12] = 16, 6, 1 // 16 bits, RGBA, Adam7
	chunk("IHDR", ihdr)
	chunk("IDAT", z.Bytes())
	chunk("IEND", nil)
	return out.Bytes()
}
