package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/netip"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/report"
)

// MonthlyDueWorkdays reads the setting report_monthly_due_workdays: the
// working day after a period's end by whose close its monthly report is
// due. A missing or broken value falls back to the default.
func MonthlyDueWorkdays(settings map[string]string) int {
	if n, err := strconv.Atoi(strings.TrimSpace(settings["report_monthly_due_workdays"])); err == nil && n > 0 {
		return n
	}
	n, _ := strconv.Atoi(aduan.DefaultSettings()["report_monthly_due_workdays"])
	return n
}

// PublicURLProblem reports whether u cannot be printed on a final document
// as the address where anyone verifies it: unset, not http(s), or a
// loopback, unspecified or bare local host that only this machine reaches.
func PublicURLProblem(u string) bool {
	p, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (p.Scheme != "http" && p.Scheme != "https") || p.Hostname() == "" {
		return true
	}
	host := strings.ToLower(p.Hostname())
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		return ip.IsLoopback() || ip.IsUnspecified()
	}
	return false
}

// checkPublicURL refuses a final document while the verification address
// it would print is one nobody else can open (the setting public_base_url).
func checkPublicURL(settings map[string]string) error {
	u, ok := settings["public_base_url"]
	if !ok {
		u = aduan.DefaultSettings()["public_base_url"]
	}
	if PublicURLProblem(u) {
		return aduan.Errorf(aduan.ETRANSITION, "err.report.public_base_url", strings.TrimSpace(u))
	}
	return nil
}

// checkOneFinal refuses to submit or initial a monthly (or annual) report while another
// report of the same period and scope (filters) is final: the office signs
// one report per period and scope. It runs in the transaction that writes
// the step.
func checkOneFinal(ctx context.Context, tx *sql.Tx, r *report.Report) error {
	filters, err := json.Marshal(r.Filter)
	if err != nil {
		return err
	}
	var id int64
	// The report a correction corrects, and any report already superseded,
	// do not count: the correction replaces the one, the other is replaced.
	err = tx.QueryRowContext(ctx, `SELECT id FROM reports WHERE kind = $6 AND status = 'complete' AND period_from = $1 AND period_to = $2
		AND filters = $3 AND id <> $4 AND id <> $5 AND superseded_by IS NULL ORDER BY id LIMIT 1`, ms(r.From), ms(r.To), string(filters), r.ID, r.CorrectsID, string(r.Kind)).Scan(&id)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	return aduan.Errorf(aduan.ECONFLICT, "err.report.final_exists", r.Title, id)
}

// correctable returns the final monthly report that in.Corrects names, if
// the actor may start a correction of it: it is initialled and not yet
// superseded, and no other correction of it is under way.
func (s *Store) correctable(ctx context.Context, actor aduan.Actor, in report.NewReport) (*report.Report, error) {
	if !in.Kind.Reviewed() {
		return nil, fieldErr("corrects", "err.report.correct_reviewed")
	}
	old, err := s.report(ctx, s.rdb, in.Corrects)
	if err != nil || !report.CanSee(actor, old) {
		return nil, fieldErr("corrects", "err.field.unknown")
	}
	if old.Kind != in.Kind || old.Status != report.StatusComplete {
		return nil, fieldErr("corrects", "err.report.correct_final")
	}
	if old.SupersededBy != 0 {
		return nil, aduan.Errorf(aduan.ECONFLICT, "err.report.superseded", old.Title, old.SupersededBy)
	}
	var other int64
	err = s.rdb.QueryRowContext(ctx, `SELECT id FROM reports WHERE corrects_id = $1 AND status <> 'complete' ORDER BY id LIMIT 1`, old.ID).Scan(&other)
	if err == nil {
		return nil, aduan.Errorf(aduan.ECONFLICT, "err.report.correction_open", other)
	}
	if err != sql.ErrNoRows {
		return nil, mapErr(err)
	}
	return old, nil
}

// supersede marks the report that the correction r corrects as replaced
// by it, in the paraf's transaction; a report another correction replaced
// meanwhile refuses the paraf.
func supersede(ctx context.Context, tx *sql.Tx, r *report.Report, now time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE reports SET superseded_by = $1, superseded_at = $2, version = version + 1
		WHERE id = $3 AND status = 'complete' AND superseded_by IS NULL`, r.ID, ms(now), r.CorrectsID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return aduan.Errorf(aduan.ECONFLICT, "err.report.superseded", r.Title, r.CorrectsID)
	}
	return nil
}

// HeadTeller tells a Pimpinan PD, inside the paraf's transaction, its
// agency's figures in the city's final monthly report r (fig nil: the
// agency had no complaint that month).
type HeadTeller func(ctx context.Context, tx *sql.Tx, r *report.Report, head aduan.User, fig *report.AgencyStat) error

// tellAgencyHeads tells every Pimpinan PD, in the paraf's transaction,
// that the city's monthly report r is final: its agency's figures of the
// month are on its reports page (in-app; the message names the paraf's
// time), and, through tell, by message.
func (s *Store) tellAgencyHeads(ctx context.Context, tx *sql.Tx, r *report.Report, now time.Time, tell HeadTeller) error {
	if err := s.notifyRole(ctx, tx, aduan.RolePimpinanPD, Notification{Kind: "report_final", Step: aduan.StepMonthlyReport, DueAt: &now}); err != nil {
		return err
	}
	if tell == nil {
		return nil
	}
	var m report.MonthlyData
	if cur := r.Current(); cur == nil || json.Unmarshal(cur.Data, &m) != nil {
		return fmt.Errorf("report %d: the final figures cannot be read", r.ID)
	}
	heads, err := s.Users().UsersTx(ctx, tx, aduan.RolePimpinanPD, 0)
	if err != nil {
		return err
	}
	for _, h := range heads {
		var fig *report.AgencyStat
		for i := range m.Agencies {
			if m.Agencies[i].ID == h.AgencyID {
				fig = &m.Agencies[i]
			}
		}
		if err := tell(ctx, tx, r, h, fig); err != nil {
			return err
		}
	}
	return nil
}

// tellReviewers tells every active Kasi/Kabid, in the submission's
// transaction, that the monthly report r awaits their paraf (in-app; the
// notice leads to the report). Each submission is its own notice: a
// report returned and sent again asks again.
func (s *Store) tellReviewers(ctx context.Context, tx *sql.Tx, r *report.Report, now time.Time) error {
	return s.notifyRole(ctx, tx, aduan.RoleKasiKabid, Notification{ReportID: r.ID, Kind: "report_paraf", Step: aduan.StepReportReview, DueAt: &now})
}

// notifyRole gives each active user of the role a copy of the notice n.
func (s *Store) notifyRole(ctx context.Context, tx *sql.Tx, role aduan.Role, n Notification) error {
	users, err := s.Users().UsersTx(ctx, tx, role, 0)
	if err != nil {
		return err
	}
	for _, u := range users {
		c := n
		c.UserID = u.ID
		if _, err := s.Messages().InsertNotification(ctx, tx, &c); err != nil {
			return err
		}
	}
	return nil
}
