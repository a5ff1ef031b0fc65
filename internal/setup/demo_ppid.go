package setup

import (
	"context"
	"fmt"
	"time"

	"github.com/kotakita/aduan"
)

// ppidDemo adds a handful of public-information requests (UU 14/2008) so
// that the PPID's pages show each state: one granted after its extension,
// one refused under art. 17 whose objection the atasan PPID (the demo's
// kasi) upheld, one referred to the body that holds the data, one with
// the agency's PPID within its deadline, and one past it (in the overdue
// list and the annual report); and the daftar informasi publik.
func (g *demoGen) ppidDemo(ctx context.Context) error {
	now := g.o.Now
	at := func(t time.Time) { g.st.Now = func() time.Time { return t } }
	if err := g.st.RefData().SetSettings(ctx, aduan.System, map[string]string{aduan.SettingPPIDAtasan: fmt.Sprintf("user:%d", g.users["kasi"].ID)}); err != nil {
		return err
	}
	dpupr := g.agencies["DPUPR"]
	utama, pembantu, op, atasan := g.actor("ppid"), g.actor("ppid.dpupr"), g.actor("operator"), g.actor("kasi")
	p := g.st.PPID()
	cal, err := p.Calendar(ctx)
	if err != nil {
		return err
	}
	type step struct {
		workdays int // after the request, in working days
		who      aduan.Actor
		act      aduan.InfoAction
		in       aduan.InfoInput
	}
	reqs := []struct {
		daysAgo int
		in      aduan.NewInfoRequest
		steps   []step
	}{
		{27, aduan.NewInfoRequest{Name: "Hendra Gunawan", Address: "Jl. Siliwangi 21, Pancoran Mas", Phone: "0812-7001-0001", Email: "hendra.g@example.org",
			IDNumber: "3276012302800001", Information: "Rincian anggaran dan realisasi pemeliharaan jalan kota tahun 2026 per kecamatan",
			Purpose: "Pemantauan anggaran oleh forum warga", Medium: "softcopy", Delivery: "email"}, []step{
			{0, utama, aduan.InfoActAssign, aduan.InfoInput{AgencyID: dpupr.ID}},
			{8, pembantu, aduan.InfoActExtend, aduan.InfoInput{Reason: "Data realisasi per kecamatan masih dihimpun dari UPT Jalan dan Jembatan."}},
			{14, pembantu, aduan.InfoActDecide, aduan.InfoInput{Decision: aduan.InfoGranted, Answer: "Terlampir rincian anggaran dan realisasi pemeliharaan jalan 2026 per kecamatan.",
				DocumentURL: "https://ppid.depok.go.id/dokumen/anggaran-pemeliharaan-jalan-2026.pdf", DocumentName: "Anggaran dan Realisasi Pemeliharaan Jalan 2026"}},
		}},
		{24, aduan.NewInfoRequest{Name: "Lina Marlina", Address: "Jl. Kemuning 4, Beji", Phone: "0813-7001-0002", IDNumber: "3276024407900002",
			Information: "Daftar nama dan NIK penerima bantuan sosial di Kelurahan Beji", Purpose: "Memastikan tetangga yang layak terdaftar",
			Medium: "hardcopy", Delivery: "collect"}, []step{
			{3, utama, aduan.InfoActDecide, aduan.InfoInput{Decision: aduan.InfoRefused, Answer: "Daftar memuat nama dan NIK penerima; jumlah penerima per RW dapat diberikan.",
				Ground: "h", ConsequenceTest: "Membuka nama dan NIK penerima mengungkap data pribadi dan kondisi ekonomi mereka (Pasal 17 huruf h); kepentingan pemohon terpenuhi dengan jumlah per RW."}},
			{5, aduan.System, aduan.InfoActObject, aduan.InfoInput{ObjectionReason: "refused", Reason: "Saya hanya perlu tahu apakah RW kami mendapat kuota yang wajar."}},
			{9, atasan, aduan.InfoActAnswerObjection, aduan.InfoInput{Upheld: true, Answer: "Keberatan diterima sebagian: jumlah penerima per RW di Kelurahan Beji diberikan, tanpa nama dan NIK."}},
		}},
		{18, aduan.NewInfoRequest{Name: "Rahmat Hidayat", Address: "Jl. Tole Iskandar 9, Sukmajaya", Email: "rahmat.h@example.org", IDNumber: "3276031109850003",
			Information: "Angka kemiskinan Kota Depok per kecamatan 2025", Purpose: "Bahan tulisan di media lokal", Medium: "softcopy", Delivery: "email"}, []step{
			{2, utama, aduan.InfoActDecide, aduan.InfoInput{Decision: aduan.InfoNotHeld, Answer: "Angka kemiskinan per kecamatan tidak dikuasai Pemerintah Kota Depok.",
				ReferralTo: "Badan Pusat Statistik (BPS) Kota Depok"}},
		}},
		{4, aduan.NewInfoRequest{Name: "Sri Wahyuni", Address: "Jl. Raya Sawangan 77, Sawangan", Phone: "0857-7001-0004", IDNumber: "3276055012920004",
			Information: "Jadwal perbaikan Jalan Raya Sawangan ruas Pasir Putih", Purpose: "Mengatur usaha warung di tepi jalan", Medium: "view", Delivery: "collect"}, []step{
			{1, utama, aduan.InfoActAssign, aduan.InfoInput{AgencyID: dpupr.ID}},
		}},
		{22, aduan.NewInfoRequest{Name: "Yusuf Maulana", Address: "Jl. Merdeka 3, Cimanggis", Phone: "0878-7001-0005", IDNumber: "3276070101880005",
			Information: "Salinan dokumen AMDAL pembangunan pasar di Cimanggis", Purpose: "Kajian lingkungan mahasiswa", Medium: "softcopy", Delivery: "email",
			Email: "yusuf.m@example.org"}, []step{
			{1, utama, aduan.InfoActAssign, aduan.InfoInput{AgencyID: dpupr.ID}},
		}},
	}
	for i, rq := range reqs {
		t := time.Date(now.Year(), now.Month(), now.Day(), 9+i, 15, 0, 0, aduan.WIB).AddDate(0, 0, -rq.daysAgo)
		at(t)
		rq.in.Channel, rq.in.ReceivedAt = aduan.ChannelPhone, t
		if i == 0 {
			rq.in.Contact = &aduan.Contact{Channel: aduan.ChannelPhone, Duration: 6 * time.Minute}
		}
		r, err := p.Register(ctx, op, rq.in, nil)
		if err != nil {
			return fmt.Errorf("demo request %d: %w", i, err)
		}
		for _, s := range rq.steps {
			// In the afternoon of the step's working day.
			when := cal.AddWorkdays(t, s.workdays).Add(-3 * time.Hour)
			if s.workdays == 0 {
				when = t.Add(30 * time.Minute)
			}
			if when.After(now) {
				break
			}
			at(when)
			if _, _, err := p.Act(ctx, s.who, r.ID, 0, s.act, s.in, nil); err != nil {
				return fmt.Errorf("demo request %d, %s: %w", i, s.act, err)
			}
		}
	}
	at(now)
	entries := []aduan.PublicInfo{
		{Title: "Laporan Keuangan Pemerintah Kota Depok 2025 (audited)", Kind: "berkala", Holder: "BKD Kota Depok", Format: "PDF", Period: "2025"},
		{Title: "Rencana Kerja Pemerintah Daerah (RKPD) 2026", Kind: "berkala", Holder: "Bappeda", Format: "PDF", Period: "2026"},
		{Title: "Peringatan dini banjir dan titik rawan genangan", Kind: "serta_merta", Holder: "BPBD", Format: "Situs web", Period: "Musim hujan 2026"},
		{Title: "Data ruas jalan kota dan kondisinya", Kind: "setiap_saat", AgencyID: dpupr.ID, Holder: "Bidang Bina Marga", Format: "XLSX", Period: "2026"},
		{Title: "Data pribadi penerima bantuan sosial (nama, NIK)", Kind: "dikecualikan", Holder: "Dinas Sosial", Format: "Basis data", Period: "2026",
			Summary: "Dikecualikan berdasarkan UU 14/2008 Pasal 17 huruf h; jumlah penerima per kelurahan tersedia setiap saat."},
	}
	for i := range entries {
		if err := p.SavePublicInfo(ctx, utama, &entries[i]); err != nil {
			return fmt.Errorf("demo daftar: %w", err)
		}
	}
	return nil
}
