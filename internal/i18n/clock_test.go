package i18n

import (
	"testing"
	"time"

	"github.com/kotakita/aduan"
)

// TestDueWordsEveryClockAlike: minutes, words, the deadline's own time;
// "terlambat" once passed; never seconds nor the old "2h 5j" shorthand.
func TestDueWordsEveryClockAlike(t *testing.T) {
	now := time.Date(2026, 12, 7, 14, 6, 41, 0, aduan.WIB)
	for _, c := range []struct {
		lang     Lang
		deadline time.Time
		want     string
		over     bool
	}{
		{ID, time.Date(2026, 12, 7, 14, 30, 0, 0, aduan.WIB), "batas 14.30, sisa 23 menit", false},
		{EN, time.Date(2026, 12, 7, 14, 30, 0, 0, aduan.WIB), "due 14:30, 23 minutes left", false},
		{ID, time.Date(2026, 12, 8, 16, 30, 0, 0, aduan.WIB), "batas 08/12 16.30, sisa 1 hari 2 jam", false},
		{ID, now.Add(-36*time.Hour - 20*time.Second), "terlambat 1 hari 12 jam", true},
		{ID, now.Add(-(20*time.Hour + 50*time.Minute + 49*time.Second)), "terlambat 20 jam 50 menit", true},
		{EN, now.Add(-(20*time.Hour + 50*time.Minute + 49*time.Second)), "20 hours 50 minutes late", true},
		{ID, now.Add(-20 * time.Second), "terlambat kurang dari 1 menit", true},
	} {
		got, over := Due(c.lang, c.deadline, now)
		if got != c.want || over != c.over {
			t.Errorf("Due(%s, %s) = %q %v, want %q %v", c.lang, c.deadline.Format(time.RFC3339), got, over, c.want, c.over)
		}
	}
}
