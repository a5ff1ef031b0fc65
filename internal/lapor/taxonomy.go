package lapor

import (
	"encoding/json"
	"io/fs"
	"strings"
	"sync"

	"github.com/kotakita/aduan/internal/seed"
)

// The SP4N-LAPOR! category tree the project ships
// (lapor_categories_taxonomy.json): LAPOR!'s top-level categories.
var (
	taxOnce sync.Once
	taxTop  map[string]bool
)

func topLevels() map[string]bool {
	taxOnce.Do(func() {
		taxTop = map[string]bool{}
		b, err := fs.ReadFile(seed.Files(), "data/lapor_categories_taxonomy.json")
		if err != nil {
			return
		}
		var t struct {
			TopLevel []string `json:"top_level"`
		}
		if json.Unmarshal(b, &t) == nil {
			for _, c := range t.TopLevel {
				taxTop[strings.ToUpper(c)] = true
			}
		}
	})
	return taxTop
}

// NormalizeCategory reads a LAPOR! category ("Perhubungan > Parkir Liar"):
// upper case, single spaces around ">". ok is false when its first level is
// not one of LAPOR!'s top-level categories.
func NormalizeCategory(s string) (string, bool) {
	var parts []string
	for _, p := range strings.Split(s, ">") {
		if p = strings.Join(strings.Fields(strings.ToUpper(p)), " "); p != "" {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return "", true
	}
	return strings.Join(parts, " > "), topLevels()[parts[0]]
}

// MatchCategory picks, from the city's categories' SP4N-LAPOR! mappings
// (kategori_lapor, alternatives separated by ";"), the one a LAPOR!
// category names: an exact match first, then the deepest mapping that
// the category falls under, then one of the same top level. It returns
// the index into mappings, -1 for none.
func MatchCategory(category string, mappings []string) int {
	category, _ = NormalizeCategory(category)
	if category == "" {
		return -1
	}
	best, bestLen := -1, 0
	top, _, _ := strings.Cut(category, " > ")
	for i, m := range mappings {
		for _, alt := range strings.Split(m, ";") {
			alt, _ = NormalizeCategory(alt)
			switch {
			case alt == "":
			case alt == category:
				return i
			case strings.HasPrefix(category, alt+" > ") && len(alt) > bestLen:
				best, bestLen = i, len(alt)
			case bestLen == 0 && best < 0 && strings.HasPrefix(alt, top):
				best = i
			}
		}
	}
	return best
}
