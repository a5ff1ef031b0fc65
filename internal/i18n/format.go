package i18n

import (
	"fmt"
	"time"

	"golang.org/x/text/language"
	"golang.org/x/text/message"
	"golang.org/x/text/number"
)

// Numbers are written as each language writes them: Indonesian groups
// thousands with a dot and writes the decimal comma (1.234 pengaduan,
// 87,5%), English the other way round. x/text knows the CLDR rules.

func printer(lang Lang) *message.Printer {
	if lang == EN {
		return message.NewPrinter(language.English)
	}
	return message.NewPrinter(language.Indonesian)
}

// Number formats a whole number with thousands grouped: 1.234.567.
func Number(lang Lang, n int64) string {
	return printer(lang).Sprint(number.Decimal(n))
}

// Decimal formats f with exactly digits decimals: 4,35.
func Decimal(lang Lang, f float64, digits int) string {
	return printer(lang).Sprint(number.Decimal(f, number.MinFractionDigits(digits), number.MaxFractionDigits(digits)))
}

// Percent formats a percentage given as 0–100 with one decimal: 87,5%.
func Percent(lang Lang, pct float64) string {
	return Decimal(lang, pct, 1) + "%"
}

// MonthYear names the month of t in the city's zone (Local): Mei 2026.
func MonthYear(lang Lang, t time.Time) string {
	t = Local(t)
	if lang == EN {
		return t.Format("January 2006")
	}
	return fmt.Sprintf("%s %d", monthsID[t.Month()-1], t.Year())
}

// MonthName names a month: Agustus.
func MonthName(lang Lang, m time.Month) string {
	if lang == EN {
		return m.String()
	}
	return monthsID[m-1]
}

// MonthShort is the month's name cut to three letters, for chart labels:
// Mei, Agu (Agustus), Des.
func MonthShort(lang Lang, m time.Month) string {
	if lang == EN {
		return m.String()[:3]
	}
	return monthsID[m-1][:3]
}

// Clock writes the time of day of t in the city's zone (Local) as
// DateTime does: 14.05 in Indonesian (a dot between hours and minutes),
// 14:05 in English.
func Clock(lang Lang, t time.Time) string {
	t = Local(t)
	if lang == EN {
		return t.Format("15:04")
	}
	return t.Format("15.04")
}

// DayMonthClock writes t in the city's zone (Local) briefly, for lists
// where the year goes without saying: 27/11 14.05 (English 27/11 14:05).
func DayMonthClock(lang Lang, t time.Time) string {
	return Local(t).Format("02/01") + " " + Clock(lang, t)
}
