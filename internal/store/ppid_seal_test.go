package store_test

import (
	"strings"
	"testing"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/seal"
	"github.com/kotakita/aduan/internal/store"
)

// TestInfoIDNumberSealed: the requester's ID number is stored sealed (a
// dump of the table does not show it), the PPID reads it whole and the
// requester tracks with its last four digits. Rows stored in the clear
// before sealing began are sealed at the next start; after a key rotation
// (a new key put first in the key file) every row is sealed again under
// the new key at start and still reads the same; a store without the key
// reads none of them.
func TestInfoIDNumberSealed(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, d store.Dialect) {
		cfg := store.Config{DataDir: t.TempDir()}
		if d == store.Postgres {
			cfg = store.Config{URL: dbtest.PostgresURL(t)}
		}
		old := seal.NewKeyLine(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
		k1, _ := seal.Parse([]byte(old))
		cfg.Keys = k1
		open := func() *store.Store {
			st, err := store.Open(ctx, cfg)
			if err != nil {
				t.Fatal(err)
			}
			return st
		}
		st := open()
		in := goodInfoRequest()
		r1, err := st.PPID().Register(ctx, aduan.System, in, nil)
		if err != nil {
			t.Fatal(err)
		}
		in.IDNumber, in.Phone = "B9876543", ""
		r2, err := st.PPID().Register(ctx, aduan.System, in, nil)
		if err != nil {
			t.Fatal(err)
		}
		stored := func(st *store.Store, id int64) string {
			var v string
			if err := st.DB().QueryRow(`SELECT id_number FROM info_request_ids WHERE request_id = $1`, id).Scan(&v); err != nil {
				t.Fatal(err)
			}
			return v
		}
		if v := stored(st, r1.ID); strings.Contains(v, "3276051234560001") || !strings.HasPrefix(v, "enc1:k20250101:") {
			t.Fatalf("stored as %q", v)
		}
		full, err := st.PPID().Request(ctx, aduan.System, r1.ID)
		if err != nil || full.IDNumber != "3276051234560001" {
			t.Fatalf("read back: %q %v", full.IDNumber, err)
		}
		if got, err := st.PPID().TrackInfo(ctx, r2.Number, "6543"); err != nil || got.ID != r2.ID {
			t.Errorf("tracked by the ID number's last digits: %v", err)
		}
		// As before sealing began: in the clear.
		if _, err := st.DB().Exec(`UPDATE info_request_ids SET id_number = 'B9876543' WHERE request_id = $1`, r2.ID); err != nil {
			t.Fatal(err)
		}
		st.Close()

		st = open()
		if v := stored(st, r2.ID); !strings.HasPrefix(v, "enc1:k20250101:") {
			t.Errorf("a clear row after a start: %q", v)
		}
		st.Close()

		k2, _ := seal.Parse([]byte(seal.NewKeyLine(time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC)) + old))
		cfg.Keys = k2
		st = open()
		for id, want := range map[int64]string{r1.ID: "3276051234560001", r2.ID: "B9876543"} {
			if v := stored(st, id); !strings.HasPrefix(v, "enc1:k20260601:") {
				t.Errorf("after rotation, request %d: %q", id, v)
			}
			r, err := st.PPID().Request(ctx, aduan.System, id)
			if err != nil || r.IDNumber != want {
				t.Errorf("after rotation, request %d: %q %v", id, r.IDNumber, err)
			}
		}
		st.Close()

		cfg.Keys = seal.Ephemeral()
		st = open()
		defer st.Close()
		if _, err := st.PPID().Request(ctx, aduan.System, r1.ID); err == nil || !strings.Contains(err.Error(), "k20260601") {
			t.Errorf("without the key: %v", err)
		}
	})
}
