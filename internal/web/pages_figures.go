package web

import (
	"context"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
)

// The public figures page (/angka): for anyone, with no log-in, a year's
// complaints per month and how often the city kept its service standards
// (Mutu Baku), overall and per agency. Only counts and rates: the store's
// PublicFigures reads no name, phone, address or complaint text.
//
// A year's figures read every event of the year, so each instance keeps
// them for FiguresTTL (default five minutes) and tells browsers and
// proxies they may do the same: a crowd of citizens (or a news link) costs
// one computation per instance and period, not one per visit.

// figuresCache keeps the figures of each year computed recently. Holding
// the lock while computing makes concurrent misses wait for the one
// computation instead of all running it.
type figuresCache struct {
	mu sync.Mutex
	m  map[int]cachedFigures
}

type cachedFigures struct {
	f  *report.PublicFigures
	at time.Time
}

// figuresTTL is FiguresTTL or its default. (Read, never written: requests
// run concurrently.)
func (p *Public) figuresTTL() time.Duration {
	if p.FiguresTTL > 0 {
		return p.FiguresTTL
	}
	return 5 * time.Minute
}

func (p *Public) figures(ctx context.Context, year int) (*report.PublicFigures, time.Time, error) {
	now := p.Web.Stores.Clock.Now()
	c := &p.figs
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[year]; ok && now.Sub(e.at) < p.figuresTTL() && !now.Before(e.at) {
		return e.f, e.at, nil
	}
	f, err := p.Web.Stores.Figures.PublicFigures(ctx, year)
	if err != nil {
		return nil, time.Time{}, err
	}
	if c.m == nil {
		c.m = map[int]cachedFigures{}
	}
	c.m[year] = cachedFigures{f: f, at: now}
	return f, now, nil
}

// figuresData is what the page shows.
type figuresData struct {
	Year             int
	Years            []int // the last five and the one shown, newest first
	Older            int   // the year before the one shown, when not among them
	Received, Closed int
	// Duplicate and Rejected are counted apart from Received, as on the
	// dashboard and in the monthly report.
	Duplicate, Rejected int
	Steps, Met          int
	Rate                float64
	Months              []figuresMonth
	Agencies            []report.Compliance
	VolumeChart         template.HTML
	RateChart           template.HTML
	AgencyChart         template.HTML
	CompiledAt          time.Time
	TTLMinutes          int
}

type figuresMonth struct {
	Label string
	report.PublicMonth
}

// FirstFiguresYear is the earliest year the page offers.
const FirstFiguresYear = 2000

// Figures shows a year's public figures (?tahun=, default this year).
func (p *Public) Figures(rw http.ResponseWriter, r *http.Request) error {
	lang := langOf(r)
	ttl := p.figuresTTL()
	cityNow, err := p.Web.cityNow(r)
	if err != nil {
		return err
	}
	thisYear := cityNow.Year()
	year := thisYear
	if v := strings.TrimSpace(r.URL.Query().Get("tahun")); v != "" {
		y, err := strconv.Atoi(v)
		if err != nil || y < FirstFiguresYear || y > thisYear {
			return aduan.Errorf(aduan.EINVALID, "pub.fig.bad_year", FirstFiguresYear, thisYear)
		}
		year = y
	}
	f, at, err := p.figures(r.Context(), year)
	if err != nil {
		return err
	}
	d := &figuresData{Year: year, CompiledAt: at, TTLMinutes: int((ttl + time.Minute - 1) / time.Minute), Agencies: f.Agencies}
	for y := thisYear; y > thisYear-5 && y >= FirstFiguresYear; y-- {
		d.Years = append(d.Years, y)
	}
	if year < d.Years[len(d.Years)-1] {
		d.Years = append(d.Years, year)
	}
	if prev := year - 1; prev >= FirstFiguresYear && prev < d.Years[len(d.Years)-1] {
		d.Older = prev
	}
	num := func(v float64) string { return i18n.Number(lang, int64(v)) }
	var labels []string
	var volume []float64
	var rates []BarItem
	for _, m := range f.Months {
		t, err := time.Parse("2006-01", m.Month)
		if err != nil {
			return err
		}
		d.Months = append(d.Months, figuresMonth{Label: i18n.MonthName(lang, t.Month()), PublicMonth: m})
		d.Received += m.Received
		d.Duplicate += m.Duplicate
		d.Rejected += m.Rejected
		d.Closed += m.Closed
		d.Steps += m.Steps
		d.Met += m.StepsMet
		labels = append(labels, i18n.MonthShort(lang, t.Month()))
		volume = append(volume, float64(m.Received))
		if m.Steps > 0 {
			rates = append(rates, BarItem{Label: i18n.MonthYear(lang, t), Value: m.Rate, Text: i18n.Percent(lang, m.Rate), Class: rateClass(m.Rate)})
		}
	}
	d.Rate = report.Rate(d.Met, d.Steps)
	if d.Received > 0 {
		d.VolumeChart = columnChart(labels, volume, num, 360)
	}
	d.RateChart = stackedBars(rates, 100, num)
	var ags []BarItem
	for _, a := range f.Agencies {
		if a.Total > 0 {
			ags = append(ags, BarItem{Label: a.Name, Value: a.Rate, Text: i18n.Percent(lang, a.Rate) + " (" + i18n.Number(lang, int64(a.Total)) + ")", Class: rateClass(a.Rate)})
		}
	}
	d.AgencyChart = stackedBars(ags, 100, num)
	// The page holds no one's data and no session (public routes read no
	// cookie but the language), so shared caches may keep it as long as
	// this instance does.
	h := rw.Header()
	h.Set("Vary", "Cookie")
	return p.Web.render(cacheable{rw, "public, max-age=" + strconv.Itoa(int(ttl.Seconds()))}, r, http.StatusOK, "public_figures",
		&Page{Title: i18n.T(lang, "pub.fig.title", year), Data: d})
}

// cacheable lets a page that render marks no-store be cached instead: the
// header is put right before the status goes out.
type cacheable struct {
	http.ResponseWriter
	cache string
}

func (c cacheable) WriteHeader(code int) {
	if code == http.StatusOK {
		c.Header().Set("Cache-Control", c.cache)
	}
	c.ResponseWriter.WriteHeader(code)
}
