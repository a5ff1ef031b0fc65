package i18n

// identityMessages are the strings of citizens' identity and inbound message matching: {Indonesian, English}.
var identityMessages = map[string][2]string{
	"err.identity.unverified": {"Identitas hanya dapat diubah oleh petugas call center atau lewat balasan dari nomor yang dimintai identitas.",
		"The identity can only be changed by call-center staff or by a reply from the number the identity request was sent to."},
	"idn.stated.title": {"Identitas yang diketik pengirim", "Identity typed by the sender"},
	"idn.stated.why": {"Dikirim lewat %s dengan nomor HP warga yang sudah tercatat, tetapi berbeda dari data tersimpan. Data warga tidak diubah dan pesan kota tetap memakai data tersimpan sampai petugas memastikannya.",
		"Sent through %s with the phone number of a citizen already on record, but different from the stored details. The citizen's record was not changed, and the city's messages keep using the stored details until staff confirm it."},
	"idn.stated.kelurahan": {"Kode kelurahan", "Kelurahan code"},
	"idn.stated.adopt":     {"Pakai identitas ini", "Use this identity"},
	"idn.stated.dismiss":   {"Abaikan", "Dismiss"},
}
