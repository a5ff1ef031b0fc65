package routing_test

import (
	"fmt"
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/kotakita/aduan/internal/routing"
)

func readSet(t testing.TB, name string) []routing.Labelled {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	set, err := routing.ReadLabelled(f)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return set
}

// floor is what a new install (seeds only) must reach on a labelled set:
// a little under the figures measured when the rules and seeds of issue 17
// were written (BENCHMARKS.md), so that a change that loses ground fails.
type floor struct {
	set                          string
	agency1, agency3, cat1, cat3 float64
	// confidentMisses is how many wrong first agencies may be shown at a
	// confidence of 0.6 or more.
	confidentMisses int
}

// The first two sets were tuned against (seeds.txt phrases were written
// from their misses); eval_routing_heldout2.jsonl was written and
// committed before any change and never looked at miss by miss, so its
// figure is the honest one.
//
// eval_routing_heldout3.jsonl (the classes a set written by others
// missed) was written and committed before the second round of rules and
// seeds, but its misses were read to learn the classes, so it too is
// tuned against; heldout2's rise is the honest sign of that round.
//
// eval_routing_heldout4.jsonl (62 complaints, third round) was written by
// hand for this project, as callers write (slang, typos, abbreviations),
// from the six classes of error a blind evaluation reported (a fallen
// tree on a car, an SD/SMP matter naming a later SMA, road damage told by
// the swerving traffic, an identity document whose problem surfaced at
// another office, a flood with people to evacuate, the thin classes); no
// line is copied or paraphrased from the blind set, which this project
// never saw. It was committed (788c5da, agency top-1 0.694, category
// 0.758) before the rules and seeds of that round, which were then
// written from its misses and checked on ad-hoc texts outside every set:
// it too is tuned against, and the other four sets not dropping is the
// check that the round generalises.
var floors = []floor{
	{"eval_routing.jsonl", 0.95, 0.99, 0.95, 0.98, 4},
	{"eval_routing_heldout.jsonl", 0.93, 0.98, 0.90, 0.97, 10},
	{"eval_routing_heldout2.jsonl", 0.93, 0.98, 0.925, 0.97, 6},
	{"eval_routing_heldout3.jsonl", 0.96, 0.99, 0.955, 0.98, 4},
	{"eval_routing_heldout4.jsonl", 0.98, 0.99, 0.96, 0.98, 1},
}

// TestRoutingEvalSets evaluates a new install (seeds only) on the five
// labelled sets against their floors. ROUTING_DETAILS=set,set prints the
// misses of the sets named.
func TestRoutingEvalSets(t *testing.T) {
	r, _ := newInstall(t)
	sug := func(text, kel string) routing.Suggestion { return r.Suggest(text, kel, 3) }
	for _, f := range floors {
		name := f.set
		set := readSet(t, name)
		m := routing.Evaluate(sug, set)
		t.Logf("%-28s %+v", name, m)
		misses, _ := routing.Misses(sug, set)
		var hi int
		for _, x := range misses {
			if x.Confidence >= 0.6 {
				hi++
			}
		}
		t.Logf("  misses %d, at >= 0.6: %d", len(misses), hi)
		t.Logf("  %s", confidenceBins(sug, set))
		if m.AgencyTop1 < f.agency1 || m.AgencyTop3 < f.agency3 || m.CategoryTop1 < f.cat1 || m.CategoryTop3 < f.cat3 {
			t.Errorf("%s: %+v is under the floor %+v", name, m, f)
		}
		if hi > f.confidentMisses {
			t.Errorf("%s: %d wrong agencies shown at confidence >= 0.6, want at most %d", name, hi, f.confidentMisses)
		}
		if os.Getenv("ROUTING_DETAILS") != "" && strings.Contains(","+os.Getenv("ROUTING_DETAILS")+",", ","+name+",") {
			sort.Slice(misses, func(i, j int) bool { return misses[i].Gold < misses[j].Gold })
			for _, x := range misses {
				fmt.Printf("%s\t%s\t%.2f\t%s\n", x.Gold, strings.Join(x.Top, ","), x.Confidence, x.Text)
			}
		}
	}
}

// confidenceBins counts right and wrong first agencies by confidence.
func confidenceBins(sug routing.Suggester, set []routing.Labelled) string {
	edges := []float64{0.35, 0.6, 0.8, 1.01}
	right, wrong := make([]int, len(edges)), make([]int, len(edges))
	var rc, wc []float64
	for _, l := range set {
		s := sug(l.Text, l.Kelurahan)
		if len(s.Agencies) == 0 {
			wrong[0]++
			wc = append(wc, 0)
			continue
		}
		c := s.Agencies[0].Confidence
		i := sort.SearchFloat64s(edges, c)
		if i < len(edges) && edges[i] == c {
			i++
		}
		if s.Agencies[0].Code == l.Agency {
			right[i]++
			rc = append(rc, c)
		} else {
			wrong[i]++
			wc = append(wc, c)
		}
	}
	med := func(x []float64) float64 {
		if len(x) == 0 {
			return 0
		}
		sort.Float64s(x)
		return x[len(x)/2]
	}
	return fmt.Sprintf("right by confidence <.35 %d, .35-.6 %d, .6-.8 %d, >=.8 %d (median %.2f); wrong %d, %d, %d, %d (median %.2f)",
		right[0], right[1], right[2], right[3], med(rc), wrong[0], wrong[1], wrong[2], wrong[3], med(wc))
}
