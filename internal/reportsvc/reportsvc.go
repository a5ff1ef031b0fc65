// Package reportsvc renders the daily and monthly reports' final
// documents and takes a report through its steps with them, for the JSON
// API and the console alike.
package reportsvc

import (
	"context"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
	"github.com/kotakita/aduan/internal/report/render"
	"github.com/kotakita/aduan/internal/store"
)

// Service renders reports over the store.
type Service struct {
	Store *store.Store
}

// Renderer returns the renderer of final documents: always in
// Indonesian, the language of the office's records, with the city's
// letterhead as it stands now.
func (s *Service) Renderer(ctx context.Context) (store.Renderer, error) {
	set, err := s.Store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	letterhead := render.SettingsFrom(set)
	return func(r *report.Report, c *report.Content) ([]report.File, error) {
		d, err := render.NewDoc(r, c, letterhead, i18n.ID, false)
		if err != nil {
			return nil, err
		}
		pdf, err := render.PDF(d)
		if err != nil {
			return nil, err
		}
		xlsx, err := render.XLSX(d)
		if err != nil {
			return nil, err
		}
		return []report.File{{Format: "pdf", Body: pdf}, {Format: "xlsx", Body: xlsx}}, nil
	}, nil
}

// Act takes report id (at version) through action for act; a step that
// makes the report final renders its documents with the letterhead as it
// stands now.
func (s *Service) Act(ctx context.Context, act aduan.Actor, id, version int64, action report.Action, comment string) (*report.Report, error) {
	rnd, err := s.Renderer(ctx)
	if err != nil {
		return nil, err
	}
	return s.Store.ReportAction(ctx, act, id, version, action, comment, rnd)
}
