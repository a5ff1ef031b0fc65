package routing

import (
	"bufio"
	"encoding/json"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/kotakita/aduan/internal/seed"
)

// placesRegexp is the expression placeStripper replaced, kept here to
// check the two agree.
func placesRegexp(ref *Reference) *regexp.Regexp {
	var names []string
	for _, k := range ref.Kecamatan {
		names = append(names, regexp.QuoteMeta(strings.ToLower(k.Name)))
	}
	for _, k := range ref.Kelurahan {
		names = append(names, regexp.QuoteMeta(strings.ToLower(k.Name)))
	}
	sort.SliceStable(names, func(i, j int) bool { return len(names[i]) > len(names[j]) })
	return regexp.MustCompile(`(?i)\b(?:kelurahan|kel|kecamatan|kec|desa)\b\.?\s*(?:` + strings.Join(names, "|") + `)\b`)
}

// TestPlaceStripperAsTheRegexp: the hand-written stripper leaves exactly
// what the regular expression it replaced left, on the labelled sets'
// texts and on mentions written to test its edges (case, a dot, several
// spaces, a longer name sharing a prefix, a name running into a word, at
// the very end, non-ASCII around).
func TestPlaceStripperAsTheRegexp(t *testing.T) {
	d, err := seed.Load()
	if err != nil {
		t.Fatal(err)
	}
	ref := &Reference{Kecamatan: d.Kecamatan, Kelurahan: d.Kelurahan}
	if len(ref.Kelurahan) == 0 {
		t.Fatal("no kelurahan in the reference data")
	}
	old, p := placesRegexp(ref), ref.placeMentions()
	texts := []string{
		"jalan rusak di Kelurahan Mekarjaya dekat kec. Sukmajaya",
		"KEL.BEJI TIMUR banjir, KECAMATAN   Beji juga",
		"kel sawangan baru vs kel sawangan barus vs kel sawangan",
		"kelurahanbeji kel beji2 kel beji_ kel bejii",
		"desa Limo", "di kel. ", "kec", "Kec.\tCinere!", "kel. Kukusan,kel kukusan.",
		"é kel beji é", "xkel beji", "kel  pondok  cina", "kel pondok cina", "dikel beji",
		"Kelurahan Pancoran Mas Kecamatan Pancoran Mas", "kec. beji\nkel. beji timur",
	}
	for _, l := range labelledTexts(t) {
		texts = append(texts, l, strings.ToUpper(l))
	}
	var changed int
	for _, s := range texts {
		want := old.ReplaceAllString(s, " ")
		if got := p.strip(s); got != want {
			t.Errorf("%q: got %q, want %q", s, got, want)
		}
		if want != s {
			changed++
		}
	}
	if changed < 20 {
		t.Errorf("only %d texts had a place mention: the check proves little", changed)
	}
}

// labelledTexts are the texts of the four labelled sets.
func labelledTexts(t *testing.T) []string {
	t.Helper()
	var texts []string
	for _, name := range []string{"eval_routing.jsonl", "eval_routing_heldout.jsonl", "eval_routing_heldout2.jsonl", "eval_routing_heldout3.jsonl"} {
		f, err := os.Open("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			var l struct {
				Text string `json:"teks"`
			}
			if json.Unmarshal(sc.Bytes(), &l) == nil && l.Text != "" {
				texts = append(texts, l.Text)
			}
		}
		f.Close()
	}
	return texts
}
