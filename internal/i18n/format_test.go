package i18n

import (
	"testing"
	"time"
)

func TestNumbersAndMonthsPerLanguage(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Number(ID, 1234567), "1.234.567"},
		{Number(EN, 1234567), "1,234,567"},
		{Number(ID, 0), "0"},
		{Decimal(ID, 4.35, 2), "4,35"},
		{Decimal(ID, 4, 1), "4,0"},
		{Decimal(EN, 1234.5, 1), "1,234.5"},
		{Percent(ID, 87.54), "87,5%"},
		{Percent(EN, 100), "100.0%"},
		{MonthYear(ID, time.Date(2026, 5, 1, 0, 0, 0, 0, time.UTC)), "Mei 2026"},
		{MonthYear(EN, time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)), "August 2026"},
		{MonthShort(ID, time.August), "Agu"},
		{MonthName(ID, time.August), "Agustus"},
		{MonthShort(EN, time.December), "Dec"},
		// 07:05 UTC is 14.05 WIB.
		{Clock(ID, time.Date(2026, 11, 27, 7, 5, 0, 0, time.UTC)), "14.05"},
		{Clock(EN, time.Date(2026, 11, 27, 7, 5, 0, 0, time.UTC)), "14:05"},
		{DayMonthClock(ID, time.Date(2026, 11, 27, 7, 5, 0, 0, time.UTC)), "27/11 14.05"},
		{DayMonthClock(EN, time.Date(2026, 11, 27, 7, 5, 0, 0, time.UTC)), "27/11 14:05"},
		{DateTime(ID, time.Date(2026, 11, 27, 7, 5, 0, 0, time.UTC)), "27 November 2026 14.05 WIB"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
