package web

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

type dashData struct {
	D *store.Dashboard
	// Lapor is this month's SP4N-LAPOR! reports against LAPOR!'s deadlines
	// (pages_lapor.go), shown apart.
	Lapor store.LaporCompliance
	// HolidayYear is a year whose holiday table is missing and matters
	// now (this year, or from October the next), for a warning.
	HolidayYear int
	CanFixYear  bool
	Agency      string
	ByStatus    []BarItem
	ByAgency    []BarItem
	Steps       []BarItem
	Operators   []BarItem
	Agencies    []BarItem
	DayLabels   []string
	DayValues   []float64
	MonthName   string
	ComplAll    float64
	ComplTotal  int64
	ChannelText []BarItem
	// The citizens' survey (1–5) about this month's complaints, by the
	// monthly report's rule, and how the answers spread over the scores.
	Sat     report.Satisfaction
	SatBars []BarItem
	// Overdue is one page of the late complaints, the latest first
	// (the queue's urgency order), from OverdueFrom; OverdueNext and
	// OverduePrev are the offsets of the pages around it (-1: none).
	Overdue                  []*aduan.Complaint
	OverdueFrom              int
	OverdueNext, OverduePrev int
	// AwaitParaf lists the monthly reports submitted and waiting for the
	// reader's paraf (the Kasi's; empty for everyone else).
	AwaitParaf []*report.Report
	// Review counts the messages whose send was cut short and waits for a
	// person (ShowReview: the user can act on that list).
	Review     int64
	ShowReview bool
	// ReviewRows are the longest-waiting of them, each with why the
	// service could not settle it and the retry.
	ReviewRows []msgRow
}

func complianceBars(lang i18n.Lang, cs []store.Compliance, labelKey string) []BarItem {
	var out []BarItem
	for _, c := range cs {
		label := c.Label
		if labelKey != "" {
			label = i18n.T(lang, labelKey+c.Key)
		}
		cls := "ok"
		switch r := c.Rate(); {
		case r < 0.5:
			cls = "bad"
		case r < 0.8:
			cls = "warn"
		}
		// Met of total and the rate as the reports write them: 1.234/1.500 (82,3%).
		text := i18n.Number(lang, c.Met) + "/" + i18n.Number(lang, c.Total) + " (" + i18n.Percent(lang, c.Rate()*100) + ")"
		out = append(out, BarItem{Label: label, Value: c.Rate() * 100, Text: text, Class: cls})
	}
	return out
}

// dashReviewRows is how many sends under review the dashboard lists; the
// tile links to all of them.
const dashReviewRows = 10

// Dashboard shows the coordinator and section head whether the city keeps
// its standards: volumes, open complaints by step and agency, Mutu Baku
// compliance per step, operator and agency, and what is overdue. Heads of
// agencies see their agency's figures.
func (w *Web) Dashboard(rw http.ResponseWriter, r *http.Request) error {
	actor := actorOf(r)
	lang := langOf(r)
	cityNow, err := w.cityNow(r)
	if err != nil {
		return err
	}
	now := cityNow
	dash, err := w.Stores.Reports.DashboardFor(r.Context(), actor, now)
	if err != nil {
		return err
	}
	monthStart := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, now.Location())
	sat, err := w.Stores.Reports.SatisfactionFor(r.Context(), actor, monthStart, monthStart.AddDate(0, 1, 0))
	if err != nil {
		return err
	}
	d := newDashData(lang, now, dash, sat)
	if err := w.dashOverdue(r, actor, d); err != nil {
		return err
	}
	if actor.Role == aduan.RoleKasiKabid {
		// Both reports the kasi initials: the call center's monthly
		// report and the PPID's annual one.
		for _, kind := range []report.Kind{report.Monthly, report.Annual} {
			waiting, _, err := w.Stores.Reports.Reports(r.Context(), actor, store.ReportFilter{Kind: kind, Status: report.StatusSubmitted, Limit: 20})
			if err != nil {
				return err
			}
			d.AwaitParaf = append(d.AwaitParaf, waiting...)
		}
	}
	if d.HolidayYear, err = w.Stores.Reports.HolidayWarning(r.Context()); err != nil {
		return err
	}
	d.CanFixYear = actor.Can(aduan.PermStandardsEdit)
	if d.Lapor, err = w.laporMonth(r, now); err != nil {
		return err
	}
	if store.CanListMessages(actor) {
		if d.Review, err = w.Stores.Messages.ReviewCount(r.Context(), actor); err != nil {
			return err
		}
		d.ShowReview = true
		if d.Review > 0 {
			// Neither address nor text: the list says which complaint and
			// why, the complaint's page the rest.
			list, err := w.Stores.Messages.ReviewList(r.Context(), actor, dashReviewRows)
			if err != nil {
				return err
			}
			d.ReviewRows = w.msgRows(lang, list, false)
		}
	}
	if actor.Role.AgencyBound() {
		if a, err := w.Stores.RefData.Agency(r.Context(), actor.AgencyID); err == nil {
			d.Agency = a.Name
		}
	}
	return w.render(rw, r, http.StatusOK, "dashboard", &Page{Title: i18n.T(lang, "web.nav.dashboard"), Data: d})
}

// overduePage is how many late complaints the dashboard lists at a time.
const overduePage = 20

// dashOverdue reads the page of late complaints the request asks for
// (?late=offset), the most late first: the list goes on past the first
// page instead of stopping there.
func (w *Web) dashOverdue(r *http.Request, actor aduan.Actor, d *dashData) error {
	from, _ := strconv.Atoi(r.URL.Query().Get("late"))
	from = min(max(from, 0), 1_000_000)
	list, next, err := w.Stores.Complaints.ListComplaintsByUrgency(r.Context(), actor, aduan.ComplaintFilter{Overdue: true, Open: &[]bool{true}[0], Limit: overduePage, Offset: from})
	if err != nil {
		return err
	}
	d.Overdue, d.OverdueFrom, d.OverdueNext, d.OverduePrev = list, from, -1, -1
	if next > 0 {
		d.OverdueNext = next
	}
	if from > 0 {
		d.OverduePrev = max(from-overduePage, 0)
	}
	return nil
}

// newDashData lays the dashboard's figures out for the page in lang.
func newDashData(lang i18n.Lang, now time.Time, dash *store.Dashboard, sat report.Satisfaction) *dashData {
	d := &dashData{D: dash, MonthName: i18n.Date(lang, now), Sat: sat}
	for _, c := range dash.OpenByStatus {
		d.ByStatus = append(d.ByStatus, BarItem{Label: i18n.T(lang, "status."+c.Key), Value: float64(c.N), Href: "/queue?status=" + c.Key})
	}
	// An agency's bar is its open complaints, labelled with how many are
	// late, and leads to the queue showing just those.
	for _, a := range dash.OpenByAgency {
		it := BarItem{Label: a.Name, Value: float64(a.Open), Href: "/queue?status=open&agency=" + strconv.FormatInt(a.ID, 10),
			Text: i18n.T(lang, "kasi.dash.open_late", i18n.Number(lang, a.Open), i18n.Number(lang, a.Late))}
		if a.Late > 0 {
			it.Class = "bad"
		}
		d.ByAgency = append(d.ByAgency, it)
	}
	for _, c := range dash.TodayByChannel {
		d.ChannelText = append(d.ChannelText, BarItem{Label: i18n.T(lang, "channel."+c.Key), Value: float64(c.N)})
	}
	d.Steps = complianceBars(lang, dash.StepCompliance, "step.")
	d.Operators = complianceBars(lang, dash.OperatorCompliance, "")
	d.Agencies = complianceBars(lang, dash.AgencyCompliance, "")
	for i, c := range dash.AgencyCompliance {
		d.Agencies[i].Href = "/queue?status=open&agency=" + c.Key
	}
	var met int64
	for _, c := range dash.StepCompliance {
		met += c.Met
		d.ComplTotal += c.Total
	}
	if d.ComplTotal > 0 {
		d.ComplAll = float64(met) / float64(d.ComplTotal)
	}
	if d.Sat.Collected {
		for i := 4; i >= 0; i-- {
			n := d.Sat.Distribution[i]
			d.SatBars = append(d.SatBars, BarItem{Label: i18n.T(lang, "rep.web.sat_score", i+1), Value: float64(n), Text: i18n.Number(lang, int64(n))})
		}
	}
	// Every day of the month so far gets a column, quiet days too (now is
	// in the city's zone).
	wn := now
	byDay := map[string]int64{}
	for _, c := range dash.MonthByDay {
		byDay[c.Key] = c.N
	}
	for day := 1; day <= wn.Day(); day++ {
		key := fmt.Sprintf("%04d-%02d-%02d", wn.Year(), wn.Month(), day)
		d.DayLabels = append(d.DayLabels, strconv.Itoa(day))
		d.DayValues = append(d.DayValues, float64(byDay[key]))
	}
	return d
}
