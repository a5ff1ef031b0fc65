package web

import (
	"fmt"
	"html/template"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
)

// timelineData is what the reference template reads: the events and
// whether their content is shown.
type timelineData struct {
	Events  []aduan.Event
	Content bool
}

// timelineEvents are n events with every action, step and role, details
// that html/template escapes, answers long enough to be cut, callbacks,
// photos, calls, met and missed standards.
func timelineEvents(rng *rand.Rand, n int) []aduan.Event {
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	actions := []aduan.Action{"create", "request_identity", "provide_identity", "request_photos", "photos_received", "answer", "forward",
		"acknowledge", "agency_answer", "return", "receive_answer", "relay", "close", "reopen", "mark_duplicate", "reject",
		"record_agency_answer", "remind_agency", "call_agency", "withdraw", "escalate_agency", "agency_promise", "agency_progress",
		"ask_clarification", "answer_clarification", "remind_citizen", "close_no_reply", "note", "no_such_action"}
	texts := []string{"Sudah kami teruskan ke DPUPR.", "Jalan <rusak> & \"berlubang\" + 'gang'", strings.Repeat("Pohon tumbang menutup jalan. ", 12),
		"Air 😡 mati\x00 lagi", strings.Repeat("é", 199) + "ab", ""}
	var out []aduan.Event
	for i := range n {
		e := aduan.Event{ID: int64(i + 1), Action: actions[rng.IntN(len(actions))],
			At:        time.Date(2026, 11, 1+rng.IntN(27), rng.IntN(24), rng.IntN(60), 0, 0, time.UTC),
			ActorName: pick("Ani Operator", "O'Brien <PD>", "", "Sistem"), Details: map[string]string{}}
		if rng.IntN(2) == 0 {
			e.Step = aduan.Steps[rng.IntN(len(aduan.Steps))].Key
		}
		if rng.IntN(5) > 0 {
			e.ActorRole = aduan.Roles[rng.IntN(len(aduan.Roles))]
		}
		for _, k := range []string{"answer", "reason", "note", "answered_by", "promised_by", "progress", "question", "photos", "told_on_call"} {
			if rng.IntN(4) == 0 {
				e.Details[k] = texts[rng.IntN(len(texts))]
			}
		}
		if rng.IntN(4) == 0 {
			e.Details["callback"] = pick("reached", "no_answer", "busy", "unreachable", "wrong_number")
		}
		if rng.IntN(4) == 0 {
			e.Details["photos"] = pick("1", "3", "<2>")
		}
		if rng.IntN(8) == 0 {
			e.Details = nil
		}
		if rng.IntN(3) == 0 {
			met := rng.IntN(2) == 0
			e.Met = &met
			e.Elapsed = time.Duration(rng.IntN(5000)) * time.Minute
			if rng.IntN(4) > 0 {
				d := e.At.Add(time.Duration(rng.IntN(72)) * time.Hour)
				e.Deadline = &d
			}
		}
		out = append(out, e)
	}
	return out
}

func timelineRef(t testing.TB) *template.Template {
	layout, err := os.ReadFile("templates/layout.html")
	if err != nil {
		t.Fatal(err)
	}
	refBody, err := os.ReadFile("testdata/timeline_row.html")
	if err != nil {
		t.Fatal(err)
	}
	return template.Must(template.Must(template.New("layout").Funcs(funcs).Parse(string(layout))).Parse(string(refBody)))
}

// TestTimelineAsTheTemplateWrote: the complaint page's timeline written
// in Go is the bytes html/template wrote from the markup complaint.html
// had (kept in testdata/timeline_row.html), for two thousand events of
// every action, step and role, with details html/template escapes, in
// both languages and zones, with the content shown and hidden.
func TestTimelineAsTheTemplateWrote(t *testing.T) {
	ref := timelineRef(t)
	events := timelineEvents(rand.New(rand.NewPCG(21, 5)), 2000)
	wita, err := time.LoadLocation("Asia/Makassar")
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range []i18n.Lang{i18n.ID, i18n.EN} {
		for _, zone := range []*time.Location{nil, wita} {
			for _, content := range []bool{true, false} {
				for from := 0; from < len(events); from += 20 {
					d := timelineData{Events: events[from : from+20], Content: content}
					p := &Page{Lang: lang, Zone: zone, Data: d}
					var want strings.Builder
					if err := ref.ExecuteTemplate(&want, "ref-timeline", p); err != nil {
						t.Fatal(err)
					}
					if g, w := string(p.Timeline(d.Events, content)), want.String(); g != w {
						t.Fatalf("%s, content %v, events %d–%d differ:\n%s", lang, content, from, from+20, firstDiff(g, w))
					}
				}
			}
		}
	}
	if got := p0().Timeline(nil, true); got != "" {
		t.Errorf("no events: %q", got)
	}
}

func p0() *Page { return &Page{Lang: i18n.ID} }

// BenchmarkTimeline: a complaint's dozen events through the template
// (before) and in Go.
func BenchmarkTimeline(b *testing.B) {
	ref := timelineRef(b)
	d := timelineData{Events: timelineEvents(rand.New(rand.NewPCG(3, 4)), 12), Content: true}
	p := &Page{Lang: i18n.ID, Data: d}
	b.Run("template", func(b *testing.B) {
		for b.Loop() {
			var s strings.Builder
			ref.ExecuteTemplate(&s, "ref-timeline", p)
		}
	})
	b.Run("go", func(b *testing.B) {
		for b.Loop() {
			p.Timeline(d.Events, true)
		}
	})
}

// TestComplaintOptionsAsTheTemplateWrote: the complaint page's category
// and agency lists written in Go are the bytes html/template wrote from
// the markup complaint.html had, for active and retired entries, names
// html/template escapes, and every way one is selected (the complaint's
// category, the suggested or the form's choice after a refusal, the
// category's default agency, none).
func TestComplaintOptionsAsTheTemplateWrote(t *testing.T) {
	ref := template.Must(template.New("ref").Funcs(funcs).Parse(`{{define "classify"}}{{range .Cats}}<option value="{{.ID}}"{{if eq .ID .C}} selected{{end}}>{{.Name}}</option>{{end}}{{end}}` +
		`{{define "need"}}{{$sel := .Sel}}{{range .Cats}}{{if .Active}}<option value="{{.ID}}"{{if eq (str .ID) $sel}} selected{{end}}>{{.Name}}</option>{{end}}{{end}}{{end}}` +
		`{{define "forward"}}{{$d := .}}{{$failed := .Failed}}{{range .Ags}}{{if .Active}}<option value="{{.ID}}"{{if $failed}}{{if eq (str .ID) (index $d.Form "agency_id")}} selected{{end}}{{else if eq .ID $d.DefaultAg}} selected{{end}}>{{.Name}}</option>{{end}}{{end}}{{end}}` +
		`{{define "withdraw"}}{{$d := .}}{{$failed := .Failed}}{{range .Ags}}{{if and .Active (ne .ID $d.Except)}}<option value="{{.ID}}"{{if and $failed (eq (str .ID) (index $d.Form "agency_id"))}} selected{{end}}>{{.Name}}</option>{{end}}{{end}}{{end}}`))
	// The reference reads the classify select's selected ID from each
	// category's own field C (a template cannot reach the outer one).
	type cat struct {
		aduan.Category
		C int64
	}
	rng := rand.New(rand.NewPCG(8, 9))
	names := []string{"Jalan Rusak", "Lampu PJU & Taman", "Sampah <liar>", "D'LHK \"Kota\"", "Air + PDAM"}
	var cats []aduan.Category
	var ags []aduan.Agency
	for i := range 60 {
		cats = append(cats, aduan.Category{ID: int64(i + 1), Name: names[rng.IntN(len(names))], Active: rng.IntN(5) > 0})
		ags = append(ags, aduan.Agency{ID: int64(i + 1), Name: names[rng.IntN(len(names))], Active: rng.IntN(5) > 0})
	}
	p := &Page{Lang: i18n.ID}
	run := func(name string, data any) string {
		var s strings.Builder
		if err := ref.ExecuteTemplate(&s, name, data); err != nil {
			t.Fatal(err)
		}
		return s.String()
	}
	for _, id := range []int64{0, 1, 7, 60, 61} {
		sel := fmt.Sprint(id)
		var cs []cat
		for _, c := range cats {
			cs = append(cs, cat{c, id})
		}
		if g, w := string(p.CategoryOpts(cats, sel, false)), run("classify", map[string]any{"Cats": cs}); g != w {
			t.Fatalf("classify, %d:\n%s", id, firstDiff(g, w))
		}
		if g, w := string(p.CategoryOpts(cats, sel, true)), run("need", map[string]any{"Cats": cats, "Sel": sel}); g != w {
			t.Fatalf("category to choose, %s:\n%s", sel, firstDiff(g, w))
		}
		for _, failed := range []bool{false, true} {
			form := map[string]string{"agency_id": fmt.Sprint((id + 3) % 62)}
			fsel := fmt.Sprint(id)
			if failed {
				fsel = form["agency_id"]
			}
			if g, w := string(p.AgencyOpts(ags, fsel, 0)), run("forward", map[string]any{"Ags": ags, "Failed": failed, "Form": form, "DefaultAg": id}); g != w {
				t.Fatalf("forward, %d, failed %v:\n%s", id, failed, firstDiff(g, w))
			}
			wsel := ""
			if failed {
				wsel = form["agency_id"]
			}
			if g, w := string(p.AgencyOpts(ags, wsel, id)), run("withdraw", map[string]any{"Ags": ags, "Failed": failed, "Form": form, "Except": id}); g != w {
				t.Fatalf("withdraw, %d, failed %v:\n%s", id, failed, firstDiff(g, w))
			}
		}
	}
}
