package jobs_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/lapor"
	"github.com/kotakita/aduan/internal/store"
)

// TestLaporAutoClose, on both databases, with the store's clock injected:
// a LAPOR! report closes by itself on LAPOR!'s rule, 10 working days of
// the office calendar after its first follow-up (the agency's answer), not
// on the city's auto_close_days counted from the relay; the close is an
// event of the system with LAPOR!'s reason, audited, and the day's
// follow-up list for LAPOR! shows it closed. A report whose reporter
// replied after the follow-up stays open.
func TestLaporAutoClose(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		// The city closes its own answered complaints after 3 working
		// days: LAPOR!'s reports keep LAPOR!'s 10.
		if err := f.st.RefData().SetSettings(ctx, f.adm, map[string]string{"auto_close_days": "3"}); err != nil {
			t.Fatal(err)
		}
		seq := 0
		relayed := func(phone string) (*aduan.Complaint, *store.LaporReport) {
			seq++
			id := "LA-" + strconv.Itoa(int(f.clock.Now().UnixMilli()%1e6)) + "-" + strconv.Itoa(seq)
			c, err := f.st.Lapor().Register(ctx, f.op, lapor.Intake{TrackingID: id, Text: "Lampu PJU mati sepanjang Jl. Juanda, sudah seminggu.",
				Name: "Rudi", Phone: phone}, "manual")
			if err != nil {
				t.Fatal(err)
			}
			c = f.act(t, f.op, c, aduan.ActionForward, aduan.ActionInput{AgencyID: f.dpupr.ID})
			c = f.act(t, f.pd, c, aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Lampu diganti Kamis ini oleh tim PJU."})
			// The call center relays two days later.
			f.clock.Add(48 * time.Hour)
			c = f.act(t, f.op, c, aduan.ActionReceiveAnswer, aduan.ActionInput{})
			c = f.act(t, f.op, c, aduan.ActionRelay, aduan.ActionInput{})
			rep, err := f.st.Lapor().Of(ctx, f.op, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			return c, rep
		}
		c, rep := relayed("081233330001")
		if rep.Deadlines.AutoCloseAt == nil || rep.Deadlines.FollowedAt == nil {
			t.Fatalf("no automatic close date after the follow-up: %+v", rep.Deadlines)
		}
		sc, err := f.st.RefData().StandardClock(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := sc.Office.AddWorkdays(*rep.Deadlines.FollowedAt, 10); !rep.Deadlines.AutoCloseAt.Equal(want) {
			t.Errorf("LAPOR!'s close date %s, want 10 working days after the follow-up, %s", rep.Deadlines.AutoCloseAt, want)
		}
		job := f.slaJobs(t, c.ID)["/auto_close"]
		if job == nil {
			t.Fatalf("no close scheduled for the LAPOR! report")
		}
		// River runs by the real clock: the job is due when the test's
		// clock reaches LAPOR!'s date.
		if got, want := time.Until(job.ScheduledAt), rep.Deadlines.AutoCloseAt.Sub(f.clock.Now()); got-want > time.Minute || want-got > time.Minute {
			t.Errorf("close scheduled in %s, want %s (LAPOR!'s date, not 3 working days after the relay)", got, want)
		}

		replied, _ := relayed("081233330002")
		f.receive(t, sms("+6281233330002", "Lampunya masih mati sampai sekarang.", "lr-1"))

		f.clock.Add(rep.Deadlines.AutoCloseAt.Sub(f.clock.Now()) + time.Minute)
		f.runNow(t, job)
		got, err := f.st.Complaints().Complaint(ctx, aduan.System, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != aduan.StatusClosed {
			t.Fatalf("after LAPOR!'s 10 working days without a reply: %s", got.Status)
		}
		evs, _ := f.st.Complaints().Events(ctx, aduan.System, c.ID)
		last := evs[len(evs)-1]
		if last.Action != aduan.ActionClose || last.ActorID != 0 || !strings.Contains(last.Details["note"], "SP4N-LAPOR!") || !strings.Contains(last.Details["note"], "10 hari kerja") {
			t.Errorf("close event %+v", last)
		}
		audit, err := f.st.Audit(ctx, f.adm, aduan.AuditFilter{Entity: "complaint", EntityID: strconv.FormatInt(c.ID, 10), Action: "complaint.close"})
		if err != nil || len(audit) != 1 {
			t.Errorf("the automatic close is not audited: %v %+v", err, audit)
		}
		day := f.clock.Now().In(aduan.WIB)
		from := time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, aduan.WIB)
		fus, err := f.st.Lapor().FollowUps(ctx, f.op, from, from.AddDate(0, 0, 1), 0)
		if err != nil {
			t.Fatal(err)
		}
		closed := false
		for _, fu := range fus {
			closed = closed || (fu.TrackingID == rep.TrackingID && fu.Kind == lapor.FollowCompletion && strings.Contains(fu.Text, "ditutup karena tidak ada tanggapan pelapor dalam 10 hari kerja"))
		}
		if !closed {
			t.Errorf("the day's follow-ups do not show the report closed: %+v", fus)
		}

		if js := f.slaJobs(t, replied.ID); js["/auto_close"] != nil {
			f.runNow(t, js["/auto_close"])
		}
		if r, _ := f.st.Complaints().Complaint(ctx, aduan.System, replied.ID); r.Status != aduan.StatusRelayed {
			t.Errorf("a LAPOR! report whose reporter replied was closed: %s", r.Status)
		}
	})
}
