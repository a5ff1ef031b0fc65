package api

import "github.com/kotakita/aduan"

// ppidOperations documents the public-information routes of /api/v1 (UU
// 14/2008): requests, their steps and objections.
var ppidOperations = []op{
	{"get", "/api/v1/ppid/requests", "Public-information requests, newest first: all for the PPID Utama and the call center (with the requester), the agency's own for a PPID Pembantu, without the requester for other roles; overdue=1 lists those past a deadline of the law, objected=1 the register of objections", nil, list[InfoRequestJSON]{}, 200, false, []string{"status", "agency_id", "overdue", "objected", "year"}},
	{"post", "/api/v1/ppid/requests", "Register a request with the identity the law requires (name, address, phone or e-mail, ID number); due in 10 working days. contact_id links the desk's contact of kind info_request", InfoRequestInJSON{}, InfoRequestJSON{}, 201, false, nil},
	{"get", "/api/v1/ppid/requests/{id}", "One request with its log and the steps the caller may take now (the unmasked ID number is for the PPIDs concerned, and its read is audited)", nil, InfoRequestDetailJSON{}, 200, false, nil},
	{"post", "/api/v1/ppid/requests/{id}/actions/{action}", "A step: assign (PPID Utama), extend (once, before the deadline, with a reason), decide (granted, partly, refused with an art. 17 ground and consequence test, not_held with referral, not_documented), object (within 30 working days), answer_objection (the atasan PPID of the setting ppid_atasan), refer_commission, commission_result", InfoActionJSON{}, nil, 200, false, nil},
	{"get", "/api/v1/ppid/registers/{book}", "The register (buku register) of a year (?year=, this year by default): book permohonan (requests) or keberatan (objections), rows as the caller may see them; ?format=csv, xlsx or pdf for the file the console downloads. Each read is audited", nil, list[InfoRequestJSON]{}, 200, false, []string{"year", "format"}},
	{"get", "/api/v1/ppid/annual/{year}", "The annual public-information service report of a year: the figures of its final report (made final through /api/v1/reports with kind info_annual: submitted by the PPID Utama, initialled by the kasi/kabid; report_id and sha256 set, checked at /api/v1/reports/verify), or computed now (provisional while the year runs); ?format=pdf for the document (the final report's kept PDF). For the PPIDs, the kasi/kabid and the coordinator", nil, InfoAnnualJSON{}, 200, false, []string{"format"}},
}

// The closed sets of the public-information schemas, joined to fieldEnums
// once, here, so that the area's document lives in its own file.
func init() {
	statuses, decisions := strs(aduan.InfoStatuses), append([]string{""}, strs(aduan.InfoDecisions)...)
	for k, v := range map[string][]string{
		"InfoRequestJSON.status": statuses, "InfoRequestJSON.channel": enumChannels, "InfoRequestJSON.decision": decisions,
		"InfoRequestJSON.medium": aduan.InfoMedia, "InfoRequestJSON.delivery": aduan.InfoDeliveries,
		"InfoRequestInJSON.channel": enumChannels, "InfoRequestInJSON.medium": aduan.InfoMedia, "InfoRequestInJSON.delivery": aduan.InfoDeliveries,
		"InfoEventJSON.role": append([]string{""}, enumRoles...), "InfoEventJSON.from": append([]string{""}, statuses...), "InfoEventJSON.to": statuses,
		"InfoActionJSON.decision": decisions,
	} {
		fieldEnums[k] = v
	}
}
