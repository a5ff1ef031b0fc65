package api

import (
	"github.com/kotakita/aduan/internal/export"
	"github.com/kotakita/aduan/internal/store"
)

// privacyOperations documents the personal-data routes of /api/v1 (UU
// 27/2022).
var privacyOperations = []op{
	{"get", "/api/v1/privacy/requests", "Data subjects' requests (koordinator_cc), open ones first by their acknowledgement deadline (received + privacy_request_hours)", nil, list[export.PrivacyRequestJSON]{}, 200, false, nil},
	{"post", "/api/v1/privacy/requests", "Record a data subject's request (access, correction, erasure) with the time it was received; the deadline follows", NewPrivacyRequestJSON{}, export.PrivacyRequestJSON{}, 201, false, nil},
	{"get", "/api/v1/privacy/requests/{id}/export", "Everything held about the request's subject: records, complaints with steps, messages, files, audit records (the look-up is audited)", nil, export.SubjectExportJSON{}, 200, false, nil},
	{"get", "/api/v1/privacy/retention", "Dry run of retention: what a run would anonymise or erase now, per kind, with the periods; changes nothing", nil, store.RetentionReport{}, 200, false, nil},
	{"get", "/api/v1/privacy/breaches", "The breach log (admin, koordinator_cc) with each incident's notification deadline", nil, list[BreachJSON]{}, 200, false, nil},
	{"get", "/api/v1/privacy/record", "The processing record: what personal data, why, which roles see it, how long it is kept (from the role table and the settings)", nil, list[ProcessingActivityJSON]{}, 200, false, nil},
}
