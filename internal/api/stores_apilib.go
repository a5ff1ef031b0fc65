package api

import (
	"context"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/routing"
	"github.com/kotakita/aduan/internal/search"
	"github.com/kotakita/aduan/internal/store"
)

// LibraryStore is what the library handlers ask of the answer library's
// store (store.Library).
type LibraryStore interface {
	LibraryEntry(ctx context.Context, actor aduan.Actor, id int64) (*aduan.LibraryEntry, error)
	LibraryEntries(ctx context.Context, actor aduan.Actor, f aduan.LibraryFilter) ([]*aduan.LibraryEntry, int64, error)
	CreateLibraryEntry(ctx context.Context, actor aduan.Actor, e *aduan.LibraryEntry) error
	UpdateLibraryEntry(ctx context.Context, actor aduan.Actor, e *aduan.LibraryEntry) error
	ReviewLibraryEntry(ctx context.Context, actor aduan.Actor, id, version int64, nextDue string) (*aduan.LibraryEntry, error)
	LibraryHistory(ctx context.Context, actor aduan.Actor, id int64) ([]aduan.LibraryVersion, error)
	LibraryFromComplaint(ctx context.Context, actor aduan.Actor, complaintID int64, draft *aduan.LibraryEntry) (*aduan.LibraryEntry, error)
	ExportLibrary(ctx context.Context, actor aduan.Actor) ([]store.LibraryRecord, error)
	ImportLibrary(ctx context.Context, actor aduan.Actor, records []store.LibraryRecord) (store.ImportResult, error)
}

// LibrarySearcher is the search over the library and past complaints, and
// the duplicate suggestion (search.Searcher).
type LibrarySearcher interface {
	Search(ctx context.Context, actor aduan.Actor, q search.Query) (*search.Results, error)
	SimilarOf(ctx context.Context, actor aduan.Actor, c *aduan.Complaint) ([]search.SimilarHit, error)
}

// RoutingSuggester is the routing model's suggestion (routing.Service).
type RoutingSuggester interface {
	Suggest(ctx context.Context, text, kelurahan string) (routing.Suggestion, routing.Info, error)
}

// RoutingRetrainer retrains the routing model and audits it
// (libsvc.Service).
type RoutingRetrainer interface {
	Retrain(ctx context.Context, act aduan.Actor) (routing.Info, error)
}

func (l *Library) entries() LibraryStore {
	if l.Entries != nil {
		return l.Entries
	}
	return l.Store.Library()
}

func (l *Library) searcher() LibrarySearcher {
	if l.Searcher != nil {
		return l.Searcher
	}
	return l.Lib.Searcher
}

func (l *Library) suggester() RoutingSuggester {
	if l.Suggester != nil {
		return l.Suggester
	}
	return l.Lib.Routing
}

func (l *Library) retrainer() RoutingRetrainer {
	if l.Retrainer != nil {
		return l.Retrainer
	}
	return l.Lib
}
