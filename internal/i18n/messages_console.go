package i18n

// consoleMessages are the strings of the console's work queue, clocks and glossary: {Indonesian, English}.
var consoleMessages = map[string][2]string{
	"console.err.no_page":        {"Halaman ini tidak ada. Periksa alamatnya, atau kembali ke halaman awal.", "This page does not exist. Check the address, or go back to the start page."},
	"console.queue.sort":         {"Urutan", "Order"},
	"console.queue.sort_urgent":  {"Paling mendesak dulu", "Most urgent first"},
	"console.queue.sort_new":     {"Terbaru dulu", "Newest first"},
	"console.queue.only_darurat": {"Hanya darurat", "Emergencies only"},

	// What is due now, by step: a deadline reads as what must still be
	// done, never as if it were already done ("Diteruskan ke PD" read as
	// forwarded while the complaint was only recorded).
	"console.due.intake":          {"Perlu dicatat lengkap (SOP 1–3)", "To be recorded in full (SOP 1–3)"},
	"console.due.direct_answer":   {"Perlu dijawab langsung (SOP 4)", "To be answered directly (SOP 4)"},
	"console.due.photo_request":   {"Foto perlu diminta (SOP 5)", "Photos to be asked for (SOP 5)"},
	"console.due.library_answer":  {"Perlu dijawab dari folder jawaban (SOP 6)", "To be answered from the answer folder (SOP 6)"},
	"console.due.forward":         {"Perlu diteruskan ke PD (SOP 7)", "To be forwarded to the agency (SOP 7)"},
	"console.due.reforward":       {"Perlu diteruskan ulang ke PD yang berwenang (SOP 7)", "To be forwarded again, to the agency in charge (SOP 7)"},
	"console.due.agency_receive":  {"PD perlu menerima pengaduan (SOP 8)", "The agency to acknowledge (SOP 8)"},
	"console.due.agency_answer":   {"PD perlu menjawab (SOP 8)", "The agency to answer (SOP 8)"},
	"console.due.answer_receive":  {"Jawaban PD perlu diterima (SOP 9)", "The agency's answer to be received (SOP 9)"},
	"console.due.relay":           {"Jawaban perlu disampaikan ke warga (SOP 10)", "The answer to be relayed to the citizen (SOP 10)"},
	"console.due.daily_report":    {"Laporan harian perlu dibuat (SOP 11)", "Daily report to be made (SOP 11)"},
	"console.due.monthly_report":  {"Laporan bulanan perlu dibuat (SOP 12)", "Monthly report to be made (SOP 12)"},
	"console.due.report_review":   {"Laporan perlu diperiksa & diparaf (SOP 13)", "Report to be reviewed and initialled (SOP 13)"},
	"console.due.report_complete": {"SOP perlu dituntaskan (SOP 14)", "SOP to be completed (SOP 14)"},
}
