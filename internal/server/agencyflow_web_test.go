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

// TestAgencyFlowOnTheComplaintPage (issue 16): on a forwarded complaint
// the operator's page offers the call center's actions (record the
// agency's answer, remind, log a call, withdraw, escalate) and the agency's
// page its promise; the promise shows on the page with its date, and the
// agency's answer recorded from the page moves the complaint to "answer
// received" with who answered on the timeline. Bad input comes back on the
// form and changes nothing.
func TestAgencyFlowOnTheComplaintPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e, b := libEnv(t, d)
		id := int64(apitest.Num(e.newComplaint(t, nextPhone(), e.dpupr, "forward"), "id"))
		path := fmt.Sprintf("/complaints/%d", id)
		_, page := b.get(OP, path)
		for _, a := range []string{"record_agency_answer", "remind_agency", "call_agency", "withdraw", "escalate_agency"} {
			if !strings.Contains(page, `id="act-`+a+`"`) {
				t.Errorf("the operator's page has no %s form", a)
			}
		}
		_, pdPage := b.get(PD, path)
		if !strings.Contains(pdPage, `id="act-agency_promise"`) || !strings.Contains(pdPage, `name="promised_by"`) {
			t.Error("the agency's page has no promise form")
		}
		c, _ := e.st.Complaints().Complaint(ctx, aduan.System, id)
		day := e.st.Now().In(aduan.WIB).AddDate(0, 0, 7)
		res, _ := b.post(PD, path+"/act", url.Values{"action": {"agency_promise"}, "version": {fmt.Sprint(c.Version)}, "form_token": {formToken(t, pdPage)},
			"answer": {"Lampu diganti setelah suku cadang datang."}, "promised_by": {day.Format("2006-01-02")}})
		if res.StatusCode != 303 {
			t.Fatalf("promise from the page: %d", res.StatusCode)
		}
		_, page = b.get(OP, path)
		if want := fmt.Sprintf("%d %s", day.Day(), []string{"Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober", "November", "Desember"}[day.Month()-1]); !strings.Contains(page, want) {
			t.Errorf("the page does not show the promised day %q", want)
		}
		c, _ = e.st.Complaints().Complaint(ctx, aduan.System, id)
		bad := url.Values{"action": {"record_agency_answer"}, "version": {fmt.Sprint(c.Version)}, "form_token": {formToken(t, page)},
			"answer": {"Lampu sudah menyala lagi."}, "answered_by": {""}, "via": {"phone"}}
		res, body := b.post(OP, path+"/act", bad)
		if res.StatusCode != 400 || !strings.Contains(body, "Wajib diisi") {
			t.Fatalf("no answered_by: %d", res.StatusCode)
		}
		if got, _ := e.st.Complaints().Complaint(ctx, aduan.System, id); got.Version != c.Version {
			t.Fatal("a refused form changed the complaint")
		}
		good := url.Values{"action": {"record_agency_answer"}, "version": {fmt.Sprint(c.Version)}, "form_token": {formToken(t, body)},
			"answer": {"Lampu sudah menyala lagi."}, "answered_by": {"Pak Dedi, teknisi PJU"}, "via": {"whatsapp"}}
		if res, _ := b.post(OP, path+"/act", good); res.StatusCode != 303 || !strings.Contains(res.Header.Get("Location"), "web.ok.done.record_agency_answer") {
			t.Fatalf("record from the page: %d %s", res.StatusCode, res.Header.Get("Location"))
		}
		got, _ := e.st.Complaints().Complaint(ctx, aduan.System, id)
		_, page = b.get(OP, path)
		if got.Status != aduan.StatusAnswerReceived || !strings.Contains(page, "Pak Dedi, teknisi PJU") {
			t.Errorf("after recording: %s; timeline names who answered %v", got.Status, strings.Contains(page, "Pak Dedi"))
		}
	})
}
