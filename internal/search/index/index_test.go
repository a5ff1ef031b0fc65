package index

import (
	"testing"

	"github.com/kotakita/aduan/internal/search/analyzer"
)

func TestBuildWeightsAndImpacts(t *testing.T) {
	an := analyzer.New()
	d := Build(an, Library, Field{Text: "Lampu jalan mati", Weight: 3}, Field{Text: "lampu PJU diganti Dishub", Weight: 1})
	tf := map[string]int{}
	for _, p := range d.Postings {
		tf[p.Term] = p.TF
	}
	if tf["lampu"] != 4 || tf["jalan"] != 3 || tf["pju"] != 1 || d.Len != 3*3+4 {
		t.Errorf("tf %v len %d", tf, d.Len)
	}
	for i := 1; i < len(d.Postings); i++ {
		if d.Postings[i-1].Term >= d.Postings[i].Term {
			t.Fatalf("postings not sorted: %v", d.Postings)
		}
	}
	// More occurrences weigh more, with diminishing returns; a longer
	// document weighs each occurrence less.
	if !(Impact(Complaint, 1, 45) < Impact(Complaint, 2, 45) && Impact(Complaint, 2, 45)-Impact(Complaint, 1, 45) > Impact(Complaint, 3, 45)-Impact(Complaint, 2, 45)) {
		t.Error("term frequency does not saturate")
	}
	if Impact(Complaint, 2, 20) <= Impact(Complaint, 2, 200) {
		t.Error("length does not normalise")
	}
	// The same text gives the same hash; other text another.
	if Build(an, Library, Field{Text: "Lampu jalan mati", Weight: 3}).Hash == Build(an, Library, Field{Text: "Lampu jalan padam", Weight: 3}).Hash {
		t.Error("hash ignores the text")
	}
	if IDF(1000, 1) <= IDF(1000, 500) || IDF(1000, 1000) <= 0 || IDF(0, 0) != 0 {
		t.Error("idf")
	}
}
