package i18n

import (
	"time"

	"github.com/kotakita/aduan"
)

// Due writes a deadline as every page of the console shows one, at
// minutes (no ticking seconds) and in words: "terlambat 1 hari 12 jam"
// once it has passed, "batas 14.30, sisa 23 menit" before (the day is
// written too when the deadline is not today: "batas 08/12 14.30, sisa 1
// hari 2 jam"). It is the only place a countdown is worded; the pages'
// script asks the server for fresh words each minute (GET /clocks).
func Due(lang Lang, deadline, now time.Time) (text string, over bool) {
	left := deadline.Sub(now).Truncate(time.Minute)
	if deadline.Before(now) {
		return T(lang, "web.due.over", Duration(lang, now.Sub(deadline).Truncate(time.Minute))), true
	}
	at := Clock(lang, deadline)
	d, n := deadline.In(aduan.WIB), now.In(aduan.WIB)
	if d.YearDay() != n.YearDay() || d.Year() != n.Year() {
		at = DayMonthClock(lang, deadline)
	}
	return T(lang, "web.due.left", at, Duration(lang, left)), false
}
