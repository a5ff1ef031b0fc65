package attach

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/color/palette"
	"image/jpeg"
	"image/png"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/kotakita/aduan/internal/attach/attachtest"
)

// allocated is how many bytes fn allocated, as the runtime counts them.
func allocated(fn func()) int64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return int64(after.TotalAlloc - before.TotalAlloc)
}

// TestDecodeCost: the price read from the header covers what image.Decode
// really allocates for each pixel format of PNG and JPEG (16-bit, grey and
// 16-bit grey, paletted, with transparency, interlaced; JPEG 4:2:0 and
// grey, the kinds image/jpeg writes), and is not far above it. A
// progressive frame is priced with its coefficients: five times the
// samples of the same baseline frame.
func TestDecodeCost(t *testing.T) {
	const w, h = 320, 240
	fill := func(m interface{ Set(x, y int, c color.Color) }) {
		for y := 0; y < h; y++ {
			for x := 0; x < w; x++ {
				m.Set(x, y, color.NRGBA64{uint16(x * 97), uint16(y * 131), uint16(x * y), 0xC000})
			}
		}
	}
	pngOf := func(m image.Image) []byte {
		var b bytes.Buffer
		if err := png.Encode(&b, m); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	rect := image.Rect(0, 0, w, h)
	cases := map[string][]byte{}
	for name, m := range map[string]interface {
		image.Image
		Set(x, y int, c color.Color)
	}{
		"png gray": image.NewGray(rect), "png gray16": image.NewGray16(rect), "png rgba": image.NewRGBA(rect),
		"png nrgba": image.NewNRGBA(rect), "png rgba64": image.NewRGBA64(rect), "png nrgba64": image.NewNRGBA64(rect),
		"png paletted": image.NewPaletted(rect, palette.Plan9),
	} {
		fill(m)
		cases[name] = pngOf(m)
	}
	cases["png gray16 with tRNS"] = withTRNS(t, cases["png gray16"], []byte{0, 7})
	cases["png rgb with tRNS"] = withTRNS(t, pngOf(opaque(image.NewRGBA(rect))), []byte{0, 1, 0, 2, 0, 3})
	cases["png interlaced 16-bit"] = attachtest.PNGBomb(w, h)
	// JPEGs from image/jpeg are baseline 4:2:0; the others are
	// attachtest's hand-made frames around the same kind of data.
	rgba := image.NewRGBA(rect)
	fill(rgba)
	var jb bytes.Buffer
	jpeg.Encode(&jb, rgba, nil)
	cases["jpeg 4:2:0"] = jb.Bytes()
	gray := image.NewGray(rect)
	fill(gray)
	jb.Reset()
	jpeg.Encode(&jb, gray, nil)
	cases["jpeg gray"] = jb.Bytes()

	base, _ := decodeCost("image/jpeg", cases["jpeg 4:2:0"])
	prog := bytes.Clone(cases["jpeg 4:2:0"])
	prog[bytes.Index(prog, []byte{0xFF, 0xC0})+1] = 0xC2
	if p, _ := decodeCost("image/jpeg", prog); p-128<<10 != 5*(base-128<<10) {
		t.Errorf("progressive priced %d, baseline %d", p, base)
	}

	for name, data := range cases {
		ct := "image/png"
		if name[0] == 'j' {
			ct = "image/jpeg"
		}
		cost, err := decodeCost(ct, data)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		var derr error
		got := allocated(func() { _, _, derr = image.Decode(bytes.NewReader(data)) })
		if derr != nil {
			t.Fatalf("%s: decode: %v", name, derr)
		}
		// Within the price, and the price not far above what was taken.
		if got > cost || cost > got*3/2+128<<10 {
			t.Errorf("%s: priced %d KiB, decoding took %d KiB", name, cost>>10, got>>10)
		}
	}
}

func crc(typ string, data []byte) []byte {
	c := crc32.NewIEEE()
	c.Write([]byte(typ))
	c.Write(data)
	return binary.BigEndian.AppendUint32(nil, c.Sum32())
}

func opaque(m *image.RGBA) *image.RGBA {
	for i := 3; i < len(m.Pix); i += 4 {
		m.Pix[i] = 0xFF
	}
	return m
}

// withTRNS inserts a tRNS chunk after IHDR.
func withTRNS(t *testing.T, p, trns []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	b.Write(p[:33]) // signature and IHDR
	n := []byte{0, 0, 0, byte(len(trns))}
	b.Write(n)
	b.WriteString("tRNS")
	b.Write(trns)
	b.Write(crc("tRNS", trns))
	b.Write(p[33:])
	out := b.Bytes()
	if _, err := png.Decode(bytes.NewReader(out)); err != nil {
		t.Fatalf("tRNS: %v", err)
	}
	return out
}

// TestBombRefused: the bomb of issue 12 (16-bit, interlaced; here 5000×5000
// in 198 KB, under the old limit of 60 million pixels, 381 MiB to decode)
// is refused from its header: ErrDimensions, and what Process allocates
// stays near the file's own size.
func TestBombRefused(t *testing.T) {
	bomb := attachtest.PNGBomb(5000, 5000)
	if len(bomb) > 256<<10 {
		t.Fatalf("bomb of %d bytes", len(bomb))
	}
	var err error
	got := allocated(func() { _, err = Process(bomb, 10<<20) })
	if !errors.Is(err, ErrDimensions) {
		t.Fatalf("bomb: %v, want ErrDimensions", err)
	}
	if got > 8<<20 {
		t.Errorf("refusing the bomb allocated %d MiB", got>>20)
	}
	// A JPEG whose frame header announces 30000×30000: priced, refused.
	j := attachtest.JPEG(16, 16)
	for i := 2; i+4 < len(j); i++ {
		if j[i] == 0xFF && j[i+1] == 0xC0 {
			j[i+5], j[i+6], j[i+7], j[i+8] = 0x75, 0x30, 0x75, 0x30
			break
		}
	}
	if _, err := Process(j, 10<<20); !errors.Is(err, ErrDimensions) {
		t.Errorf("jpeg 30000×30000: %v, want ErrDimensions", err)
	}
}

// TestDecodeSlots: however many decodes are asked for at once, at most
// DecodeSlots run together.
func TestDecodeSlots(t *testing.T) {
	var in, peak atomic.Int32
	release := make(chan struct{})
	var wg sync.WaitGroup
	for range 3 * DecodeSlots {
		wg.Add(1)
		go func() {
			defer wg.Done()
			withSlot(func() error {
				n := in.Add(1)
				for p := peak.Load(); n > p && !peak.CompareAndSwap(p, n); p = peak.Load() {
				}
				<-release
				in.Add(-1)
				return nil
			})
		}()
	}
	for in.Load() < DecodeSlots {
		runtime.Gosched()
	}
	for range 100 { // give the others every chance to get in
		runtime.Gosched()
	}
	if p := peak.Load(); p != DecodeSlots {
		t.Errorf("%d decodes at once, want %d", p, DecodeSlots)
	}
	close(release)
	wg.Wait()
	// Real images go through the slots too.
	var ok atomic.Int32
	for range 4 * DecodeSlots {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := Process(attachtest.JPEG(200, 100), 1<<20); err == nil {
				ok.Add(1)
			}
		}()
	}
	wg.Wait()
	if ok.Load() != 4*DecodeSlots || len(decodeSlots) != 0 {
		t.Errorf("%d of %d processed, %d slots held", ok.Load(), 4*DecodeSlots, len(decodeSlots))
	}
}
