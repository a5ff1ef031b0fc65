// Package render turns reports into documents: PDF (A4, with the city's
// letterhead, charts drawn with fpdf's primitives, page numbers and the
// paraf block) and XLSX (data sheets with charts), and writes complaint
// lists as CSV and XLSX row by row. It reads the frozen figures only; it
// never touches the database.
package render

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/report"
)

//go:embed font/DejaVuSans.ttf
var fontRegular []byte

//go:embed font/DejaVuSans-Bold.ttf
var fontBold []byte

// Settings are the city's values a document shows.
type Settings struct {
	Letterhead string // lines of the letterhead, newline-separated
	CityName   string
	OfficeName string
	// VerifyURL is where a reader checks a copy (the public verify API).
	VerifyURL string
	// Address and contacts under the letterhead.
	Address, Phone, Email string
	// Place is the place of the place-and-date line ("Depok").
	Place string
	// NumberPattern makes the document number ({id}, {year}, {month},
	// {roman}); empty: no number.
	NumberPattern string
	// Acknowledged is the "Mengetahui" block's lines (title, name, NIP);
	// empty: no block.
	Acknowledged []string
	// Logo is the city's logo (a PNG, see internal/logo), drawn at the
	// left of the letterhead; nil: the letterhead's text alone.
	Logo []byte
	// NIPs are the NIPs of the users who sign, by user ID, printed under
	// their names.
	NIPs map[int64]string
}

// SettingsFrom takes the stored settings over the defaults.
func SettingsFrom(stored map[string]string) Settings {
	all := aduan.DefaultSettings()
	for k, v := range stored {
		if strings.TrimSpace(v) != "" {
			all[k] = v
		}
	}
	set := Settings{Letterhead: all["letterhead"], CityName: all["city_name"], OfficeName: all["office_name"],
		VerifyURL: strings.TrimRight(all["public_base_url"], "/") + "/api/v1/reports/verify",
		Address:   strings.TrimSpace(all["office_address"]), Phone: strings.TrimSpace(all["call_center_phone"]), Email: strings.TrimSpace(all["call_center_email"]),
		Place: strings.TrimSpace(all["report_place"]), NumberPattern: strings.TrimSpace(all["report_number_pattern"])}
	if set.NumberPattern == "-" {
		set.NumberPattern = ""
	}
	if set.Place == "" {
		set.Place = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(set.CityName, "Kota "), "Kabupaten "))
	}
	for _, l := range strings.Split(all["report_acknowledged_by"], "|") {
		if l = strings.TrimSpace(l); l != "" && l != "-" {
			set.Acknowledged = append(set.Acknowledged, l)
		}
	}
	return set
}

// DocNumber is the report's document number by the pattern, or "".
func (d *Doc) DocNumber() string {
	pat := d.Settings.NumberPattern
	if pat == "" || d.Report.ID == 0 {
		return ""
	}
	from := d.Report.From.In(d.Report.Loc())
	roman := [...]string{"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"}[from.Month()-1]
	return strings.NewReplacer("{id}", fmt.Sprint(d.Report.ID), "{year}", fmt.Sprint(from.Year()),
		"{month}", fmt.Sprintf("%02d", int(from.Month())), "{roman}", roman).Replace(pat)
}

// placeDate is the place-and-date line above the signatures: "Depok, 1
// Desember 2026", dated by the paraf (or the submission, or now for a
// draft).
func (d *Doc) placeDate() string {
	r := d.Report
	at := time.Now()
	switch {
	case r.Status == report.StatusComplete && r.ParafAt != nil && !d.Draft:
		at = *r.ParafAt
	case d.Content != nil && d.Content.Submitted != "":
		at = parseRFC(d.Content.Submitted)
	}
	return d.Settings.Place + ", " + i18n.Date(d.Lang, at.In(r.Loc()))
}

// Doc is a report ready to render: the report, the content being shown
// (a frozen version, or a draft's live figures) and who is reading.
type Doc struct {
	Report   *report.Report
	Content  *report.Content
	Settings Settings
	Lang     i18n.Lang
	// Draft marks figures that are not frozen yet (a preview).
	Draft bool
	// Daily or Monthly holds the decoded figures.
	Daily   *report.DailyData
	Monthly *report.MonthlyData
}

// NewDoc decodes the content's figures.
func NewDoc(r *report.Report, c *report.Content, set Settings, lang i18n.Lang, draft bool) (*Doc, error) {
	d := &Doc{Report: r, Content: c, Settings: set, Lang: lang, Draft: draft}
	var err error
	if r.Kind == report.Daily {
		d.Daily = &report.DailyData{}
		err = json.Unmarshal(c.Data, d.Daily)
	} else {
		d.Monthly = &report.MonthlyData{}
		err = json.Unmarshal(c.Data, d.Monthly)
	}
	if err != nil {
		return nil, fmt.Errorf("report %d: figures: %w", r.ID, err)
	}
	return d, nil
}

func (d *Doc) t(key string, args ...any) string { return i18n.T(d.Lang, key, args...) }

// stateLine says where the report stands, for the top of the document,
// and, for a correction, which report it corrects.
func (d *Doc) stateLine() string {
	s := d.state()
	if d.Content != nil && d.Content.Corrects != 0 {
		s += " " + d.t("rep.state.corrects", d.Content.Corrects)
	}
	return s
}

func (d *Doc) state() string {
	r := d.Report
	switch {
	case d.Provisional():
		return d.t("rep.state.provisional", i18n.Date(d.Lang, r.To.In(r.Loc())))
	case d.Draft:
		return d.t("rep.state.draft")
	case r.Status == report.StatusComplete:
		return d.t("rep.state.initialled", d.Content.Version, i18n.DateTime(d.Lang, r.ParafAt.In(r.Loc())), r.ParafName)
	case r.Kind == report.Daily:
		return d.t("rep.state.final", i18n.DateTime(d.Lang, parseRFC(d.Content.Submitted)))
	case r.Status == report.StatusReturned:
		return d.t("rep.state.returned", d.Content.Version)
	}
	return d.t("rep.state.submitted", d.Content.Version, i18n.DateTime(d.Lang, parseRFC(d.Content.Submitted)))
}

// Provisional reports whether the figures are of a monthly period that had
// not ended when they were compiled: sementara, never to be initialled.
func (d *Doc) Provisional() bool {
	return d.Monthly != nil && d.Monthly.CompiledAt.Before(d.Report.To)
}

func parseRFC(s string) time.Time {
	t, _ := time.Parse(time.RFC3339, s)
	return t
}

// period is the period as people write it.
func (d *Doc) period() string {
	from, to := parseRFC(d.Content.From), parseRFC(d.Content.To)
	if d.Report.Kind == report.Daily {
		return i18n.Weekday(d.Lang, from) + ", " + i18n.Date(d.Lang, from)
	}
	return i18n.Date(d.Lang, from) + " – " + i18n.Date(d.Lang, to.Add(-time.Millisecond))
}

func (d *Doc) filterLine() string {
	if d.Monthly == nil {
		return ""
	}
	fv := d.Monthly.Filter
	var parts []string
	if fv.KecamatanName != "" {
		parts = append(parts, d.t("rep.filter.kecamatan", fv.KecamatanName))
	}
	if fv.AgencyName != "" {
		parts = append(parts, d.t("rep.filter.agency", fv.AgencyName))
	}
	if fv.CategoryName != "" {
		parts = append(parts, d.t("rep.filter.category", fv.CategoryName))
	}
	if fv.Channel != "" {
		parts = append(parts, d.t("rep.filter.channel", "channel."+string(fv.Channel)))
	}
	if len(parts) == 0 {
		return d.t("rep.filter.none")
	}
	return strings.Join(parts, "; ")
}

// Number and duration formats: the reader's, from the catalogue's
// formatters (x/text, CLDR), as on the dashboard and the public figures:
// 1.234 and 87,5% in Indonesian, 1,234 and 87.5% in English.

func (d *Doc) num(n int) string { return i18n.Number(d.Lang, int64(n)) }

func (d *Doc) pct(v float64) string { return i18n.Percent(d.Lang, v) }

// dec writes v with digits decimals: 4,50.
func (d *Doc) dec(v float64, digits int) string { return i18n.Decimal(d.Lang, v, digits) }

func (d *Doc) change(p *float64) string {
	if p == nil {
		return "–"
	}
	s := d.pct(*p)
	if *p > 0 {
		s = "+" + s
	}
	return s
}

func (d *Doc) dur(msv int64) string {
	if msv == 0 {
		return "–"
	}
	return i18n.Duration(d.Lang, time.Duration(msv)*time.Millisecond)
}

// standard renders a step's standard ("10 menit", "2 jam" in the
// figures) in the reader's language.
func (d *Doc) standard(s string) string {
	n, unit, _ := strings.Cut(s, " ")
	return n + " " + d.t("rep.unit."+unit)
}

func (d *Doc) stepLabel(step string) string { return d.t("step." + step) }

func (d *Doc) name(n report.Named) string {
	if n.Name == "" {
		return d.t("rep.unclassified")
	}
	return n.Name
}

func (d *Doc) kecName(k report.KecamatanRow) string {
	if k.Name == "" {
		return d.t("rep.no_place")
	}
	return k.Name
}

func round1(v float64) float64 { return math.Round(v*10) / 10 }

// skmSummary is the IKM in one line: score, grade, and the sample against
// the regulation's minimum.
func (d *Doc) skmSummary(k *aduan.SKMResult) string {
	if k == nil || k.Responses == 0 {
		return d.t("rep.skm.none")
	}
	return d.t("rep.skm.value", d.dec(k.Score, 2), d.t("skm.grade."+k.Grade)) + "; " + d.t("rep.skm.sample") + " " +
		d.num(k.Responses) + "/" + d.num(k.MinSample) + " (" + d.skmEnough(k) + ")"
}

// skmEnough says whether the sample reaches the regulation's minimum, or
// how many answers it lacks.
func (d *Doc) skmEnough(k *aduan.SKMResult) string {
	if k.Enough {
		return d.t("rep.skm.enough")
	}
	return d.t("rep.skm.short", d.num(k.Short()))
}
