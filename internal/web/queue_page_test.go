package web

import (
	"html/template"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
)

// TestQueuePageAsTheTemplateWrote: the queue page's form, its table's
// header and its paging written in Go are the bytes html/template wrote
// from the markup queue.html had (kept in testdata/queue_page.html), for
// every filter the form keeps (each status, channel, agency, category,
// kecamatan and sort chosen, text with characters html/template escapes),
// a message about bad filters, a next page and none, rows and none, for
// call-center, agency and other roles, in both languages.
func TestQueuePageAsTheTemplateWrote(t *testing.T) {
	pages, err := (&Web{}).templates()
	if err != nil {
		t.Fatal(err)
	}
	layout, err := os.ReadFile("templates/layout.html")
	if err != nil {
		t.Fatal(err)
	}
	refBody, err := os.ReadFile("testdata/queue_page.html")
	if err != nil {
		t.Fatal(err)
	}
	ref := template.Must(template.Must(template.New("layout").Funcs(funcs).Parse(string(layout))).Parse(string(refBody)))

	agencies := []aduan.Agency{{ID: 1, ShortName: "DPUPR"}, {ID: 2, ShortName: "D'LHK & <Co>"}, {ID: 12, ShortName: "Dishub"}}
	categories := []aduan.Category{{ID: 3, Name: "Jalan Rusak"}, {ID: 4, Name: "Lampu PJU & Taman yang sangat panjang namanya"}}
	kecamatan := []aduan.Kecamatan{{Code: "32.76.01", Name: "Beji"}, {Code: "32.76.05", Name: "Sukma\"jaya"}}
	dl := time.Date(2026, 11, 27, 9, 35, 0, 0, time.UTC)
	items := []*aduan.Complaint{
		{ID: 7, Number: "ADU-2026-000007", Status: aduan.StatusForwarded, Channel: aduan.ChannelPhone, Priority: aduan.Priorities[0],
			Text: "Jalan berlubang <besar> & dalam", ReceivedAt: dl.Add(-time.Hour), CategoryName: "Jalan Rusak", AgencyName: "DPUPR",
			Clock: aduan.Clock{Step: "agency_answer", StartedAt: dl.Add(-time.Hour), Deadline: &dl}},
	}
	queries := []url.Values{{}, {"q": {`lampu "PJU" <mati> & 'gelap' + ½`}}, {"priority": {"darurat"}, "from": {"2026-11-01"}, "to": {"2026-11-30"}},
		{"priority": {"tinggi"}}, {"from": {`"><script>`}}}
	for _, s := range append([]string{"open", "overdue", "all", "bogus,open"}, func() (s []string) {
		for _, x := range aduan.Statuses {
			s = append(s, string(x))
		}
		return s
	}()...) {
		queries = append(queries, url.Values{"status": {s}})
	}
	for _, c := range append([]string{"nope"}, func() (s []string) {
		for _, x := range aduan.Channels {
			s = append(s, string(x))
		}
		return s
	}()...) {
		queries = append(queries, url.Values{"channel": {c}})
	}
	for _, s := range []string{"new", "due", "-due", "number", "-number", "priority", "received", "-received", "category", "-category", "agency", "-agency", "bogus"} {
		queries = append(queries, url.Values{"sort": {s}, "status": {"all"}})
	}
	for _, a := range []string{"1", "2", "12", "99"} {
		queries = append(queries, url.Values{"agency": {a}, "category": {"4"}, "kecamatan": {"32.76.05"}})
	}
	users := []*aduan.User{{Name: "Op", Role: aduan.RoleOperatorCC}, {Name: "PD", Role: aduan.RoleOperatorPD, AgencyID: 1}, {Name: "Adm", Role: aduan.RoleAdmin}}
	compared := 0
	for _, lang := range []i18n.Lang{i18n.ID, i18n.EN} {
		for _, u := range users {
			actor := aduan.Actor{UserID: 1, Role: aduan.RoleOperatorCC}
			if u != nil {
				actor = aduan.Actor{UserID: 2, Role: u.Role, AgencyID: u.AgencyID}
			}
			for i, q := range queries {
				d := &queueData{Q: q, Statuses: aduan.Statuses, Channels: aduan.Channels, Agencies: agencies, Categories: categories,
					Kecamatan: kecamatan, Actor: actor, MaxID: int64(i * 1000)}
				d.Self = "/queue?" + q.Encode() + "&view=req-" + url.QueryEscape(q.Get("q"))
				d.Refresh = "/queue?" + q.Encode()
				switch i % 4 {
				case 0:
					d.Items, d.Next = items, "?offset=50&"+q.Encode()
				case 1:
					d.Error = i18n.T(lang, "err.bad_param", `status, "<sort>" & 'x'`)
				case 2:
					// Links html/template refuses or percent-encodes.
					d.Items, d.Next, d.Refresh = items, "javascript:alert(1)", "/queue?q=a b\"c<d>é"
				}
				for _, name := range []string{"content", "fragment:queue-rows"} {
					p := &Page{Lang: lang, User: u, Data: d, Now: dl}
					var got, want strings.Builder
					if err := pages["queue"].ExecuteTemplate(&got, name, p); err != nil {
						t.Fatal(err)
					}
					if err := ref.ExecuteTemplate(&want, name, p); err != nil {
						t.Fatal(err)
					}
					if got.String() != want.String() {
						t.Fatalf("%s, %v, %v, %s:\n%s", lang, u, q, name, firstDiff(got.String(), want.String()))
					}
					compared++
				}
			}
		}
	}
	if compared < 100 {
		t.Fatalf("only %d pages compared", compared)
	}
}
