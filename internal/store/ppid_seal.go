package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"strconv"

	"github.com/kotakita/aduan/internal/seal"
)

// The requester's ID number is the one value of a request kept sealed
// (AES-GCM, package seal) in info_request_ids: it identifies a person
// beyond the request and is read whole only by the PPID, each read audited.
// The key is outside the database (Config.KeyFile), so a dump or a backup
// of the database alone does not hold it.

// openKeys finds the keys: those given, the key file named, or secret.keys
// in the data directory (made on the first start).
func (s *Store) openKeys(cfg Config) error {
	if cfg.Keys != nil {
		s.keys = cfg.Keys
		return nil
	}
	path := cfg.KeyFile
	if path == "" {
		switch {
		case cfg.DataDir != "":
			path = filepath.Join(cfg.DataDir, "secret.keys")
		case s.path != "":
			path = filepath.Join(filepath.Dir(s.path), "secret.keys")
		default:
			// PostgreSQL with no data directory: a test's store.
			s.keys = seal.Ephemeral()
			return nil
		}
	}
	k, _, err := seal.LoadOrCreate(path)
	if err != nil {
		return err
	}
	s.keys = k
	return nil
}

// idContext binds a sealed ID number to its request: copied to another
// row, it does not open.
func idContext(requestID int64) string { return "info_request_ids:" + strconv.FormatInt(requestID, 10) }

func (p *PPID) sealID(requestID int64, idNumber string) string {
	return p.s.keys.Seal(idNumber, idContext(requestID))
}

func (p *PPID) openID(requestID int64, stored string) (string, error) {
	v, err := p.s.keys.Open(stored, idContext(requestID))
	if err != nil {
		return "", fmt.Errorf("the ID number of request %d: %w", requestID, err)
	}
	return v, nil
}

// resealIDNumbers seals, at start, the ID numbers stored in the clear
// (before sealing began) and those sealed under a key that is no longer
// the first of the key file (after a rotation). One stored under a key the
// file lacks is left as it is: its reads fail, naming the key, until the
// key is put back.
func (p *PPID) resealIDNumbers(ctx context.Context) error {
	cur := p.s.keys.Current()
	rows, err := p.s.rdb.QueryContext(ctx, `SELECT request_id, id_number FROM info_request_ids WHERE id_number NOT LIKE $1`, "enc1:"+cur+":%")
	if err != nil {
		return fmt.Errorf("reseal ID numbers: %w", err)
	}
	type row struct {
		id        int64
		old, next string
	}
	var todo []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.old); err != nil {
			rows.Close()
			return fmt.Errorf("reseal ID numbers: %w", err)
		}
		plain, err := p.openID(r.id, r.old)
		if errors.Is(err, seal.ErrUnknownKey) {
			continue
		}
		if err != nil {
			rows.Close()
			return fmt.Errorf("reseal ID numbers: %w", err)
		}
		r.next = p.sealID(r.id, plain)
		todo = append(todo, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil || len(todo) == 0 {
		return err
	}
	return p.s.tx(ctx, func(tx *sql.Tx) error {
		for _, r := range todo {
			// Only if unchanged: another instance starting at once may
			// have sealed it already.
			if _, err := tx.ExecContext(ctx, `UPDATE info_request_ids SET id_number = $1 WHERE request_id = $2 AND id_number = $3`, r.next, r.id, r.old); err != nil {
				return fmt.Errorf("reseal the ID number of request %d: %w", r.id, err)
			}
		}
		return nil
	})
}
