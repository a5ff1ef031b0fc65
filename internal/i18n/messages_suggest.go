package i18n

// suggestMessages are the strings of answer suggestions and routing: {Indonesian, English}.
var suggestMessages = map[string][2]string{
	"err.suggest.past_unedited": {"Jawaban pengaduan lalu hanya contoh: sesuaikan dulu dengan penelepon ini (nama, kelurahan, tanggal) sebelum dikirim.",
		"A past complaint's answer is only an example: adapt it to this caller (name, kelurahan, date) before sending."},
}
