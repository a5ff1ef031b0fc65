package web

import (
	"context"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/libsvc"
	"github.com/kotakita/aduan/internal/routing"
	"github.com/kotakita/aduan/internal/search"
	"github.com/kotakita/aduan/internal/store"
)

// Library is the answer library as its pages (/pustaka), the complaint
// page's box and the desk's panel use it: its entries, their history,
// import and export (store.Library), and the search over the entries and
// past answered complaints with the open complaints a text may repeat
// (search.Searcher). Nil in Stores: the console has no answer library;
// the desk's panel then falls back to a plain search of past answers.
type Library interface {
	LibraryEntries(ctx context.Context, actor aduan.Actor, f aduan.LibraryFilter) ([]*aduan.LibraryEntry, int64, error)
	LibraryEntry(ctx context.Context, actor aduan.Actor, id int64) (*aduan.LibraryEntry, error)
	LibraryHistory(ctx context.Context, actor aduan.Actor, id int64) ([]aduan.LibraryVersion, error)
	CreateLibraryEntry(ctx context.Context, actor aduan.Actor, e *aduan.LibraryEntry) error
	LibraryFromComplaint(ctx context.Context, actor aduan.Actor, complaintID int64, draft *aduan.LibraryEntry) (*aduan.LibraryEntry, error)
	UpdateLibraryEntry(ctx context.Context, actor aduan.Actor, e *aduan.LibraryEntry) error
	ReviewLibraryEntry(ctx context.Context, actor aduan.Actor, id, version int64, nextDue string) (*aduan.LibraryEntry, error)
	ExportLibrary(ctx context.Context, actor aduan.Actor) ([]store.LibraryRecord, error)
	ImportLibrary(ctx context.Context, actor aduan.Actor, records []store.LibraryRecord) (store.ImportResult, error)

	Search(ctx context.Context, actor aduan.Actor, q search.Query) (*search.Results, error)
	SimilarDraft(ctx context.Context, actor aduan.Actor, text, address, kelurahan string) ([]search.SimilarHit, error)
	SimilarOf(ctx context.Context, actor aduan.Actor, c *aduan.Complaint) ([]search.SimilarHit, error)
}

// Router is the routing model's suggestion of a category and an agency
// for the text typed at the desk (routing.Service). Nil in Stores: no
// model; the panel suggests nothing.
type Router interface {
	Suggest(ctx context.Context, text, kelurahan string) (routing.Suggestion, routing.Info, error)
}

// serviceLibrary is the answer library over the store's entries and the
// library service's one searcher, whose read cache the JSON API shares: a
// searcher of the console's own would keep a second cache.
type serviceLibrary struct {
	*store.Library
	*search.Searcher
}

// withLibrary gives s the answer library and the routing model of lib
// (none when lib is nil or lacks them). New calls it: StoresOf has only
// the store, and the searcher and the model are built once per process
// by the server.
func (s *Stores) withLibrary(lib *libsvc.Service) {
	if lib == nil {
		return
	}
	if lib.Store != nil && lib.Searcher != nil {
		s.Library = serviceLibrary{Library: lib.Store.Library(), Searcher: lib.Searcher}
	}
	if lib.Routing != nil {
		s.Router = lib.Routing
	}
}

// library is the answer library the /pustaka pages read; a console built
// without one answers them as not found rather than failing.
func (w *Web) library() (Library, error) {
	if w.Stores.Library == nil {
		return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
	}
	return w.Stores.Library, nil
}
