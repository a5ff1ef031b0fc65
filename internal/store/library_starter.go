package store

import (
	"context"
	"strings"

	"github.com/kotakita/aduan"
)

// ImportLibraryMissing loads only the records whose title is not yet the
// title of an entry in the folder (compared without case or surrounding
// space); the others count as unchanged and are left as they are. It is
// what loads the starter folder: running it twice adds nothing, and an
// entry the city has since edited (its answer, its source) is never
// overwritten by the shipped text. Records carrying a ref go through
// ImportLibrary's usual rule.
func (lb *Library) ImportLibraryMissing(ctx context.Context, actor aduan.Actor, records []LibraryRecord) (_ ImportResult, err error) {
	s := lb.s
	defer wrap(&err, "ImportLibraryMissing()")
	if err := actor.Require(aduan.PermLibraryEdit); err != nil {
		return ImportResult{}, err
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT title FROM library_entries`)
	if err != nil {
		return ImportResult{}, err
	}
	have := map[string]bool{}
	for rows.Next() {
		var t string
		if err := rows.Scan(&t); err != nil {
			rows.Close()
			return ImportResult{}, err
		}
		have[titleKey(t)] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return ImportResult{}, err
	}
	var todo []LibraryRecord
	skipped := 0
	for _, r := range records {
		k := titleKey(r.Entry.Title)
		if r.Entry.ID == 0 && have[k] {
			skipped++
			continue
		}
		have[k] = true
		todo = append(todo, r)
	}
	if len(todo) == 0 {
		return ImportResult{Unchanged: skipped}, nil
	}
	res, err := s.Library().ImportLibrary(ctx, actor, todo)
	res.Unchanged += skipped
	return res, err
}

func titleKey(t string) string { return strings.ToLower(strings.Join(strings.Fields(t), " ")) }
