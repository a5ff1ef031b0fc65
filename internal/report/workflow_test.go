package report_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/reportsvc"
	"github.com/kotakita/aduan/internal/store"
)

// renderer makes the final documents as the API does: with the letterhead,
// logo and NIPs as they stand now.
func renderer(t *testing.T, st *store.Store) store.Renderer {
	t.Helper()
	rnd, err := (&reportsvc.Service{Store: st}).Renderer(ctx)
	check(t, err)
	return rnd
}

func wantCode(t *testing.T, err error, code, key string) {
	t.Helper()
	if aduan.ErrorCode(err) != code {
		t.Fatalf("want %s, got %v", code, err)
	}
	if key != "" {
		if e, _ := aduan.AsError(err); e.Key != key {
			t.Fatalf("want %s, got %s", key, e.Key)
		}
	}
}

func volume(t *testing.T, data json.RawMessage) int {
	t.Helper()
	var m report.MonthlyData
	check(t, json.Unmarshal(data, &m))
	return m.Volume.Total
}

// TestMonthlyReviewCycle drives a monthly report through the SOP's steps
// 12–14: submit, return with comments, revise and resubmit, paraf; then
// checks that it is frozen, that later data changes leave it alone, and
// that copies verify while a tampered one does not.
func TestMonthlyReviewCycle(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		st, rnd := f.st, renderer(t, f.st)
		_, err := st.Reports().CreateReport(ctx, f.op1, report.NewReport{Kind: report.Monthly, Month: "2026-11"})
		wantCode(t, err, aduan.EFORBIDDEN, "")
		r, err := st.Reports().CreateReport(ctx, f.ko, report.NewReport{Kind: report.Monthly, Month: "2026-11", Narrative: "Draf pertama."})
		check(t, err)
		if r.Title != "Laporan Bulanan Call Center – November 2026" || r.Status != report.StatusDraft {
			t.Fatalf("created %q %s", r.Title, r.Status)
		}
		// The section head sees nothing until it is handed over.
		_, err = st.Reports().Report(ctx, f.ka, r.ID)
		wantCode(t, err, aduan.ENOTFOUND, "")

		f.clk.Add(30 * time.Minute)
		r, err = st.Reports().EditReport(ctx, f.ko, r.ID, r.Version, "Volume naik tiga kali lipat.")
		check(t, err)
		// November is still running: its figures are provisional and
		// cannot be handed over for the paraf.
		_, err = st.Reports().ReportAction(ctx, f.ko, r.ID, r.Version, report.ActionSubmit, "", rnd)
		wantCode(t, err, aduan.ETRANSITION, "err.report.period_running")
		if e, _ := aduan.AsError(err); e != nil {
			if msg := i18n.T(i18n.ID, e.Key, e.Args...); !strings.Contains(msg, "sementara") || !strings.Contains(msg, "1 Desember 2026") {
				t.Errorf("the refusal does not say why: %q", msg)
			}
		}
		f.clk.Set(wib(2026, 12, 1, 8, 0))
		r, err = st.Reports().ReportAction(ctx, f.ko, r.ID, r.Version, report.ActionSubmit, "", rnd)
		check(t, err)
		if r.Status != report.StatusSubmitted || r.Versions != 1 || volume(t, r.Current().Data) != 6 {
			t.Fatalf("after submit: %s v%d", r.Status, r.Versions)
		}
		ev := r.Events[0]
		if ev.Step != aduan.StepMonthlyReport || ev.Met == nil || !*ev.Met || ev.Elapsed != 8*time.Hour || !ev.Deadline.Equal(wib(2026, 12, 7, 16, 0)) {
			t.Errorf("step 12 event: %+v", ev)
		}
		// Nobody may edit a report under review, and only the section head decides.
		_, err = st.Reports().EditReport(ctx, f.ko, r.ID, r.Version, "diam-diam")
		wantCode(t, err, aduan.ETRANSITION, "err.report.not_editable")
		_, err = st.Reports().ReportAction(ctx, f.ko, r.ID, r.Version, report.ActionParaf, "", rnd)
		wantCode(t, err, aduan.EFORBIDDEN, "")
		_, err = st.Reports().ReportAction(ctx, f.ppid, r.ID, r.Version, report.ActionParaf, "", rnd)
		wantCode(t, err, aduan.EFORBIDDEN, "")
		_, err = st.Reports().ReportAction(ctx, f.ka, r.ID, r.Version, report.ActionReturn, "  ", rnd)
		wantCode(t, err, aduan.EINVALID, "")

		f.clk.Add(time.Hour)
		r, err = st.Reports().ReportAction(ctx, f.ka, r.ID, r.Version, report.ActionReturn, "Tambahkan penjelasan keterlambatan DPUPR.", rnd)
		check(t, err)
		if r.Status != report.StatusReturned || r.History[0].Outcome != report.OutcomeReturned || r.History[0].ReviewComment == "" {
			t.Fatalf("after return: %s %+v", r.Status, r.History[0])
		}
		_, err = st.Reports().ReportAction(ctx, f.ka, r.ID, r.Version, report.ActionParaf, "", rnd)
		wantCode(t, err, aduan.ETRANSITION, "err.report.transition")

		// New data arrives before the revision (a November complaint
		// recorded late): version 2 has it, version 1 keeps its own.
		f.clk.Set(wib(2026, 11, 30, 11, 0))
		f.create(t, "late", f.op1, aduan.ChannelPhone, "SAMPAH", "32.76.01.1006", "081200000099")
		f.clk.Set(wib(2026, 12, 1, 11, 0))
		f.clk.Add(20 * time.Minute)
		r, err = st.Reports().EditReport(ctx, f.ko, r.ID, r.Version, "Volume naik; DPUPR terlambat karena banjir.")
		check(t, err)
		r, err = st.Reports().ReportAction(ctx, f.ko, r.ID, r.Version, report.ActionSubmit, "", rnd)
		check(t, err)
		if r.Versions != 2 || volume(t, r.History[0].Data) != 6 || volume(t, r.History[1].Data) != 7 {
			t.Fatalf("versions: %d", r.Versions)
		}
		f.clk.Add(3 * time.Hour) // the review takes longer than its 2-hour standard
		r, err = st.Reports().ReportAction(ctx, f.ka, r.ID, r.Version, report.ActionParaf, "Sesuai.", rnd)
		check(t, err)
		if r.Status != report.StatusComplete || r.ParafName != "Agus Kasi" || r.ParafAt == nil || len(r.ContentHash) != 64 {
			t.Fatalf("after paraf: %+v", r)
		}
		var review, complete *report.Event
		for i := range r.Events {
			switch r.Events[i].Action {
			case report.ActionParaf:
				review = &r.Events[i]
			case report.ActionComplete:
				complete = &r.Events[i]
			}
		}
		if review == nil || review.Step != aduan.StepReportReview || *review.Met || review.Elapsed != 3*time.Hour {
			t.Errorf("step 13 event: %+v", review)
		}
		// Step 14 is recorded but not judged: it could never be late.
		if complete == nil || complete.Step != aduan.StepReportComplete || complete.Met != nil || complete.Deadline != nil {
			t.Errorf("step 14 event: %+v", complete)
		}
		if c := report.ContentOf(r, r.Current()); c.Hash() != r.ContentHash {
			t.Errorf("content hash %s, stored %s", c.Hash(), r.ContentHash)
		}

		// Frozen: every edit fails, through the store and even in SQL.
		_, err = st.Reports().EditReport(ctx, f.ko, r.ID, r.Version, "ubah setelah paraf")
		wantCode(t, err, aduan.ETRANSITION, "err.report.frozen")
		for _, act := range []report.Action{report.ActionSubmit, report.ActionReturn, report.ActionParaf} {
			who := f.ka
			if act == report.ActionSubmit {
				who = f.ko
			}
			_, err = st.Reports().ReportAction(ctx, who, r.ID, r.Version, act, "lagi", rnd)
			wantCode(t, err, aduan.ETRANSITION, "err.report.frozen")
		}
		for _, q := range []string{`UPDATE reports SET narrative = 'x' WHERE id = $1`, `UPDATE report_versions SET narrative = 'x' WHERE report_id = $1`,
			`UPDATE report_files SET sha256 = 'x' WHERE report_id = $1`, `DELETE FROM report_versions WHERE report_id = $1`, `DELETE FROM reports WHERE id = $1`} {
			if _, err := st.DB().ExecContext(ctx, q, r.ID); err == nil {
				t.Errorf("%s: the database let a frozen report change", q)
			}
		}

		pdf, err := st.Reports().ReportFile(ctx, f.ppid, r.ID, "pdf")
		check(t, err)
		xlsx, err := st.Reports().ReportFile(ctx, f.ka, r.ID, "xlsx")
		check(t, err)
		canon, err := st.Reports().ReportFile(ctx, f.ko, r.ID, "json")
		check(t, err)
		if report.HashBytes(canon) != r.ContentHash {
			t.Error("the canonical JSON does not hash to the content hash")
		}
		// Later changes to the data do not alter the report.
		f.clk.Set(wib(2026, 11, 30, 15, 0))
		f.create(t, "after", f.op2, aduan.ChannelSMS, "SAMPAH", "32.76.01.1006", "081200000098")
		again, err := st.Reports().Report(ctx, f.ka, r.ID)
		check(t, err)
		if !bytes.Equal(again.Current().Data, r.Current().Data) || volume(t, again.Current().Data) != 7 {
			t.Error("the frozen figures changed with the data")
		}
		pdf2, _ := st.Reports().ReportFile(ctx, f.ka, r.ID, "pdf")
		if !bytes.Equal(pdf, pdf2) {
			t.Error("the stored PDF changed")
		}

		// Verification: each copy matches, by file or by the printed code;
		// a tampered copy matches nothing.
		for format, body := range map[string][]byte{"pdf": pdf, "xlsx": xlsx, "json": canon} {
			m, err := st.Reports().VerifyReport(ctx, report.HashBytes(body))
			check(t, err)
			if m.Report.ID != r.ID || m.Format != format {
				t.Errorf("%s verified as report %d %s", format, m.Report.ID, m.Format)
			}
		}
		if m, err := st.Reports().VerifyReport(ctx, r.ContentHash); err != nil || m.Report.ID != r.ID {
			t.Errorf("the printed code does not verify: %v", err)
		}
		tampered := append([]byte(nil), pdf...)
		tampered[len(tampered)/2] ^= 0x01
		_, err = st.Reports().VerifyReport(ctx, report.HashBytes(tampered))
		wantCode(t, err, aduan.ENOTFOUND, "err.report.no_match")
		_, err = st.Reports().VerifyReport(ctx, "not-a-hash")
		wantCode(t, err, aduan.EINVALID, "")
	})
}

// TestDailyReports: an operator writes their own daily report, which is
// final once submitted; others see it only as their role allows; late and
// missing reports are listed.
func TestDailyReports(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		st, rnd := f.st, renderer(t, f.st)
		f.clk.Set(wib(2026, 11, 3, 9, 0)) // before the 09.30 deadline of 2 November (07.30 + 2 office hours)
		r, err := st.Reports().CreateReport(ctx, f.op1, report.NewReport{Kind: report.Daily, Day: "2026-11-02", Narrative: "Satu laporan jalan rusak diteruskan."})
		check(t, err)
		if r.DueAt == nil || !r.DueAt.Equal(wib(2026, 11, 3, 9, 30)) {
			t.Fatalf("due %v", r.DueAt)
		}
		_, err = st.Reports().CreateReport(ctx, f.op1, report.NewReport{Kind: report.Daily, Day: "2026-11-02"})
		wantCode(t, err, aduan.ECONFLICT, "err.report.daily_exists")
		_, err = st.Reports().CreateReport(ctx, f.op1, report.NewReport{Kind: report.Daily, Day: "2026-11-31"})
		wantCode(t, err, aduan.EINVALID, "")
		// Another operator sees neither the report nor its figures.
		_, err = st.Reports().Report(ctx, f.op2, r.ID)
		wantCode(t, err, aduan.ENOTFOUND, "")
		_, err = st.Reports().DailyData(ctx, f.op2, f.op1.UserID, "2026-11-02")
		wantCode(t, err, aduan.EFORBIDDEN, "")
		_, err = st.Reports().ReportAction(ctx, f.op2, r.ID, r.Version, report.ActionSubmit, "", rnd)
		wantCode(t, err, aduan.ENOTFOUND, "")
		if _, err := st.Reports().Report(ctx, f.ko, r.ID); err != nil {
			t.Errorf("the coordinator cannot open a draft daily report: %v", err)
		}
		_, err = st.Reports().Report(ctx, f.ka, r.ID)
		wantCode(t, err, aduan.ENOTFOUND, "") // a draft is not handed over yet

		f.clk.Add(10 * time.Minute)
		r, err = st.Reports().ReportAction(ctx, f.op1, r.ID, r.Version, report.ActionSubmit, "", rnd)
		check(t, err)
		if r.Status != report.StatusSubmitted || !r.Frozen() || r.ContentHash == "" || r.History[0].Outcome != report.OutcomeFinal {
			t.Fatalf("after submit: %+v", r)
		}
		if ev := r.Events[0]; ev.Step != aduan.StepDailyReport || !*ev.Met {
			t.Errorf("step 11 event: %+v", ev)
		}
		_, err = st.Reports().EditReport(ctx, f.op1, r.ID, r.Version, "ubah")
		wantCode(t, err, aduan.ETRANSITION, "err.report.frozen")
		_, err = st.Reports().ReportAction(ctx, f.ka, r.ID, r.Version, report.ActionParaf, "", rnd)
		wantCode(t, err, aduan.ETRANSITION, "err.report.frozen")
		if _, err := st.Reports().Report(ctx, f.ka, r.ID); err != nil {
			t.Errorf("the section head cannot open a submitted daily report: %v", err)
		}
		pdf, err := st.Reports().ReportFile(ctx, f.ko, r.ID, "pdf")
		check(t, err)
		if m, err := st.Reports().VerifyReport(ctx, report.HashBytes(pdf)); err != nil || m.Report.ID != r.ID {
			t.Errorf("daily PDF does not verify: %v", err)
		}

		// Budi submits his late; nobody wrote 3 November.
		f.clk.Set(wib(2026, 11, 3, 14, 0))
		b, err := st.Reports().CreateReport(ctx, f.op2, report.NewReport{Kind: report.Daily, Day: "2026-11-02"})
		check(t, err)
		b, err = st.Reports().ReportAction(ctx, f.op2, b.ID, b.Version, report.ActionSubmit, "", rnd)
		check(t, err)
		if ev := b.Events[0]; *ev.Met {
			t.Errorf("a late daily report met its standard: %+v", ev)
		}
		f.clk.Set(wib(2026, 11, 5, 12, 0))
		lines, err := st.Reports().DailyReportStatus(ctx, f.ko, wib(2026, 11, 2, 0, 0), wib(2026, 11, 6, 0, 0))
		check(t, err)
		got := map[string]report.DailyStatus{}
		for _, l := range lines {
			got[l.OperatorName+" "+l.Day] = l.State
		}
		want := map[string]report.DailyStatus{
			"Siti Operator 2026-11-02": report.DailyOnTime, "Budi Operator 2026-11-02": report.DailyLate,
			"Siti Operator 2026-11-03": report.DailyMissing, "Budi Operator 2026-11-04": report.DailyMissing,
			"Siti Operator 2026-11-05": report.DailyPending,
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: %q, want %q", k, got[k], v)
			}
		}
		// An operator's list holds only their own lines.
		own, err := st.Reports().DailyReportStatus(ctx, f.op2, wib(2026, 11, 2, 0, 0), wib(2026, 11, 6, 0, 0))
		check(t, err)
		for _, l := range own {
			if l.OperatorID != f.op2.UserID {
				t.Errorf("operator 2 sees %s's line", l.OperatorName)
			}
		}
		list, _, err := st.Reports().Reports(ctx, f.op2, store.ReportFilter{})
		check(t, err)
		if len(list) != 1 || list[0].OwnerID != f.op2.UserID {
			t.Errorf("operator 2 lists %d reports", len(list))
		}
		list, _, err = st.Reports().Reports(ctx, f.ko, store.ReportFilter{Kind: report.Daily})
		check(t, err)
		if len(list) != 2 {
			t.Errorf("the coordinator lists %d daily reports", len(list))
		}
		// One a page: newest first, the cursor leads to the other, then ends.
		p1, next, err := st.Reports().Reports(ctx, f.ko, store.ReportFilter{Kind: report.Daily, Limit: 1})
		check(t, err)
		if len(p1) != 1 || p1[0].ID != b.ID || next != b.ID {
			t.Fatalf("first page: %d reports, next %d", len(p1), next)
		}
		p2, next, err := st.Reports().Reports(ctx, f.ko, store.ReportFilter{Kind: report.Daily, Limit: 1, Before: next})
		check(t, err)
		if len(p2) != 1 || p2[0].ID != r.ID || next != 0 {
			t.Errorf("second page: %d reports, next %d", len(p2), next)
		}
	})
}

// TestRunningMonthNeverInitialled: a monthly report whose period has not
// ended cannot be initialled, even if it was somehow handed over (e.g. a
// report submitted before this rule); from the period's end it can.
func TestRunningMonthNeverInitialled(t *testing.T) {
	sc := aduan.NewStandardClock(nil, aduan.NewCalendar(nil))
	kasi := aduan.Actor{UserID: 9, Name: "Agus Kasi", Role: aduan.RoleKasiKabid}
	r := report.Report{Kind: report.Monthly, Status: report.StatusSubmitted, OwnerID: 2, Versions: 1,
		From: wib(2026, 12, 1, 0, 0), To: wib(2027, 1, 1, 0, 0), CreatedAt: wib(2026, 12, 20, 9, 0),
		History: []report.Version{{Seq: 1}}}
	before := r
	_, err := report.Apply(&r, kasi, report.ActionParaf, "", wib(2026, 12, 31, 15, 0), sc, 5)
	wantCode(t, err, aduan.ETRANSITION, "err.report.period_running")
	if r.Status != before.Status || r.ParafAt != nil {
		t.Fatalf("a refused paraf changed the report: %+v", r)
	}
	if _, err := report.Apply(&r, kasi, report.ActionParaf, "", wib(2027, 1, 1, 0, 0), sc, 5); err != nil {
		t.Fatalf("the paraf at the period's end: %v", err)
	}
}
