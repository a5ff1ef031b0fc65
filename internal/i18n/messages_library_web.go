package i18n

// libraryWebMessages are the console's strings of the answer library: the
// desk's suggestions, the complaint page's boxes and the library pages
// (/pustaka). {Indonesian, English}.
var libraryWebMessages = map[string][2]string{
	// Desk.
	"lib.web.desk.agency":         {"Instansi tujuan", "Agency to forward to"},
	"lib.web.desk.answer":         {"Jawaban (SOP langkah 4/6)", "Answer (SOP step 4/6)"},
	"lib.web.desk.answer_hint":    {"Bila bisa dijawab langsung atau dari folder jawaban; lalu tekan Simpan & jawab.", "When it can be answered at once or from the answer folder; then press Save & answer."},
	"lib.web.desk.answer_from":    {"Sumber jawaban: %s", "Answer taken from: %s"},
	"lib.web.desk.routing":        {"Usulan kategori & instansi", "Suggested category & agency"},
	"lib.web.desk.use":            {"Pakai", "Use"},
	"lib.web.desk.use_answer":     {"Gunakan jawaban ini", "Use this answer"},
	"lib.web.desk.similar":        {"Mungkin sama dengan…", "May be the same as…"},
	"lib.web.desk.link_duplicate": {"Simpan & tautkan sebagai duplikat", "Save & link as duplicate"},
	"lib.web.same_street":         {"jalan yang sama (%s)", "same street (%s)"},
	"lib.web.same_kelurahan":      {"kelurahan yang sama (%s)", "same kelurahan (%s)"},
	"lib.web.similarity":          {"kemiripan %s", "similarity %s"},
}
