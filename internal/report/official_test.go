package report_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/store"
)

// TestOfficialPrint: the printed monthly report carries what the office's
// documents carry: the address and contacts under the letterhead, a
// document number by the city's pattern, "Depok, {tanggal}" over the
// signatures, a paraf box and the "Mengetahui" block.
func TestOfficialPrint(t *testing.T) {
	f := newFixture(t, store.SQLite)
	check(t, f.st.RefData().SetSettings(ctx, aduan.System, map[string]string{
		"report_number_pattern":  "400.14/{id}/Diskominfo/{roman}/{year}",
		"report_acknowledged_by": "Kepala Dinas Komunikasi dan Informatika | Drs. Sidik Mulyono, M.Si. | NIP 19700101 199003 1 001",
	}))
	r := finalMonthly(t, f)
	text := pdfText(t, must[[]byte](t)(f.st.Reports().ReportFile(ctx, f.ka, r.ID, "pdf")))
	for _, want := range []string{
		"Jl. Margonda Raya No. 54", "Telepon 08-111-23-2222", "Surel callcenterdepok.1500664@gmail.com",
		"Nomor", "400.14/" + strconv.FormatInt(r.ID, 10) + "/Diskominfo/XI/2026",
		"Depok, 1 Desember 2026", "Paraf", "Mengetahui,", "Kepala Dinas Komunikasi dan Informatika",
		"Drs. Sidik Mulyono, M.Si.", "NIP 19700101 199003 1 001",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the printed report lacks %q", want)
		}
	}
	// Without a pattern or a Mengetahui block, neither is printed.
	f2 := newFixture(t, store.SQLite)
	text = pdfText(t, must[[]byte](t)(f2.st.Reports().ReportFile(ctx, f2.ka, finalMonthly(t, f2).ID, "pdf")))
	if strings.Contains(text, "Mengetahui") || strings.Contains(text, "Diskominfo/XI") {
		t.Errorf("a block nobody set is printed")
	}
}
