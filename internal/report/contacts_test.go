package report_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

// TestMonthlyContacts: the monthly report shows the contact log beside
// the complaints (by kind and channel) and each operator's contacts
// handled, average handling time and first-contact resolution; the PDF
// says the same.
func TestMonthlyContacts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		at := wib(2026, 11, 2, 8, 10)
		for _, c := range []aduan.Contact{
			{Kind: aduan.ContactComplaint, Channel: aduan.ChannelPhone, OperatorID: f.op1.UserID, Duration: 4 * time.Minute, ComplaintID: f.complaints["c1"].ID},
			{Kind: aduan.ContactInformation, Channel: aduan.ChannelPhone, OperatorID: f.op1.UserID, Duration: 2 * time.Minute},
			{Kind: aduan.ContactPrank, Channel: aduan.ChannelPhone, OperatorID: f.op1.UserID},
			{Kind: aduan.ContactComplaint, Channel: aduan.ChannelWeb, OperatorID: f.op2.UserID, Duration: 6 * time.Minute, ComplaintID: f.complaints["c4"].ID},
			{Kind: aduan.ContactWrongNumber, Channel: aduan.ChannelPhone, OperatorID: f.op2.UserID, Duration: 30 * time.Second},
			{Kind: aduan.ContactMissed, Channel: aduan.ChannelPhone, Phone: "+6281200000401"},
		} {
			c.StartedAt = at
			at = at.Add(10 * time.Minute)
			by := f.op1
			if c.OperatorID == f.op2.UserID {
				by = f.op2
			}
			check(t, f.st.Citizens().LogContact(ctx, by, &c))
		}
		// A contact of October stays out of November.
		check(t, f.st.Citizens().LogContact(ctx, f.op1, &aduan.Contact{Kind: aduan.ContactPrank, Channel: aduan.ChannelPhone, StartedAt: wib(2026, 10, 31, 23, 0)}))

		from, to, _ := report.MonthRange("2026-11", aduan.WIB)
		m := must[*report.MonthlyData](t)(f.st.Reports().MonthlyData(ctx, f.ko, from, to, report.Filter{}))
		cs := m.Contacts
		if cs == nil || cs.Total != 6 {
			t.Fatalf("contacts: %+v, want 6", cs)
		}
		kinds := map[string]int{}
		for _, k := range cs.ByKind {
			kinds[k.Kind] = k.N
		}
		if kinds["complaint"] != 2 || kinds["information"] != 1 || kinds["prank"] != 1 || kinds["wrong_number"] != 1 || kinds["missed"] != 1 {
			t.Errorf("by kind: %v", kinds)
		}
		if len(cs.Operators) != 2 {
			t.Fatalf("operators: %+v", cs.Operators)
		}
		budi, siti := cs.Operators[0], cs.Operators[1]
		if siti.Name != "Siti Operator" || siti.Handled != 3 || siti.Requests != 2 || siti.Resolved != 2 || siti.FCRRate != 100 || siti.AvgHandleMS != (3*time.Minute).Milliseconds() {
			t.Errorf("Siti: %+v", siti)
		}
		// Budi's complaint was forwarded: not resolved at first contact.
		if budi.Name != "Budi Operator" || budi.Handled != 2 || budi.Requests != 1 || budi.Resolved != 0 || budi.AvgHandleMS != (195*time.Second).Milliseconds() {
			t.Errorf("Budi: %+v", budi)
		}
		// A report narrowed by kecamatan has no contact figures: the log
		// does not know places.
		byKec := must[*report.MonthlyData](t)(f.st.Reports().MonthlyData(ctx, f.ko, from, to, report.Filter{KecamatanCode: "32.76.01"}))
		if byKec.Contacts != nil {
			t.Errorf("a kecamatan report shows contacts: %+v", byKec.Contacts)
		}
		if d != store.SQLite {
			return
		}
		r := finalMonthly(t, f)
		text := pdfText(t, must[[]byte](t)(f.st.Reports().ReportFile(ctx, f.ka, r.ID, "pdf")))
		for _, want := range []string{"Kontak dengan call center", "Permintaan informasi", "Iseng", "Salah sambung", "Tidak terjawab", "Semua kontak", "Kontak ditangani", "100,0%"} {
			if !strings.Contains(text, want) {
				t.Errorf("the PDF lacks %q", want)
			}
		}
	})
}
