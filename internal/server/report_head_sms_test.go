package server_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

// TestHeadToldMonthlyFiguresBySMS: when the Kasi initials the city's
// November report, the head of DPUPR (who has a mobile) gets an SMS with
// DPUPR's figures of November through the outbox, beside the in-app
// notice; a head without a mobile gets the notice only.
func TestHeadToldMonthlyFiguresBySMS(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		pi := e.users[PI]
		pi.Phone = "+6281234500099"
		if err := e.st.Users().UpdateUser(ctx, aduan.System, pi); err != nil {
			t.Fatal(err)
		}
		// The head of DISHUB, without a mobile.
		if err := e.st.Users().CreateUser(ctx, aduan.System, &aduan.User{Username: "pimpinan.dishub", Name: "Kepala Dishub", Role: aduan.RolePimpinanPD,
			AgencyID: e.dishub.ID, Active: true}, "kata-sandi-uji-123"); err != nil {
			t.Fatal(err)
		}
		if err := e.st.RefData().SetSettings(ctx, aduan.System, map[string]string{"public_base_url": "https://aduan.depok.go.id"}); err != nil {
			t.Fatal(err)
		}
		now := time.Date(2026, 11, 10, 9, 0, 0, 0, aduan.WIB)
		e.st.Now = func() time.Time { return now }
		e.newComplaint(t, "081200000777", e.dpupr, "forward")
		now = time.Date(2026, 12, 1, 10, 0, 0, 0, aduan.WIB)
		ko := e.users[KO].Actor()
		rep, err := e.st.Reports().CreateReport(ctx, ko, report.NewReport{Kind: report.Monthly, Month: "2026-11"})
		if err != nil {
			t.Fatal(err)
		}
		if rep, err = e.st.Reports().ReportAction(ctx, ko, rep.ID, rep.Version, report.ActionSubmit, "", nil); err != nil {
			t.Fatal(err)
		}
		e.as(KA).Do("POST", fmt.Sprintf("/api/v1/reports/%d/actions/paraf", rep.ID), map[string]any{"version": rep.Version}).Must(t, 200)

		rows, err := e.st.DB().QueryContext(ctx, `SELECT to_addr, channel, body FROM messages WHERE purpose = 'report_notice'`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var got []string
		for rows.Next() {
			var to, ch, body string
			if err := rows.Scan(&to, &ch, &body); err != nil {
				t.Fatal(err)
			}
			got = append(got, to+" "+ch+": "+body)
		}
		if len(got) != 1 || !strings.HasPrefix(got[0], "+6281234500099 sms: ") ||
			!strings.Contains(got[0], "November 2026") || !strings.Contains(got[0], e.dpupr.Name+": 1 pengaduan diteruskan") ||
			!strings.Contains(got[0], "https://aduan.depok.go.id/reports") {
			t.Errorf("messages to the heads: %q; want one SMS to DPUPR's head with DPUPR's November figures", got)
		}
		ns, err := e.st.Messages().Notifications(ctx, pi.Actor(), true, 10)
		if err != nil || len(ns) != 1 || ns[0].Kind != "report_final" {
			t.Errorf("in-app notices of DPUPR's head: %+v (%v)", ns, err)
		}
	})
}
