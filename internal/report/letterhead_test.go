package report_test

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report/render"
	"github.com/kotakita/aduan/internal/store"
)

func setNIP(t *testing.T, st *store.Store, userID int64, nip string) error {
	t.Helper()
	u, err := st.Users().User(ctx, userID)
	check(t, err)
	u.NIP = nip
	return st.Users().UpdateUser(ctx, aduan.System, u)
}

// redLogo is a 200 × 160 logo, pure red, which nothing else in a report
// is.
func redLogo(t *testing.T) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, 200, 160))
	for i := 0; i < len(img.Pix); i += 4 {
		img.Pix[i], img.Pix[i+3] = 255, 255
	}
	var buf bytes.Buffer
	check(t, png.Encode(&buf, img))
	return buf.Bytes()
}

// TestLetterheadLogoAndNIP: the admin's logo is printed at the top left of
// the monthly report, and the NIPs of the coordinator who prepared it and
// the Kasi who initialled it stand under their names; a malformed NIP is
// refused with a field error.
func TestLetterheadLogoAndNIP(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		err := setNIP(t, f.st, f.ko.UserID, "1980010120050")
		if e, ok := aduan.AsError(err); !ok || len(e.Fields) != 1 || e.Fields[0].Field != "nip" || e.Fields[0].Key != "err.field.nip" {
			t.Fatalf("a 13-digit NIP: %v; want the field error err.field.nip", err)
		}
		check(t, setNIP(t, f.st, f.ko.UserID, "19800101 200501 2 003"))
		check(t, setNIP(t, f.st, f.ka.UserID, "197505152000031004"))
		if u, _ := f.st.Users().User(ctx, f.ko.UserID); u.NIP != "198001012005012003" {
			t.Errorf("stored NIP %q, want its 18 digits", u.NIP)
		}
		if err := f.st.RefData().SetLogo(ctx, f.ko, redLogo(t)); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("the coordinator sets the logo: %v; want forbidden (admin only)", err)
		}
		check(t, f.st.RefData().SetLogo(ctx, aduan.System, redLogo(t)))
		l, err := f.st.RefData().Logo(ctx)
		check(t, err)
		if l.Width != 200 || l.Height != 160 {
			t.Errorf("stored logo %d×%d, want 200×160", l.Width, l.Height)
		}

		pdf := must[[]byte](t)(f.st.Reports().ReportFile(ctx, f.ka, finalMonthly(t, f).ID, "pdf"))
		text := pdfText(t, pdf)
		for _, want := range []string{"Rina Koordinator", "NIP 19800101 200501 2 003", "Agus Kasi", "NIP 19750515 200003 1 004"} {
			if !strings.Contains(text, want) {
				t.Errorf("the printed report lacks %q", want)
			}
		}
		red := redAtTopLeft(pdfPages(t, pdf)[0])
		if red < 100 {
			t.Errorf("the logo is not at the top left of page 1 (%d red pixels there)", red)
		}

		check(t, f.st.RefData().DeleteLogo(ctx, aduan.System))
		if _, ok, err := f.st.RefData().LogoVersion(ctx); ok || err != nil {
			t.Errorf("after removal: logo %v, %v", ok, err)
		}
	})
}

// TestLetterLogo: the PPID's letters share the letterhead, logo included.
func TestLetterLogo(t *testing.T) {
	pdf, err := render.LetterPDF(&render.Letter{Settings: render.Settings{Letterhead: "PEMERINTAH KOTA DEPOK", Logo: redLogo(t)},
		Lang: i18n.ID, Title: "Pemberitahuan Tertulis", Date: wib(2026, 11, 2, 9, 0), Body: []string{"Isi surat."}})
	check(t, err)
	if n := redAtTopLeft(pdfPages(t, pdf)[0]); n < 100 {
		t.Errorf("the letter's logo is not at the top left (%d red pixels there)", n)
	}
}

// redAtTopLeft counts the red pixels in the top left of a page, where the
// logo goes.
func redAtTopLeft(page image.Image) int {
	b := page.Bounds()
	red := 0
	for y := b.Min.Y; y < b.Min.Y+b.Dy()/6; y++ {
		for x := b.Min.X; x < b.Min.X+b.Dx()/4; x++ {
			if c := color.NRGBAModel.Convert(page.At(x, y)).(color.NRGBA); c.R > 200 && c.G < 60 && c.B < 60 {
				red++
			}
		}
	}
	return red
}
