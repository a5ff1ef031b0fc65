package web

import (
	"fmt"
	"html/template"
	"math/rand/v2"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
)

// TestQueueRowsAsTheTemplateWrote: the queue's rows written in Go are the
// bytes html/template wrote from the row markup queue.html had (kept in
// testdata/queue_row.html), for a thousand complaints with every status,
// priority, channel and clock, citizens with and without names and
// numbers, texts long and short with characters html/template escapes, in
// both languages, for roles that see identity and content and roles that
// do not.
func TestQueueRowsAsTheTemplateWrote(t *testing.T) {
	w := &Web{}
	pages, err := w.templates()
	if err != nil {
		t.Fatal(err)
	}
	layout, err := os.ReadFile("templates/layout.html")
	if err != nil {
		t.Fatal(err)
	}
	refBody, err := os.ReadFile("testdata/queue_row.html")
	if err != nil {
		t.Fatal(err)
	}
	ref := template.Must(template.Must(template.New("layout").Funcs(funcs).Parse(string(layout))).Parse(string(refBody)))

	rng := rand.New(rand.NewPCG(21, 3))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	texts := []string{
		"Jalan berlubang besar di depan SDN Abadijaya, sudah dua minggu belum diperbaiki.",
		"Lampu PJU mati <3 malam & gelap \"sekali\" di Jl. Margonda + gang 'masjid'",
		strings.Repeat("Sampah menumpuk di pinggir jalan raya Sawangan, bau sekali. ", 3),
		"Air PDAM tidak mengalir 😡 sejak kemarin\x00 mohon dicek",
		"", "Ok", strings.Repeat("é", 95) + " ",
	}
	at := func() time.Time {
		return time.Date(2026, 11, 1+rng.IntN(27), rng.IntN(24), rng.IntN(60), 0, 0, time.UTC)
	}
	var items []*aduan.Complaint
	for i := range 1000 {
		c := &aduan.Complaint{
			ID: int64(i*37 + 1), Number: fmt.Sprintf("ADU-2026-%06d", i*37+1),
			Status: aduan.Statuses[rng.IntN(len(aduan.Statuses))], Channel: aduan.Channels[rng.IntN(len(aduan.Channels))],
			Priority: aduan.Priorities[rng.IntN(len(aduan.Priorities))], Confidentiality: aduan.Confidentialities[rng.IntN(len(aduan.Confidentialities))],
			Text: texts[rng.IntN(len(texts))], ReceivedAt: at(), AgencyID: int64(rng.IntN(3)),
			CategoryName: pick("Jalan Rusak", "Lampu PJU & Taman", "", "Sampah <liar>"), AgencyName: pick("DPUPR", "DISHUB", "", "D'LHK"),
			KelurahanName: pick("Beji", "Pondok Cina", ""), KecamatanName: pick("Beji", "Sukmajaya", ""),
			LaporTrackingID: pick("", "", "9100001", "LAP-<7>"),
		}
		switch rng.IntN(4) {
		case 1:
			c.Citizen = &aduan.Citizen{Name: pick("Ani Suryani", "O'Brien & Co", ""), Phone: aduan.Phone(pick("+6281234567890", "+622129230770", "", "+62812"))}
		case 2:
			c.Citizen = &aduan.Citizen{Name: "Budi <b>", Phone: "+6285111606567"}
		}
		// The chips: a promise's day, a question the agency asked.
		if c.Status == aduan.StatusPromised && rng.IntN(3) > 0 {
			day := time.Date(2026, 12, 1+rng.IntN(20), 0, 0, 0, 0, aduan.WIB)
			c.PromisedBy = &day
		}
		c.Asking = c.Status.AtAgency() && rng.IntN(2) == 0
		start := at()
		switch rng.IntN(4) {
		case 1:
			d := start.Add(time.Duration(rng.IntN(72)) * time.Hour)
			c.Clock = aduan.Clock{Step: "agency_answer", StartedAt: start, Deadline: &d}
		case 2:
			c.Clock = aduan.Clock{Step: "intake", StartedAt: start, PausedSince: &start}
		case 3:
			c.Clock = aduan.Clock{Step: "relay", StartedAt: start}
		}
		items = append(items, c)
	}
	actors := []aduan.Actor{
		{UserID: 1, Role: aduan.RoleOperatorCC}, {UserID: 2, Role: aduan.RoleKasiKabid}, {UserID: 3, Role: aduan.RoleOperatorPD, AgencyID: 1},
		{UserID: 4, Role: aduan.RolePPIDUtama}, {UserID: 5, Role: aduan.RoleAdmin},
	}
	tbody := func(s string) string {
		i, j := strings.Index(s, "<tbody>"), strings.Index(s, "</tbody>")
		if i < 0 || j < i {
			t.Fatalf("no tbody in\n%s", s)
		}
		return strings.TrimSpace(s[i+len("<tbody>") : j])
	}
	rows := 0
	for _, lang := range []i18n.Lang{i18n.ID, i18n.EN} {
		for _, actor := range actors {
			for from := 0; from < len(items); from += 50 {
				d := &queueData{Items: items[from : from+50], Q: url.Values{}, Actor: actor}
				var got, want strings.Builder
				if err := pages["queue"].ExecuteTemplate(&got, "fragment:queue-rows", &Page{Lang: lang, Data: d}); err != nil {
					t.Fatal(err)
				}
				if err := ref.ExecuteTemplate(&want, "ref-rows", &Page{Lang: lang, Data: d}); err != nil {
					t.Fatal(err)
				}
				if g, w := tbody(got.String()), strings.TrimSpace(want.String()); g != w {
					t.Fatalf("%s, %s, rows %d–%d differ:\n%s", lang, actor.Role, from, from+50, firstDiff(g, w))
				}
				rows += 50
			}
		}
	}
	// And the empty queue.
	var got, want strings.Builder
	d := &queueData{Q: url.Values{}, Actor: actors[0]}
	pages["queue"].ExecuteTemplate(&got, "fragment:queue-rows", &Page{Lang: i18n.ID, Data: d})
	ref.ExecuteTemplate(&want, "ref-rows", &Page{Lang: i18n.ID, Data: d})
	if g, w := tbody(got.String()), strings.TrimSpace(want.String()); g != w || !strings.Contains(g, `class="empty"`) {
		t.Fatalf("empty queue: %q, template %q", g, w)
	}
}

func firstDiff(a, b string) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	lo := max(0, i-120)
	return fmt.Sprintf("Go:       %q\ntemplate: %q", a[lo:min(len(a), i+120)], b[lo:min(len(b), i+120)])
}

// BenchmarkQueueRows: fifty rows through the template (before) and in Go.
func BenchmarkQueueRows(b *testing.B) {
	w := &Web{}
	pages, err := w.templates()
	if err != nil {
		b.Fatal(err)
	}
	layout, _ := os.ReadFile("templates/layout.html")
	refBody, _ := os.ReadFile("testdata/queue_row.html")
	ref := template.Must(template.Must(template.New("layout").Funcs(funcs).Parse(string(layout))).Parse(string(refBody)))
	var items []*aduan.Complaint
	for i := range 50 {
		dl := time.Date(2026, 11, 27, 9, 35, 0, 0, time.UTC)
		items = append(items, &aduan.Complaint{ID: int64(i + 1), Number: fmt.Sprintf("ADU-2026-%06d", i+1), Status: aduan.StatusForwarded,
			Channel: aduan.ChannelPhone, Priority: aduan.Priorities[0], Text: strings.Repeat("Jalan berlubang besar di depan sekolah. ", 3),
			ReceivedAt: dl.Add(-time.Hour), CategoryName: "Jalan Rusak", AgencyName: "DPUPR", KelurahanName: "Beji", KecamatanName: "Beji",
			Citizen: &aduan.Citizen{Name: "Ani Suryani", Phone: "+6281234567890"},
			Clock:   aduan.Clock{Step: "agency_answer", StartedAt: dl.Add(-time.Hour), Deadline: &dl}})
	}
	d := &queueData{Items: items, Q: url.Values{}, Actor: aduan.Actor{UserID: 1, Role: aduan.RoleOperatorCC}}
	b.Run("template", func(b *testing.B) {
		for b.Loop() {
			var s strings.Builder
			ref.ExecuteTemplate(&s, "ref-rows", &Page{Lang: i18n.ID, Data: d})
		}
	})
	b.Run("go", func(b *testing.B) {
		for b.Loop() {
			var s strings.Builder
			pages["queue"].ExecuteTemplate(&s, "fragment:queue-rows", &Page{Lang: i18n.ID, Data: d})
		}
	})
}
