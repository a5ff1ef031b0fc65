package i18n

// deliveryMessages are the strings of messages reaching their person: agencies, answers, receipts, contacts: {Indonesian, English}.
var deliveryMessages = map[string][2]string{
	// Phones.
	"err.field.phone_number": {"Nomor telepon tidak valid. Contoh: 0812-3456-7890 atau (021) 7720-0123.", "Not a valid phone number. Example: 0812-3456-7890 or (021) 7720-0123."},
	"web.phone.landline":     {"telepon rumah/kantor: tidak bisa SMS/WhatsApp", "landline: no SMS/WhatsApp"},
	// Reachable agencies.
	"web.nav.reach":                 {"Jangkauan PD", "Agency reach"},
	"web.reach.intro":               {"Penerusan (langkah 7) memberi tahu PD lewat WhatsApp PD, e-mail PD, atau WhatsApp operator PD. PD tanpa satu pun tidak menerima pemberitahuan: operator harus menghubunginya sendiri (telepon/datang) dan mencatatnya.", "A forward (step 7) notifies the agency by its WhatsApp, its e-mail or its operators' WhatsApp. An agency with none of them gets no notification: the operator must reach it (phone, visit) and record it."},
	"web.reach.unreachable":         {"Tidak dapat diberi tahu: %s dari %s PD", "Cannot be notified: %s of %s agencies"},
	"web.reach.missing":             {"Yang kurang", "Missing"},
	"web.reach.no_channel":          {"tanpa WhatsApp, e-mail, atau operator ber-HP", "no WhatsApp, e-mail or operator with a mobile"},
	"web.reach.operators_no_mobile": {"%s operator tanpa nomor HP", "%s operators without a mobile number"},
	"web.reach.edit":                {"Lengkapi kontak", "Add contacts"},
	"web.reach.all_reachable":       {"Semua PD dapat diberi tahu.", "Every agency can be notified."},
	"web.reach.no_operators":        {"Tanpa operator: %s dari %s PD", "Without operators: %s of %s agencies"},
	"web.reach.no_operators_hint":   {"Tidak ada yang dapat menerima atau menjawab penerusan di sistem: buat akun operator PD, atau catat jawaban PD yang diterima lewat telepon/WhatsApp/surat.", "Nobody can acknowledge or answer a forward in the system: create an agency operator account, or record the agency's answer received by phone, WhatsApp or letter."},
	"web.reach.all_have_operators":  {"Setiap PD punya operator.", "Every agency has an operator."},
	"err.field.agency_unreachable":  {"PD ini tidak dapat diberi tahu (tanpa WhatsApp, e-mail, atau operator): hubungi PD lewat telepon atau datang, lalu catat caranya.", "This agency cannot be notified (no WhatsApp, e-mail or operator): reach it by phone or in person, then record how."},
	"web.forward.reached_by":        {"Cara PD dihubungi (bila PD tidak dapat diberi tahu)", "How the agency was reached (if it cannot be notified)"},
	"web.forward.reached_none":      {"— lewat pemberitahuan sistem —", "— by the system's notification —"},
	"web.forward.reached_phone":     {"Saya menelepon PD", "I phoned the agency"},
	"web.forward.reached_visit":     {"Saya datang ke PD", "I visited the agency"},
	"web.forward.reached_note":      {"Dengan siapa (nama/jabatan)", "With whom (name/position)"},
	"web.agency_notify_failed":      {"Pemberitahuan penerusan ke %s gagal terkirim: PD belum tahu. Kirim ulang, atau telepon PD lalu catat:", "The forward's notification to %s failed: the agency does not know yet. Send it again, or phone the agency and record it:"},
	"web.agency_notify_retry":       {"Kirim ulang ke %s", "Send again to %s"},
	// No message without a recipient.
	"err.no_recipient":                 {"Pesan ke warga tidak dapat dikirim: warga tidak punya nomor HP maupun e-mail. Lengkapi kontak warga (Identitas) dulu, atau sampaikan lewat telepon.", "The message to the citizen cannot be sent: they have neither a mobile number nor an e-mail address. Fill in their contact (Identity) first, or tell them by phone."},
	"err.field.no_mobile":              {"Belum ada nomor HP atau e-mail warga.", "No mobile number or e-mail address for the citizen yet."},
	"err.field.no_mobile_landline":     {"Nomor warga adalah telepon rumah/kantor (tidak bisa SMS) dan tidak ada e-mail.", "The citizen's number is a landline (no SMS) and there is no e-mail address."},
	"err.field.contact_not_complaint":  {"Hanya pengaduan (atau tindak lanjutnya) yang diberi nomor pengaduan.", "Only a complaint (or a follow-up on one) carries a complaint number."},
	"msg.notify.agency_not_notified":   {"Pengaduan %[1]s diteruskan, tetapi pemberitahuan ke PD gagal terkirim: PD belum tahu. Kirim ulang atau telepon PD.", "Complaint %[1]s was forwarded, but the agency's notification failed: the agency does not know yet. Send it again or phone the agency."},
	"msg.web.kind.agency_not_notified": {"Penerusan tidak sampai", "Forward not delivered"},
	"msg.web.var.lacak":                {"tautan lacak pengaduan untuk warga", "the citizen's tracking link"},
	"msg.web.var.pusat":                {"nama pengirim: Call Center kota", "the sender's name: the city's call center"},
	"o311.phone_unusable":              {"Nomor telepon yang dikirim tidak dapat dipakai (dicatat apa adanya): %s", "The phone number sent cannot be used (kept as sent): %s"},
	"err.field.phone_landline":         {"Ini nomor telepon rumah/kantor: SMS dan WhatsApp perlu nomor HP (08…).", "This is a landline: SMS and WhatsApp need a mobile number (08…)."},
	// Answers delivered (SOP steps 4 and 6).
	"err.no_recipient_answer": {"Jawaban tidak dapat dikirim ke warga: tidak ada nomor HP maupun e-mail. Lengkapi kontak warga, atau bila jawaban sudah disampaikan saat telepon, centang \"Sudah disampaikan lewat telepon\".", "The answer cannot be sent to the citizen: there is neither a mobile number nor an e-mail address. Fill in their contact, or, if the answer was given on the call, tick \"Told on the call\"."},
	"err.field.told_on_call":  {"Centang bila warga sudah mendengar jawaban ini saat menelepon.", "Tick if the citizen heard this answer on the call."},
	"web.field.told_on_call":  {"Sudah disampaikan lewat telepon (warga tidak punya HP/e-mail)", "Told on the call (the citizen has no mobile or e-mail)"},
	"web.event.told_on_call":  {"disampaikan lewat telepon", "told on the call"},
	"msg.purpose.answer":      {"Jawaban call center (SOP 4/6)", "Call center's answer (SOP 4/6)"},
	"msg.web.tpl.answer":      {"Jawaban langsung call center (SOP 4/6, SMS, WhatsApp atau e-mail)", "The call center's direct answer (SOP 4/6, SMS, WhatsApp or e-mail)"},
	"msg.sms_too_long":        {"SMS terlalu panjang untuk pengaturan SMS panjang", "SMS too long for the long-SMS setting"},
	// Receipt at intake.
	"msg.purpose.receipt":          {"Tanda terima pengaduan", "Complaint receipt"},
	"msg.web.tpl.receipt":          {"Tanda terima saat pengaduan dicatat (nomor, tautan lacak, perintah STATUS)", "Receipt when a complaint is recorded (number, tracking link, STATUS command)"},
	"msg.web.var.sms":              {"nomor SMS center (untuk perintah STATUS)", "the SMS-center number (for the STATUS command)"},
	"web.setting.receipt_sms":      {"Tanda terima lewat SMS saat pengaduan dicatat: on atau off", "Receipt by SMS when a complaint is recorded: on or off"},
	"web.setting.receipt_whatsapp": {"Tanda terima lewat WhatsApp (pengaduan dari WhatsApp): on atau off", "Receipt on WhatsApp (complaints that came by WhatsApp): on or off"},
	"web.setting.receipt_email":    {"Tanda terima lewat e-mail: on atau off", "Receipt by e-mail: on or off"},
}
