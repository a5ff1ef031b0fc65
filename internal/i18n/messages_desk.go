package i18n

// deskMessages are the strings of the operator's desk and complaint page
// (issue 18): the fresh desk after a save, the category rule, the queue's
// sortable columns and chips, the live complaint page and the call pop:
// {Indonesian, English}.
var deskMessages = map[string][2]string{
	"err.category_first":       {"Pilih kategori dulu: pengaduan dijawab, diteruskan atau ditutup hanya dengan kategori. Belum ada yang berubah.", "Choose a category first: a complaint is answered, forwarded or closed only with one. Nothing was changed."},
	"err.field.category_first": {"Pilih kategori pengaduan ini.", "Choose this complaint's category."},

	// The toast of a fresh desk after a save; %s is the complaint's
	// number, drawn as a link to it.
	"web.ok.desk.saved":               {"%s tersimpan. Meja siap untuk panggilan berikutnya.", "%s saved. The desk is ready for the next call."},
	"web.ok.desk.identity_requested":  {"%s tersimpan; permintaan identitas dikirim lewat SMS.", "%s saved; the identity request went out by SMS."},
	"web.ok.desk.done.answer":         {"%s tersimpan dan dijawab.", "%s saved and answered."},
	"web.ok.desk.done.forward":        {"%s tersimpan dan diteruskan ke Perangkat Daerah.", "%s saved and forwarded to the agency."},
	"web.ok.desk.done.mark_duplicate": {"%s tersimpan dan ditandai sebagai duplikat.", "%s saved and marked as a duplicate."},
	"web.ok.desk.already_saved":       {"Formulir ini sudah tersimpan sebagai %s.", "This form was already saved as %s."},

	"desk.queue.sort_column": {"Menurut kolom yang dipilih", "By the column chosen"},

	// The incoming-call banner while another intake is typed.
	"desk.call.known":   {"Panggilan masuk dari %s", "Incoming call from %s"},
	"desk.call.open":    {"%d pengaduan masih berjalan:", "%d complaints still open:"},
	"desk.call.unknown": {"Panggilan masuk dari penelepon baru", "Incoming call from a new caller"},

	// Two operators on one complaint.
	"desk.conflict_kept": {"Pengaduan ini baru saja diubah oleh petugas lain, jadi langkah Anda belum dijalankan. Yang Anda ketik masih ada di bawah; periksa keadaannya sekarang, lalu kirim lagi bila masih perlu.", "Another operator changed this complaint just now, so your step was not taken. What you typed is still below; check where it stands now, then send it again if it is still needed."},
	"desk.kept.title":    {"Yang Anda ketik untuk \"%s\" (belum tersimpan)", "What you typed for \"%s\" (not saved)"},
	"desk.live.changed":  {"Pengaduan ini baru saja diubah oleh petugas lain. Yang Anda ketik tetap di formulir.", "Another operator just changed this complaint. What you typed stays in the form."},
	"desk.live.reload":   {"Lihat perubahannya", "See the change"},

	// The work queue's chips: a promise to follow, a question to answer.
	"desk.chip.promised": {"dijanjikan s.d. %s", "promised by %s"},
	"desk.chip.question": {"PD bertanya", "agency asks"},
}
