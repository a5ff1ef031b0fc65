package i18n

// accessMessages are the strings of who may read what: masking, redaction, search and exports: {Indonesian, English}.
var accessMessages = map[string][2]string{
	"err.filter.identity": {"Peran Anda tidak berhak memilih pengaduan menurut pelapornya.", "Your role may not select complaints by who filed them."},
	"err.query.too_long":  {"Teks pencarian terlalu panjang (maksimum %d karakter).", "The search text is too long (at most %d characters)."},
}
