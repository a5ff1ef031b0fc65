package server_test

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestLogoUpload: the admin uploads the city's logo on the settings page;
// anyone fetches it at /logo (the public pages' address); another role
// cannot upload, a GIF is refused with a message on the page, and a
// removed logo is gone.
func TestLogoUpload(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		b := newBrowserish(t, e)
		img := image.NewPaletted(image.Rect(0, 0, 64, 48), color.Palette{color.White, color.Black})
		var pngBody, gifBody bytes.Buffer
		if err := png.Encode(&pngBody, img); err != nil {
			t.Fatal(err)
		}
		if err := gif.Encode(&gifBody, img, nil); err != nil {
			t.Fatal(err)
		}
		upload := func(r aduan.Role, file []byte) (*http.Response, string) {
			var buf bytes.Buffer
			mw := multipart.NewWriter(&buf)
			fw, _ := mw.CreateFormFile("logo", "logo.png")
			fw.Write(file)
			mw.Close()
			return b.send(r, "POST", "/admin/logo", &buf, mw.FormDataContentType())
		}
		anon := func() *http.Response {
			res, err := http.Get(e.url + "/logo")
			if err != nil {
				t.Fatal(err)
			}
			return res
		}
		if res := anon(); res.StatusCode != 404 {
			t.Errorf("/logo before any upload: %d, want 404", res.StatusCode)
		}
		if res, _ := upload(KO, pngBody.Bytes()); res.StatusCode != 403 {
			t.Errorf("the coordinator uploads a logo: %d, want 403", res.StatusCode)
		}
		if res, page := upload(AD, gifBody.Bytes()); res.StatusCode != 400 || !strings.Contains(page, "bukan gambar PNG atau JPEG") {
			t.Errorf("a GIF: %d, want 400 saying it is not a PNG or JPEG", res.StatusCode)
		}
		if res, _ := upload(AD, pngBody.Bytes()); res.StatusCode != 303 {
			t.Fatalf("upload: %d", res.StatusCode)
		}
		res := anon()
		defer res.Body.Close()
		cfg, format, err := image.DecodeConfig(res.Body)
		if res.StatusCode != 200 || res.Header.Get("Content-Type") != "image/png" || err != nil || format != "png" || cfg.Width != 64 || cfg.Height != 48 {
			t.Errorf("/logo: %d %s, %s %d×%d (%v); want the 64×48 PNG", res.StatusCode, res.Header.Get("Content-Type"), format, cfg.Width, cfg.Height, err)
		}
		if _, page := b.get(AD, "/admin/settings"); !strings.Contains(page, `src="/logo?v=`) {
			t.Errorf("the settings page does not show the logo")
		}
		// The citizens' pages carry it by the city's name.
		for _, path := range []string{"/lapor", "/lacak", "/halaman-yang-tidak-ada"} {
			res, err := http.Get(e.url + path)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(res.Body)
			res.Body.Close()
			page := string(body)
			if !strings.Contains(page, `class="brand" href="/"><img src="/logo?v=`) || !strings.Contains(page, "Kota Depok") {
				t.Errorf("%s does not show the city's logo and name: %.600s", path, page[strings.Index(page, "<header"):])
			}
		}
		if res, _ := b.post(AD, "/admin/logo", map[string][]string{"delete": {"1"}}); res.StatusCode != 303 {
			t.Fatalf("remove: %d", res.StatusCode)
		}
		if res := anon(); res.StatusCode != 404 {
			t.Errorf("/logo after removal: %d, want 404", res.StatusCode)
		}
	})
}
