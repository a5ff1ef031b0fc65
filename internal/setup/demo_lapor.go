package setup

import (
	"context"
	"fmt"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/lapor"
)

// laporDemo adds a few reports SP4N-LAPOR! dispositioned to the city, so
// that the LAPOR! page shows each state it can: one sent on in time and
// answered (its tindak lanjut ready to copy), one sent on late, one still
// waiting to be verified, and one that came in through an imported export.
func (g *demoGen) laporDemo(ctx context.Context) error {
	now := g.o.Now
	at := func(t time.Time) { g.st.Now = func() time.Time { return t } }
	op := g.actor("operator")
	lp := g.st.Lapor()
	type step struct {
		after time.Duration // since the disposition
		who   string
		act   aduan.Action
		in    aduan.ActionInput
	}
	dishub, err := g.st.RefData().AgencyByCode(ctx, "DISHUB")
	if err != nil {
		return err
	}
	dpupr, err := g.st.RefData().AgencyByCode(ctx, "DPUPR")
	if err != nil {
		return err
	}
	reports := []struct {
		in    lapor.Intake
		steps []step
	}{
		{lapor.Intake{TrackingID: "5123401", Category: "PERHUBUNGAN > PARKIR LIAR", Name: "Rina",
			Text:          "Parkir liar memakan trotoar di depan Stasiun Depok Baru setiap sore, pejalan kaki terpaksa turun ke jalan.",
			Dispositioned: now.AddDate(0, 0, -12)}, []step{
			{26 * time.Hour, "operator", aduan.ActionForward, aduan.ActionInput{AgencyID: dishub.ID}},
			{27 * time.Hour, "pd.dishub", aduan.ActionAcknowledge, aduan.ActionInput{}},
			{3 * 24 * time.Hour, "pd.dishub", aduan.ActionAgencyAnswer, aduan.ActionInput{Answer: "Petugas Dishub menertibkan parkir di depan Stasiun Depok Baru setiap sore mulai pekan ini."}},
			{3*24*time.Hour + 2*time.Hour, "operator", aduan.ActionReceiveAnswer, aduan.ActionInput{}},
			{3*24*time.Hour + 3*time.Hour, "operator", aduan.ActionRelay, aduan.ActionInput{Answer: "Dishub menertibkan parkir di depan Stasiun Depok Baru setiap sore mulai pekan ini. Terima kasih atas laporannya."}},
		}},
		{lapor.Intake{TrackingID: "5123402", Category: "PEKERJAAN UMUM DAN PENATAAN RUANG > JALAN BERLUBANG", Anonymous: true,
			Text:          "Jalan berlubang besar di Jl. Raya Sawangan dekat pertigaan, sudah dua motor jatuh.",
			Dispositioned: now.AddDate(0, 0, -14)}, []step{
			// Twelve days on: late whatever holidays fall between.
			{12 * 24 * time.Hour, "operator", aduan.ActionForward, aduan.ActionInput{AgencyID: dpupr.ID}},
		}},
		{lapor.Intake{TrackingID: "5123403", Category: "LINGKUNGAN HIDUP DAN KEHUTANAN > PENGELOLAAN SAMPAH", Name: "Budi",
			Text:          "Sampah di TPS Jl. Kartini belum diangkut sejak Jumat dan mulai berbau.",
			Dispositioned: now.Add(-20 * time.Hour)}, nil},
	}
	for _, r := range reports {
		at(r.in.Dispositioned.Add(30 * time.Minute))
		c, err := lp.Register(ctx, op, r.in, "manual")
		if err != nil {
			return fmt.Errorf("demo LAPOR! %s: %w", r.in.TrackingID, err)
		}
		for _, s := range r.steps {
			t := r.in.Dispositioned.Add(s.after)
			if t.After(now) {
				break
			}
			at(t)
			if c, _, err = g.st.Complaints().ApplyAction(ctx, g.actor(s.who), c.ID, c.Version, s.act, s.in); err != nil {
				return fmt.Errorf("demo LAPOR! %s %s: %w", r.in.TrackingID, s.act, err)
			}
		}
	}
	// One row of an export, as LAPOR!'s admin page gives it.
	at(now.Add(-2 * time.Hour))
	csv := "No. Tracking,Isi Laporan,Kategori,Tanggal Disposisi,Nama Pelapor\n" +
		"5123404,Lampu penerangan jalan mati sepanjang Jl. Juanda sisi timur,PERHUBUNGAN > LAMPU PENERANGAN JALAN UMUM," +
		now.Add(-3*time.Hour).In(aduan.WIB).Format("02/01/2006 15:04") + ",Sari\n"
	rows, rowErrs, err := lapor.ParseFile("ekspor-lapor.csv", []byte(csv), lapor.DefaultMapping)
	if err != nil {
		return err
	}
	res, err := lp.Import(ctx, op, "ekspor-lapor.csv", rows, rowErrs)
	if err != nil {
		return err
	}
	for _, x := range res {
		if x.Err != nil {
			return fmt.Errorf("demo LAPOR! import row %d: %w", x.Row, x.Err)
		}
	}
	return nil
}
