package server_test

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

// finalAnnual makes the annual report of year final through the console,
// as people do: the PPID Utama prepares it from the year's page (a
// correction of the final report corrects, if not 0) and submits it, the
// kasi initials it. It returns the report's id.
func (e *env) finalAnnual(t *testing.T, year int, corrects int64) int64 {
	t.Helper()
	form := url.Values{}
	if corrects != 0 {
		form.Set("corrects", strconv.FormatInt(corrects, 10))
	}
	status, body, loc := e.postPage(t, PU, fmt.Sprintf("/ppid/laporan/%d", year), form)
	if status != 303 || !strings.HasPrefix(loc, "/reports/") {
		t.Fatalf("prepare the annual report of %d: %d %s %s", year, status, loc, body[:min(len(body), 300)])
	}
	path := strings.SplitN(loc, "?", 2)[0]
	id, err := strconv.ParseInt(strings.TrimPrefix(path, "/reports/"), 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	step := func(r aduan.Role, action string) {
		t.Helper()
		rep, err := e.st.Reports().Report(ctx, aduan.System, id)
		if err != nil {
			t.Fatal(err)
		}
		f := url.Values{"action": {action}, "version": {strconv.FormatInt(rep.Version, 10)}, "confirm": {"1"}}
		if status, body, _ := e.postPage(t, r, path+"/action", f); status != 303 {
			t.Fatalf("%s the annual report as %s: %d %s", action, r, status, body[:min(len(body), 600)])
		}
	}
	step(PU, "submit")
	step(KA, "paraf")
	return id
}

// TestPPIDAnnualReportFinal: the PPID's annual public-information service
// report is made final with the monthly report's mechanism, on both
// databases: the PPID Utama prepares the year's report and submits it (the
// figures freeze in a version; a year still running cannot be submitted),
// the kasi alone initials it (the PPID Utama cannot), a later event does
// not move the frozen figures, the final copy's hash and PDF check out at
// /verify, and a correction, once initialled, supersedes it with the
// figures as they stand then.
func TestPPIDAnnualReportFinal(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		e := newEnv(t, d)
		if err := e.st.RefData().SetSettings(ctx, aduan.System, map[string]string{"public_base_url": "https://ppid.depok.example"}); err != nil {
			t.Fatal(err)
		}
		year := time.Now().In(aduan.WIB).Year()
		late := e.newInfoRequest(t, true)
		lr, _ := e.st.PPID().Request(ctx, aduan.System, late)
		e.newInfoRequest(t, false)

		// The running year: provisional, and it cannot be submitted.
		if status, page := e.page(t, PU, fmt.Sprintf("/ppid/laporan/%d", year)); status != 200 || strings.Contains(page, `id="annual-prepare"`) {
			t.Errorf("the running year offers its report: %d", status)
		}
		rep, err := e.st.Reports().CreateReport(ctx, e.users[PU].Actor(), report.NewReport{Kind: report.Annual, Year: year})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.st.Reports().ReportAction(ctx, e.users[PU].Actor(), rep.ID, rep.Version, report.ActionSubmit, "", nil); aduan.ErrorCode(err) != aduan.ETRANSITION {
			t.Errorf("submitted a running year: %v", err)
		}
		if _, err := e.st.Reports().CreateReport(ctx, e.users[KO].Actor(), report.NewReport{Kind: report.Annual, Year: year - 1}); aduan.ErrorCode(err) != aduan.EFORBIDDEN {
			t.Errorf("the coordinator started the PPID's report: %v", err)
		}

		// The year is over; the late request is still undecided.
		e.st.Now = func() time.Time { return time.Date(year+1, 1, 12, 9, 0, 0, 0, aduan.WIB) }
		defer func() { e.st.Now = time.Now }()
		// The year's page leads to the draft started; preparing again
		// goes to it rather than starting another.
		if _, page := e.page(t, PU, fmt.Sprintf("/ppid/laporan/%d", year)); !strings.Contains(page, fmt.Sprintf(`href="/reports/%d"`, rep.ID)) {
			t.Errorf("the year's page does not lead to its draft")
		}
		status, _, loc := e.postPage(t, PU, fmt.Sprintf("/ppid/laporan/%d", year), url.Values{})
		path := strings.SplitN(loc, "?", 2)[0]
		if status != 303 || path != fmt.Sprintf("/reports/%d", rep.ID) {
			t.Fatalf("prepare: %d %s", status, loc)
		}
		id := rep.ID
		step := func(r aduan.Role, action string, want int) string {
			t.Helper()
			rep, err := e.st.Reports().Report(ctx, aduan.System, id)
			if err != nil {
				t.Fatal(err)
			}
			status, body, _ := e.postPage(t, r, path+"/action", url.Values{"action": {action}, "version": {strconv.FormatInt(rep.Version, 10)}, "confirm": {"1"}})
			if status != want {
				t.Fatalf("%s as %s: %d, want %d", action, r, status, want)
			}
			return body
		}
		step(PU, "submit", 303)
		// The submission is the kasi's to initial: in the bell, on the
		// report's page with the year's figures, and the PPID Utama's
		// paraf is refused.
		if ns, _ := e.st.Messages().Notifications(ctx, e.users[KA].Actor(), true, 10); len(ns) == 0 || ns[0].ReportID != id || ns[0].Kind != "report_paraf" {
			t.Errorf("the kasi is not asked for the paraf: %+v", ns)
		}
		// and on the kasi's dashboard, beside the monthly reports waiting.
		if _, page := e.page(t, KA, "/dashboard"); !strings.Contains(page, `id="await-paraf"`) || !strings.Contains(page, fmt.Sprintf(`href="/reports/%d"`, id)) {
			t.Errorf("the kasi's dashboard does not list the annual report awaiting the paraf")
		}
		if status, page := e.page(t, KA, path); status != 200 || !strings.Contains(page, `id="rep-paraf"`) || !strings.Contains(page, lr.Number) {
			t.Errorf("the kasi's report page: %d", status)
		}
		if status, _, _ := e.postPage(t, PU, path+"/action", url.Values{"action": {"paraf"}, "version": {"3"}, "confirm": {"1"}}); status < 400 {
			t.Errorf("the PPID Utama initialled: %d", status)
		}
		step(KA, "paraf", 303)
		final, err := e.st.Reports().Report(ctx, aduan.System, id)
		if err != nil || final.Status != report.StatusComplete || final.ContentHash == "" {
			t.Fatalf("after the paraf: %v %+v", err, final)
		}
		a, _ := e.st.PPID().Annual(ctx, e.users[PP].Actor(), year)
		if a.SHA256 != final.ContentHash || a.ReportID != id || a.Received != 2 || a.Overdue != 2 || a.Decided != 0 {
			t.Fatalf("the final figures: %+v", a)
		}

		// A later event: the late request is decided. The final report
		// does not move.
		if _, _, err := e.st.PPID().Act(ctx, e.users[PU].Actor(), late, 0, aduan.InfoActDecide, aduan.InfoInput{Decision: aduan.InfoGranted, Answer: "Terlampir."}, nil); err != nil {
			t.Fatal(err)
		}
		a, _ = e.st.PPID().Annual(ctx, e.users[PU].Actor(), year)
		if a.SHA256 != final.ContentHash || a.Overdue != 2 || a.Decided != 0 {
			t.Errorf("a decision after the paraf moved the final figures: %+v", a)
		}
		status, page := e.page(t, PU, fmt.Sprintf("/ppid/laporan/%d", year))
		if status != 200 || !strings.Contains(page, final.ContentHash) || !strings.Contains(page, lr.Number) || strings.Contains(page, `id="annual-prepare"`) {
			t.Errorf("the year's page after the paraf: %d", status)
		}

		// The copies check out where every final report's do.
		status, pdf := e.page(t, PU, fmt.Sprintf("/ppid/laporan/%d/unduh/laporan-ppid-%d.pdf", year, year))
		text := pdfText(t, []byte(pdf))
		if status != 200 || !strings.Contains(text, final.ContentHash) || !strings.Contains(text, e.users[KA].Name) {
			t.Errorf("the final PDF: %d\n%s", status, text)
		}
		for _, h := range []string{final.ContentHash, report.HashBytes([]byte(pdf))} {
			status, page := e.page(t, OP, "/verify?hash="+h)
			if status != 200 || !strings.Contains(page, final.Title) || !strings.Contains(page, e.users[KA].Name) {
				t.Errorf("/verify of %s: %d", h, status)
			}
		}

		// A correction takes the figures as they stand now and, once
		// initialled, supersedes the final report.
		fix := e.finalAnnual(t, year, id)
		old, _ := e.st.Reports().Report(ctx, aduan.System, id)
		if old.SupersededBy != fix {
			t.Errorf("the old report is not superseded by %d: %+v", fix, old)
		}
		a, _ = e.st.PPID().Annual(ctx, e.users[PU].Actor(), year)
		if a.ReportID != fix || a.SHA256 == final.ContentHash || a.Overdue != 1 || a.Decided != 1 || a.OverdueList[0] == lr.Number {
			t.Errorf("the corrected figures: %+v", a)
		}
		if _, page := e.page(t, PU, fmt.Sprintf("/reports/%d", id)); !strings.Contains(page, "superseded-note") {
			t.Errorf("the superseded report does not say so")
		}
		// The old copy still checks out as what it was: superseded.
		if status, page := e.page(t, OP, "/verify?hash="+final.ContentHash); status != 200 || !strings.Contains(page, final.Title) {
			t.Errorf("/verify of the superseded copy: %d", status)
		}
	})
}
