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
	"kasi.nav.menu":              {"Menu", "Menu"},
}
