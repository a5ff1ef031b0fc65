package server_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestCategoryFirstOnEverySurface: one rule, three surfaces. The API
// answers 422 naming category_id; the complaint page comes back with the
// Indonesian message by the category field and nothing changed, then
// answers with the category chosen there; the desk refuses "save &
// answer" without a category before saving anything.
func TestCategoryFirstOnEverySurface(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e, b := libEnv(t, d)
		mk := func() map[string]any {
			return e.as(OP).Do("POST", "/api/v1/complaints", map[string]any{"text": "Pohon besar miring di Jl. Kartini.",
				"citizen": map[string]any{"name": "Warga", "phone": nextPhone(), "address": "Jl. Kartini 1"}}).Must(t, 201)
		}
		c := mk()
		id := apitest.Num(c, "id")
		res := e.as(OP).Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/answer", id), map[string]any{"version": apitest.Num(c, "version"),
			"answer": "Petugas datang besok.", "told_on_call": true})
		if res.Status != 422 || res.FieldErrors()["category_id"] == "" {
			t.Fatalf("API answer without a category: %d %s", res.Status, res.Raw)
		}

		// The complaint page: the form asks for the category.
		path := fmt.Sprintf("/complaints/%d", id)
		_, page := b.get(OP, path)
		if !strings.Contains(page, `<select name="category_id" required`) {
			t.Fatal("the answer form does not ask for the category")
		}
		form := url.Values{"action": {"answer"}, "version": {fmt.Sprint(apitest.Num(c, "version"))}, "answer": {"Petugas datang besok."},
			"source": {"direct"}, "told_on_call": {"1"}}
		r, body := b.post(OP, path+"/act", form)
		if r.StatusCode != 400 || !strings.Contains(body, "Pilih kategori pengaduan ini.") || !strings.Contains(body, "Petugas datang besok.</textarea>") {
			t.Fatalf("answer without a category on the page: %d", r.StatusCode)
		}
		if got, _ := e.st.Complaints().Complaint(ctx, aduan.System, id); got.Status != aduan.StatusRecorded || got.Version != apitest.Num(c, "version") {
			t.Fatalf("refused, yet %s v%d", got.Status, got.Version)
		}
		form.Set("category_id", fmt.Sprint(e.categoryID(t, "POHON_TAMAN")))
		if r, _ := b.post(OP, path+"/act", form); r.StatusCode != 303 {
			t.Fatalf("answer with the category: %d", r.StatusCode)
		}
		if got, _ := e.st.Complaints().Complaint(ctx, aduan.System, id); got.Status != aduan.StatusAnswered || got.CategoryID != e.categoryID(t, "POHON_TAMAN") {
			t.Errorf("answered %s with category %d", got.Status, got.CategoryID)
		}

		// The desk: refused before the save.
		before := e.written(t)
		r, body = b.post(OP, "/desk", url.Values{"phone": {nextPhone()}, "name": {"Rudi"}, "address": {"Jl. Kenanga 3"},
			"text": {"Pohon tumbang di Gg. Kenari"}, "channel": {"telepon"}, "confidentiality": {"biasa"},
			"next": {"answer"}, "answer": {"Tim DLHK meluncur."}, "source": {"direct"}})
		if r.StatusCode != 400 || !strings.Contains(body, "Pilih kategori") || !strings.Contains(body, "Tim DLHK meluncur.</textarea>") {
			t.Errorf("desk answer without a category: %d", r.StatusCode)
		}
		if got := e.written(t); got[0] != before[0] {
			t.Errorf("the refused desk saved %d complaints", got[0]-before[0])
		}
	})
}

// TestForwardWhileAwaitingIdentityOnThePage: the complaint page offers the
// forward while the caller's identity is awaited, and takes it.
func TestForwardWhileAwaitingIdentityOnThePage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e, b := libEnv(t, d)
		c := e.as(OP).Do("POST", "/api/v1/complaints", map[string]any{"text": "Pohon tumbang menutup jalan.", "priority": "darurat",
			"category_id": e.categoryID(t, "POHON_TUMBANG"), "citizen": map[string]any{"phone": nextPhone()}}).Must(t, 201)
		id := apitest.Num(c, "id")
		c = apitest.Obj(e.as(OP).Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/request_identity", id),
			map[string]any{"version": apitest.Num(c, "version")}).Must(t, 200), "complaint")
		path := fmt.Sprintf("/complaints/%d", id)
		if _, page := b.get(OP, path); !strings.Contains(page, `id="act-forward"`) {
			t.Fatal("no forward offered while awaiting identity")
		}
		r, _ := b.post(OP, path+"/act", url.Values{"action": {"forward"}, "version": {fmt.Sprint(apitest.Num(c, "version"))},
			"agency_id": {fmt.Sprint(e.dpupr.ID)}})
		if r.StatusCode != 303 {
			t.Fatalf("forward while awaiting identity: %d", r.StatusCode)
		}
		if got, _ := e.st.Complaints().Complaint(ctx, aduan.System, id); got.Status != aduan.StatusForwarded || got.AgencyID != e.dpupr.ID {
			t.Errorf("after the forward: %s at %d", got.Status, got.AgencyID)
		}
	})
}

// TestDeskConfirmsAnUnusualDuplicate: linking a new call to a closed
// complaint from the desk is asked for confirmation on the desk itself,
// with the reason, before anything is saved; confirmed, it is saved linked.
func TestDeskConfirmsAnUnusualDuplicate(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e, b := libEnv(t, d)
		orig := e.newComplaint(t, nextPhone(), nil)
		id := apitest.Num(orig, "id")
		orig = apitest.Obj(e.as(OP).Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/answer", id), map[string]any{"version": apitest.Num(orig, "version"),
			"answer": "Lampu sudah diganti.", "told_on_call": true}).Must(t, 200), "complaint")
		e.as(OP).Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/close", id), map[string]any{"version": apitest.Num(orig, "version")}).Must(t, 200)
		number := apitest.Str(orig, "number")
		form := url.Values{"phone": {nextPhone()}, "name": {"Rudi"}, "address": {"Jl. Kenanga 3"}, "text": {"Lampu PJU mati lagi di Jl. Nusantara."},
			"channel": {"telepon"}, "confidentiality": {"biasa"}, "duplicate_of": {number}}
		before := e.written(t)
		r, body := b.post(OP, "/desk", form)
		if r.StatusCode != 400 || !strings.Contains(body, `name="confirm"`) || !strings.Contains(body, `id="confirm-duplicate"`) || !strings.Contains(body, number) {
			t.Fatalf("unusual link at the desk: %d", r.StatusCode)
		}
		if got := e.written(t); got[0] != before[0] {
			t.Fatalf("the unconfirmed link saved %d complaints", got[0]-before[0])
		}
		form.Set("confirm", "1")
		if r, _ := b.post(OP, "/desk", form); r.StatusCode != 303 || !strings.Contains(r.Header.Get("Location"), "web.ok.desk.done.mark_duplicate") {
			t.Fatalf("confirmed link: %d %s", r.StatusCode, r.Header.Get("Location"))
		}
	})
}
