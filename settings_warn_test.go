package aduan_test

import (
	"testing"

	"github.com/kotakita/aduan"
)

// TestWarnPercentSetting: the warning's percent of a step's standard is a
// setting, for every step or per step; a value that cannot be read is
// refused when saved and never used.
func TestWarnPercentSetting(t *testing.T) {
	for _, c := range []struct {
		value string
		step  aduan.StepKey
		want  float64
	}{
		{"", aduan.StepForward, 0.8},
		{"70", aduan.StepForward, 0.7},
		{"70; forward=50", aduan.StepForward, 0.5},
		{"70; forward=50", aduan.StepAgencyAnswer, 0.7},
		{"agency_answer=90%", aduan.StepAgencyAnswer, 0.9},
		{"agency_answer=90", aduan.StepForward, 0.8},
		{"tomorrow", aduan.StepForward, 0.8},
	} {
		if got := aduan.WarnFraction(c.value, c.step, 0.8); got != c.want {
			t.Errorf("WarnFraction(%q, %s) = %v, want %v", c.value, c.step, got, c.want)
		}
	}
	for _, bad := range []string{"0", "100", "abc", "forward=", "nostep=50", "80; forward=150"} {
		if aduan.CheckSetting("sla_warn_percent", bad) != "err.field.warn_percent" {
			t.Errorf("%q accepted", bad)
		}
	}
	for _, good := range []string{"", "80", "80; forward=50, agency_answer=70"} {
		if k := aduan.CheckSetting("sla_warn_percent", good); k != "" {
			t.Errorf("%q refused: %s", good, k)
		}
	}
}
