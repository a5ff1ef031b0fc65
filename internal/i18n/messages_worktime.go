package i18n

// worktimeMessages are the strings of working time: calendars, standards and escalation: {Indonesian, English}.
var worktimeMessages = map[string][2]string{
	"step.reforward":                {"Diteruskan ulang setelah bukan wewenang (SOP 7)", "Forwarded again after 'not our remit' (SOP 7)"},
	"err.field.hours":               {"Jam kerja tidak terbaca. Contoh: \"sen-kam 07:30-16:00; jum 07:30-16:30\" atau \"24/7\".", "The hours cannot be read. Example: \"mon-thu 07:30-16:00; fri 07:30-16:30\" or \"24/7\"."},
	"web.setting.time_zone":         {"Zona waktu kota: WIB, WITA atau WIT", "The city's time zone: WIB, WITA or WIT"},
	"web.setting.call_center_hours": {"Jam layanan call center (\"24/7\" atau mis. \"sen-jum 07:30-16:00; sab 07:30-12:00\")", "Call center service hours (\"24/7\" or e.g. \"mon-fri 07:30-16:00; sat 07:30-12:00\")"},
	"web.setting.office_hours":      {"Jam kerja kantor PD dan Kasi (mis. \"sen-kam 07:30-16:00; jum 07:30-16:30\")", "Office hours of the agencies and the Kasi (e.g. \"mon-thu 07:30-16:00; fri 07:30-16:30\")"},
}
