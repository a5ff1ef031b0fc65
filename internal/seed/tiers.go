package seed

import "github.com/kotakita/aduan"

// categoryTiers names the settlement tier of the seeded categories that are
// not normative (the default). It is this project's proposal for Depok, not
// shared data: the national pattern gives the tiers, not which complaint
// falls in which; a koordinator changes them on the standards page.
var categoryTiers = map[string]aduan.Tier{
	"ADMINDUK":         aduan.TierLight,         // pertanyaan/layanan administrasi yang dijawab dari aturan yang ada
	"INFORMASI_PUBLIK": aduan.TierLight,         // permintaan informasi (UU 14/2008 punya tenggat sendiri; jawaban awal cepat)
	"TIK_APLIKASI":     aduan.TierLight,         // gangguan aplikasi/layanan daring
	"PAJAK_DAERAH":     aduan.TierLight,         // pertanyaan PBB/BPHTB dan tagihan
	"LAYANAN_WILAYAH":  aduan.TierLight,         // layanan kelurahan/kecamatan
	"PJU":              aduan.TierLight,         // lampu jalan mati: perbaikan rutin
	"PARKIR_LIAR":      aduan.TierLight,         // penertiban di lokasi
	"OLAHRAGA_WISATA":  aduan.TierLight,         // informasi fasilitas
	"KEAGAMAAN":        aduan.TierLight,         // informasi/perizinan kegiatan
	"JALAN_RUSAK":      aduan.TierNoOversight,   // perbaikan fisik perlu anggaran/jadwal pekerjaan
	"DRAINASE_BANJIR":  aduan.TierNoOversight,   // perbaikan saluran/turap
	"PERMUKIMAN_PSU":   aduan.TierNoOversight,   // PSU perumahan: serah terima dan perbaikan fisik
	"PENCEMARAN":       aduan.TierNoOversight,   // perlu uji/verifikasi lapangan
	"PERIZINAN":        aduan.TierNoOversight,   // perlu pemeriksaan berkas izin
	"BANSOS_DTKS":      aduan.TierNoOversight,   // perlu verifikasi data DTKS
	"PUNGLI_ASN":       aduan.TierInvestigation, // dugaan pelanggaran aparatur: perlu pemeriksaan (Inspektorat)
}
