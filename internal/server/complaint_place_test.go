package server_test

import (
	"fmt"
	"html"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestComplaintPagePlace: the complaint page writes the place as every
// other page does (aduan.FormatPlace): "Jl. …, Kel. …, Kec. …", and a
// complaint with only a kelurahan starts with "Kel.", never with a comma.
func TestComplaintPagePlace(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e, b := libEnv(t, d)
		op := e.users[OP].Actor()
		for _, tc := range []struct{ street, want string }{
			{"Jl. Nusantara Raya depan masjid", "<dd>Jl. Nusantara Raya depan masjid, Kel. Depok Jaya, Kec. Pancoran Mas</dd>"},
			{"", "<dd>Kel. Depok Jaya, Kec. Pancoran Mas</dd>"},
		} {
			c, err := e.st.Complaints().CreateComplaint(ctx, op, aduan.NewComplaint{Text: "Lampu PJU mati, jalan gelap.", Address: tc.street,
				KelurahanCode: "32.76.01.1007", Citizen: &aduan.CitizenInput{Name: "Rudi", Phone: nextPhone()}})
			if err != nil {
				t.Fatal(err)
			}
			_, body := b.get(OP, fmt.Sprintf("/complaints/%d", c.ID))
			if !strings.Contains(html.UnescapeString(body), tc.want) {
				i := strings.Index(body, "Depok Jaya")
				t.Errorf("the page does not write the place as %q; near it: %q", tc.want, body[max(0, i-120):min(len(body), i+80)])
			}
		}
	})
}
