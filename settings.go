package aduan

import (
	"strconv"
	"strings"
)

// Settings are the city's own values: the SOP names Depok's numbers and
// address, but any city that adopts the SOP sets its own.
var SettingKeys = []string{
	"city_name",         // Kota Depok
	"office_name",       // Dinas Komunikasi dan Informatika
	"call_center_phone", // 08-111-23-2222
	"sms_center_number", // 08-111-63-1500
	"call_center_email", // where citizens send photos (step 5)
	"public_base_url",   // for links in messages
	"letterhead",        // report letterhead text
	"duplicate_window_days",
	"sms_long_messages", // split (concatenated SMS) or refuse (the step is refused; shorten the text)
	"reply_to_closed",   // reopen (a reply reopens a complaint closed automatically; one staff closed is noted), note, or new (it opens a new one)
	// The receipt at intake (the complaint's number, the tracking link and
	// the STATUS command), per channel: on or off.
	"receipt_sms",
	"receipt_whatsapp",
	"receipt_email",
	// The Survei Kepuasan Masyarakat (skm.go): on, the SMS sent when a
	// complaint is closed carries a one-time link to the survey's form
	// beside the quick 1–5 rating (template survey_skm); off, the rating
	// alone (template survey).
	SettingSKMSurvey,
	// Personal data (UU 27/2022, privacy.go): days each kind is kept after
	// its complaint is done (0: kept for ever), and the hours within which a
	// data subject's request is acknowledged and a breach notified.
	"retention_personal_days",
	"retention_messages_days",
	"retention_photos_days",
	"retention_audit_days",
	"privacy_request_hours",
	"breach_notify_hours",
	"time_zone",         // WIB, WITA or WIT: the city's zone, for the calendars and every time shown
	"call_center_hours", // the call center's service time (ParseHours), 24/7 by default
	"office_hours",      // the agencies' and the Kasi's working week, unless an agency has its own
	// The escalation ladder of an overdue step: working days after the
	// breach until the Kasi/Kabid, then the city-level recipient (a phone
	// number: the Sekda's or the Inspektorat's; "-": none, the koordinators
	// only), are told.
	"escalation_kasi_days",
	"escalation_city_days",
	"escalation_city_phone",
	"auto_close_days", // answered or relayed complaints close after so many working days without a reply (LAPOR!: 10)
	// A complaint waiting on the citizen (identity, photos): a reminder
	// after so many days, the close with a notice after so many (UU
	// 25/2009's completion duty: 30).
	"citizen_wait_remind_days",
	"citizen_wait_close_days",

	// The monthly report (SOP step 12) is due by the close of this working
	// day after the period's end.
	"report_monthly_due_workdays",

	// Who answers objections to the PPID (atasan PPID, UU 14/2008 art.
	// 36): a role ("kasi_kabid") or a named user ("user:12"); see
	// InfoAtasan.
	SettingPPIDAtasan,

	// The warning of the escalation ladder: at this percent of a step's
	// standard the people responsible are warned; "80", or per step
	// "80; forward=50; agency_answer=70" (a step not named: the service's
	// WarnAt, 80).
	"sla_warn_percent",

	// The printed report (issue 15): the office's address under the
	// letterhead (with the call center's phone and e-mail), the place of
	// the place-and-date line ("Depok"; empty: the city's name without
	// "Kota"), the document number's pattern ({id}, {year}, {month},
	// {roman}: e.g. "400.14/{id}/Diskominfo/{roman}/{year}"; "-": none),
	// and the optional "Mengetahui" block (lines separated by "|": title,
	// name, NIP; "-": none).
	"office_address",
	"report_place",
	"report_number_pattern",
	"report_acknowledged_by",
}

// DefaultSettings are used where nothing is stored.
func DefaultSettings() map[string]string {
	return map[string]string{
		"city_name":                "Kota Depok",
		"office_name":              "Dinas Komunikasi dan Informatika Kota Depok",
		"call_center_phone":        "08-111-23-2222",
		"sms_center_number":        "08-111-63-1500",
		"call_center_email":        "callcenterdepok.1500664@gmail.com",
		"public_base_url":          "http://127.0.0.1:8080",
		"letterhead":               "PEMERINTAH KOTA DEPOK\nDINAS KOMUNIKASI DAN INFORMATIKA",
		"duplicate_window_days":    "14",
		"sms_long_messages":        "split",
		"reply_to_closed":          "reopen",
		"receipt_sms":              "on",
		"receipt_whatsapp":         "on",
		"receipt_email":            "on",
		SettingSKMSurvey:           "on",
		"retention_personal_days":  "730",
		"retention_messages_days":  "365",
		"retention_photos_days":    "365",
		"retention_audit_days":     "1825",
		"privacy_request_hours":    "72",
		"breach_notify_hours":      "72",
		"time_zone":                "WIB",
		"call_center_hours":        DefaultCallCenterHours,
		"office_hours":             DefaultOfficeHours,
		"escalation_kasi_days":     "2",
		"escalation_city_days":     "5",
		"escalation_city_phone":    "-", // none: the koordinators only
		"auto_close_days":          "10",
		"citizen_wait_remind_days": "3",
		"citizen_wait_close_days":  "30",

		// Reports the office signs.
		"report_monthly_due_workdays": "5",
		"sla_warn_percent":            "80",
		"office_address":              "Gedung Dibaleka II, Jl. Margonda Raya No. 54, Depok 16431",
		"report_place":                "Depok",
		"report_number_pattern":       "-", // none
		"report_acknowledged_by":      "-", // none

		// "-": none yet. The city names its own (the Sekda, as a user);
		// no objection can be answered until it does.
		SettingPPIDAtasan: "-",
	}
}

// SettingSKMSurvey switches the survey link in the SMS after a complaint
// is closed: on or off.
const SettingSKMSurvey = "skm_survey"

// MessageSettingKeys are the settings that switch the call center's own
// messages to citizens on or off (the receipt at intake, the survey
// after the close): the koordinator, who owns what the call center says
// and edits the templates, may change them as well as the admin
// (PermMessageSwitch); every other setting is the admin's.
var MessageSettingKeys = []string{"receipt_sms", "receipt_whatsapp", "receipt_email", SettingSKMSurvey}

// SettingPerm is the permission that changing key needs.
func SettingPerm(key string) Perm {
	if oneOf(key, MessageSettingKeys) {
		return PermMessageSwitch
	}
	return PermSettingsEdit
}

// ValidSetting reports whether key is a known setting.
func ValidSetting(key string) bool { return oneOf(key, SettingKeys) }

// CheckSetting validates a setting's value where its form matters (the
// calendars'); it returns the message key of the problem, or "".
func CheckSetting(key, value string) string {
	switch key {
	case "time_zone":
		if _, err := Zone(value); err != nil {
			return "err.field.choice"
		}
	case "call_center_hours", "office_hours":
		if _, err := ParseHours(value); err != nil {
			return "err.field.hours"
		}
	case "escalation_kasi_days", "escalation_city_days", "auto_close_days", "report_monthly_due_workdays":
		if n, err := strconv.Atoi(strings.TrimSpace(value)); err != nil || n < 1 || n > 60 {
			return "err.field.days"
		}
	case "reply_to_closed":
		if v := strings.TrimSpace(value); v != "reopen" && v != "note" && v != "new" {
			return "err.field.choice"
		}
	case "receipt_sms", "receipt_whatsapp", "receipt_email", SettingSKMSurvey:
		if v := strings.TrimSpace(value); v != "on" && v != "off" {
			return "err.field.choice"
		}
	case SettingPPIDAtasan:
		if _, ok := ParseInfoAtasan(value); !ok && strings.TrimSpace(value) != "-" {
			return "err.ppid.atasan_setting"
		}
	case "citizen_wait_remind_days", "citizen_wait_close_days":
		if n, err := strconv.Atoi(strings.TrimSpace(value)); err != nil || n < 1 || n > 365 {
			return "err.field.calendar_days"
		}
	case "sla_warn_percent":
		if _, _, err := ParseWarnPercent(value); err != nil {
			return "err.field.warn_percent"
		}
	case "escalation_city_phone":
		if strings.TrimSpace(value) == "-" {
			return "" // none
		}
		for _, r := range strings.TrimSpace(value) {
			if (r < '0' || r > '9') && r != '+' && r != ' ' && r != '-' {
				return "err.field.phone"
			}
		}
	}
	return ""
}

// ParseWarnPercent reads the sla_warn_percent setting: an optional percent
// for every step ("80") and percents for named steps ("forward=50"),
// separated by ";" or ",", each between 1 and 99. def is 0 when no percent
// for every step is given.
func ParseWarnPercent(value string) (def int, per map[StepKey]int, err error) {
	per = map[StepKey]int{}
	for _, part := range strings.FieldsFunc(value, func(r rune) bool { return r == ';' || r == ',' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		key, num, named := strings.Cut(part, "=")
		if !named {
			num = key
		}
		n, err := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(num), "%")))
		if err != nil || n < 1 || n > 99 {
			return 0, nil, &Error{Code: EINVALID, Key: "err.field.warn_percent"}
		}
		if !named {
			def = n
			continue
		}
		k := StepKey(strings.TrimSpace(key))
		if _, ok := StepOf(k); !ok {
			return 0, nil, &Error{Code: EINVALID, Key: "err.field.warn_percent"}
		}
		per[k] = n
	}
	return def, per, nil
}

// WarnFraction is the fraction of step's standard after which the people
// responsible are warned, by the sla_warn_percent setting value; fallback
// (the service's WarnAt) where the setting names none for the step.
func WarnFraction(value string, step StepKey, fallback float64) float64 {
	def, per, err := ParseWarnPercent(value)
	if err != nil {
		return fallback
	}
	if n, ok := per[step]; ok {
		return float64(n) / 100
	}
	if def > 0 {
		return float64(def) / 100
	}
	return fallback
}
