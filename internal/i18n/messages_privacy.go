package i18n

// privacyMessages are the strings of personal-data duties (UU 27/2022): retention, data-subject requests, breaches: {Indonesian, English}.
var privacyMessages = map[string][2]string{}
