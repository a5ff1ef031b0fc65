package store

import (
	"context"
	"database/sql"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
)

// checkDuplicateLink refuses, unless the operator confirmed it, a link of c
// to target that is likely a mistake: the original was received outside the
// duplicate window, is no longer open, or is of another category or agency.
// Linking merges the caller into the original, and the caller hears its
// answer (at once when it has one), so the refusal lists why, and the
// answer that would be sent, for the operator to confirm (in.Confirm).
func (s *Store) checkDuplicateLink(ctx context.Context, tx *sql.Tx, c, target *aduan.Complaint, confirm bool) error {
	if confirm {
		return nil
	}
	settings, err := s.RefData().SettingsTx(ctx, tx)
	if err != nil {
		return err
	}
	var fields []aduan.FieldError
	days, err := strconv.Atoi(strings.TrimSpace(settings["duplicate_window_days"]))
	if err != nil || days <= 0 {
		days = 14
	}
	gap := c.ReceivedAt.Sub(target.ReceivedAt)
	if gap < 0 {
		gap = -gap
	}
	if gap > time.Duration(days)*24*time.Hour {
		fields = append(fields, aduan.FieldError{Field: "confirm.window", Key: "err.field.duplicate_window",
			Args: []any{target.Number, int(gap.Hours() / 24), days}})
	}
	if !target.Status.Open() {
		fields = append(fields, aduan.FieldError{Field: "confirm.closed", Key: "err.field.duplicate_closed",
			Args: []any{target.Number, "status." + string(target.Status)}})
	}
	if c.CategoryID != 0 && target.CategoryID != 0 && c.CategoryID != target.CategoryID {
		fields = append(fields, aduan.FieldError{Field: "confirm.category", Key: "err.field.duplicate_category",
			Args: []any{c.CategoryName, target.CategoryName}})
	}
	if c.AgencyID != 0 && target.AgencyID != 0 && c.AgencyID != target.AgencyID {
		fields = append(fields, aduan.FieldError{Field: "confirm.agency", Key: "err.field.duplicate_agency",
			Args: []any{c.AgencyName, target.AgencyName}})
	}
	if len(fields) == 0 {
		return nil
	}
	if ans := DuplicateAnswer(target); ans != "" {
		fields = append(fields, aduan.FieldError{Field: "confirm.answer", Key: "err.field.duplicate_answer_now", Args: []any{ans}})
	} else {
		fields = append(fields, aduan.FieldError{Field: "confirm.answer", Key: "err.field.duplicate_answer_later", Args: []any{target.Number}})
	}
	fields = append(fields, aduan.FieldError{Field: "confirm", Key: "err.field.duplicate_confirm"})
	return &aduan.Error{Code: aduan.EINVALID, Key: "err.duplicate_confirm", Args: []any{target.Number}, Fields: fields}
}

// DuplicateAnswer is the answer a caller linked to the original now hears
// at once: the original's, once the call center has given it (answered,
// relayed or closed with an answer); empty while there is none yet, when
// the caller hears it with the original's relay.
func DuplicateAnswer(original *aduan.Complaint) string {
	switch original.Status {
	case aduan.StatusAnswered, aduan.StatusRelayed, aduan.StatusClosed:
		return strings.TrimSpace(original.Answer)
	}
	return ""
}

// CheckDuplicateDraft is checkDuplicateLink for a complaint not saved yet:
// the desk's "save & link as duplicate" asks the operator to confirm an
// unusual link before anything is saved, for the same reasons the
// complaint page gives. draft carries what the form has (its receipt time,
// category, agency).
func (cp *Complaints) CheckDuplicateDraft(ctx context.Context, actor aduan.Actor, draft *aduan.Complaint, targetID int64, confirm bool) (err error) {
	s := cp.s
	defer wrap(&err, "CheckDuplicateDraft(%d)", targetID)
	tx, err := s.rdb.BeginTx(ctx, nil)
	if err != nil {
		return mapErr(err)
	}
	defer tx.Rollback()
	target, err := s.complaint(ctx, tx, targetID)
	if err != nil || !actor.CanSeeComplaint(target) {
		return fieldErr("duplicate_of", "err.field.unknown")
	}
	if target.Status == aduan.StatusDuplicate && target.DuplicateOf != 0 {
		// Linked to the original, as the step itself does.
		if target, err = s.complaint(ctx, tx, target.DuplicateOf); err != nil {
			return err
		}
	}
	d := *draft
	if d.CategoryID != 0 {
		if k, err := s.RefData().Category(ctx, d.CategoryID); err == nil {
			d.CategoryName = k.Name
		}
	}
	if d.AgencyID != 0 {
		if a, err := s.RefData().Agency(ctx, d.AgencyID); err == nil {
			d.AgencyName = a.Name
		}
	}
	return s.checkDuplicateLink(ctx, tx, &d, target, confirm)
}
