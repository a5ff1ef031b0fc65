package i18n

// kasiMessages are the strings of the coordinator's and the Kasi's pages
// (the dashboard, the monthly report's paraf, the audit log) and of the
// citizens' reporting and tracking pages: {Indonesian, English}.
var kasiMessages = map[string][2]string{
	"kasi.dash.open_late":        {"%s terbuka · %s terlambat", "%s open · %s late"},
	"kasi.dash.agency_order":     {"Yang paling banyak terlambat di atas. Klik untuk melihat antreannya.", "Most late on top. Click to see its queue."},
	"kasi.dash.compliance_order": {"Kepatuhan terendah di atas, dengan jumlah langkahnya. Klik untuk melihat antreannya.", "Lowest compliance on top, with its number of steps. Click to see its queue."},
	"kasi.dash.overdue_range":    {"(%s–%s dari %s)", "(%s–%s of %s)"},
	"kasi.dash.overdue_order":    {"Yang paling lama terlambat di atas.", "The longest late on top."},
	"kasi.dash.overdue_pages":    {"Halaman daftar terlambat", "Pages of the late list"},
	"kasi.dash.prev":             {"Sebelumnya", "Previous"},
	"kasi.dash.next":             {"Berikutnya", "Next"},
	"kasi.dash.overdue_queue":    {"Semua di antrean", "All in the queue"},
	"kasi.paraf.awaiting":        {"Menunggu paraf Anda", "Awaiting your paraf"},
	"kasi.paraf.sent_by":         {"dikirim oleh %s, %s", "sent by %s, %s"},
	"kasi.paraf.to_decision":     {"Laporan ini menunggu keputusan Anda. Periksa angkanya, lalu paraf atau kembalikan di bawah ↓", "This report awaits your decision. Check its figures, then initial or return it below ↓"},
	"kasi.paraf.decision":        {"Keputusan atas laporan", "Decision on the report"},
	"kasi.paraf.confirm":         {"Saya sudah memeriksa angka %s. Paraf membekukan laporan ini dan tidak dapat dibatalkan.", "I have checked the figures of %s. The paraf freezes this report and cannot be undone."},
	"kasi.paraf.confirm_needed":  {"Centang kotak konfirmasi dulu: paraf tidak dapat dibatalkan.", "Tick the confirmation first: a paraf cannot be undone."},
	"kasi.paraf.button":          {"Paraf %s", "Initial %s"},
	"kasi.paraf.open":            {"Buka laporan", "Open the report"},
	"msg.notify.report_paraf":    {"%[1]s menunggu paraf Anda.", "%[1]s awaits your paraf."},
	"msg.web.kind.report_paraf":  {"Laporan menunggu paraf", "Report awaiting paraf"},
	"kasi.lapor.summary":         {"Ada yang perlu dibetulkan:", "Please fix the following:"},
	"kasi.lapor.street":          {"Nama jalan atau patokan (boleh dikosongkan)", "Street or landmark (optional)"},
	"kasi.lapor.street_hint":     {"Contoh: Jl. Margonda Raya dekat halte UI.", "For example: Jl. Margonda Raya near the UI bus stop."},
	"kasi.lapor.photo_kept":      {"Foto tersimpan: %s. Tidak perlu memilihnya lagi; pilih foto lain hanya untuk menggantinya.", "Photo kept: %s. No need to choose it again; choose another only to replace it."},
	"kasi.sent.copy":             {"Salin nomor", "Copy the number"},
	"kasi.sent.copied":           {"Nomor tersalin.", "Number copied."},
	"kasi.sent.answer_by":        {"Menurut standar layanan, jawaban paling lambat Anda terima %s. Banyak pengaduan terjawab lebih cepat.", "By the service standards you will have an answer by %s at the latest. Many complaints are answered sooner."},
	"kasi.admin.role_confirm":    {"Ubah peran %s dari %s menjadi %s? Apa yang boleh dilihat dan dikerjakannya berubah saat ini juga. Perubahan lain di baris itu belum disimpan.", "Change %s's role from %s to %s? What they may see and do changes at once. The row's other changes are not saved yet."},
	"kasi.admin.role_yes":        {"Ya, ubah peran", "Yes, change the role"},
	"kasi.admin.role_cancel":     {"Batal", "Cancel"},
	"kasi.nav.menu":              {"Menu", "Menu"},
}
