package open311_test

import (
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestPhoneKeptAsNote: a report with a phone the call center cannot use is
// recorded, not refused: the number as sent is a line of the text and the
// citizen has no phone; a landline is kept as the call-back number.
func TestPhoneKeptAsNote(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		post := func(ph string) *aduan.Complaint {
			t.Helper()
			r := e.post("/open311/v2/requests.json", form("api_key", e.key, "service_code", "PJU", "address_string", "Jl. Juanda 12",
				"description", "Lampu PJU mati.", "first_name", "Ani", "phone", ph)).check(t, "json", 200)
			c, err := e.st.Complaints().ComplaintByNumber(ctx, e.op, list(t, r.body)[0]["service_request_id"].(string))
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		c := post("12-ext\x07")
		if c.Citizen == nil || c.Citizen.Name != "Ani" || c.Citizen.Phone != "" {
			t.Errorf("citizen: %+v", c.Citizen)
		}
		if !strings.Contains(c.Text, "Nomor telepon yang dikirim tidak dapat dipakai (dicatat apa adanya): 12-ext") || strings.Contains(c.Text, "\x07") {
			t.Errorf("text: %q", c.Text)
		}
		c = post("021-7720 0123")
		if c.Citizen == nil || c.Citizen.Phone != "+622177200123" || c.Citizen.Phone.Mobile() || strings.Contains(c.Text, "tidak dapat dipakai") {
			t.Errorf("landline: %+v, %q", c.Citizen, c.Text)
		}
	})
}
