package store

import (
	"net/netip"
	"net/url"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
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
