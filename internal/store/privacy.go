package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/attach"
	"github.com/kotakita/aduan/internal/phone"
)

// Privacy is the store's part of the personal-data duties (UU 27/2022):
// retention, data subjects' requests and the breach log. Every method
// checks its permission (aduan's role table) and audits what it does.
type Privacy struct {
	s *Store
}

// Privacy returns the personal-data part of the store.
func (s *Store) Privacy() *Privacy { return &Privacy{s: s} }

// doneSQL selects done complaints (closed, merged, rejected): the opposite
// of openSQL.
const doneSQL = "c.status IN ('closed', 'duplicate', 'rejected')"

// anonScope is what one anonymisation covers.
type anonScope struct {
	Citizen *aduan.Citizen
	// Complaints are the done complaints whose texts lose the identity;
	// open ones are never touched.
	Complaints []int64
	// KeepIdentity keeps the citizen's own row (they still have open
	// complaints, which need it to reach them).
	KeepIdentity bool
	// DeletePhotos deletes the complaints' photos too (an erasure; the
	// retention job leaves photos to their own period).
	DeletePhotos bool
	// Why is recorded in the audit: retention or erasure.
	Why string
}

// anonResult counts what an anonymisation changed.
type anonResult struct {
	Complaints, Events, Messages, Photos, Audit int
	// Files to delete from storage once the transaction has committed.
	Files []string
}

// phoneForms are the ways a number is written in message addresses:
// +62812…, 62812…, 0812….
func phoneForms(e164 string) []string {
	if e164 == "" {
		return nil
	}
	m := phone.MSISDN(e164)
	return []string{e164, m, "0" + strings.TrimPrefix(m, "62")}
}

// inList returns "$n, $n+1, …" for the values, appended to args.
func inList(args *[]any, vals []any) string {
	var b strings.Builder
	for i, v := range vals {
		if i > 0 {
			b.WriteString(", ")
		}
		*args = append(*args, v)
		fmt.Fprintf(&b, "$%d", len(*args))
	}
	return b.String()
}

func int64s(ids []int64) []any {
	out := make([]any, len(ids))
	for i, v := range ids {
		out[i] = v
	}
	return out
}

// anonymise removes a person's identity from everything kept about them:
// the one function behind the retention job and an erasure request. The
// complaints stay (status, category, place, agency, events and their
// timings: the figures do not change); their texts, answers and event
// details lose the person's name, address, phone numbers and e-mail; their
// messages lose the addresses and the identity in the text; audit
// snapshots about them are redacted; the citizen row is blanked unless
// KeepIdentity. It runs inside tx and returns what it changed.
func (p *Privacy) anonymise(ctx context.Context, tx *sql.Tx, actor aduan.Actor, sc anonScope) (anonResult, error) {
	s := p.s
	var res anonResult
	cz := sc.Citizen
	var former []aduan.Citizen
	if cz != nil && cz.ID != 0 {
		var err error
		if former, err = formerIdentities(ctx, tx, cz.ID); err != nil {
			return res, err
		}
	}
	// What was typed about the caller on their complaints through channels
	// that prove nothing (stated identities) is theirs too, or a stranger's
	// word about them: it goes from the texts, and its rows go.
	for _, id := range sc.Complaints {
		st, err := s.statedIdentity(ctx, tx, id)
		if aduan.ErrorCode(err) == aduan.ENOTFOUND {
			continue
		}
		if err != nil {
			return res, err
		}
		former = append(former, aduan.Citizen{Name: st.Name, Email: st.Email, Address: st.Address})
	}
	red := newPersonRedactor(cz, former...)
	now := s.Now()
	var msgIDs []int64
	for _, id := range sc.Complaints {
		c, err := s.complaint(ctx, tx, id)
		if err != nil {
			return res, err
		}
		if c.Open() {
			return res, fmt.Errorf("anonymise: complaint %d is open", id)
		}
		c.Text, c.Address, c.Answer, c.AgencyAnswer, c.ReturnReason = red.text(c.Text), red.text(c.Address), red.text(c.Answer), red.text(c.AgencyAnswer), red.text(c.ReturnReason)
		// The version moves (an editor holding the old text gets a
		// conflict); updated_at does not, since the figures read it.
		if _, err := tx.ExecContext(ctx, `UPDATE complaints SET text = $1, address = $2, answer = $3, agency_answer = $4, return_reason = $5, version = version + 1 WHERE id = $6`,
			c.Text, c.Address, c.Answer, c.AgencyAnswer, c.ReturnReason, id); err != nil {
			return res, err
		}
		c.Version++
		if err := s.indexComplaint(ctx, tx, c); err != nil {
			return res, err
		}
		res.Complaints++
		n, err := p.redactEvents(ctx, tx, id, red)
		if err != nil {
			return res, err
		}
		res.Events += n
		for _, q := range []string{
			`UPDATE survey_invitations SET phone = '' WHERE complaint_id = $1`,
			`UPDATE complaint_sources SET client_ip = '', device_id = '', account_id = '' WHERE complaint_id = $1`,
			`DELETE FROM idempotency_keys WHERE complaint_id = $1`,
			`DELETE FROM stated_identities WHERE complaint_id = $1`,
			`UPDATE attachments SET filename = '', lat = NULL, lng = NULL WHERE complaint_id = $1`,
			// The survey's scores stay (they are the IKM); the respondent's
			// details, with the complaint, could name them.
			`UPDATE skm_responses SET age = NULL, sex = '', education = '', job = '' WHERE complaint_id = $1`,
		} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return res, fmt.Errorf("anonymise complaint %d: %w", id, err)
			}
		}
		if err := p.redactColumn(ctx, tx, `survey_responses`, `comment`, `complaint_id = $1`, id, red); err != nil {
			return res, err
		}
		if err := p.redactColumn(ctx, tx, `skm_responses`, `comment`, `complaint_id = $1`, id, red); err != nil {
			return res, err
		}
		if err := p.redactColumn(ctx, tx, `open311_updates`, `description`, `complaint_id = $1`, id, red); err != nil {
			return res, err
		}
	}
	// Messages: those of the cleaned complaints, and those to or from the
	// person that no complaint holds (unmatched replies).
	var addrs []any
	if cz != nil {
		for _, a := range phoneForms(string(cz.Phone)) {
			addrs = append(addrs, a)
		}
		if cz.Email != "" {
			addrs = append(addrs, cz.Email)
		}
	}
	var args []any
	var conds []string
	if len(sc.Complaints) > 0 {
		conds = append(conds, "complaint_id IN ("+inList(&args, int64s(sc.Complaints))+")")
	}
	if len(addrs) > 0 {
		in := inList(&args, addrs)
		conds = append(conds, "(complaint_id IS NULL AND (from_addr IN ("+in+") OR to_addr IN ("+in+")))")
	}
	if len(conds) > 0 {
		rows, err := tx.QueryContext(ctx, `SELECT id, to_addr, from_addr, subject, body FROM messages WHERE `+strings.Join(conds, " OR ")+` ORDER BY id`, args...)
		if err != nil {
			return res, err
		}
		type msg struct {
			id                   int64
			to, from, subj, body string
		}
		var msgs []msg
		for rows.Next() {
			var m msg
			if err := rows.Scan(&m.id, &m.to, &m.from, &m.subj, &m.body); err != nil {
				rows.Close()
				return res, err
			}
			msgs = append(msgs, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return res, err
		}
		own := map[string]bool{}
		for _, a := range addrs {
			own[strings.ToLower(a.(string))] = true
		}
		for _, m := range msgs {
			to, from := m.to, m.from
			// An agency's address is not the person's; theirs goes.
			if own[strings.ToLower(to)] {
				to = ""
			}
			if own[strings.ToLower(from)] {
				from = ""
			}
			if _, err := tx.ExecContext(ctx, `UPDATE messages SET to_addr = $1, from_addr = $2, subject = $3, body = $4, params = '[]', updated_at = $5 WHERE id = $6`,
				to, from, red.text(m.subj), red.text(m.body), ms(now), m.id); err != nil {
				return res, err
			}
			msgIDs = append(msgIDs, m.id)
		}
		res.Messages = len(msgs)
	}
	if len(msgIDs) > 0 {
		var a []any
		if _, err := tx.ExecContext(ctx, `UPDATE attachments SET filename = '', lat = NULL, lng = NULL WHERE message_id IN (`+inList(&a, int64s(msgIDs))+`)`, a...); err != nil {
			return res, err
		}
	}
	if sc.DeletePhotos {
		var a []any
		var c []string
		if len(sc.Complaints) > 0 {
			c = append(c, "complaint_id IN ("+inList(&a, int64s(sc.Complaints))+")")
		}
		if len(msgIDs) > 0 {
			c = append(c, "message_id IN ("+inList(&a, int64s(msgIDs))+")")
		}
		if len(c) > 0 {
			files, n, err := p.deleteAttachments(ctx, tx, strings.Join(c, " OR "), a...)
			if err != nil {
				return res, err
			}
			res.Files, res.Photos = files, n
		}
	}
	// The contact log: the calls of the cleaned complaints, and those from
	// the person's number that no complaint holds (a missed call, a prank
	// call): their number and what the operator noted go.
	var contactIDs []int64
	{
		var a []any
		var c []string
		if len(sc.Complaints) > 0 {
			c = append(c, "complaint_id IN ("+inList(&a, int64s(sc.Complaints))+")")
		}
		if cz != nil && cz.Phone != "" && !sc.KeepIdentity {
			c = append(c, "phone = "+inList(&a, []any{string(cz.Phone)}))
		}
		if len(c) > 0 {
			rows, err := tx.QueryContext(ctx, `SELECT id FROM contacts WHERE `+strings.Join(c, " OR ")+` ORDER BY id`, a...)
			if err != nil {
				return res, fmt.Errorf("anonymise contacts: %w", err)
			}
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return res, err
				}
				contactIDs = append(contactIDs, id)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return res, err
			}
			for _, id := range contactIDs {
				if err := p.redactColumn(ctx, tx, `contacts`, `note`, `id = $1`, id, red); err != nil {
					return res, err
				}
				if _, err := tx.ExecContext(ctx, `UPDATE contacts SET phone = '' WHERE id = $1`, id); err != nil {
					return res, fmt.Errorf("anonymise contact %d: %w", id, err)
				}
			}
		}
	}
	// The audit log's snapshots of the person, their complaints and
	// messages.
	{
		var a []any
		var c []string
		if cz != nil {
			c = append(c, "(entity = 'citizen' AND entity_id = "+inList(&a, []any{fmt.Sprint(cz.ID)})+")")
		}
		if len(sc.Complaints) > 0 {
			ids := make([]any, len(sc.Complaints))
			for i, id := range sc.Complaints {
				ids[i] = fmt.Sprint(id)
			}
			c = append(c, "(entity = 'complaint' AND entity_id IN ("+inList(&a, ids)+"))")
		}
		if len(contactIDs) > 0 {
			ids := make([]any, len(contactIDs))
			for i, id := range contactIDs {
				ids[i] = fmt.Sprint(id)
			}
			c = append(c, "(entity = 'contact' AND entity_id IN ("+inList(&a, ids)+"))")
		}
		if len(msgIDs) > 0 {
			ids := make([]any, len(msgIDs))
			for i, id := range msgIDs {
				ids[i] = fmt.Sprint(id)
			}
			c = append(c, "(entity = 'message' AND entity_id IN ("+inList(&a, ids)+"))")
		}
		if len(c) > 0 {
			n, _, err := p.redactAudit(ctx, tx, "("+strings.Join(c, " OR ")+")", a, red, 0)
			if err != nil {
				return res, err
			}
			res.Audit = n
		}
	}
	if cz != nil && !sc.KeepIdentity {
		if _, err := tx.ExecContext(ctx, `UPDATE citizens SET name = '', phone = NULL, email = '', address = '', kelurahan_code = NULL,
			anonymised_at = $1, updated_at = $1, version = version + 1 WHERE id = $2`, ms(now), cz.ID); err != nil {
			return res, err
		}
	}
	if cz != nil {
		after := map[string]any{"why": sc.Why, "complaints": res.Complaints, "events": res.Events, "messages": res.Messages,
			"photos": res.Photos, "audit": res.Audit, "identity_kept": sc.KeepIdentity}
		if err := s.audit(ctx, tx, actor, "privacy.anonymise", "citizen", cz.ID, nil, after); err != nil {
			return res, err
		}
	}
	return res, nil
}

// redactEvents redacts the details of a complaint's events (the only part
// of an event the append-only trigger lets change).
func (p *Privacy) redactEvents(ctx context.Context, tx *sql.Tx, complaintID int64, red *personRedactor) (int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, details FROM complaint_events WHERE complaint_id = $1 ORDER BY id`, complaintID)
	if err != nil {
		return 0, err
	}
	type ev struct {
		id  int64
		det string
	}
	var evs []ev
	for rows.Next() {
		var e ev
		if err := rows.Scan(&e.id, &e.det); err != nil {
			rows.Close()
			return 0, err
		}
		evs = append(evs, e)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, err
	}
	n := 0
	for _, e := range evs {
		d := red.details(e.det)
		if d == e.det {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE complaint_events SET details = $1 WHERE id = $2`, d, e.id); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// redactColumn redacts one text column of the rows of table that match
// cond (with the one argument arg).
func (p *Privacy) redactColumn(ctx context.Context, tx *sql.Tx, table, col, cond string, arg any, red *personRedactor) error {
	rows, err := tx.QueryContext(ctx, `SELECT id, `+col+` FROM `+table+` WHERE `+cond, arg)
	if err != nil {
		return err
	}
	type row struct {
		id int64
		v  string
	}
	var rs []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.v); err != nil {
			rows.Close()
			return err
		}
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, r := range rs {
		if v := red.text(r.v); v != r.v {
			if _, err := tx.ExecContext(ctx, `UPDATE `+table+` SET `+col+` = $1 WHERE id = $2`, v, r.id); err != nil {
				return err
			}
		}
	}
	return nil
}

// redactAudit redacts the snapshots of the audit records matching cond
// (limit 0: all of them), in ID order, and marks them redacted; it returns
// how many and the last one's ID.
func (p *Privacy) redactAudit(ctx context.Context, tx *sql.Tx, cond string, args []any, red *personRedactor, limit int) (int, int64, error) {
	q := `SELECT id, before_json, after_json FROM audit_log WHERE ` + cond + ` ORDER BY id`
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return 0, 0, err
	}
	type row struct {
		id            int64
		before, after string
	}
	var rs []row
	for rows.Next() {
		var r row
		if err := rows.Scan(&r.id, &r.before, &r.after); err != nil {
			rows.Close()
			return 0, 0, err
		}
		rs = append(rs, r)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return 0, 0, err
	}
	now := ms(p.s.Now())
	var last int64
	for _, r := range rs {
		if _, err := tx.ExecContext(ctx, `UPDATE audit_log SET before_json = $1, after_json = $2, redacted_at = $3 WHERE id = $4`,
			red.json(r.before), red.json(r.after), now, r.id); err != nil {
			return 0, 0, err
		}
		last = r.id
	}
	return len(rs), last, nil
}

// deleteAttachments deletes the attachment rows matching cond and returns
// their files' keys (deleted from storage after the commit).
func (p *Privacy) deleteAttachments(ctx context.Context, tx *sql.Tx, cond string, args ...any) ([]string, int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, storage_key, thumb_key FROM attachments WHERE `+cond, args...)
	if err != nil {
		return nil, 0, err
	}
	var files []string
	var ids []int64
	for rows.Next() {
		var id int64
		var k, t string
		if err := rows.Scan(&id, &k, &t); err != nil {
			rows.Close()
			return nil, 0, err
		}
		ids = append(ids, id)
		for _, f := range []string{k, t} {
			if f != "" {
				files = append(files, f)
			}
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, 0, err
	}
	if len(ids) == 0 {
		return nil, 0, nil
	}
	var a []any
	if _, err := tx.ExecContext(ctx, `DELETE FROM attachments WHERE id IN (`+inList(&a, int64s(ids))+`)`, a...); err != nil {
		return nil, 0, err
	}
	return files, len(ids), nil
}

// removeFiles deletes stored files after their rows are gone. A file that
// cannot be deleted is reported, not fatal: its record is already gone, so
// nothing shows it, and the next run of a cleaner may take it.
func removeFiles(ctx context.Context, files attach.Storage, keys []string) (failed int) {
	if files == nil {
		return len(keys)
	}
	for _, k := range keys {
		if err := files.Delete(ctx, k); err != nil {
			failed++
		}
	}
	return failed
}

// citizenComplaints lists the IDs of a citizen's complaints, done ones and
// open ones apart.
func (p *Privacy) citizenComplaints(ctx context.Context, q queryer, citizenID int64) (done, open []int64, err error) {
	rows, err := q.QueryContext(ctx, `SELECT c.id, CASE WHEN `+doneSQL+` THEN 1 ELSE 0 END FROM complaints c WHERE c.citizen_id = $1 ORDER BY c.id`, citizenID)
	if err != nil {
		return nil, nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		var d int
		if err := rows.Scan(&id, &d); err != nil {
			return nil, nil, err
		}
		if d == 1 {
			done = append(done, id)
		} else {
			open = append(open, id)
		}
	}
	return done, open, rows.Err()
}

// RetentionCounts counts what retention anonymises or erases, per kind.
type RetentionCounts struct {
	Citizens   int64 `json:"citizens"`   // anonymised citizens
	Complaints int64 `json:"complaints"` // their complaints, texts cleaned
	Messages   int64 `json:"messages"`   // messages whose bodies and addresses were erased
	Photos     int64 `json:"photos"`     // photos deleted
	Audit      int64 `json:"audit"`      // audit records whose snapshots were redacted
	// InfoRequests: public-information requests whose requester was
	// anonymised (on the personal-data period, ppid_privacy.go).
	InfoRequests int64 `json:"info_requests"`
}

// RetentionReport is a retention run or its dry run.
type RetentionReport struct {
	DryRun bool                            `json:"dry_run"`
	At     time.Time                       `json:"at"`
	Days   map[aduan.RetentionKind]int     `json:"days"`
	Cutoff map[aduan.RetentionKind]*string `json:"cutoff"`
	Counts RetentionCounts                 `json:"counts"`
	// FilesLeft counts photo files whose records went but whose deletion
	// from storage failed (or no storage was given).
	FilesLeft int `json:"files_left,omitempty"`
}

// The candidates of each kind; the dry run counts them with the same
// conditions as the run selects them, so the two agree.
const (
	retainPersonalSQL = `cz.anonymised_at IS NULL AND cz.updated_at < $1 AND NOT EXISTS (SELECT 1 FROM complaints c WHERE c.citizen_id = cz.id
		AND (NOT (` + doneSQL + `) OR COALESCE(c.closed_at, c.updated_at) >= $1))`
	retainMessagesSQL = `m.erased_at IS NULL AND m.created_at < $1 AND (m.complaint_id IS NULL OR EXISTS (SELECT 1 FROM complaints c
		WHERE c.id = m.complaint_id AND ` + doneSQL + ` AND COALESCE(c.closed_at, c.updated_at) < $1))`
	retainPhotosSQL = `a.created_at < $1 AND (a.complaint_id IS NULL OR EXISTS (SELECT 1 FROM complaints c
		WHERE c.id = a.complaint_id AND ` + doneSQL + ` AND COALESCE(c.closed_at, c.updated_at) < $1))`
	// Audit snapshots of citizens, complaints, messages and requests carry
	// personal values; those of users, settings and reference data do not
	// concern citizens and stay.
	retainAuditSQL = `redacted_at IS NULL AND at < $1 AND entity IN ('citizen', 'complaint', 'message', 'privacy_request')
		AND (before_json <> '' OR after_json <> '')`
)

// retentionBatch bounds one transaction of the run.
const retentionBatch = 200

// Retention anonymises and erases what the retention settings say has been
// kept long enough, or with dryRun only counts it. Photo files are deleted
// from files after their records. The run is audited (the system's runs
// as "sistem").
func (p *Privacy) Retention(ctx context.Context, actor aduan.Actor, dryRun bool, files attach.Storage) (rep *RetentionReport, err error) {
	defer wrap(&err, "Privacy.Retention(dry run %v)", dryRun)
	if err := actor.Require(aduan.PermPrivacyRetention); err != nil {
		return nil, err
	}
	s := p.s
	set, err := s.RefData().Settings(ctx)
	if err != nil {
		return nil, err
	}
	now := s.Now()
	rep = &RetentionReport{DryRun: dryRun, At: now, Days: map[aduan.RetentionKind]int{}, Cutoff: map[aduan.RetentionKind]*string{}}
	cut := map[aduan.RetentionKind]int64{}
	for _, k := range aduan.RetentionKinds {
		d := aduan.RetentionDays(set, k)
		rep.Days[k] = d
		if t, ok := aduan.RetentionCutoff(now, d); ok {
			cut[k] = ms(t)
			v := t.In(aduan.WIB).Format(time.RFC3339)
			rep.Cutoff[k] = &v
		}
	}
	count := func(q string, k aduan.RetentionKind) (int64, error) {
		c, ok := cut[k]
		if !ok {
			return 0, nil
		}
		var n int64
		err := s.rdb.QueryRowContext(ctx, q, c).Scan(&n)
		return n, err
	}
	if dryRun {
		c := &rep.Counts
		if c.Citizens, err = count(`SELECT COUNT(*) FROM citizens cz WHERE `+retainPersonalSQL, aduan.RetainPersonal); err != nil {
			return nil, mapErr(err)
		}
		if c.Complaints, err = count(`SELECT COUNT(*) FROM complaints WHERE citizen_id IN (SELECT cz.id FROM citizens cz WHERE `+retainPersonalSQL+`)`, aduan.RetainPersonal); err != nil {
			return nil, mapErr(err)
		}
		if c.Messages, err = count(`SELECT COUNT(*) FROM messages m WHERE `+retainMessagesSQL, aduan.RetainMessages); err != nil {
			return nil, mapErr(err)
		}
		if c.Photos, err = count(`SELECT COUNT(*) FROM attachments a WHERE `+retainPhotosSQL, aduan.RetainPhotos); err != nil {
			return nil, mapErr(err)
		}
		if c.Audit, err = count(`SELECT COUNT(*) FROM audit_log WHERE `+retainAuditSQL, aduan.RetainAudit); err != nil {
			return nil, mapErr(err)
		}
		if cu, ok := cut[aduan.RetainPersonal]; ok {
			if c.InfoRequests, err = s.PPID().retainInfo(ctx, actor, cu, true); err != nil {
				return nil, err
			}
		}
		return rep, s.tx(ctx, func(tx *sql.Tx) error {
			return s.audit(ctx, tx, actor, "privacy.retention_dry_run", "privacy", 0, nil, rep)
		})
	}
	// The audit snapshots first: the anonymisation below redacts the
	// snapshots of its citizens too, and would take them from this count.
	if c, ok := cut[aduan.RetainAudit]; ok {
		generic := newPersonRedactor(nil)
		// In ID order from where the last batch ended: the audit log is
		// the largest table, and old records come first.
		var after int64
		for {
			var n int
			var last int64
			err := s.tx(ctx, func(tx *sql.Tx) error {
				var err error
				n, last, err = p.redactAudit(ctx, tx, retainAuditSQL+` AND id > $2`, []any{c, after}, generic, retentionBatch)
				return err
			})
			if err != nil {
				return nil, err
			}
			rep.Counts.Audit += int64(n)
			if n < retentionBatch {
				break
			}
			after = last
		}
	}
	if c, ok := cut[aduan.RetainMessages]; ok {
		err := s.tx(ctx, func(tx *sql.Tx) error {
			r, err := tx.ExecContext(ctx, `UPDATE messages SET subject = '', body = '', params = '[]', to_addr = '', from_addr = '', erased_at = $2, updated_at = $2
				WHERE id IN (SELECT m.id FROM messages m WHERE `+retainMessagesSQL+`)`, c, ms(now))
			if err != nil {
				return err
			}
			n, _ := r.RowsAffected()
			rep.Counts.Messages = n
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if c, ok := cut[aduan.RetainPhotos]; ok {
		for {
			var keys []string
			var n int
			err := s.tx(ctx, func(tx *sql.Tx) error {
				var err error
				keys, n, err = p.deleteAttachments(ctx, tx, `id IN (SELECT a.id FROM attachments a WHERE `+retainPhotosSQL+` ORDER BY a.id LIMIT `+fmt.Sprint(retentionBatch)+`)`, c)
				return err
			})
			if err != nil {
				return nil, err
			}
			rep.Counts.Photos += int64(n)
			rep.FilesLeft += removeFiles(ctx, files, keys)
			if n < retentionBatch {
				break
			}
		}
	}
	if c, ok := cut[aduan.RetainPersonal]; ok {
		if rep.Counts.InfoRequests, err = s.PPID().retainInfo(ctx, actor, c, false); err != nil {
			return nil, err
		}
		var after int64 // citizens in ID order from where the last batch ended
		for {
			var ids []int64
			rows, err := s.rdb.QueryContext(ctx, `SELECT cz.id FROM citizens cz WHERE `+retainPersonalSQL+` AND cz.id > $2 ORDER BY cz.id LIMIT `+fmt.Sprint(retentionBatch), c, after)
			if err != nil {
				return nil, mapErr(err)
			}
			for rows.Next() {
				var id int64
				if err := rows.Scan(&id); err != nil {
					rows.Close()
					return nil, err
				}
				ids = append(ids, id)
			}
			rows.Close()
			if err := rows.Err(); err != nil {
				return nil, mapErr(err)
			}
			var keys []string
			var cit, comp int64
			err = s.tx(ctx, func(tx *sql.Tx) error {
				// SQLite's group commit may run fn again: count afresh.
				keys, cit, comp = nil, 0, 0
				for _, id := range ids {
					// Checked again inside the transaction: a complaint may
					// have been reopened since the list was read.
					var ok int
					if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM citizens cz WHERE cz.id = $2 AND `+retainPersonalSQL, c, id).Scan(&ok); err != nil {
						return err
					}
					if ok == 0 {
						continue
					}
					cz, err := s.citizen(ctx, tx, id)
					if err != nil {
						return err
					}
					done, _, err := p.citizenComplaints(ctx, tx, id)
					if err != nil {
						return err
					}
					r, err := p.anonymise(ctx, tx, actor, anonScope{Citizen: cz, Complaints: done, Why: "retention"})
					if err != nil {
						return err
					}
					keys = append(keys, r.Files...)
					cit++
					comp += int64(r.Complaints)
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
			rep.Counts.Citizens += cit
			rep.Counts.Complaints += comp
			rep.FilesLeft += removeFiles(ctx, files, keys)
			if len(ids) < retentionBatch {
				break
			}
			after = ids[len(ids)-1]
		}
	}
	return rep, s.tx(ctx, func(tx *sql.Tx) error {
		return s.audit(ctx, tx, actor, "privacy.retention", "privacy", 0, nil, rep)
	})
}
