package store

import (
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
