package api

// laporOperations documents the SP4N-LAPOR! routes of /api/v1 (issue 20).
var laporOperations = []op{
	{"get", "/api/v1/lapor/reports", "The reports SP4N-LAPOR! dispositioned to the city, newest first, with LAPOR!'s deadlines (sent on in 3 working days, follow-up in 5, closing 10 after)", nil, list[LaporReportJSON]{}, 200, false, nil},
	{"post", "/api/v1/lapor/reports", "Register a LAPOR! report by its tracking ID and pasted text; a tracking ID already registered is a 409 naming the complaint that holds it", LaporIntakeJSON{}, LaporReportJSON{}, 201, false, nil},
	{"get", "/api/v1/lapor/reports/{tracking_id}", "One LAPOR! report by tracking ID, with its follow-ups (tindak lanjut) to post to LAPOR!", nil, LaporReportJSON{}, 200, false, nil},
	{"post", "/api/v1/lapor/import", "Import a LAPOR! export: multipart form with file (CSV or XLSX, up to 1 MiB) and mapping (a JSON column mapping, see the README), or the file as the raw body named by ?name= (default mapping); each row registered on its own, its outcome listed", nil, LaporImportJSON{}, 200, false, []string{"name"}},
	{"get", "/api/v1/lapor/follow-ups", "The day's follow-ups due to LAPOR! with their tracking IDs (?day=YYYY-MM-DD, today by default; ?format=csv for the file)", nil, list[LaporFollowUpJSON]{}, 200, false, []string{"day", "format"}},
}
