package i18n

// suggestMessages are the strings of answer suggestions and routing: {Indonesian, English}.
var suggestMessages = map[string][2]string{
	"err.suggest.past_unedited": {"Jawaban pengaduan lalu hanya contoh: sesuaikan dulu dengan penelepon ini (nama, kelurahan, tanggal) sebelum dikirim.",
		"A past complaint's answer is only an example: adapt it to this caller (name, kelurahan, date) before sending."},
	"suggest.example":        {"Contoh", "Example"},
	"suggest.example_from":   {"pengaduan lalu, %s, %s", "past complaint, %s, %s"},
	"suggest.warn_place":     {"Jawaban ini untuk warga Kelurahan %s, bukan kelurahan penelepon ini: sesuaikan sebelum dikirim.", "This answer was for a resident of Kelurahan %s, not this caller's kelurahan: adapt it before sending."},
	"suggest.warn_old":       {"Jawaban ini lebih dari setahun lalu: periksa apakah aturan dan tanggalnya masih berlaku.", "This answer is more than a year old: check that its rules and dates still hold."},
	"suggest.copy_example":   {"Salin sebagai contoh (wajib disunting)", "Copy as an example (must be edited)"},
	"suggest.pick_manual":    {"Saran kurang yakin: pilih manual kategori dan instansinya.", "Not confident enough: pick the category and agency by hand."},
	"suggest.eval.ignored":   {"Kolom yang tidak dikenal diabaikan: %s", "Unknown fields ignored: %s"},
	"suggest.eval.misses":    {"Instansi meleset (%d): id, instansi benar, 3 saran teratas, keyakinan, teks", "Agency misses (%d): id, gold agency, top 3, confidence, text"},
	"suggest.eval.confusion": {"Ringkasan per instansi benar: jumlah meleset, instansi yang diusulkan pertama", "Summary by gold agency: misses, agency suggested first instead"},
}
