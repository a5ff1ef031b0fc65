package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

var tokenRe = regexp.MustCompile(`name="token" value="([^"]+)"`)

// lapor files the public form as a stranger would, and returns the
// complaint number it answers with.
func lapor(t *testing.T, m *Main, clock *testClock, form url.Values) string {
	t.Helper()
	base := "http://" + m.Addr()
	res, err := http.Get(base + "/lapor")
	if err != nil {
		t.Fatal(err)
	}
	page, _ := io.ReadAll(res.Body)
	res.Body.Close()
	tok := tokenRe.FindStringSubmatch(string(page))
	if tok == nil {
		t.Fatalf("no form token on /lapor (%d)", res.StatusCode)
	}
	clock.Add(time.Minute) // a person takes a while to fill the form in
	form.Set("token", tok[1])
	form.Set("consent", "1")
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	res, err = noRedirect.PostForm(base+"/lapor", form)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	loc := res.Header.Get("Location")
	if res.StatusCode != http.StatusSeeOther || !strings.Contains(loc, "nomor=") {
		t.Fatalf("/lapor: %d %s\n%s", res.StatusCode, loc, body)
	}
	return loc[strings.Index(loc, "nomor=")+len("nomor="):]
}

// TestIdentityOverwriteFromOutsideRefused: a stranger who knows a
// caller's phone number files the public form and an Open311 request with
// it and their own name and e-mail. The stored citizen stays as the call
// center recorded it, so the city's SMS still greet the caller by their
// own name and its e-mails go to their own address; what the stranger
// typed is kept on each complaint as the stated identity, which staff see
// beside the stored one. A staff correction then does reach the messages.
func TestIdentityOverwriteFromOutsideRefused(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, clock := start(t, d, false)
		ctx := context.Background()
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		kasi := login(t, m, "kasi", aduan.RoleKasiKabid, "")
		own := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Lampu PJU mati di Jl. Nusantara.",
			"citizen": map[string]any{"name": "Ani Suryani", "phone": "0812-3333-4444", "email": "ani@example.org", "address": "Jl. Kenanga 3"}}).Must(t, 201)
		citizenID := apitest.Num(own["citizen"].(map[string]any), "id")

		web := lapor(t, m, clock, url.Values{"text": {"Sampah menumpuk di depan rumah saya."}, "place": {"Jl. Kenanga 3"},
			"kelurahan": {"32.76.05.1001"}, "name": {"Penipu Satu"}, "phone": {"+62 812-3333-4444"}, "email": {"penipu@evil.example"}})
		secret, _, err := m.Store.Open311().CreateOpen311Key(ctx, aduan.System, "Dasbor", 100)
		if err != nil {
			t.Fatal(err)
		}
		res, err := http.PostForm("http://"+m.Addr()+"/open311/v2/requests.json", url.Values{"api_key": {secret}, "service_code": {"PJU"},
			"address_string": {"Jl. Juanda"}, "description": {"Lampu mati."}, "first_name": {"Penipu"}, "last_name": {"Dua"},
			"phone": {"6281233334444"}, "email": {"penipu2@evil.example"}})
		if err != nil {
			t.Fatal(err)
		}
		raw, _ := io.ReadAll(res.Body)
		res.Body.Close()
		o311 := regexp.MustCompile(`ADU-\d{4}-\d{6}`).FindString(string(raw))
		if res.StatusCode != 200 || o311 == "" {
			t.Fatalf("Open311 POST: %d %s", res.StatusCode, raw)
		}

		cz, err := m.Store.Citizens().Citizen(ctx, aduan.Actor{UserID: 1, Role: aduan.RoleOperatorCC}, citizenID)
		if err != nil {
			t.Fatal(err)
		}
		if cz.Name != "Ani Suryani" || cz.Email != "ani@example.org" || cz.Address != "Jl. Kenanga 3" || cz.Version != 1 {
			t.Fatalf("the stored citizen changed: %+v", cz)
		}
		for number, stated := range map[string]string{web: "Penipu Satu", o311: "Penipu Dua"} {
			got := op.Do("GET", "/api/v1/complaints/"+number, nil).Must(t, 200)
			czj := got["citizen"].(map[string]any)
			st, _ := got["stated_identity"].(map[string]any)
			if apitest.Num(czj, "id") != citizenID || czj["name"] != "Ani Suryani" || st == nil || st["name"] != stated {
				t.Errorf("%s: citizen %v, stated %v; want the stored citizen and %q beside it", number, czj, st, stated)
			}
			// A role that may not see who complained sees neither.
			if got := kasi.Do("GET", "/api/v1/complaints/"+number, nil).Must(t, 200); got["stated_identity"] != nil || got["citizen"] != nil {
				t.Errorf("%s: kasi sees %v / %v", number, got["stated_identity"], got["citizen"])
			}
		}

		// What the city sends: by SMS "Yth. {nama}", by e-mail to the
		// stored address.
		photos := func(number string) (sms, email *map[string]any) {
			t.Helper()
			cmp := op.Do("GET", "/api/v1/complaints/"+number, nil).Must(t, 200)
			act(t, op, cmp, "request_photos", nil)
			var items []map[string]any
			eventually(t, "photo request messages", func() bool {
				items = nil
				for _, it := range apitest.Items(op.Do("GET", fmt.Sprintf("/api/v1/complaints/%d/messages", apitest.Num(cmp, "id")), nil).Must(t, 200)) {
					if it["purpose"] == "request_photos" {
						items = append(items, it)
					}
				}
				return len(items) == 2
			})
			for i := range items {
				switch items[i]["channel"] {
				case "sms":
					sms = &items[i]
				case "email":
					email = &items[i]
				}
			}
			if sms == nil || email == nil {
				t.Fatalf("photo request messages: %v", items)
			}
			return sms, email
		}
		for _, number := range []string{web, o311} {
			sms, email := photos(number)
			if body := (*sms)["body"].(string); !strings.Contains(body, "Yth. Ani Suryani") || strings.Contains(body, "Penipu") {
				t.Errorf("%s: SMS %q", number, body)
			}
			if to := (*email)["to"]; to != "ani@example.org" {
				t.Errorf("%s: e-mail to %v", number, to)
			}
		}

		// The console shows the stated identity beside the stored one; a
		// person dismisses it and it is gone, the citizen as it was.
		webID := apitest.Num(op.Do("GET", "/api/v1/complaints/"+web, nil).Must(t, 200), "id")
		page := func() string {
			res := op.Do("GET", fmt.Sprintf("/complaints/%d", webID), nil)
			if res.Status != 200 {
				t.Fatalf("complaint page: %d", res.Status)
			}
			return string(res.Raw)
		}
		if p := page(); !strings.Contains(p, "Identitas yang diketik pengirim") || !strings.Contains(p, "Penipu Satu") || !strings.Contains(p, "Ani Suryani") {
			t.Errorf("the complaint page does not show both identities")
		}
		req, _ := http.NewRequest("POST", fmt.Sprintf("http://%s/complaints/%d/identity", m.Addr(), webID),
			strings.NewReader(url.Values{"do": {"dismiss"}, "version": {"1"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if res := op.Send(req); res.Status != 200 { // the redirect followed
			t.Fatalf("dismiss: %d", res.Status)
		}
		if p := page(); strings.Contains(p, "Penipu Satu") {
			t.Errorf("still shown after dismissing")
		}

		// The call center confirms with the caller and corrects the record:
		// that reaches the messages.
		op.Do("PATCH", fmt.Sprintf("/api/v1/citizens/%d", citizenID), map[string]any{"version": cz.Version, "name": "Ani Lestari",
			"phone": "081233334444", "email": "ani.baru@example.org", "address": "Jl. Kenanga 3"}).Must(t, 200)
		third := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Saluran air tersumbat.",
			"citizen": map[string]any{"phone": "081233334444"}}).Must(t, 201)
		sms, email := photos(apitest.Str(third, "number"))
		if body := (*sms)["body"].(string); !strings.Contains(body, "Yth. Ani Lestari") {
			t.Errorf("after the staff edit: SMS %q", body)
		}
		if to := (*email)["to"]; to != "ani.baru@example.org" {
			t.Errorf("after the staff edit: e-mail to %v", to)
		}

		// Over the API: a role that may not see identities cannot settle
		// it, a stale citizen version is refused, and the call center
		// adopts it (having confirmed it with the caller).
		settle := "/api/v1/complaints/" + o311 + "/stated_identity"
		if res := kasi.Do("POST", settle, map[string]any{"adopt": true, "version": 2}); res.Status != 403 && res.Status != 404 {
			t.Errorf("kasi settled the stated identity: %d", res.Status)
		}
		op.Do("POST", settle, map[string]any{"adopt": true, "version": 1}).Must(t, 409)
		adopted := op.Do("POST", settle, map[string]any{"adopt": true, "version": 2}).Must(t, 200)
		if adopted["name"] != "Penipu Dua" || adopted["email"] != "penipu2@evil.example" {
			t.Errorf("adopted: %v", adopted)
		}
		if got := op.Do("GET", "/api/v1/complaints/"+o311, nil).Must(t, 200); got["stated_identity"] != nil {
			t.Errorf("still shown after adopting: %v", got["stated_identity"])
		}
	})
}

// eventually polls cond until it holds or 20 s pass.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if cond() {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}
