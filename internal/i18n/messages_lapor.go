package i18n

// laporMessages are the strings of SP4N-LAPOR! and Open311 configuration: {Indonesian, English}.
var laporMessages = map[string][2]string{
	"channel.lapor": {"SP4N-LAPOR!", "SP4N-LAPOR!"},

	// Open311 service configuration (the admin's console).
	"o311.cfg.title":            {"Layanan Open311", "Open311 services"},
	"o311.cfg.intro":            {"Tiap kategori publik adalah satu layanan Open311. Yang diatur di sini tampil di services.xml dan definisi layanannya.", "Each public category is one Open311 service. What is set here shows in services.xml and the service's definition."},
	"o311.cfg.code":             {"service_code", "service_code"},
	"o311.cfg.type":             {"Jenis", "Type"},
	"o311.cfg.type.realtime":    {"realtime (nomor langsung)", "realtime (number at once)"},
	"o311.cfg.type.batch":       {"batch (token, nomor kemudian)", "batch (token, number later)"},
	"o311.cfg.type.blackbox":    {"blackbox (tanpa nomor)", "blackbox (no number)"},
	"o311.cfg.group":            {"Kelompok (satu)", "Group (one)"},
	"o311.cfg.keywords":         {"Kata kunci (pisahkan dengan ;)", "Keywords (separated by ;)"},
	"o311.cfg.description":      {"Deskripsi", "Description"},
	"o311.cfg.notice":           {"service_notice bawaan", "Default service_notice"},
	"o311.cfg.fallback":         {"Kolom kosong memakai isi kategori (contoh abu-abu di dalam kolom).", "An empty field takes the category's (the grey example in the field)."},
	"o311.cfg.attributes":       {"Atribut", "Attributes"},
	"o311.cfg.attr.code":        {"Kode", "Code"},
	"o311.cfg.attr.datatype":    {"Tipe data", "Datatype"},
	"o311.cfg.attr.description": {"Pertanyaan", "Question"},
	"o311.cfg.attr.order":       {"Urutan", "Order"},
	"o311.cfg.attr.required":    {"Wajib", "Required"},
	"o311.cfg.attr.values":      {"Pilihan (kunci=nama, satu per baris)", "Values (key=name, one a line)"},
	"o311.cfg.attr.help":        {"Tambah atribut di baris kosong; kosongkan kodenya untuk menghapus. Tipe singlevaluelist dan multivaluelist perlu pilihan.", "Add an attribute in an empty row; clear its code to remove it. singlevaluelist and multivaluelist need values."},
	"o311.cfg.edit":             {"Ubah", "Edit"},
	"o311.cfg.saved":            {"Layanan Open311 disimpan.", "Open311 service saved."},
	"o311.err.one_group":        {"Satu kelompok saja, tanpa ; atau koma.", "One group only, without ; or a comma."},
}
