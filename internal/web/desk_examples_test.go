package web

import (
	"testing"
	"time"

	"github.com/kotakita/aduan"
)

// TestMarkExamples: the folder's entries come before past complaints
// whatever the search's order, and a past complaint from another
// kelurahan, or answered more than a year ago, carries its warning.
func TestMarkExamples(t *testing.T) {
	now := time.Date(2026, 12, 7, 10, 0, 0, 0, aduan.WIB)
	limo := &aduan.Complaint{ID: 1, Number: "ADU-2026-000001", Answer: "Akta sudah bisa diambil di Kelurahan Limo.",
		KelurahanCode: "32.76.03.1001", KelurahanName: "Limo", ReceivedAt: now.AddDate(0, -2, 0)}
	beji := &aduan.Complaint{ID: 2, Number: "ADU-2025-000002", Answer: "Lampu PJU di Beji telah diperbaiki.",
		KelurahanCode: "32.76.06.1001", KelurahanName: "Beji", ReceivedAt: now.AddDate(-2, 0, 0)}
	hits := []Hit{pastHit(limo, nil), pastHit(beji, nil), {Title: "Syarat akta kelahiran", Answer: "…", Source: string(aduan.SourceLibrary), Ref: "JWB-0007"}}
	got := markExamples(hits, "32.76.06.1001", now)
	if got[0].Ref != "JWB-0007" || got[0].Example {
		t.Fatalf("first hit %+v, want the folder entry", got[0])
	}
	if !got[1].Example || !got[1].OtherPlace || got[1].Old || got[1].Place != "Limo" {
		t.Errorf("Limo case for a Beji caller: %+v, want an example from another place", got[1])
	}
	if !got[2].Example || got[2].OtherPlace || !got[2].Old {
		t.Errorf("Beji case two years old: %+v, want an old example of the same place", got[2])
	}
	if got := markExamples([]Hit{pastHit(limo, nil)}, "", now); got[0].OtherPlace {
		t.Errorf("no kelurahan picked yet: warned of another place")
	}
}
