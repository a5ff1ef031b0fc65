package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/attach/attachtest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestNotesCallbacksAndPhotosFromElsewhere: on both databases, an operator
// attaches a photo that came by WhatsApp on a desk phone with a note, from
// the complaint page, and logs a call-back attempt over the API; neither
// moves the complaint (status and version as they were), both are on the
// timeline, and the photo is on the complaint. The same form sent twice
// (a double click) logs once; a call-back without its outcome and an empty
// note are refused with the field named; an agency's operator may not log.
func TestNotesCallbacksAndPhotosFromElsewhere(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, _ := start(t, d, false)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Pohon tumbang menutup Jl. Pemuda.",
			"citizen": map[string]any{"name": "Ani", "phone": "081377775555"}}).Must(t, 201)
		id := apitest.Num(cmp, "id")
		notes := fmt.Sprintf("/complaints/%d/notes", id)
		form := map[string]string{"kind": "note", "note": "Foto dikirim warga lewat WhatsApp ke HP kantor.", "form_token": "tok-uji-catatan-1"}
		photo := upload{"photos", "pohon.jpg", attachtest.JPEG(320, 240)}
		for i := 0; i < 2; i++ {
			if res := postMultipart(t, op, notes, form, photo); res.Status != http.StatusSeeOther {
				t.Fatalf("note with a photo (%d): %d\n%s", i, res.Status, res.Raw)
			}
		}
		if got := apitest.Items(op.Do("GET", complaintPath(cmp)+"/attachments", nil).Must(t, 200)); len(got) != 1 {
			t.Errorf("attachments after the note sent twice: %v", got)
		}
		res := op.Do("POST", complaintPath(cmp)+"/notes", map[string]any{"kind": "callback", "outcome": "no_answer", "note": "Dua kali tidak diangkat."}).Must(t, 201)
		if apitest.Str(res, "status") != "recorded" || apitest.Str(apitest.Obj(res, "event"), "action") != "note" {
			t.Errorf("call-back answer: %v", res)
		}
		for body, field := range map[string]string{`{"kind":"callback"}`: "outcome", `{"kind":"note","note":"  "}`: "note", `{"kind":"pesan"}`: "kind"} {
			var in map[string]any
			if err := json.Unmarshal([]byte(body), &in); err != nil {
				t.Fatal(err)
			}
			if r := op.Do("POST", complaintPath(cmp)+"/notes", in); r.Status != 400 || !strings.Contains(string(r.Raw), `"field":"`+field+`"`) {
				t.Errorf("%s: %d %s", body, r.Status, r.Raw)
			}
		}
		pd := login(t, m, "pd.dpupr1", aduan.RoleOperatorPD, "DPUPR")
		if r := pd.Do("POST", complaintPath(cmp)+"/notes", map[string]any{"kind": "note", "note": "x"}); r.Status != 403 && r.Status != 404 {
			t.Errorf("agency operator: %d", r.Status)
		}
		got := op.Do("GET", complaintPath(cmp), nil).Must(t, 200)
		if apitest.Str(got, "status") != "recorded" || apitest.Num(got, "version") != apitest.Num(cmp, "version") {
			t.Errorf("after the notes: %v v%v, was recorded v%v", got["status"], got["version"], cmp["version"])
		}
		evs := apitest.Items(op.Do("GET", complaintPath(cmp)+"/events", nil).Must(t, 200))
		var kinds []string
		for _, e := range evs {
			if apitest.Str(e, "action") == "note" {
				kinds = append(kinds, apitest.Str(apitest.Obj(e, "details"), "kind"))
			}
		}
		if strings.Join(kinds, ",") != "note,callback" {
			t.Errorf("notes on the timeline: %v", kinds)
		}
		page := string(op.Do("GET", fmt.Sprintf("/complaints/%d", id), nil).Raw)
		for _, want := range []string{"1 foto dilampirkan", "Telepon balik: tidak diangkat", "Foto dikirim warga lewat WhatsApp", `id="notes"`} {
			if !strings.Contains(page, want) {
				t.Errorf("complaint page lacks %q", want)
			}
		}
	})
}

// TestFailedAnswerOnTheHeader: on both databases, an answer to the citizen
// whose message failed says so at the top of the complaint page, with the
// citizen's line and a retry; while it went, no banner.
func TestFailedAnswerOnTheHeader(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, _ := start(t, d, false)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Bagaimana cara membuat KIA?", "channel": "sms",
			"citizen": map[string]any{"phone": "081377776666"}}).Must(t, 201)
		act(t, op, cmp, "answer", map[string]any{"answer": "Datang ke kelurahan dengan KK dan akta kelahiran anak."})
		head := func() string {
			p := string(op.Do("GET", fmt.Sprintf("/complaints/%d", apitest.Num(cmp, "id")), nil).Raw)
			return p[:strings.Index(p, `<div class="cols">`)]
		}
		var msgID int64
		waitUntil(t, "the answer's message", 20*time.Second, func() bool {
			for _, msg := range messagesOf(t, op, cmp) {
				if apitest.Str(msg, "purpose") == "answer" && apitest.Str(msg, "status") == "sent" {
					msgID = apitest.Num(msg, "id")
				}
			}
			return msgID != 0
		})
		if strings.Contains(head(), "answer-failed") {
			t.Fatal("a banner while the answer went")
		}
		// The gateway reports it failed.
		if _, err := m.Store.DB().Exec(`UPDATE messages SET status = 'failed', error = 'kannel: 403 denied' WHERE id = $1`, msgID); err != nil {
			t.Fatal(err)
		}
		h := head()
		for _, want := range []string{"answer-failed", "Jawaban ke warga gagal terkirim", `href="tel:&#43;6281377776666"`, "Kirim ulang jawaban ke warga"} {
			if !strings.Contains(h, want) {
				t.Errorf("header lacks %q", want)
			}
		}
	})
}
