package i18n

// libraryMessages are the library area's strings: {Indonesian, English}.
var libraryMessages = map[string][2]string{
	// Errors.
	"err.not_found.library_entry": {"Entri folder jawaban tidak ditemukan.", "Answer-library entry not found."},
	"err.lib.too_many_questions":  {"Paling banyak %d rumusan pertanyaan.", "At most %d phrasings of the question."},
	"err.lib.url":                 {"Tautan harus lengkap, diawali http:// atau https://.", "The link must be complete, starting with http:// or https://."},
	"err.lib.valid_range":         {"Tanggal akhir berlaku tidak boleh sebelum tanggal mulai berlaku.", "The end of validity cannot be before its start."},
	"err.lib.review_past":         {"Tanggal tinjauan berikutnya harus sesudah hari ini.", "The next review date must be after today."},
	"err.lib.confidential":        {"Pengaduan rahasia tidak dapat dijadikan entri folder jawaban.", "A confidential complaint cannot become an answer-library entry."},
	"err.lib.no_answer":           {"Pengaduan ini belum punya jawaban untuk dijadikan entri folder jawaban.", "This complaint has no answer yet to make an answer-library entry from."},
	"err.lib.ref":                 {"Rujukan folder jawaban tidak dikenal; tulis nomor entri seperti JWB-0042 dari hasil pencarian.", "Unknown answer-library reference; give the entry number, such as JWB-0042, from the search results."},
	"err.lib.complaint_ref":       {"Rujukan pengaduan tidak dikenal; tulis nomor pengaduan seperti ADU-2026-000123.", "Unknown complaint reference; give a complaint number such as ADU-2026-000123."},
	"err.lib.import_empty":        {"Berkas tidak berisi entri.", "The file holds no entries."},
	"err.lib.format":              {"Format berkas harus json atau csv.", "The file format must be json or csv."},
	"err.lib.content_type":        {"Kirim berkas sebagai application/json atau text/csv.", "Send the file as application/json or text/csv."},
	"err.lib.encoding":            {"Berkas bukan teks UTF-8. Simpan ulang sebagai CSV UTF-8.", "The file is not UTF-8 text. Save it again as CSV UTF-8."},
	"err.lib.json":                {"Berkas JSON tidak dapat dibaca (%s).", "The JSON file cannot be read (%s)."},
	"err.lib.csv":                 {"Berkas CSV tidak dapat dibaca di baris %d (periksa tanda kutip).", "The CSV file cannot be read at line %d (check the quotes)."},
	"err.lib.csv_column":          {"Kolom CSV \"%s\" tidak dikenal.", "Unknown CSV column \"%s\"."},
	"err.lib.csv_missing":         {"Kolom CSV \"%s\" wajib ada.", "The CSV column \"%s\" is required."},

	// Versions of an entry.
	"lib.action.create":         {"Dibuat", "Created"},
	"lib.action.update":         {"Diubah", "Changed"},
	"lib.action.review":         {"Ditinjau", "Reviewed"},
	"lib.action.import":         {"Diimpor", "Imported"},
	"lib.action.from_complaint": {"Dibuat dari pengaduan", "Made from a complaint"},

	"lib.routing_model": {"Dipelajari dari %s pengaduan selesai dan kata kunci kategori, dilatih %s.", "Learned from %s finished complaints and the categories' keywords, trained %s."},

	// Command line.
	"lib.cli.exported":      {"%d entri folder jawaban ditulis.", "%d answer-library entries written."},
	"lib.cli.imported":      {"Impor selesai: %d baru, %d diubah, %d tetap.", "Import done: %d new, %d changed, %d unchanged."},
	"lib.cli.usage":         {"pemakaian: aduan library export [--format json|csv] [BERKAS] | aduan library import [--format json|csv] BERKAS", "usage: aduan library export [--format json|csv] [FILE] | aduan library import [--format json|csv] FILE"},
	"lib.cli.eval":          {"Evaluasi saran routing atas %d pengaduan (model: %d pengaduan selesai):", "Routing suggestion evaluated on %d complaints (model: %d finished complaints):"},
	"lib.cli.eval_line":     {"  %-9s top-1 %5.1f%%   top-3 %5.1f%%", "  %-9s top-1 %5.1f%%   top-3 %5.1f%%"},
	"lib.cli.eval_base":     {"Pembanding kata kunci saja:", "Keyword-only baseline:"},
	"lib.cli.unknown_codes": {"peringatan: kode tidak dikenal di instalasi ini (dihitung salah): %s", "warning: codes unknown to this install (counted as misses): %s"},
	"lib.cli.reindexed":     {"Indeks pencarian dibangun ulang: %d entri folder jawaban, %d pengaduan.", "Search index rebuilt: %d answer-library entries, %d complaints."},
}
