package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

func q(s string) string { return url.QueryEscape(s) }

// TestLibrarySearchAndRoutingOverHTTP: the coordinator keeps an entry (two
// versions), the operator finds it as they type, answers a complaint from
// it (counted), gets the agency suggested, and the answered complaint
// becomes searchable and, in one click, an entry of its own.
func TestLibrarySearchAndRoutingOverHTTP(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, clock := start(t, d, false)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		ko := login(t, m, "dewi", aduan.RoleKoordinatorCC, "")
		dishub := agencyID(t, m, "DISHUB")

		e := ko.Do("POST", "/api/v1/library", map[string]any{
			"title": "Lampu PJU mati", "questions": []string{"lampu jalan mati gmn lapornya", "PJU padam di gang"},
			"answer": "Laporan PJU diteruskan ke UPT PJU Dishub; perbaikan paling lambat 3 hari kerja.", "source_url": "https://dishub.depok.go.id",
			"agency_id": dishub,
		}).Must(t, 201)
		if apitest.Str(e, "ref") != fmt.Sprintf("JWB-%04d", apitest.Num(e, "id")) || apitest.Num(e, "version") != 1 {
			t.Fatalf("entry %v", e)
		}
		path := fmt.Sprintf("/api/v1/library/%d", apitest.Num(e, "id"))
		clock.Add(time.Hour)
		e = ko.Do("PATCH", path, map[string]any{"version": 1, "answer": "Laporan PJU diteruskan ke UPT PJU Dishub (021-78900083); perbaikan paling lambat 3 hari kerja."}).Must(t, 200)
		if r := ko.Do("PATCH", path, map[string]any{"version": 1, "title": "x"}); r.Status != 409 {
			t.Errorf("stale edit: %d", r.Status)
		}
		if r := op.Do("PATCH", path, map[string]any{"version": 2, "title": "x"}); r.Status != 403 {
			t.Errorf("operator edited the library: %d", r.Status)
		}
		hist := apitest.Items(op.Do("GET", path+"/history", nil).Must(t, 200))
		if len(hist) != 2 || apitest.Str(hist[0], "actor_name") != "DEWI" || apitest.Str(hist[0], "action_label") != "Diubah" ||
			fmt.Sprint(hist[0]["changed"]) != "[answer]" || !strings.Contains(apitest.Str(apitest.Obj(hist[1], "entry"), "answer"), "3 hari kerja") {
			t.Errorf("history %v", hist)
		}

		// As the operator types: "lampu jln mat" finds the entry, the
		// words marked as typed in the entry.
		res := op.Do("GET", "/api/v1/search?q="+q("lampu jln mat"), nil).Must(t, 200)
		lib := res["library"].([]any)
		if len(lib) == 0 {
			t.Fatalf("nothing found: %s", res)
		}
		hit := lib[0].(map[string]any)
		if apitest.Num(apitest.Obj(hit, "entry"), "id") != apitest.Num(e, "id") || apitest.Str(hit, "title_html") != "<mark>Lampu</mark> PJU <mark>mati</mark>" {
			t.Errorf("hit %v", hit)
		}

		// The routing suggestion for the call, on a new install: seeds only.
		sug := op.Do("GET", "/api/v1/routing/suggest?text="+q("lampu jalan di gang kami mati sudah seminggu"), nil).Must(t, 200)
		if ag := sug["agencies"].([]any); len(ag) == 0 || apitest.Str(ag[0].(map[string]any), "code") != "DISHUB" {
			t.Errorf("suggested agencies %v", sug["agencies"])
		}
		if r := op.Do("GET", "/api/v1/routing/suggest", nil); r.Status != 400 {
			t.Errorf("suggestion without text: %d", r.Status)
		}

		// The operator answers from the library; a wrong reference is
		// refused with the field named, in the user's language.
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "PJU di gang Melati mati total sejak Senin, gelap sekali.",
			"kelurahan_code": "32.76.01.1007", "citizen": map[string]any{"name": "Nur", "phone": "081277770001", "address": "Gg. Melati 2"}}).Must(t, 201)
		bad := op.Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/answer", apitest.Num(cmp, "id")),
			map[string]any{"version": apitest.Num(cmp, "version"), "answer": "x", "source": "library", "source_ref": "JWB-9999"})
		if bad.Status != 400 || !strings.Contains(bad.FieldErrors()["source_ref"], "JWB-0042") {
			t.Errorf("unknown entry: %d %s", bad.Status, bad.Raw)
		}
		cmp = act(t, op, cmp, "answer", map[string]any{"answer": apitest.Str(e, "answer"), "source": "library", "source_ref": apitest.Str(e, "ref")})
		if apitest.Str(cmp, "answer_source") != "library" {
			t.Errorf("answer source %v", cmp["answer_source"])
		}
		if got := op.Do("GET", path, nil).Must(t, 200); apitest.Num(got, "uses") != 1 || apitest.Num(got, "version") != 2 {
			t.Errorf("uses %v, version %v", got["uses"], got["version"])
		}
		// The answered complaint is now a past answer.
		res = op.Do("GET", "/api/v1/search?kind=complaints&complete=true&q="+q("gang melati gelap"), nil).Must(t, 200)
		comps := res["complaints"].([]any)
		if len(comps) != 1 || apitest.Num(comps[0].(map[string]any), "id") != apitest.Num(cmp, "id") ||
			!strings.Contains(apitest.Str(comps[0].(map[string]any), "text_html"), "<mark>Melati</mark>") {
			t.Errorf("past complaints %v", comps)
		}
		// One click: an entry from the complaint.
		made := ko.Do("POST", fmt.Sprintf("/api/v1/library/from-complaint/%s", apitest.Str(cmp, "number")), nil).Must(t, 201)
		if apitest.Num(made, "from_complaint_id") != apitest.Num(cmp, "id") || apitest.Str(made, "answer") != apitest.Str(e, "answer") {
			t.Errorf("entry from complaint %v", made)
		}
		// Retraining on demand.
		if r := op.Do("POST", "/api/v1/routing/retrain", nil); r.Status != 403 {
			t.Errorf("operator retrained: %d", r.Status)
		}
		info := ko.Do("POST", "/api/v1/routing/retrain", nil).Must(t, 200)
		// The description names the model's size in the caller's format.
		if d := apitest.Str(info, "description"); !strings.Contains(d, "Dipelajari dari "+i18n.Number(i18n.ID, apitest.Num(info, "examples"))+" pengaduan") || strings.Contains(d, "%!") {
			t.Errorf("retrain %v", info)
		}
	})
}

// TestDuplicateLinkingOverHTTP: a second report of the same broken street
// light is offered as a duplicate, linked, and gets the agency's answer
// when the original's is relayed; outside the window nothing is offered.
func TestDuplicateLinkingOverHTTP(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, clock := start(t, d, false)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		pd := login(t, m, "andi.dishub", aduan.RoleOperatorPD, "DISHUB")
		admin := login(t, m, "admin.it", aduan.RoleAdmin, "")
		newC := func(text, kel, address, phone string) map[string]any {
			return op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": text, "kelurahan_code": kel, "address": address,
				"citizen": map[string]any{"name": "Warga", "phone": phone, "address": "Depok"}}).Must(t, 201)
		}
		a := newC("Lampu PJU mati di Jl. Nusantara Raya depan masjid, jalan gelap sekali.", "32.76.01.1007", "Jl. Nusantara Raya", "081288880001")
		clock.Add(2 * time.Hour)
		other := newC("Sampah menumpuk di TPS pasar, sudah tiga hari tidak diangkut.", "32.76.01.1007", "Pasar Depok Jaya", "081288880002")
		b := newC("pju di jln nusantara mati udh seminggu, gelap bgt klo malem", "", "Jl. Nusantara No. 12", "081288880003")
		similar := apitest.Items(op.Do("GET", fmt.Sprintf("/api/v1/complaints/%d/similar", apitest.Num(b, "id")), nil).Must(t, 200))
		if len(similar) != 1 {
			t.Fatalf("similar: %v", similar)
		}
		s := similar[0]
		if apitest.Num(apitest.Obj(s, "complaint"), "id") != apitest.Num(a, "id") || s["same_street"] != true || apitest.Str(s, "street") != "nusantara" {
			t.Errorf("suggestion %v", s)
		}
		_ = other
		if r := pd.Do("GET", fmt.Sprintf("/api/v1/complaints/%d/similar", apitest.Num(b, "id")), nil); r.Status != 403 && r.Status != 404 {
			t.Errorf("agency saw duplicate suggestions: %d", r.Status)
		}
		// Link, then the original goes through the agency.
		b = act(t, op, b, "mark_duplicate", map[string]any{"duplicate_of": apitest.Str(a, "number")})
		a = act(t, op, a, "forward", map[string]any{"agency_id": agencyID(t, m, "DISHUB")})
		a = act(t, pd, a, "acknowledge", nil)
		answer := "Lampu PJU di Jl. Nusantara Raya sudah diganti oleh UPT PJU Dishub."
		a = act(t, pd, a, "agency_answer", map[string]any{"answer": answer})
		a = act(t, op, a, "receive_answer", nil)
		a = act(t, op, a, "relay", nil)
		got := op.Do("GET", fmt.Sprintf("/api/v1/complaints/%d", apitest.Num(b, "id")), nil).Must(t, 200)
		if apitest.Str(got, "answer") != answer || apitest.Str(got, "answer_ref") != apitest.Str(a, "number") || apitest.Str(got, "status") != "duplicate" {
			t.Errorf("duplicate after the relay: %v", got)
		}
		evs := events(t, op, got)
		last := evs[len(evs)-1]
		if apitest.Str(last, "action") != "relay" || apitest.Obj(last, "details")["shared_from"] != apitest.Str(a, "number") {
			t.Errorf("duplicate's last event %v", last)
		}
		// The window is the city's setting: with one day, a report three
		// days later is not offered.
		admin.Do("PATCH", "/api/v1/settings", map[string]any{"duplicate_window_days": "1"}).Must(t, 200)
		c := newC("Sampah di TPS pasar belum diangkut juga", "32.76.01.1007", "", "081288880004")
		if n := len(apitest.Items(op.Do("GET", fmt.Sprintf("/api/v1/complaints/%d/similar", apitest.Num(c, "id")), nil).Must(t, 200))); n != 1 {
			t.Errorf("same day: %d suggestions, want 1", n)
		}
		clock.Add(72 * time.Hour)
		op.Do("POST", "/api/v1/auth/login", map[string]any{"username": "siti", "password": "kata-sandi-uji-123"}).Must(t, 200)
		c = newC("Sampah di TPS pasar belum diangkut juga", "32.76.01.1007", "", "081288880005")
		if n := len(apitest.Items(op.Do("GET", fmt.Sprintf("/api/v1/complaints/%d/similar", apitest.Num(c, "id")), nil).Must(t, 200))); n != 0 {
			t.Errorf("three days later: %d suggestions, want none", n)
		}
	})
}

// TestLibraryImportExportRoundTrip: a library exported as CSV from one
// install and imported into another exports as the same entries; the same
// file imported again changes nothing; a bad row stops the whole file.
func TestLibraryImportExportRoundTrip(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m1, _ := start(t, d, false)
		ko1 := login(t, m1, "dewi", aduan.RoleKoordinatorCC, "")
		cats := map[string]int64{}
		for _, c := range apitest.Items(ko1.Do("GET", "/api/v1/categories", nil).Must(t, 200)) {
			cats[apitest.Str(c, "code")] = apitest.Num(c, "id")
		}
		entries := []map[string]any{
			{"title": "Syarat KTP-el hilang", "questions": []string{"ktp ilang gmn", "KTP hilang, \"surat kehilangan\" dari mana?"},
				"answer": "Bawa surat kehilangan dari polisi,\nKK asli, ke Disdukcapil.", "agency_id": agencyID(t, m1, "DISDUKCAPIL"),
				"category_ids": []int64{cats["ADMINDUK"]}, "source_text": "Perpres 96/2018"},
			{"title": "Tarif retribusi sampah 2026", "answer": "Rp 15.000; rumah tangga.", "valid_from": "2026-01-01", "valid_until": "2026-12-31",
				"category_ids": []int64{cats["SAMPAH"], cats["PAJAK_DAERAH"]}, "source_url": "https://dlhk.depok.go.id/retribusi"},
			{"title": "Informasi lama", "answer": "Tidak berlaku lagi.", "active": false},
		}
		for _, e := range entries {
			ko1.Do("POST", "/api/v1/library", e).Must(t, 201)
		}
		export := func(c *apitest.Client, format string) []byte {
			r := c.Do("GET", "/api/v1/library/export?format="+format, nil)
			if r.Status != 200 || !strings.Contains(r.Header.Get("Content-Disposition"), "folder-jawaban-") {
				t.Fatalf("export %s: %d %s", format, r.Status, r.Raw)
			}
			return r.Raw
		}
		csv1, json1 := export(ko1, "csv"), export(ko1, "json")

		m2, _ := start(t, d, false)
		ko2 := login(t, m2, "dewi", aduan.RoleKoordinatorCC, "")
		req, _ := http.NewRequest("POST", "http://"+m2.Addr()+"/api/v1/library/import", bytes.NewReader(csv1))
		req.Header.Set("Content-Type", "text/csv; charset=utf-8")
		res := ko2.Send(req)
		if res.Status != 200 || apitest.Num(res.Body, "created") != 3 {
			t.Fatalf("import: %d %s", res.Status, res.Raw)
		}
		if a, b := content(t, json1), content(t, export(ko2, "json")); a != b {
			t.Errorf("round trip differs:\n%s\n%s", a, b)
		}
		// The same file again into the first install: nothing changes.
		res = ko1.Do("POST", "/api/v1/library/import", json.RawMessage(json1))
		if res.Status != 200 || apitest.Num(res.Body, "unchanged") != 3 || apitest.Num(res.Body, "created")+apitest.Num(res.Body, "updated") != 0 {
			t.Errorf("re-import: %d %s", res.Status, res.Raw)
		}
		// One bad row: nothing is written, the row and column are named.
		badCSV := "title,answer,agency\nBaik,Jawaban baik,DPUPR\nBuruk,Jawaban,DINAS-ENTAH\n,Tanpa judul,\n"
		req, _ = http.NewRequest("POST", "http://"+m2.Addr()+"/api/v1/library/import", strings.NewReader(badCSV))
		req.Header.Set("Content-Type", "text/csv")
		res = ko2.Send(req)
		fe := res.FieldErrors()
		if res.Status != 400 || fe["rows[2].agency"] == "" || fe["rows[3].title"] == "" {
			t.Errorf("bad import: %d %s", res.Status, res.Raw)
		}
		if n := len(apitest.Items(ko2.Do("GET", "/api/v1/library", nil).Must(t, 200))); n != 3 {
			t.Errorf("after a refused import: %d entries, want 3", n)
		}
	})
}

// content is a library file's entries without what differs between
// installs by design (references, reviewers, use counts).
func content(t *testing.T, raw []byte) string {
	t.Helper()
	var f struct {
		Entries []map[string]any `json:"entries"`
	}
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range f.Entries {
		for _, k := range []string{"ref", "reviewed_by", "reviewed_at", "uses", "review_due"} {
			delete(e, k)
		}
		b, _ := json.Marshal(e)
		out = append(out, string(b))
	}
	sort.Strings(out)
	return strings.Join(out, "\n")
}

// TestEvalRoutingAndLibraryCommands runs the commands as an administrator
// would on an install's data directory.
func TestEvalRoutingAndLibraryCommands(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	env := func(k string) string {
		if k == "ADUAN_DATA_DIR" {
			return dir
		}
		return ""
	}
	ctx := context.Background()
	var out, errb bytes.Buffer
	set, _ := filepath.Abs("../../internal/routing/testdata/eval_routing.jsonl")
	if err := run(ctx, []string{"eval", "routing", "--json", set}, env, &out, &errb); err != nil {
		t.Fatalf("eval: %v %s", err, errb.String())
	}
	var res map[string]float64
	dec := json.NewDecoder(bytes.NewReader(out.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&res); err != nil {
		t.Fatalf("not one JSON object: %q: %v", out.String(), err)
	}
	if strings.Count(strings.TrimSpace(out.String()), "\n") != 0 {
		t.Errorf("more than one line: %q", out.String())
	}
	for _, k := range []string{"instansi_top1", "instansi_top3", "kategori_top1", "kategori_top3"} {
		if v, ok := res[k]; !ok || v <= 0 || v > 1 {
			t.Errorf("%s = %v", k, v)
		}
	}
	if res["n"] < 200 || len(res) != 5 {
		t.Errorf("result %v", res)
	}
	out.Reset()
	if err := run(ctx, []string{"eval", "routing", "--baseline", set}, env, &out, &errb); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "top-1") || !strings.Contains(out.String(), "kata kunci") {
		t.Errorf("text output %q", out.String())
	}
	// Library import and export through the command line.
	file := filepath.Join(dir, "jawaban.csv")
	os.WriteFile(file, []byte("title,questions,answer,agency,categories\nJam layanan Disdukcapil,\"jam buka capil\nbuka jam brp\",Senin–Jumat 08.00–15.00.,DISDUKCAPIL,ADMINDUK\n"), 0o600)
	out.Reset()
	if err := run(ctx, []string{"library", "import", file}, env, &out, &errb); err != nil {
		t.Fatalf("import: %v", err)
	}
	if !strings.Contains(out.String(), "1 baru") {
		t.Errorf("import output %q", out.String())
	}
	out.Reset()
	if err := run(ctx, []string{"library", "export", "--format", "json"}, env, &out, &errb); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"jam buka capil"`) || !strings.Contains(out.String(), `"agency": "DISDUKCAPIL"`) {
		t.Errorf("export %s", out.String())
	}
	if err := run(ctx, []string{"library", "import", filepath.Join(dir, "missing.csv")}, env, &out, &errb); err == nil {
		t.Error("import of a missing file succeeded")
	}
}
