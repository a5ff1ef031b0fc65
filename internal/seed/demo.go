package seed

import "strings"

// Demo data: what citizens say and agencies answer, for `aduan serve --demo`
// and for tests that want realistic Indonesian text (the search analyzer's
// informal spellings, for one). None of it is a real complaint or person.
//
// Texts may hold the placeholders below; Fill replaces them.
const (
	PlaceholderStreet    = "{jalan}" // a street, from StreetNames
	PlaceholderKelurahan = "{kel}"   // a kelurahan name
	PlaceholderKecamatan = "{kec}"   // a kecamatan name (agency answers only)
)

// Fill replaces the placeholders in a demo text.
func Fill(text, street, kelurahan, kecamatan string) string {
	return strings.NewReplacer(
		PlaceholderStreet, street,
		PlaceholderKelurahan, kelurahan,
		PlaceholderKecamatan, kecamatan,
	).Replace(text)
}

// DemoTexts returns, for every category code, complaints as citizens word
// them on the phone, by SMS or WhatsApp: formal and informal, with the
// abbreviations of SMS ("udh", "gk", "dkt", "jln"). The map is a fresh copy.
func DemoTexts() map[string][]string { return copyMap(demoTexts) }

// DemoAnswers returns, for some category codes, replies an agency would
// send back through the call center. The map is a fresh copy.
func DemoAnswers() map[string][]string { return copyMap(demoAnswers) }

// StreetNames returns streets of Depok for demo addresses.
func StreetNames() []string { return append([]string(nil), streetNames...) }

// FirstNames returns given names for demo citizens.
func FirstNames() []string { return append([]string(nil), firstNames...) }

// LastNames returns family and second names for demo citizens (many
// Indonesians have none; a demo may leave it off).
func LastNames() []string { return append([]string(nil), lastNames...) }

func copyMap(m map[string][]string) map[string][]string {
	out := make(map[string][]string, len(m))
	for k, v := range m {
		out[k] = append([]string(nil), v...)
	}
	return out
}

var demoTexts = map[string][]string{
	"JALAN_RUSAK": {
		"Selamat siang, saya mau melaporkan jalan berlubang cukup dalam di {jalan}, Kelurahan {kel}. Sudah beberapa pengendara motor jatuh, mohon segera diperbaiki.",
		"jln rusak dkt sekolah di {jalan}, udh 2 mgg gk dibenerin. lubangnya gede bgt kalo ujan ketutup air",
		"Pak, aspal di {jalan} amblas di depan masjid, sekarang jadi lubang. Tolong dipasang tanda dulu biar gak ada yang kecelakaan.",
		"Trotoar di {jalan} banyak yang pecah dan ubinnya lepas, susah buat pejalan kaki apalagi yg bawa anak kecil.",
		"lapor min, jembatan kecil di kel {kel} papannya udh bolong2, motor lewat goyang. bahaya bgt",
	},
	"DRAINASE_BANJIR": {
		"Saluran air di {jalan} mampet total, setiap hujan air meluap ke jalan dan masuk ke rumah warga.",
		"got depan rmh sy di {kel} penuh lumpur & sampah, udh bau bgt. kalo ujan pasti banjir selutut",
		"Mohon bantuan, turap kali di belakang perumahan kami di {kel} jebol sepanjang kurang lebih 10 meter, tanah mulai longsor ke kali.",
		"Gorong-gorong di bawah {jalan} tersumbat, genangan tidak surut sudah dua hari sejak hujan kemarin.",
		"bnjr lg di {jalan} pak, air udh masuk rumah 30an cm. tolong dibantu sedot/dibersihin salurannya",
	},
	"SAMPAH": {
		"Sampah di TPS dekat pasar {kel} sudah tiga hari tidak diangkut, menumpuk sampai ke badan jalan dan baunya menyengat.",
		"ada yg buang smph sembarangan di pinggir {jalan}, skrg jd TPS liar. tiap malem ada yg buang pake motor",
		"Truk sampah sudah seminggu tidak lewat ke RT kami di Kelurahan {kel}. Warga bingung harus buang ke mana.",
		"min, tetangga sering bakar sampah plastik sore2, asapnya masuk rumah. anak sy jd batuk2",
	},
	"PENCEMARAN": {
		"Ada pabrik di {jalan} yang membuang limbah ke kali, airnya jadi hitam dan berbau. Ikan-ikan banyak yang mati.",
		"bau menyengat kyk bahan kimia tiap malem di daerah {kel}, warga pd pusing. kyknya dr gudang dkt situ",
		"Saya keberatan dengan kebisingan bengkel las di {jalan} yang beroperasi sampai tengah malam setiap hari.",
		"Asap hitam dari cerobong usaha pembakaran di Kelurahan {kel} mengganggu pernapasan warga sekitar.",
	},
	"POHON_TAMAN": {
		"Pohon besar di pinggir {jalan} sudah miring dan batangnya keropos. Mohon segera dipangkas sebelum tumbang.",
		"dahan pohon di dpn sekolah di {kel} udh nyentuh kabel, takut patah pas ujan angin. mohon dipangkas",
		"Taman kota di {jalan} tidak terawat, rumput tinggi, lampu taman mati, dan bangku banyak yang rusak.",
		"Mohon pemangkasan pohon angsana di sepanjang {jalan}, rantingnya sering jatuh ke jalan.",
	},
	"POHON_TUMBANG": {
		"Darurat pak, pohon tumbang menutup {jalan}, kendaraan tidak bisa lewat sama sekali!",
		"phn tumbang nimpa rumah warga di {kel} abis ujan angin barusan, ada yg luka ringan. tolong cepet",
		"Pohon besar tumbang menimpa mobil yang parkir di {jalan}, batangnya juga mengenai kabel listrik.",
		"Ada pohon roboh di dekat pertigaan {jalan}, separuh jalan tertutup dan macet panjang.",
	},
	"PJU": {
		"Lampu penerangan jalan di {jalan} sudah mati sekitar dua minggu, jalanan gelap dan rawan begal.",
		"PJU di gang masuk {kel} mati semua dr minggu lalu, gelap gulita min. tolong dibenerin",
		"Lampu jalan di {jalan} nyala kedip-kedip dan redup sekali, mohon dicek.",
		"tiang lampu jln di {jalan} miring mau roboh abis ketabrak truk, lampunya jg mati",
	},
	"PARKIR_LIAR": {
		"Banyak mobil parkir di bahu {jalan} depan ruko sehingga jalan menyempit dan macet setiap sore.",
		"jukir liar di minimarket {kel} mintain duit 5rb, pdhl ada tulisan parkir gratis",
		"Motor parkir di atas trotoar sepanjang {jalan}, pejalan kaki terpaksa turun ke jalan.",
	},
	"LALU_LINTAS": {
		"Lampu merah di simpang {jalan} mati sejak pagi, kendaraan saling serobot dan hampir terjadi tabrakan.",
		"angkot ngetem lama bgt di {jalan}, bikin macet panjang tiap jam pulang kantor",
		"Rambu dilarang parkir di {jalan} roboh dan hilang, mohon dipasang kembali.",
		"Halte di {jalan} atapnya bocor dan kursinya rusak, penumpang kehujanan.",
	},
	"PKL_TRIBUM": {
		"Pedagang kaki lima berjualan di trotoar {jalan} sampai memakan badan jalan, pejalan kaki tidak bisa lewat.",
		"ada bangunan liar berdiri di atas saluran di {kel}, airnya jd mampet",
		"Banyak spanduk dan reklame liar dipasang di pohon dan tiang listrik sepanjang {jalan}.",
		"lapak2 pedagang di dpn stasiun ga ditertibin, macet parah tiap sore",
	},
	"PPKS": {
		"Ada manusia silver yang mangkal di lampu merah {jalan}, di antaranya anak kecil. Mohon ditangani.",
		"ada ODGJ tidur di emperan toko di {kel} udh bbrp hari, kasian gk ada yg ngurus",
		"Pengemis dan anak jalanan semakin banyak di perempatan {jalan}, sebagian memaksa meminta uang.",
		"Mohon bantuan, ada lansia terlantar di pos ronda RW kami di Kelurahan {kel}, tidak ada keluarganya.",
	},
	"BANSOS_DTKS": {
		"Saya warga {kel}, keluarga kami termasuk tidak mampu tapi tidak terdaftar di DTKS. Bagaimana cara mendaftarnya?",
		"bansos PKH ibu sy udh 3 bln gk cair, kata pendamping namanya ilang dr data",
		"Bantuan BPNT di RT kami salah sasaran, yang dapat justru warga yang punya mobil.",
		"KIS PBI sy tiba2 nonaktif pdhl msh trmsk warga miskin. mohon dibantu",
	},
	"KESEHATAN": {
		"Di RW kami di Kelurahan {kel} sudah ada tiga warga kena DBD bulan ini. Mohon dilakukan fogging.",
		"antrian di puskesmas {kel} lama bgt, dtg jam 7 baru dipanggil jam 12",
		"Saya ingin bertanya apakah berobat gratis cukup dengan KTP Depok (UHC) berlaku di semua puskesmas?",
		"Ada balita di lingkungan kami yang terlihat gizi buruk, orang tuanya tidak mampu membawa ke puskesmas.",
	},
	"RSUD": {
		"Ibu saya ditolak di IGD RSUD dengan alasan kamar penuh, padahal kondisinya sesak napas.",
		"antrean poli di RSUD lama bgt, dr subuh sampe siang blm dipanggil",
		"Petugas pendaftaran RSUD kurang ramah dan tidak menjelaskan persyaratan dengan jelas.",
	},
	"JKN_BPJS": {
		"Kartu BPJS saya nonaktif padahal iuran dipotong dari gaji setiap bulan. Mohon dibantu.",
		"mau pindah faskes tingkat 1 dr klinik ke puskesmas {kel} gmn caranya ya",
		"Iuran BPJS mandiri saya menunggak, apakah bisa dicicil? Saya sedang tidak bekerja.",
	},
	"ADMINDUK": {
		"KTP-el saya sudah rekam sejak tiga bulan lalu di kelurahan {kel}, tapi sampai sekarang belum dicetak.",
		"mau bikin akta lahir anak, syaratnya apa aja ya? trs bisa online gk",
		"Saya pindah datang dari Bogor, bagaimana cara membuat KK baru di Depok?",
		"NIK sy gk kebaca pas daftar BPJS, katanya data ganda. hrs ke mana?",
		"Apakah benar pembuatan KIA untuk anak sekarang gratis? Di kelurahan saya diminta biaya.",
	},
	"PENDIDIKAN": {
		"Anak saya tidak diterima SPMB jalur domisili di SMP negeri padahal rumah kami dekat sekali dengan sekolah.",
		"sekolah negeri di {kel} minta uang seragam & buku 1,5jt, katanya wajib. emg blh?",
		"Ijazah anak saya ditahan oleh sekolah karena masih ada tunggakan. Mohon bantuannya.",
		"Guru di SD negeri dekat {jalan} sering tidak masuk, kelas dibiarkan kosong.",
	},
	"PERIZINAN": {
		"Ada bangunan tiga lantai sedang dibangun di {jalan}, apakah sudah punya PBG? Bangunannya menutup saluran.",
		"ngurus PBG udh 2 bln blm kelar, status di SIMBG ga berubah2",
		"Saya ingin mengurus izin usaha katering rumahan lewat OSS, tetapi bingung KBLI-nya.",
	},
	"AIR_PDAM": {
		"Air PDAM di rumah kami di {kel} sudah tiga hari tidak mengalir sama sekali.",
		"air pdam keruh kecoklatan dr kmrn, ga bs dipake masak",
		"Ada pipa PDAM bocor di {jalan}, air menyembur ke jalan sejak pagi.",
		"Tagihan air bulan ini naik tiga kali lipat padahal pemakaian biasa saja. Mohon dicek meterannya.",
	},
	"LISTRIK_PLN": {
		"Listrik padam di seluruh RW kami di Kelurahan {kel} sejak jam sembilan pagi, belum ada informasi dari PLN.",
		"mati lampu lg di {kel}, udh ke-3 kali minggu ini",
		"Tiang listrik PLN di {jalan} miring dan kabelnya menjuntai rendah, berbahaya untuk kendaraan tinggi.",
	},
	"KEBAKARAN_PENYELAMATAN": {
		"Kebakaran! Ada rumah terbakar di {jalan}, apinya sudah besar, tolong segera kirim damkar!",
		"ada sarang tawon gede di plafon rumah sy di {kel}, anak sy udh kesengat. minta tolong dievakuasi",
		"Ada ular sanca masuk ke dapur rumah warga di {kel}, panjangnya sekitar dua meter.",
		"tolong pak, cincin di jari ibu saya gak bisa lepas, jarinya udh bengkak",
		"Kucing terjebak di saluran air yang dalam di {jalan} sejak semalam.",
	},
	"BENCANA": {
		"Terjadi longsor di tebing belakang rumah warga di Kelurahan {kel}, dua rumah terancam.",
		"angin puting beliung barusan di {kel}, atap bbrp rumah terbang, ada yg ketimpa genteng",
		"Tanah amblas di {jalan} setelah hujan deras, lubangnya makin lebar.",
	},
	"KEKERASAN_PA": {
		"Saya ingin melapor, tetangga saya di {kel} sering memukul anaknya, anak itu sering terlihat memar. Mohon identitas saya dirahasiakan.",
		"tmn sy jd korban KDRT, suaminya sering mukul. dia takut lapor sendiri, hrs ke mana ya",
		"Anak saya mengalami perundungan di sekolah dan sekarang tidak mau berangkat sekolah.",
	},
	"KETENAGAKERJAAN": {
		"Gaji saya dua bulan belum dibayar oleh perusahaan di {jalan}, alasan perusahaan rugi.",
		"THR blm dibayar pdhl udh lewat lebaran, kerja udh 3 thn",
		"Bagaimana cara membuat kartu kuning (AK1)? Apakah bisa online?",
		"Saya di-PHK tanpa pesangon setelah bekerja lima tahun. Ke mana saya bisa mengadu?",
	},
	"PANGAN_HEWAN": {
		"Banyak anjing liar berkeliaran di {jalan}, ada warga yang sudah digigit. Khawatir rabies.",
		"ada yg jual daging anjing di psr dkt {kel}, tolong dicek",
		"Kandang ternak kambing milik warga di {kel} sangat bau dan kotorannya dibuang ke saluran.",
	},
	"PASAR_HARGA": {
		"Gas LPG 3 kg langka di daerah {kel}, sudah keliling ke beberapa pangkalan tetap kosong.",
		"pasar becek bgt, jalannya berlubang & sampah numpuk. kpn dibenahi?",
		"Ada pedagang di pasar yang timbangannya curang, satu kilo ternyata cuma delapan ons.",
		"harga minyak goreng di warung naik terus, katanya stok kosong",
	},
	"UMKM_KOPERASI": {
		"Saya pelaku UMKM di Kelurahan {kel}, bagaimana cara ikut pelatihan usaha dari pemkot?",
		"ada bantuan modal utk umkm gk ya thn ini? cara daftarnya gmn",
		"Koperasi simpan pinjam di {jalan} tidak mengembalikan simpanan anggota.",
	},
	"PAJAK_DAERAH": {
		"SPPT PBB tahun ini belum saya terima, padahal tetangga sudah. Bagaimana cara mendapatkannya?",
		"PBB rmh sy naik bgt thn ini, bs ngajuin keringanan gk?",
		"Saya mau bayar BPHTB untuk jual beli rumah, apakah bisa secara online?",
	},
	"PERMUKIMAN_PSU": {
		"Fasos fasum di perumahan kami di {kel} belum diserahkan pengembang, jalan lingkungan rusak tidak ada yang memperbaiki.",
		"mau daftar program rutilahu buat rmh ortu yg udh mau roboh, syaratnya apa?",
		"TPU di {kel} sudah penuh, warga kesulitan mencari lahan makam.",
	},
	"PUNGLI_ASN": {
		"Saya dimintai uang oleh oknum petugas saat mengurus surat di kelurahan {kel}. Mohon identitas saya dirahasiakan.",
		"ada calo di kantor pelayanan, bilangnya bs cepet kalo bayar 300rb",
		"Ada ASN yang ikut kampanye dan mengunggah dukungan calon di media sosial.",
	},
	"INFORMASI_PUBLIK": {
		"Saya ingin meminta salinan dokumen anggaran perbaikan {jalan} tahun ini. Bagaimana prosedurnya?",
		"mau minta data jumlah penerima bansos per kelurahan, ke PPID ya?",
		"Bagaimana cara mengajukan permohonan informasi publik ke Pemerintah Kota Depok?",
	},
	"TIK_APLIKASI": {
		"Kabel internet menjuntai semrawut di {jalan}, sudah hampir menyentuh kepala pengendara motor.",
		"website pemkot gk bs dibuka dr kmrn, mau cek info pendaftaran",
		"Tiang internet baru dipasang di depan rumah saya di {kel} tanpa izin warga.",
	},
	"OLAHRAGA_WISATA": {
		"Lapangan olahraga di Kelurahan {kel} rusak, tiang ring basket patah dan lantainya retak.",
		"ada tempat hiburan malam di {jalan} buka sampe subuh, berisik bgt",
		"Bagaimana cara menyewa GOR milik pemkot untuk turnamen antar-RW?",
	},
	"LAYANAN_WILAYAH": {
		"Saya mengurus surat pengantar di kantor Kelurahan {kel} tapi petugasnya tidak ada di tempat sejak pagi.",
		"ketua RT di lingkungan sy gk mau kasih surat pengantar, alesannya ga jelas",
		"Pelayanan di kantor kecamatan lambat sekali, antre dari pagi belum dilayani.",
	},
	"KRIMINAL": {
		"Setiap malam minggu ada balap liar di {jalan}, sangat bising dan membahayakan.",
		"ada begal di {jalan} td malem, temen sy motornya diambil",
		"Sering terjadi tawuran pelajar di dekat {jalan}, warga takut keluar rumah.",
	},
	"KEAGAMAAN": {
		"Bagaimana cara mendaftar nikah di KUA Kecamatan? Apa saja syaratnya?",
		"mau nanya antrian haji, daftar dmn ya utk warga depok",
		"Madrasah di {kel} meminta pungutan yang cukup besar saat pendaftaran.",
	},
}

var demoAnswers = map[string][]string{
	"JALAN_RUSAK": {
		"Laporan sudah kami tindak lanjuti. Tim Satgas Jalan DPUPR Kec. {kec} akan melakukan penambalan pada ruas {jalan} minggu ini, sesuai jadwal dan kondisi cuaca.",
		"Terima kasih atas laporannya. Ruas {jalan} merupakan jalan nasional/provinsi sehingga bukan kewenangan Pemerintah Kota Depok; laporan telah kami teruskan kepada balai yang berwenang.",
		"Lokasi telah disurvei oleh tim DPUPR. Perbaikan jembatan di Kelurahan {kel} masuk usulan anggaran tahun berikutnya; sementara ini telah dipasang rambu peringatan.",
	},
	"DRAINASE_BANJIR": {
		"Laporan sudah kami tindak lanjuti, tim Satgas SDA DPUPR Kec. {kec} akan melakukan normalisasi saluran di {jalan} pada hari Kamis.",
		"Saluran di Kelurahan {kel} telah dibersihkan dari lumpur dan sampah oleh Satgas SDA DPUPR. Apabila masih terjadi genangan, mohon dilaporkan kembali.",
		"Perbaikan turap memerlukan kajian teknis. Tim DPUPR telah meninjau lokasi dan memasang karung pasir sebagai penanganan darurat.",
	},
	"SAMPAH": {
		"Sampah di TPS Kelurahan {kel} telah diangkut oleh armada DLHK pagi ini. Keterlambatan terjadi karena antrean di TPA Cipayung.",
		"Laporan TPS liar di {jalan} telah kami koordinasikan dengan Satpol PP dan Kelurahan {kel} untuk pembersihan dan pemasangan papan larangan.",
		"Jadwal pengangkutan sampah di wilayah Anda adalah setiap Senin, Rabu, dan Jumat. Petugas UPT Kebersihan Kec. {kec} telah kami ingatkan.",
	},
	"POHON_TAMAN": {
		"Permohonan pemangkasan pohon di {jalan} telah dijadwalkan oleh DLHK. Petugas akan datang dalam minggu ini.",
		"Pohon di lokasi telah diperiksa dan dipangkas oleh tim pertamanan DLHK untuk mengurangi risiko tumbang.",
	},
	"POHON_TUMBANG": {
		"Tim Damkar Bidang Penanggulangan Bencana telah tiba di {jalan} dan memotong batang pohon. Jalan sudah dapat dilalui kembali; sisa batang akan diangkut DLHK.",
		"Evakuasi pohon tumbang di Kelurahan {kel} selesai. Kabel listrik yang tertimpa telah kami laporkan ke PLN UP3 Depok.",
	},
	"PJU": {
		"Laporan sudah kami terima. Petugas UPT PJU Dishub akan melakukan perbaikan lampu di {jalan} paling lambat 3 hari kerja.",
		"Lampu PJU di Kelurahan {kel} telah diperbaiki (penggantian lampu dan MCB) dan sudah menyala kembali.",
		"PJU di ruas {jalan} merupakan kewenangan pemerintah pusat/provinsi. Dishub Kota Depok telah berkoordinasi dengan instansi terkait.",
	},
	"PARKIR_LIAR": {
		"Dishub bersama Satpol PP telah melakukan penertiban parkir liar di {jalan}; kendaraan yang melanggar telah diberi teguran dan sebagian diderek.",
		"Jukir tanpa rompi dan karcis resmi adalah juru parkir liar. Lokasi di Kelurahan {kel} telah masuk jadwal patroli Dishub.",
	},
	"PKL_TRIBUM": {
		"Satpol PP Kota Depok telah melakukan penertiban PKL di trotoar {jalan} dan memberikan pembinaan kepada para pedagang.",
		"Reklame dan spanduk liar sepanjang {jalan} telah diturunkan oleh Satpol PP bersama Kecamatan {kec}.",
	},
	"PPKS": {
		"Tim Dinsos bersama Satpol PP telah menjangkau lokasi di {jalan}. Yang bersangkutan dibawa ke rumah singgah untuk asesmen.",
		"ODGJ terlantar di Kelurahan {kel} telah dievakuasi Dinsos dan dirujuk ke fasilitas kesehatan untuk penanganan lebih lanjut.",
	},
	"BANSOS_DTKS": {
		"Untuk pendaftaran DTKS/DTSEN, silakan datang ke Kantor Kelurahan {kel} membawa KTP dan KK untuk diusulkan melalui musyawarah kelurahan.",
		"Data yang bersangkutan telah kami periksa. Status kepesertaan KIS PBI akan diusulkan aktif kembali oleh Dinsos pada pemutakhiran data bulan ini.",
	},
	"KESEHATAN": {
		"Laporan kasus DBD telah diteruskan ke Puskesmas {kel}. Petugas akan melakukan penyelidikan epidemiologi; fogging dilakukan bila memenuhi kriteria.",
		"Layanan UHC cukup dengan KTP dan KK Kota Depok di seluruh puskesmas. Bila mengalami kendala, silakan hubungi petugas pengaduan puskesmas.",
	},
	"ADMINDUK": {
		"Blanko KTP-el tersedia. Silakan datang ke Disdukcapil atau Kantor Kelurahan {kel} dengan membawa bukti perekaman untuk pencetakan.",
		"Seluruh layanan administrasi kependudukan tidak dipungut biaya. Permintaan biaya oleh oknum dapat dilaporkan melalui kanal pengaduan ini.",
	},
	"AIR_PDAM": {
		"Gangguan aliran air di Kelurahan {kel} disebabkan perbaikan pipa transmisi. Perumda Tirta Asasta memperkirakan aliran normal kembali malam ini.",
		"Kebocoran pipa di {jalan} telah diperbaiki oleh tim Tirta Asasta. Bekas galian akan segera dirapikan.",
	},
	"LISTRIK_PLN": {
		"Laporan telah kami teruskan ke PLN UP3 Depok. Pemadaman di Kelurahan {kel} disebabkan gangguan penyulang dan sedang ditangani petugas.",
		"Tiang listrik miring di {jalan} telah ditinjau petugas PLN dan dijadwalkan untuk diperbaiki.",
	},
	"KEBAKARAN_PENYELAMATAN": {
		"Unit Damkar dari Pos {kec} telah diberangkatkan ke lokasi. Api berhasil dipadamkan, tidak ada korban jiwa.",
		"Sarang tawon di rumah warga Kelurahan {kel} telah dievakuasi oleh tim Penyelamatan Damkar Kota Depok.",
	},
	"PUNGLI_ASN": {
		"Laporan Anda telah diterima Inspektorat Daerah dan sedang ditindaklanjuti. Identitas pelapor dirahasiakan.",
	},
	"INFORMASI_PUBLIK": {
		"Permohonan informasi publik dapat diajukan ke PPID Kota Depok dengan melampirkan identitas. Jawaban diberikan paling lambat 10 hari kerja dan dapat diperpanjang 7 hari kerja.",
	},
}

var streetNames = []string{
	"Jl. Margonda Raya",
	"Jl. Raya Sawangan",
	"Jl. Nusantara Raya",
	"Jl. Ir. H. Juanda",
	"Jl. Tole Iskandar",
	"Jl. Kartini",
	"Jl. Siliwangi",
	"Jl. Arif Rahman Hakim",
	"Jl. Raya Bogor",
	"Jl. Dewi Sartika",
	"Jl. Raya Cinere",
	"Jl. Raya Limo",
	"Jl. Raya Meruyung",
	"Jl. Raya Krukut",
	"Jl. Raya Citayam",
	"Jl. Raya Kalimulya",
	"Jl. Raya Tapos",
	"Jl. Raya Cilangkap",
	"Jl. Raya Leuwinanggung",
	"Jl. Raya Bojongsari",
	"Jl. Raya Muchtar",
	"Jl. Raya Pasir Putih",
	"Jl. Raya Cipayung",
	"Jl. Raya Ratu Jaya",
	"Jl. Raya Jatijajar",
	"Jl. Raya Gandul",
	"Jl. Pemuda",
	"Jl. Proklamasi",
	"Jl. Merdeka",
	"Jl. Sentosa Raya",
	"Jl. Akses UI",
	"Jl. Kemakmuran",
	"Jl. Raya Keadilan",
	"Jl. H. Asmawi",
	"Jl. Pitara Raya",
}

var firstNames = []string{
	"Agus", "Ahmad", "Andi", "Arif", "Bambang", "Budi", "Dedi", "Dimas",
	"Eko", "Fajar", "Hendra", "Irfan", "Joko", "Kurniawan", "Muhammad", "Nanang",
	"Rizky", "Slamet", "Taufik", "Wahyu", "Yusuf", "Hadi", "Asep", "Ujang",
	"Ade", "Iwan", "Rahmat", "Gilang", "Bayu", "Hasan", "Ikhsan", "Oki",
	"Siti", "Sri", "Dewi", "Ani", "Ratna", "Yuliana", "Nur", "Rina",
	"Fitri", "Lestari", "Wulan", "Indah", "Eka", "Putri", "Ayu", "Nining",
	"Euis", "Neneng", "Fatimah", "Aisyah", "Intan", "Maya", "Novi", "Yanti",
	"Susanti", "Mega", "Dina", "Tuti", "Lilis", "Kartika",
}

var lastNames = []string{
	"Saputra", "Wijaya", "Hidayat", "Pratama", "Setiawan", "Kusuma", "Santoso", "Nugroho",
	"Susanto", "Gunawan", "Hakim", "Ramadhan", "Maulana", "Permana", "Sulistyo", "Firmansyah",
	"Kurniawati", "Rahayu", "Handayani", "Wulandari", "Lestari", "Puspita", "Anggraini", "Suryani",
	"Siregar", "Nasution", "Lubis", "Harahap", "Simanjuntak", "Sitompul", "Tanjung", "Chaniago",
	"Sinaga", "Pardede", "Tanoto", "Halim", "Sembiring", "Ginting", "Manurung", "Effendi",
}
