package i18n

// libraryWebMessages are the console's strings of the answer library: the
// desk's suggestions, the complaint page's boxes and the library pages
// (/pustaka). {Indonesian, English}.
var libraryWebMessages = map[string][2]string{
	// Desk.
	"lib.web.desk.agency":         {"Instansi tujuan", "Agency to forward to"},
	"lib.web.desk.answer":         {"Jawaban (SOP langkah 4/6)", "Answer (SOP step 4/6)"},
	"lib.web.desk.answer_hint":    {"Bila bisa dijawab langsung atau dari folder jawaban; lalu tekan Simpan & jawab.", "When it can be answered at once or from the answer folder; then press Save & answer."},
	"lib.web.desk.answer_from":    {"Sumber jawaban: %s", "Answer taken from: %s"},
	"lib.web.desk.routing":        {"Usulan kategori & instansi", "Suggested category & agency"},
	"lib.web.desk.use":            {"Pakai", "Use"},
	"lib.web.desk.use_answer":     {"Gunakan jawaban ini", "Use this answer"},
	"lib.web.desk.similar":        {"Mungkin sama dengan…", "May be the same as…"},
	"lib.web.desk.link_duplicate": {"Simpan & tautkan sebagai duplikat", "Save & link as duplicate"},
	"lib.web.same_street":         {"jalan yang sama (%s)", "same street (%s)"},
	"lib.web.same_kelurahan":      {"kelurahan yang sama (%s)", "same kelurahan (%s)"},
	"lib.web.similarity":          {"kemiripan %s", "similarity %s"},

	// Menu, list and filters.
	"lib.web.nav":             {"Folder jawaban", "Answer folder"},
	"lib.web.title":           {"Folder jawaban", "Answer folder"},
	"lib.web.review_title":    {"Perlu ditinjau", "Due for review"},
	"lib.web.review_hint":     {"Entri aktif yang melewati tanggal tinjauan atau masa berlakunya. Periksa isinya, ubah bila perlu, lalu tandai sudah ditinjau.", "Active entries past their review date or their validity. Check them, change them if needed, then mark them reviewed."},
	"lib.web.review_none":     {"Tidak ada entri yang perlu ditinjau.", "No entry is due for review."},
	"lib.web.review_overdue":  {"perlu ditinjau", "due for review"},
	"lib.web.back_list":       {"← Folder jawaban", "← Answer folder"},
	"lib.web.new":             {"Entri baru", "New entry"},
	"lib.web.edit":            {"Ubah", "Edit"},
	"lib.web.cancel":          {"Batal", "Cancel"},
	"lib.web.export":          {"Ekspor", "Export"},
	"lib.web.search":          {"Cari", "Search"},
	"lib.web.search_hint":     {"mis. lampu jalan mati", "e.g. street light out"},
	"lib.web.any":             {"semua", "all"},
	"lib.web.validity":        {"Masa berlaku", "Validity"},
	"lib.web.valid_current":   {"berlaku", "in force"},
	"lib.web.valid_expired":   {"tidak berlaku", "not in force"},
	"lib.web.status":          {"Status", "Status"},
	"lib.web.status_active":   {"aktif", "active"},
	"lib.web.status_archived": {"diarsipkan", "archived"},
	"lib.web.ref":             {"No.", "No."},
	"lib.web.uses":            {"Dipakai", "Used"},
	"lib.web.last_used":       {"terakhir", "last"},
	"lib.web.none":            {"Tidak ada entri yang cocok.", "No matching entry."},
	"lib.web.yes":             {"ya", "yes"},
	"lib.web.no":              {"tidak", "no"},

	// An entry, its form and its history.
	"lib.web.field":               {"Isian", "Field"},
	"lib.web.field.title":         {"Judul", "Title"},
	"lib.web.field.questions":     {"Rumusan pertanyaan", "Phrasings of the question"},
	"lib.web.field.answer":        {"Jawaban", "Answer"},
	"lib.web.field.source_url":    {"Tautan sumber", "Source link"},
	"lib.web.field.source_text":   {"Dasar / peraturan", "Basis / regulation"},
	"lib.web.field.agency_id":     {"Perangkat Daerah", "Agency"},
	"lib.web.field.category_ids":  {"Kategori", "Categories"},
	"lib.web.field.valid_from":    {"Berlaku mulai", "Valid from"},
	"lib.web.field.valid_until":   {"Berlaku sampai", "Valid until"},
	"lib.web.field.review_due":    {"Tinjau lagi", "Review by"},
	"lib.web.field.reviewed":      {"Terakhir ditinjau", "Last reviewed"},
	"lib.web.field.active":        {"Aktif (muncul di pencarian)", "Active (shown in search)"},
	"lib.web.field.other":         {"Isian lain", "Other field"},
	"lib.web.questions_hint":      {"(satu per baris, seperti warga menuliskannya)", "(one a line, as citizens write it)"},
	"lib.web.from_complaint":      {"Dibuat dari pengaduan", "Made from complaint"},
	"lib.web.from_complaint_note": {"Diisi dari pengaduan %s beserta jawabannya; periksa dan rapikan sebelum menyimpan.", "Filled from complaint %s and its answer; check and tidy it before saving."},
	"lib.web.history":             {"Riwayat perubahan", "History of changes"},
	"lib.web.version":             {"Versi %d", "Version %d"},
	"lib.web.before":              {"Sebelumnya", "Before"},
	"lib.web.after":               {"Sesudahnya", "After"},
	"lib.web.no_change":           {"Tidak ada isi yang berubah.", "No content changed."},
	"lib.web.mark_reviewed":       {"Tandai sudah ditinjau", "Mark as reviewed"},
	"lib.web.next_review":         {"Tinjau lagi pada", "Review again on"},

	// Import.
	"lib.web.import":         {"Impor", "Import"},
	"lib.web.import_hint":    {"Berkas CSV atau JSON seperti hasil ekspor. Entri dengan nomor yang sudah ada diubah, yang lain ditambahkan. Bila ada satu baris yang salah, tidak ada yang diimpor.", "A CSV or JSON file like an export. Entries whose number exists are changed, the others added. If any row is wrong, nothing is imported."},
	"lib.web.import_file":    {"Berkas", "File"},
	"lib.web.import_format":  {"Format", "Format"},
	"lib.web.import_auto":    {"menurut nama berkas", "from the file name"},
	"lib.web.import_no_file": {"Pilih berkas yang akan diimpor.", "Choose a file to import."},
	"lib.web.import_failed":  {"Tidak ada yang diimpor. Perbaiki baris berikut lalu unggah lagi:", "Nothing was imported. Correct these rows and upload again:"},
	"lib.web.import_line":    {"Baris %d", "Line %d"},
	"lib.web.import_row":     {"Entri ke-%d", "Entry %d"},

	// Routing model.
	"lib.web.model":      {"Model saran rute", "Routing model"},
	"lib.web.model_none": {"Belum ada model; model sedang dilatih di latar belakang, sementara itu saran diambil dari kata kunci kategori.", "No model yet; one is being trained in the background, meanwhile suggestions come from the categories' keywords."},
	"lib.web.model_hint": {"Model dilatih ulang otomatis setiap hari dari pengaduan yang selesai. Latih ulang sekarang setelah kategori atau Perangkat Daerah diubah, atau setelah banyak pengaduan selesai.", "The model is retrained every day from finished complaints. Retrain it now after categories or agencies change, or after many complaints are finished."},
	"lib.web.retrain":    {"Latih ulang", "Retrain"},

	// Complaint page.
	"lib.web.similar_open":    {"Pengaduan terbuka yang mirip", "Similar open complaints"},
	"lib.web.link_duplicate":  {"Tautkan sebagai duplikat", "Link as duplicate"},
	"lib.web.make_entry":      {"Jadikan entri pustaka", "Make a library entry"},
	"lib.web.make_entry_hint": {"Jawaban ini bisa dipakai lagi untuk pertanyaan yang sama.", "This answer can be used again for the same question."},

	// Flash messages.
	"web.ok.lib_saved":     {"Entri folder jawaban disimpan.", "Answer-library entry saved."},
	"web.ok.lib_reviewed":  {"Entri ditandai sudah ditinjau.", "Entry marked as reviewed."},
	"web.ok.lib_retrained": {"Model saran rute dilatih ulang.", "Routing model retrained."},
}
