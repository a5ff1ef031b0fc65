package main

import (
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
	"github.com/kotakita/aduan/internal/kanneltest"
	"github.com/kotakita/aduan/internal/store"
)

// TestSMSStatusAndSurvey through a real Kannel: a citizen texting STATUS
// with their complaint number gets its status back by SMS (and a stranger
// texting the same number learns nothing); neither opens a complaint.
// After the complaint is closed the citizen is asked to rate it 1–5, with
// the one-time link to the Survei Kepuasan Masyarakat (answered once); their
// reply is recorded against the complaint and thanked, and does not reopen
// it.
// surveyOnce opens the survey form of token, answers it, and answers it
// again: the second is refused with a clear message; an unknown token
// opens nothing.
func surveyOnce(t *testing.T, base, token string) {
	t.Helper()
	get := func(path string) (int, string) {
		res, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	post := func() (int, string) {
		form := url.Values{"umur": {"38"}, "jenis_kelamin": {"p"}, "pekerjaan": {"wirausaha"}}
		for i := range 9 {
			form.Set(aduan.SKMField(i), "4")
		}
		res, err := http.PostForm(base+"/survei/"+token, form)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if code, page := get("/survei/" + token); code != 200 || !strings.Contains(page, "Survei Kepuasan Masyarakat") || strings.Count(page, `type="radio"`) != 36 {
		t.Errorf("the survey form: %d, %d radio buttons", code, strings.Count(page, `type="radio"`))
	}
	if code, page := post(); code != 200 || !strings.Contains(page, "Terima kasih") {
		t.Errorf("first answer: %d %s", code, page)
	}
	if code, page := post(); code != http.StatusConflict || !strings.Contains(page, "sudah diisi") {
		t.Errorf("second answer: %d, want 409 with a clear message", code)
	}
	if code, page := get("/survei/" + token); code != http.StatusConflict || !strings.Contains(page, "sudah diisi") {
		t.Errorf("the link after its answer: %d", code)
	}
	if code, page := get("/survei/aaaaaaaaaaaaaaaaaaaaaaaaaa"); code != http.StatusNotFound || !strings.Contains(page, "tidak dikenal") {
		t.Errorf("an unknown token: %d", code)
	}
}

func TestSMSStatusAndSurvey(t *testing.T) {
	t.Parallel()
	kanneltest.Require(t)
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		addr := freeAddr(t)
		k := startKannel(t, addr)
		dbURL := ""
		if d == store.Postgres {
			dbURL = dbtest.MigratedURL(t)
		}
		m := startWithKannel(t, d, addr, k, t.TempDir(), dbURL)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Lampu PJU mati di Jl. Nusantara.",
			"citizen": map[string]any{"name": "Budi", "phone": "0812-2222-3333", "address": "Jl. Melati 5"}}).Must(t, 201)
		number := apitest.Str(cmp, "number")
		complaints := func() int {
			return len(apitest.Items(op.Do("GET", "/api/v1/complaints?limit=100", nil).Must(t, 200)))
		}
		// waitSMS waits for the n-th SMS at the SMSC and returns it whole
		// (its parts joined).
		seen := 0
		waitSMS := func(to, want string) string {
			t.Helper()
			var text string
			got, ok := k.WaitFor(30*time.Second, func(ms []kanneltest.MT) bool {
				text = ""
				for _, mt := range ms[min(seen, len(ms)):] {
					if mt.To == to {
						text += udhRe.ReplaceAllString(mt.Text, "")
					}
				}
				return strings.Contains(text, want)
			})
			if !ok {
				t.Fatalf("no SMS to %s saying %q; the SMSC has %+v", to, want, got[min(seen, len(got)):])
			}
			seen = len(got)
			return text
		}

		k.Inject("6281222223333", "1500", "status "+number)
		reply := waitSMS("6281222223333", number)
		if !strings.Contains(reply, "Tercatat") || !strings.Contains(reply, "/lacak?nomor="+number) {
			t.Errorf("STATUS reply: %q", reply)
		}
		k.Inject("6281299998888", "1500", "STATUS "+number)
		if reply := waitSMS("6281299998888", "tidak ditemukan"); strings.Contains(reply, "Tercatat") {
			t.Errorf("a stranger learned the status: %q", reply)
		}
		k.Inject("6281222223333", "1500", "STATUS")
		waitSMS("6281222223333", "STATUS ADU-")
		if n := complaints(); n != 1 {
			t.Errorf("STATUS commands opened complaints: %d", n)
		}

		// Answered and closed: the survey goes out.
		cmp = act(t, op, cmp, "answer", map[string]any{"answer": "Sudah kami laporkan ke UPT PJU; perbaikan hari ini."})
		cmp = act(t, op, cmp, "close", nil)
		closing := waitSMS("6281222223333", "1 (sangat tidak puas) sampai 5")
		// The same SMS carries the one-time link to the Survei Kepuasan
		// Masyarakat (skm_survey is on by default), in its later part.
		linkRe := regexp.MustCompile(`/survei/([a-z0-9]{26}) -- Call Center`)
		var link []string
		k.WaitFor(30*time.Second, func(ms []kanneltest.MT) bool {
			text := ""
			for _, mt := range ms {
				if mt.To == "6281222223333" {
					text += udhRe.ReplaceAllString(mt.Text, "")
				}
			}
			link = linkRe.FindStringSubmatch(text)
			return link != nil
		})
		if link == nil {
			t.Fatalf("the SMS after the close has no survey link: %q", closing)
		}
		surveyOnce(t, "http://"+m.Addr(), link[1])
		k.Inject("6281222223333", "1500", "5 petugasnya cepat")
		waitSMS("6281222223333", "Terima kasih atas penilaian")
		waitUntil(t, "score recorded", 20*time.Second, func() bool {
			s, _ := m.Store.Open311().SurveyScores(t.Context(), int64(apitest.Num(cmp, "id")))
			return len(s) == 1 && s[0] == 5
		})
		c := op.Do("GET", fmt.Sprintf("/api/v1/complaints/%d", int64(apitest.Num(cmp, "id"))), nil).Must(t, 200)
		if apitest.Str(c, "status") != "closed" || complaints() != 1 {
			t.Errorf("the score reopened or opened a complaint: %s, %d complaints", apitest.Str(c, "status"), complaints())
		}
		// The messages are on the complaint, the command replies too.
		purposes := map[string]int{}
		for _, msg := range messagesOf(t, op, cmp) {
			purposes[apitest.Str(msg, "purpose")]++
		}
		if purposes["status_reply"] != 1 || purposes["survey"] != 1 || purposes["survey_reply"] != 1 {
			t.Errorf("messages on the complaint by purpose: %v", purposes)
		}
	})
}
