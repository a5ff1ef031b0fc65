package lapor

import (
	"testing"
	"time"

	"github.com/kotakita/aduan"
)

// LAPOR!'s export writes Jakarta's time; a mapping may name another zone,
// and a zone that does not exist is refused before any row is read.
func TestImportDatesInTheExportsZone(t *testing.T) {
	csv := []byte("No. Tracking,Isi Laporan,Tanggal Disposisi\nLAP-1,Jalan rusak,01/11/2026 08:30\n")
	read := func(mapping string) time.Time {
		t.Helper()
		m, err := ParseMapping([]byte(mapping))
		if err != nil {
			t.Fatal(err)
		}
		rows, bad, err := ParseFile("x.csv", csv, m)
		if err != nil || len(bad) != 0 || len(rows) != 1 {
			t.Fatalf("rows %v, bad %v, err %v", rows, bad, err)
		}
		return rows[0].Dispositioned
	}
	if got, want := read(`{}`), time.Date(2026, 11, 1, 8, 30, 0, 0, aduan.WIB); !got.Equal(want) {
		t.Errorf("default: %s, want %s (WIB)", got, want)
	}
	if got, want := read(`{"time_zone": "WITA"}`), time.Date(2026, 11, 1, 0, 30, 0, 0, time.UTC); !got.Equal(want) {
		t.Errorf("WITA: %s, want %s", got, want)
	}
	if _, err := ParseMapping([]byte(`{"time_zone": "Asia/Makassar"}`)); aduan.ErrorCode(err) != aduan.EINVALID {
		t.Errorf("an unknown zone: %v", err)
	}
}
