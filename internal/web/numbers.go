package web

import "github.com/kotakita/aduan/internal/i18n"

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
