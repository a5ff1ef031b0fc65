package i18n

// messages holds every user-facing string: {Indonesian, English}. Keeping
// both side by side makes a missing translation visible in review; a test
// checks that no key used in the code is missing.
var messages = join(coreMessages, webMessages, messageMessages, libraryMessages, libraryWebMessages, reportMessages, reportWebMessages, open311Messages, uploadMessages, identityMessages, accessMessages, authMessages, privacyMessages, faultMessages, worktimeMessages, deliveryMessages, skmMessages, signingMessages, suggestMessages, routing2Messages, consoleMessages, ppidMessages, laporMessages, agencyflowMessages, kasiMessages, deskMessages, ppid2Messages, ppid13Messages)

// join merges the areas' catalogues; a key defined twice is a bug that the
// tests catch (see TestNoKeyDefinedTwice).
func join(parts ...map[string][2]string) map[string][2]string {
	out := map[string][2]string{}
	for _, p := range parts {
		for k, v := range p {
			if _, dup := out[k]; dup {
				duplicateKeys = append(duplicateKeys, k)
			}
			out[k] = v
		}
	}
	return out
}

var duplicateKeys []string

var coreMessages = map[string][2]string{
	// Errors.
	"err.invalid_input":       {"Data yang dikirim tidak valid. Periksa isian yang ditandai.", "The data sent is not valid. Check the marked fields."},
	"err.internal":            {"Terjadi kesalahan pada sistem. Silakan coba lagi; bila berulang, hubungi admin.", "Something went wrong in the system. Please try again; if it persists, contact the admin."},
	"err.unavailable":         {"Layanan sedang tidak tersedia (basis data tidak dapat dihubungi). Coba lagi sebentar lagi; tidak ada data yang tersimpan sebagian.", "The service is unavailable for now (the database cannot be reached). Try again shortly; nothing was half-saved."},
	"err.storage_full":        {"Penyimpanan basis data penuh: data baru dan perubahan belum dapat disimpan, data yang ada tetap dapat dibaca. Minta admin menambah ruang disk, lalu coba lagi; tidak ada data yang tersimpan sebagian.", "The database's storage is full: nothing new or changed can be saved for now, existing data can still be read. Ask the admin to free disk space, then try again; nothing was half-saved."},
	"err.forbidden":           {"Peran Anda tidak berhak melakukan tindakan ini.", "Your role is not allowed to do this."},
	"err.unauthorized":        {"Silakan masuk terlebih dahulu.", "Please log in first."},
	"err.session_expired":     {"Sesi Anda telah berakhir. Silakan masuk kembali.", "Your session has expired. Please log in again."},
	"err.token_invalid":       {"Token API tidak valid atau sudah dicabut.", "The API token is invalid or has been revoked."},
	"err.login_failed":        {"Nama pengguna atau kata sandi salah.", "Wrong user name or password."},
	"err.rate_limited":        {"Terlalu banyak permintaan. Coba lagi sebentar lagi.", "Too many requests. Try again shortly."},
	"err.not_found":           {"Data tidak ditemukan.", "Not found."},
	"err.not_found.complaint": {"Pengaduan tidak ditemukan.", "Complaint not found."},
	"err.not_found.citizen":   {"Warga tidak ditemukan.", "Citizen not found."},
	"err.not_found.agency":    {"Perangkat Daerah tidak ditemukan.", "Agency not found."},
	"err.not_found.category":  {"Kategori tidak ditemukan.", "Category not found."},
	"err.not_found.kelurahan": {"Kelurahan tidak ditemukan.", "Kelurahan not found."},
	"err.not_found.user":      {"Pengguna tidak ditemukan.", "User not found."},
	"err.not_found.token":     {"Token tidak ditemukan.", "Token not found."},
	"err.not_found.holiday":   {"Hari libur tidak ditemukan.", "Holiday not found."},
	"err.not_found.route":     {"Alamat tidak ditemukan.", "No such address."},
	"err.method_not_allowed":  {"Metode HTTP ini tidak didukung untuk alamat ini.", "This HTTP method is not supported here."},
	"err.stale":               {"Data ini baru saja diubah oleh orang lain. Muat ulang untuk melihat perubahan terbaru, lalu ulangi.", "Someone else changed this just now. Reload to see the latest version, then try again."},
	"err.duplicate_value":     {"Data yang sama sudah ada.", "The same data already exists."},
	"err.reference":           {"Data merujuk ke sesuatu yang tidak ada.", "The data refers to something that does not exist."},
	"err.transition":          {"Langkah \"%s\" tidak dapat dilakukan saat status pengaduan \"%s\".", "The step \"%s\" cannot be taken while the complaint is \"%s\"."},
	"err.unknown_action":      {"Langkah \"%s\" tidak dikenal.", "Unknown step \"%s\"."},
	"err.closed_complaint":    {"Pengaduan yang sudah selesai tidak dapat diubah. Buka kembali terlebih dahulu.", "A finished complaint cannot be changed. Reopen it first."},
	"err.nothing_to_change":   {"Tidak ada yang diubah.", "Nothing to change."},
	"err.database_url":        {"ADUAN_DATABASE_URL harus diawali postgres:// atau kosong (SQLite).", "ADUAN_DATABASE_URL must start with postgres:// or be empty (SQLite)."},
	"err.backup_postgres":     {"Pencadangan bawaan hanya untuk SQLite; untuk PostgreSQL gunakan pg_dump.", "The built-in backup is for SQLite only; for PostgreSQL use pg_dump."},
	"err.backup_exists":       {"Berkas %s sudah ada; pilih nama lain.", "The file %s already exists; choose another name."},
	"err.json":                {"Isi permintaan bukan JSON yang valid: %s", "The request body is not valid JSON: %s"},
	"err.json_field":          {"Kolom \"%s\" tidak dikenal.", "Unknown field \"%s\"."},
	"err.json_type":           {"Kolom \"%s\" harus berupa %s.", "The field \"%s\" must be %s."},
	"err.json_trailing":       {"Isi permintaan harus berisi satu objek JSON saja.", "The request body must hold exactly one JSON object."},
	"err.json_empty":          {"Isi permintaan kosong; diharapkan objek JSON.", "The request body is empty; a JSON object was expected."},
	"err.content_type":        {"Content-Type harus application/json.", "Content-Type must be application/json."},
	"err.too_large":           {"Isi permintaan terlalu besar (maksimum %d KB).", "The request body is too large (at most %d KB)."},
	"err.bad_param":           {"Parameter \"%s\" tidak valid.", "The parameter \"%s\" is not valid."},
	"err.csrf":                {"Permintaan lintas situs ditolak.", "Cross-site request refused."},

	// The Idempotency-Key header (internal/api/idempotency.go).
	"err.idempotency.key":       {"Header Idempotency-Key harus berupa satu nilai berisi 1–255 karakter ASCII yang dapat dicetak (misalnya sebuah UUID).", "The Idempotency-Key header must be one value of 1–255 printable ASCII characters (a UUID, for example)."},
	"err.idempotency.reused":    {"Idempotency-Key ini sudah dipakai untuk permintaan lain (isi atau alamat yang berbeda); tidak ada yang diubah. Gunakan kunci baru untuk permintaan baru.", "This Idempotency-Key was already used for a different request (another body or address); nothing was changed. Use a new key for a new request."},
	"err.idempotency.in_flight": {"Permintaan lain dengan Idempotency-Key yang sama sedang diproses. Coba lagi sebentar lagi dengan kunci yang sama.", "Another request with the same Idempotency-Key is being processed. Try again shortly with the same key."},

	// Field errors.
	"err.field.required":        {"Wajib diisi.", "Required."},
	"err.field.too_long":        {"Terlalu panjang (maksimum %d karakter).", "Too long (at most %d characters)."},
	"err.field.encoding":        {"Teks mengandung karakter yang tidak valid.", "The text contains invalid characters."},
	"err.field.control_chars":   {"Teks mengandung karakter kontrol yang tidak diizinkan.", "The text contains control characters that are not allowed."},
	"err.field.choice":          {"Pilihan tidak dikenal.", "Unknown choice."},
	"err.field.unknown":         {"Tidak ditemukan; pilih dari daftar.", "Not found; choose from the list."},
	"err.field.inactive":        {"Sudah tidak aktif.", "No longer active."},
	"err.field.phone":           {"Nomor HP tidak valid. Contoh: 0812-3456-7890.", "Not a valid mobile number. Example: 0812-3456-7890."},
	"err.field.phone_taken":     {"Nomor HP ini sudah terdaftar untuk warga lain.", "This mobile number already belongs to another citizen."},
	"err.field.email":           {"Alamat e-mail tidak valid.", "Not a valid e-mail address."},
	"err.field.latlng_pair":     {"Lintang dan bujur harus diisi keduanya.", "Latitude and longitude go together."},
	"err.field.latlng_range":    {"Koordinat di luar jangkauan.", "Coordinates out of range."},
	"err.field.future":          {"Waktu tidak boleh di masa depan.", "The time cannot be in the future."},
	"err.field.too_old":         {"Waktu terlalu lampau (lebih dari 30 hari).", "The time is too long ago (more than 30 days)."},
	"err.field.code":            {"Kode hanya huruf besar, angka, - dan _ (maksimum 40).", "A code is capital letters, digits, - and _ (at most 40)."},
	"err.field.date":            {"Tanggal harus berformat TTTT-BB-HH.", "The date must be YYYY-MM-DD."},
	"err.field.range":           {"Harus antara %d dan %d.", "Must be between %d and %d."},
	"err.field.same_agency":     {"Pengaduan ini baru saja dikembalikan oleh Perangkat Daerah tersebut; pilih Perangkat Daerah lain.", "This agency has just returned the complaint; choose another agency."},
	"err.field.duplicate_self":  {"Pengaduan tidak dapat menjadi duplikat dirinya sendiri.", "A complaint cannot duplicate itself."},
	"err.field.agency_required": {"Peran ini harus terikat pada satu Perangkat Daerah.", "This role must belong to one agency."},
	"err.field.username":        {"Nama pengguna 3–40 karakter: huruf kecil, angka, titik, - atau _.", "A user name is 3–40 characters: lower-case letters, digits, dot, - or _."},
	"err.field.taken":           {"Sudah dipakai.", "Already taken."},
	"err.field.password_short":  {"Kata sandi minimal %d karakter.", "A password has at least %d characters."},
	"err.field.password_wrong":  {"Kata sandi lama salah.", "The old password is wrong."},

	// Statuses.
	"status.recorded":          {"Tercatat", "Recorded"},
	"status.awaiting_identity": {"Menunggu identitas", "Awaiting identity"},
	"status.awaiting_photos":   {"Menunggu foto", "Awaiting photos"},
	"status.answered":          {"Dijawab langsung", "Answered directly"},
	"status.forwarded":         {"Diteruskan ke PD", "Forwarded to agency"},
	"status.acknowledged":      {"Diterima PD", "Acknowledged by agency"},
	"status.agency_answered":   {"Dijawab PD", "Answered by agency"},
	"status.answer_received":   {"Jawaban PD diterima", "Agency answer received"},
	"status.relayed":           {"Jawaban disampaikan", "Answer relayed"},
	"status.returned":          {"Dikembalikan (bukan wewenang)", "Returned (not its authority)"},
	"status.closed":            {"Selesai", "Closed"},
	"status.duplicate":         {"Duplikat", "Duplicate"},
	"status.rejected":          {"Ditolak", "Rejected"},

	// Actions.
	"action.create":           {"Pengaduan dicatat", "Complaint recorded"},
	"action.request_identity": {"Minta identitas via SMS", "Ask for identity by SMS"},
	"action.provide_identity": {"Identitas dilengkapi", "Identity completed"},
	"action.request_photos":   {"Minta foto via e-mail", "Ask for photos by e-mail"},
	"action.photos_received":  {"Foto diterima", "Photos received"},
	"action.answer":           {"Jawab langsung", "Answer directly"},
	"action.forward":          {"Teruskan ke PD", "Forward to agency"},
	"action.acknowledge":      {"Terima pengaduan", "Acknowledge"},
	"action.agency_answer":    {"Jawab (PD)", "Answer (agency)"},
	"action.return":           {"Kembalikan: bukan wewenang", "Return: not our authority"},
	"action.receive_answer":   {"Terima jawaban PD", "Receive agency answer"},
	"action.relay":            {"Sampaikan jawaban via SMS", "Relay answer by SMS"},
	"action.close":            {"Selesaikan", "Close"},
	"action.reopen":           {"Buka kembali", "Reopen"},
	"action.mark_duplicate":   {"Tandai duplikat", "Mark as duplicate"},
	"action.reject":           {"Tolak (spam/penyalahgunaan)", "Reject (spam/abuse)"},
	"action.edit":             {"Data pengaduan diubah", "Complaint edited"},
	"action.note":             {"Catatan", "Note"},

	// Timed steps (Mutu Baku).
	"step.intake":          {"Penerimaan & pencatatan (SOP 1–3)", "Call and recording (SOP 1–3)"},
	"step.direct_answer":   {"Jawaban langsung (SOP 4)", "Direct answer (SOP 4)"},
	"step.photo_request":   {"Permintaan foto (SOP 5)", "Photo request (SOP 5)"},
	"step.library_answer":  {"Jawaban dari folder jawaban (SOP 6)", "Answer from the answer folder (SOP 6)"},
	"step.forward":         {"Diteruskan ke PD (SOP 7)", "Forwarded to agency (SOP 7)"},
	"step.agency_receive":  {"Diterima PD (SOP 8)", "Received by agency (SOP 8)"},
	"step.agency_answer":   {"Dijawab PD (SOP 8)", "Answered by agency (SOP 8)"},
	"step.answer_receive":  {"Jawaban PD diterima (SOP 9)", "Agency answer received (SOP 9)"},
	"step.relay":           {"Jawaban disampaikan ke warga (SOP 10)", "Answer relayed to the citizen (SOP 10)"},
	"step.daily_report":    {"Laporan harian (SOP 11)", "Daily report (SOP 11)"},
	"step.monthly_report":  {"Laporan bulanan (SOP 12)", "Monthly report (SOP 12)"},
	"step.report_review":   {"Pemeriksaan & paraf (SOP 13)", "Review and initials (SOP 13)"},
	"step.report_complete": {"SOP selesai (SOP 14)", "SOP complete (SOP 14)"},

	// Roles.
	"role.operator_cc":    {"Operator Call Center", "Call-center operator"},
	"role.operator_pd":    {"Operator Perangkat Daerah", "Agency operator"},
	"role.koordinator_cc": {"Koordinator Call Center", "Call-center coordinator"},
	"role.kasi_kabid":     {"Kasi/Kabid Informasi Komunikasi Publik", "Section/division head, public information"},
	"role.pimpinan_pd":    {"Pimpinan Perangkat Daerah", "Head of agency"},
	"role.ppid_utama":     {"PPID Utama", "Chief public-information officer"},
	"role.ppid_pembantu":  {"PPID Pembantu", "Agency public-information officer"},
	"role.admin":          {"Admin", "Administrator"},

	// Channels, priorities, confidentiality, answer sources.
	"channel.telepon":    {"Telepon", "Phone"},
	"channel.sms":        {"SMS", "SMS"},
	"channel.whatsapp":   {"WhatsApp", "WhatsApp"},
	"channel.email":      {"E-mail", "E-mail"},
	"channel.web":        {"Situs web", "Web"},
	"channel.open311":    {"Open311", "Open311"},
	"priority.rendah":    {"Rendah", "Low"},
	"priority.sedang":    {"Sedang", "Normal"},
	"priority.tinggi":    {"Tinggi", "High"},
	"priority.darurat":   {"Darurat", "Emergency"},
	"conf.biasa":         {"Biasa", "Normal"},
	"conf.anonim":        {"Anonim (identitas disembunyikan dari PD)", "Anonymous (identity hidden from agencies)"},
	"conf.rahasia":       {"Rahasia (hanya call center dan PD)", "Confidential (call center and agency only)"},
	"source.direct":      {"Langsung oleh operator", "Directly by the operator"},
	"source.library":     {"Folder jawaban", "Answer folder"},
	"source.complaint":   {"Pengaduan serupa yang sudah dijawab", "A similar answered complaint"},
	"source.web":         {"Situs web (depok.go.id / PD / mesin pencari)", "Website (depok.go.id / agency / search engine)"},
	"source.agency":      {"Jawaban Perangkat Daerah", "The agency's answer"},
	"label.hidden":       {"[disembunyikan]", "[hidden]"},
	"label.confidential": {"[rahasia]", "[confidential]"},
	"label.paused":       {"jeda (menunggu warga)", "paused (waiting on the citizen)"},

	// Command line.
	"cli.admin_created":  {"Admin pertama dibuat. Nama pengguna: %s  Kata sandi sekali pakai: %s  (wajib diganti saat masuk pertama)", "First admin created. User name: %s  One-time password: %s  (must be changed at first log-in)"},
	"cli.demo_users":     {"Pengguna demo (kata sandi: %s):", "Demo users (password: %s):"},
	"cli.listening":      {"aduan siap di %s", "aduan is ready at %s"},
	"cli.demo_loaded":    {"Data demo Kota Depok dimuat: %d pengaduan.", "Depok demo data loaded: %d complaints."},
	"cli.backup_written": {"Cadangan ditulis ke %s", "Backup written to %s"},
	"cli.user_created":   {"Pengguna %s dibuat (peran %s).", "User %s created (role %s)."},
	"cli.gen_done":       {"Selesai: %d pengaduan, %d warga baru, %d peristiwa dalam %s (%d pengaduan/menit).", "Done: %d complaints, %d new citizens, %d events in %s (%d complaints/min)."},
	"cli.token_created":  {"Token API (simpan sekarang, tidak akan ditampilkan lagi): %s", "API token (save it now, it will not be shown again): %s"},
}
