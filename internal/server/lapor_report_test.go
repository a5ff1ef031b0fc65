package server_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/api/apiclient"
	"github.com/kotakita/aduan/internal/apitest"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestMonthlyReportLaporSection, on both databases: the monthly report of
// a month with SP4N-LAPOR! reports has them apart with LAPOR!'s deadline
// compliance, counted as the dashboard counts (store.Lapor.Compliance):
// one report sent on and followed up in time, one never verified, both
// late on nothing else. The report's data decoded by the generated client
// carries the section, and the console's report page shows it; the
// dashboard and the LAPOR! page show the same counts.
func TestMonthlyReportLaporSection(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		now := time.Date(2026, 11, 25, 10, 0, 0, 0, aduan.WIB) // a Wednesday
		e.st.Now = func() time.Time { return now }
		// On time: dispositioned yesterday, sent on and answered today.
		good := e.as(OP).Do("POST", "/api/v1/lapor/reports", map[string]any{"tracking_id": nextTracking(), "text": "Lampu PJU mati di Jl. Juanda.",
			"dispositioned_at": now.Add(-24 * time.Hour).Format(time.RFC3339)}).Must(t, 201)
		// Late: dispositioned on 3 November, never verified.
		e.as(OP).Do("POST", "/api/v1/lapor/reports", map[string]any{"tracking_id": nextTracking(), "text": "Jalan berlubang di Jl. Margonda.",
			"dispositioned_at": time.Date(2026, 11, 3, 9, 0, 0, 0, aduan.WIB).Format(time.RFC3339)}).Must(t, 201)
		id := int64(apitest.Num(good, "complaint_id"))
		c := e.as(OP).Do("GET", fmt.Sprintf("/api/v1/complaints/%d", id), nil).Must(t, 200)
		e.as(OP).Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/forward", id), map[string]any{"version": apitest.Num(c, "version"), "agency_id": e.dpupr.ID, "category_id": e.categoryID(t, "SAMPAH")}).Must(t, 200)
		c = e.as(OP).Do("GET", fmt.Sprintf("/api/v1/complaints/%d", id), nil).Must(t, 200)
		e.as(PD).Do("POST", fmt.Sprintf("/api/v1/complaints/%d/actions/agency_answer", id), map[string]any{"version": apitest.Num(c, "version"),
			"answer": "Lampu diganti besok pagi."}).Must(t, 200)

		want, err := e.st.Lapor().Compliance(ctx, aduan.System, time.Date(2026, 11, 1, 0, 0, 0, 0, aduan.WIB), time.Date(2026, 12, 1, 0, 0, 0, 0, aduan.WIB), now)
		if err != nil {
			t.Fatal(err)
		}
		if want.Total != 2 || want.VerifyMet != 1 || want.VerifyLate != 1 || want.FollowUpMet != 1 || want.FollowUpLate != 1 || want.CloseRunning != 2 {
			t.Fatalf("the dashboard's count: %+v", want)
		}

		ko := laporClient(t, e, KO)
		rep := e.as(KO).Do("POST", "/api/v1/reports", map[string]any{"kind": "monthly", "month": "2026-11"}).Must(t, 201)
		live := "true"
		got, err := ko.GetReportsIdWithResponse(ctx, fmt.Sprint(apitest.Num(rep, "id")), &apiclient.GetReportsIdParams{Live: &live})
		ko.check(t, "GET", "/api/v1/reports/{id}", got.HTTPResponse, got.Body, err)
		if got.JSON200.Data == nil {
			t.Fatalf("no data: %s", got.Body)
		}
		m, err := got.JSON200.Data.AsMonthlyData()
		if err != nil || m.Lapor == nil || m.Lapor.Deadlines == nil {
			t.Fatalf("the report's data has no LAPOR! section: %v %s", err, got.Body)
		}
		if m.Lapor.Total != 2 || m.Lapor.Closed != 0 || len(*m.Lapor.Deadlines) != 3 {
			t.Errorf("LAPOR! section %+v", m.Lapor)
		}
		figures := map[apiclient.LaporDeadlineDeadline][3]int{}
		for _, dl := range *m.Lapor.Deadlines {
			figures[dl.Deadline] = [3]int{dl.Met, dl.Late, dl.Running}
			if dl.Deadline == "verify" && (dl.Rate != 50 || dl.WorkingDays != 3) {
				t.Errorf("verification: rate %v over %d working days, want 50%% over 3", dl.Rate, dl.WorkingDays)
			}
		}
		if figures["verify"] != [3]int{want.VerifyMet, want.VerifyLate, want.VerifyRunning} ||
			figures["follow_up"] != [3]int{want.FollowUpMet, want.FollowUpLate, want.FollowRunning} ||
			figures["close"] != [3]int{want.CloseMet, want.CloseLate, want.CloseRunning} {
			t.Errorf("the report's LAPOR! figures %v differ from the dashboard's %+v", figures, want)
		}

		st, body := e.page(t, KO, fmt.Sprintf("/reports/%d?live=true", int64(apitest.Num(rep, "id"))))
		for _, s := range []string{`id="lapor-figures"`, "SP4N-LAPOR!: laporan yang didisposisikan ke Pemkot", "2 laporan didisposisikan SP4N-LAPOR!",
			`data-deadline="verify"`, "Diverifikasi dan diteruskan (3 hari kerja)", `data-fig="rate">50,0%`} {
			if !strings.Contains(body, s) {
				t.Errorf("the console's report page (%d) lacks %q", st, s)
			}
		}

		// The dashboard and the LAPOR! page count the same, closing included.
		for _, path := range []string{"/dashboard", "/sp4n-lapor"} {
			st, body := e.page(t, KO, path)
			for _, s := range []string{"2 laporan didisposisikan LAPOR! bulan ini", "Ditutup (10 hari kerja setelah tindak lanjut): 0 tepat waktu, 0 terlambat, 2 berjalan",
				"Batas verifikasi (3 hari kerja): 1 tepat waktu, 1 terlambat, 0 berjalan"} {
				if !strings.Contains(body, s) {
					t.Errorf("%s (%d) lacks %q", path, st, s)
				}
			}
		}

		// A report of another channel has no LAPOR! section.
		ch, month := "telepon", "2026-11"
		pm, err := ko.GetReportsPreviewMonthlyWithResponse(ctx, &apiclient.GetReportsPreviewMonthlyParams{Month: &month, Channel: &ch})
		ko.check(t, "GET", "/api/v1/reports/preview/monthly", pm.HTTPResponse, pm.Body, err)
		if pm.JSON200.Lapor != nil {
			t.Errorf("a telephone report has a LAPOR! section: %+v", pm.JSON200.Lapor)
		}
	})
}
