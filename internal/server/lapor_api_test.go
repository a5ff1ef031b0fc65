package server_test

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/api/apiclient"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

var laporSeq atomic.Int64

func nextTracking() string { return fmt.Sprintf("%d", 9100000+laporSeq.Add(1)) }

// laporMatrix: the SP4N-LAPOR! routes are the call center's (operator and
// coordinator), who keep LAPOR!'s admin page.
func laporMatrix() []matrixCase {
	cc := []aduan.Role{OP, KO}
	registered := func(t *testing.T, e *env, r aduan.Role) (string, any) {
		id := nextTracking()
		e.as(OP).Do("POST", "/api/v1/lapor/reports", map[string]any{"tracking_id": id, "text": "Lampu jalan mati di Jl. Raya Sawangan."}).Must(t, 201)
		return "/api/v1/lapor/reports/" + id, nil
	}
	return []matrixCase{
		{"GET", "/api/v1/lapor/reports", cc, fixed("/api/v1/lapor/reports", nil)},
		{"POST", "/api/v1/lapor/reports", cc, func(*testing.T, *env, aduan.Role) (string, any) {
			return "/api/v1/lapor/reports", map[string]any{"tracking_id": nextTracking(), "text": "Sampah menumpuk di TPS Pancoran Mas."}
		}},
		{"GET", "/api/v1/lapor/reports/{tracking_id}", cc, registered},
		{"POST", "/api/v1/lapor/import", cc, func(*testing.T, *env, aduan.Role) (string, any) {
			// The file as the raw body, in the default mapping's columns.
			return "/api/v1/lapor/import?name=ekspor.csv", "No. Tracking,Isi Laporan,Tanggal Disposisi\n" + nextTracking() + ",Trotoar rusak di Jl. Nusantara,05/01/2026 08:00\n"
		}},
		{"GET", "/api/v1/lapor/follow-ups", cc, fixed("/api/v1/lapor/follow-ups", nil)},
	}
}

// laporImport posts a LAPOR! export with a mapping as a multipart form.
func laporImport(t *testing.T, c *apitest.Client, name, file, mapping string) *apitest.Response {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, _ := mw.CreateFormFile("file", name)
	fw.Write([]byte(file))
	if mapping != "" {
		mw.WriteField("mapping", mapping)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", c.Base+"/api/v1/lapor/import", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+c.Token)
	return c.Send(req)
}

// TestLaporAPI, on both databases: a LAPOR! report registered by tracking
// ID through the generated client and another imported from a CSV with a
// custom mapping are listed with LAPOR!'s deadlines; a duplicate is a 409
// naming the complaint; after each is sent on to an agency, the day's
// follow-up export (CSV) lists both with their tracking IDs.
func TestLaporAPI(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		op := laporClient(t, e, OP)
		cat := "Perhubungan > Lampu Penerangan Jalan Umum"
		rr, err := op.PostLaporReportsWithResponse(ctx, nil, apiclient.LaporIntakeJSON{TrackingId: "#5550001", Text: "Lampu PJU mati sepanjang Jl. Juanda.", Category: &cat})
		op.check(t, "POST", "/api/v1/lapor/reports", rr.HTTPResponse, rr.Body, err)
		first := rr.JSON201
		if first.TrackingId != "5550001" || first.VerifyDue == "" || first.VerifiedAt != nil {
			t.Errorf("registered: %+v", first)
		}
		dup := e.as(OP).Do("POST", "/api/v1/lapor/reports", map[string]any{"tracking_id": "5550001", "text": "Sama."})
		if dup.Status != 409 || !strings.Contains(string(dup.Raw), first.Number) {
			t.Errorf("a duplicate: %d %s", dup.Status, dup.Raw)
		}

		mapping := `{"tracking_id": "Nomor", "text": "Isi", "category": "Kategori", "dispositioned_at": "Didisposisikan", "date_layouts": ["2006-01-02 15:04"]}`
		now := e.st.Now().In(aduan.WIB)
		file := "Nomor,Isi,Kategori,Didisposisikan\n5550002,Jalan berlubang di Jl. Margonda,Pekerjaan Umum dan Penataan Ruang > Jalan Berlubang," +
			now.Add(-2*60*60*1e9).Format("2006-01-02 15:04") + "\n5550001,Sama lagi,,2026-01-05 08:00\n"
		res := laporImport(t, e.as(OP), "ekspor.csv", file, mapping).Must(t, 200)
		if apitest.Num(res, "created") != 1 || apitest.Num(res, "refused") != 1 || !strings.Contains(string(laporImport(t, e.as(OP), "ekspor.csv", file, mapping).Raw), "sudah terdaftar") {
			t.Errorf("import: %v", res)
		}
		if r := laporImport(t, e.as(OP), "ekspor.csv", "No;Teks\n1;2\n", ""); r.Status != 400 || !strings.Contains(string(r.Raw), "No. Tracking") {
			t.Errorf("a file without the mapped columns: %d %s", r.Status, r.Raw)
		}
		ls, err := op.GetLaporReportsWithResponse(ctx, nil)
		op.check(t, "GET", "/api/v1/lapor/reports", ls.HTTPResponse, ls.Body, err)
		if ls.JSON200.Items == nil || len(*ls.JSON200.Items) != 2 {
			t.Fatalf("listed: %s", ls.Body)
		}
		for _, it := range *ls.JSON200.Items {
			c := e.as(OP).Do("GET", fmt.Sprintf("/api/v1/complaints/%d", it.ComplaintId), nil).Must(t, 200)
			if apitest.Str(c, "channel") != "lapor" {
				t.Errorf("%s is not of the lapor channel", it.TrackingId)
			}
			e.as(OP).Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/forward", it.ComplaintId),
				map[string]any{"version": apitest.Num(c, "version"), "agency_id": e.dpupr.ID}).Must(t, 200)
		}
		one, err := op.GetLaporReportsTrackingIdWithResponse(ctx, "5550002", nil)
		op.check(t, "GET", "/api/v1/lapor/reports/{tracking_id}", one.HTTPResponse, one.Body, err)
		if one.JSON200.VerifiedAt == nil || one.JSON200.VerifyMet == nil || !*one.JSON200.VerifyMet || one.JSON200.FollowUps == nil || len(*one.JSON200.FollowUps) != 1 {
			t.Errorf("after the forward: %s", one.Body)
		}
		fu := e.as(OP).Do("GET", "/api/v1/lapor/follow-ups?format=csv&day="+now.Format("2006-01-02"), nil)
		recs, err := csv.NewReader(bytes.NewReader(fu.Raw)).ReadAll()
		if fu.Status != 200 || err != nil || len(recs) != 3 {
			t.Fatalf("the day's follow-ups: %d %s", fu.Status, fu.Raw)
		}
		seen := map[string]bool{}
		for _, rec := range recs[1:] {
			seen[rec[0]] = true
			if !strings.Contains(rec[4], e.dpupr.Name) {
				t.Errorf("the tindak lanjut does not name the agency: %q", rec[4])
			}
		}
		if !seen["5550001"] || !seen["5550002"] {
			t.Errorf("the export lacks a tracking ID: %v", recs)
		}
		fj, err := op.GetLaporFollowUpsWithResponse(ctx, nil)
		op.check(t, "GET", "/api/v1/lapor/follow-ups", fj.HTTPResponse, fj.Body, err)
	})
}

// TestLaporTrackingIDEverywhere, on both databases: a LAPOR! report's
// tracking ID is where its complaint is shown. The API's complaint,
// decoded by the generated client, carries lapor_tracking_id; the API's
// and the console's search find the complaint by the ID (as pasted, with
// its #), and the queue's row shows it; the complaint export (CSV and XLSX) has it in its own column;
// the public tracking page shows it to the reporter.
func TestLaporTrackingIDEverywhere(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		op := laporClient(t, e, OP)
		id := nextTracking()
		phone := "081298765432"
		rr, err := op.PostLaporReportsWithResponse(ctx, nil, apiclient.LaporIntakeJSON{TrackingId: id, Text: "Saluran air tersumbat di Jl. Kartini.", Phone: &phone})
		op.check(t, "POST", "/api/v1/lapor/reports", rr.HTTPResponse, rr.Body, err)
		number := rr.JSON201.Number
		// Another complaint, not from LAPOR!, that the search must not find.
		other := e.as(OP).Do("POST", "/api/v1/complaints", map[string]any{"channel": "telepon", "text": "Saluran air tersumbat di Jl. Dahlia."}).Must(t, 201)

		one, err := op.GetComplaintsIdWithResponse(ctx, number, nil)
		op.check(t, "GET", "/api/v1/complaints/{id}", one.HTTPResponse, one.Body, err)
		if one.JSON200.LaporTrackingId == nil || *one.JSON200.LaporTrackingId != id {
			t.Errorf("the complaint lacks its tracking ID: %s", one.Body)
		}
		oc, err := op.GetComplaintsIdWithResponse(ctx, apitest.Str(other, "number"), nil)
		op.check(t, "GET", "/api/v1/complaints/{id}", oc.HTTPResponse, oc.Body, err)
		if oc.JSON200.LaporTrackingId != nil {
			t.Errorf("a phone complaint has a tracking ID: %s", oc.Body)
		}

		q := "#" + id
		ls, err := op.GetComplaintsWithResponse(ctx, &apiclient.GetComplaintsParams{Q: &q})
		op.check(t, "GET", "/api/v1/complaints", ls.HTTPResponse, ls.Body, err)
		if ls.JSON200.Items == nil || len(*ls.JSON200.Items) != 1 || (*ls.JSON200.Items)[0].Number != number {
			t.Errorf("the API's search by tracking ID: %s", ls.Body)
		}
		if st, body := e.page(t, OP, "/queue?q="+id); st != 200 || !strings.Contains(body, number) || strings.Contains(body, apitest.Str(other, "number")) ||
			!strings.Contains(body, `<code class="lapor-id">`+id+`</code>`) {
			t.Errorf("the console's search by tracking ID: %d, has %s: %v", st, number, strings.Contains(body, number))
		}

		ex := e.as(OP).Do("GET", "/api/v1/exports/complaints/csv", nil)
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(ex.Raw, []byte("\ufeff")))).ReadAll()
		if ex.Status != 200 || err != nil || len(recs) < 2 {
			t.Fatalf("the CSV export: %d %v %.200s", ex.Status, err, ex.Raw)
		}
		if false {
			t.Fatal(err)
		}
		col := -1
		for i, h := range recs[0] {
			if h == "Nomor tracking LAPOR!" {
				col = i
			}
		}
		found := false
		for _, rec := range recs[1:] {
			if col >= 0 && rec[0] == number {
				found = rec[col] == id
			}
		}
		if !found {
			t.Errorf("the CSV export lacks the tracking ID (column %d): %v", col, recs[0])
		}
		xl := e.as(OP).Do("GET", "/api/v1/exports/complaints/xlsx", nil)
		if xl.Status != 200 || !strings.Contains(xlsxText(t, xl.Raw), id) {
			t.Errorf("the XLSX export lacks the tracking ID")
		}

		res, err := http.PostForm(e.url+"/lacak", map[string][]string{"nomor": {number}, "hp4": {phone[len(phone)-4:]}})
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != 200 || !strings.Contains(string(body), "<code>"+id+"</code>") {
			t.Errorf("the public tracking page: %d, tracking ID shown: %v", res.StatusCode, strings.Contains(string(body), id))
		}
	})
}

// laporClient is the client generated from the served OpenAPI document,
// as role.
func laporClient(t *testing.T, e *env, role aduan.Role) *oaClient {
	t.Helper()
	doc, err := openapi3.NewLoader().LoadFromData(e.c.Do("GET", "/api/v1/openapi.json", nil).Raw)
	if err != nil {
		t.Fatal(err)
	}
	return newOAClient(t, e, role, doc)
}
