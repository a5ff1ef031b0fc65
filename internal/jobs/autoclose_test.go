package jobs_test

import (
	"strings"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/jobs"
	"github.com/kotakita/aduan/internal/store"
)

// TestAutoCloseWithoutReply: a complaint answered by the call center
// closes by itself after 10 working days without a reply, with a notice to
// the citizen by SMS, in the close's transaction; one the citizen replied
// to stays open; and a reply after the close reopens it.
func TestAutoCloseWithoutReply(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)
		// The real clock at any hour: a 24/7 office counts days.
		if err := f.st.RefData().SaveWorkTime(ctx, f.koord, &store.WorkTime{Office: "24/7"}); err != nil {
			t.Fatal(err)
		}
		answered := func(phone string) (*aduan.Complaint, map[string]*rivertype.JobRow) {
			c := f.complaint(t, phone, "")
			c = f.act(t, f.op, c, aduan.ActionAnswer, aduan.ActionInput{Answer: "PBB dapat dibayar di bank BJB atau melalui aplikasi."})
			return c, f.slaJobs(t, c.ID)
		}
		c, js := answered("081211114444")
		job := js["/auto_close"]
		if job == nil {
			t.Fatalf("no close scheduled: %v", js)
		}
		if d := time.Until(job.ScheduledAt); d < 9*24*time.Hour || d > 11*24*time.Hour {
			t.Errorf("close scheduled in %s, want about 10 days (working days of a 24/7 office)", d)
		}
		if err := f.st.RefData().SetSettings(ctx, f.adm, map[string]string{"auto_close_days": "0"}); aduan.ErrorCode(err) != aduan.EINVALID {
			t.Errorf("0 working days accepted: %v", err)
		}

		// The citizen replied to this one: it stays open.
		replied, js2 := answered("081211115555")
		f.receive(t, sms("+6281211115555", "Tapi aplikasinya error terus, bagaimana?", "r-1"))

		f.clock.Add(11 * 24 * time.Hour)
		f.runNow(t, job)
		got, err := f.st.Complaints().Complaint(ctx, aduan.System, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != aduan.StatusClosed {
			t.Fatalf("after 10 working days without a reply: %s", got.Status)
		}
		evs, _ := f.st.Complaints().Events(ctx, aduan.System, c.ID)
		if last := evs[len(evs)-1]; last.Action != aduan.ActionClose || last.ActorID != 0 || !strings.Contains(last.Details["note"], "10 hari kerja") {
			t.Errorf("close event %+v", last)
		}
		eventually(t, "notice sent", func() bool {
			for _, m := range f.messages(t, got) {
				if m.Purpose == jobs.PurposeAutoClose && m.Channel == channel.SMS && m.To == "+6281211114444" && m.Status == channel.StatusSent &&
					strings.Contains(m.Body, "kami tutup") && strings.Contains(m.Body, "menyebut nomor "+c.Number) {
					return true
				}
			}
			return false
		})
		f.runNow(t, js2["/auto_close"])
		if r, _ := f.st.Complaints().Complaint(ctx, aduan.System, replied.ID); r.Status != aduan.StatusAnswered {
			t.Errorf("a complaint the citizen replied to was closed: %s", r.Status)
		}

		// A reply after the close reopens it (reply_to_closed = reopen).
		f.receive(t, sms("+6281211114444", c.Number+" maaf, belum bisa bayar, mohon dibantu.", "r-2"))
		if r, _ := f.st.Complaints().Complaint(ctx, aduan.System, c.ID); r.Status != aduan.StatusRecorded {
			t.Errorf("after the citizen's reply to the closed complaint: %s, want recorded (reopened)", r.Status)
		}
	})
}
