package store

import (
	"context"
	"database/sql"
	"errors"
	"time"

	"github.com/kotakita/aduan"
)

// Idempotency keys. A client that sends a request with an Idempotency-Key
// and gets no answer (the connection broke during the COMMIT, the instance
// died before it answered, a proxy gave up) sends it again with the same
// key; the second time it gets the first answer back rather than doing the
// work twice. The surface (internal/api) records the answer with
// SaveIdempotent from inside the transaction of the work itself (a hook
// given to CreateComplaint, ApplyAction or AddNote), so the key exists exactly when the work was
// committed: there is no window in which one is there without the other.
//
// A second request with a key whose first is still running needs no lock of
// its own: on PostgreSQL its insert of the key waits for the first
// transaction and then finds the key taken; on SQLite writes are serial
// (in one group-commit batch it sees the first's row inside the shared
// transaction). Either way it fails with ErrIdempotencyTaken, its own work
// is rolled back with it, and the surface answers with the first's result.

// IdempotencyTTL is how long a key is kept: after it, the key is free again
// and a request with it does its work anew (as Stripe keeps them).
const IdempotencyTTL = 24 * time.Hour

// Idempotent is the recorded answer to a request made with a key.
type Idempotent struct {
	// Owner is who sent it: "user:ID" or "open311:ID". Keys are per owner.
	Owner string
	Key   string
	// Fingerprint names the request (a hex SHA-256 of method, path and
	// body): the same key with another request is an error.
	Fingerprint string
	Status      int
	ContentType string
	ComplaintID int64
	Body        []byte
	CreatedAt   time.Time
}

// ErrIdempotencyTaken is the error of a request whose key was recorded, by
// another request, while it ran. The surface looks the key up and answers
// with that request's result; the message is for the rare case in which it
// cannot (the key expired in between).
var ErrIdempotencyTaken = &aduan.Error{Code: aduan.ECONFLICT, Key: "err.idempotency.in_flight"}

// IdempotentResult returns the answer recorded for owner's key, or
// ENOTFOUND when there is none (or it is older than IdempotencyTTL).
func (ua *Users) IdempotentResult(ctx context.Context, owner, key string) (_ *Idempotent, err error) {
	s := ua.s
	defer wrap(&err, "IdempotentResult(%s)", key)
	r := &Idempotent{Owner: owner, Key: key}
	var cid sql.NullInt64
	var body string
	var at int64
	err = s.rdb.QueryRowContext(ctx, `SELECT fingerprint, status, content_type, complaint_id, response, created_at
		FROM idempotency_keys WHERE owner = $1 AND idem_key = $2 AND created_at >= $3`,
		owner, key, ms(s.Now().Add(-IdempotencyTTL))).Scan(&r.Fingerprint, &r.Status, &r.ContentType, &cid, &body, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	r.ComplaintID, r.Body, r.CreatedAt = cid.Int64, []byte(body), time.UnixMilli(at)
	return r, nil
}

// SaveIdempotent records r inside tx, the transaction of the work it
// answers. A key of the same owner recorded less than IdempotencyTTL ago
// (committed, or written earlier in the same transaction) fails it with
// ErrIdempotencyTaken; an expired one is replaced.
func (ua *Users) SaveIdempotent(ctx context.Context, tx *sql.Tx, r *Idempotent) (err error) {
	s := ua.s
	defer wrap(&err, "SaveIdempotent()")
	now := s.Now()
	cutoff := ms(now.Add(-IdempotencyTTL))
	// Expired keys are swept here rather than by a timer, on about one
	// insert in sixteen (the fingerprint is a hash, so its first digit is
	// as good as a die): cheap, and the table holds about a day of keys.
	// Rows not yet swept do no harm, since every read ignores them.
	if len(r.Fingerprint) > 0 && r.Fingerprint[0] == '0' {
		if _, err := s.sweepIdempotent(ctx, tx, cutoff); err != nil {
			return err
		}
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO idempotency_keys (owner, idem_key, fingerprint, status, content_type, complaint_id, response, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
		ON CONFLICT (owner, idem_key) DO UPDATE SET fingerprint = excluded.fingerprint, status = excluded.status,
			content_type = excluded.content_type, complaint_id = excluded.complaint_id, response = excluded.response,
			created_at = excluded.created_at
		WHERE idempotency_keys.created_at < $9`,
		r.Owner, r.Key, r.Fingerprint, r.Status, r.ContentType, nullID(r.ComplaintID), string(r.Body), ms(now), cutoff)
	if err != nil {
		return err
	}
	if n, err := res.RowsAffected(); err != nil {
		return err
	} else if n == 0 {
		return ErrIdempotencyTaken
	}
	r.CreatedAt = time.UnixMilli(ms(now))
	return nil
}

// SweepIdempotent deletes the keys older than IdempotencyTTL and returns
// how many. Inserts do it now and then by themselves (SaveIdempotent);
// this is for maintenance and tests.
func (ua *Users) SweepIdempotent(ctx context.Context) (_ int64, err error) {
	s := ua.s
	defer wrap(&err, "SweepIdempotent()")
	var n int64
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var err error
		n, err = s.sweepIdempotent(ctx, tx, ms(s.Now().Add(-IdempotencyTTL)))
		return err
	})
	return n, err
}

func (s *Store) sweepIdempotent(ctx context.Context, tx *sql.Tx, cutoff int64) (int64, error) {
	res, err := tx.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE created_at < $1`, cutoff)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}
