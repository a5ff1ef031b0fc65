package web

import (
	"html/template"
	"net/url"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
)

// TestQueueOptionsAsTheTemplateWrote: the filters' options written in Go
// are the bytes the old template wrote (testdata/queue_options.html), with
// and without a selection, with names html/template escapes and names
// longer than the category's 28 characters.
func TestQueueOptionsAsTheTemplateWrote(t *testing.T) {
	layout, err := os.ReadFile("templates/layout.html")
	if err != nil {
		t.Fatal(err)
	}
	refBody, err := os.ReadFile("testdata/queue_options.html")
	if err != nil {
		t.Fatal(err)
	}
	ref := template.Must(template.Must(template.New("layout").Funcs(funcs).Parse(string(layout))).Parse(string(refBody)))
	names := []string{"Dinas Pekerjaan Umum dan Penataan Ruang", "D'LHK & <Taman>", "PLN+", "", "Kecamatan Beji"}
	d := &queueData{}
	for i := range 40 {
		n := names[i%len(names)] + strconv.Itoa(i)
		d.Agencies = append(d.Agencies, aduan.Agency{ID: int64(i + 1), ShortName: n, Name: n})
		d.Categories = append(d.Categories, aduan.Category{ID: int64(i + 100), Name: n + " " + strings.Repeat("é", i%5)})
		d.Kecamatan = append(d.Kecamatan, aduan.Kecamatan{Code: "32.76.0" + strconv.Itoa(i), Name: n})
	}
	for _, q := range []url.Values{{}, {"agency": {"7"}, "category": {"105"}, "kecamatan": {"32.76.03"}}, {"agency": {"x\"y"}}} {
		d.Q = q
		for name, got := range map[string]template.HTML{"ref-agency": d.AgencyOptions(), "ref-category": d.CategoryOptions(), "ref-kecamatan": d.KecamatanOptions()} {
			var want strings.Builder
			if err := ref.ExecuteTemplate(&want, name, &Page{Data: d}); err != nil {
				t.Fatal(err)
			}
			if string(got) != want.String() {
				t.Fatalf("%s with %v:\n%s", name, q, firstDiff(string(got), want.String()))
			}
			if len(q) == 3 && !strings.Contains(string(got), " selected>") {
				t.Fatalf("%s: no option selected", name)
			}
		}
	}
}
