package web

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/store"
)

// renderPage renders a template of page name (the whole page, layout
// included, for the "layout" template) with p in p.Lang.
func renderPage(t *testing.T, name, tmpl string, p *Page) string {
	t.Helper()
	pages, err := (&Web{}).templates()
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	if err := pages[name].ExecuteTemplate(&b, tmpl, p); err != nil {
		t.Fatalf("%s/%s: %v", name, tmpl, err)
	}
	return b.String()
}

type formatCase struct {
	lang      i18n.Lang
	want, not []string
}

func checkFormats(t *testing.T, what string, render func(i18n.Lang) string, cases []formatCase) {
	t.Helper()
	for _, c := range cases {
		html := render(c.lang)
		for _, s := range c.want {
			if !strings.Contains(html, s) {
				t.Errorf("%s in %s lacks %q", what, c.lang, s)
			}
		}
		for _, s := range c.not {
			if strings.Contains(html, s) {
				t.Errorf("%s in %s has %q", what, c.lang, s)
			}
		}
	}
}

// The dashboard writes every figure the reader's way: the tiles, the
// compliance tile and its count, the bars' values (counts and met/total
// with the rate) and the per-day chart's labels: thousands grouped with a
// dot and a decimal comma in Indonesian (1.234; 87,5%), the English
// separators in English; never Go's own formatting (1234, 87.5% or a
// rounded 88% in Indonesian).
func TestDashboardFormatsFiguresPerLanguage(t *testing.T) {
	now := time.Date(2026, 11, 27, 7, 5, 0, 0, time.UTC) // 14.05 WIB
	dash := &store.Dashboard{Today: 1234, Month: 23456, OpenAll: 4321, OverdueTotal: 1001,
		OpenByStatus:   []store.Count{{Key: "forwarded", N: 1500}},
		OpenByAgency:   []store.AgencyLoad{{ID: 3, Name: "DPUPR", Open: 2750, Late: 1200}},
		TodayByChannel: []store.Count{{Key: "telepon", N: 1100}},
		MonthByDay:     []store.Count{{Key: "2026-11-02", N: 1234}, {Key: "2026-11-27", N: 987}},
		// 10.806 of 12.345 steps in time: 87,53…%.
		StepCompliance:     []store.Compliance{{Key: "forward", Met: 9572, Total: 10845}, {Key: "answer", Met: 1234, Total: 1500}},
		OperatorCompliance: []store.Compliance{{Label: "Siti", Met: 1234, Total: 1500}},
	}
	sat := report.Satisfaction{Collected: true, Responses: 1500, Average: 4.456, Distribution: [5]int{10, 20, 70, 400, 1000}}
	render := func(lang i18n.Lang) string {
		return renderPage(t, "dashboard", "content", &Page{Lang: lang, Data: newDashData(lang, now, dash, sat)})
	}
	checkFormats(t, "the dashboard", render, []formatCase{
		{i18n.ID,
			[]string{`<span class="n">1.234</span>`, `<span class="n">23.456</span>`, `<span class="n">4.321</span>`, `<span class="n">1.001</span>`,
				`data-fig="compliance">87,5%<`, "(dari 12.345)", "1.234/1.500 (82,3%)", "9.572/10.845 (88,3%)",
				`class="value">1.500<`, `class="bl-value">2.750 terbuka · 1.200 terlambat<`, `class="value">1.100<`, "4,46", "1.000",
				// The per-day chart: its scale and a day's value.
				`class="label">1.234<`, "2: 1.234</title>", "27: 987</title>"},
			[]string{"1,234", "23456", "87.5%", "88%", "%!", ">1234<", ": 1234<"}},
		{i18n.EN,
			[]string{`<span class="n">1,234</span>`, `<span class="n">23,456</span>`, `data-fig="compliance">87.5%<`, "(of 12,345)",
				"1,234/1,500 (82.3%)", `class="bl-value">2,750 open · 1,200 late<`, "4.46", `class="label">1,234<`, "2: 1,234</title>"},
			[]string{"1.234", "87,5%", "82,3%", "%!"}},
	})
}

// The desk's suggestion panel writes the routing model's size grouped and
// its confidences and similarities as percentages through the locale.
func TestDeskPanelFormatsFiguresPerLanguage(t *testing.T) {
	trained := time.Date(2026, 11, 27, 7, 5, 0, 0, time.UTC)
	d := &deskData{F: intakeForm{Text: "lampu mati"},
		Routing: &RoutingView{Categories: []ChoiceView{{ID: 1, Name: "Penerangan jalan", Confidence: 0.876, Step: 9}},
			Agencies: []ChoiceView{{ID: 2, Name: "DISHUB", Confidence: 0.5, Step: 5}}, TrainedAt: trained, Examples: 12345},
		Similar: []SimilarView{{C: &aduan.Complaint{ID: 9, Number: "ADU-2026-000009", Status: aduan.StatusForwarded, ReceivedAt: trained}, Score: 0.456}}}
	render := func(lang i18n.Lang) string {
		return renderPage(t, "desk", "panel", &Page{Lang: lang, Data: d})
	}
	checkFormats(t, "the desk's panel", render, []formatCase{
		{i18n.ID, []string{`<span class="pct">88%</span>`, `<span class="pct">50%</span>`, "Dipelajari dari 12.345 pengaduan", "27 November 2026 14.05 WIB", "kemiripan 46%"},
			[]string{"12345", "%!"}},
		{i18n.EN, []string{`<span class="pct">88%</span>`, "Learned from 12,345 finished", "27 November 2026 14:05 WIB", "similarity 46%"},
			[]string{"12345", "12.345", "%!"}},
	})
}

// Times of day in lists follow DateTime: WIB, 14.05 in Indonesian, 14:05 in
// English (the queue's received column and the countdown's deadline), and
// the bell's count is grouped.
func TestListTimesAndCountsPerLanguage(t *testing.T) {
	received := time.Date(2026, 11, 27, 7, 5, 0, 0, time.UTC)  // 14.05 WIB
	deadline := time.Date(2026, 11, 27, 9, 35, 0, 0, time.UTC) // 16.35 WIB
	c := &aduan.Complaint{ID: 1, Number: "ADU-2026-000001", Status: aduan.StatusForwarded, Channel: aduan.ChannelPhone, ReceivedAt: received,
		Clock: aduan.Clock{Step: "agency_answer", StartedAt: received, Deadline: &deadline}}
	d := &queueData{Items: []*aduan.Complaint{c}, Q: url.Values{}, Actor: aduan.Actor{UserID: 1, Role: aduan.RoleOperatorCC}}
	rows := func(lang i18n.Lang) string {
		return renderPage(t, "queue", "fragment:queue-rows", &Page{Lang: lang, Now: received, Data: d})
	}
	checkFormats(t, "the queue", rows, []formatCase{
		{i18n.ID, []string{"<td>27/11 14.05</td>", ">batas 16.35, sisa 2 jam 30 menit</time>", "27 November 2026 16.35 WIB"}, []string{"27/11 14:05", ">16:35<", "16:35 WIB"}},
		{i18n.EN, []string{"<td>27/11 14:05</td>", ">due 16:35, 2 hours 30 minutes left</time>", "27 November 2026 16:35 WIB"}, []string{"14.05", "16.35"}},
	})
	layout := func(lang i18n.Lang) string {
		return renderPage(t, "notifications", "layout", &Page{Lang: lang, Now: received, Unread: 1234,
			User: &aduan.User{Name: "Siti", Role: aduan.RoleOperatorCC}, Data: map[string]any{}})
	}
	checkFormats(t, "the layout", layout, []formatCase{
		{i18n.ID, []string{`id="unread">1.234<`, "27 November 2026 14.05 WIB"}, nil},
		{i18n.EN, []string{`id="unread">1,234<`, "27 November 2026 14:05 WIB"}, nil},
	})
}
