package main

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestKoordinatorSwitchesReceipts: the koordinator, who edits the
// messages' texts, also switches them on and off: on the templates page
// (an unticked box is off) and over the API; the city's other settings
// stay the admin's, and an operator switches nothing. A caller recorded
// with the SMS receipt off gets no receipt.
func TestKoordinatorSwitchesReceipts(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		m, _ := start(t, d, false)
		ko := login(t, m, "rina", aduan.RoleKoordinatorCC, "")
		op := login(t, m, "siti", aduan.RoleOperatorCC, "")

		ko.Do("PATCH", "/api/v1/settings", map[string]string{"receipt_sms": "on", "receipt_whatsapp": "on", "receipt_email": "on"}).Must(t, 200)
		res := ko.Do("GET", "/admin/templates", nil)
		page := string(res.Raw)
		if res.Status != 200 || !strings.Contains(page, `name="receipt_sms" value="on" checked`) || !strings.Contains(page, `name="skm_survey" value="on" checked`) {
			t.Fatalf("the templates page does not show the switches on: %d", res.Status)
		}
		// Ticks all but the SMS receipt.
		form := url.Values{"receipt_whatsapp": {"on"}, "receipt_email": {"on"}, "skm_survey": {"on"}}
		req, _ := http.NewRequest("POST", ko.Base+"/admin/templates/switches", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if res := ko.Send(req); res.Status != http.StatusOK && res.Status != http.StatusSeeOther {
			t.Fatalf("switches: %d %s", res.Status, res.Raw)
		}
		set := ko.Do("GET", "/api/v1/settings", nil).Must(t, 200)
		if apitest.Str(set, "receipt_sms") != "off" || apitest.Str(set, "receipt_email") != "on" {
			t.Errorf("after the form: receipt_sms %q, receipt_email %q", apitest.Str(set, "receipt_sms"), apitest.Str(set, "receipt_email"))
		}
		cmp := op.Do("POST", "/api/v1/complaints", map[string]any{"text": "Sampah menumpuk di Jl. Margonda.",
			"citizen": map[string]any{"name": "Budi", "phone": "0812-2222-4455", "address": "Jl. Melati 5"}}).Must(t, 201)
		for _, msg := range messagesOf(t, op, cmp) {
			if apitest.Str(msg, "purpose") == "receipt" {
				t.Errorf("a receipt with the SMS receipt off: %v", msg)
			}
		}
		// Over the API (the switches were turned on so above): the city's
		// name no; an operator nothing.
		if res := ko.Do("PATCH", "/api/v1/settings", map[string]string{"city_name": "Kota Lain"}); res.Status != http.StatusForbidden {
			t.Errorf("the koordinator renamed the city: %d", res.Status)
		}
		if res := op.Do("PATCH", "/api/v1/settings", map[string]string{"receipt_sms": "off"}); res.Status != http.StatusForbidden {
			t.Errorf("an operator switched the receipts: %d", res.Status)
		}
		if res := op.Do("GET", "/admin/templates", nil); res.Status != http.StatusForbidden {
			t.Errorf("an operator opened the templates: %d", res.Status)
		}
		// Switched on again by the koordinator: the next caller gets one.
		ko.Do("PATCH", "/api/v1/settings", map[string]string{"receipt_sms": "on"}).Must(t, 200)
		cmp = op.Do("POST", "/api/v1/complaints", map[string]any{"text": "Lampu PJU mati di Jl. Nusantara.",
			"citizen": map[string]any{"name": "Sari", "phone": "0812-2222-6677", "address": "Jl. Mawar 2"}}).Must(t, 201)
		receipts := 0
		for _, msg := range messagesOf(t, op, cmp) {
			if apitest.Str(msg, "purpose") == "receipt" {
				receipts++
			}
		}
		if receipts != 1 {
			t.Errorf("receipts with the SMS receipt on: %d", receipts)
		}
	})
}
