package api

import (
	"sort"
	"strings"
	"testing"
)

// TestSchemasNameRequiredFieldsAndEnums checks the document as a client
// generator reads it: every response object lists the fields it always
// carries, and every field that holds one of a closed set of values
// (a status, a unit, a role…) lists the set.
func TestSchemasNameRequiredFieldsAndEnums(t *testing.T) {
	schemas := Document()["components"].(map[string]any)["schemas"].(map[string]any)
	closed := []string{"status", "unit", "default_unit", "role", "actor_role", "channel", "priority", "confidentiality", "kind", "lang", "step", "direction", "state", "daily_state"}
	// Fields named so that hold free text or other sets (a filter's
	// channel echoes a query; a contact's channel is where a call came in).
	free := map[string]bool{"Filter.channel": true, "FilterInput.channel": true, "FilterView.channel": true, "ContactJSON.channel": true,
		"ContactInJSON.channel": true, "AgencyJSON.kind": true, "AgencyJSONInput.kind": true, "DailyLine.channel": true, "DailyLine.status": true,
		"NotificationJSON.kind": true, "OverdueLine.status": true, "OverdueLine.step": true, "KeptComplaint.status": true, "VerifiedAs.kind": true,
		"SubjectComplaint.status": true, "SubjectComplaint.channel": true, "SubjectMessage.channel": true, "SubjectMessage.status": true,
		"SubjectMessage.direction": true, "SubjectFile.content_type": true, "StepCompliance.step": true, "PrivacyRequestJSON.status": true,
		"BreachJSON.status": true, "LibraryFileEntry.status": true, "LibraryEntryJSON.status": true, "ComplaintHitJSON.channel": true,
		"SMSCountJSON.mode": true, "ProcessingActivityJSON.kind": true, "ImportRow.status": true, "AuditJSON.entity": true}
	var missing []string
	for name := range responseSchemas(Document()) {
		sm := schemas[name].(map[string]any)
		// A filter and an outcome note carry only what was set.
		allOptional := map[string]bool{"Filter": true, "FilterView": true, "RequestOutcome": true}
		if props, _ := sm["properties"].(map[string]any); len(props) > 0 && sm["required"] == nil && !allOptional[name] {
			missing = append(missing, name+": no required list")
		}
	}
	for name, s := range schemas {
		props, _ := s.(map[string]any)["properties"].(map[string]any)
		for f, p := range props {
			pm := p.(map[string]any)
			if pm["type"] != "string" || free[name+"."+f] {
				continue
			}
			for _, c := range closed {
				if f == c && pm["enum"] == nil {
					missing = append(missing, name+"."+f+": no enum")
				}
			}
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Error(m)
	}
	units := fieldEnums["StandardJSON.unit"]
	if strings.Join(units, ",") != "menit,jam,hari_kerja" {
		t.Errorf("the standards' units are %v", units)
	}
}

// responseSchemas names the schemas an answer of the API can contain.
func responseSchemas(doc map[string]any) map[string]bool {
	schemas := doc["components"].(map[string]any)["schemas"].(map[string]any)
	seen := map[string]bool{}
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, y := range x {
				if s, ok := y.(string); ok && k == "$ref" {
					name := strings.TrimPrefix(s, "#/components/schemas/")
					if !seen[name] {
						seen[name] = true
						walk(schemas[name])
					}
				}
				walk(y)
			}
		case []any:
			for _, y := range x {
				walk(y)
			}
		}
	}
	for _, item := range doc["paths"].(map[string]any) {
		for _, op := range item.(map[string]any) {
			walk(op.(map[string]any)["responses"])
		}
	}
	return seen
}
