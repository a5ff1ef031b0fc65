package i18n

// messageMessages are the message area's strings: {Indonesian, English}.
var messageMessages = map[string][2]string{
	"msg.status.queued":            {"Dalam antrean", "Queued"},
	"msg.status.sending":           {"Sedang dikirim", "Sending"},
	"msg.status.sent":              {"Terkirim", "Sent"},
	"msg.status.sent_outbox":       {"Terkirim (outbox: tidak ada gateway, hanya dicatat)", "Sent (outbox: no gateway, recorded only)"},
	"msg.status.delivered":         {"Diterima", "Delivered"},
	"msg.status.read":              {"Dibaca", "Read"},
	"msg.status.failed":            {"Gagal", "Failed"},
	"msg.status.review":            {"Perlu diperiksa (mungkin sudah terkirim)", "Needs review (may have been sent)"},
	"msg.status.received":          {"Masuk", "Received"},
	"msg.status.processed":         {"Diproses", "Processed"},
	"msg.status.ignored":           {"Tidak cocok dengan pengaduan", "Not matched to a complaint"},
	"msg.purpose.request_identity": {"Permintaan identitas (SOP 3)", "Identity request (SOP 3)"},
	"msg.purpose.request_photos":   {"Permintaan foto (SOP 5)", "Photo request (SOP 5)"},
	"msg.purpose.forward":          {"Penerusan ke Perangkat Daerah (SOP 7)", "Forwarded to the agency (SOP 7)"},
	"msg.purpose.relay":            {"Penyampaian jawaban (SOP 10)", "Answer relayed (SOP 10)"},
	"msg.purpose.sla_warning":      {"Peringatan batas waktu", "Deadline warning"},
	"msg.purpose.inbound":          {"Pesan masuk", "Incoming message"},
	"msg.no_phone":                 {"Warga tidak punya nomor HP: pesan tidak dapat dikirim.", "The citizen has no mobile number: the message cannot be sent."},
	"msg.no_agency_contact":        {"Perangkat Daerah tidak punya nomor WhatsApp, operator dengan nomor HP, maupun e-mail.", "The agency has no WhatsApp number, no operator with a phone and no e-mail."},
	"msg.interrupted":              {"Pengiriman terputus saat gateway memprosesnya; periksa apakah pesan sudah diterima sebelum mengirim ulang.", "Sending was cut off while the gateway had the message; check whether it arrived before retrying."},
	"msg.notify.sla_warning":       {"Pengaduan %s mendekati batas waktu langkah %s (%s).", "Complaint %s nears the deadline of the step %s (%s)."},
	"msg.notify.sla_breach":        {"Pengaduan %s melewati batas waktu langkah %s (%s).", "Complaint %s passed the deadline of the step %s (%s)."},

	// Labels of the message settings on the console's settings page.
	"web.setting.sms_long_messages": {"SMS panjang: split (dikirim bersambung) atau refuse (langkah ditolak, teks harus dipersingkat)", "Long SMS: split (sent concatenated) or refuse (the step is refused; shorten the text)"},
	"web.setting.reply_to_closed":   {"Balasan atas pengaduan yang sudah ditutup: reopen (dibuka kembali) atau new (pengaduan baru)", "Reply to a closed complaint: reopen it, or open a new one (new)"},

	"err.messaging_off":           {"Layanan pesan belum berjalan.", "Messaging is not running."},
	"err.webhook_secret":          {"Kunci rahasia gateway salah.", "Wrong gateway secret."},
	"err.webhook_signature":       {"Tanda tangan webhook tidak valid.", "Invalid webhook signature."},
	"err.message_not_retryable":   {"Pesan berstatus \"%s\" tidak dapat dikirim ulang.", "A message that is \"%s\" cannot be retried."},
	"err.not_found.message":       {"Pesan tidak ditemukan.", "Message not found."},
	"err.not_found.template":      {"Templat pesan tidak ditemukan.", "Message template not found."},
	"err.not_found.attachment":    {"Lampiran tidak ditemukan.", "Attachment not found."},
	"err.not_found.notification":  {"Notifikasi tidak ditemukan.", "Notification not found."},
	"err.field.sms_too_long":      {"Teks ini menjadi %d SMS; yang diizinkan paling banyak %d. Persingkat teksnya.", "This text takes %d SMS; at most %d are allowed. Shorten it."},
	"err.field.template_variable": {"Variabel %s tidak dikenal.", "Unknown variable %s."},
	"err.field.wa_template":       {"Nama templat WhatsApp hanya boleh huruf kecil, angka dan garis bawah.", "A WhatsApp template name may hold only lower-case letters, digits and underscores."},
}
