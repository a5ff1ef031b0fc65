package i18n

// agencyflowMessages are the strings of the agency side of a forwarded
// complaint (issues 15 and 16): the call center's actions on it, the
// agency's promise and follow-up, whether the agency was reached, and the
// complaints waiting on the citizen: {Indonesian, English}.
var agencyflowMessages = map[string][2]string{
	"status.promised": {"Dijanjikan PD (tindak lanjut)", "Promised by the agency (follow-up)"},

	"action.record_agency_answer": {"Catat jawaban PD (WA/telepon/surat)", "Record the agency's answer (WhatsApp/phone/letter)"},
	"action.remind_agency":        {"Ingatkan PD", "Remind the agency"},
	"action.call_agency":          {"Catat telepon ke PD", "Log a phone call to the agency"},
	"action.withdraw":             {"Tarik dan teruskan ke PD lain", "Withdraw and forward to another agency"},
	"action.escalate_agency":      {"Laporkan ke Pimpinan PD", "Escalate to the agency's head"},
	"action.agency_promise":       {"Janji penyelesaian (tindak lanjut)", "Promise a completion date (follow-up)"},
	"action.agency_progress":      {"Kabar perkembangan", "Post progress"},
	"action.ask_clarification":    {"Minta penjelasan ke call center", "Ask the call center for clarification"},
	"action.answer_clarification": {"Jawab pertanyaan PD", "Answer the agency's question"},
	"action.remind_citizen":       {"Ingatkan warga", "Remind the citizen"},
	"action.close_no_reply":       {"Tutup: warga tidak membalas", "Close: the citizen did not reply"},

	"web.ok.done.record_agency_answer": {"Jawaban PD dicatat; sampaikan ke warga.", "The agency's answer is recorded; relay it to the citizen."},
	"web.ok.done.remind_agency":        {"Pengingat dikirim ulang ke Perangkat Daerah.", "The reminder was sent to the agency again."},
	"web.ok.done.call_agency":          {"Telepon ke Perangkat Daerah dicatat.", "The phone call to the agency is logged."},
	"web.ok.done.withdraw":             {"Ditarik dan diteruskan ke Perangkat Daerah lain.", "Withdrawn and forwarded to another agency."},
	"web.ok.done.escalate_agency":      {"Pimpinan Perangkat Daerah diberi tahu.", "The agency's head has been told."},
	"web.ok.done.agency_promise":       {"Janji penyelesaian dicatat; warga diberi tahu.", "The promised date is recorded; the citizen is told."},
	"web.ok.done.agency_progress":      {"Perkembangan dicatat; warga diberi tahu.", "Progress is recorded; the citizen is told."},
	"web.ok.done.ask_clarification":    {"Pertanyaan dikirim ke call center.", "The question was sent to the call center."},
	"web.ok.done.remind_citizen":       {"Pengingat dikirim ke warga.", "The reminder was sent to the citizen."},
	"web.ok.done.close_no_reply":       {"Pengaduan ditutup; warga diberi tahu.", "The complaint is closed; the citizen is told."},
	"web.ok.done.answer_clarification": {"Jawaban dikirim ke Perangkat Daerah.", "The answer was sent to the agency."},

	"web.setting.citizen_wait_remind_days": {"Pengingat ke warga yang belum membalas (hari)", "Reminder to a citizen who has not replied (days)"},
	"web.setting.citizen_wait_close_days":  {"Tutup pengaduan tanpa balasan warga setelah (hari)", "Close a complaint the citizen did not reply to after (days)"},

	"msg.web.kind.agency_escalated":       {"Dilaporkan ke Pimpinan PD", "Escalated to the agency's head"},
	"msg.web.kind.agency_question":        {"Pertanyaan dari PD", "Question from the agency"},
	"msg.web.kind.clarification_answered": {"Pertanyaan dijawab call center", "Question answered by the call center"},

	// As the daily report lists them.
	"rep.act.record_agency_answer": {"jawaban PD dicatat", "agency answer recorded"},
	"rep.act.remind_agency":        {"PD diingatkan", "agency reminded"},
	"rep.act.call_agency":          {"PD ditelepon", "agency phoned"},
	"rep.act.withdraw":             {"ditarik ke PD lain", "withdrawn to another agency"},
	"rep.act.escalate_agency":      {"ke Pimpinan PD", "escalated to the agency's head"},
	"rep.act.agency_promise":       {"dijanjikan PD", "promised by the agency"},
	"rep.act.agency_progress":      {"perkembangan PD", "agency progress"},
	"rep.act.ask_clarification":    {"PD bertanya", "agency asked"},
	"rep.act.answer_clarification": {"pertanyaan PD dijawab", "agency's question answered"},
	"rep.act.remind_citizen":       {"warga diingatkan", "citizen reminded"},
	"rep.act.close_no_reply":       {"ditutup tanpa balasan", "closed without a reply"},

	"step.follow_up": {"Tindak lanjut sesuai janji PD", "Follow-up by the agency's promised date"},

	"err.field.datetime":       {"Waktu harus berformat TTTT-BB-HH JJ:MM.", "The time must be YYYY-MM-DD HH:MM."},
	"err.field.before_forward": {"Waktu tidak boleh sebelum pengaduan diteruskan ke Perangkat Daerah.", "The time cannot be before the complaint was forwarded to the agency."},
	"err.field.calendar_days":  {"Isi jumlah hari antara 1 dan 365.", "Enter a number of days between 1 and 365."},
	"err.field.past_date":      {"Tanggal tidak boleh sebelum hari ini.", "The date cannot be before today."},
	"err.field.date_too_far":   {"Tanggal paling lambat satu tahun dari hari ini.", "The date can be at most a year from today."},
	"err.no_pimpinan":          {"Perangkat Daerah ini belum punya pengguna Pimpinan PD: hubungi pimpinannya lewat telepon dan catat teleponnya.", "This agency has no head (Pimpinan PD) user yet: phone its head and log the call."},

	"web.agencyflow.answered_by":       {"Yang menjawab (nama/jabatan di PD)", "Who answered (name/position at the agency)"},
	"web.agencyflow.answered_at":       {"Waktu PD menjawab", "When the agency answered"},
	"web.agencyflow.via":               {"Diterima lewat", "Received by"},
	"web.agencyflow.via_whatsapp":      {"WhatsApp", "WhatsApp"},
	"web.agencyflow.via_phone":         {"Telepon", "Phone"},
	"web.agencyflow.via_letter":        {"Surat", "Letter"},
	"web.agencyflow.attachments":       {"Lampiran (foto/surat hasil pindai)", "Attachments (photos/scanned letter)"},
	"web.agencyflow.outcome":           {"Hasil telepon", "Outcome of the call"},
	"web.agencyflow.outcome_reached":   {"Tersambung, PD sudah tahu", "Got through; the agency knows"},
	"web.agencyflow.outcome_no_answer": {"Tidak diangkat/sibuk", "No answer/busy"},
	"web.agencyflow.call_note":         {"Dengan siapa dan apa hasilnya", "With whom, and what was said"},
	"web.agencyflow.escalate_note":     {"Alasan (dibaca Pimpinan PD)", "Reason (the agency's head reads it)"},
	"web.agencyflow.remind_note":       {"Catatan (opsional)", "Note (optional)"},
	"web.agencyflow.promise":           {"Apa yang akan dilakukan", "What will be done"},
	"web.agencyflow.promised_by":       {"Selesai paling lambat", "Done by"},
	"web.agencyflow.progress":          {"Perkembangan", "Progress"},
	"web.agencyflow.question":          {"Pertanyaan untuk call center", "Question for the call center"},
	"web.agencyflow.clarification":     {"Jawaban untuk Perangkat Daerah", "Answer for the agency"},
	"web.agencyflow.open_question":     {"Perangkat Daerah bertanya: %s", "The agency asks: %s"},
	"web.agencyflow.promised":          {"Dijanjikan selesai paling lambat %s", "Promised to be done by %s"},
	"web.agencyflow.reached":           {"PD terjangkau %s", "Agency reached %s"},
	"web.agencyflow.not_reached":       {"PD tidak terjangkau: semua pemberitahuan gagal", "Agency not reached: every notification failed"},
	"web.agencyflow.reach_pending":     {"Menunggu laporan terkirim", "Waiting for the delivery report"},

	// Messages to the citizen and to the agency, in Indonesian (SMS).
	"af.sms.promise":      {"%s, pengaduan %s: %s berjanji menyelesaikannya paling lambat %s. %s Pantau: %s -- %s", "%s, complaint %s: %s promises to settle it by %s. %s Track: %s -- %s"},
	"af.sms.progress":     {"%s, perkembangan pengaduan %s dari %s: %s Pantau: %s -- %s", "%s, progress on complaint %s from %s: %s Track: %s -- %s"},
	"af.remind.prefix":    {"PENGINGAT: ", "REMINDER: "},
	"af.escalate.sms":     {"Pimpinan %s: pengaduan %s belum diselesaikan. %s Lihat: %s -- %s", "Head of %s: complaint %s is not settled yet. %s See: %s -- %s"},
	"af.clarify.answer":   {"Jawaban call center untuk pengaduan %s: %s Lihat: %s", "The call center's answer on complaint %s: %s See: %s"},
	"af.wait.remind":      {"%s, pengaduan %s masih menunggu %s dari Anda. Balas SMS ini. Tanpa balasan, pengaduan ditutup %s. -- %s", "%s, complaint %s still waits for your %s. Reply to this SMS. Without a reply it closes on %s. -- %s"},
	"af.wait.closed":      {"%s, pengaduan %s ditutup karena %s yang kami minta tidak kami terima dalam %d hari. Hubungi kami lagi kapan saja. -- %s", "%s, complaint %s is closed: the %s we asked for did not come within %d days. Contact us again any time. -- %s"},
	"af.wait.closed.note": {"Ditutup otomatis: warga tidak membalas dalam %d hari.", "Closed automatically: the citizen did not reply within %d days."},
	"af.wait.identity":    {"identitas", "identity"},
	"af.wait.photos":      {"foto", "photos"},
}
