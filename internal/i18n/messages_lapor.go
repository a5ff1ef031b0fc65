package i18n

// laporMessages are the strings of SP4N-LAPOR! and Open311 configuration: {Indonesian, English}.
var laporMessages = map[string][2]string{
	"channel.lapor": {"SP4N-LAPOR!", "SP4N-LAPOR!"},

	// SP4N-LAPOR!: intake and import.
	"lapor.err.tracking_id": {"Nomor tracking LAPOR! tidak terbaca: 3–40 angka atau huruf, tanpa spasi (misalnya 1234567).", "The LAPOR! tracking ID cannot be read: 3–40 digits or letters, no spaces (e.g. 1234567)."},
	"lapor.err.category":    {"Kategori LAPOR! %q tidak dikenal: tingkat pertamanya harus salah satu kategori utama LAPOR!.", "Unknown LAPOR! category %q: its first level must be one of LAPOR!'s top-level categories."},
	"lapor.err.future":      {"Tanggal disposisi tidak boleh di masa depan.", "The disposition date cannot be in the future."},
	"lapor.err.duplicate":   {"Laporan LAPOR! %s sudah terdaftar sebagai pengaduan %s; tidak dicatat dua kali.", "LAPOR! report %s is already registered as complaint %s; it is not recorded twice."},
	"lapor.err.mapping":     {"Berkas pemetaan kolom tidak terbaca: %s.", "The column mapping file cannot be read: %s."},
	"lapor.err.empty_file":  {"Berkas kosong.", "The file is empty."},
	"lapor.err.columns":     {"Kolom berikut tidak ada di baris judul berkas: %s. Periksa berkas pemetaan kolom.", "These columns are missing from the file's header: %s. Check the column mapping file."},
	"lapor.err.date":        {"Tanggal disposisi %q tidak terbaca.", "The disposition date %q cannot be read."},
	"lapor.err.upload":      {"Kirim berkas ekspor LAPOR! sebagai formulir multipart (file, dan mapping bila ada), paling besar 1 MiB.", "Send the LAPOR! export as a multipart form (file, and mapping if any), at most 1 MiB."},
	"lapor.err.file":        {"Berkas tidak terbaca sebagai CSV atau XLSX: %s.", "The file cannot be read as CSV or XLSX: %s."},
	"err.not_found.lapor":   {"Laporan LAPOR! tidak ditemukan.", "LAPOR! report not found."},

	// SP4N-LAPOR!: the follow-up texts ("tindak lanjut"), always in Indonesian on LAPOR!.
	"lapor.fu.forward":       {"Laporan Anda telah diverifikasi dan diteruskan kepada %s untuk ditindaklanjuti.", "Your report was verified and sent on to %s for follow-up."},
	"lapor.fu.acknowledge":   {"Perangkat Daerah telah menerima laporan Anda dan sedang menindaklanjutinya.", "The agency has received your report and is following it up."},
	"lapor.fu.agency_answer": {"Tindak lanjut Perangkat Daerah: %s", "The agency's follow-up: %s"},
	"lapor.fu.answer":        {"Jawaban atas laporan Anda: %s", "The answer to your report: %s"},
	"lapor.fu.close":         {"Laporan Anda telah selesai ditangani. Terima kasih atas partisipasi Anda.", "Your report has been dealt with. Thank you for taking part."},

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
