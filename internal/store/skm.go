package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base32"
	"encoding/hex"
	"fmt"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/report"
)

// The Survei Kepuasan Masyarakat (PermenPANRB 14/2017, aduan.ComputeSKM):
// a one-time link per closed complaint to a public form, its answers, and
// the month's IKM in the monthly report.

// SKMLinkInfo is what the public form knows of its link: which complaint
// it asks about and whether it can still be answered.
type SKMLinkInfo struct {
	ID          int64
	ComplaintID int64
	Number      string
	ExpiresAt   time.Time
	AnsweredAt  *time.Time
}

// skmTokenHash is what the table keeps of a token: its SHA-256, so that a
// copy of the database opens no form.
func skmTokenHash(token string) string {
	sum := sha256.Sum256([]byte(strings.ToLower(strings.TrimSpace(token))))
	return hex.EncodeToString(sum[:])
}

// newSKMToken is 128 random bits, written in 26 lower-case base32
// letters and digits: short enough for an SMS, not to be guessed.
func newSKMToken() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("skm token: %w", err)
	}
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b[:])), nil
}

// SKMLinkTx makes the survey link of a complaint inside tx (the
// transaction that closes it) and returns its token, which is shown only
// now: the table keeps its hash. A complaint gets one link, whatever
// happens to it later; created is false (and token empty) when it has one.
func (o *Open311) SKMLinkTx(ctx context.Context, tx *sql.Tx, complaintID int64, expires time.Time) (token string, created bool, err error) {
	s := o.s
	defer wrap(&err, "SKMLinkTx(%d)", complaintID)
	token, err = newSKMToken()
	if err != nil {
		return "", false, err
	}
	var id int64
	err = tx.QueryRowContext(ctx, `INSERT INTO skm_links (complaint_id, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4)
		ON CONFLICT (complaint_id) DO NOTHING RETURNING id`, complaintID, skmTokenHash(token), ms(s.Now()), ms(expires)).Scan(&id)
	if err == sql.ErrNoRows {
		return "", false, nil
	}
	if err != nil {
		return "", false, err
	}
	return token, true, nil
}

// SKMLink makes a complaint's survey link in a transaction of its own (a
// survey handed out on paper or by another channel; the demo).
func (o *Open311) SKMLink(ctx context.Context, complaintID int64, expires time.Time) (token string, err error) {
	s := o.s
	defer wrap(&err, "SKMLink(%d)", complaintID)
	err = s.tx(ctx, func(tx *sql.Tx) error {
		var created bool
		token, created, err = s.Open311().SKMLinkTx(ctx, tx, complaintID, expires)
		if err == nil && !created {
			err = aduan.Errorf(aduan.ECONFLICT, "err.skm.link_exists")
		}
		return err
	})
	return token, err
}

// SKMLinkByToken reads the link a token opens; an unknown token is
// ENOTFOUND, whatever it looks like.
func (o *Open311) SKMLinkByToken(ctx context.Context, token string) (_ *SKMLinkInfo, err error) {
	s := o.s
	defer wrap(&err, "SKMLinkByToken()")
	var l SKMLinkInfo
	var exp int64
	var ans sql.NullInt64
	err = s.rdb.QueryRowContext(ctx, `SELECT l.id, l.complaint_id, c.number, l.expires_at, l.answered_at FROM skm_links l
		JOIN complaints c ON c.id = l.complaint_id WHERE l.token_hash = $1`, skmTokenHash(token)).
		Scan(&l.ID, &l.ComplaintID, &l.Number, &exp, &ans)
	if err == sql.ErrNoRows {
		return nil, notFound("skm")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	l.ExpiresAt, l.AnsweredAt = fromMS(exp), nullMS(ans)
	return &l, nil
}

// AnswerSKM records the answer to the survey a token opens, once: a link
// already answered is ECONFLICT (err.skm.answered), an expired one
// EINVALID (err.skm.expired), an unknown token ENOTFOUND. The answer is
// validated first (every unsur 1–4) and changes nothing when refused.
func (o *Open311) AnswerSKM(ctx context.Context, token string, a aduan.SKMAnswer) (err error) {
	s := o.s
	defer wrap(&err, "AnswerSKM()")
	if err := a.Validate(); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		now := s.Now()
		var id, cid, exp int64
		var ans sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT id, complaint_id, expires_at, answered_at FROM skm_links WHERE token_hash = $1`, skmTokenHash(token)).
			Scan(&id, &cid, &exp, &ans)
		if err == sql.ErrNoRows {
			return notFound("skm")
		}
		if err != nil {
			return err
		}
		switch {
		case ans.Valid:
			return aduan.Errorf(aduan.ECONFLICT, "err.skm.answered")
		case exp <= ms(now):
			return aduan.Errorf(aduan.EINVALID, "err.skm.expired")
		}
		// The update is the once-only guard: of two submits racing past
		// the read above, one changes the row and the other nothing.
		res, err := tx.ExecContext(ctx, `UPDATE skm_links SET answered_at = $1 WHERE id = $2 AND answered_at IS NULL`, ms(now), id)
		if err != nil {
			return fmt.Errorf("link %d: %w", id, err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return aduan.Errorf(aduan.ECONFLICT, "err.skm.answered")
		}
		if err := s.insertSKMResponse(ctx, tx, &id, cid, a, now); err != nil {
			return err
		}
		return s.audit(ctx, tx, aduan.System, "skm.answer", "complaint", cid, nil, map[string]any{"scores": a.Scores})
	})
}

func (s *Store) insertSKMResponse(ctx context.Context, tx *sql.Tx, linkID *int64, complaintID int64, a aduan.SKMAnswer, at time.Time) error {
	var age any
	if a.Age > 0 {
		age = a.Age
	}
	sc := a.Scores
	if _, err := tx.ExecContext(ctx, `INSERT INTO skm_responses (link_id, complaint_id, u1, u2, u3, u4, u5, u6, u7, u8, u9, age, sex, education, job, comment, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)`,
		linkID, complaintID, sc[0], sc[1], sc[2], sc[3], sc[4], sc[5], sc[6], sc[7], sc[8], age, a.Sex, a.Education, a.Job, a.Comment, ms(at)); err != nil {
		return fmt.Errorf("insert skm response (complaint %d): %w", complaintID, err)
	}
	return nil
}

// monthlySKM is the IKM of the answers about the complaints received in
// the period (the rating's rule), over the period's population of
// complaints received (m.Volume.Total, compiled before it).
func (s *Store) monthlySKM(ctx context.Context, m *report.MonthlyData, f report.Filter) error {
	var w where
	cohort(&w, m.From, m.To, f)
	var n int
	var sums [9]sql.NullInt64
	dest := []any{&n}
	for i := range sums {
		dest = append(dest, &sums[i])
	}
	err := s.rdb.QueryRowContext(ctx, `SELECT COUNT(*), SUM(r.u1), SUM(r.u2), SUM(r.u3), SUM(r.u4), SUM(r.u5), SUM(r.u6), SUM(r.u7), SUM(r.u8), SUM(r.u9)
		FROM skm_responses r JOIN complaints c ON c.id = r.complaint_id`+w.sql(), w.args...).Scan(dest...)
	if err != nil {
		return fmt.Errorf("monthlySKM: %w", mapErr(err))
	}
	var total [9]int
	for i, v := range sums {
		total[i] = int(v.Int64)
	}
	r := aduan.SKMFromSums(total, n, m.Volume.Total)
	m.SKM = &r
	return nil
}

// PendingSurveyFor is the unanswered rating invitation of a complaint (its
// ID, for AnswerSurvey), or ENOTFOUND.
func (o *Open311) PendingSurveyFor(ctx context.Context, complaintID int64) (_ int64, err error) {
	s := o.s
	defer wrap(&err, "PendingSurveyFor(%d)", complaintID)
	var id int64
	err = s.rdb.QueryRowContext(ctx, `SELECT id FROM survey_invitations WHERE complaint_id = $1 AND answered_at IS NULL`, complaintID).Scan(&id)
	if err == sql.ErrNoRows {
		return 0, notFound("survey")
	}
	if err != nil {
		return 0, mapErr(err)
	}
	return id, nil
}
