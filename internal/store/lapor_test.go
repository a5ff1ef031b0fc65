package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/lapor"
	"github.com/kotakita/aduan/internal/store"
)

// TestLaporRegisterImportDeadlinesFollowUps, on both databases: a LAPOR!
// report registered by its tracking ID (pasted with its #) and another
// imported from a CSV export through a custom column mapping both become
// complaints of the lapor channel, timed on LAPOR!'s deadlines on the
// working-day calendar (a Thursday's report is due to be sent on by
// Tuesday, the weekend skipped); a tracking ID registered twice, by hand
// or in the file, is refused naming the complaint that holds it; the
// steps of the day are listed for LAPOR! with their tracking IDs and
// "tindak lanjut" texts.
func TestLaporRegisterImportDeadlinesFollowUps(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		now := time.Date(2026, 3, 9, 9, 0, 0, 0, aduan.WIB) // Monday
		f.st.Now = func() time.Time { return now }
		lp := f.st.Lapor()

		thursday := time.Date(2026, 3, 5, 10, 0, 0, 0, aduan.WIB)
		c, err := lp.Register(ctx, f.op, lapor.Intake{TrackingID: " #7654321", Category: "Perhubungan > Parkir Liar",
			Text: "Parkir liar di trotoar depan Stasiun Depok Baru setiap sore.", Name: "Rina", Dispositioned: thursday}, "manual")
		if err != nil {
			t.Fatal(err)
		}
		var parkir int64
		cats, _ := f.st.RefData().Categories(ctx)
		for _, k := range cats {
			if k.Code == "PARKIR_LIAR" {
				parkir = k.ID
			}
		}
		if c.Channel != aduan.ChannelLapor || c.CategoryID != parkir || !c.ReceivedAt.Equal(thursday) {
			t.Errorf("registered: channel %s, category %d (want %d), received %v", c.Channel, c.CategoryID, parkir, c.ReceivedAt)
		}
		r, err := lp.ByTrackingID(ctx, f.op, "7654321")
		if err != nil || r.Number != c.Number || r.Category != "PERHUBUNGAN > PARKIR LIAR" {
			t.Fatalf("by tracking ID: %+v, %v", r, err)
		}
		tuesday := time.Date(2026, 3, 10, 0, 0, 0, 0, aduan.WIB)
		if due := r.Deadlines.VerifyDue.In(aduan.WIB); due.Year() != 2026 || due.YearDay() != tuesday.YearDay() {
			t.Errorf("sent on due %v, want Tuesday 10 March", due)
		}
		if r.Deadlines.VerifiedAt != nil || r.Deadlines.VerifyMet(now) != nil {
			t.Errorf("not yet sent on, yet: %+v", r.Deadlines)
		}

		_, err = lp.Register(ctx, f.op, lapor.Intake{TrackingID: "7654321", Text: "Lagi.", Dispositioned: thursday}, "manual")
		if e, ok := aduan.AsError(err); !ok || e.Code != aduan.ECONFLICT || !strings.Contains(i18n.T(i18n.ID, e.Key, e.Args...), c.Number) {
			t.Errorf("a duplicate tracking ID: %v", err)
		}
		if _, err := lp.Register(ctx, f.op, lapor.Intake{TrackingID: "12 34", Text: "x"}, "manual"); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Errorf("a tracking ID with a space: %v", err)
		}

		// The export as this city's LAPOR! admin page gives it: its own
		// headers, ; separated, day-month-year dates.
		mapping, err := lapor.ParseMapping([]byte(`{"tracking_id": "ID Laporan", "text": "Uraian", "category": "Kategori LAPOR",
			"dispositioned_at": "Waktu Disposisi", "name": "Pelapor", "date_layouts": ["02-01-2006 15:04"]}`))
		if err != nil {
			t.Fatal(err)
		}
		csv := "ID Laporan;Uraian;Kategori LAPOR;Waktu Disposisi;Pelapor\n" +
			"8000001;Jalan berlubang di Jl. Margonda dekat halte UI;Pekerjaan Umum dan Penataan Ruang > Jalan Berlubang;06-03-2026 08:15;Anonim\n" +
			"7654321;Parkir liar lagi;Perhubungan;06-03-2026 09:00;Rina\n" +
			"8000002;Sampah menumpuk;Lingkungan Hidup dan Kehutanan;kemarin;Budi\n"
		rows, rowErrs, err := lapor.ParseFile("export.csv", []byte(csv), mapping)
		if err != nil {
			t.Fatal(err)
		}
		res, err := lp.Import(ctx, f.op, "export.csv", rows, rowErrs)
		if err != nil {
			t.Fatal(err)
		}
		byRow := map[int]store.LaporImportResult{}
		for _, x := range res {
			byRow[x.Row] = x
		}
		if byRow[2].Number == "" || byRow[2].Err != nil {
			t.Errorf("row 2 not imported: %+v", byRow[2])
		}
		if e, ok := aduan.AsError(byRow[3].Err); !ok || e.Key != "lapor.err.duplicate" || byRow[3].Number != "" {
			t.Errorf("row 3 (a duplicate) : %+v", byRow[3])
		}
		if e, ok := aduan.AsError(byRow[4].Err); !ok || e.Key != "lapor.err.date" {
			t.Errorf("row 4 (a bad date): %+v", byRow[4])
		}
		imp, err := lp.ByTrackingID(ctx, f.op, "8000001")
		if err != nil || imp.Source != "import:export.csv" || imp.Number != byRow[2].Number {
			t.Fatalf("imported: %+v, %v", imp, err)
		}
		if due := imp.Deadlines.VerifyDue.In(aduan.WIB); due.YearDay() != time.Date(2026, 3, 11, 0, 0, 0, 0, aduan.WIB).YearDay() {
			t.Errorf("a Friday's report is due %v, want Wednesday 11 March", due)
		}

		// Sent on today, answered by the agency: both go back to LAPOR!.
		c, _, err = f.st.Complaints().ApplyAction(ctx, f.op, c.ID, c.Version, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
		if err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Hour)
		c, _, err = f.st.Complaints().ApplyAction(ctx, f.pd, c.ID, c.Version, aduan.ActionAcknowledge, aduan.ActionInput{})
		if err != nil {
			t.Fatal(err)
		}
		c, _, err = f.st.Complaints().ApplyAction(ctx, f.pd, c.ID, c.Version, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Petugas Dishub menertibkan parkir setiap sore mulai 10 Maret."})
		if err != nil {
			t.Fatal(err)
		}
		r, _ = lp.ByTrackingID(ctx, f.op, "7654321")
		if m := r.Deadlines.VerifyMet(now); m == nil || !*m || r.Deadlines.FollowedAt == nil || r.Deadlines.AutoCloseAt == nil {
			t.Errorf("after the answer: %+v", r.Deadlines)
		}
		day := time.Date(2026, 3, 9, 0, 0, 0, 0, aduan.WIB)
		fus, err := lp.FollowUps(ctx, f.op, day, day.AddDate(0, 0, 1), 0)
		if err != nil {
			t.Fatal(err)
		}
		var kinds []string
		for _, fu := range fus {
			if fu.TrackingID != "7654321" || fu.Number != c.Number {
				t.Errorf("a follow-up of another report: %+v", fu)
			}
			kinds = append(kinds, string(fu.Kind))
		}
		if strings.Join(kinds, ",") != "progress,progress,agency_answer" || !strings.Contains(fus[0].Text, f.dpupr.Name) ||
			!strings.Contains(fus[2].Text, "menertibkan parkir") {
			t.Errorf("the day's follow-ups: %+v", fus)
		}
		if all, _ := lp.Reports(ctx, f.op); len(all) != 2 {
			t.Errorf("%d LAPOR! reports listed, want 2", len(all))
		}
	})
}
