package i18n

// signingMessages are the strings of reports the office signs: {Indonesian, English}.
var signingMessages = map[string][2]string{
	"err.report.period_running": {"Periode laporan ini belum berakhir, jadi angkanya masih sementara: laporan dapat dilihat sebagai pratinjau, tetapi baru dapat diajukan dan diparaf mulai %s.",
		"The period of this report has not ended, so its figures are still provisional: it can be previewed, but submitted and initialled only from %s."},
	"web.setting.report_monthly_due_workdays": {"Batas laporan bulanan: hari kerja ke-berapa setelah akhir periode", "The monthly report is due by this working day after the period's end"},
	"rep.provisional":                         {"Sementara", "Provisional"},
	"rep.provisional_note":                    {"Periode laporan ini belum berakhir: angkanya sementara dan masih berubah. Laporan dapat diajukan untuk diparaf mulai %s.", "The period of this report has not ended: its figures are provisional and still change. It can be submitted for the paraf from %s."},
	"rep.state.provisional":                   {"SEMENTARA – periode belum berakhir (berakhir sebelum %s); angka masih berubah, tidak untuk diparaf", "PROVISIONAL – the period has not ended (it ends before %s); figures still change, not for initialling"},
	"rep.state.provisional_short":             {"SEMENTARA", "PROVISIONAL"},
	"err.report.public_base_url": {"Laporan final belum dapat diterbitkan: pengaturan public_base_url (Alamat publik aplikasi) berisi \"%s\", alamat yang tidak dapat dibuka orang lain, padahal alamat verifikasi laporan dicetak dari pengaturan itu. Minta admin mengisinya dengan alamat publik layanan (mis. https://aduan.depok.go.id).",
		"A final report cannot be issued yet: the setting public_base_url (Public address of the application) is \"%s\", an address nobody else can open, and the report's verification address is printed from it. Ask the admin to set it to the service's public address (e.g. https://aduan.depok.go.id)."},
	"err.report.final_exists": {"Sudah ada laporan final untuk periode dan cakupan yang sama (\"%s\", laporan #%d). Hanya satu laporan final per periode dan cakupan; buka laporan itu.",
		"A final report for the same period and scope already exists (\"%s\", report #%d). There is one final report per period and scope; open that one."},
}
