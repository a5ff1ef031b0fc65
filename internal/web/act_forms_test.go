package web

import (
	"fmt"
	"html/template"
	"os"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel/sms"
	"github.com/kotakita/aduan/internal/i18n"
)

func actFormsRef(t testing.TB) *template.Template {
	layout, err := os.ReadFile("templates/layout.html")
	if err != nil {
		t.Fatal(err)
	}
	ref, err := os.ReadFile("testdata/act_forms.html")
	if err != nil {
		t.Fatal(err)
	}
	return template.Must(template.Must(template.New("layout").Funcs(funcs).Parse(string(layout))).Parse(string(ref)))
}

// nasty is typed text html/template escapes in every place a form shows
// it (text, quoted attribute, textarea).
const nasty = "Jalan <rusak> & \"berlubang\" + 'gang'\x00 😡"

// actFormsData are the ways the complaint page draws the forms of the
// steps allowed: nothing typed; one form unfolded by ?do= with the
// category to choose, SMS previews and a citizen on file; and each
// allowed form refused in turn, once with what was typed matching the
// selects' options and every field in error, once with text to escape
// and no field errors.
func actFormsData(c *aduan.Complaint, allowed []aduan.Action) []*complaintData {
	var cats []aduan.Category
	var ags []aduan.Agency
	for i := range 6 {
		cats = append(cats, aduan.Category{ID: int64(i + 1), Name: fmt.Sprintf("Kategori %d <&>", i), Active: i != 4})
		ags = append(ags, aduan.Agency{ID: int64(i + 1), Name: fmt.Sprintf("Dinas %d \"D'\"", i), Active: i != 2})
	}
	base := func() *complaintData {
		cc := *c
		return &complaintData{C: &cc, Allowed: allowed, Agencies: ags, Categories: cats, DefaultAg: 3, Token: "tok<" + fmt.Sprint(c.ID) + ">",
			Sources: []aduan.AnswerSource{aduan.SourceDirect, aduan.SourceLibrary, aduan.SourceComplaint, aduan.SourceWeb}}
	}
	sms1 := func(over bool, problem string) map[string]*smsHint {
		h := &smsHint{Frame: "Jawaban: [[ANSWER]] & \"x\"", Text: nasty, Count: sms.Count{Encoding: sms.UCS2, Parts: 2, Remaining: 17}, MaxParts: 3, Over: over, Problem: problem}
		return map[string]*smsHint{"relay": h, "request_identity": h}
	}
	var out []*complaintData
	out = append(out, base())
	d := base()
	if len(allowed) > 0 {
		d.Do = string(allowed[len(allowed)/2])
	}
	d.NeedCategory, d.SuggestCategory = true, 2
	d.SMS = sms1(false, "")
	d.C.Citizen = &aduan.Citizen{Name: "Bu " + nasty, Address: "Gg. " + nasty}
	d.C.AgencyAnswer = "Sudah " + nasty
	d.Agency.Question = "Di mana " + nasty + "?"
	out = append(out, d)
	matching := map[string]string{"answer": "ok", "source": "library", "source_ref": "https://x.test/?a=1&b=2", "told_on_call": "1",
		"agency_id": "4", "reached_by": "visit", "note": "n", "reason": "r", "duplicate_of": "ADU-2026-000001", "name": "Ani",
		"address": "Jl. Margonda", "category_id": "5", "answered_by": "Pak Budi", "answered_at": "2026-12-01T10:00", "via": "whatsapp",
		"promised_by": "2026-12-20", "outcome": "no_answer"}
	allErrs := map[string]string{}
	for _, k := range []string{"answer", "source", "source_ref", "told_on_call", "agency_id", "reached_by", "note", "reason", "duplicate_of",
		"citizen", "citizen.name", "citizen.address", "category_id", "answered_by", "answered_at", "via", "promised_by", "outcome", "photos",
		"confirm", "confirm.window", "confirm.closed", "confirm.category", "confirm.agency", "confirm.answer"} {
		allErrs[k] = k + " salah: " + nasty
	}
	escaping := map[string]string{}
	for k := range matching {
		escaping[k] = k + " " + nasty
	}
	for _, a := range allowed {
		for i, form := range []map[string]string{matching, escaping} {
			d := base()
			d.FailedAction, d.Form = string(a), form
			if i == 0 {
				d.Errors, d.NeedCategory, d.SMS = allErrs, true, sms1(true, "msg.web.sms_over")
				d.C.Citizen = &aduan.Citizen{Name: "Ani"}
			} else {
				d.Errors = map[string]string{"confirm": "x", "confirm.agency": nasty}
			}
			out = append(out, d)
		}
	}
	return out
}

// TestActFormsAsTheTemplateWrote: the complaint page's action forms
// written in Go are the bytes html/template wrote from the markup
// complaint.html had (kept in testdata/act_forms.html), for the steps
// each role may take in each status of a complaint, in both languages,
// with forms unfolded, refused, typed into with text to escape; and for
// every step there is, offered together.
func TestActFormsAsTheTemplateWrote(t *testing.T) {
	ref := actFormsRef(t)
	var every []aduan.Action
	seen := map[aduan.Action]bool{}
	for _, tr := range aduan.Transitions {
		if !seen[tr.Action] {
			seen[tr.Action] = true
			every = append(every, tr.Action)
		}
	}
	type offer struct {
		name    string
		c       *aduan.Complaint
		allowed []aduan.Action
	}
	var offers []offer
	covered := map[aduan.Action]bool{}
	for _, st := range aduan.Statuses {
		for _, role := range aduan.Roles {
			for _, agency := range []int64{0, 7} {
				c := &aduan.Complaint{ID: 41, Number: "ADU-2026-000041", Status: st, AgencyID: agency, Version: 3, CitizenID: 9}
				al := aduan.AllowedActions(c, aduan.Actor{UserID: 2, Role: role, AgencyID: agency})
				for _, a := range al {
					covered[a] = true
				}
				offers = append(offers, offer{fmt.Sprintf("%s/%s/agency %d", st, role, agency), c, al})
			}
		}
	}
	if len(covered) < len(every)/2 {
		t.Fatalf("the statuses and roles offer only %d of %d steps", len(covered), len(every))
	}
	offers = append(offers, offer{"every step", &aduan.Complaint{ID: 42, Status: aduan.StatusForwarded, AgencyID: 4, Version: 1}, every})
	n := 0
	for _, lang := range []i18n.Lang{i18n.ID, i18n.EN} {
		for _, o := range offers {
			for i, d := range actFormsData(o.c, o.allowed) {
				p := &Page{Lang: lang, Data: d}
				var want strings.Builder
				if err := ref.ExecuteTemplate(&want, "ref-actions", p); err != nil {
					t.Fatal(err)
				}
				if g, w := string(p.ActForms(d)), want.String(); len(d.Allowed) > 0 && g != w {
					t.Fatalf("%s, %s, drawing %d (failed %q, do %q) differs:\n%s", lang, o.name, i, d.FailedAction, d.Do, firstDiff(g, w))
				}
				n++
			}
		}
	}
	t.Logf("%d drawings compared", n)
}

// BenchmarkActForms: the forms of a forwarded complaint's steps for the
// call center through the template (before) and in Go.
func BenchmarkActForms(b *testing.B) {
	ref := actFormsRef(b)
	c := &aduan.Complaint{ID: 41, Status: aduan.StatusRecorded, Version: 3}
	d := actFormsData(c, aduan.AllowedActions(c, aduan.Actor{UserID: 2, Role: aduan.RoleOperatorCC}))[1]
	p := &Page{Lang: i18n.ID, Data: d}
	b.Run("template", func(b *testing.B) {
		for b.Loop() {
			var s strings.Builder
			ref.ExecuteTemplate(&s, "ref-actions", p)
		}
	})
	b.Run("go", func(b *testing.B) {
		for b.Loop() {
			p.ActForms(d)
		}
	})
}
