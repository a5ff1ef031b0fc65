package aduan

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Working time. A standard in minutes or hours counts only the open time of
// the party responsible for the step; a standard in working days ends at the
// close of the last working day counted. Each party keeps a Calendar: its
// weekly opening hours, the city's time zone and the holiday table.

// WIB is Western Indonesia Time (Asia/Jakarta). Indonesia keeps no daylight
// saving, so fixed zones are exact and need no tz database.
var WIB = time.FixedZone("WIB", 7*60*60)

// The other two Indonesian zones, for cities that adopt the system there.
var (
	WITA = time.FixedZone("WITA", 8*60*60) // Asia/Makassar: Bali, Sulawesi, Kalimantan Selatan/Timur/Utara, NTB, NTT
	WIT  = time.FixedZone("WIT", 9*60*60)  // Asia/Jayapura: Maluku, Papua
)

// Zones are the city time-zone settings, by name.
var Zones = map[string]*time.Location{"WIB": WIB, "WITA": WITA, "WIT": WIT}

// Zone returns the zone named by the time_zone setting; WIB when unset.
func Zone(name string) (*time.Location, error) {
	name = strings.ToUpper(strings.TrimSpace(name))
	if name == "" {
		return WIB, nil
	}
	if z, ok := Zones[name]; ok {
		return z, nil
	}
	return nil, &Error{Code: EINVALID, Key: "err.invalid_input", Fields: []FieldError{{Field: "time_zone", Key: "err.field.choice"}}}
}

// Span is an opening interval of one day, in minutes after midnight
// (To up to 1440, the day's end).
type Span struct{ From, To int }

// WeekHours are the opening hours of each day of the week, indexed by
// time.Weekday (Sunday first).
type WeekHours [7][]Span

// AlwaysOpen is the hours of a service that never closes (24/7).
var AlwaysOpen = WeekHours{{{0, 1440}}, {{0, 1440}}, {{0, 1440}}, {{0, 1440}}, {{0, 1440}}, {{0, 1440}}, {{0, 1440}}}

// DefaultOfficeHours is the working week of an Indonesian local government
// office, and so of the agencies and the Kasi unless a city sets otherwise:
// Monday to Thursday 07:30–16:00, Friday 07:30–16:30 (the longer Friday
// makes up for the Friday-prayer break).
const DefaultOfficeHours = "sen-kam 07:30-16:00; jum 07:30-16:30"

// DefaultCallCenterHours is the call center's service time by default: it
// takes calls around the clock. A city whose call center closes sets, e.g.,
// "sen-jum 07:30-16:00; sab 07:30-12:00".
const DefaultCallCenterHours = "24/7"

// day names accepted in hours, Indonesian first (as written back), English too.
var dayNames = map[string]time.Weekday{
	"min": time.Sunday, "sen": time.Monday, "sel": time.Tuesday, "rab": time.Wednesday,
	"kam": time.Thursday, "jum": time.Friday, "sab": time.Saturday,
	"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday,
	"thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
}

var dayAbbr = [7]string{"min", "sen", "sel", "rab", "kam", "jum", "sab"}

// ParseHours reads opening hours written as "24/7" or as groups separated by
// ';', each days then one or more time ranges: "sen-kam 07:30-16:00;
// jum 07:30-11:30, 13:00-16:30; sab 07:30-12:00". Days are Indonesian or
// English three-letter names, alone, as a range (sen-jum) or listed with
// commas (sen,rab); "24:00" closes at midnight. Days not named are closed.
func ParseHours(s string) (WeekHours, error) {
	var w WeekHours
	bad := func() (WeekHours, error) {
		return WeekHours{}, &Error{Code: EINVALID, Key: "err.invalid_input", Fields: []FieldError{{Field: "hours", Key: "err.field.hours"}}}
	}
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "24/7" {
		return AlwaysOpen, nil
	}
	if s == "" {
		return bad()
	}
	open := false
	for _, group := range strings.Split(s, ";") {
		group = strings.TrimSpace(group)
		if group == "" {
			continue
		}
		daysPart, timesPart, ok := strings.Cut(group, " ")
		if !ok {
			return bad()
		}
		var days []time.Weekday
		for _, d := range strings.Split(daysPart, ",") {
			a, b, isRange := strings.Cut(d, "-")
			from, ok1 := dayNames[a]
			to, ok2 := from, true
			if isRange {
				to, ok2 = dayNames[b]
			}
			if !ok1 || !ok2 {
				return bad()
			}
			for x := from; ; x = (x + 1) % 7 {
				days = append(days, x)
				if x == to {
					break
				}
			}
		}
		var spans []Span
		for _, r := range strings.Split(timesPart, ",") {
			a, b, ok := strings.Cut(strings.TrimSpace(r), "-")
			from, err1 := parseHM(a)
			to, err2 := parseHM(b)
			if !ok || err1 != nil || err2 != nil || to <= from || (len(spans) > 0 && from < spans[len(spans)-1].To) {
				return bad()
			}
			spans = append(spans, Span{from, to})
		}
		for _, d := range days {
			if w[d] != nil {
				return bad() // a day named twice
			}
			w[d] = spans
			open = true
		}
	}
	if !open {
		return bad()
	}
	return w, nil
}

func parseHM(s string) (int, error) {
	h, m, ok := strings.Cut(strings.TrimSpace(s), ":")
	if !ok {
		h, m, ok = strings.Cut(strings.TrimSpace(s), ".")
	}
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if !ok || err1 != nil || err2 != nil || hh < 0 || mm < 0 || mm > 59 || hh*60+mm > 1440 || len(m) != 2 {
		return 0, fmt.Errorf("bad time %q", s)
	}
	return hh*60 + mm, nil
}

// Always reports whether the hours are 24/7.
func (w WeekHours) Always() bool {
	for _, d := range w {
		if len(d) != 1 || d[0] != (Span{0, 1440}) {
			return false
		}
	}
	return true
}

// String writes the hours in ParseHours' form, days that share their hours
// grouped into ranges, Monday first.
func (w WeekHours) String() string {
	if w.Always() {
		return "24/7"
	}
	hm := func(m int) string { return fmt.Sprintf("%02d:%02d", m/60, m%60) }
	spansText := func(sp []Span) string {
		var parts []string
		for _, s := range sp {
			parts = append(parts, hm(s.From)+"-"+hm(s.To))
		}
		return strings.Join(parts, ", ")
	}
	order := []time.Weekday{1, 2, 3, 4, 5, 6, 0}
	var groups []string
	for i := 0; i < len(order); {
		d := order[i]
		if len(w[d]) == 0 {
			i++
			continue
		}
		j := i
		for j+1 < len(order) && spansText(w[order[j+1]]) == spansText(w[d]) {
			j++
		}
		days := dayAbbr[d]
		if j > i {
			days += "-" + dayAbbr[order[j]]
		}
		groups = append(groups, days+" "+spansText(w[d]))
		i = j + 1
	}
	return strings.Join(groups, "; ")
}

// Calendar is one party's working time: weekly hours in the city's zone and
// the holidays (libur nasional and cuti bersama), which close it unless it
// is open around the clock. It knows which years its holiday table covers,
// so a computation in a year without a table can say so.
type Calendar struct {
	Hours    WeekHours
	Loc      *time.Location
	holidays map[string]string
	years    map[int]bool
}

// maxScanDays bounds every walk over the calendar: a deadline more than this
// far ahead is not a working-time question any more (the longest standard,
// 60 working days, is about 90 days).
const maxScanDays = 3 * 366

// NewCalendar returns the default office calendar (DefaultOfficeHours in
// WIB) with the given holidays.
func NewCalendar(holidays []Holiday) *Calendar {
	w, _ := ParseHours(DefaultOfficeHours)
	return NewCalendarHours(w, WIB, holidays)
}

// NewCalendarHours returns a calendar with the given hours, zone (nil: WIB)
// and holidays (YYYY-MM-DD in that zone). The years the holidays fall in are
// the years its table covers.
func NewCalendarHours(w WeekHours, loc *time.Location, holidays []Holiday) *Calendar {
	if loc == nil {
		loc = WIB
	}
	c := &Calendar{Hours: w, Loc: loc, holidays: map[string]string{}, years: map[int]bool{}}
	for _, h := range holidays {
		c.holidays[h.Date] = h.Name
		if y, err := strconv.Atoi(h.Date[:min(4, len(h.Date))]); err == nil {
			c.years[y] = true
		}
	}
	return c
}

// WithHours returns a calendar with other hours and the same zone and
// holidays (an agency's own office hours).
func (c *Calendar) WithHours(w WeekHours) *Calendar {
	return &Calendar{Hours: w, Loc: c.Loc, holidays: c.holidays, years: c.years}
}

func (c *Calendar) loc() *time.Location {
	if c == nil || c.Loc == nil {
		return WIB
	}
	return c.Loc
}

func (c *Calendar) hours() WeekHours {
	if c == nil {
		w, _ := ParseHours(DefaultOfficeHours)
		return w
	}
	return c.Hours
}

// Holiday returns the name of the holiday on t's date, if any.
func (c *Calendar) Holiday(t time.Time) (string, bool) {
	if c == nil {
		return "", false
	}
	n, ok := c.holidays[t.In(c.loc()).Format("2006-01-02")]
	return n, ok
}

// KnowsYear reports whether the holiday table covers year y.
func (c *Calendar) KnowsYear(y int) bool { return c != nil && c.years[y] }

// Years lists the years the holiday table covers, in order.
func (c *Calendar) Years() []int {
	var out []int
	if c == nil {
		return nil
	}
	for y := range c.years {
		out = append(out, y)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// midnight is the start of t's day in the calendar's zone.
func (c *Calendar) midnight(t time.Time) time.Time {
	t = t.In(c.loc())
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, c.loc())
}

// spans returns the opening intervals of the day starting at day.
func (c *Calendar) spans(day time.Time) []Span {
	w := c.hours()
	if !w.Always() {
		if _, off := c.Holiday(day); off {
			return nil
		}
	}
	return w[day.Weekday()]
}

func at(day time.Time, minute int) time.Time { return day.Add(time.Duration(minute) * time.Minute) }

// Workday reports whether t falls on a working day: one with opening hours
// that is not a holiday.
func (c *Calendar) Workday(t time.Time) bool { return len(c.spans(c.midnight(t))) > 0 }

// Open reports whether the party is open at t.
func (c *Calendar) Open(t time.Time) bool {
	day := c.midnight(t)
	for _, s := range c.spans(day) {
		if !t.Before(at(day, s.From)) && t.Before(at(day, s.To)) {
			return true
		}
	}
	return false
}

// AddOpen returns the moment d of open time after t. A start outside open
// time counts from the next opening; AddOpen(t, 0) is that opening (or t
// itself when open).
func (c *Calendar) AddOpen(t time.Time, d time.Duration) time.Time {
	day := c.midnight(t)
	for i := 0; i < maxScanDays; i++ {
		for _, s := range c.spans(day) {
			a, b := at(day, s.From), at(day, s.To)
			if !b.After(t) {
				continue
			}
			if a.Before(t) {
				a = t
			}
			left := b.Sub(a)
			if left >= d && (d > 0 || left > 0) {
				return a.Add(d)
			}
			d -= left
		}
		day = day.AddDate(0, 0, 1)
	}
	return t.Add(d) // never open: wall time is the only honest answer
}

// OpenBetween is the open time between a and b.
func (c *Calendar) OpenBetween(a, b time.Time) time.Duration {
	var sum time.Duration
	if !b.After(a) {
		return 0
	}
	day := c.midnight(a)
	for i := 0; i < maxScanDays && day.Before(b); i++ {
		for _, s := range c.spans(day) {
			x, y := at(day, s.From), at(day, s.To)
			if x.Before(a) {
				x = a
			}
			if y.After(b) {
				y = b
			}
			if y.After(x) {
				sum += y.Sub(x)
			}
		}
		day = day.AddDate(0, 0, 1)
	}
	return sum
}

// closeOf is the closing time of a working day (its last span's end).
func (c *Calendar) closeOf(day time.Time, sp []Span) time.Time { return at(day, sp[len(sp)-1].To) }

// AddWorkdays returns the deadline of a standard of n working days for a
// step started at t: the close of the n-th working day. The counting starts
// at the next opening when t is outside open time; a day counts whole only
// when the step was there at its opening, so a step started during a working
// day counts from the next one (its remainder is a day's grace, as
// "H+n" is read in Indonesian offices). Friday 10:00 + 1 is Monday's close;
// Friday 19:00 + 1 is Monday's close too, Saturday + 1 as well.
func (c *Calendar) AddWorkdays(t time.Time, n int) time.Time {
	start := c.AddOpen(t, 0)
	day := c.midnight(start)
	sp := c.spans(day)
	if n <= 0 {
		if len(sp) == 0 {
			return start
		}
		return c.closeOf(day, sp)
	}
	count := 0
	if len(sp) > 0 && start.Equal(at(day, sp[0].From)) {
		count = 1
		if n == 1 {
			return c.closeOf(day, sp)
		}
	}
	for i := 0; i < maxScanDays; i++ {
		day = day.AddDate(0, 0, 1)
		if sp = c.spans(day); len(sp) == 0 {
			continue
		}
		if count++; count == n {
			return c.closeOf(day, sp)
		}
	}
	return start.AddDate(0, 0, n)
}

// ClosesBetween counts the working days whose close falls after a and no
// later than b: how many working days a pause from a to b swallowed.
func (c *Calendar) ClosesBetween(a, b time.Time) int {
	n := 0
	if !b.After(a) {
		return 0
	}
	day := c.midnight(a)
	for i := 0; i < maxScanDays && !day.After(b); i++ {
		if sp := c.spans(day); len(sp) > 0 {
			if cl := c.closeOf(day, sp); cl.After(a) && !cl.After(b) {
				n++
			}
		}
		day = day.AddDate(0, 0, 1)
	}
	return n
}

// NextWorkdayCloses returns the close of the n-th working day whose close
// comes after t (n ≥ 1); t itself when n ≤ 0.
func (c *Calendar) NextWorkdayCloses(t time.Time, n int) time.Time {
	if n <= 0 {
		return t
	}
	day := c.midnight(t)
	for i := 0; i < maxScanDays; i++ {
		if sp := c.spans(day); len(sp) > 0 {
			if cl := c.closeOf(day, sp); cl.After(t) {
				if n--; n == 0 {
					return cl
				}
			}
		}
		day = day.AddDate(0, 0, 1)
	}
	return t.AddDate(0, 0, n)
}

// UnknownYear returns the first year from a's to b's that the holiday table
// does not cover, or 0 when all are covered or the calendar is open around
// the clock (holidays do not close it). Working time computed across such a
// year treats its weekdays as working days, and says so.
func (c *Calendar) UnknownYear(a, b time.Time) int {
	if c.hours().Always() {
		return 0
	}
	ya, yb := a.In(c.loc()).Year(), b.In(c.loc()).Year()
	for y := ya; y <= yb; y++ {
		if !c.KnowsYear(y) {
			return y
		}
	}
	return 0
}
