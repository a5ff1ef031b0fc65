package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"net/netip"
	"net/url"
	"strconv"
	"strings"

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

// checkOneFinal refuses to submit or initial a monthly report while another
// report of the same period and scope (filters) is final: the office signs
// one report per period and scope. It runs in the transaction that writes
// the step.
func checkOneFinal(ctx context.Context, tx *sql.Tx, r *report.Report) error {
	filters, err := json.Marshal(r.Filter)
	if err != nil {
		return err
	}
	var id int64
	err = tx.QueryRowContext(ctx, `SELECT id FROM reports WHERE kind = 'monthly' AND status = 'complete' AND period_from = $1 AND period_to = $2
		AND filters = $3 AND id <> $4 ORDER BY id LIMIT 1`, ms(r.From), ms(r.To), string(filters), r.ID).Scan(&id)
	if err == sql.ErrNoRows {
		return nil
	}
	if err != nil {
		return err
	}
	return aduan.Errorf(aduan.ECONFLICT, "err.report.final_exists", r.Title, id)
}
