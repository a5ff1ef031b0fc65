package routing_test

import (
	"strings"
	"testing"

	"github.com/kotakita/aduan/internal/dbtest"
	"github.com/kotakita/aduan/internal/routing"
	"github.com/kotakita/aduan/internal/store"
)

// newInstall is the router of a new install: the seeds and the reference
// data, no complaint learned.
func newInstall(t *testing.T) (*routing.Router, *routing.Reference) {
	t.Helper()
	st := dbtest.OpenSeeded(t, store.SQLite)
	ref, err := routing.LoadReference(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	tr, err := routing.NewTrainer(ref, routing.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return routing.NewRouter(tr.Model(), ref), ref
}

// firstCase: the agency a text must get first (want), or must not get
// first (not) at a confidence of notFrom or more.
type firstCase struct{ text, want, not string }

func checkFirst(t *testing.T, r *routing.Router, notFrom float64, cases []firstCase) {
	t.Helper()
	for _, c := range cases {
		s := r.Suggest(c.text, "", 3)
		if len(s.Agencies) == 0 {
			t.Errorf("%q: no agency", c.text)
			continue
		}
		if c.want != "" && s.Agencies[0].Code != c.want {
			t.Errorf("%q: agencies %v, want %s first", c.text, s.Agencies, c.want)
		}
		if c.not != "" && s.Agencies[0].Code == c.not && s.Agencies[0].Confidence >= notFrom {
			t.Errorf("%q: %s first at %v", c.text, c.not, s.Agencies[0].Confidence)
		}
	}
}

// TestRoutingEdgeCases: the data notes' edge cases and the agencies named
// in the text decide the suggestion on a new install (seeds only), the
// agency follows the category otherwise, and a text the model knows
// nothing of asks for a manual pick.
func TestRoutingEdgeCases(t *testing.T) {
	t.Parallel()
	r, _ := newInstall(t)
	for _, c := range []struct{ text, agency, category string }{
		{"pohon besar tumbang nutup jalan di depan masjid, mobil ga bisa lewat", "DISDAMKAR", "POHON_TUMBANG"},
		{"ada pohon angsana udah miring banget rawan tumbang, tolong dipangkas sebelum musim hujan", "DLHK", "POHON_TAMAN"},
		{"lampu jalan di gang kami mati udah seminggu, gelap banget kalo malem, listriknya kayanya putus", "DISHUB", "PJU"},
		{"listrik padam dari jam 2 siang satu RW belum nyala", "PLN-UP3-DEPOK", "LISTRIK_PLN"},
		{"anak saya daftar SMA negeri lewat jalur zonasi tapi ga keterima padahal rumah deket", "DISDIK-JABAR", "PENDIDIKAN"},
		{"pelayanan di RSUD lama banget, ibu saya nunggu di IGD 6 jam", "RSUD", "RSUD"},
		{"saya udah lapor ke dinsos soal bantuan buat anak yatim tapi belum ada kabar", "DINSOS", ""},
		{"pipa PDAM bocor di jalan, airnya muncrat ke mana-mana", "TIRTA-ASASTA", "AIR_PDAM"},
		{"saldo JHT saya di BPJS Ketenagakerjaan ga bisa dicairkan", "BPJS-TK", ""},
		{"mau tanya jadwal nikah di KUA kecamatan", "KEMENAG", "KEAGAMAAN"},
		{"ada oknum di kantor dukcapil minta uang 200rb buat percepat e-KTP", "INSPEKTORAT", "PUNGLI_ASN"},
	} {
		s := r.Suggest(c.text, "", 3)
		if len(s.Agencies) == 0 || s.Agencies[0].Code != c.agency {
			t.Errorf("%q: agencies %v, want %s first", c.text, s.Agencies, c.agency)
		}
		if c.category != "" && (len(s.Categories) == 0 || s.Categories[0].Code != c.category) {
			t.Errorf("%q: categories %v, want %s first", c.text, s.Categories, c.category)
		}
		if s.Manual {
			t.Errorf("%q: asked for a manual pick at %v", c.text, s.Agencies)
		}
	}
	if s := r.Suggest("halo selamat siang", "", 3); !s.Manual {
		t.Errorf("a greeting: %v proposed, want a manual pick", s.Agencies)
	}
}

// TestRoutingReadsNames: an agency named as callers name it weighs
// heavily, a negated or figurative mention does not, and every agency of
// the reference data can be suggested, thin ones included (no category
// goes to BKPSDM or Bappeda).
func TestRoutingReadsNames(t *testing.T) {
	t.Parallel()
	r, ref := newInstall(t)
	checkFirst(t, r, 0, []firstCase{
		{"udah lapor ke DPUPR soal got mampet depan sekolah tapi belum ada yang datang", "DPUPR", ""},
		{"minta tolong satpol pp tertibkan pedagang yang jualan di trotoar", "SATPOLPP", ""},
		{"tolong kantor bpjs tk, klaim jht sy ga cair2", "BPJS-TK", ""},
		{"mau tanya ke bkpsdm soal sk pppk yang belum keluar", "BKPSDM", ""},
		{"usulan musrenbang kampung kami ga pernah masuk rencana pembangunan", "BAPPEDA", ""},
		{"minta dipasang polisi tidur di gang, motor ngebut terus", "", "POLRES"},
		{"lampu jalan gang kami mati, ini bukan urusan PLN kan, tiangnya punya pemkot", "DISHUB", ""},
	})
	for _, a := range ref.Agencies {
		if !a.Active || a.Kind == "kecamatan" {
			continue
		}
		if s := r.Suggest("mau menyampaikan keluhan ke "+strings.TrimSpace(strings.Split(a.Name, "(")[0]), "", 3); len(s.Agencies) == 0 || s.Agencies[0].Code != a.Code {
			t.Errorf("%s cannot be suggested by its name: %v", a.Code, s.Agencies)
		}
	}
}

// TestRoutingRulesReadContext: being asked for money is the Inspektorat's
// for sure only when an officer asks (an RW head asking is left to the
// model, which the reference data's keyword "minta uang" still leans to
// the Inspektorat, but no longer at the rule's 0.9); any matter of an
// SMA/SMK/SLB is the province's, not only its admissions.
func TestRoutingRulesReadContext(t *testing.T) {
	t.Parallel()
	r, _ := newInstall(t)
	checkFirst(t, r, 0.9, []firstCase{
		{"petugas loket kelurahan minta uang 100rb biar surat cepat jadi", "INSPEKTORAT", ""},
		{"ketua rw minta uang 50rb buat tanda tangan surat pengantar ke kelurahan", "", "INSPEKTORAT"},
		{"smk negeri 1 narik biaya komite tiap bulan, memberatkan orang tua", "DISDIK-JABAR", ""},
		{"ijazah anak saya ditahan sma negeri karena tunggakan", "DISDIK-JABAR", ""},
	})
}

// TestKelurahanServiceGoesToItsKecamatan: a letter the kelurahan office
// issues is LAYANAN_WILAYAH and goes to the kecamatan office that
// kelurahan belongs to, from the complaint's kelurahan or the one the
// text names; a population document asked for at the kelurahan stays
// Disdukcapil's and money asked for the letter the Inspektorat's.
func TestKelurahanServiceGoesToItsKecamatan(t *testing.T) {
	t.Parallel()
	r, _ := newInstall(t)
	for _, c := range []struct{ text, kel, agency, category string }{
		{"sdh 3x bolak balik ngurus sktm buat daftar sekolah anak, blankonya katanya habis", "32.76.03.1002", "KEC-SAWANGAN", "LAYANAN_WILAYAH"},
		{"mohon dibantu, surat keterangan domisili usaha saya belum ditandatangani sejak minggu lalu", "32.76.04.1002", "KEC-LIMO", "LAYANAN_WILAYAH"},
		{"minta surat pengantar nikah di kel. kalibaru disuruh nunggu pak lurah seharian", "", "KEC-CILODONG", "LAYANAN_WILAYAH"},
		{"surat keterangan tidak mampu buat berobat ibu saya ga keluar2", "32.76.08.1003", "KEC-CILODONG", "LAYANAN_WILAYAH"},
		{"minta surat pindah di kelurahan katanya harus ke dukcapil", "32.76.04.1002", "DISDUKCAPIL", "ADMINDUK"},
		{"petugas kelurahan minta uang 50rb biar sktm cepat jadi", "32.76.04.1002", "INSPEKTORAT", "PUNGLI_ASN"},
		{"udah bawa sktm dari kelurahan tapi nama kami tetap ga masuk dtks, bansos ga pernah dapet", "32.76.04.1002", "DINSOS", "BANSOS_DTKS"},
	} {
		s := r.Suggest(c.text, c.kel, 3)
		if len(s.Agencies) == 0 || s.Agencies[0].Code != c.agency {
			t.Errorf("%q: agencies %v, want %s first", c.text, s.Agencies, c.agency)
		}
		if len(s.Categories) == 0 || s.Categories[0].Code != c.category {
			t.Errorf("%q: categories %v, want %s first", c.text, s.Categories, c.category)
		}
	}
}

// TestCategoryFollowsTheAgency: when the first agency is not one the
// first category goes to, the category follows the agency (the agency
// weighed the categories' evidence with its own): an office's opening
// hours are its own service, not a levy nor the kelurahan's.
func TestCategoryFollowsTheAgency(t *testing.T) {
	t.Parallel()
	r, _ := newInstall(t)
	for _, c := range []struct{ text, agency, category string }{
		{"puskesmas di sini jam 12 udah tutup, padahal di jadwalnya buka sampe sore", "DINKES", "KESEHATAN"},
		{"kantor kecamatan tapos jam 2 siang udah kosong, ga ada yang bisa ditanya", "KEC-TAPOS", "LAYANAN_WILAYAH"},
	} {
		s := r.Suggest(c.text, "", 3)
		if len(s.Agencies) == 0 || s.Agencies[0].Code != c.agency {
			t.Errorf("%q: agencies %v, want %s first", c.text, s.Agencies, c.agency)
		}
		if len(s.Categories) == 0 || s.Categories[0].Code != c.category {
			t.Errorf("%q: categories %v, want %s first", c.text, s.Categories, c.category)
		}
	}
}

// TestRoutingErrorClasses: the classes of error a blind evaluation found
// after the second round (issue 17), as general rules: a tree that has
// fallen onto a car or into a parking lot is Damkar's and one to prune
// DLHK's; an SD/SMP matter stays the city's Disdik when a later SMA is
// mentioned; road damage told by the traffic it upsets is DPUPR's (or
// Disrumkim's for an estate's road not handed over), a dead traffic light
// Dishub's; an identity document is Disdukcapil's wherever its problem
// surfaced; a flood with people to evacuate is Damkar's, a blocked drain
// DPUPR's; and the thin classes are suggested. The texts are not lines of
// any labelled set.
func TestRoutingErrorClasses(t *testing.T) {
	t.Parallel()
	r, _ := newInstall(t)
	for _, c := range []struct{ text, agency, category string }{
		{"pohon nimpa mobil di parkiran ruko, kaca depannya ancur", "DISDAMKAR", "POHON_TUMBANG"},
		{"mobil tetangga ketiban pohon pas ujan angin, jalan jd ga bisa dilewatin", "DISDAMKAR", "POHON_TUMBANG"},
		{"batang pohon gede melintang di jalan, mobil sm motor ga bisa lewat", "DISDAMKAR", "POHON_TUMBANG"},
		{"pohon di pinggir parkiran kantor miring, takut nimpa mobil, minta dipangkas", "DLHK", "POHON_TAMAN"},
		{"ijazah smp anak sy ditahan krn nunggak spp, pdhl mau daftar sma", "DISDIK", "PENDIDIKAN"},
		{"ppdb sd kacau, nanti pas sma jg gini ga?", "DISDIK", "PENDIDIKAN"},
		{"uang seragam smp negeri 2jt, dulu kakaknya di sma negeri ga segitu", "DISDIK", "PENDIDIKAN"},
		{"anak sy lulus smp mau daftar sma negeri tp ditolak zonasi", "DISDIK-JABAR", "PENDIDIKAN"},
		{"jalan bolong2 parah, mobil pd zig-zag, motor hampir jatuh tiap malem", "DPUPR", "JALAN_RUSAK"},
		{"jalan berlubang deket lampu merah, kendaraan zig zag ngindarin", "DPUPR", "JALAN_RUSAK"},
		{"jalan di perumahan rusak, psu blm diserahin pengembang, motor sering jatuh", "DISRUMKIM", "PERMUKIMAN_PSU"},
		{"lampu merah di perempatan mati, mobil sm motor saling serobot", "DISHUB", "LALU_LINTAS"},
		{"mau perpanjang stnk di samsat tp ktp sy ilang, gmn bikin baru", "DISDUKCAPIL", "ADMINDUK"},
		{"di polsek katanya nik sy terdaftar di kota lain", "DISDUKCAPIL", "ADMINDUK"},
		{"ditolak daftar di kantor bpjs krn status kk blm diupdate", "DISDUKCAPIL", "ADMINDUK"},
		{"di mpp dibilang ktp sy blm terekam", "DISDUKCAPIL", "ADMINDUK"},
		{"ktp kecopetan di angkot, mau bikin ulang", "DISDUKCAPIL", "ADMINDUK"},
		{"air masuk rumah sepaha, ada lansia sm balita minta diungsiin", "DISDAMKAR", "DRAINASE_BANJIR"},
		{"air kali masuk rumah sepaha, nenek sy ga bisa jalan, tolong", "DISDAMKAR", "DRAINASE_BANJIR"},
		{"rumah kami terendam sepaha, minta diungsikan, ada orang sakit", "DISDAMKAR", "DRAINASE_BANJIR"},
		{"got mampet, tiap ujan genangan di depan rumah", "DPUPR", "DRAINASE_BANJIR"},
		{"anak umur 11 disuruh kerja di bengkel sampe malem", "DP3AP2KB", "KEKERASAN_PA"},
		{"sapi tetangga lepas masuk kebun warga", "DKP3", "PANGAN_HEWAN"},
		{"kambing2 warga dilepas di taman, rumputnya abis", "DKP3", "PANGAN_HEWAN"},
		{"bocah2 dipekerjakan jd kuli panggul subuh2", "DP3AP2KB", "KEKERASAN_PA"},
		{"minyak goreng dijual di atas het di warung", "DISPERDAGIN", "PASAR_HARGA"},
		{"wc di pasar jorok, ga ada air", "DISPERDAGIN", "PASAR_HARGA"},
		{"gepeng tidur di halte tiap malam", "DINSOS", "PPKS"},
		{"lapangan bola rumputnya botak, gawang patah", "DISPORYATA", "OLAHRAGA_WISATA"},
	} {
		s := r.Suggest(c.text, "", 3)
		if len(s.Agencies) == 0 || s.Agencies[0].Code != c.agency {
			t.Errorf("%q: agencies %v, want %s first", c.text, s.Agencies, c.agency)
		}
		if len(s.Categories) == 0 || s.Categories[0].Code != c.category {
			t.Errorf("%q: categories %v, want %s first", c.text, s.Categories, c.category)
		}
	}
}
