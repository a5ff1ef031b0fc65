package i18n

// faultMessages are the strings of faults: database away, unknown outcomes, reviews of sends: {Indonesian, English}.
var faultMessages = map[string][2]string{
	"web.dash.review":      {"pesan perlu diperiksa (pengiriman terputus)", "messages to check (sending cut short)"},
	"web.dash.review_list": {"Pesan yang perlu diputuskan petugas", "Messages a person must decide on"},
	"web.dash.review_help": {"Pengirimannya terputus dan gateway tidak dapat memastikan apakah pesan sudah sampai. Periksa pada pengaduannya (misalnya tanyakan ke warga), lalu kirim ulang bila belum diterima. SMS yang pasti belum sampai ke gateway sudah dikirim ulang otomatis.",
		"Sending was cut short and the gateway cannot tell whether the message arrived. Check on the complaint (ask the citizen, for example), then retry if it was not received. SMS that surely never reached the gateway were sent again automatically."},
	"web.dash.review_why": {"Alasan", "Why"},
	"web.dash.review_all": {"Lihat semua %s pesan", "See all %s messages"},
	"msg.review.sms_unknown": {"Gateway SMS tidak dapat ditanya apakah pesan ini sampai (Kannel tanpa akses admin atau tanpa store), jadi tidak dikirim ulang otomatis.",
		"The SMS gateway cannot be asked whether this message arrived (Kannel without admin access or without a store), so it was not sent again automatically."},
	"msg.review.whatsapp_unknown": {"WhatsApp tidak memberi kabar tentang pesan ini dan ID pesannya tidak tercatat, jadi tidak dapat dipastikan apakah sudah terkirim.",
		"WhatsApp sent no status for this message and its ID was not recorded, so whether it went cannot be known."},
	"msg.review.email_unknown": {"Jawaban server e-mail hilang saat pengiriman, jadi tidak dapat dipastikan apakah e-mail ini sudah diterima.",
		"The mail server's answer was lost while sending, so whether this e-mail was accepted cannot be known."},
	"msg.review.resent_once": {"Sudah dikirim ulang otomatis satu kali dan masih belum pasti; petugas yang memutuskan.",
		"Already sent again automatically once and still in doubt; a person decides."},
	"err.outcome_unknown": {"Hubungan ke basis data terputus saat menyimpan, jadi belum dapat dipastikan apakah perubahan ini sudah tersimpan. Periksa dulu sebelum mencoba lagi. Mengirim ulang formulir yang sama, atau permintaan API dengan Idempotency-Key yang sama, aman: tidak akan tercatat dua kali.",
		"The connection to the database broke while saving, so it is not known whether this change was saved. Check before trying again. Sending the same form again, or the API request with the same Idempotency-Key, is safe: it will not be recorded twice."},
}
