package setup

import (
	"bytes"
	"context"
	"fmt"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/search"
	"github.com/kotakita/aduan/internal/seed"
	"github.com/kotakita/aduan/internal/store"
)

// StarterLibrary loads the starter answer folder shipped with aduan
// (seed.StarterLibrary) into the install: entries whose title is already
// in the folder are left as they are, so it can run on every start of the
// demo and again after an upgrade without duplicating or overwriting what
// the city edited.
func StarterLibrary(ctx context.Context, st *store.Store) (store.ImportResult, error) {
	recs, err := search.ReadLibrary(bytes.NewReader(seed.StarterLibrary()), search.FormatJSON)
	if err != nil {
		return store.ImportResult{}, fmt.Errorf("StarterLibrary: %w", err)
	}
	res, err := st.Library().ImportLibraryMissing(ctx, aduan.System, recs)
	if err != nil {
		return res, fmt.Errorf("StarterLibrary: %w", err)
	}
	return res, nil
}
