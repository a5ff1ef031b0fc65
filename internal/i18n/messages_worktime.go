package i18n

// worktimeMessages are the strings of working time: calendars, standards and escalation: {Indonesian, English}.
var worktimeMessages = map[string][2]string{}
