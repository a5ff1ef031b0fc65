package sheet

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestEveryWriterNeutralizes: every file of the tree that writes CSV rows
// or spreadsheet cells also calls Neutralize, so that an export added
// later (a register, a data-subject file) cannot forget the rule.
func TestEveryWriterNeutralizes(t *testing.T) {
	writes := regexp.MustCompile(`csv\.NewWriter|\.SetSheetRow\(|\.SetRow\(|\.SetCellValue\(|\.SetCellStr\(`)
	root := filepath.Join("..", "..")
	found := 0
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || d.Name() == "node_modules" || strings.HasPrefix(d.Name(), ".")) && p != root {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "_test.go") || strings.Contains(p, filepath.Join("internal", "sheet")) {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if writes.Match(b) {
			found++
			if !strings.Contains(string(b), "sheet.Neutralize(") {
				t.Errorf("%s writes CSV or spreadsheet cells without sheet.Neutralize", p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found < 3 {
		t.Errorf("found %d writers; the walk missed the tree", found)
	}
}
