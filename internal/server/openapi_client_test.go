package server_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/api/apiclient"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// oaClient is the client oapi-codegen generated from the served document,
// as one user, with the document itself to check every answer against.
type oaClient struct {
	*apiclient.ClientWithResponses
	doc *openapi3.T
}

func newOAClient(t *testing.T, e *env, r aduan.Role, doc *openapi3.T) *oaClient {
	t.Helper()
	tok := e.tokens[r]
	c, err := apiclient.NewClientWithResponses(e.url, apiclient.WithRequestEditorFn(func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer "+tok)
		return nil
	}))
	if err != nil {
		t.Fatal(err)
	}
	return &oaClient{c, doc}
}

// check fails the test unless the answer has the status the document
// promises and its body validates against the operation's schema
// (required fields, enums, nullability), beyond what decoding checks.
func (c *oaClient) check(t *testing.T, method, pattern string, res *http.Response, body []byte, err error) {
	t.Helper()
	if err != nil {
		t.Fatalf("%s %s: the generated client could not decode the answer: %v", method, pattern, err)
	}
	item := c.doc.Paths.Find(pattern)
	if item == nil || item.GetOperation(method) == nil {
		t.Fatalf("%s %s is not in the document", method, pattern)
	}
	resp := item.GetOperation(method).Responses.Status(res.StatusCode)
	if resp == nil {
		t.Fatalf("%s %s answered %d, which the document does not list: %s", method, pattern, res.StatusCode, body)
	}
	if res.StatusCode >= 300 {
		t.Fatalf("%s %s answered %d: %s", method, pattern, res.StatusCode, body)
	}
	mt := resp.Value.Content.Get("application/json")
	if mt == nil {
		return
	}
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatalf("%s %s: %v", method, pattern, err)
	}
	if err := mt.Schema.Value.VisitJSON(v); err != nil {
		t.Errorf("%s %s: the answer does not match its schema: %v", method, pattern, err)
	}
}

// TestGeneratedClientDecodesAnSOPWalk drives a complaint through the whole
// SOP (steps 1–10 on the agency path) and a daily and a monthly report
// through submission and paraf (steps 11–14) with the client oapi-codegen
// generated from /api/v1/openapi.json, on both databases. Every answer must
// decode into the generated types and validate against its schema: a
// document that says an object is an array, or leaves out a unit the
// standards use, fails here.
func TestGeneratedClientDecodesAnSOPWalk(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		if err := e.st.RefData().SetSettings(ctx, aduan.System, map[string]string{"public_base_url": "https://aduan.depok.go.id"}); err != nil {
			t.Fatal(err)
		}
		raw := e.c.Do("GET", "/api/v1/openapi.json", nil).Raw
		doc, err := openapi3.NewLoader().LoadFromData(raw)
		if err != nil {
			t.Fatal(err)
		}
		if err := doc.Validate(ctx); err != nil {
			t.Fatalf("the document is not valid OpenAPI: %v", err)
		}
		op, pd, ko, ka := newOAClient(t, e, OP, doc), newOAClient(t, e, PD, doc), newOAClient(t, e, KO, doc), newOAClient(t, e, KA, doc)

		st, err := ko.GetStandardsWithResponse(ctx, nil)
		ko.check(t, "GET", "/api/v1/standards", st.HTTPResponse, st.Body, err)
		units := map[string]bool{}
		for _, s := range *st.JSON200.Items {
			units[string(s.Unit)] = true
		}
		for _, u := range []string{"menit", "jam", "hari_kerja"} {
			if !units[u] {
				t.Errorf("no standard in unit %s: %v", u, units)
			}
		}

		kel, name, phone, text := "32.76.01.1007", "Warga Klien", nextPhone(), "Jalan berlubang besar di depan SD Negeri, mohon segera ditambal."
		cr, err := op.PostComplaintsWithResponse(ctx, nil, apiclient.NewComplaintJSON{Text: text, KelurahanCode: &kel,
			Citizen: &apiclient.CitizenInputJSON{Name: &name, Phone: &phone, Address: &kel}})
		op.check(t, "POST", "/api/v1/complaints", cr.HTTPResponse, cr.Body, err)
		c := *cr.JSON201
		id := strconv.Itoa(int(c.Id))
		dpupr := int64(e.dpupr.ID)
		category := e.categoryID(t, "JALAN_RUSAK") // classified with the forward (CategoryFirst)
		answer, relay := "Lubang sudah ditambal oleh UPT Jalan.", "Yth. pelapor, lubang sudah ditambal. Terima kasih."
		steps := []struct {
			who  *oaClient
			act  string
			body apiclient.ActionJSON
		}{
			{op, "forward", apiclient.ActionJSON{AgencyId: &dpupr, CategoryId: &category}},
			{pd, "acknowledge", apiclient.ActionJSON{}},
			{pd, "agency_answer", apiclient.ActionJSON{Answer: &answer}},
			{op, "receive_answer", apiclient.ActionJSON{}},
			{op, "relay", apiclient.ActionJSON{Answer: &relay}},
			{op, "close", apiclient.ActionJSON{}},
		}
		for _, s := range steps {
			s.body.Version = c.Version
			ar, err := s.who.PostComplaintsIdActionsActionWithResponse(ctx, id, s.act, nil, s.body)
			s.who.check(t, "POST", "/api/v1/complaints/{id}/actions/{action}", ar.HTTPResponse, ar.Body, err)
			if string(ar.JSON200.Event.Action) != s.act {
				t.Errorf("%s: the event says %q", s.act, ar.JSON200.Event.Action)
			}
			c = ar.JSON200.Complaint
		}
		if c.Status != apiclient.ComplaintJSONStatus(aduan.StatusClosed) {
			t.Errorf("after the walk the complaint is %s", c.Status)
		}
		gr, err := op.GetComplaintsIdWithResponse(ctx, id, nil)
		op.check(t, "GET", "/api/v1/complaints/{id}", gr.HTTPResponse, gr.Body, err)
		ev, err := op.GetComplaintsIdEventsWithResponse(ctx, id, nil)
		op.check(t, "GET", "/api/v1/complaints/{id}/events", ev.HTTPResponse, ev.Body, err)
		if len(*ev.JSON200.Items) < len(steps)+1 {
			t.Errorf("%d events after %d steps", len(*ev.JSON200.Items), len(steps))
		}
		ls, err := op.GetComplaintsWithResponse(ctx, nil)
		op.check(t, "GET", "/api/v1/complaints", ls.HTTPResponse, ls.Body, err)

		// The operator's daily report (step 11), submitted.
		day := e.st.Now().In(aduan.WIB).Format("2006-01-02")
		dr, err := op.PostReportsWithResponse(ctx, nil, apiclient.NewReportJSON{Kind: apiclient.NewReportJSONKind("daily"), Day: &day})
		op.check(t, "POST", "/api/v1/reports", dr.HTTPResponse, dr.Body, err)
		daily := *dr.JSON201
		sr, err := op.PostReportsIdActionsActionWithResponse(ctx, strconv.Itoa(int(daily.Id)), "submit", nil, apiclient.ReportActionJSON{Version: daily.Version})
		op.check(t, "POST", "/api/v1/reports/{id}/actions/{action}", sr.HTTPResponse, sr.Body, err)
		if sr.JSON200.Data == nil {
			t.Fatal("a submitted daily report has no figures")
		}
		dd, err := sr.JSON200.Data.AsDailyData()
		if err != nil || dd.Day != day {
			t.Errorf("the daily figures do not decode as DailyData of %s: %+v, %v", day, dd, err)
		}

		// The coordinator's monthly report (step 12), submitted and
		// initialled by the section head (steps 13–14).
		month := monthsBack(e.st.Now(), 1)
		mr, err := ko.PostReportsWithResponse(ctx, nil, apiclient.NewReportJSON{Kind: apiclient.NewReportJSONKind("monthly"), Month: &month})
		ko.check(t, "POST", "/api/v1/reports", mr.HTTPResponse, mr.Body, err)
		mid := strconv.Itoa(int(mr.JSON201.Id))
		ms, err := ko.PostReportsIdActionsActionWithResponse(ctx, mid, "submit", nil, apiclient.ReportActionJSON{Version: mr.JSON201.Version})
		ko.check(t, "POST", "/api/v1/reports/{id}/actions/{action}", ms.HTTPResponse, ms.Body, err)
		mp, err := ka.PostReportsIdActionsActionWithResponse(ctx, mid, "paraf", nil, apiclient.ReportActionJSON{Version: ms.JSON200.Version})
		ka.check(t, "POST", "/api/v1/reports/{id}/actions/{action}", mp.HTTPResponse, mp.Body, err)
		if mp.JSON200.Status != "complete" {
			t.Errorf("after the paraf the report is %s", mp.JSON200.Status)
		}
		if _, err := mp.JSON200.Data.AsMonthlyData(); err != nil {
			t.Errorf("the monthly figures do not decode as MonthlyData: %v", err)
		}
		one, err := ka.GetReportsIdWithResponse(ctx, mid, nil)
		ka.check(t, "GET", "/api/v1/reports/{id}", one.HTTPResponse, one.Body, err)
		all, err := ka.GetReportsWithResponse(ctx, nil)
		ka.check(t, "GET", "/api/v1/reports", all.HTTPResponse, all.Body, err)
		if all.JSON200.Items == nil || len(*all.JSON200.Items) == 0 {
			t.Error("the section head sees no report")
		}
		pm, err := ko.GetReportsPreviewMonthlyWithResponse(ctx, &apiclient.GetReportsPreviewMonthlyParams{Month: &month})
		ko.check(t, "GET", "/api/v1/reports/preview/monthly", pm.HTTPResponse, pm.Body, err)
	})
}
