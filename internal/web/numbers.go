package web

import (
	"html/template"
	"math"
	"time"

	"github.com/kotakita/aduan/internal/i18n"
)

// Every figure, percentage, time and chart a page shows is written the
// reader's way through these methods of the page (the template functions
// have no language): 1.234 and 87,5% and 14.05 in Indonesian, 1,234 and
// 87.5% and 14:05 in English.

// Num writes a count the reader's way: 1.234 (Indonesian), 1,234 (English).
func (p *Page) Num(n any) string {
	switch v := n.(type) {
	case int:
		return i18n.Number(p.Lang, int64(v))
	case int64:
		return i18n.Number(p.Lang, v)
	}
	return ""
}

// Dec writes f with digits decimals: 4,35 (Indonesian), 4.35 (English).
func (p *Page) Dec(f float64, digits int) string { return i18n.Decimal(p.Lang, f, digits) }

// Pct writes a percentage given as 0–100: 87,5%.
func (p *Page) Pct(f float64) string { return i18n.Percent(p.Lang, f) }

// Share writes a fraction given as 0–1 as a percentage with digits
// decimals: Share(0.875, 1) is 87,5%; a suggestion's confidence, where a
// decimal would be false precision, takes 0: 88%.
func (p *Page) Share(f float64, digits int) string {
	return i18n.Decimal(p.Lang, f*100, digits) + "%"
}

// HM writes the time of day in WIB: 14.05 (Indonesian), 14:05 (English).
func (p *Page) HM(t time.Time) string { return i18n.Clock(p.Lang, t) }

// DM writes a day and time in WIB for lists: 27/11 14.05.
func (p *Page) DM(t time.Time) string { return i18n.DayMonthClock(p.Lang, p.local(t)) }

// Bars draws horizontal bars (see barChart); a bar without its own text
// is labelled with its value, a count.
func (p *Page) Bars(items []BarItem, max float64) template.HTML {
	return barChart(items, max, p.count)
}

// BarList draws bars as a list with full, wrapping labels (see barList).
func (p *Page) BarList(items []BarItem, max float64) template.HTML {
	return barList(items, max, p.count)
}

// Line draws the column chart of values over labelled points (days).
func (p *Page) Line(labels []string, values []float64) template.HTML {
	return columnChart(labels, values, p.count, 640)
}

func (p *Page) count(v float64) string { return i18n.Number(p.Lang, int64(math.Round(v))) }
