package routing

import (
	"regexp"
	"strings"
)

// What the model cannot be trusted to learn from a few hundred examples is
// written here as rules, applied after it (Router.Suggest):
//
//  1. the data notes' edge cases (a fallen tree is Damkar's emergency, a
//     tree to prune is DLHK's; a street light is Dishub's, a power cut
//     PLN's; SMA/SMK admissions are the province's) set both the category
//     and the agency;
//  2. an agency or institution the caller names, in the forms callers use,
//     goes first (unless the complaint is about illegal levies or an
//     officer's conduct, which go to the Inspektorat whoever is named);
//  3. otherwise the agency follows the suggested category's responsible
//     agency, unless the agency model is clearly surer than the category
//     model.
//
// Below ManualBelow the panel says "pilih manual" rather than proposing.

// ManualBelow is the confidence of the best agency under which the
// suggestion is shown as a hint only and the operator picks by hand.
const ManualBelow = 0.35

// edgeRule is one of the data notes' edge cases.
type edgeRule struct {
	re  *rx
	and *rx // when set, the text must match this too
	not *rx // the rule does not apply when this matches too
	// unless, when set, is a test on the text that keeps the rule from
	// applying (what an expression cannot say).
	unless func(low string) bool
	// category is set first with the agency; "" leaves the model's
	// categories as they are (an agency no category goes to).
	category string
	agency   string
}

// re compiles a rule's pattern; every pattern is matched against the
// lower-cased text.
func re(s string) *rx { return newRx(s) }

// The rules, first match wins. Each is a class of complaint whose agency
// the reference data settles (its notes, or a category's responsible
// agency) but whose words pull the model elsewhere: an emergency told in
// routine words and a routine matter told in emergency words, a private
// hospital's BPJS patient, a programme or document that names its agency
// (rutilahu, PIP, JHT, IKD, a madrasah), a crime told where it happened,
// public order told as the thing in the way.
var edgeRules = []edgeRule{
	// What is left after a fallen tree was cleared is DLHK's to carry
	// away (its notes: "pengangkutan batang pohon"), not an emergency.
	{re: re(`\b(batang|sisa|bekas|kayu|potongan|tunggul)\w*\b.{0,25}\bpohon|\bpohon\w*\b.{0,80}\b(batangnya|kayunya|potongannya|sisanya|(sudah|udah|udh|sdh|sempat)\s+(di)?(evakuasi|potong|dipotong|dipotong2|dibersihkan|tebang|ditebang|dibereskan))\b`),
		and:      re(`\b(angkut|diangkut|ngangkut|ambil|diambil|ditinggal|ditinggalin|dibiarin|dibiarkan|numpuk|menumpuk|berserakan|nutupin|menghalangi)\b`),
		category: "POHON_TAMAN", agency: "DLHK"},
	// A tree that has fallen, onto whatever (a car, a parked car, a
	// house, the road, a rider), is Damkar's emergency: the car or the
	// parking lot it fell on is where, not whose ("pohon nimpa mobil di
	// parkiran" is not Dishub's). A tree that only might fall is DLHK's.
	{re: re(`\bpohon\w*\b.{0,40}\b(tumbang|tumbg|roboh|rubuh|ambruk|jatuh|jatoh|nimpa|menimpa|numpa|niban|nibanin|melintang|malang|patah.{0,15}(menimpa|nimpa|nutup|menutup|kena))|\b(tumbang|roboh|rubuh|ambruk|ketiban|ketimpa|ketimpah|tertimpa|kejatuhan|kejatohan|ditimpa|kena)\b.{0,25}\bpohon`),
		not:      re(`\b(rawan|hampir|nyaris|mau|bisa|takut|khawatir|kuatir|akan|sebelum|berpotensi|potensi|kalau|kalo|klo|bahaya|berbahaya)\s+(\w+\s+)?(tumbang|roboh|rubuh|ambruk|jatuh|jatoh|nimpa|menimpa|kena)\b|\b(dahan|ranting)\w*\s+(\w+\s+){0,3}(dipangkas|pangkas|dipotong|potong|dirapihin|dirapiin|dirapikan)\b`),
		category: "POHON_TUMBANG", agency: "DISDAMKAR"},
	// Rescues (Damkar's notes: "sarang tawon, ular, hewan, orang
	// terjebak"), before the tree rules: a cat up a tree is a rescue.
	{re: re(`\b(kucing|anak kucing|burung|monyet|ular|sanca|kobra|biawak|musang|hewan|binatang)\b.{0,50}\b(nyangkut|tersangkut|terjebak|kejebak|terjepit|kejepit|ga bisa turun|gak bisa turun|gk bisa turun|tidak bisa turun|gabisa turun|masuk (ke )?(rumah|dapur|kamar|plafon|atap))|\b(sarang|bersarang)\s+(\w+\s+)?(tawon|lebah|tawon vespa)|\b(tawon|lebah)\w*\s+(\w+\s+)?(bersarang|sarang)`),
		category: "KEBAKARAN_PENYELAMATAN", agency: "DISDAMKAR"},
	// A flood with water in the houses and people to bring out is
	// Damkar's evacuation (the category's supporting agency); a blocked
	// drain or a puddle without anyone to evacuate stays DPUPR's.
	{re: re(`\b(banjir\w*|kebanjiran|air\s+(\w+\s+){0,2}masuk\s+(ke\s+)?(rumah|rmh)\w*|(rumah|rmh)\w*\s+(\w+\s+)?(terendam|kerendam|kemasukan air))\b`),
		and:      re(`\b(sedada|seleher|sedagu|dada|leher|sepinggang|se pinggang|pinggang|sepaha|se paha|paha|seatap|atap|evakuasi|dievakuasi|evakuasiin|diungsikan|diungsiin|ngungsi|mengungsi|pengungsian|perahu|terjebak|kejebak|terisolasi|(ga|gak|gk|tidak|tdk|blm|belum) bisa (keluar|jalan))\b`),
		not:      re(`\bpinggang\b.{0,20}\bsakit|\b(rencana|normalisasi|antisipasi)\b`),
		category: "DRAINASE_BANJIR", agency: "DISDAMKAR"},
	{re: re(`\b(longsor|ambles|amblas)\w*\b`),
		and:      re(`\b(tertimbun|ketimbun|terjebak|kejebak|tertimpa|ketiban|nimpa|menimpa|korban|terkubur)\b`),
		category: "BENCANA", agency: "DISDAMKAR"},
	{re: re(`\b(tenggelam|hanyut|terseret arus)\b`),
		category: "KEBAKARAN_PENYELAMATAN", agency: "DISDAMKAR"},
	{re: re(`\b(orang|warga|anak|penghuni|pekerja|lansia|korban|bapak|ibu|nenek|kakek)\b.{0,40}\b(terjebak|kejebak|tertimbun|ketimbun|terperangkap|terkunci di dalam)\b`),
		not:      re(`\bmacet\b`),
		category: "KEBAKARAN_PENYELAMATAN", agency: "DISDAMKAR"},
	// Rubbish burnt is DLHK's unless it became a fire.
	{re: re(`\b(bakar|bakar2|membakar|dibakar|pembakaran|ngebakar)\s+(\w+\s+)?sampah|\bsampah\w*\s+(\w+\s+){0,2}(dibakar|dibakar2|bakar)\b`),
		not:      re(`\b(merembet|menjalar|membesar|kebakaran|terbakar|api\w* (besar|gede))\b`),
		category: "SAMPAH", agency: "DLHK"},
	{re: re(`\b(pangkas|dipangkas|pemangkasan|memangkas|potong|dipotong|ditebang|tebang|penebangan|rapikan|dirapikan|dirapihin)\b.{0,40}\b(pohon|dahan|ranting)|\b(pohon|dahan|ranting)\w*\b.{0,60}\b(rawan|rapuh|miring|condong|pangkas|dipangkas|ditebang|tebang|potong|dipotong|rimbun|rindang|lebat|menjuntai|nyentuh|menyentuh)\b|\b(ketutup|tertutup|ketutupan|nutupin|menutupi|tertutupi)\s+(\w+\s+)?(dahan|ranting|pohon|daun)`),
		category: "POHON_TAMAN", agency: "DLHK"},
	{re: re(`\b(listrik (\w+ ){0,2}(padam|mati|byar ?pet|putus)|mati listrik|pemadaman( listrik| bergilir)?|mati lampu|token (listrik|pln)|meteran (listrik|pln)|kabel pln|tiang pln|gardu( listrik| pln)?|trafo)\b`),
		not:      re(`\bmati lampu (jalan|jln|pju|gang|jalanan)\b`),
		category: "LISTRIK_PLN", agency: "PLN-UP3-DEPOK"},
	// A street light is Dishub's, but not when the hole in the road is
	// what the caller wants fixed and the dark lamp only why it hurts.
	{re: re(`\b(pju|lampu (jalan|jln|penerangan|pju|gang|jalanan)|penerangan jalan|lampu\s+(di\s+)?tiang)\b`),
		not:      re(`\b(lampu merah|apill|traffic light|lubangnya|ditambal|tambal|diaspal|jalan rusak|jalannya rusak)\b|\b(lubang|berlubang|bolong)\b.{0,80}\b(diperbaiki|perbaiki|dibenerin|benerin|diurug)\b`),
		category: "PJU", agency: "DISHUB"},
	// A matter of an SD or SMP (admission, a diploma held, fees) is the
	// city's Disdik even when the caller says the child will go on to an
	// SMA ("ijazah smp ditahan, padahal mau daftar sma"): only an SMA,
	// SMK or SLB that is itself the matter is the province's.
	{re: sdSmpMatterRe,
		not: re(`\b(depan|dekat|deket|dkt|samping|sebelah|belakang|dpn|seberang)\s+(sd|sdn|smp|smpn|sekolah)\b|\b(pelecehan|dilecehkan|dilecehin|dicabuli|pencabulan|cabul|bully|dibully|perundungan|dirundung|kekerasan|dianiaya|dipukul\w*)\b`),
		unless: func(low string) bool {
			return smaIsTheMatter(low) || kelurahanServiceRe.MatchString(low) || isConduct(low)
		},
		category: "PENDIDIKAN", agency: "DISDIK"},
	{re: smaRe,
		category: "PENDIDIKAN", agency: "DISDIK-JABAR"},
	// Ormas extorting is the police's even when it is called a levy.
	{re: re(`\b(ormas|preman|premanisme)\b.{0,60}\b(malak|memalak|dipalak|palak|jatah|uang keamanan|setoran|pungut\w*|pungli|peras|memeras|pemerasan|diancam|ngancam|mengancam|minta uang|minta duit)\b`),
		category: "KRIMINAL", agency: "POLRES"},
	{re: conductRe, category: "PUNGLI_ASN", agency: "INSPEKTORAT"},
	{re: askedMoneyRe, category: "PUNGLI_ASN", agency: "INSPEKTORAT"},
	// A kelurahan office's own service (the letters it issues: surat
	// pengantar, keterangan domisili, tidak mampu, usaha, ahli waris) is
	// LAYANAN_WILAYAH, answered by the kecamatan the kelurahan belongs to
	// (the agencies are the kecamatan offices; "kelurahan" in the
	// category list means "of the location"). Population documents
	// (KTP, KK, akta, pindah) stay Disdukcapil's even at the kelurahan,
	// an SKTM for the DTKS or a bansos the social office's matter.
	// After the conduct rules: a levy for the letter is the Inspektorat's.
	{re: kelurahanServiceRe,
		not:      re(`\b(ktp|e ktp|ktp el|kk|kartu keluarga|akta|akte|kia|nik|pindah|skpwni|ikd|dtks|dtsen|bansos|pkh|bpnt|pbi)\b`),
		category: "LAYANAN_WILAYAH", agency: kecamatanOffice},
	// A programme named is its agency's: rumah tidak layak huni
	// (rutilahu) is Disrumkim's.
	{re: re(`\b(rutilahu|rtlh|(tidak|tdk|ga|gak|nggak) layak huni|bedah rumah)\b`),
		category: "PERMUKIMAN_PSU", agency: "DISRUMKIM"},
	// A madrasah is the Ministry of Religious Affairs' (Kemenag's notes).
	{re: re(`\b(madrasah|mts|mtsn|mis|(mi|ma|mts) (negeri|swasta)|pesantren|ponpes)\b`),
		category: "KEAGAMAAN", agency: "KEMENAG"},
	// Identity documents are Disdukcapil's wherever the problem showed
	// (the Samsat, the police, the BPJS office, a hospital, the MPP):
	// the office named as where it surfaced is not the service asked
	// for. First the caller who asks how to make, replace or correct
	// one ("gmn cara masukin anak ke kk", "ktp ilang dicopet, mau bikin
	// baru"), before the crime and BPJS rules: the theft, the BPJS or
	// the hospital is only why.
	{re: docRequestRe,
		not:      re(`\b(dtks|dtsen|bansos|pkh|bpnt|blt|pbi)\b|\b(laporan|lapor)\s+(ke\s+)?(polisi|polsek|polres)\b`),
		category: "ADMINDUK", agency: "DISDUKCAPIL"},
	// Crimes are the police's wherever they happened ("begal di jl
	// Juanda" is not about the road).
	{re: re(`\b(begal|dibegal|pembegalan|jambret|dijambret|penjambretan|copet|dicopet|pencopetan|rampok|dirampok|perampokan|ditodong|penodongan|curanmor|maling|kemalingan|kecurian|dicuri|pencurian|narkoba|narkotika|sabu|ganja|tawuran|dibacok|pembacokan|penusukan|ditusuk)\b`),
		category: "KRIMINAL", agency: "POLRES"},
	// A request for a document or data is a public-information request
	// (PPID), whatever the document is about.
	{re: re(`\b(permohonan|mengajukan|ajukan|minta|meminta|mohon|memohon|pengen|ingin|mau)\s+(\w+\s+){0,2}(salinan|informasi publik|dokumen|data|rab|rincian anggaran|rencana anggaran|kontrak|laporan keuangan|apbd)\b`),
		not:      re(`\b(kk|ktp|e ktp|ktp el|akta|nik|kia|ijazah|rapor|sertifikat|bpjs|kis|arsip)\b`),
		category: "INFORMASI_PUBLIK", agency: "PPID-UTAMA"},
	// Musrenbang is Bappeda's (its notes); no category goes to it, and the
	// words around it ("dikerjakan", "jalan") pull elsewhere. A defect proposed at a musrenbang is still the defect's agency's.
	{re: re(`\b(musrenbang|musrembang)\b`), not: re(`\b(rusak|parah|berlubang|bolong|mampet|banjir|mati|longsor|ambles)\b`), agency: "BAPPEDA"},
	// Registering an ormas and conflicts between believers are
	// Kesbangpol's ("ormas, konflik sosial"); no category goes to it.
	{re: re(`\b(ormas|organisasi kemasyarakatan)\b`),
		and:    re(`\b(daftar\w*|terdaftar|skt|surat keterangan terdaftar|legalitas|registrasi)\b`),
		agency: "KESBANGPOL"},
	{re: re(`\b(gereja|masjid|musala|mushola|musholla|surau|pura|vihara|klenteng|rumah ibadah|tempat ibadah)\b`),
		and:    re(`\b(tolak|menolak|ditolak|penolakan|konflik|ribut|keributan|gesekan|bentrok|segel|disegel|mediasi|dimediasi|protes|diprotes)\b`),
		agency: "KESBANGPOL"},
	// BPJS at a private hospital, a clinic or for a newborn is BPJS
	// Kesehatan's (the RSUD category is the city hospital's own
	// service); the Ketenagakerjaan programmes are BPJS TK's.
	{re: re(`\b(jht|jaminan hari tua|jaminan kecelakaan kerja|jaminan kematian|jaminan pensiun|bpjamsostek|jamsostek|bpjs\w*\s+(yg\s+|yang\s+)?(ketenagakerjaan|tk|naker))\b`),
		category: "KETENAGAKERJAAN", agency: "BPJS-TK"},
	{re: re(`\b(bpjs\w*|jkn|kis)\b`),
		and:      re(`\b(rs|rumah sakit|klinik|faskes|bayi|baru lahir|melahirkan)\b`),
		not:      re(`\b(rsud|rs daerah|rs umum daerah|rumah sakit daerah|rumah sakit umum daerah|puskesmas|dtks|pbi)\b`),
		category: "JKN_BPJS", agency: "BPJS-KES"},
	// Population documents are Disdukcapil's wherever they are handled
	// (an IKD activation at the MPP), and a NIK that is wrong is the
	// matter even when it shows at the BPJS or the school.
	{re: re(`\b(ikd|identitas kependudukan digital|ktp digital)\b|\bnik\w*\b.{0,30}\b(dobel|double|ganda|kembar|kedobel|sama dengan|sama kayak|sama kaya|tidak terdaftar|ga terdaftar|gak terdaftar|tidak ditemukan|ga ditemukan|tidak valid|ga valid|invalid|beda)\b`),
		not:      re(`\b(dtks|dtsen|bansos|pkh|bpnt|blt)\b`),
		category: "ADMINDUK", agency: "DISDUKCAPIL"},
	// Then the document that is itself the problem: lost, broken, not
	// recorded, registered elsewhere, not matching.
	{re: docProblemRe,
		not:      re(`\b(dtks|dtsen|bansos|pkh|bpnt|blt|pbi|berobat gratis|uhc)\b`),
		category: "ADMINDUK", agency: "DISDUKCAPIL"},
	{re: re(`\b(pip|program indonesia pintar|kartu indonesia pintar)\b`),
		category: "PENDIDIKAN", agency: "DISDIK"},
	// Public order (Satpol PP's notes: PKL, bangunan liar, reklame liar,
	// ketertiban umum): the stall, the building over the drain, the
	// illegal billboard, the noise at night; told as the thing in the
	// way, they pull to the road, the drain or the permit.
	{re: re(`\b(bangunan|bangun|dibangun|membangun|warung|kios|ruko|lapak|pagar|teras|rumah)\w*\b.{0,50}\b(di atas|diatas|menutup|menutupi|nutup|nutupin|makan|memakan)\s+(saluran|got|selokan|drainase|kali|gorong|jalan umum|fasum)|\b(bangunan|kios|warung|lapak|rumah)\w*\b.{0,40}\b(bantaran|sempadan)\b`),
		category: "PKL_TRIBUM", agency: "SATPOLPP"},
	{re: re(`\b(reklame|baliho|spanduk|banner|poster|papan iklan|billboard|umbul)\w*\b`),
		and:      re(`\b(liar|tanpa izin|ilegal|dipaku|ditempel|ditempelin|menutupi|nutupin|sembarangan|berantakan|bertebaran|semrawut|di pohon|di tiang|dipasang di)\b`),
		not:      re(`\bpajak\b|\b(urus|ngurus|mengurus|pengurusan|bikin|membuat|ajukan|mengajukan|permohonan)\s+izin`),
		category: "PKL_TRIBUM", agency: "SATPOLPP"},
	{re: re(`\b(sound system|sound|speaker|salon|musik|music|organ tunggal|orgen|dangdutan|dangdut|live music|band)\b`),
		and:      re(`\b(malam|malem|tengah malam|subuh|larut|dini hari|jam (1|2|3|11|12|satu|dua|tiga))\b`),
		not:      re(`\b(karaoke|diskotik|diskotek|tempat hiburan|hiburan malam|pub|bar)\b`),
		category: "PKL_TRIBUM", agency: "SATPOLPP"},
	{re: re(`\b(pkl|pedagang|lapak|lapak2|gerobak|gerobak2|jualan|berjualan|dagangan|mangkal)\b`),
		and:      re(`\b(trotoar|bahu jalan|badan jalan|tengah jalan|jalan umum|gang|menutup|nutup|nutupin|menghalangi|ngalangin|halangin|ditertibkan|ditertibin|penertiban)\b`),
		not:      re(`\b(parkir|jukir|markir|harga|timbangan)\b`),
		category: "PKL_TRIBUM", agency: "SATPOLPP"},
	// The market's own facilities (its toilets, stalls, roof, floor)
	// are the trade office's, which runs the city's markets, not the
	// water company's for a toilet without water.
	{re: re(`\b(toilet|wc|kamar mandi|mck|los|atap|lantai)\w*\b.{0,30}\bpasar\b|\bpasar\b.{0,30}\b(toilet\w*|wc\w*|kamar mandi|mck|becek|jorok|bocor)\b`),
		not:      re(`\b(sampah|pkl|pedagang kaki lima|parkir|jukir|copet|maling|preman)\b`),
		category: "PASAR_HARGA", agency: "DISPERDAGIN"},
	// A child made to work is a child-protection matter (DP3AP2KB),
	// not a labour dispute.
	{re: re(`\b(pekerja anak|eksploitasi anak|(anak|bocah|bocil)\w*\s+(\S+\s+){0,5}?(dipekerjakan|disuruh kerja|disuruh kerja2|dipaksa kerja|dipaksa bekerja|disuruh bekerja|kerja seharian))\b`),
		category: "KEKERASAN_PA", agency: "DP3AP2KB"},
	// Livestock or a dog let loose (DKP3's notes: "hewan ternak/
	// peliharaan") is DKP3's wherever it wanders (a park, the road).
	{re: re(`\b(kambing|sapi|kerbau|domba|ternak|kuda|babi|anjing)\w*\s+(\S+\s+){0,3}?(dilepas|dilepasin|lepas|lepasan|berkeliaran|keliaran|kabur)\b`),
		category: "PANGAN_HEWAN", agency: "DKP3"},
	// Damage to the road surface is the road's agency's even when the
	// caller tells it by the traffic it upsets (cars swerving, riders
	// nearly falling, a jam): Dishub's are the signs, lights, parking
	// and the flow itself, which the rules above and the model keep.
	// A housing estate's road not yet handed over (PSU) is Disrumkim's.
	{re: roadDamageRe,
		and:      re(`\b(psu|pengembang|developer|fasos|fasum|diserahkan|diserahin|serah terima)\b`),
		not:      roadNotRe,
		category: "PERMUKIMAN_PSU", agency: "DISRUMKIM"},
	{re: roadDamageRe,
		and:      re(`\b(mobil\w*|motor\w*|kendaraan|pengendara|pemotor|truk|angkot|bus|ojol|ojek|sopir|supir|zig ?zag|zig-zag|oleng|jatuh|jatoh|terjatuh|kejungkel|nyungsep|terperosok|kecelakaan|celaka|macet|banting setir|ngerem|tabrakan|korban|bahaya|berbahaya|rawan)\b`),
		not:      roadNotRe,
		category: "JALAN_RUSAK", agency: "DPUPR"},
}

// roadDamageRe: the road surface itself damaged (a hole in it, the
// asphalt gone, the road broken or sunk).
var roadDamageRe = newRx(`\b(jalan|jln|jl|jalanan|aspal|ruas|tikungan|turunan|tanjakan)\w*\b.{0,60}\b(lubang\w*|lobang\w*|berlubang|bolong\w*|rusak|ancur|hancur|amblas|ambles|ngelupas|mengelupas|terkelupas|retak\w*|bergelombang)\b|\b(lubang|lobang|berlubang|bolong\w*)\b.{0,40}\b(jalan|jln|jl|jalanan|aspal|tikungan)\b|\b(jalan|aspal)\s+(rusak|berlubang|bolong\w*|ancur|hancur)\b`)

// roadNotRe: what makes a text with a damaged road another agency's (a
// utility's dig, a sign, a light, parking, a drain, a tree, a crime),
// left to the rules above and the model.
var roadNotRe = newRx(`\b(galian|pipa|pdam|kabel|pju|penerangan|rambu|marka|apill|parkir|halte|got|selokan|saluran|drainase|gorong\w*|banjir|genangan|pohon|begal|jambret|pkl|pedagang|lapak|longsor|halaman|lapangan|tong|atap|truk tanah|truk proyek|tambang)\b|\blampu\w*\s+(\w+\s+){0,2}(mati|padam|redup|rusak|kedip\w*|nyala)\b`)

// docWords are the population documents, as callers write them.
const docWords = `(ktp\w*|e ktp\w*|ektp\w*|ktp el|ktp elektronik|kk|kartu keluarga|akta\w*|akte\w*|kia|nik\w*)`

// docRequestRe: the caller asks how to make, replace or correct a
// population document ("gmn cara bikin ktp", "ktp ilang, mau bikin
// baru").
var docRequestRe = newRx(`\b(cara|caranya|gimana|gmn|gmna|bagaimana|mau|minta|tolong|tlg|mohon|bisa|dmn|di mana|dimana|kemana|ke mana|harus)\s+(\w+\s+){0,2}?(bikin|buat|urus|ngurus|mengurus|ganti|gantiin|cetak|nyetak|masukin|masukkan|memasukkan|benerin|betulin|perbaiki|memperbaiki|ubah|ngubah|mengubah|update|rekam|perpanjang)\s+(\w+\s+){0,3}?` + docWords + `\b|\b` + docWords + `\b.{0,80}\b(bikin|buat|urus|ngurus|cetak|ganti)\s+(ulang|baru|lagi|yg baru|yang baru)\b`)

// docProblemRe: a population document that is itself the problem.
var docProblemRe = newRx(`\b` + docWords + `\b(\s+\S+){0,6}?\s+(hilang|ilang|rusak|patah|retak|pecah|ga kebaca|gak kebaca|g kebaca|tidak terbaca|tdk terbaca|ga terbaca|belum jadi\w*|blm jadi\w*|blum jadi\w*|ga jadi2|belum terekam|blm terekam|belum direkam|blm direkam|ga terekam|tidak terekam|belum tercetak|blm dicetak|belum dicetak|terdaftar di|kedaftar|kedaftar di|tercatat di|beda|berbeda|ga sama|gak sama|tidak sama|salah|ga sesuai|gak sesuai|tidak sesuai|belum masuk kk|blm masuk kk|ga masuk kk|gak masuk kk|tidak masuk kk|belum ada di kk|blm ada di kk|belum diupdate|blm diupdate|belum diperbarui|blm diperbarui|blm diubah|belum diubah|ganda|dobel|double|kembar)\b`)

// kecamatanOffice stands, in a rule, for the kecamatan office of the
// complaint's place (its kelurahan's kecamatan, or one the text names).
const kecamatanOffice = "@KECAMATAN"

// kelurahanServiceRe: a letter the kelurahan issues, named (SKTM, surat
// keterangan domisili), or a letter asked for at the kelurahan ("surat
// pengantar dari kelurahan", "minta surat di kel. Kukusan").
var kelurahanServiceRe = newRx(`\b(sktm|skd|sku|surat (keterangan |ket\.? |ket )?(tidak mampu|domisili|usaha|ahli waris|belum menikah|belum nikah|janda|duda|penghasilan)|(surat|srt) (pengantar|keterangan|ket|domisili)\b.{0,60}\b(kelurahan|kel|lurah)|\b(kelurahan|kel|lurah)\b.{0,60}\b(surat|srt) (pengantar|keterangan|ket|domisili))\b`)

// smaRe: the province runs SMA, SMK and SLB (the data notes: "SMA/SMK
// bukan kewenangan kota"), so a matter of such a school, its admissions,
// fees, diplomas or teachers, is the province's; the school named alone
// (a pupil's age) is not enough.
var smaRe = newRx(`\b(sma|smk|slb|sman|smkn|slbn)\b.{0,60}\b(negeri|daftar|pendaftaran|ppdb|spmb|zonasi|afirmasi|penerimaan|keterima|diterima|ditolak|kuota|jalur|ijazah|seragam|pungut\w*|pungutan|sumbangan|spp|biaya|komite|daftar ulang|guru)\b|\b(daftar|pendaftaran|ppdb|spmb|zonasi|penerimaan|masuk|ijazah|sumbangan|pungutan)\b.{0,60}\b(sma|smk|slb|sman|smkn|slbn)\b`)

// sdSmpMatterRe: an SD or SMP named with a matter of the school
// (admission, diploma, fees, teachers) beside it.
var sdSmpMatterRe = newRx(`\b(sd|sdn|smp|smpn|sekolah dasar|skolah dasar|kls [1-9]|kelas [1-9])\b.{0,50}\b(ijazah|spmb|ppdb|zonasi|domisili|jalur|spp|seragam|iuran|pungut\w*|sumbangan|komite|nunggak|tunggakan|daftar ulang|keterima|diterima|ditolak|biaya|guru|rapor|uang gedung|uang bangunan)\b|\b(ijazah|spmb|ppdb|zonasi|spp|seragam|iuran|pungut\w*|sumbangan|komite|daftar|pendaftaran|masuk|biaya)\b.{0,50}\b(sd|sdn|smp|smpn|sekolah dasar|skolah dasar)\b`)

// smaLater: an SMA or SMK the child will go to later ("mau daftar sma",
// "nanti kl udh sma") or a sibling's ("kakaknya di sma negeri"), not the
// school the complaint is about.
var smaLater = regexp.MustCompile(`\b(mau|mo|akan|nanti|ntar|nnti|lanjut|lanjutin|melanjutkan|rencana|persiapan|biar|supaya|buat|untuk|utk|kakak\w*|kaka\w*|abang\w*|adik\w*|adek\w*)\s+(\S+\s+){0,3}?(sma|smk|sman|smkn)\b(\s+(negeri|swasta|favorit))?`)

// smaOutcome: words after a later SMA that make it the matter after all
// ("mau daftar sma negeri tapi ditolak zonasi", "... jadwal spmb nya").
var smaOutcome = regexp.MustCompile(`^.{0,40}\b(ditolak|keterima|diterima|lolos|gagal|zonasi|kuota|jalur|afirmasi|spmb|ppdb|jadwal|pendaftaran|pungut\w*|sumbangan|biaya)\b`)

// smaGraduate: a child who finished the SMP is at the SMA's door; the
// SMA named then is the matter.
var smaGraduate = regexp.MustCompile(`\b(lulus|lulusan|tamat|tamatan)\s+(dari\s+)?(smp|smpn|mts)\b`)

// smaIsTheMatter: the text is about an SMA, SMK or SLB itself (smaRe
// still matches once the SMAs the child will go to later are left out).
func smaIsTheMatter(low string) bool {
	if !smaRe.MatchString(low) {
		return false
	}
	if smaGraduate.MatchString(low) {
		return true
	}
	var b strings.Builder
	last := 0
	for _, m := range smaLater.FindAllStringIndex(low, -1) {
		if smaOutcome.MatchString(low[m[1]:]) {
			continue
		}
		b.WriteString(low[last:m[0]])
		b.WriteString(" ; ")
		last = m[1]
	}
	b.WriteString(low[last:])
	return smaRe.MatchString(b.String())
}

// conductRe: illegal levies, brokers and officers' conduct go to the
// Inspektorat even when the office where it happened is named.
var conductRe = newRx(`\b(pungli|pungutan liar|calo|uang pelicin|suap|sogok|gratifikasi|asn kampanye|netralitas)\b`)

// askedMoneyRe: being asked for money is an illegal levy only when an
// officer or a government office asks (a fraudster, an RW head or a
// school asking is another matter: the police, the kelurahan, the
// education office).
var askedMoneyRe = newRx(`\b(petugas|oknum|pegawai|asn|pns|staf|lurah|camat|loket|kantor (kelurahan|kecamatan|dinas)|dukcapil|capil)\b.{0,60}\b(minta|dimintai|dimintain|diminta|narik|menarik)\s+(uang|duit|biaya|bayaran|jatah|rp|\d)|\b(dimintai|dimintain|diminta)\s+(uang|duit|\d).{0,40}\b(petugas|oknum|pegawai|asn|pns|lurah|camat)\b`)

// isConduct: the text reports an officer's conduct or an illegal levy.
func isConduct(low string) bool { return conductRe.MatchString(low) || askedMoneyRe.MatchString(low) }

// edgeCase returns the first edge rule the text meets, or nil.
func edgeCase(low string) *edgeRule {
	for i := range edgeRules {
		r := &edgeRules[i]
		if r.re.MatchString(low) && (r.and == nil || r.and.MatchString(low)) && (r.not == nil || !r.not.MatchString(low)) && (r.unless == nil || !r.unless(low)) {
			return r
		}
	}
	return nil
}

// promote puts the choice with code first, at least at confidence min;
// build makes it when the list does not hold it.
func promote(list []Choice, code string, min float64, build func(code string) (Choice, bool)) []Choice {
	var ch Choice
	found := false
	out := make([]Choice, 0, len(list)+1)
	for _, c := range list {
		if c.Code == code && !found {
			ch, found = c, true
			continue
		}
		out = append(out, c)
	}
	if !found {
		var ok bool
		if ch, ok = build(code); !ok {
			return list
		}
	}
	if ch.Confidence < min {
		ch.Confidence = min
	}
	// The others cannot stay surer than the one put first.
	for i := range out {
		if out[i].Confidence > ch.Confidence {
			out[i].Confidence = ch.Confidence
		}
	}
	return append([]Choice{ch}, out...)
}
