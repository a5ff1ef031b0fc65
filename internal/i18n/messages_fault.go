package i18n

// faultMessages are the strings of faults: database away, unknown outcomes, reviews of sends: {Indonesian, English}.
var faultMessages = map[string][2]string{
	"web.dash.review": {"pesan perlu diperiksa (pengiriman terputus)", "messages to check (sending cut short)"},
	"err.outcome_unknown": {"Hubungan ke basis data terputus saat menyimpan, jadi belum dapat dipastikan apakah perubahan ini sudah tersimpan. Periksa dulu sebelum mencoba lagi. Mengirim ulang formulir yang sama, atau permintaan API dengan Idempotency-Key yang sama, aman: tidak akan tercatat dua kali.",
		"The connection to the database broke while saving, so it is not known whether this change was saved. Check before trying again. Sending the same form again, or the API request with the same Idempotency-Key, is safe: it will not be recorded twice."},
}
