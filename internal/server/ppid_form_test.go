package server_test

import (
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// noRedirect is a client that shows a redirect instead of following it.
var noRedirect = &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

func publicForm(t *testing.T, u string, form url.Values) (int, string, string) {
	t.Helper()
	res, err := noRedirect.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b), res.Header.Get("Location")
}

func publicGet(t *testing.T, u string) (int, string) {
	t.Helper()
	res, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res.StatusCode, string(b)
}

var ppidTokenRe = regexp.MustCompile(`name="token" value="([^"]+)"`)

// TestPPIDPublicForm: a citizen asks for information on /informasi/mohon.
// A form sent too fast, without the identity the law asks, or with the
// field robots fill is refused with plain Indonesian words beside each
// field, what was typed kept, nothing stored. A good one is registered on
// the web channel (whatever the form says of the channel, time, contact or
// agency: staff decide those) and leads to its number and how to follow
// it, which the tracking page then finds; its token does not register a
// second request; and the address's forms per hour, counted with /lapor's,
// end in a 429.
func TestPPIDPublicForm(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		clock := &fakeClock{t: time.Now()}
		e.st.Now = clock.Now
		ctx := t.Context()
		count := func() int {
			rs, err := e.st.PPID().Requests(ctx, aduan.System, store.InfoFilter{})
			if err != nil {
				t.Fatal(err)
			}
			return len(rs)
		}
		token := func() string {
			status, page := publicGet(t, e.url+"/informasi/mohon")
			m := ppidTokenRe.FindStringSubmatch(page)
			if status != 200 || m == nil || !strings.Contains(page, "Nomor identitas") {
				t.Fatalf("GET /informasi/mohon: %d\n%s", status, page)
			}
			return m[1]
		}
		good := func(tok string) url.Values {
			return url.Values{"token": {tok}, "name": {"Rina Kurnia"}, "address": {"Jl. Margonda Raya 100, Depok"}, "phone": {"0812-7777-4321"},
				"email": {"rina@example.org"}, "id_number": {"3276 0101 9999 1234"}, "information": {"Daftar penerima beasiswa kota tahun 2025 per kecamatan"},
				"purpose": {"Liputan media kampus"}, "medium": {"softcopy"}, "delivery": {"email"}, "consent": {"1"}}
		}

		tok := token()
		status, page, _ := publicForm(t, e.url+"/informasi/mohon", good(tok))
		if status != 400 || !strings.Contains(page, "terlalu cepat") || !strings.Contains(page, "Daftar penerima beasiswa kota") {
			t.Fatalf("sent at once: %d\n%s", status, page)
		}
		clock.Add(10 * time.Second)
		bad := good(tok)
		bad.Del("name")
		bad.Del("phone")
		bad.Del("email")
		bad.Set("id_number", "12")
		bad.Del("consent")
		status, page, _ = publicForm(t, e.url+"/informasi/mohon", bad)
		for _, want := range []string{"Wajib diisi.", "Isi nomor HP atau alamat e-mail pemohon", "Nomor identitas (NIK/KTP", "Saya setuju",
			"Daftar penerima beasiswa kota tahun 2025 per kecamatan", "Jl. Margonda Raya 100, Depok"} {
			if !strings.Contains(page, want) {
				t.Errorf("no identity: %d, the page lacks %q", status, want)
			}
		}
		if status != 400 || strings.Count(page, `aria-invalid="true"`) < 4 {
			t.Errorf("no identity: %d, %d fields marked", status, strings.Count(page, `aria-invalid="true"`))
		}
		robot := good(tok)
		robot.Set("website", "http://spam.example")
		if status, page, _ = publicForm(t, e.url+"/informasi/mohon", robot); status != 400 || !strings.Contains(page, "Permohonan tidak dapat dikirim") {
			t.Errorf("the hidden field filled: %d", status)
		}
		if n := count(); n != 0 {
			t.Fatalf("%d requests stored from refused forms", n)
		}

		// Staff's fields sent with the form change nothing.
		ok := good(tok)
		ok.Set("channel", "telepon")
		ok.Set("received_at", "2020-01-01T08:00")
		ok.Set("contact_id", "1")
		ok.Set("agency_id", "1")
		ok.Set("status", "decided")
		status, _, loc := publicForm(t, e.url+"/informasi/mohon", ok)
		m := regexp.MustCompile(`^/informasi/terkirim\?nomor=(PPID-\d{4}-\d{6})$`).FindStringSubmatch(loc)
		if status != 303 || m == nil {
			t.Fatalf("a good form: %d to %q", status, loc)
		}
		number := m[1]
		r, err := e.st.PPID().RequestByNumber(ctx, number)
		if err != nil {
			t.Fatal(err)
		}
		if r.Channel != aduan.ChannelWeb || r.Status != aduan.InfoReceived || r.AgencyID != 0 || r.ContactID != 0 ||
			!r.ReceivedAt.Equal(clock.Now().Truncate(time.Millisecond)) || r.Name != "Rina Kurnia" || r.Phone != "+6281277774321" {
			t.Errorf("registered as %s %s agency %d contact %d at %v (now %v), %q %s", r.Channel, r.Status, r.AgencyID, r.ContactID, r.ReceivedAt, clock.Now(), r.Name, r.Phone)
		}
		status, page = publicGet(t, e.url+loc)
		for _, want := range []string{number, "10 hari kerja", "4 angka terakhir", `href="/informasi?nomor=` + number + `"`} {
			if status != 200 || !strings.Contains(page, want) {
				t.Errorf("the sent page: %d, lacks %q", status, want)
			}
		}
		if status, page, _ = publicForm(t, e.url+"/informasi/mohon", ok); status != 400 || !strings.Contains(page, "sudah pernah dikirim") || count() != 1 {
			t.Errorf("the same form again: %d, %d requests", status, count())
		}
		status, page, _ = e.publicPost(t, url.Values{"nomor": {number}, "hp4": {"4321"}})
		if status != 200 || !strings.Contains(page, "Daftar penerima beasiswa kota tahun 2025") {
			t.Errorf("tracking the new request: %d", status)
		}

		// Ten forms an hour from one address, /lapor's and these together.
		limited := false
		for i := 0; i < 12 && !limited; i++ {
			status, page, _ = publicForm(t, e.url+"/informasi/mohon", good(token()))
			limited = status == 429 && strings.Contains(page, "Terlalu banyak formulir") && strings.Contains(page, "Daftar penerima beasiswa kota")
		}
		if !limited {
			t.Errorf("never limited: last %d", status)
		}
	})
}
