package main

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"mime/multipart"
	"net/http"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/attach/attachtest"
	"github.com/kotakita/aduan/internal/channel/whatsapp/wafake"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// upload is one file of a multipart form.
type upload struct {
	field, name string
	data        []byte
}

// postMultipart posts fields and files as a browser's form would, with
// c's cookies, and returns the answer (redirects not followed).
func postMultipart(t *testing.T, c *apitest.Client, path string, fields map[string]string, files ...upload) *apitest.Response {
	t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for _, f := range files {
		fw, _ := mw.CreateFormFile(f.field, f.name)
		fw.Write(f.data)
	}
	mw.Close()
	req, err := http.NewRequest(http.MethodPost, c.Base+path, &b)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	hc := *c.HTTP
	hc.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	cp := *c
	cp.HTTP = &hc
	return cp.Send(req)
}

// allocatedBy is how many bytes the process allocated while fn ran (the
// tests of this package run one at a time).
func allocatedBy(fn func()) int64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return int64(after.TotalAlloc - before.TotalAlloc)
}

var publicTokenRe = regexp.MustCompile(`name="token" value="([^"]+)"`)

// publicForm draws /lapor and returns its form token, with the clock moved
// past the time a person takes to fill it.
func publicForm(t *testing.T, c *apitest.Client, clock *testClock) string {
	t.Helper()
	res := c.Do("GET", "/lapor", nil)
	m := publicTokenRe.FindSubmatch(res.Raw)
	if m == nil {
		t.Fatal("/lapor has no form token")
	}
	clock.Add(10 * time.Second)
	return string(m[1])
}

func complaintCount(t *testing.T, m *Main) int64 {
	t.Helper()
	counts, err := m.Store.Complaints().CountByStatus(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for _, v := range counts {
		n += v
	}
	return n
}

// TestPhotoBombRefused: the decompression bomb of issue 12 — a PNG of
// 5000×5000 16-bit pixels, interlaced, in 198 KB (under the old limit of
// 60 million pixels; 381 MiB to decode) — posted with a valid form to
// /lapor, and as an agency's answer photo, is refused with a clear
// Indonesian message, the typed complaint back on its form, nothing
// stored, and the process allocating a small fraction of what decoding
// it would (it is priced from its header and never decoded). A /lapor post
// without a valid form token is refused before its photo is opened: the
// answer names the token, not the (unreadable) photo.
func TestPhotoBombRefused(t *testing.T) {
	bomb := attachtest.PNGBomb(5000, 5000)
	const decodeNeeds = 381 << 20
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, clock := start(t, d, false)
		citizen := apitest.New(t, "http://"+m.Addr())
		fields := map[string]string{"text": "Jalan berlubang di depan SDN Mekarjaya 3, sudah dua minggu.", "phone": "081298765432",
			"name": "Ani", "consent": "1"}
		before := complaintCount(t, m)

		fields["token"] = publicForm(t, citizen, clock)
		var res *apitest.Response
		got := allocatedBy(func() { res = postMultipart(t, citizen, "/lapor", fields, upload{"photo", "foto.png", bomb}) })
		page := html.UnescapeString(string(res.Raw))
		if res.Status != http.StatusBadRequest || !strings.Contains(page, "Resolusi foto terlalu tinggi untuk dibuka") {
			t.Fatalf("/lapor with the bomb: %d\n%s", res.Status, page)
		}
		if !strings.Contains(page, fields["text"]) {
			t.Error("the typed complaint did not come back on the form")
		}
		if got > decodeNeeds/8 {
			t.Errorf("/lapor with the bomb allocated %d MiB (decoding it takes %d MiB)", got>>20, decodeNeeds>>20)
		}

		// No valid token: refused before the photo is opened. A photo
		// that cannot be decoded (a JPEG cut short) would be named if it
		// had been.
		broken := attachtest.JPEG(64, 64)
		broken = broken[:len(broken)/2]
		for _, tok := range []string{"", "1.2.3", publicForm(t, citizen, clock) + "x"} {
			fields["token"] = tok
			res = postMultipart(t, citizen, "/lapor", fields, upload{"photo", "foto.jpg", broken})
			page = html.UnescapeString(string(res.Raw))
			if res.Status != http.StatusBadRequest || !strings.Contains(page, "Formulir tidak valid") {
				t.Errorf("token %q: %d, want 400 naming the form", tok, res.Status)
			}
			if strings.Contains(page, "Foto harus berupa gambar JPEG atau PNG") {
				t.Errorf("token %q: the photo was opened before the token was checked", tok)
			}
		}
		if n := complaintCount(t, m); n != before {
			t.Errorf("complaints %d -> %d", before, n)
		}

		// The same bomb as an agency's answer photo.
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		pd := login(t, m, "pd.bomb", aduan.RoleOperatorPD, "DPUPR")
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Jalan berlubang di Jl. Nusantara.",
			"citizen": map[string]any{"name": "Budi", "phone": "081377771111"}}).Must(t, 201)
		cmp = act(t, op, cmp, "forward", map[string]any{"agency_id": agencyID(t, m, "DPUPR")})
		got = allocatedBy(func() {
			res = postMultipart(t, pd, fmt.Sprintf("/complaints/%d/act", apitest.Num(cmp, "id")), map[string]string{"action": "agency_answer",
				"answer": "Sudah ditambal.", "version": fmt.Sprint(apitest.Num(cmp, "version"))}, upload{"photos", "bukti.png", bomb})
		})
		page = html.UnescapeString(string(res.Raw))
		if res.Status != http.StatusBadRequest || !strings.Contains(page, "bukti.png: resolusi foto terlalu tinggi untuk dibuka") {
			t.Errorf("agency answer with the bomb: %d\n%s", res.Status, page)
		}
		if got > decodeNeeds/8 {
			t.Errorf("the agency's answer with the bomb allocated %d MiB", got>>20)
		}
		if files := filesUnder(t, filepath.Join(m.Config.DataDir, "attachments")); len(files) > 0 {
			t.Errorf("files stored: %v", files)
		}
	})
}

// TestActPhotosNeedPermission: photos sent with a step are opened and
// stored only when the sender may take that step: a role that may not
// (the call center answering for the agency, another agency's operator)
// gets 403 and nothing is stored, no file left behind; the agency's own
// operator's answer keeps its photo and thumbnail.
func TestActPhotosNeedPermission(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, _ := start(t, d, false)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Lampu PJU mati di Jl. Juanda.",
			"citizen": map[string]any{"name": "Ani", "phone": "081377773333"}}).Must(t, 201)
		cmp = act(t, op, cmp, "forward", map[string]any{"agency_id": agencyID(t, m, "DPUPR")})
		path := fmt.Sprintf("/complaints/%d/act", apitest.Num(cmp, "id"))
		form := map[string]string{"action": "agency_answer", "answer": "Sudah diperbaiki.", "version": fmt.Sprint(apitest.Num(cmp, "version"))}
		photo := upload{"photos", "bukti.jpg", attachtest.JPEG(320, 240)}
		dir := filepath.Join(m.Config.DataDir, "attachments")

		other := login(t, m, "pd.lain", aduan.RoleOperatorPD, "DISHUB")
		for name, c := range map[string]*apitest.Client{"operator_cc": op, "another agency": other} {
			res := postMultipart(t, c, path, form, photo)
			if res.Status != http.StatusForbidden && res.Status != http.StatusNotFound {
				t.Errorf("%s: %d, want 403 (or 404: not theirs to see)", name, res.Status)
			}
			if files := filesUnder(t, dir); len(files) > 0 {
				t.Fatalf("%s: files stored without the right to act: %v", name, files)
			}
		}
		pd := login(t, m, "pd.dpupr1", aduan.RoleOperatorPD, "DPUPR")
		if res := postMultipart(t, pd, path, form, photo); res.Status != http.StatusSeeOther {
			t.Fatalf("the agency's operator: %d\n%s", res.Status, res.Raw)
		}
		if files := filesUnder(t, dir); len(files) != 2 {
			t.Errorf("files stored with the answer: %v, want the photo and its thumbnail", files)
		}
		if got := apitest.Items(op.Do("GET", complaintPath(cmp)+"/attachments", nil).Must(t, 200)); len(got) != 1 {
			t.Errorf("attachments: %v", got)
		}
	})
}

// TestWhatsAppPhotoBombRefused: the same bomb sent as a WhatsApp photo
// (fetched by a job, the path e-mailed photos take too) is priced from its
// header and refused, not decoded: the message is processed with a note
// that says why, nothing is kept, and the process allocates a small
// fraction of what decoding it would.
func TestWhatsAppPhotoBombRefused(t *testing.T) {
	bomb := attachtest.PNGBomb(5000, 5000)
	const decodeNeeds = 381 << 20
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := wafake.Start(t)
		m := startWithWhatsApp(t, d, f, nil, nil)
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"category_id": classified(t, op), "text": "Pohon tumbang menutup jalan di Cinere.",
			"citizen": map[string]any{"name": "Ani", "phone": "081377773333"}}).Must(t, 201)
		cmp = act(t, op, cmp, "request_photos", nil)
		f.AddMedia("3001", "image/png", bomb)
		var msg map[string]any
		got := allocatedBy(func() {
			postWebhook(t, m, waMedia("wamid.BOMB1", "6281377773333", "image", "3001", "image/png", "ini fotonya", ""))
			waitUntil(t, "the message handled", 30*time.Second, func() bool {
				msg = nil
				for _, x := range messagesOf(t, op, cmp) {
					if apitest.Str(x, "body") == "[image] ini fotonya" && apitest.Str(x, "status") == "processed" {
						msg = x
					}
				}
				return msg != nil
			})
		})
		if n := apitest.Str(msg, "note"); !strings.Contains(n, "image too large to open") {
			t.Errorf("note: %q", n)
		}
		if files := apitest.Items(op.Do("GET", complaintPath(cmp)+"/attachments", nil).Must(t, 200)); len(files) != 0 {
			t.Errorf("kept: %v", files)
		}
		if got > decodeNeeds/8 {
			t.Errorf("handling the bomb allocated %d MiB (decoding it takes %d MiB)", got>>20, decodeNeeds>>20)
		}
	})
}
