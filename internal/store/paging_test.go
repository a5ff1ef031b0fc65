package store_test

import (
	"database/sql"
	"fmt"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// pageAll follows a list's cursor from the top, two rows a page, and
// returns the IDs in the order served. A list that never ends fails.
func pageAll(t *testing.T, list func(before int64) ([]int64, int64, error)) []int64 {
	t.Helper()
	var got []int64
	cursor := int64(0)
	for pages := 0; ; pages++ {
		if pages > 20 {
			t.Fatalf("still paging after %d pages: %v", pages, got)
		}
		ids, next, err := list(cursor)
		if err != nil {
			t.Fatal(err)
		}
		if len(ids) > 2 {
			t.Fatalf("page of %d rows, asked for 2", len(ids))
		}
		got = append(got, ids...)
		if next == 0 {
			return got
		}
		cursor = next
	}
}

// newestFirst checks that got is want reversed: every row once, newest first.
func newestFirst(t *testing.T, what string, got, want []int64) {
	t.Helper()
	ok := len(got) == len(want)
	for i := 0; ok && i < len(got); i++ {
		ok = got[i] == want[len(want)-1-i]
	}
	if !ok {
		t.Errorf("%s paged as %v, want %v newest first", what, got, want)
	}
}

// The audit log, the answer library and the message lists page by key,
// newest first, with their filters kept on every page: each row is shown
// once, none is skipped, and the last page says there is no other.
func TestAuditLibraryAndMessageListsPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		f := newFixture(t, d)

		// Library: five active entries (with their categories, loaded
		// after the page is read) and one inactive one, which the
		// filter must keep out of every page.
		var entries []int64
		for i := 0; i < 6; i++ {
			e := &aduan.LibraryEntry{Title: fmt.Sprintf("Layanan nomor %d", i), Questions: []string{fmt.Sprintf("bagaimana layanan %d?", i)},
				Answer: "Datang ke kantor kelurahan pada jam kerja.", CategoryIDs: []int64{f.category.ID}, Active: i != 3}
			if err := f.st.Library().CreateLibraryEntry(ctx, f.koord, e); err != nil {
				t.Fatal(err)
			}
			if e.Active {
				entries = append(entries, e.ID)
			}
		}
		active := true
		got := pageAll(t, func(before int64) ([]int64, int64, error) {
			list, next, err := f.st.Library().LibraryEntries(ctx, f.koord, aduan.LibraryFilter{Active: &active, Before: before, Limit: 2})
			var ids []int64
			for _, e := range list {
				ids = append(ids, e.ID)
				if len(e.CategoryIDs) != 1 || e.CategoryIDs[0] != f.category.ID {
					t.Errorf("entry %d: categories %v not loaded", e.ID, e.CategoryIDs)
				}
			}
			return ids, next, err
		})
		newestFirst(t, "active library entries", got, entries)

		// Messages: five outgoing SMS and one incoming, which the
		// direction filter must keep out.
		var out []int64
		err := f.st.WriteTx(ctx, func(tx *sql.Tx) error {
			for i := 0; i < 6; i++ {
				m := &channel.Message{Channel: channel.SMS, Direction: channel.Out, Purpose: channel.PurposeRelay, To: "+628123456780",
					Body: fmt.Sprintf("pesan %d", i), Status: channel.StatusQueued}
				if i == 2 {
					m.Direction, m.To, m.From, m.GatewayID = channel.In, "", "+628123456780", "mo-1"
				}
				if _, err := f.st.Messages().InsertMessage(ctx, tx, m); err != nil {
					return err
				}
				if m.Direction == channel.Out {
					out = append(out, m.ID)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		got = pageAll(t, func(before int64) ([]int64, int64, error) {
			list, next, err := f.st.Messages().ListMessages(ctx, f.koord, store.MessageFilter{Direction: channel.Out, Before: before, Limit: 2})
			var ids []int64
			for _, m := range list {
				ids = append(ids, m.ID)
			}
			return ids, next, err
		})
		newestFirst(t, "outgoing messages", got, out)

		// Audit: the library's six creations were audited; paged by the
		// caller's rule (a full page means look further), as the API does.
		all, err := f.st.Audit(ctx, f.koord, aduan.AuditFilter{Entity: "library_entry", Limit: 500})
		if err != nil {
			t.Fatal(err)
		}
		var audited []int64
		for i := len(all) - 1; i >= 0; i-- {
			audited = append(audited, all[i].ID)
		}
		if len(audited) < 6 {
			t.Fatalf("%d audit rows for six new entries", len(audited))
		}
		got = pageAll(t, func(before int64) ([]int64, int64, error) {
			list, err := f.st.Audit(ctx, f.koord, aduan.AuditFilter{Entity: "library_entry", Before: before, Limit: 2})
			var ids []int64
			for _, e := range list {
				ids = append(ids, e.ID)
				if e.Entity != "library_entry" || e.At.IsZero() {
					t.Errorf("audit row %+v", e)
				}
			}
			next := int64(0)
			if len(list) == 2 {
				next = list[1].ID
			}
			return ids, next, err
		})
		newestFirst(t, "library audit rows", got, audited)
	})
}
