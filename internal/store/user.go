package store

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"time"

	"github.com/alexedwards/argon2id"
	"github.com/kotakita/aduan"
)

// Users holds staff accounts and how they prove who they are: users,
// passwords, sessions, API tokens, the database-backed rate limiter
// (log-in, tracking, forms) and idempotent results of requests.
type Users struct {
	s *Store
}

// Users returns the store's users.
func (s *Store) Users() *Users { return &Users{s: s} }

// argon2 parameters: about 20 ms and 32 MiB per hash on the reference
// machine, enough against offline guessing without slowing log-in.
var argonParams = &argon2id.Params{Memory: 32 * 1024, Iterations: 2, Parallelism: 2, SaltLength: 16, KeyLength: 32}

const userCols = `id, username, name, role, agency_id, phone, email, lang, active, must_change_pw, service_account, created_at, updated_at, nip`

func scanUser(sc interface{ Scan(...any) error }) (aduan.User, error) {
	var u aduan.User
	var role string
	var ag sql.NullInt64
	var c, up int64
	err := sc.Scan(&u.ID, &u.Username, &u.Name, &role, &ag, &u.Phone, &u.Email, &u.Lang, &u.Active, &u.MustChangePW, &u.Service, &c, &up, &u.NIP)
	u.Role, u.AgencyID, u.CreatedAt, u.UpdatedAt = aduan.Role(role), ag.Int64, fromMS(c), fromMS(up)
	return u, err
}

// Users lists every user.
func (ua *Users) Users(ctx context.Context, actor aduan.Actor) (_ []aduan.User, err error) {
	s := ua.s
	defer wrap(&err, "Users()")
	if err := actor.Require(aduan.PermUserRead); err != nil {
		return nil, err
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT `+userCols+` FROM users ORDER BY username`)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []aduan.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// CountUsers reports how many users exist (zero on a new install).
func (ua *Users) CountUsers(ctx context.Context) (_ int, err error) {
	s := ua.s
	defer wrap(&err, "CountUsers()")
	var n int
	err = s.rdb.QueryRowContext(ctx, `SELECT COUNT(*) FROM users`).Scan(&n)
	return n, mapErr(err)
}

// User returns one user.
func (ua *Users) User(ctx context.Context, id int64) (_ *aduan.User, err error) {
	s := ua.s
	defer wrap(&err, "User(%d)", id)
	return s.user(ctx, s.rdb, id)
}

func (s *Store) user(ctx context.Context, q queryer, id int64) (*aduan.User, error) {
	u, err := scanUser(q.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE id = $1`, id))
	if err == sql.ErrNoRows {
		return nil, notFound("user")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	return &u, nil
}

// UserByUsername returns one user by log-in name.
func (ua *Users) UserByUsername(ctx context.Context, name string) (_ *aduan.User, err error) {
	s := ua.s
	defer wrap(&err, "UserByUsername()")
	u, err := scanUser(s.rdb.QueryRowContext(ctx, `SELECT `+userCols+` FROM users WHERE username = $1`, strings.ToLower(strings.TrimSpace(name))))
	if err == sql.ErrNoRows {
		return nil, notFound("user")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	return &u, nil
}

// CreateUser adds a user with the given password. A service account takes
// no password (one is made that nobody knows: it never logs in) and is
// never asked to change it.
func (ua *Users) CreateUser(ctx context.Context, actor aduan.Actor, u *aduan.User, password string) (err error) {
	s := ua.s
	defer wrap(&err, "CreateUser()")
	if err := actor.Require(aduan.PermUserEdit); err != nil {
		return err
	}
	if err := validateUser(u); err != nil {
		return err
	}
	if u.Service {
		u.MustChangePW = false
		if password == "" {
			password = randomToken("")
		}
	}
	if err := aduan.ValidatePassword(password); err != nil {
		return err
	}
	hash, err := argon2id.CreateHash(password, argonParams)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if u.AgencyID != 0 {
			if _, err := s.agency(ctx, tx, u.AgencyID); err != nil {
				return fieldErr("agency_id", "err.field.unknown")
			}
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM users WHERE username = $1`, u.Username).Scan(&n); err != nil {
			return err
		}
		if n > 0 {
			return &aduan.Error{Code: aduan.ECONFLICT, Key: "err.invalid_input", Fields: []aduan.FieldError{{Field: "username", Key: "err.field.taken"}}}
		}
		now := s.Now()
		u.CreatedAt, u.UpdatedAt = now, now
		if err := tx.QueryRowContext(ctx, `INSERT INTO users (username, name, role, agency_id, phone, email, lang, active, must_change_pw, service_account, password_hash, created_at, updated_at, nip)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING id`,
			u.Username, u.Name, string(u.Role), nullID(u.AgencyID), string(u.Phone), u.Email, u.Lang, u.Active, u.MustChangePW, u.Service, hash, ms(now), ms(now), u.NIP).Scan(&u.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "user.create", "user", u.ID, nil, u)
	})
}

// UpdateUser changes a user's profile (not the password).
func (ua *Users) UpdateUser(ctx context.Context, actor aduan.Actor, u *aduan.User) (err error) {
	s := ua.s
	defer wrap(&err, "UpdateUser()")
	self := actor.UserID == u.ID
	if !self {
		if err := actor.Require(aduan.PermUserEdit); err != nil {
			return err
		}
	}
	if err := validateUser(u); err != nil {
		return err
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		before, err := s.user(ctx, tx, u.ID)
		if err != nil {
			return err
		}
		if self && !actor.Can(aduan.PermUserEdit) {
			// Users may change their own name, contact and language, never
			// their role, agency or status.
			u.Role, u.AgencyID, u.Active, u.Username = before.Role, before.AgencyID, before.Active, before.Username
		}
		if u.AgencyID != 0 {
			if _, err := s.agency(ctx, tx, u.AgencyID); err != nil {
				return fieldErr("agency_id", "err.field.unknown")
			}
		}
		// A person never becomes a service account (whose tokens the admin
		// may make), nor the other way round.
		u.Service = before.Service
		u.UpdatedAt, u.CreatedAt = s.Now(), before.CreatedAt
		if _, err := tx.ExecContext(ctx, `UPDATE users SET username=$1, name=$2, role=$3, agency_id=$4, phone=$5, email=$6, lang=$7, active=$8, updated_at=$9, nip=$11 WHERE id=$10`,
			u.Username, u.Name, string(u.Role), nullID(u.AgencyID), string(u.Phone), u.Email, u.Lang, u.Active, ms(u.UpdatedAt), u.ID, u.NIP); err != nil {
			return err
		}
		if !u.Active {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, u.ID); err != nil {
				return err
			}
		}
		return s.audit(ctx, tx, actor, "user.update", "user", u.ID, before, u)
	})
}

// Credential names what a request was authenticated with: a session (by
// its secret) or an API token (by its ID). A password change keeps the
// credential that made it and ends every other.
type Credential struct {
	Session string
	TokenID int64
}

// SetPassword sets a user's password. Users change their own (knowing the
// old one); an admin may reset anyone's, which forces a change at next
// log-in. Either way the old password's reach ends with it: every session
// and API token of the user is ended (revoked, for tokens), except keep,
// the credential of the request that made the change (zero: none). A
// stolen session or token does not outlive the password change made to
// stop it.
func (ua *Users) SetPassword(ctx context.Context, actor aduan.Actor, userID int64, old, password string, keep Credential) (err error) {
	s := ua.s
	defer wrap(&err, "SetPassword(%d)", userID)
	self := actor.UserID == userID
	if !self {
		if err := actor.Require(aduan.PermUserEdit); err != nil {
			return err
		}
	}
	if err := aduan.ValidatePassword(password); err != nil {
		return err
	}
	hash, err := argon2id.CreateHash(password, argonParams)
	if err != nil {
		return err
	}
	if !self {
		keep = Credential{} // an admin's own session is not the user's
	}
	return s.tx(ctx, func(tx *sql.Tx) error {
		if self && !actor.IsSystem() {
			var cur string
			if err := tx.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = $1`, userID).Scan(&cur); err != nil {
				if err == sql.ErrNoRows {
					return notFound("user")
				}
				return err
			}
			if ok, _ := argon2id.ComparePasswordAndHash(old, cur); !ok {
				return fieldErr("old_password", "err.field.password_wrong")
			}
		}
		now := s.Now()
		res, err := tx.ExecContext(ctx, `UPDATE users SET password_hash=$1, must_change_pw=$2, failed_logins=0, locked_until=0, updated_at=$3 WHERE id=$4`,
			hash, !self, ms(now), userID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("user")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2`, userID, hashToken(keep.Session)); err != nil {
			return err
		}
		res, err = tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL AND id <> $3`, ms(now), userID, keep.TokenID)
		if err != nil {
			return err
		}
		revoked, _ := res.RowsAffected()
		// A user locked out by their own typos gets in with the new
		// password at once (the reset is usually why the admin was called).
		if err := s.forgetLoginFailures(ctx, tx, userID); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "user.password", "user", userID, nil, map[string]any{"tokens_revoked": revoked, "reset": !self})
	})
}

// Authenticate checks a user name and password tried from addr (the
// client's address), under the shared limiter's log-in limits (see
// loginGate). An unknown user name, a wrong password, an inactive user and
// a service account get the same answer, in the same time (a hash is
// checked in each case), and count alike.
func (ua *Users) Authenticate(ctx context.Context, username, password, addr string) (_ *aduan.User, err error) {
	s := ua.s
	defer wrap(&err, "Authenticate()")
	username = strings.ToLower(strings.TrimSpace(username))
	if err := s.loginGate(ctx, username, addr); err != nil {
		return nil, err
	}
	var id int64
	var hash string
	var active, service bool
	err = s.wdb.QueryRowContext(ctx, `SELECT id, password_hash, active, service_account FROM users WHERE username = $1`, username).
		Scan(&id, &hash, &active, &service)
	if err == sql.ErrNoRows {
		id, hash = 0, dummyHash
	} else if err != nil {
		return nil, mapErr(err)
	}
	ok, err := argon2id.ComparePasswordAndHash(password, hash)
	if err != nil {
		return nil, err
	}
	// A service account never logs in with a password: it has tokens.
	if !ok || id == 0 || !active || service {
		if err := s.loginFailed(ctx, username, addr, id); err != nil {
			return nil, err
		}
		return nil, aduan.Errorf(aduan.EUNAUTHORIZED, "err.login_failed")
	}
	_, pair, _ := loginBuckets(username, addr)
	if err := s.Users().Reset(ctx, pair); err != nil {
		return nil, err
	}
	return s.Users().User(ctx, id)
}

// dummyHash is checked against when the user name is unknown. It is a
// literal, made once with argonParams (TestDummyHashHasTheParams keeps it
// so): computing it at start-up took 32 MB that stayed resident in every
// process until the first collection.
const dummyHash = "$argon2id$v=19$m=32768,t=2,p=2$ZZx8d79yVlkVeUtSCmOX0A$4+hccw+9lHcvxBOzEUaTyZQSaWr3osqv2h+deI2ibD4"

func randomToken(prefix string) string {
	b := make([]byte, 32)
	rand.Read(b)
	return prefix + base64.RawURLEncoding.EncodeToString(b)
}

func hashToken(t string) string {
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:])
}

// CreateSession starts a session for a user and returns its secret, which
// goes in the cookie; only its hash is stored, so a copy of the database
// does not let anyone log in.
func (ua *Users) CreateSession(ctx context.Context, userID int64, ttl time.Duration) (_ string, err error) {
	s := ua.s
	defer wrap(&err, "CreateSession(%d)", userID)
	tok := randomToken("s_")
	now := s.Now()
	err = s.tx(ctx, func(tx *sql.Tx) error {
		// Expired sessions go here rather than in a sweeper: log-ins are rare
		// enough and the index makes it cheap.
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at < $1`, ms(now)); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)`,
			hashToken(tok), userID, ms(now), ms(now.Add(ttl)))
		return err
	})
	return tok, err
}

// SessionUser returns the active user of a live session.
func (ua *Users) SessionUser(ctx context.Context, token string) (_ *aduan.User, err error) {
	s := ua.s
	defer wrap(&err, "SessionUser()")
	var uid int64
	err = s.rdb.QueryRowContext(ctx, `SELECT user_id FROM sessions WHERE id_hash = $1 AND expires_at > $2`, hashToken(token), ms(s.Now())).Scan(&uid)
	if err == sql.ErrNoRows {
		return nil, aduan.Errorf(aduan.EUNAUTHORIZED, "err.session_expired")
	}
	if err != nil {
		return nil, mapErr(err)
	}
	return s.activeUser(ctx, uid)
}

func (s *Store) activeUser(ctx context.Context, id int64) (*aduan.User, error) {
	u, err := s.Users().User(ctx, id)
	if err != nil {
		if aduan.ErrorCode(err) == aduan.ENOTFOUND {
			return nil, aduan.Errorf(aduan.EUNAUTHORIZED, "err.unauthorized")
		}
		return nil, err
	}
	if !u.Active {
		return nil, aduan.Errorf(aduan.EUNAUTHORIZED, "err.unauthorized")
	}
	return u, nil
}

// DeleteSession ends a session (log-out).
func (ua *Users) DeleteSession(ctx context.Context, token string) (err error) {
	s := ua.s
	defer wrap(&err, "DeleteSession()")
	_, err = s.wdb.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = $1`, hashToken(token))
	return mapErr(err)
}

// CreateToken makes an API token for a user and returns its secret, shown
// once. Users make their own. An admin (who may not see personal data) may
// make one for a service account only: a token for a person would let the
// admin act as that person. The system (the command line, run by whoever
// holds the database) may make one for anyone. Each is audited with whom
// it was made for.
func (ua *Users) CreateToken(ctx context.Context, actor aduan.Actor, userID int64, name string) (_ string, _ *aduan.APIToken, err error) {
	s := ua.s
	defer wrap(&err, "CreateToken(%d)", userID)
	other := actor.UserID != userID && !actor.IsSystem()
	if other {
		if err := actor.Require(aduan.PermTokenAdmin); err != nil {
			return "", nil, err
		}
	}
	name = strings.TrimSpace(name)
	var v aduan.Validation
	if name == "" {
		v.Add("name", "err.field.required")
	} else if len(name) > 100 {
		v.Add("name", "err.field.too_long", 100)
	}
	if err := v.Err(); err != nil {
		return "", nil, err
	}
	secret := randomToken("adn_")
	t := &aduan.APIToken{UserID: userID, Name: name, Prefix: secret[:10], CreatedAt: s.Now()}
	err = s.tx(ctx, func(tx *sql.Tx) error {
		u, err := s.user(ctx, tx, userID)
		if err != nil {
			return err
		}
		if other && !u.Service {
			return aduan.Errorf(aduan.EFORBIDDEN, "err.token.service_only")
		}
		if err := tx.QueryRowContext(ctx, `INSERT INTO api_tokens (user_id, name, prefix, hash, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			userID, name, t.Prefix, hashToken(secret), ms(t.CreatedAt)).Scan(&t.ID); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "token.create", "api_token", t.ID, nil, map[string]any{"user_id": u.ID, "username": u.Username,
			"service_account": u.Service, "name": t.Name, "prefix": t.Prefix})
	})
	if err != nil {
		return "", nil, err
	}
	return secret, t, nil
}

// Tokens lists a user's tokens (every user's, for userID 0 and an admin).
func (ua *Users) Tokens(ctx context.Context, actor aduan.Actor, userID int64) (_ []aduan.APIToken, err error) {
	s := ua.s
	defer wrap(&err, "Tokens(%d)", userID)
	if actor.UserID != userID {
		if err := actor.Require(aduan.PermTokenAdmin); err != nil {
			return nil, err
		}
	}
	var w where
	if userID != 0 {
		w.add("user_id = ?", userID)
	}
	rows, err := s.rdb.QueryContext(ctx, `SELECT id, user_id, name, prefix, created_at, last_used, revoked_at FROM api_tokens`+w.sql()+` ORDER BY id`, w.args...)
	if err != nil {
		return nil, mapErr(err)
	}
	defer rows.Close()
	var out []aduan.APIToken
	for rows.Next() {
		var t aduan.APIToken
		var c int64
		var lu, rv sql.NullInt64
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &t.Prefix, &c, &lu, &rv); err != nil {
			return nil, err
		}
		t.CreatedAt, t.LastUsed, t.RevokedAt = fromMS(c), nullMS(lu), nullMS(rv)
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeToken revokes a token; its owner or an admin may.
func (ua *Users) RevokeToken(ctx context.Context, actor aduan.Actor, id int64) (err error) {
	s := ua.s
	defer wrap(&err, "RevokeToken(%d)", id)
	return s.tx(ctx, func(tx *sql.Tx) error {
		var owner int64
		var rv sql.NullInt64
		err := tx.QueryRowContext(ctx, `SELECT user_id, revoked_at FROM api_tokens WHERE id = $1`, id).Scan(&owner, &rv)
		if err == sql.ErrNoRows {
			return notFound("token")
		}
		if err != nil {
			return err
		}
		if owner != actor.UserID {
			if err := actor.Require(aduan.PermTokenAdmin); err != nil {
				return notFound("token")
			}
		}
		if rv.Valid {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2`, ms(s.Now()), id); err != nil {
			return err
		}
		return s.audit(ctx, tx, actor, "token.revoke", "api_token", id, nil, nil)
	})
}

// TokenUser returns the active user of a valid, unrevoked token.
func (ua *Users) TokenUser(ctx context.Context, secret string) (_ *aduan.User, err error) {
	s := ua.s
	defer wrap(&err, "TokenUser()")
	u, _, err := s.Users().TokenAuth(ctx, secret)
	return u, err
}

// TokenAuth returns the active user of a valid, unrevoked token and the
// token as the request's credential.
func (ua *Users) TokenAuth(ctx context.Context, secret string) (_ *aduan.User, _ Credential, err error) {
	s := ua.s
	defer wrap(&err, "TokenAuth()")
	var id, uid int64
	var lu sql.NullInt64
	err = s.rdb.QueryRowContext(ctx, `SELECT id, user_id, last_used FROM api_tokens WHERE hash = $1 AND revoked_at IS NULL`, hashToken(secret)).Scan(&id, &uid, &lu)
	if err == sql.ErrNoRows {
		return nil, Credential{}, aduan.Errorf(aduan.EUNAUTHORIZED, "err.token_invalid")
	}
	if err != nil {
		return nil, Credential{}, mapErr(err)
	}
	// Record use at most once a minute: a write per request would make every
	// API read a write.
	now := s.Now()
	if !lu.Valid || ms(now)-lu.Int64 > 60_000 {
		if _, err := s.wdb.ExecContext(ctx, `UPDATE api_tokens SET last_used = $1 WHERE id = $2`, ms(now), id); err != nil {
			return nil, Credential{}, mapErr(err)
		}
	}
	u, err := s.activeUser(ctx, uid)
	return u, Credential{TokenID: id}, err
}
