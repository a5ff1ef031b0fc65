package open311_test

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/open311"
	"github.com/kotakita/aduan/internal/store"
)

// TestPublicTextsRedactTheCaller: FixMyStreet's servicerequestupdates
// published the caller's name and address from answers (redacted without
// the citizen), and numbers written +62 812 …, +62-812-…, 62-812-…,
// +62 (812) … passed on every public text. Now the updates and the
// requests (description, service notice, address) of both formats carry
// none of the caller's details nor any number.
func TestPublicTextsRedactTheCaller(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		now := time.Now()
		c := e.complaint("Sampah belum diangkut; saya Ani Lestari, HP +62 812 7777 0003.", aduan.Public, "SAMPAH", now.Add(-time.Minute), "081277770003")
		answer := "Ibu Ani Lestari (Jl. Kenanga 7): petugas datang besok. Kabari kami di +62-812-7777-0003, 62-812-7777-0003, " +
			"+62 (812) 7777 0003 atau 0812.7777.0003; surel ani.lestari@example.org."
		c, _, err := e.st.Complaints().ApplyAction(ctx, e.op, c.ID, c.Version, aduan.ActionAnswer, aduan.ActionInput{Answer: answer})
		if err != nil {
			t.Fatal(err)
		}
		span := "&start_date=" + url.QueryEscape(open311.Time(aduan.WIB, now.Add(-time.Hour))) + "&end_date=" + url.QueryEscape(open311.Time(aduan.WIB, now.Add(time.Hour)))
		paths := []string{"/open311/v2/servicerequestupdates.json?api_key=" + e.key + span, "/open311/v2/servicerequestupdates.xml?api_key=" + e.key + span,
			"/open311/v2/requests.json?service_request_id=" + c.Number, "/open311/v2/requests.xml?service_request_id=" + c.Number,
			"/open311/v2/requests/" + c.Number + ".json?extensions=true", "/open311/v2/requests.json?extensions=true"}
		for _, p := range paths {
			r := e.get(p)
			body := string(r.body)
			if r.status != 200 || !strings.Contains(body, "petugas datang besok") {
				t.Errorf("%s: %d %s", p, r.status, body)
				continue
			}
			for _, bad := range []string{"Lestari", "Kenanga", "7777", "0003", "ani.lestari"} {
				if strings.Contains(body, bad) {
					t.Errorf("%s publishes %q", p, bad)
				}
			}
		}
	})
}
