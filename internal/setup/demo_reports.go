package setup

import (
	"context"
	"fmt"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/reportsvc"
)

// demoPublicURL is the verification address the demo's final reports
// print: a final document is refused while public_base_url is a loopback
// address (a demo's default), so the seed sets it for its reports only.
const demoPublicURL = "https://aduan.depok.go.id"

// reportsDemo makes the last whole month's monthly report final, then
// corrects it through the same steps the office takes (issue 15): the
// coordinator submits, the Kasi initials; a late-recorded complaint is
// found, the coordinator makes a correction, the Kasi initials it, and the
// old report is marked superseded. Both stay and both verify.
func (g *demoGen) reportsDemo(ctx context.Context) (err error) {
	defer func() {
		if err != nil {
			err = fmt.Errorf("demo reports: %w", err)
		}
	}()
	loc := aduan.WIB
	// The month before the one three days ago: it has ended, and its
	// report was due at the start of the next.
	ref := g.o.Now.In(loc).AddDate(0, 0, -3)
	from := time.Date(ref.Year(), ref.Month(), 1, 0, 0, 0, 0, loc).AddDate(0, -1, 0)
	month := from.Format("2006-01")
	next := from.AddDate(0, 1, 0)
	if !g.o.Now.After(next.Add(3 * 24 * time.Hour)) {
		return nil // too early in the month for the story
	}
	stored, err := g.st.RefData().Settings(ctx)
	if err != nil {
		return err
	}
	if old := stored["public_base_url"]; old == "" || old != demoPublicURL {
		if err := g.st.RefData().SetSettings(ctx, aduan.System, map[string]string{"public_base_url": demoPublicURL}); err != nil {
			return err
		}
		defer func() {
			if old == "" {
				old = aduan.DefaultSettings()["public_base_url"]
			}
			if rerr := g.st.RefData().SetSettings(ctx, aduan.System, map[string]string{"public_base_url": old}); rerr != nil && err == nil {
				err = rerr
			}
		}()
	}
	at := func(t time.Time) { g.st.Now = func() time.Time { return t } }
	svc := &reportsvc.Service{Store: g.st}
	ko, ka := g.actor("koordinator"), g.actor("kasi")
	final := func(r *report.Report, submitAt time.Time) (*report.Report, error) {
		at(submitAt)
		r, err := svc.Act(ctx, ko, r.ID, r.Version, report.ActionSubmit, "")
		if err != nil {
			return nil, err
		}
		at(submitAt.Add(95 * time.Minute))
		return svc.Act(ctx, ka, r.ID, r.Version, report.ActionParaf, "Sudah sesuai.")
	}
	day1 := next.Add(9 * time.Hour)
	at(day1)
	monthName := i18n.MonthYear(i18n.ID, from)
	old, err := g.st.Reports().CreateReport(ctx, ko, report.NewReport{Kind: report.Monthly, Month: month,
		Narrative: "Pengaduan " + monthName + " didominasi jalan rusak dan sampah. Kepatuhan Perangkat Daerah dihitung dalam hari kerja."})
	if err != nil {
		return err
	}
	if old, err = final(old, day1.Add(30*time.Minute)); err != nil {
		return err
	}
	day2 := day1.Add(24 * time.Hour)
	at(day2)
	// An e-mail of the month's last days, found unrecorded after the
	// paraf: recorded now with the time it came, answered and closed.
	came := next.Add(-2*24*time.Hour + 10*time.Hour)
	op := g.actor("operator")
	cz := g.citizens[0]
	c, err := g.st.Complaints().CreateComplaint(ctx, op, aduan.NewComplaint{Channel: aduan.ChannelEmail, ReceivedAt: &came, Citizen: &cz,
		KelurahanCode: cz.KelurahanCode, CategoryID: g.cats[0].ID,
		Text: "Pengaduan lewat surel yang terlewat dicatat: " + g.texts[g.cats[0].Code][0]})
	if err != nil {
		return err
	}
	at(day2.Add(20 * time.Minute))
	if c, _, err = g.st.Complaints().ApplyAction(ctx, op, c.ID, c.Version, aduan.ActionAnswer, aduan.ActionInput{
		Answer: "Terima kasih, pengaduan Anda sudah kami catat dan jawab; mohon maaf atas keterlambatannya."}); err != nil {
		return err
	}
	at(day2.Add(25 * time.Minute))
	if _, _, err = g.st.Complaints().ApplyAction(ctx, op, c.ID, c.Version, aduan.ActionClose, aduan.ActionInput{}); err != nil {
		return err
	}
	at(day2.Add(40 * time.Minute))
	fix, err := g.st.Reports().CreateReport(ctx, ko, report.NewReport{Kind: report.Monthly, Corrects: old.ID,
		Narrative: "Koreksi: satu pengaduan lewat surel yang baru dicatat setelah laporan diparaf kini ikut dihitung; angka lain tidak berubah."})
	if err != nil {
		return err
	}
	_, err = final(fix, day2.Add(time.Hour))
	return err
}
