package store

import (
	"context"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
)

// ComplaintRef resolves what a person typed to name a complaint (the
// "duplicate of" field of the desk, the complaint page and the API): its
// number (ADU-2026-000123, read as aduan.ParseNumber reads it) or its
// numeric ID. A number nobody has, or one the actor may not see, and
// anything else is ENOTFOUND; the caller names its own field. One reader
// for every surface: they used to resolve it three ways (one took a
// database fault for an ID).
func (cp *Complaints) ComplaintRef(ctx context.Context, actor aduan.Actor, ref string) (id int64, err error) {
	s := cp.s
	defer wrap(&err, "ComplaintRef(%s)", ref)
	ref = strings.TrimSpace(ref)
	if _, _, ok := aduan.ParseNumber(ref); ok {
		c, err := s.Complaints().ComplaintByNumber(ctx, actor, ref)
		if err != nil {
			return 0, err
		}
		return c.ID, nil
	}
	id, perr := strconv.ParseInt(ref, 10, 64)
	if perr != nil || id <= 0 {
		return 0, aduan.Errorf(aduan.ENOTFOUND, "err.not_found.complaint")
	}
	return id, nil
}
