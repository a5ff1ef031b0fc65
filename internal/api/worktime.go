package api

import (
	"net/http"
	"sort"
	"strconv"
	"strings"

	"github.com/kotakita/aduan"
	"github.com/kotakita/aduan/internal/reqctx"
	"github.com/kotakita/aduan/internal/store"
)

// The working-time calendars and the categories' tiers over the API
// (issue 15): what the standards page shows and saves, for the city's
// other systems. Reading needs the settings' read permission; writing is
// the koordinator's and the admin's (PermStandardsEdit), saved through the
// same store method as the page, all or none.

// CalendarsJSON is the city's zone and the opening hours each party's
// clock counts in.
type CalendarsJSON struct {
	TimeZone        string            `json:"time_zone"`         // WIB, WITA or WIT
	CallCenterHours string            `json:"call_center_hours"` // "24/7" or e.g. "sen-jum 07:30-16:00"
	OfficeHours     string            `json:"office_hours"`      // the agencies' and the Kasi's week
	AgencyHours     []AgencyHoursJSON `json:"agency_hours"`      // agencies with hours of their own
}

// AgencyHoursJSON is an agency's own opening hours.
type AgencyHoursJSON struct {
	AgencyID int64  `json:"agency_id"`
	Hours    string `json:"hours"` // "": the office hours
}

// CalendarsInput changes the calendars; a field left out stays as it is.
// An agency listed with hours "" goes back to the office hours.
type CalendarsInput struct {
	TimeZone        *string           `json:"time_zone,omitempty"`
	CallCenterHours *string           `json:"call_center_hours,omitempty"`
	OfficeHours     *string           `json:"office_hours,omitempty"`
	AgencyHours     []AgencyHoursJSON `json:"agency_hours,omitempty"`
}

// TiersJSON is the tier each category is timed by (categories not listed:
// the normative tier) and the standards by tier and priority.
type TiersJSON struct {
	Tiers      []string           `json:"tiers"`
	Categories []CategoryTierJSON `json:"categories"`
	Rules      []RuleJSON         `json:"rules"`
}

// CategoryTierJSON is one category's tier.
type CategoryTierJSON struct {
	CategoryID int64  `json:"category_id"`
	Tier       string `json:"tier"`
}

// RuleJSON is a step's standard for complaints of a tier and/or priority.
type RuleJSON struct {
	Step     string `json:"step"`
	Tier     string `json:"tier,omitempty"`
	Priority string `json:"priority,omitempty"`
	Amount   int    `json:"amount"`
	Unit     string `json:"unit"`
}

// CategoryTierInput sets a category's tier ("": back to the default).
type CategoryTierInput struct {
	Tier string `json:"tier"`
}

func calendarsJSON(wt *store.WorkTime) CalendarsJSON {
	out := CalendarsJSON{TimeZone: wt.TimeZone, CallCenterHours: wt.CallCenter, OfficeHours: wt.Office, AgencyHours: []AgencyHoursJSON{}}
	for id, h := range wt.AgencyHrs {
		if strings.TrimSpace(h) != "" {
			out.AgencyHours = append(out.AgencyHours, AgencyHoursJSON{AgencyID: id, Hours: h})
		}
	}
	sort.Slice(out.AgencyHours, func(i, j int) bool { return out.AgencyHours[i].AgencyID < out.AgencyHours[j].AgencyID })
	return out
}

func tiersJSON(wt *store.WorkTime) TiersJSON {
	out := TiersJSON{Tiers: []string{}, Categories: []CategoryTierJSON{}, Rules: []RuleJSON{}}
	for _, t := range aduan.Tiers {
		out.Tiers = append(out.Tiers, string(t))
	}
	for id, t := range wt.Tiers {
		out.Categories = append(out.Categories, CategoryTierJSON{CategoryID: id, Tier: string(t)})
	}
	sort.Slice(out.Categories, func(i, j int) bool { return out.Categories[i].CategoryID < out.Categories[j].CategoryID })
	for k, st := range wt.Rules {
		out.Rules = append(out.Rules, RuleJSON{Step: string(k.Step), Tier: string(k.Tier), Priority: string(k.Priority), Amount: st.Amount, Unit: string(st.Unit)})
	}
	sort.Slice(out.Rules, func(i, j int) bool {
		a, b := out.Rules[i], out.Rules[j]
		if a.Step != b.Step {
			return a.Step < b.Step
		}
		if a.Tier != b.Tier {
			return a.Tier < b.Tier
		}
		return a.Priority < b.Priority
	})
	return out
}

// GetCalendars serves the city's zone and opening hours.
func (a *API) GetCalendars(w http.ResponseWriter, r *http.Request) error {
	if err := reqctx.Actor(r).Require(aduan.PermSettingsRead); err != nil {
		return err
	}
	wt, err := a.workCalendars().WorkTime(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, calendarsJSON(wt))
}

// PutCalendars changes the zone and opening hours, all or none.
func (a *API) PutCalendars(w http.ResponseWriter, r *http.Request) error {
	act := reqctx.Actor(r)
	if err := act.Require(aduan.PermStandardsEdit); err != nil {
		return err
	}
	var in CalendarsInput
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	wt, err := a.workCalendars().WorkTime(r.Context())
	if err != nil {
		return err
	}
	if in.TimeZone != nil {
		wt.TimeZone = strings.ToUpper(strings.TrimSpace(*in.TimeZone))
	}
	if in.CallCenterHours != nil {
		wt.CallCenter = *in.CallCenterHours
	}
	if in.OfficeHours != nil {
		wt.Office = *in.OfficeHours
	}
	if wt.AgencyHrs == nil {
		wt.AgencyHrs = map[int64]string{}
	}
	for _, h := range in.AgencyHours {
		if _, err := a.workCalendars().Agency(r.Context(), h.AgencyID); h.AgencyID <= 0 || err != nil {
			var v aduan.Validation
			v.Add("agency_hours", "err.field.unknown")
			return v.Err()
		}
		wt.AgencyHrs[h.AgencyID] = h.Hours
	}
	if err := a.workCalendars().SaveWorkTime(r.Context(), act, wt); err != nil {
		return err
	}
	return a.GetCalendars(w, r)
}

// GetTiers serves each category's tier and the standards by tier and
// priority.
func (a *API) GetTiers(w http.ResponseWriter, r *http.Request) error {
	if err := reqctx.Actor(r).Require(aduan.PermSettingsRead); err != nil {
		return err
	}
	wt, err := a.workCalendars().WorkTime(r.Context())
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, tiersJSON(wt))
}

// PutCategoryTier sets the tier a category's complaints are timed by.
func (a *API) PutCategoryTier(w http.ResponseWriter, r *http.Request) error {
	act := reqctx.Actor(r)
	if err := act.Require(aduan.PermStandardsEdit); err != nil {
		return err
	}
	id, err := strconv.ParseInt(r.PathValue("category_id"), 10, 64)
	if err != nil || id <= 0 {
		return aduan.Errorf(aduan.ENOTFOUND, "err.not_found")
	}
	if _, err := a.workCalendars().Category(r.Context(), id); err != nil {
		return err
	}
	var in CategoryTierInput
	if err := reqctx.Decode(r, &in); err != nil {
		return err
	}
	wt, err := a.workCalendars().WorkTime(r.Context())
	if err != nil {
		return err
	}
	if wt.Tiers == nil {
		wt.Tiers = map[int64]aduan.Tier{}
	}
	if t := aduan.Tier(strings.TrimSpace(in.Tier)); t == "" {
		delete(wt.Tiers, id)
	} else {
		wt.Tiers[id] = t
	}
	if err := a.workCalendars().SaveWorkTime(r.Context(), act, wt); err != nil {
		return err
	}
	return a.GetTiers(w, r)
}
