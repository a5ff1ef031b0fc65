package server_test

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

var formTokenRe = regexp.MustCompile(`name="form_token" value="([0-9a-f]{32})"`)

// formToken is the token of the first form on a page.
func formToken(t *testing.T, page string) string {
	t.Helper()
	m := formTokenRe.FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the page has no form token")
	}
	return m[1]
}

// TestDeskFormSentTwice: the operator presses Simpan twice, or the browser
// sends the desk again. One form records one complaint (one event, one
// audit row, its jobs), whatever the number of posts, also at once; the
// second post leads to the complaint saved by the first, with a flash that
// names it. A form that comes back with an error keeps its token, and its
// corrected post records exactly one complaint. The same token with other
// contents (typed into after saving) changes nothing and comes back with
// a fresh token, so that Save records it as a new complaint only when
// pressed again.
func TestDeskFormSentTwice(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e, b := libEnv(t, d)
		_, page := b.get(OP, "/desk")
		tok := formToken(t, page)
		if _, again := b.get(OP, "/desk"); formToken(t, again) == tok {
			t.Fatal("two blank desks share a token")
		}
		form := url.Values{"phone": {nextPhone()}, "name": {"Siti"}, "address": {"Jl. Melati 4"}, "text": {"Sampah menumpuk di Jl. Melati sejak Senin"},
			"kelurahan": {"32.76.01.1007"}, "channel": {"telepon"}, "confidentiality": {"biasa"}, "next": {"save"}, "form_token": {tok}}
		before := e.written(t)
		res, _ := b.post(OP, "/desk", form)
		first := res.Header.Get("Location")
		// Saved: a fresh desk for the next call, its toast naming the
		// complaint.
		to, _, _ := strings.Cut(first, "&ok=")
		if res.StatusCode != 303 || !strings.HasPrefix(first, "/desk?saved=") || !strings.HasSuffix(first, "&ok=web.ok.desk.saved") {
			t.Fatalf("first post: %d to %q", res.StatusCode, first)
		}
		saved := e.written(t)
		if saved[0] != before[0]+1 {
			t.Fatalf("complaints recorded: %d, want 1", saved[0]-before[0])
		}
		var id int64
		fmt.Sscanf(to, "/desk?saved=%d", &id)
		c, err := e.st.Complaints().Complaint(ctx, aduan.System, id)
		if err != nil {
			t.Fatal(err)
		}
		res, _ = b.post(OP, "/desk", form)
		if loc := res.Header.Get("Location"); res.StatusCode != 303 || loc != to+"&ok=web.ok.desk.already_saved" {
			t.Fatalf("second post: %d to %q, want 303 to the desk naming the first's complaint", res.StatusCode, loc)
		}
		if got := e.written(t); got != saved {
			t.Fatalf("the second post wrote (complaints, events, audit, jobs) %v -> %v", saved, got)
		}
		link := fmt.Sprintf(`<a href="/complaints/%d" class="nowrap">%s</a>`, id, c.Number)
		for lang, want := range map[string]string{"id": "Formulir ini sudah tersimpan sebagai " + link + ".", "en": "This form was already saved as " + link + "."} {
			if _, p := b.get(OP, to+"&ok=web.ok.desk.already_saved&lang="+lang); !strings.Contains(p, want) {
				t.Errorf("the desk (%s) lacks the toast %q", lang, want)
			}
		}

		// Four posts of one form at once: one complaint, every answer
		// leads to it.
		_, page = b.get(OP, "/desk")
		form.Set("form_token", formToken(t, page))
		form.Set("text", "Saluran air tersumbat di Jl. Mawar")
		var wg sync.WaitGroup
		locs := make([]string, 4)
		for i := range locs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				req, _ := http.NewRequest("POST", e.url+"/desk", strings.NewReader(form.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: b.tokens[OP]})
				res, err := b.client.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				res.Body.Close()
				locs[i] = res.Header.Get("Location")
			}()
		}
		wg.Wait()
		if got := e.written(t); got[0] != saved[0]+1 || got[1] != saved[1]+1 {
			t.Fatalf("four posts at once recorded %d complaints and %d events, want 1 and 1", got[0]-saved[0], got[1]-saved[1])
		}
		for _, l := range locs {
			base, _, _ := strings.Cut(l, "&ok=")
			if first, _, _ := strings.Cut(locs[0], "&ok="); base != first || !strings.HasPrefix(base, "/desk?saved=") {
				t.Fatalf("answers to the posts at once: %q", locs)
			}
		}
		saved = e.written(t)

		// The first form with other contents: nothing recorded, the form
		// back as typed, the saved complaint named and linked, a new token.
		changed := url.Values{}
		for k, v := range form {
			changed[k] = v
		}
		changed.Set("form_token", tok)
		changed.Set("text", "Pohon tumbang di Jl. Melati")
		res, p := b.post(OP, "/desk", changed)
		if res.StatusCode != 422 {
			t.Fatalf("the token with other contents: %d, want 422", res.StatusCode)
		}
		for what, want := range map[string]string{
			"the message":    "Formulir ini sudah tersimpan sebagai " + c.Number,
			"the link":       fmt.Sprintf(`<a href="/complaints/%d">%s</a>`, id, c.Number),
			"the typed text": "Pohon tumbang di Jl. Melati</textarea>",
		} {
			if !strings.Contains(p, want) {
				t.Errorf("the form lacks %s (%q)", what, want)
			}
		}
		if got := e.written(t); got != saved {
			t.Fatalf("the token with other contents wrote %v -> %v", saved, got)
		}
		fresh := formToken(t, p)
		if fresh == tok {
			t.Fatal("the form came back with the saved form's token")
		}
		changed.Set("form_token", fresh)
		if res, _ := b.post(OP, "/desk", changed); res.StatusCode != 303 || e.written(t)[0] != saved[0]+1 {
			t.Fatalf("Save pressed again: %d, %d complaints, want a new one", res.StatusCode, e.written(t)[0]-saved[0])
		}
		saved = e.written(t)

		// A form with an error keeps its token; corrected, it records one
		// complaint, and sent again, none more.
		_, page = b.get(OP, "/desk")
		tok = formToken(t, page)
		bad := url.Values{}
		for k, v := range form {
			bad[k] = v
		}
		bad.Set("form_token", tok)
		bad.Set("text", "")
		res, p = b.post(OP, "/desk", bad)
		if res.StatusCode != 400 || formToken(t, p) != tok {
			t.Fatalf("the form with an error: %d, token kept %v", res.StatusCode, formToken(t, p) == tok)
		}
		if got := e.written(t); got != saved {
			t.Fatalf("the form with an error wrote %v -> %v", saved, got)
		}
		bad.Set("text", "Jalan berlubang di depan SDN Melati")
		for i, want := range []string{"&ok=web.ok.desk.saved", "&ok=web.ok.desk.already_saved"} {
			if res, _ := b.post(OP, "/desk", bad); res.StatusCode != 303 || !strings.HasSuffix(res.Header.Get("Location"), want) {
				t.Fatalf("corrected post %d: %d to %q", i+1, res.StatusCode, res.Header.Get("Location"))
			}
		}
		if got := e.written(t); got[0] != saved[0]+1 || got[1] != saved[1]+1 {
			t.Fatalf("the corrected form recorded %d complaints, %d events; want 1, 1", got[0]-saved[0], got[1]-saved[1])
		}
	})
}

// TestStepFormSentTwice: a step's form on the complaint page sent twice
// takes the step once and shows it done both times, rather than "changed
// meanwhile" for the second (which the same post without the page's token
// still gets); two sent at once take one step too. The token with another
// form is refused as stale, nothing done, and the page comes back with a
// fresh token.
func TestStepFormSentTwice(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e, b := libEnv(t, d)
		for _, atOnce := range []bool{false, true} {
			id := int64(apitest.Num(e.newComplaint(t, nextPhone(), nil), "id"))
			path := fmt.Sprintf("/complaints/%d", id)
			_, page := b.get(OP, path)
			c, err := e.st.Complaints().Complaint(ctx, aduan.System, id)
			if err != nil {
				t.Fatal(err)
			}
			step := url.Values{"action": {"answer"}, "version": {fmt.Sprint(c.Version)}, "answer": {"Sudah kami teruskan ke petugas kebersihan."},
				"source": {"direct"}, "form_token": {formToken(t, page)}}
			before := e.written(t)
			statuses := make([]int, 2)
			locs := make([]string, 2)
			send := func(i int) {
				req, _ := http.NewRequest("POST", e.url+path+"/act", strings.NewReader(step.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: b.tokens[OP]})
				res, err := b.client.Do(req)
				if err != nil {
					t.Error(err)
					return
				}
				res.Body.Close()
				statuses[i], locs[i] = res.StatusCode, res.Header.Get("Location")
			}
			if atOnce {
				var wg sync.WaitGroup
				for i := range 2 {
					wg.Add(1)
					go func() { defer wg.Done(); send(i) }()
				}
				wg.Wait()
			} else {
				send(0)
				send(1)
			}
			for i := range 2 {
				if statuses[i] != 303 || locs[i] != path+"?ok=web.ok.done.answer" {
					t.Fatalf("at once %v: post %d answered %d to %q, want the step done", atOnce, i+1, statuses[i], locs[i])
				}
			}
			after := e.written(t)
			if after[0] != before[0] || after[1] != before[1]+1 {
				t.Fatalf("at once %v: %d events written, want 1", atOnce, after[1]-before[1])
			}
			if !atOnce {
				// The page's token with another form: what it would get
				// without one (the page has changed since), nothing done,
				// and the page back with a fresh token.
				tok := step.Get("form_token")
				step.Set("answer", "Jawaban lain")
				res, p := b.post(OP, path+"/act", step)
				if res.StatusCode != 409 || formToken(t, p) == tok {
					t.Errorf("the token with another step: %d, token renewed %v; want 409 and a new token", res.StatusCode, formToken(t, p) != tok)
				}
				step.Del("form_token")
				if res, _ := b.post(OP, path+"/act", step); res.StatusCode != 409 {
					t.Errorf("the step without its token: %d, want 409 (stale)", res.StatusCode)
				}
				if got := e.written(t); got != after {
					t.Errorf("refused steps wrote %v -> %v", after, got)
				}
			}
		}
	})
}
