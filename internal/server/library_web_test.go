package server_test

import (
	"bytes"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/auth"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// browserish sends console requests as a logged-in user of a role: a
// session cookie, forms posted as a browser posts them, no redirects
// followed.
type browserish struct {
	t      *testing.T
	e      *env
	tokens map[aduan.Role]string
	client *http.Client
}

func newBrowserish(t *testing.T, e *env) *browserish {
	b := &browserish{t: t, e: e, tokens: map[aduan.Role]string{},
		client: &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	for _, r := range all {
		tok, err := e.st.Users().CreateSession(ctx, e.users[r].ID, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		b.tokens[r] = tok
	}
	return b
}

func (b *browserish) send(r aduan.Role, method, path string, body io.Reader, ctype string) (*http.Response, string) {
	b.t.Helper()
	req, _ := http.NewRequest(method, b.e.url+path, body)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.AddCookie(&http.Cookie{Name: auth.SessionCookie, Value: b.tokens[r]})
	res, err := b.client.Do(req)
	if err != nil {
		b.t.Fatal(err)
	}
	defer res.Body.Close()
	var sb strings.Builder
	io.Copy(&sb, res.Body)
	return res, sb.String()
}

func (b *browserish) get(r aduan.Role, path string) (*http.Response, string) {
	b.t.Helper()
	return b.send(r, "GET", path, nil, "")
}

func (b *browserish) post(r aduan.Role, path string, form url.Values) (*http.Response, string) {
	b.t.Helper()
	return b.send(r, "POST", path, strings.NewReader(form.Encode()), "application/x-www-form-urlencoded")
}

// upload posts a file as the import form does.
func (b *browserish) upload(r aduan.Role, name, content, format string) (*http.Response, string) {
	b.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("format", format)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write([]byte(content))
	mw.Close()
	return b.send(r, "POST", "/pustaka/import", &buf, mw.FormDataContentType())
}

func libEnv(t *testing.T, d store.Dialect) (*env, *browserish) {
	// Answers from the library are checked and counted, complaints
	// indexed, duplicates share their answer: the store does it itself.
	e := newEnv(t, d)
	return e, newBrowserish(t, e)
}

func (e *env) entry(t *testing.T, title, answer string, agency int64) *aduan.LibraryEntry {
	t.Helper()
	en := &aduan.LibraryEntry{Title: title, Questions: []string{title}, Answer: answer, AgencyID: agency, Active: true}
	if err := e.st.Library().CreateLibraryEntry(ctx, e.users[KO].Actor(), en); err != nil {
		t.Fatal(err)
	}
	return en
}

// TestLibraryPagesByRole: every page of the answer library opens for the
// roles that use it (the operator reads and exports, the coordinator also
// writes, reviews, imports and retrains, IT staff retrain) and is refused
// with the Indonesian error page for the others.
func TestLibraryPagesByRole(t *testing.T) {
	e, b := libEnv(t, store.SQLite)
	en := e.entry(t, "Jadwal pengangkutan sampah", "Senin, Rabu dan Jumat.", 0)
	c := e.newComplaint(t, nextPhone(), e.dpupr, "forward")
	cid := int64(c["id"].(float64))
	pages := []struct {
		method, path string
		form         url.Values
		allowed      []aduan.Role
	}{
		{"GET", "/pustaka", nil, []aduan.Role{OP, KO}},
		{"GET", "/pustaka?q=sampah&valid=current", nil, []aduan.Role{OP, KO}},
		{"GET", "/pustaka/review", nil, []aduan.Role{KO}},
		{"GET", "/pustaka/new", nil, []aduan.Role{KO}},
		{"POST", "/pustaka/new", url.Values{"title": {"Syarat KTP-el"}, "answer": {"Bawa KK ke Disdukcapil."}}, []aduan.Role{KO}},
		{"GET", "/pustaka/import", nil, []aduan.Role{KO}},
		{"POST", "/pustaka/import", nil, []aduan.Role{KO}},
		{"GET", "/pustaka/export?format=csv", nil, []aduan.Role{OP, KO}},
		{"GET", "/pustaka/export?format=json", nil, []aduan.Role{OP, KO}},
		{"GET", "/pustaka/model", nil, []aduan.Role{KO, AD}},
		{"POST", "/pustaka/model/retrain", url.Values{}, []aduan.Role{KO, AD}},
		{"GET", fmt.Sprintf("/pustaka/%d", en.ID), nil, []aduan.Role{OP, KO}},
		{"GET", "/pustaka/" + aduan.LibraryRef(en.ID) + "/edit", nil, []aduan.Role{KO}},
		{"POST", fmt.Sprintf("/pustaka/%d/edit", en.ID), url.Values{"title": {en.Title}, "answer": {"Senin dan Kamis."}, "active": {"1"}}, []aduan.Role{KO}},
		{"POST", fmt.Sprintf("/pustaka/%d/review", en.ID), url.Values{}, []aduan.Role{KO}},
		{"GET", fmt.Sprintf("/complaints/%d/library", cid), nil, []aduan.Role{OP, PD, KO, KA, PI, PU, PP}},
	}
	covered := map[string]bool{}
	for _, p := range pages {
		pat := regexp.MustCompile(`/\d+|/JWB-\d+`).ReplaceAllString(strings.SplitN(p.path, "?", 2)[0], "/{id}")
		covered[p.method+" "+pat] = true
	}
	for _, rt := range e.srv.Routes() {
		if rt.HTML && (strings.HasPrefix(rt.Pattern, "/pustaka") || strings.HasSuffix(rt.Pattern, "/library")) {
			pat := strings.NewReplacer("{ref}", "{id}").Replace(rt.Pattern)
			if !covered[rt.Method+" "+pat] {
				t.Errorf("page %s %s is not in the role list", rt.Method, rt.Pattern)
			}
		}
	}
	for _, p := range pages {
		for _, r := range all {
			path := p.path
			var res *http.Response
			var body string
			switch {
			case p.path == "/pustaka/import" && p.method == "POST":
				res, body = b.upload(r, "baru.json", `[{"title":"Jadwal posyandu","answer":"Setiap Selasa pertama."}]`, "auto")
			case p.method == "POST":
				form := url.Values{}
				for k, v := range p.form {
					form[k] = v
				}
				if strings.Contains(path, "/edit") || strings.Contains(path, "/review") {
					cur, _ := e.st.Library().LibraryEntry(ctx, e.users[KO].Actor(), en.ID)
					form.Set("version", fmt.Sprint(cur.Version))
				}
				res, body = b.post(r, path, form)
			default:
				res, body = b.get(r, path)
			}
			allowed := false
			for _, a := range p.allowed {
				allowed = allowed || a == r
			}
			ok := res.StatusCode == 200 || (p.method == "POST" && res.StatusCode == 303)
			if allowed && !ok {
				t.Errorf("%s %s as %s: %d, want 200/303: %.300s", p.method, path, r, res.StatusCode, body)
			}
			if !allowed && res.StatusCode != 403 && res.StatusCode != 404 {
				t.Errorf("%s %s as %s: %d, want 403/404", p.method, path, r, res.StatusCode)
			}
			if !allowed && !strings.Contains(body, "Tidak dapat ditampilkan") {
				t.Errorf("%s %s as %s: the refusal is not the Indonesian error page", p.method, path, r)
			}
		}
	}
	// The menu offers the library to those who may read it, the model to IT.
	for r, want := range map[aduan.Role]string{OP: `href="/pustaka"`, KO: `href="/pustaka"`, AD: `href="/pustaka/model"`, PD: "", KA: ""} {
		_, body := b.get(r, "/account")
		has := strings.Contains(body, `href="/pustaka`)
		if (want != "") != has || (want != "" && !strings.Contains(body, want)) {
			t.Errorf("menu of %s: library link %v, want %q", r, has, want)
		}
	}
}

// TestLibraryConsole: the coordinator writes an entry (a bad link comes
// back beside its field, nothing saved), changes it and sees who changed
// what in its history, reviews an overdue one off the review list, and
// imports a file: a file with bad rows lists each row and imports
// nothing; a good one says what it did. An answered complaint becomes an
// entry prefilled from its text and answer.
func TestLibraryConsole(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e, b := libEnv(t, d)
		ko := e.users[KO].Actor()
		count := func() int {
			list, _, err := e.st.Library().LibraryEntries(ctx, ko, aduan.LibraryFilter{Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			return len(list)
		}

		// Create: a bad link is refused beside its field, with what was typed.
		form := url.Values{"title": {"Lampu PJU mati"}, "questions": {"lampu jalan mati\nPJU padam"}, "answer": {"Lapor ke UPT PJU Dishub."},
			"source_url": {"dishub.depok.go.id"}, "agency_id": {fmt.Sprint(e.dishub.ID)}}
		res, body := b.post(KO, "/pustaka/new", form)
		if res.StatusCode != 400 || !strings.Contains(body, "Tautan harus lengkap") || !strings.Contains(body, "PJU padam") || count() != 0 {
			t.Fatalf("bad link: %d, %d entries", res.StatusCode, count())
		}
		form.Set("source_url", "https://dishub.depok.go.id/pju")
		res, _ = b.post(KO, "/pustaka/new", form)
		if res.StatusCode != 303 {
			t.Fatalf("create: %d", res.StatusCode)
		}
		loc, _, _ := strings.Cut(res.Header.Get("Location"), "?")
		_, body = b.get(OP, loc)
		for _, want := range []string{"Lampu PJU mati", "PJU padam", "Dinas Perhubungan", "https://dishub.depok.go.id/pju", "Versi 1", "Dibuat"} {
			if !strings.Contains(body, want) {
				t.Errorf("entry page lacks %q", want)
			}
		}
		if strings.Contains(body, "/edit") {
			t.Error("the operator is offered to edit")
		}

		// Edit: a new version, the history names who and what changed.
		list, _, _ := e.st.Library().LibraryEntries(ctx, ko, aduan.LibraryFilter{})
		en := list[0]
		_, body = b.get(KO, loc+"/edit")
		if !strings.Contains(body, "lampu jalan mati\nPJU padam") || !strings.Contains(body, `name="version" value="1"`) {
			t.Errorf("edit form not filled")
		}
		form.Set("answer", "Lapor ke UPT PJU Dishub, 021-78900083; perbaikan paling lambat 3 hari kerja.")
		form.Set("version", "1")
		form.Set("active", "1")
		if res, body = b.post(KO, loc+"/edit", form); res.StatusCode != 303 {
			t.Fatalf("edit: %d %.300s", res.StatusCode, body)
		}
		// A form from the old version is refused: someone changed it meanwhile.
		if res, _ = b.post(KO, loc+"/edit", form); res.StatusCode != 409 {
			t.Errorf("stale edit: %d", res.StatusCode)
		}
		_, body = b.get(OP, loc)
		for _, want := range []string{"Versi 2", "Diubah", "User koordinator_cc", "Jawaban", "Lapor ke UPT PJU Dishub.", "perbaikan paling lambat 3 hari kerja"} {
			if !strings.Contains(body, want) {
				t.Errorf("history lacks %q", want)
			}
		}
		if h, _ := e.st.Library().LibraryHistory(ctx, ko, en.ID); len(h) != 2 {
			t.Errorf("versions: %d", len(h))
		}

		// Review: an entry past its review date is listed until reviewed.
		old := &aduan.LibraryEntry{Title: "Tarif retribusi sampah 2025", Answer: "Rp 10.000 per bulan.", ReviewDue: "2020-01-01", Active: true}
		if err := e.st.Library().CreateLibraryEntry(ctx, ko, old); err != nil {
			t.Fatal(err)
		}
		if _, body = b.get(KO, "/pustaka/review"); !strings.Contains(body, old.Title) || strings.Contains(body, "Lampu PJU mati") {
			t.Errorf("review list")
		}
		if res, _ = b.post(KO, fmt.Sprintf("/pustaka/%d/review", old.ID), url.Values{"version": {"1"}, "back": {"review"}}); res.StatusCode != 303 {
			t.Errorf("review: %d", res.StatusCode)
		}
		if _, body = b.get(KO, "/pustaka/review"); strings.Contains(body, old.Title) {
			t.Errorf("reviewed entry still listed")
		}

		// Search with filters: the matching words marked.
		if _, body = b.get(OP, "/pustaka?q=lmp+jln+mati&agency="+fmt.Sprint(e.dishub.ID)); !strings.Contains(body, "<mark>Lampu</mark> PJU") {
			t.Errorf("search: %.500s", body)
		}
		if _, body = b.get(OP, "/pustaka?q=lampu&agency="+fmt.Sprint(e.dpupr.ID)); strings.Contains(body, "Lampu PJU") {
			t.Errorf("agency filter ignored")
		}

		// Import: every bad row listed, nothing imported.
		before := count()
		bad := "title,answer,agency,categories\nJadwal posyandu,Selasa pertama tiap bulan.,,\n,Tanpa judul.,,\nIzin keramaian,Ke Polres.,NOPE,\n"
		res, body = b.upload(KO, "folder.csv", bad, "auto")
		if res.StatusCode != 400 || !strings.Contains(body, "Tidak ada yang diimpor") || !strings.Contains(body, "Baris 3 · Judul: Wajib diisi.") ||
			!strings.Contains(body, "Baris 4 · Perangkat Daerah: Tidak ditemukan") || count() != before {
			t.Errorf("bad import: %d, %d entries: %.1500s", res.StatusCode, count(), body)
		}
		if res, body = b.upload(KO, "folder.json", "{not json", "auto"); res.StatusCode != 400 || !strings.Contains(body, "Berkas JSON tidak dapat dibaca") {
			t.Errorf("broken JSON: %d", res.StatusCode)
		}
		good := "title,answer,agency,categories\nJadwal posyandu,Selasa pertama tiap bulan.,,\n"
		if res, body = b.upload(KO, "folder.csv", good, "auto"); res.StatusCode != 200 || !strings.Contains(body, "Impor selesai: 1 baru, 0 diubah, 0 tetap.") || count() != before+1 {
			t.Errorf("good import: %d %d", res.StatusCode, count())
		}
		// The export reads back in.
		res, body = b.get(OP, "/pustaka/export?format=csv")
		if res.Header.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.Contains(body, "Jadwal posyandu") {
			t.Errorf("export: %s", res.Header.Get("Content-Type"))
		}

		// An answered complaint becomes an entry, prefilled; only the
		// coordinator is offered it.
		c := e.newComplaint(t, nextPhone(), nil)
		cid := int64(c["id"].(float64))
		cur, _ := e.st.Complaints().Complaint(ctx, aduan.System, cid)
		if _, _, err := e.st.Complaints().ApplyAction(ctx, e.users[OP].Actor(), cid, cur.Version, aduan.ActionAnswer,
			aduan.ActionInput{Answer: "Lampu akan diganti UPT PJU minggu ini."}); err != nil {
			t.Fatal(err)
		}
		if _, body = b.get(OP, fmt.Sprintf("/complaints/%d/library", cid)); strings.Contains(body, "Jadikan entri pustaka") {
			t.Error("the operator is offered to make an entry")
		}
		if _, body = b.get(KO, fmt.Sprintf("/complaints/%d/library", cid)); !strings.Contains(body, "Jadikan entri pustaka") {
			t.Error("the coordinator is not offered to make an entry")
		}
		_, body = b.get(KO, fmt.Sprintf("/pustaka/new?from=%d", cid))
		if !strings.Contains(body, "Lampu akan diganti UPT PJU minggu ini.") || !strings.Contains(body, "Lampu PJU mati di Jl. Nusantara sejak seminggu.") {
			t.Errorf("form not prefilled: %.800s", body)
		}
		res, _ = b.post(KO, "/pustaka/new", url.Values{"from": {fmt.Sprint(cid)}, "title": {"PJU Jl. Nusantara"},
			"questions": {"Lampu PJU mati di Jl. Nusantara sejak seminggu."}, "answer": {"Lampu akan diganti UPT PJU minggu ini."}})
		if res.StatusCode != 303 {
			t.Fatalf("entry from complaint: %d", res.StatusCode)
		}
		madeAt, _, _ := strings.Cut(res.Header.Get("Location"), "?")
		id, _ := aduan.ParseLibraryRef(strings.TrimPrefix(madeAt, "/pustaka/"))
		made, err := e.st.Library().LibraryEntry(ctx, ko, id)
		if err != nil || made.FromComplaintID != cid || made.Title != "PJU Jl. Nusantara" {
			t.Errorf("entry from complaint: %+v %v", made, err)
		}
	})
}

// TestDeskSuggestionsAndNextStep: the desk's panel answers the text being
// typed with the routing suggestion, the library's answer and the open
// complaint it may repeat; saving takes the chosen step at once (answer
// from the library, forward to the suggested agency, link as duplicate),
// and a step naming something unknown comes back on the form with nothing
// saved.
func TestDeskSuggestionsAndNextStep(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e, b := libEnv(t, d)
		en := e.entry(t, "Lampu penerangan jalan (PJU) mati", "Diteruskan ke UPT PJU Dishub; diperbaiki paling lambat 3 hari kerja.", e.dishub.ID)
		open := e.newComplaint(t, nextPhone(), nil)
		openNumber := open["number"].(string)
		count := func() int {
			list, _, err := e.st.Complaints().ListComplaints(ctx, aduan.System, aduan.ComplaintFilter{Limit: 500})
			if err != nil {
				t.Fatal(err)
			}
			return len(list)
		}
		_, body := b.get(OP, "/desk/search?text="+url.QueryEscape("lampu jalan mati dkt rumah udh 3 hari")+"&kelurahan=32.76.01.1007")
		for _, want := range []string{"Usulan kategori", "Dinas Perhubungan", "data-use-agency=\"" + fmt.Sprint(e.dishub.ID) + "\"",
			en.Title, "Gunakan jawaban ini", `data-ref="` + aduan.LibraryRef(en.ID) + `"`, "Mungkin sama dengan", openNumber} {
			if !strings.Contains(body, want) {
				t.Errorf("panel lacks %q", want)
			}
		}
		if res, _ := b.get(PD, "/desk/search?text=lampu"); res.StatusCode != 403 {
			t.Errorf("agency operator at the desk search: %d", res.StatusCode)
		}

		form := func(extra url.Values) url.Values {
			f := url.Values{"phone": {nextPhone()}, "name": {"Rudi"}, "address": {"Jl. Kenanga 3"}, "text": {"lampu jalan mati dkt rumah udh 3 hari"},
				"kelurahan": {"32.76.01.1007"}, "channel": {"telepon"}, "confidentiality": {"biasa"}}
			for k, v := range extra {
				f[k] = v
			}
			return f
		}
		created := func(res *http.Response) *aduan.Complaint {
			t.Helper()
			// A step done at the desk leads to a fresh desk naming the
			// complaint (?saved=ID).
			loc, _ := url.Parse(res.Header.Get("Location"))
			id, err := strconv.ParseInt(loc.Query().Get("saved"), 10, 64)
			if err != nil {
				t.Fatalf("location %q", res.Header.Get("Location"))
			}
			c, err := e.st.Complaints().Complaint(ctx, aduan.System, id)
			if err != nil {
				t.Fatal(err)
			}
			return c
		}
		n := count()
		// An unknown library reference: back on the form, nothing saved.
		res, body := b.post(OP, "/desk", form(url.Values{"category": {fmt.Sprint(e.categoryID(t, "PJU"))}, "next": {"answer"}, "answer": {en.Answer}, "source": {"library"}, "source_ref": {"JWB-9999"}}))
		if res.StatusCode != 400 || !strings.Contains(body, "Rujukan folder jawaban tidak dikenal") || !strings.Contains(body, en.Answer) || count() != n {
			t.Fatalf("bad reference: %d, %d complaints", res.StatusCode, count()-n)
		}
		// The library's answer: saved and answered, the entry recorded and counted.
		res, _ = b.post(OP, "/desk", form(url.Values{"category": {fmt.Sprint(e.categoryID(t, "PJU"))}, "next": {"answer"}, "answer": {en.Answer}, "source": {"library"}, "source_ref": {aduan.LibraryRef(en.ID)}}))
		if res.StatusCode != 303 || !strings.Contains(res.Header.Get("Location"), "ok=web.ok.desk.done.answer") {
			t.Fatalf("answer from the desk: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		c := created(res)
		if c.Status != aduan.StatusAnswered || c.AnswerSource != aduan.SourceLibrary || c.AnswerRef != aduan.LibraryRef(en.ID) {
			t.Errorf("answered: %s %s %s", c.Status, c.AnswerSource, c.AnswerRef)
		}
		if got, _ := e.st.Library().LibraryEntry(ctx, e.users[KO].Actor(), en.ID); got.Uses != 1 {
			t.Errorf("uses: %d", got.Uses)
		}
		// That answered complaint is now a past case: for a caller from
		// Harjamukti it comes after the folder's entry, as an example with
		// its place and a warning, and sent unedited it is refused.
		_, body = b.get(OP, "/desk/search?text="+url.QueryEscape("lampu jalan mati dkt rumah udh 3 hari")+"&kelurahan=32.76.02.1007")
		entryAt, pastAt := strings.Index(body, `data-ref="`+aduan.LibraryRef(en.ID)+`"`), strings.Index(body, `data-ref="`+c.Number+`"`)
		if entryAt < 0 || pastAt < entryAt {
			t.Errorf("panel: folder entry at %d, past case at %d, want the entry first", entryAt, pastAt)
		}
		for _, want := range []string{"Contoh", "pengaduan lalu, Depok Jaya", "bukan kelurahan penelepon ini", "Salin sebagai contoh"} {
			if !strings.Contains(body, want) {
				t.Errorf("panel lacks %q", want)
			}
		}
		res, body = b.post(OP, "/desk", form(url.Values{"category": {fmt.Sprint(e.categoryID(t, "PJU"))}, "kelurahan": {"32.76.02.1007"}, "next": {"answer"}, "answer": {c.Answer}, "source": {"complaint"}, "source_ref": {c.Number}}))
		if res.StatusCode != 400 || !strings.Contains(body, "Jawaban pengaduan lalu hanya contoh") {
			t.Errorf("past case's answer unedited: %d", res.StatusCode)
		}
		// Forward to the agency on the form.
		res, _ = b.post(OP, "/desk", form(url.Values{"category": {fmt.Sprint(e.categoryID(t, "PJU"))}, "next": {"forward"}, "agency": {fmt.Sprint(e.dishub.ID)}}))
		if c = created(res); c.Status != aduan.StatusForwarded || c.AgencyID != e.dishub.ID {
			t.Errorf("forwarded: %s to %d", c.Status, c.AgencyID)
		}
		// Link as duplicate of the open one; an unknown number saves nothing.
		n = count()
		if res, _ = b.post(OP, "/desk", form(url.Values{"duplicate_of": {"ADU-2026-999999"}})); res.StatusCode != 400 || count() != n {
			t.Errorf("unknown original: %d", res.StatusCode)
		}
		res, _ = b.post(OP, "/desk", form(url.Values{"duplicate_of": {openNumber}}))
		if c = created(res); c.Status != aduan.StatusDuplicate || c.DuplicateOf != int64(open["id"].(float64)) {
			t.Errorf("linked: %s of %d", c.Status, c.DuplicateOf)
		}
		// The original's page lists the linked one; the next similar one
		// is offered on its own page with a one-click link.
		other := e.newComplaint(t, nextPhone(), nil)
		_, body = b.get(OP, fmt.Sprintf("/complaints/%.0f/library", other["id"].(float64)))
		if !strings.Contains(body, "Pengaduan terbuka yang mirip") || !strings.Contains(body, `name="duplicate_of" value="`+openNumber+`"`) {
			t.Errorf("similar box: %.600s", body)
		}
	})
}
