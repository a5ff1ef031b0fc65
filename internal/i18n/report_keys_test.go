package i18n

import (
	"testing"

	"github.com/kotakita/aduan"
)

// TestReportKeysBuiltAtRunTime checks the report keys that the code builds
// from lists (statuses, actions, units, complaint actions), which the
// source scan cannot see.
func TestReportKeysBuiltAtRunTime(t *testing.T) {
	keys := []string{"rep.status.draft", "rep.status.submitted", "rep.status.returned", "rep.status.complete",
		"rep.action.submit", "rep.action.return", "rep.action.paraf", "rep.action.complete",
		"rep.daily_state.on_time", "rep.daily_state.late", "rep.daily_state.missing", "rep.daily_state.pending"}
	for _, u := range []aduan.Unit{aduan.UnitMinute, aduan.UnitHour, aduan.UnitWorkday} {
		keys = append(keys, "rep.unit."+string(u))
	}
	for _, a := range []aduan.Action{aduan.ActionCreate, aduan.ActionEdit, aduan.ActionNote} {
		keys = append(keys, "rep.act."+string(a))
	}
	for _, tr := range aduan.Transitions {
		keys = append(keys, "rep.act."+string(tr.Action))
	}
	for _, k := range aduan.ContactKinds {
		keys = append(keys, "rep.contact."+string(k))
	}
	for _, k := range keys {
		if !Has(k) {
			t.Errorf("key %q is not in the catalogue", k)
		}
	}
}
