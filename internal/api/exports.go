package api

import (
	"net/http"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/export"
	"github.com/kotakita/aduan/internal/reqctx"
)

// Complaint exports: see package export; the progress of a named one is
// read here.

// ExportProgressJSON is how far an export has got.
type ExportProgressJSON struct {
	ID        string  `json:"id"`
	Format    string  `json:"format"`
	Total     int64   `json:"total"`
	Done      int64   `json:"done"`
	Percent   float64 `json:"percent"`
	Finished  bool    `json:"finished"`
	Failed    bool    `json:"failed"`
	StartedAt string  `json:"started_at"`
	UpdatedAt string  `json:"updated_at"`
}

func (a *API) ExportComplaints(w http.ResponseWriter, r *http.Request) error {
	act, format := reqctx.Actor(r), r.PathValue("format")
	if err := export.Check(act, format); err != nil {
		return err
	}
	loc, err := a.zone(r)
	if err != nil {
		return err
	}
	f, err := complaintFilterParams(r, loc)
	if err != nil {
		return err
	}
	q := r.URL.Query()
	return a.Exports.Complaints(w, r, act, f, format, q.Get("progress"), reqctx.Lang(r), q)
}

func (a *API) ExportProgress(w http.ResponseWriter, r *http.Request) error {
	loc, zerr := a.zone(r)
	if zerr != nil {
		return zerr
	}
	act := reqctx.Actor(r)
	if err := act.Require(aduan.PermComplaintRead); err != nil {
		return err
	}
	p, err := a.exportProgresses().GetExportProgress(r.Context(), act.UserID, r.PathValue("id"))
	if err != nil {
		return err
	}
	j := ExportProgressJSON{ID: p.ID, Format: p.Format, Total: p.Total, Done: p.Done, Finished: p.Finished, Failed: p.Failed,
		StartedAt: export.Time(loc, p.StartedAt), UpdatedAt: export.Time(loc, p.UpdatedAt)}
	if p.Total > 0 {
		j.Percent = float64(p.Done*1000/p.Total) / 10
	} else if p.Finished {
		j.Percent = 100
	}
	return writeJSON(w, http.StatusOK, j)
}
