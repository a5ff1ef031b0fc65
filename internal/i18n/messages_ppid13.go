package i18n

// ppid13Messages are the strings the citizens' information-request pages
// gained with their handler tests (issue 13): {Indonesian, English}.
var ppid13Messages = map[string][2]string{
	"pub.ppid.err.track_input": {"Isi nomor permohonan (contoh PPID-2026-000123) dan 4 angka terakhir nomor HP atau nomor identitas.", "Give the request number (e.g. PPID-2026-000123) and the last 4 digits of the phone or ID number."},
	"pub.ppid.err.consent":     {"Persetujuan diperlukan agar permohonan informasi dapat diproses.", "Consent is needed for the information request to be processed."},
}
