package store

import "context"

// listDesc runs a list query paged by key, newest (highest ID) first: the
// rows of sel with the conditions of w and idCol below before (0: from the
// top), at most limit of them (clamped), and the cursor of the next page
// (0 on the last page). One row more than asked is read to know whether
// another page follows, so the last page costs no extra query. The
// complaint list and the report list share it.
func listDesc[T any](ctx context.Context, q queryer, sel string, w *where, idCol string, before int64, limit int,
	scan func(sc interface{ Scan(...any) error }) (T, error), id func(T) int64) ([]T, int64, error) {
	if before > 0 {
		w.add(idCol+" < ?", before)
	}
	limit = clampLimit(limit)
	rows, err := q.QueryContext(ctx, sel+w.sql()+" ORDER BY "+idCol+" DESC LIMIT "+w.arg(limit+1), w.args...)
	if err != nil {
		return nil, 0, mapErr(err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, 0, mapErr(err)
	}
	var next int64
	if len(out) > limit {
		out = out[:limit]
		next = id(out[limit-1])
	}
	return out, next, nil
}
