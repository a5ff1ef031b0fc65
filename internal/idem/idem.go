// Package idem makes a POST safe to send again: the Idempotency-Key of the
// JSON API and Open311, and the console's form tokens, all recorded in the
// transaction of the work they guard.
package idem

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strconv"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/store"
)

// The Idempotency-Key header (after Stripe's API and the IETF draft "The
// Idempotency-Key HTTP Header Field"). A client that sent a POST and got no
// answer cannot know whether the work was done: the connection may have
// broken during the COMMIT, or the instance died after committing. Sending
// the request again with the same key is safe: the first answer comes back
// (with Idempotent-Replayed: true) and nothing is done twice.
//
//   - The key's record is written in the transaction of the work itself
//     (store.SaveIdempotent, a hook given to the store call), so it
//     exists exactly when the work was committed.
//   - Keys are per user: one user never gets another's answer.
//   - The same key with another request (method, path or body) is a 422.
//   - A second request sent while the first is still running waits for it
//     (the database serialises the two) and then gets its answer; only
//     if that answer cannot be read does it get a 409 to try again.
//   - Only successes are recorded: a request refused (bad input, a stale
//     version) did nothing, so sending it again does it again.
//   - Keys expire after store.IdempotencyTTL (24 hours).

// Header names.
const (
	KeyHeader      = "Idempotency-Key"
	ReplayedHeader = "Idempotent-Replayed"
)

// MaxKeyLen is the longest key accepted.
const MaxKeyLen = 255

// ParseKey checks the Idempotency-Key header's values and
// returns the key, or "" when there is no header. The key is 1 to 255
// printable ASCII characters; the draft's quoted form ("…", a Structured
// Field string) is taken too, without its quotes.
func ParseKey(vals []string) (string, error) {
	if len(vals) == 0 {
		return "", nil
	}
	bad := aduan.Errorf(aduan.EINVALID, "err.idempotency.key")
	if len(vals) > 1 {
		return "", bad
	}
	k := vals[0]
	if len(k) >= 2 && k[0] == '"' && k[len(k)-1] == '"' {
		k = k[1 : len(k)-1]
	}
	if k == "" || len(k) > MaxKeyLen {
		return "", bad
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x20 || k[i] > 0x7e {
			return "", bad
		}
	}
	return k, nil
}

// Fingerprint names a request for its key: the hex SHA-256 of its
// method, path and body.
func Fingerprint(method, path string, body []byte) string {
	h := sha256.New()
	io.WriteString(h, method)
	h.Write([]byte{0})
	io.WriteString(h, path)
	h.Write([]byte{0})
	h.Write(body)
	return hex.EncodeToString(h.Sum(nil))
}

// Once is a request sent with an Idempotency-Key. The JSON API's handlers
// get theirs from idempotent; Open311 makes its own (New), since its
// clients, bodies and formats are its own.
type Once struct {
	keys Keys
	rec  store.Idempotent
}

// Keys is where the answers are recorded by owner and key (store.Users);
// the console's handler tests give a fake.
type Keys interface {
	IdempotentResult(ctx context.Context, owner, key string) (*store.Idempotent, error)
	SaveIdempotent(ctx context.Context, tx *sql.Tx, r *store.Idempotent) error
}

// New starts a request of owner with key, named by fingerprint (see
// Fingerprint).
func New(st *store.Store, owner, key, fingerprint string) *Once {
	return NewFor(st.Users(), owner, key, fingerprint)
}

// NewFor is New over the keys alone.
func NewFor(keys Keys, owner, key, fingerprint string) *Once {
	return &Once{keys: keys, rec: store.Idempotent{Owner: owner, Key: key, Fingerprint: fingerprint}}
}

// Replay writes the answer recorded for the key, if there is one, and
// reports whether it did (never without a key: o is nil). The key recorded
// for another request is a 422.
func (o *Once) Replay(w http.ResponseWriter, r *http.Request) (bool, error) {
	if o == nil {
		return false, nil
	}
	prev, err := o.Previous(r.Context())
	if prev == nil || err != nil {
		return false, err
	}
	w.Header().Set(ReplayedHeader, "true")
	return true, writeRecorded(w, prev)
}

// Previous returns what was recorded for the key: nil when nothing is (or
// o is nil), the record when it answered this very request, and the record
// with an EUNPROCESSABLE error when it answered another one. Replay writes
// it again for the API; the console, whose answers are redirects drawn
// anew, reads it here.
func (o *Once) Previous(ctx context.Context) (*store.Idempotent, error) {
	if o == nil {
		return nil, nil
	}
	prev, err := o.keys.IdempotentResult(ctx, o.rec.Owner, o.rec.Key)
	if aduan.ErrorCode(err) == aduan.ENOTFOUND {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if prev.Fingerprint != o.rec.Fingerprint {
		return prev, aduan.Errorf(aduan.EUNPROCESSABLE, "err.idempotency.reused")
	}
	return prev, nil
}

// Record returns the hook that writes the answer in the work's own
// transaction; render builds the answer's body from what the work made.
// The handler then sends what was recorded (Write), so that the first
// answer and every replay are the same bytes.
func (o *Once) Record(status int, render func(c *aduan.Complaint, ev *aduan.Event) any) store.TxHook {
	return func(ctx context.Context, tx *sql.Tx, c *aduan.Complaint, ev *aduan.Event) error {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(true)
		if err := enc.Encode(render(c, ev)); err != nil {
			return err
		}
		return o.Save(ctx, tx, status, jsonContentType, c.ID, buf.Bytes())
	}
}

// Save records the answer inside tx, the transaction of the work.
func (o *Once) Save(ctx context.Context, tx *sql.Tx, status int, contentType string, complaintID int64, body []byte) error {
	o.rec.Status, o.rec.ContentType, o.rec.ComplaintID, o.rec.Body = status, contentType, complaintID, body
	return o.keys.SaveIdempotent(ctx, tx, &o.rec)
}

// Write sends the answer Save recorded.
func (o *Once) Write(w http.ResponseWriter) error { return writeRecorded(w, &o.rec) }

// Settle is called with the error of the work. A conflict may mean that
// another request with the same key did the work meanwhile (the key was
// taken in the database, or the complaint's version moved under a repeated
// step): its answer is then this request's answer too.
func (o *Once) Settle(w http.ResponseWriter, r *http.Request, err error) error {
	if o == nil || aduan.ErrorCode(err) != aduan.ECONFLICT {
		return err
	}
	done, rerr := o.Replay(w, r)
	if rerr != nil {
		return rerr
	}
	if done {
		return nil
	}
	return err
}

const jsonContentType = "application/json; charset=utf-8"

func writeRecorded(w http.ResponseWriter, rec *store.Idempotent) error {
	h := w.Header()
	h.Set("Content-Type", rec.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(rec.Body)))
	h.Set("Cache-Control", "no-store")
	if rec.Status == http.StatusCreated && rec.ComplaintID != 0 {
		h.Set("Location", "/api/v1/complaints/"+strconv.FormatInt(rec.ComplaintID, 10))
	}
	w.WriteHeader(rec.Status)
	_, err := w.Write(rec.Body)
	return err
}
