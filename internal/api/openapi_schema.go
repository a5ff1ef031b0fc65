package api

import (
	"reflect"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/channel"
	"github.com/kotakita/aduan/internal/report"
)

// The parts of the OpenAPI document that reflection cannot see: the closed
// sets of values a string field takes, the schema of fields whose Go type
// says less than the JSON does, and the fields a request body cannot do
// without. Each set is read from the domain's own list, so that a new
// status or unit shows up here without a second edit.

func strs[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

func stepKeys() []string {
	out := make([]string, len(aduan.Steps))
	for i, s := range aduan.Steps {
		out[i] = string(s.Key)
	}
	return out
}

var (
	enumUnits          = strs([]aduan.Unit{aduan.UnitMinute, aduan.UnitHour, aduan.UnitWorkday})
	enumStatuses       = strs(aduan.Statuses)
	enumChannels       = strs(aduan.Channels)
	enumPriorities     = strs(aduan.Priorities)
	enumConfidential   = strs(aduan.Confidentialities)
	enumRoles          = strs(aduan.Roles)
	enumSteps          = stepKeys()
	enumAnswerSources  = strs([]aduan.AnswerSource{aduan.SourceDirect, aduan.SourceLibrary, aduan.SourceComplaint, aduan.SourceWeb, aduan.SourceAgency})
	enumActions        = strs(workflowActions())
	enumContactKinds   = strs(aduan.ContactKinds)
	enumReportKinds    = strs([]report.Kind{report.Daily, report.Monthly, report.Annual})
	enumReportStatuses = strs(report.Statuses)
	enumReportActions  = strs(report.Actions)
	enumDailyStates    = strs([]report.DailyStatus{report.DailyOnTime, report.DailyLate, report.DailyMissing, report.DailyPending})
	enumMsgChannels    = strs(channel.Kinds)
	enumMsgStatuses    = strs(channel.Statuses)
	enumLangs          = []string{"id", "en"}
	enumPrivacyKinds   = strs(aduan.PrivacyRequestKinds)
)

// workflowActions lists every action of the SOP's transition table once,
// with create (the first event of every complaint).
func workflowActions() []aduan.Action {
	seen := map[aduan.Action]bool{aduan.ActionCreate: true}
	out := []aduan.Action{aduan.ActionCreate}
	for _, tr := range aduan.Transitions {
		if !seen[tr.Action] {
			seen[tr.Action] = true
			out = append(out, tr.Action)
		}
	}
	return out
}

// fieldEnums maps "Schema.field" to the values the field takes.
var fieldEnums = map[string][]string{
	"StandardJSON.unit": enumUnits, "StandardJSON.default_unit": enumUnits, "StandardJSON.step": enumSteps,
	"standardBody.unit": enumUnits,

	"ComplaintJSON.status": enumStatuses, "ComplaintJSON.channel": enumChannels, "ComplaintJSON.priority": enumPriorities,
	"ComplaintJSON.confidentiality": enumConfidential, "ComplaintJSON.answer_source": enumAnswerSources,
	"ComplaintJSON.allowed_actions": enumActions,
	"NewComplaintJSON.channel":      enumChannels, "NewComplaintJSON.priority": enumPriorities, "NewComplaintJSON.confidentiality": enumConfidential,
	"ComplaintPatchJSON.priority": enumPriorities, "ComplaintPatchJSON.confidentiality": enumConfidential,
	"ActionJSON.source":       enumAnswerSources,
	"ActionJSON.missing":      {"name", "phone", "address"},
	"ActionJSON.reached_by":   {aduan.ReachedByPhone, aduan.ReachedByVisit},
	"ComplaintHitJSON.status": enumStatuses,
	"DeadlineJSON.step":       enumSteps,
	"EventJSON.step":          enumSteps, "EventJSON.actor_role": enumRoles,
	"ActionEventJSON.action": enumActions, "ActionEventJSON.step": append([]string{""}, enumSteps...),
	"NotificationJSON.step": enumSteps,

	"UserJSON.role": enumRoles, "UserJSON.lang": enumLangs, "UserInputJSON.role": enumRoles, "UserInputJSON.lang": enumLangs,
	"AuditJSON.actor_role": enumRoles,

	"ContactJSON.kind": enumContactKinds, "ContactInJSON.kind": enumContactKinds, "ContactKindRow.kind": enumContactKinds,
	"RuleJSON.step": enumSteps, "RuleJSON.unit": enumUnits, "RuleJSON.priority": enumPriorities, "RuleJSON.tier": strs(aduan.Tiers),
	"CategoryTierJSON.tier": strs(aduan.Tiers),

	"MessageJSON.channel": enumMsgChannels, "MessageJSON.status": enumMsgStatuses, "MessageJSON.direction": {"in", "out"},

	"ReportJSON.kind": enumReportKinds, "ReportJSON.status": enumReportStatuses, "ReportJSON.allowed_actions": enumReportActions,
	"ReportJSON.daily_state": enumDailyStates, "NewReportJSON.kind": enumReportKinds,
	"ReportEventJSON.actor_role": enumRoles, "ReportEventJSON.step": enumSteps,
	"CategoryJSON.priority": enumPriorities, "CategoryJSONInput.priority": enumPriorities,
	"SubjectComplaint.confidentiality": enumConfidential, "DailyStatusJSON.state": enumDailyStates,

	"LaporReportJSON.status": enumStatuses, "LaporDeadline.deadline": report.LaporDeadlines, "LaporFollowUpJSON.kind": {"progress", "agency_answer", "completion"},

	"PrivacyRequestJSON.kind": enumPrivacyKinds, "NewPrivacyRequestJSON.kind": enumPrivacyKinds,
}

// fieldSchema gives the schema of a field ("Schema.field") whose Go type
// is raw JSON, nil for the others.
func (sb *schemaBuilder) fieldSchema(key string) map[string]any {
	switch key {
	case "ReportJSON.data":
		// A report's figures: a daily report's or a monthly one's, by kind.
		return map[string]any{"description": "The figures: DailyData for kind daily, MonthlyData for kind monthly",
			"oneOf": []any{sb.ref(reflect.TypeFor[report.DailyData](), true), sb.ref(reflect.TypeFor[report.MonthlyData](), true)}}
	}
	return nil
}

// bodyRequired names, per request schema, the fields a handler refuses to
// go on without; every other field of a body may be left out.
var bodyRequired = map[string][]string{
	"loginBody":          {"username", "password"},
	"passwordBody":       {"password"},
	"tokenBody":          {"name"},
	"standardBody":       {"amount", "unit"},
	"holidayBody":        {"name"},
	"LaporIntakeJSON":    {"tracking_id", "text"},
	"NewComplaintJSON":   {"text"},
	"ActionJSON":         {"version"},
	"ComplaintPatchJSON": {"version"},
	"NewReportJSON":      {"kind"},
	"ReportActionJSON":   {"version"},
	"ReportPatchJSON":    {"version"},
	"templateBody":       {"body"},
	"smsCountBody":       {"text"},
	"callBody":           {"phone"},
}
