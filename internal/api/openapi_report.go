package api

import "github.com/kotakita/aduan/internal/report"

// reportOperations documents the report area's routes of /api/v1.
var reportOperations = []op{
	{"get", "/api/v1/reports", "List daily and monthly reports the caller may see (an operator sees only their own daily reports)", nil, Page[ReportJSON]{}, 200, false,
		[]string{"kind", "status", "owner_id", "from", "to", "cursor", "limit"}},
	{"post", "/api/v1/reports", "Start a report as a draft: kind daily (an operator's day, SOP step 11) or monthly (a month or any period with filters, SOP step 12)", NewReportJSON{}, ReportJSON{}, 201, false, nil},
	{"get", "/api/v1/reports/daily-status", "Daily reports per operator and day: on time, late, missing or not yet due (due the next working day at 08.00 in the city's zone plus the step 11 standard)", nil, list[DailyStatusJSON]{}, 200, false,
		[]string{"from", "to", "late"}},
	{"get", "/api/v1/reports/preview/daily", "An operator's figures of a day, compiled now from the event log, without saving", nil, report.DailyData{}, 200, false, []string{"day", "operator_id"}},
	{"get", "/api/v1/reports/preview/monthly", "A month's (or any period's) figures, compiled now, without saving", nil, report.MonthlyData{}, 200, false,
		[]string{"month", "from", "to", "kecamatan", "agency_id", "category_id", "channel"}},
	{"get", "/api/v1/reports/{id}", "One report with every submitted version, its workflow timings and its figures (live for a daily draft; for a monthly draft with ?live=true)", nil, ReportJSON{}, 200, false, []string{"live"}},
	{"patch", "/api/v1/reports/{id}", "Change the notes or narrative of a draft or returned report (its author only)", ReportPatchJSON{}, ReportJSON{}, 200, false, nil},
	{"post", "/api/v1/reports/{id}/actions/{action}", "Take a report step: submit (author; freezes the figures as a new version), return (kasi_kabid, with a comment) or paraf (kasi_kabid; final: content hash, PDF and XLSX stored)", ReportActionJSON{}, ReportJSON{}, 200, false, nil},
	{"get", "/api/v1/reports/{id}/files/{format}", "The report as pdf, xlsx or json (canonical content). A final report's files are the stored, verifiable bytes; ?version=N renders an earlier version", nil, nil, 200, false, []string{"version"}},
	{"get", "/api/v1/reports/verify", "Check a printed copy by the verification code printed on it (?hash=)", nil, VerifyJSON{}, 200, true, []string{"hash"}},
	{"post", "/api/v1/reports/verify", "Check a downloaded copy: send the file as the body (or form field \"file\"); says which final report it matches, or that it matches none", nil, VerifyJSON{}, 200, true, nil},
	{"get", "/public/figures", "Public figures of a year: monthly volumes and compliance, compliance per agency; no personal data", nil, report.PublicFigures{}, 200, true, []string{"year"}},
	{"get", "/api/v1/exports/complaints/{format}", "Export the complaint list as csv or xlsx with the filters of GET /complaints, streamed; X-Export-Total gives the row count, ?progress=ID records progress", nil, nil, 200, false,
		[]string{"status", "open", "agency_id", "category_id", "kecamatan", "kelurahan", "channel", "citizen_id", "duplicate_of", "from", "to", "q", "overdue", "progress"}},
	{"get", "/api/v1/exports/progress/{id}", "Progress of one of the caller's exports", nil, ExportProgressJSON{}, 200, false, nil},
}
