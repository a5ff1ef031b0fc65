package web

import (
	"html/template"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan/internal/i18n"
)

// TestDeskHitsAsTheTemplateWrote: the suggestion panel's answers written
// in Go are the bytes html/template wrote from the markup desk.html had
// (kept in testdata/desk_panel.html): library entries and past examples,
// with and without a link, a marked snippet, a plain one or none, long
// texts and answers cut, the warnings of another place and an old answer,
// characters html/template escapes everywhere, in both languages.
func TestDeskHitsAsTheTemplateWrote(t *testing.T) {
	pages, err := (&Web{}).templates()
	if err != nil {
		t.Fatal(err)
	}
	layout, err := os.ReadFile("templates/layout.html")
	if err != nil {
		t.Fatal(err)
	}
	refBody, err := os.ReadFile("testdata/desk_panel.html")
	if err != nil {
		t.Fatal(err)
	}
	ref := template.Must(template.Must(template.New("layout").Funcs(funcs).Parse(string(layout))).Parse(string(refBody)))
	titles := []string{"Lampu PJU & taman", `Jalan "rusak" <parah>`, "ADU-2026-000123", ""}
	texts := []string{"Lampu mati sejak 'kemarin' + gelap", strings.Repeat("Sampah menumpuk di pinggir jalan raya Sawangan. ", 6), "", "é\x00<b>"}
	answers := []string{"", "Silakan hubungi 112 & tunggu <petugas>.", strings.Repeat("Jawaban \"panjang\" sekali ", 30), strings.Repeat("abcde ", 70)}
	snippets := []any{nil, template.HTML(""), template.HTML("Lampu <mark>mati</mark> &amp; gelap"), "", "plain <not marked> & 'x'"}
	hrefs := []string{"", "/pustaka/12", "/complaints/7?x=a b", "javascript:alert(1)"}
	var hits []Hit
	for i := range 160 {
		hits = append(hits, Hit{Title: titles[i%len(titles)], Text: texts[i%len(texts)], Answer: answers[i%len(answers)],
			Source: []string{"library", "complaint"}[i%2], Ref: []string{"PUS-12", "", "ADU-2026-000001 <x>"}[i%3], Href: hrefs[i%len(hrefs)],
			Snippet: snippets[i%len(snippets)], Example: i%3 == 1, Place: []string{"Beji", "Pondok \"Cina\"", ""}[i%3],
			Date: time.Date(2026, 11, 1+i%27, i%24, i%60, 0, 0, time.UTC), OtherPlace: i%5 == 2, Old: i%7 == 3})
	}
	compared := 0
	for _, lang := range []i18n.Lang{i18n.ID, i18n.EN} {
		for from := 0; from < len(hits); from += 8 {
			d := &deskData{F: intakeForm{Text: "lampu"}, Hits: hits[from : from+8]}
			var got, want strings.Builder
			if err := pages["desk"].ExecuteTemplate(&got, "panel", &Page{Lang: lang, Data: d}); err != nil {
				t.Fatal(err)
			}
			if err := ref.ExecuteTemplate(&want, "panel", &Page{Lang: lang, Data: d}); err != nil {
				t.Fatal(err)
			}
			if got.String() != want.String() {
				t.Fatalf("%s, hits %d–%d:\n%s", lang, from, from+8, firstDiff(got.String(), want.String()))
			}
			compared++
		}
	}
	if compared == 0 {
		t.Fatal("nothing compared")
	}
}
