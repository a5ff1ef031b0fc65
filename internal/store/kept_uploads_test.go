package store_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/store"
)

// TestSweepKeptUploads: a photo a public form kept for a citizen who never
// sent the form again is deleted, file and note, once it is older than
// store.KeptUploadTTL; one kept an hour ago stays, and one the citizen used
// is gone at once.
func TestSweepKeptUploads(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		st := dbtest.Open(t, d)
		files := &attach.Local{Dir: t.TempDir()}
		now := time.Date(2026, 12, 7, 10, 0, 0, 0, time.UTC)
		st.Now = func() time.Time { return now }
		keep := func(key string) {
			t.Helper()
			if err := st.Attachments().KeepUpload(ctx, key); err != nil {
				t.Fatal(err)
			}
			if err := files.Put(ctx, key, "application/octet-stream", []byte("jpeg")); err != nil {
				t.Fatal(err)
			}
		}
		exists := func(key string) bool {
			_, err := os.Stat(filepath.Join(files.Dir, filepath.FromSlash(key)))
			return err == nil
		}
		keep("public-pending/left")
		keep("public-pending/used")
		if err := st.Attachments().ForgetUpload(ctx, files, "public-pending/used"); err != nil {
			t.Fatal(err)
		}
		now = now.Add(store.KeptUploadTTL)
		keep("public-pending/recent")
		now = now.Add(time.Hour)
		n, err := st.Attachments().SweepKeptUploads(ctx, files)
		if err != nil {
			t.Fatal(err)
		}
		if n != 1 || exists("public-pending/left") {
			t.Errorf("swept %d, the left photo still there: %v; want 1 swept and it gone", n, exists("public-pending/left"))
		}
		if !exists("public-pending/recent") {
			t.Error("a photo kept an hour ago was swept")
		}
		if exists("public-pending/used") {
			t.Error("a used photo was left on disk")
		}
		if n, err := st.Attachments().SweepKeptUploads(ctx, files); err != nil || n != 0 {
			t.Errorf("a second sweep deleted %d (%v), want 0: the notes of swept files remain", n, err)
		}
	})
}
