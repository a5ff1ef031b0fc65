package i18n

// ppid2Messages are the strings of the PPID's annual report made final as
// the monthly report is (issue 19): {Indonesian, English}.
var ppid2Messages = map[string][2]string{
	"rep.kind.info_annual":        {"Laporan layanan informasi publik (tahunan)", "Public-information service report (annual)"},
	"rep.title.info_annual":       {"Laporan Layanan Informasi Publik Tahun %d", "Public-Information Service Report %d"},
	"err.report.year":             {"Tahun harus berupa angka empat digit, mis. 2026.", "The year must be four digits, e.g. 2026."},
	"err.report.annual_filter":    {"Laporan tahunan PPID selalu mencakup seluruh permohonan tahun itu; bulan, periode dan filter tidak berlaku.", "The PPID's annual report always covers every request of the year; months, periods and filters do not apply."},
	"err.report.correct_reviewed": {"Hanya laporan bulanan dan laporan tahunan PPID yang dapat dikoreksi.", "Only a monthly report or the PPID's annual report can be corrected."},
	"ppid.annual.final":           {"Final: diparaf %s oleh %s.", "Final: initialled %s by %s."},
	"ppid.annual.prepare":         {"Siapkan laporan tahun ini untuk paraf", "Prepare this year's report for the paraf"},
	"ppid.annual.prepare_help":    {"Angka tahun ini dibekukan saat Anda mengajukannya; Kasi/Kabid memeriksa dan memaraf, seperti laporan bulanan. Salinannya dapat diperiksa di /verify.", "The year's figures are frozen when you submit it; the Kasi/Kabid checks and initials it, as the monthly report. Its copies are checked at /verify."},
}
