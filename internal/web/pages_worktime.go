package web

import (
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/i18n"
	"github.com/kotakita/aduan/internal/store"
)

// The standards page (/admin/standards) and the holiday tables
// (/admin/holidays): the Mutu Baku the figures are measured against, the
// parties' calendars, and the years of holidays. The standards page is one
// form saved in one transaction (store.SaveWorkTime).

type worktimeData struct {
	Tab        string // standards or holidays
	CanEdit    bool
	WT         *store.WorkTime
	Zones      []string
	Steps      []wtStep
	Rules      []wtRule
	Tiers      []aduan.Tier
	Priorities []aduan.Priority
	Units      []aduan.Unit
	Categories []wtCategory
	Agencies   []wtAgency
	Years      []wtYear
	Warning    int // a year whose holiday table is missing and matters now
	Errors     map[string]string
	Error      string
	Form       map[string]string
	Imported   string
}

type wtStep struct {
	Info aduan.StepInfo
	Cur  aduan.Standard
}

type wtRule struct {
	Key     aduan.RuleKey
	ID      string // the form's name for it: step.tier.priority ("-" for any)
	Std     aduan.Standard
	Default *aduan.Standard
}

type wtCategory struct {
	ID   int64
	Name string
	Tier aduan.Tier
}

type wtAgency struct {
	ID    int64
	Name  string
	Hours string
}

type wtYear struct {
	Year int
	Days []aduan.Holiday
}

func ruleID(k aduan.RuleKey) string {
	dash := func(s string) string {
		if s == "" {
			return "-"
		}
		return s
	}
	return string(k.Step) + "." + dash(string(k.Tier)) + "." + dash(string(k.Priority))
}

func parseRuleID(id string) (aduan.RuleKey, bool) {
	p := strings.Split(id, ".")
	if len(p) != 3 {
		return aduan.RuleKey{}, false
	}
	und := func(s string) string {
		if s == "-" {
			return ""
		}
		return s
	}
	return aduan.RuleKey{Step: aduan.StepKey(p[0]), Tier: aduan.Tier(und(p[1])), Priority: aduan.Priority(und(p[2]))}, true
}

// Standards shows the standards page.
func (w *Web) Standards(rw http.ResponseWriter, r *http.Request) error {
	return w.worktime(rw, r, http.StatusOK, &worktimeData{Tab: "standards"})
}

// Holidays shows the holiday tables by year.
func (w *Web) Holidays(rw http.ResponseWriter, r *http.Request) error {
	return w.worktime(rw, r, http.StatusOK, &worktimeData{Tab: "holidays", Imported: r.URL.Query().Get("imported")})
}

func (w *Web) worktime(rw http.ResponseWriter, r *http.Request, status int, d *worktimeData) error {
	actor := actorOf(r)
	if err := actor.Require(aduan.PermSettingsRead); err != nil {
		return err
	}
	ctx := r.Context()
	d.CanEdit = actor.Can(aduan.PermStandardsEdit)
	var err error
	if d.Warning, err = w.Stores.Worktime.HolidayWarning(ctx); err != nil {
		return err
	}
	if d.Tab == "holidays" {
		hs, err := w.Stores.Worktime.Holidays(ctx)
		if err != nil {
			return err
		}
		for _, h := range hs {
			y, _ := strconv.Atoi(h.Date[:4])
			if n := len(d.Years); n == 0 || d.Years[n-1].Year != y {
				d.Years = append(d.Years, wtYear{Year: y})
			}
			d.Years[len(d.Years)-1].Days = append(d.Years[len(d.Years)-1].Days, h)
		}
		return w.render(rw, r, status, "worktime", &Page{Title: i18n.T(langOf(r), "web.admin.holidays"), Data: d})
	}
	if d.WT, err = w.Stores.Worktime.WorkTime(ctx); err != nil {
		return err
	}
	d.Zones = []string{"WIB", "WITA", "WIT"}
	d.Tiers, d.Priorities, d.Units = aduan.Tiers, aduan.Priorities, []aduan.Unit{aduan.UnitMinute, aduan.UnitHour, aduan.UnitWorkday}
	for _, s := range aduan.Steps {
		d.Steps = append(d.Steps, wtStep{Info: s, Cur: d.WT.Standards[s.Key]})
	}
	defaults := aduan.DefaultRules()
	for k, v := range d.WT.Rules {
		row := wtRule{Key: k, ID: ruleID(k), Std: v}
		if def, ok := defaults[k]; ok {
			row.Default = &def
		}
		d.Rules = append(d.Rules, row)
	}
	order := map[aduan.StepKey]int{}
	for i, s := range aduan.Steps {
		order[s.Key] = i
	}
	sort.Slice(d.Rules, func(i, j int) bool {
		a, b := d.Rules[i].Key, d.Rules[j].Key
		if a.Step != b.Step {
			return order[a.Step] < order[b.Step]
		}
		if a.Priority != b.Priority {
			return a.Priority < b.Priority
		}
		return tierRank(a.Tier) < tierRank(b.Tier)
	})
	cats, err := w.Stores.RefData.Categories(ctx)
	if err != nil {
		return err
	}
	for _, c := range cats {
		t, ok := d.WT.Tiers[c.ID]
		if !ok {
			t = aduan.DefaultTier
		}
		d.Categories = append(d.Categories, wtCategory{c.ID, c.Name, t})
	}
	ags, err := w.Stores.RefData.Agencies(ctx)
	if err != nil {
		return err
	}
	for _, a := range ags {
		if a.Active || d.WT.AgencyHrs[a.ID] != "" {
			d.Agencies = append(d.Agencies, wtAgency{a.ID, a.Name, d.WT.AgencyHrs[a.ID]})
		}
	}
	if d.Form == nil {
		d.Form = map[string]string{}
	}
	return w.render(rw, r, status, "worktime", &Page{Title: i18n.T(langOf(r), "web.admin.standards"), Data: d})
}

func tierRank(t aduan.Tier) int {
	for i, x := range aduan.Tiers {
		if x == t {
			return i
		}
	}
	return -1
}

// SaveStandards saves the whole standards page, all or none.
func (w *Web) SaveStandards(rw http.ResponseWriter, r *http.Request) error {
	if err := parseForm(rw, r); err != nil {
		return err
	}
	v := r.PostFormValue
	form := map[string]string{}
	for k := range r.PostForm {
		form[k] = v(k)
	}
	std := func(prefix string) (aduan.Standard, bool) {
		a := v("amount." + prefix)
		if a == "" {
			return aduan.Standard{}, false
		}
		n, err := strconv.Atoi(strings.TrimSpace(a))
		if err != nil {
			n = 0 // refused by Validate, named on its field
		}
		return aduan.Standard{Amount: n, Unit: aduan.Unit(v("unit." + prefix))}, true
	}
	wt := &store.WorkTime{Standards: aduan.Standards{}, Rules: aduan.Rules{}, Tiers: map[int64]aduan.Tier{}, AgencyHrs: map[int64]string{},
		TimeZone: v("time_zone"), CallCenter: strings.TrimSpace(v("call_center_hours")), Office: strings.TrimSpace(v("office_hours"))}
	for k := range r.PostForm {
		switch {
		case strings.HasPrefix(k, "amount.standard."):
			step := strings.TrimPrefix(k, "amount.standard.")
			if s, ok := std("standard." + step); ok {
				wt.Standards[aduan.StepKey(step)] = s
			}
		case strings.HasPrefix(k, "amount.rule."):
			id := strings.TrimPrefix(k, "amount.rule.")
			if key, ok := parseRuleID(id); ok {
				if s, ok := std("rule." + id); ok {
					wt.Rules[key] = s
				}
			}
		case strings.HasPrefix(k, "tier."):
			id, _ := strconv.ParseInt(strings.TrimPrefix(k, "tier."), 10, 64)
			wt.Tiers[id] = aduan.Tier(v(k))
		case strings.HasPrefix(k, "hours."):
			id, _ := strconv.ParseInt(strings.TrimPrefix(k, "hours."), 10, 64)
			wt.AgencyHrs[id] = strings.TrimSpace(v(k))
		}
	}
	if step := v("new.step"); step != "" && (v("new.tier") != "" || v("new.priority") != "") {
		key := aduan.RuleKey{Step: aduan.StepKey(step), Tier: aduan.Tier(v("new.tier")), Priority: aduan.Priority(v("new.priority"))}
		if s, ok := std("new"); ok {
			wt.Rules[key] = s
		}
	}
	if err := w.Stores.Worktime.SaveWorkTime(r.Context(), actorOf(r), wt); err != nil {
		fields, msg, ok := formErrors(langOf(r), err)
		if !ok {
			return err
		}
		return w.worktime(rw, r, statusFor(err), &worktimeData{Tab: "standards", Errors: fields, Error: msg, Form: form})
	}
	return redirect(rw, r, "/admin/standards", "web.ok.saved")
}

// maxHolidayFile bounds an imported holiday table: a year is a few dozen
// lines.
const maxHolidayFile = 256 << 10

// SaveHolidays adds or removes one day, or imports a year from CSV/JSON
// (an uploaded file or pasted text).
func (w *Web) SaveHolidays(rw http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(rw, r.Body, maxHolidayFile+64<<10)
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		if err := r.ParseMultipartForm(maxHolidayFile); err != nil {
			return aduan.Errorf(aduan.EINVALID, "err.invalid_input")
		}
	} else if err := parseForm(rw, r); err != nil {
		return err
	}
	ctx, actor, v := r.Context(), actorOf(r), r.PostFormValue
	form := map[string]string{}
	for k := range r.PostForm {
		form[k] = v(k)
	}
	fail := func(err error) error {
		fields, msg, ok := formErrors(langOf(r), err)
		if !ok {
			return err
		}
		return w.worktime(rw, r, statusFor(err), &worktimeData{Tab: "holidays", Errors: fields, Error: msg, Form: form})
	}
	switch {
	case v("delete") != "":
		if err := w.Stores.Worktime.DeleteHoliday(ctx, actor, v("delete")); err != nil {
			return fail(err)
		}
	case v("import") != "":
		year, _ := strconv.Atoi(strings.TrimSpace(v("year")))
		data := []byte(v("text"))
		if f, _, err := r.FormFile("file"); err == nil {
			b, rerr := io.ReadAll(io.LimitReader(f, maxHolidayFile))
			f.Close()
			if rerr != nil {
				return rerr
			}
			if len(strings.TrimSpace(string(b))) > 0 {
				data = b
			}
		}
		hs, err := aduan.ParseHolidays(data)
		if err != nil {
			return fail(&aduan.Error{Code: aduan.EINVALID, Key: "err.invalid_input",
				Fields: []aduan.FieldError{{Field: "file", Key: "err.field.holiday_file", Args: []any{err.Error()}}}})
		}
		n, err := w.Stores.Worktime.ImportHolidays(ctx, actor, year, hs, v("replace") == "on")
		if err != nil {
			return fail(err)
		}
		return redirect(rw, r, fmt.Sprintf("/admin/holidays?imported=%d:%d", year, n), "web.ok.saved")
	default:
		if err := w.Stores.Worktime.SaveHoliday(ctx, actor, aduan.Holiday{Date: v("date"), Name: v("name")}); err != nil {
			return fail(err)
		}
	}
	return redirect(rw, r, "/admin/holidays", "web.ok.saved")
}
